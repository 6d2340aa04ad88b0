"""ipdocs new-progress: a commented progress file prefilled like the form, valid as written, never overwriting."""
from __future__ import annotations

import re
import shutil

from support import REPO, ipdocs
from ipdocs.model import ledger
from ipdocs.read.content import load_content


def test_the_new_file_lists_the_open_items_and_indicators_as_a_menu_and_passes_the_check(tmp_path):
    shutil.copytree(REPO / "content", tmp_path / "content")
    result = ipdocs("new-progress", "--unit", "区人民法院", "--period", "2023-Q1", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    path = tmp_path / "content" / "progress" / "2023-Q1" / "区法院.yaml"
    text = path.read_text(encoding="utf-8")
    assert "  # - ref: 2022-12-22-protection-1#2  # 协调机制〔2022〕1号纪要第二项（牵头，完成时限2023年3月31日）" in text
    assert "2022-12-15-joint-1#2" not in text              # reported 已完成 by its lead in 2022-Q4
    assert "indicators: []  # 还没有2023年度考核指标（content/assessment/2023.yaml）" in text
    report = next(r for r in load_content(tmp_path / "content").progress if r.period.name == "2023-Q1")
    assert report.unit.label == "区法院" and report.decisions == ()
    # what the clerk does: delete the "# " of the entry's three lines, choose the status, write the note and the date
    entry = re.search(r"(?m)^  # - ref: 2022-12-22-protection-1#2.*\n  #   status:.*\n  #   note:.*\n", text).group(0)
    filled = re.sub(r"(?m)^  # ", "  ", entry).replace("status:", "status: 已完成").replace("note:", "note: 工作办法已印发。")
    text = re.sub(r"submitted: \S+", "submitted: 2023-03-30", text.replace(entry, filled))
    path.write_text(text, encoding="utf-8")
    content = load_content(tmp_path / "content")
    entry = next(e for e in ledger.ledger(content, content.progress[-1].period.end) if e.decision.ref == "2022-12-22-protection-1#2")
    assert entry.status == "已完成" and entry.note.note == "工作办法已印发。"


def test_the_indicator_menu_has_one_entry_per_part_with_its_scoring(tmp_path):
    shutil.copytree(REPO / "content", tmp_path / "content")
    shutil.rmtree(tmp_path / "content" / "progress" / "2022-Q4")
    assert ipdocs("new-progress", "--unit", "区法院", "--period", "2022-Q4", cwd=tmp_path).returncode == 0
    text = (tmp_path / "content" / "progress" / "2022-Q4" / "区法院.yaml").read_text(encoding="utf-8")
    assert "  # - no: 33  # 第33项（2）跨省案件移送（跨部门跨区域办案协作）：按次计分：跨省案件移送每件0.5分，本项最多1分" in text
    assert "  #   case: 跨省案件移送\n  #   count:  # 填次数或件数（整数），不填按1次" in text
    entry = re.search(r"(?m)^  # - no: 6 .*\n(  #   .*\n)+", text).group(0)
    filled = re.sub(r"(?m)^  # ", "  ", entry).replace("count:", "count: 2").replace("text:", "text: 进园区宣传2次。")
    (tmp_path / "content" / "progress" / "2022-Q4" / "区法院.yaml").write_text(text.replace(entry, filled), encoding="utf-8")
    report = next(r for r in load_content(tmp_path / "content").progress if r.period.name == "2022-Q4" and r.unit.label == "区法院")
    assert [(w.no, w.count, w.text, w.evidence) for w in report.indicators] == [(6, 2, "进园区宣传2次。", ())]


def test_an_existing_report_is_never_overwritten(tmp_path):
    shutil.copytree(REPO / "content", tmp_path / "content")
    path = tmp_path / "content" / "progress" / "2022-Q4" / "区法院.yaml"
    before = path.read_bytes()
    result = ipdocs("new-progress", "--unit", "区法院", "--period", "2022-Q4", cwd=tmp_path)
    assert result.returncode == 1 and "已有" in result.stderr and "没有覆盖" in result.stderr
    assert path.read_bytes() == before
    assert ipdocs("new-progress", "--unit", "区商务局", "--period", "2023-Q1", cwd=tmp_path).returncode == 0
    again = ipdocs("new-progress", "--unit", "区商务局", "--period", "2023-Q1", cwd=tmp_path)
    assert again.returncode == 1 and "没有覆盖" in again.stderr


def test_a_unit_that_is_not_a_member_is_refused(tmp_path):
    shutil.copytree(REPO / "content", tmp_path / "content")
    result = ipdocs("new-progress", "--unit", "区委办", "--period", "2023-Q1", cwd=tmp_path)
    assert result.returncode == 1 and "区委办不是联席会议成员单位" in result.stderr
    assert not (tmp_path / "content" / "progress" / "2023-Q1").exists()
