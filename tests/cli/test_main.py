"""The command line: arguments checked before anything happens, Chinese messages, exit 1, a closed pipe ends quietly."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from support import REPO


@pytest.mark.parametrize("args, message", [
    (["roster", "--date", "0001-01-01"], "日期“0001-01-01”无效：年份应在2000年至2099年之间"),
    (["roster", "--date", "2023.4.12"], "日期“2023.4.12”无效：请写作 2022-11-09 这样的格式"),
    (["roster", "--date", "2022-10-01"], "2022-10-01 早于组建日期 2022-11-09：那时还没有成员名单"),
    (["roster", "--body", "joint"], "没有机构“joint”（最接近的是：joint_meeting）"),
    (["rooster"], "没有“rooster”这个命令"),
    (["check", "--what"], "不认识的参数"),
])
def test_a_wrong_argument_is_one_chinese_line_and_exit_1(cli, args, message):
    result = cli(*args)
    assert result.returncode == 1 and message in result.stderr
    assert "Traceback" not in result.stderr and "error:" not in result.stderr and result.stdout == ""


def test_a_failure_nobody_foresaw_is_one_line_without_a_traceback(cli, monkeypatch):
    from ipdocs.cli import main
    monkeypatch.setattr(main, "load_content", lambda root: 1 / 0)
    result = cli("check")
    assert result.returncode == 1 and "内部错误（ZeroDivisionError" in result.stderr and "--debug" in result.stderr
    with pytest.raises(ZeroDivisionError):
        main.main(["--debug", "check"])


def test_roster_into_a_pipe_closed_early_ends_quietly(project):
    """`ipdocs roster | head -1`: the reader goes away; no BrokenPipeError, no message."""
    child = subprocess.Popen([sys.executable, "-m", "ipdocs", "roster", "--date", "2023-03-10"], cwd=project,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             env={**os.environ, "PYTHONPATH": str(REPO)})
    child.stdout.close()                     # closed before the roster is written: its writes find no reader
    stderr = child.stderr.read().decode("utf-8")
    assert child.wait() == 0 and stderr == ""


def test_style_template_writes_a_new_default_house_style_and_nothing_over_or_outside(tmp_path):
    from ipdocs.render.house_template import template_bytes
    from support import ipdocs
    (tmp_path / "templates").mkdir()
    made = ipdocs("style-template", "templates/公文样式（默认）.docx", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "templates" / "公文样式（默认）.docx").read_bytes() == template_bytes()
    for target, message in (("templates/公文样式（默认）.docx", "已存在，没有覆盖"),
                            ("templates/a\x01.docx", "中有不能用在文件名里的字符"),
                            ("../outside.docx", "不在当前项目文件夹中"),
                            ("templates/样式.doc", "应以 .docx 结尾")):
        refused = ipdocs("style-template", target, cwd=tmp_path)
        assert refused.returncode == 1 and message in refused.stderr and "Traceback" not in refused.stderr
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["templates", "公文样式（默认）.docx"]
    assert not (tmp_path.parent / "outside.docx").exists()
