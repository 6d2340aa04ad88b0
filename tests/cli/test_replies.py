"""参会回执: the notice's attachment, filled in with python-docx as a unit would, read back into the meeting file."""
from __future__ import annotations

from pathlib import Path

import docx

from ipdocs.text import without_name_marks
import pytest

from support import REPO
from ipdocs.documents import all_documents, render
from ipdocs.documents.meetings import attendance
from ipdocs.read.content import load_content

MEETING = "2022-12-28-joint-2"          # held, nobody absent yet, roster of the founding
COLUMNS = ["单位", "姓名", "职务", "联系电话", "备注（代为参会／请假事由）"]


@pytest.fixture(scope="module")
def notice(tmp_path_factory) -> Path:
    """The shipped notice of the first meeting, as the units receive it."""
    doc = next(d for d in all_documents(load_content(REPO / "content")) if f"{d.group}:{d.name}" == "notices:2022-12-15-joint-1")
    path = tmp_path_factory.mktemp("notice") / "notice.docx"
    path.write_bytes(render(doc)[".docx"])
    return path


def fill(notice: Path, target: Path, rows: list[list[str]], note_row: str | None = None) -> Path:
    """The notice with its reply table filled in: extra rows added, a merged note row at the end."""
    document = docx.Document(str(notice))
    table = next(t for t in document.tables if [c.text for c in t.rows[0].cells] == COLUMNS)
    while len(table.rows) - 1 < len(rows) + 1:
        table.add_row()
    for tr, values in zip(table.rows[1:], rows):
        for cell, value in zip(tr.cells, values):
            cell.text = value
    if note_row:
        last = table.add_row()
        last.cells[0].merge(last.cells[-1]).text = note_row
    document.save(str(target))
    return target


def meeting_file(project: Path) -> Path:
    return project / "content" / "meetings" / f"{MEETING}.yaml"


def test_the_notice_ends_with_the_reply_form_as_an_attachment(notice):
    document = docx.Document(str(notice))
    styles = [(p.style.name, p.text) for p in document.paragraphs]
    texts = [t for _, t in styles]
    note = texts.index("附件：参会回执")
    assert styles[note][0] == "附件说明" and "填写参会回执（见附件）" in texts[note - 1]
    assert [s for s, _ in styles[note + 1:note + 3]] == ["发文机关署名", "成文日期"]
    label = texts.index("附件", note)
    assert styles[label][0] == "附件标识" and styles[label + 1] == ("附件标题", "参会回执")
    assert document.styles["附件标识"].paragraph_format.page_break_before        # the attachment starts a page
    table, imprint = document.tables                                             # the form, then the 版记
    assert [c.text for c in table.rows[0].cells] == COLUMNS and len(table.rows) >= 4
    assert all(c.text == "" for row in table.rows[1:] for c in row.cells)
    assert any("请于2022年12月14日前将回执报" in t for t in texts[-3:]) and "印发" in imprint.rows[-1].cells[0].text


GOOD_ROWS = [
    ["区 法 院", "李明", "副院长", "0417-1234567", "代康强参会，康强公出"],     # spaces; a delegate
    ["区卫生健康局", "刘骥", "副局长", "", "请假：参加市卫健委会议"],          # full name; on leave
    ["", "", "", "", ""],                                                          # a row left blank
    ["区司法局　", "柳　阳", "副局长", "13800000000", ""],                        # full-width spaces; the member comes
]


def test_replies_write_who_comes_delegates_and_leave_and_nothing_else(cli, project, notice):
    before = meeting_file(project).read_text(encoding="utf-8")
    reply = fill(notice, project / "区法院等.docx", GOOD_ROWS, note_row="注：以上人员已经单位负责人同意")
    result = cli("replies", MEETING, str(reply))
    assert result.returncode == 0, result.stderr
    after = meeting_file(project).read_text(encoding="utf-8")
    added = ["absent:", "  - name: 康强", "    reason: 公出", "    delegate: {name: 李明, title: 区法院副院长}",
             "  - name: 刘骥", "    reason: 参加市卫健委会议", "replied: [康强, 柳阳, 刘骥]"]
    old, new = before.splitlines(), after.splitlines()
    at = old.index("absent: []")
    assert new[:at] == old[:at] and new[at:at + len(added)] == added and new[at + len(added):] == old[at + 1:]
    assert "代为参会：李明（代康强）" in result.stdout and "请假：刘骥（参加市卫健委会议）" in result.stdout


def test_the_replies_change_the_minutes_attendance(cli, project, notice):
    reply = fill(notice, project / "reply.docx", GOOD_ROWS)
    assert cli("replies", MEETING, str(reply)).returncode == 0
    content = load_content(project / "content")
    meeting = next(m for m in content.meetings if m.stem == MEETING)
    lines = {key: [without_name_marks(line) for line in value] for key, value in attendance(content, meeting).items()}
    assert "区法院副院长李明（代康强出席）" in lines["present"]
    assert lines["on_leave"] == ["区法院审判委员会专职委员康强（公出）", "区卫健局副局长刘骥（参加市卫健委会议）"]
    assert "柳阳" in lines["present_names"] and "康强" not in lines["present_names"]


def test_reading_the_same_replies_again_changes_nothing(cli, project, notice):
    reply = fill(notice, project / "reply.docx", GOOD_ROWS)
    cli("replies", MEETING, str(reply))
    once = meeting_file(project).read_bytes()
    again = cli("replies", MEETING, str(reply))
    assert again.returncode == 0 and "没有改动" in again.stdout
    assert meeting_file(project).read_bytes() == once


def test_a_later_reply_updates_only_the_members_it_speaks_of(cli, project, notice):
    cli("replies", MEETING, str(fill(notice, project / "first.docx", GOOD_ROWS)))
    later = fill(notice, project / "later.docx", [["区卫健局", "刘骥", "副局长", "", "可以参会"]])
    assert cli("replies", MEETING, str(later)).returncode == 0
    meeting = next(m for m in load_content(project / "content").meetings if m.stem == MEETING)
    assert [a.name for a in meeting.absent] == ["康强"] and meeting.replied == ("康强", "柳阳", "刘骥")


def test_a_unit_merged_down_two_rows_sends_a_member_and_a_delegate(cli, project, notice):
    reply = fill(notice, project / "监管局.docx", [["区市场监管局", "高勇", "局长", "", ""],
                                                   ["", "张三", "科长", "", "代郭松参会（郭松出差）"]])
    document = docx.Document(str(reply))
    table = document.tables[0]
    table.cell(1, 0).merge(table.cell(2, 0))
    document.save(str(reply))
    assert cli("replies", MEETING, str(reply)).returncode == 0
    meeting = next(m for m in load_content(project / "content").meetings if m.stem == MEETING)
    assert [(a.name, a.reason, a.delegate_name, a.delegate_title) for a in meeting.absent] == \
        [("郭松", "出差", "张三", "区市场监管局科长")]
    assert meeting.replied == ("高勇", "郭松")


def test_a_delegate_of_a_unit_with_two_members_must_say_for_whom(cli, project, notice):
    fill(notice, project / "r.docx", [["区知识产权局", "张三", "科长", "", "公出"]])   # an alias
    result = cli("replies", MEETING, "r.docx")
    assert "r.docx:2: “张三”不是区市场监管局的成员，区市场监管局有 2 名成员（高勇、郭松）：请在备注中写明代谁参会，如“代高勇参会”" in result.stderr


def test_a_comment_in_an_untouched_absence_stays(cli, project, notice):
    path = meeting_file(project)
    path.write_text(path.read_text(encoding="utf-8").replace(
        "absent: []", "absent:\n  - name: 郑岑      # 电话请的假\n    reason: 培训"), encoding="utf-8")
    cli("replies", MEETING, str(fill(notice, project / "r.docx", GOOD_ROWS[:1])))
    text = path.read_text(encoding="utf-8")
    assert "  - name: 郑岑      # 电话请的假\n    reason: 培训\n  - name: 康强\n" in text


@pytest.mark.parametrize("row, expected", [
    (["区司发局", "柳阳", "副局长", "", ""], "未知单位“区司发局”（最接近的是：区司法局"),
    (["区委办", "王五", "主任", "", ""], "区委办在2022-12-28没有联席会议成员"),
    (["区法院", "", "", "", "请假"], "没有填写姓名（区法院）"),
    (["区法院", "冯文琦", "副局长", "", ""], "“冯文琦”是区公安局的成员，不是区法院的"),
    (["区法院", "李明", "副院长", "", "代康墙参会"], "备注中代为参会的“康墙”不是区法院的成员（最接近的是：康强）"),
    (["区法院", "康疆", "专职委员", "", ""], "“康疆”不是区法院的成员（最接近的是：康强）"),
])
def test_a_bad_row_is_named_by_file_and_row_and_nothing_is_written(cli, project, notice, row, expected):
    before = meeting_file(project).read_bytes()
    reply = fill(notice, project / "回执.docx", [GOOD_ROWS[1], row])
    result = cli("replies", MEETING, "回执.docx")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"回执.docx:3: {expected}" in result.stderr, result.stderr
    assert meeting_file(project).read_bytes() == before and reply.exists()


def test_two_replies_that_disagree_are_both_named(cli, project, notice):
    fill(notice, project / "a.docx", [["区法院", "康强", "专职委员", "", ""]])
    fill(notice, project / "b.docx", [["区法院", "李明", "副院长", "", "代康强参会"]])
    result = cli("replies", MEETING, "a.docx", "b.docx")
    assert result.returncode == 1 and "b.docx:2: 与 a.docx 第2行对“康强”的说法不一致" in result.stderr


def test_files_that_are_not_replies_are_told_apart(cli, project):
    (project / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (project / "broken.docx").write_bytes(b"not a zip")
    empty = docx.Document()
    empty.add_paragraph("参会回执：区法院康强参加")
    empty.save(str(project / "no-table.docx"))
    result = cli("replies", MEETING, "old.doc", "broken.docx", "no-table.docx", "missing.docx")
    assert result.returncode == 1 and "找不到回执文件 missing.docx" in result.stderr
    result = cli("replies", MEETING, "old.doc", "broken.docx", "no-table.docx")
    assert "old.doc:1: 这是旧版 Word 文件" in result.stderr
    assert "broken.docx:1: 不能作为 Word 文档（.docx）打开" in result.stderr
    assert "no-table.docx:1: 没有找到参会回执表" in result.stderr


def test_an_unknown_meeting_is_refused_with_the_nearest_names(cli, project):
    result = cli("replies", "2022-12-28-joint-3", "x.docx")
    assert result.returncode == 1 and "没有会议文件“2022-12-28-joint-3”（最接近的是：2022-12-28-joint-2" in result.stderr


@pytest.mark.parametrize("rows, message", [
    ([["区司法局", "张三", "科长", "", "请假"]], "r.docx:2: 没有写明柳阳不能参会的原因"),
    ([["区司法局", "柳阳", "副局长", "", "代柳杨参会"]], "r.docx:2: “柳阳”是区司法局的成员，备注却写“代柳杨参会”"),
    ([["区司法局", "柳\u202e阳", "副局长", "", ""]], "r.docx:2: 姓名中有看不见的控制字符 U+202E"),
    ([["区司法局", "柳" * 30, "副局长", "", ""]], "r.docx:2: 姓名有 30 个字，太长"),
])
def test_what_a_reply_row_gets_wrong_is_told_at_the_row_not_in_the_meeting_file(cli, project, notice, rows, message):
    before = meeting_file(project).read_bytes()
    fill(notice, project / "r.docx", rows)
    result = cli("replies", MEETING, "r.docx")
    assert result.returncode == 1 and message in result.stderr, result.stderr
    assert "content/meetings" not in result.stderr and meeting_file(project).read_bytes() == before
