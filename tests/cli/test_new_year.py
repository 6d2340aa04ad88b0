"""ipdocs new-year: the year's assessment as a draft (or from a file), last year's open items carried, a checklist."""
from __future__ import annotations

import datetime as dt

import docx

from support import REPO, build_all, doit
from ipdocs.model import ledger
from ipdocs.read.content import load_content
from ipdocs.read.loader import load_yaml

Q1_REPORT = """\
unit: 区市场监管局
period: 2023-Q1
submitted: 2023-03-30
decisions:
  - ref: 2022-12-15-joint-1#1
    status: 已完成
    note: 年度总结已于1月6日印发。
"""


def test_new_year_then_check_and_doit_work_with_no_hand_edit(cli, project):
    result = cli("new-year", "2023")
    assert result.returncode == 0, result.stderr
    draft = load_yaml(project / "content" / "assessment" / "2023.yaml")
    assert draft["year"] == 2023 and draft["draft"] is True and draft["title"].startswith("2023年度")
    assert "2023年1月1日-11月30日" in draft["period_note"]
    assert "上年未完成的议定事项 6 项" in result.stdout and "2022-12-15-joint-1#1" in result.stdout
    assert "2022-12-15-joint-1#2" not in result.stdout            # finished in 2022: not carried
    assert "封存2022年度档案：doit archive" in result.stdout and (project / "content" / "evidence" / "2023").is_dir()
    checked = cli("check")
    assert checked.returncode == 0
    assert "content/assessment/2023.yaml:3: 警告：2023年度考核指标还是草稿" in checked.stderr
    built = doit(cwd=project)
    assert built.returncode == 0, built.stderr
    assert not list((project / "output").rglob("*.tmp"))


def test_a_year_after_a_draft_year_is_a_draft_of_the_draft_with_one_draft_line(cli, project):
    assert cli("new-year", "2023").returncode == 0
    result = cli("new-year", "2024")
    assert result.returncode == 0, result.stderr
    text = (project / "content" / "assessment" / "2024.yaml").read_text(encoding="utf-8")
    assert [line for line in text.splitlines() if line.startswith("draft:")] == ["draft: true                # 草稿：核对完毕删去这一行"]
    assert text.count("年度考核指标草稿") == 1 and text.startswith("# 2024年度")
    assert load_yaml(project / "content" / "assessment" / "2024.yaml")["year"] == 2024
    assert cli("check").returncode == 0


def test_the_new_years_reports_carry_last_years_open_items(cli, project):
    cli("new-year", "2023")
    folder = project / "content" / "progress" / "2023-Q1"
    folder.mkdir()
    (folder / "区市场监管局.yaml").write_text(Q1_REPORT, encoding="utf-8")
    content = load_content(project / "content")
    refs = [e.decision.ref for e in ledger.year_ledger(content, dt.date(2023, 3, 31))]
    assert "2022-12-15-joint-1#1" in refs and "2022-12-22-protection-1#2" in refs and "2022-12-15-joint-1#2" not in refs
    built = build_all(project / "content", project / "output")
    document = docx.Document(str(built["progress:2023-Q1"]))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "本年度共召开会议0次，形成议定事项0项，另有以前年度结转的未完成事项6项。其中，已完成1项" in text
    table = next(t for t in document.tables if any(c.text == "议定事项" for c in t.rows[0].cells))
    ledger_rows = [[c.text for c in row.cells] for row in table.rows]
    assert any("年度贯彻推进计划" in "".join(r) and "已完成" in r for r in ledger_rows)
    assert not any("宣传活动" in "".join(r) for r in ledger_rows)     # 2022-12-15-joint-1#2, finished in 2022


def test_a_given_file_is_taken_as_the_years_assessment(cli, project, tmp_path):
    source = tmp_path / "2023考核.yaml"
    source.write_text((REPO / "content" / "assessment" / "2022.yaml").read_text(encoding="utf-8").replace("year: 2022", "year: 2023", 1),
                      encoding="utf-8")
    assert cli("new-year", "2023", "--from", str(source)).returncode == 0
    assert (project / "content" / "assessment" / "2023.yaml").read_bytes() == source.read_bytes()
    assert "草稿" not in cli("check").stderr
    again = cli("new-year", "2023")
    assert again.returncode == 0 and "已存在，没有改动" in again.stdout


def test_a_wrong_file_or_year_is_refused_and_nothing_is_written(cli, project, tmp_path):
    source = tmp_path / "wrong.yaml"
    source.write_text((REPO / "content" / "assessment" / "2022.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = cli("new-year", "2023", "--from", str(source))
    assert result.returncode == 1 and f"{source}:1: year 为 2022，但文件名是 2023.yaml" in result.stderr
    assert not (project / "content" / "assessment" / "2023.yaml").exists()
    text = tmp_path / "text.yaml"
    text.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    result = cli("new-year", "2023", "--from", str(text))
    assert result.returncode == 1 and f"{text}:1: 这不是考核指标文件" in result.stderr and "content/assessment" not in result.stderr
    result = cli("new-year", "2023", "--from", "")
    assert result.returncode == 1 and "--from 后面是空的" in result.stderr
    assert not (project / "content" / "assessment" / "2023.yaml").exists()
    for year, message in (("23", "年度“23”无效"), ("2022", "年度 2022 不在 2023–2099 之间"), ("2024", None)):
        result = cli("new-year", year)
        assert (result.returncode == 1 and message in result.stderr) if message else result.returncode == 0
