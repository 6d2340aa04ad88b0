"""doit: describes its tasks, builds, does nothing the second time, rebuilds what an edit touches."""
from __future__ import annotations

from support import doit, executed


def test_doit_list_describes_every_task_in_chinese(project):
    listing = doit("list", cwd=project).stdout
    for task in ("check", "notice", "minutes", "notices", "changes", "roster"):
        line = next(l for l in listing.splitlines() if l.split()[0] == task)
        assert any("\u4e00" <= ch <= "\u9fff" for ch in line), line


def test_a_second_build_does_nothing(project):
    first = doit(cwd=project)
    assert first.returncode == 0 and "notice:founding" in executed(first)
    second = doit(cwd=project)
    assert second.returncode == 0 and executed(second) == set()


def test_editing_a_printed_title_rebuilds_the_notice_and_an_unprinted_change_does_not(project):
    doit(cwd=project)
    people = project / "content" / "people.yaml"
    people.write_text(people.read_text(encoding="utf-8") + "# 注释\n", encoding="utf-8")
    assert "notice:founding" not in executed(doit(cwd=project))
    people.write_text(people.read_text(encoding="utf-8").replace("区司法局副局长", "区司法局局长"), encoding="utf-8")
    assert "notice:founding" in executed(doit(cwd=project))


def test_doit_clean_removes_the_outputs(project):
    doit(cwd=project)
    assert any((project / "output").rglob("*.docx"))
    doit("clean", cwd=project)
    assert not any((project / "output").rglob("*.docx"))


def test_doit_check_reports_warnings_and_passes(project):
    result = doit("check", cwd=project)
    assert result.returncode == 0
    assert "检查通过" in result.stdout
    assert "案件指导工作" in result.stderr + result.stdout


def test_a_damaged_task_cache_is_rebuilt_and_nothing_else_runs(project):
    doit(cwd=project)
    cache = project / ".ipdocs-tasks.json"
    assert cache.exists()
    cache.write_text("{not json", encoding="utf-8")
    again = doit(cwd=project)
    assert again.returncode == 0 and executed(again) == set()
    assert cache.read_text(encoding="utf-8").startswith("{")


def test_the_task_cache_never_hides_a_content_error(project):
    doit(cwd=project)
    people = project / "content" / "people.yaml"
    people.write_text(people.read_text(encoding="utf-8").replace("unit: 区司法局", "unit: 区司发局"), encoding="utf-8")
    result = doit(cwd=project)
    assert result.returncode == 1 and "未知单位“区司发局”" in result.stderr


def test_editing_the_house_style_rebuilds_every_document(project):
    import os
    import shutil

    import docx
    from docx.shared import Pt

    from ipdocs.settings import HOUSE_STYLE
    template = project / "公文样式.docx"
    shutil.copy(HOUSE_STYLE, template)
    os.environ["IPDOCS_HOUSE_STYLE"] = str(template)
    try:
        first = doit(cwd=project)
        assert first.returncode == 0 and executed(doit(cwd=project)) == set()
        document = docx.Document(str(template))
        document.styles["一级标题"].font.size = Pt(18)
        document.save(str(template))
        again = executed(doit(cwd=project))
    finally:
        del os.environ["IPDOCS_HOUSE_STYLE"]
    documents = {name for name in executed(first) if name.split(":")[0] not in ("site",)}
    assert documents and documents <= again
