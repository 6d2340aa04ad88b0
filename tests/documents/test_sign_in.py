"""签到表: the roster on the meeting date, delegates in place of the absent, room to sign; filed as evidence."""
from __future__ import annotations


import docx
import pytest

from support import NS, REPO, W, Docx, build_all
from ipdocs.documents import all_documents
from ipdocs.outputs.archive import plan
from ipdocs.read.content import load_content

HEADER = ["序号", "单位", "职务", "姓名", "签到"]


def rows(path) -> list[list[str]]:
    table = docx.Document(str(path)).tables[0]
    assert [c.text for c in table.rows[0].cells] == HEADER
    return [[c.text for c in row.cells] for row in table.rows[1:]]


@pytest.fixture(scope="module")
def content():
    return load_content(REPO / "content")


def test_every_meeting_has_a_sign_in_sheet_in_roster_order(shipped, content):
    for meeting in content.meetings:
        listed = rows(shipped[f"signin:{meeting.stem}"])
        seats = content.roster(meeting.body, meeting.date).seats
        assert [r[0] for r in listed[:len(seats)]] == [str(n) for n in range(1, len(seats) + 1)]
        assert [r[1] for r in listed[:len(seats)]] == [s.unit.label for s in seats]


def test_a_delegate_signs_in_place_of_the_member_and_leave_is_marked(shipped):
    listed = {r[3]: r for r in rows(shipped["signin:2022-12-15-joint-1"])}
    assert listed["李明（代康强）"][1:] == ["区法院", "副院长", "李明（代康强）", ""]
    assert listed["刘骥"][1:] == ["区卫健局", "副局长", "刘骥", "请假"]
    assert "康强" not in listed
    assert listed["王军"] == ["1", "区政府", "副区长", "王军", ""]
    observers = rows(shipped["signin:2022-12-15-joint-1"])
    assert observers[-2][0] == "列席人员" and observers[-1][1:4] == ["区营商环境建设局", "营商环境科科长", "赵刚"]


def test_rows_are_tall_enough_to_sign_and_the_title_says_which_meeting(shipped):
    doc = Docx(shipped["signin:2022-12-22-protection-1"])
    table = doc.document.find(".//w:tbl", NS)
    heights = [tr.find("w:trPr/w:trHeight", NS) for tr in table.findall("w:tr", NS)]
    assert heights[0] is None and all(int(h.get(f"{W}val")) >= 680 and h.get(f"{W}hRule") == "atLeast" for h in heights[1:])
    assert doc.all_text().startswith("知识产权保护工作协调机制专题会议签到表\n2022年12月22日下午2:30　区市场监督管理局四楼会议室")


def test_after_a_member_change_the_sheet_lists_the_newcomer(cli, project):
    cli("new-meeting", "--body", "joint_meeting", "--date", "2023-03-10")
    built = build_all(project / "content", project / "output")
    before = [r[3] for r in rows(built["signin:2022-12-15-joint-1"])]
    after = [r[3] for r in rows(built["signin:2023-03-10-joint-1"])]
    assert "修志莹" in before and "赵明" not in before
    assert "赵明" in after and "修志莹" not in after and after.index("赵明") == before.index("修志莹")


def test_the_sheets_are_filed_as_evidence_for_the_bodys_indicators(content, tmp_path):
    records = plan(content, all_documents(content), 2022, tmp_path).records
    sheets = [r for r in records if r.kind == "签到表"]
    assert len(sheets) == 3 and all(r.indicators == (2,) for r in sheets)
    assert {r.title for r in sheets} == {"西市区人民政府知识产权联席会议全体会议签到表", "西市区人民政府知识产权联席会议临时会议签到表",
                                         "知识产权保护工作协调机制专题会议签到表"}
