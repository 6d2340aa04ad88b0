"""Every entry of content/ is read or reported: links inside content are followed, nothing unreadable is skipped."""
from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from ipdocs.errors import ContentError
from ipdocs.read import discover
from ipdocs.read.content import load_content

MEETING = "2022-12-15-joint-1.yaml"


def problems(content: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_content(content)
    return [str(p) for p in caught.value.problems]


def test_a_link_to_a_file_inside_content_is_read_as_that_file(project):
    evidence = project / "content" / "evidence" / "2022"
    (evidence / "区法院_活动记录（链接）.md").symlink_to("区法院_以案释法进园区活动记录.md")
    report = project / "content" / "progress" / "2022-Q4" / "区法院.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace("区法院_以案释法进园区活动记录.md", "区法院_活动记录（链接）.md"),
                      encoding="utf-8")
    content = load_content(project / "content")
    work = next(r for r in content.progress if r.source == str(report)).indicators
    assert "evidence/2022/区法院_活动记录（链接）.md" in {e for w in work for e in w.evidence}


def test_an_unreadable_file_is_reported_not_skipped(project, monkeypatch):
    locked = project / "content" / "meetings" / MEETING
    real = Path.read_bytes

    def read_bytes(path):
        if path == locked:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    assert problems(project / "content") == [f"{locked}:1: 无法读取这个文件（Permission denied）：请检查它的权限"]


def test_an_unreadable_folder_is_reported_not_skipped(project, monkeypatch):
    locked = project / "content" / "changes"
    real = os.listdir
    monkeypatch.setattr(discover.os, "listdir",
                        lambda path: (_ for _ in ()).throw(PermissionError(errno.EACCES, "Permission denied"))
                        if Path(path) == locked else real(path))
    assert problems(project / "content") == [f"{locked}:1: 无法打开文件夹（Permission denied）：请检查它的权限"]


def test_what_systems_and_editors_leave_behind_is_a_warning_at_most(project):
    meetings = project / "content" / "meetings"
    (meetings / ".DS_Store").write_bytes(b"\0")
    (meetings / f"{MEETING}~").write_text("旧版本", encoding="utf-8")
    (meetings / f".{MEETING}.swp").write_bytes(b"\0\1")
    content = load_content(project / "content")
    warnings = [str(w) for w in content.warnings if "备份" in w.message]
    assert len(warnings) == 2 and not any(".DS_Store" in w for w in warnings)


def test_a_missing_content_folder_is_one_problem(tmp_path):
    assert problems(tmp_path / "content") == [f"{tmp_path / 'content'}:1: 找不到内容目录：请在项目文件夹（有 content/ 的那一层）中运行"]
