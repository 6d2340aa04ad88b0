"""Minutes (纪要) and meeting notices from content/meetings/*.yaml."""
from __future__ import annotations

import pytest

from support import NS, REPO, W, Docx, build_all, doit, executed, ipdocs
from ipdocs.read.content import load_content
from ipdocs.documents.meetings import attendance

MEETINGS = ["2022-12-15-joint-1", "2022-12-22-protection-1", "2022-12-28-joint-2"]


@pytest.fixture(scope="module")
def content():
    return load_content(REPO / "content")


@pytest.fixture(scope="module")
def minutes(shipped):
    return {stem: Docx(shipped[f"minutes:{stem}"]) for stem in MEETINGS}


def attend_line(doc: Docx, label: str) -> str | None:
    for p in doc.paragraph("Attendance") + doc.paragraph("AttendanceFirst"):
        text = doc.text_of(p)
        if text.startswith(f"{label}："):
            return text[len(label) + 1:]
    return None


@pytest.mark.parametrize("stem", MEETINGS)
def test_present_is_the_roster_on_the_day_minus_the_absent(content, minutes, stem):
    meeting = next(m for m in content.meetings if m.stem == stem)
    roster = content.roster(meeting.body, meeting.date)
    absent = {a.name for a in meeting.absent}
    printed = attend_line(minutes[stem], "出席")
    for seat in roster.seats:
        assert (f"{seat.title}{seat.person}" in printed) == (seat.person not in absent), seat.person
    for a in meeting.absent:
        if a.delegate_name:
            assert f"{a.delegate_title}{a.delegate_name}（代{a.name}出席）" in printed


def test_leave_and_observers_are_listed_as_in_the_file(minutes):
    doc = minutes["2022-12-15-joint-1"]
    assert attend_line(doc, "请假") == "区法院审判委员会专职委员康强（公出），区卫健局副局长刘骥（参加市卫健委会议）"
    assert attend_line(doc, "列席") == "区营商环境建设局营商环境科科长赵刚"
    assert attend_line(minutes["2022-12-28-joint-2"], "请假") is None


def test_attendance_labels_are_heiti_runs(minutes):
    doc = minutes["2022-12-15-joint-1"]
    labels = [r for r in doc.document.iter(f"{W}r") if r.find("w:rPr/w:rStyle[@w:val='Label']", NS) is not None]
    assert [Docx.text_of(r) for r in labels] == ["出席：", "请假：", "列席："]
    assert doc.style("Label").find("w:rPr/w:rFonts", NS).get(f"{W}eastAsia") == "黑体"
    hanging = doc.style("Attendance").find("w:pPr/w:ind", NS)
    assert hanging.get(f"{W}hangingChars") == "300" and hanging.get(f"{W}leftChars") == "500"


@pytest.mark.parametrize("stem", MEETINGS)
def test_every_decision_appears_in_order_with_units_and_deadline(content, minutes, stem):
    meeting = next(m for m in content.meetings if m.stem == stem)
    text = minutes[stem].all_text().replace("\n", "")
    assert "会议议定如下事项：" in text
    position = 0
    for d in meeting.decisions:
        numeral = "一二三四五六七八九十"[d.n - 1]
        position = text.index(f"{numeral}、", position)
        tail = text[position:]
        assert f"牵头单位：{d.lead.label}" in tail
        if d.support:
            assert "配合单位：" + "、".join(u.label for u in d.support) in tail
        assert f"完成时限：{d.due.year}年{d.due.month}月{d.due.day}日前" in tail


def test_the_minutes_header_is_the_red_mark_issue_and_office_line(minutes):
    doc = minutes["2022-12-22-protection-1"]
    mark, = doc.paragraph("Mark")
    assert doc.text_of(mark) == "知识产权保护工作协调机制纪要"
    assert [doc.text_of(p) for p in doc.paragraph("IssueNumber")] == ["〔2022〕1号"]
    line, = doc.paragraph("IssuerLine")
    assert doc.text_of(line) == "西市区知识产权保护工作协调机制办公室2022年12月22日"
    assert line.find(".//w:tab", NS) is not None
    assert doc.style("IssuerLine").find("w:pPr/w:pBdr/w:bottom", NS).get(f"{W}color") == "FF0000"


def test_an_entrusted_deputy_chairs_on_the_leaders_behalf(minutes):
    text = minutes["2022-12-22-protection-1"].all_text()
    assert "受协调机制组长王军委托，区市场监督管理局局长、协调机制副组长高勇在区市场监督管理局四楼会议室主持召开" in text


def test_an_ad_hoc_meeting_names_who_proposed_it(minutes):
    assert "根据区法院、区检察院的提议" in minutes["2022-12-28-joint-2"].all_text()


def test_markdown_becomes_real_formatting_in_docx_and_html(minutes, shipped):
    doc = minutes["2022-12-15-joint-1"]
    strong = [r for r in doc.document.iter(f"{W}r") if r.find("w:rPr/w:rStyle[@w:val='Strong']", NS) is not None]
    assert [Docx.text_of(r) for r in strong] == ["对照考核指标逐项认领任务"]
    assert "**" not in doc.all_text()
    texts = doc.texts()
    assert "1.区委宣传部负责统筹宣传报道；" in texts and "2.区法院、区检察院结合典型案例开展以案释法。" in texts
    html = shipped["minutes:2022-12-15-joint-1"].with_suffix(".html").read_text(encoding="utf-8")
    assert "<strong>对照考核指标逐项认领任务</strong>" in html and "<ol>" in html


def test_html_has_the_same_words_as_the_docx(minutes, shipped):
    import re
    from support import normalise
    html = shipped["minutes:2022-12-15-joint-1"].with_suffix(".html").read_text(encoding="utf-8")
    body = normalise(re.sub(r"<[^>]+>", "", html.split("<main", 1)[1]))
    for text in minutes["2022-12-15-joint-1"].texts():
        words = re.sub(r"^\d+\.", "", text)      # HTML lists number themselves
        assert normalise(words) in body


def test_the_minutes_end_with_the_imprint(minutes):
    doc = minutes["2022-12-15-joint-1"]
    table = doc.document.findall(".//w:tbl", NS)[-1]
    assert table.find("w:tblPr/w:tblStyle", NS).get(f"{W}val") == "ImprintTable"
    rows = [Docx.text_of(r) for r in table.findall("w:tr", NS)]
    assert rows == ["分送：联席会议各成员单位", "西市区人民政府知识产权联席会议办公室2022年12月15日印发"]


def test_the_meeting_notice_says_when_where_who_agenda_reply_and_contact(shipped):
    doc = Docx(shipped["notices:2022-12-15-joint-1"])
    text = doc.all_text()
    assert doc.text_of(doc.paragraph("Mark")[0]) == "西市区人民政府知识产权联席会议办公室"
    assert "关于召开西市区人民政府知识产权联席会议全体会议的通知" in text
    assert "2022年12月15日上午9:30" in text and "区政府三楼第一会议室" in text
    assert "区委宣传部、区法院" in text
    assert "1.传达学习省市知识产权保护工作部署" in doc.texts()
    assert "于2022年12月14日前" in text and "联系人：郭松，电话：0417-0000000" in text
    assert [doc.text_of(p) for p in doc.paragraph("SignDate")] == ["2022年12月12日"]


def test_a_meeting_without_notice_has_no_notice_and_an_unheld_one_no_minutes(shipped, project):
    assert "notices:2022-12-28-joint-2" not in shipped
    assert ipdocs("new-meeting", "--body", "joint_meeting", "--date", "2023-03-10", cwd=project).returncode == 0
    built = build_all(project / "content", project / "output")
    assert "notices:2023-03-10-joint-1" in built and "minutes:2023-03-10-joint-1" not in built


def test_new_meeting_prefills_the_next_number_and_never_overwrites(project):
    first = ipdocs("new-meeting", "--body", "joint_meeting", "--date", "2022-12-30", cwd=project)
    assert first.returncode == 0
    path = project / "content" / "meetings" / "2022-12-30-joint-3.yaml"
    text = path.read_text(encoding="utf-8")
    assert "number: 3" in text and "chair: 王军" in text and "# " in text
    path.write_text(text.replace("place: 待定", "place: 区政府"), encoding="utf-8")
    again = ipdocs("new-meeting", "--body", "joint_meeting", "--date", "2022-12-30", cwd=project)
    assert "已存在" not in again.stderr or again.returncode == 1
    assert "place: 区政府" in path.read_text(encoding="utf-8")


def test_a_member_who_changes_between_two_meetings(project):
    change = project / "content" / "changes" / "2022-12-20-区司法局.yaml"
    change.parent.mkdir(exist_ok=True)
    change.write_text("unit: 区司法局\nrequested: 2022-12-16\nreason: 工作变动\n"
                      "replace:\n  - out: 柳阳\n    in: {name: 孙立, title: 区司法局副局长}\napproved: 2022-12-20\n",
                      encoding="utf-8")
    loaded = load_content(project / "content")
    before = next(m for m in loaded.meetings if m.stem == "2022-12-15-joint-1")
    after = next(m for m in loaded.meetings if m.stem == "2022-12-28-joint-2")
    assert "柳阳" in attendance(loaded, before)["present_names"] and "孙立" not in attendance(loaded, before)["present_names"]
    assert "孙立" in attendance(loaded, after)["present_names"] and "柳阳" not in attendance(loaded, after)["present_names"]
    seats = loaded.roster("protection_mechanism", after.date).names()
    assert seats.index("孙立") == loaded.roster("protection_mechanism", before.date).names().index("柳阳")


def test_editing_one_meeting_rebuilds_only_its_documents(project):
    doit(cwd=project)
    meeting = project / "content" / "meetings" / "2022-12-28-joint-2.yaml"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("15:00", "16:00"), encoding="utf-8")
    assert executed(doit(cwd=project)) == {"minutes:2022-12-28-joint-2", "signin:2022-12-28-joint-2", "site"}   # the site lists every meeting
