"""Member changes: the roster remembers, requests and notices, and later documents use the new member."""
from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from hypothesis import given, settings, strategies as st

from support import REPO, Docx, build_all, doit, executed, ipdocs
from ipdocs.model import records as m
from ipdocs.read.content import load_content

D = dt.date


@pytest.fixture(scope="module")
def content():
    return load_content(REPO / "content")


def write_change(project, name: str, text: str):
    path = project / "content" / "changes" / f"{name}.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_replacement_takes_the_same_seat_in_both_bodies(content):
    for body in ("joint_meeting", "protection_mechanism"):
        before = content.roster(body, D(2023, 2, 28)).names()
        after = content.roster(body, D(2023, 3, 1)).names()
        assert "修志莹" in before and "赵明" not in before
        assert after.index("赵明") == before.index("修志莹") and "修志莹" not in after
    seat = content.roster("joint_meeting", D(2023, 3, 1)).seat_of("赵明")
    assert seat.title == "区文旅局副局长" and seat.unit.label == "区文旅局"


def test_history_is_never_lost(content):
    assert "修志莹" in content.roster("joint_meeting", D(2022, 11, 9)).names()
    assert content.roster("joint_meeting", D(2022, 11, 9)).seats == content.bodies["joint_meeting"].founding_seats


def test_a_pending_change_changes_nothing_and_check_lists_it(content, project):
    title = content.roster("joint_meeting", D(2024, 1, 1)).seat_of("冯文琦").title
    assert title == "区公安局副局长"
    result = ipdocs("check", cwd=project)
    assert result.returncode == 0
    assert "成员调整申请（区公安局，2023-05-08）尚未批准" in result.stderr


def test_an_approved_retitle_changes_the_title_from_its_date(project):
    path = project / "content" / "changes" / "2023-05-08-区公安局.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "approved: 2023-05-20\n", encoding="utf-8")
    loaded = load_content(project / "content")
    assert loaded.roster("joint_meeting", D(2023, 5, 19)).seat_of("冯文琦").title == "区公安局副局长"
    for body in ("joint_meeting", "protection_mechanism"):
        assert loaded.roster(body, D(2023, 5, 20)).seat_of("冯文琦").title == "区公安局党委副书记、副局长"


def test_chained_changes_follow_each_other(project):
    write_change(project, "2023-06-01-chain", "unit: 区文旅局\nrequested: 2023-05-25\n"
                 "replace:\n  - out: 赵明\n    in: {name: 钱红, title: 区文旅局副局长}\napproved: 2023-06-01\n")
    loaded = load_content(project / "content")
    founding = loaded.roster("protection_mechanism", D(2022, 12, 1)).names().index("修志莹")
    assert loaded.roster("protection_mechanism", D(2023, 3, 10)).names()[founding] == "赵明"
    assert loaded.roster("protection_mechanism", D(2023, 6, 1)).names()[founding] == "钱红"
    out = ipdocs("roster", "--date", "2023-03-10", "--body", "protection_mechanism", cwd=project).stdout
    assert "赵　明" in out and "修志莹" not in out and "钱　红" not in out


def test_the_request_is_a_letter_from_the_unit(content, shipped):
    """信函格式 (GB/T 9704 §10.1): the unit's mark and the red double lines on the first page only, no page number there."""
    from support import NS, W
    doc = Docx(shipped["changes:2023-02-20-区文旅局-request"])
    assert not doc.paragraph("Mark")
    header = doc.xml("word/header1.xml")
    assert Docx.text_of(header) == "区文化旅游和广播电视局"
    assert header.find(".//w:pStyle", NS).get(f"{W}val") == "LetterMark"
    section = doc.sections()[0]
    assert section.find("w:titlePg", NS) is not None
    assert {r.get(f"{W}type") for r in section.findall("w:headerReference", NS)} == {"first"}
    first_footer = doc.xml("word/footer3.xml")
    assert "PAGE" not in "".join(i.text or "" for i in first_footer.iter(f"{W}instrText"))
    for style, kind in (("LetterMark", "thickThinSmallGap"), ("LetterFoot", "thinThickSmallGap")):
        line = doc.style(style).find("w:pPr/w:pBdr/w:bottom", NS)
        assert line.get(f"{W}val") == kind and line.get(f"{W}color") == "FF0000"
        indent = doc.style(style).find("w:pPr/w:ind", NS)
        assert indent.get(f"{W}left") == indent.get(f"{W}right") == "-397"     # 170 mm lines over a 156 mm type area
    assert int(section.find("w:pgMar", NS).get(f"{W}header")) == 1701          # 30 mm
    assert [doc.text_of(p) for p in doc.paragraph("Title")] == ["关于调整区政府知识产权联席会议成员的函"]
    text = doc.all_text()
    assert "原成员修志莹同志（区文旅局副局长）因工作变动不再担任成员，拟由赵明同志（区文旅局副局长）接任。" in text
    assert "西市区人民政府知识产权联席会议、知识产权保护工作协调机制" in text
    assert [doc.text_of(p) for p in doc.paragraph("SignDate")] == ["2023年2月20日"]


def test_the_notice_lists_the_change_and_both_bodies_after_it(shipped):
    doc = Docx(shipped["changes:2023-02-20-区文旅局-notice"])
    assert doc.text_of(doc.paragraph("DocNumber")[0]) == "营西政发〔2023〕3号"
    text = doc.all_text()
    assert "修志莹同志不再担任联席会议、协调机制成员，由赵明同志（区文旅局副局长）担任。" in text
    lines = [doc.text_of(p) for p in doc.paragraph("RosterLine")]
    assert len(lines) == 26 + 11
    assert sum("赵\u3000明\u3000区文旅局副局长" in line for line in lines) == 2
    assert not any("修志莹" in line for line in lines)
    assert [doc.text_of(p) for p in doc.paragraph("SignDate")] == ["2023年3月1日"]


def test_a_pending_change_has_a_request_but_no_notice(shipped):
    assert "changes:2023-05-08-区公安局-request" in shipped
    assert "changes:2023-05-08-区公安局-notice" not in shipped


def test_the_member_list_is_the_roster_after_the_last_approved_change(shipped):
    doc = Docx(shipped["roster:current"])
    text = doc.all_text()
    assert "（截至2023年3月1日）" in text and "赵\u3000明" in text and "修志莹" not in text


def test_a_new_change_rebuilds_later_minutes_and_leaves_earlier_ones_byte_identical(project):
    before = build_all(project / "content", project / "output")
    digests = {k: hashlib.sha256(p.read_bytes()).hexdigest() for k, p in before.items()}
    write_change(project, "2022-12-20-区卫健局", "unit: 区卫健局\nrequested: 2022-12-18\n"
                 "replace:\n  - out: 刘骥\n    in: {name: 孙立, title: 区卫健局副局长}\napproved: 2022-12-20\n")
    after = build_all(project / "content", project / "output")
    same = lambda k: hashlib.sha256(after[k].read_bytes()).hexdigest() == digests[k]
    assert same("minutes:2022-12-15-joint-1") and same("notice:founding")
    assert not same("minutes:2022-12-28-joint-2")
    assert "孙立" in Docx(after["minutes:2022-12-28-joint-2"]).all_text()


def test_doit_rebuilds_only_what_a_change_touches(project):
    doit(cwd=project)
    write_change(project, "2022-12-20-区卫健局", "unit: 区卫健局\nrequested: 2022-12-18\n"
                 "replace:\n  - out: 刘骥\n    in: {name: 孙立, title: 区卫健局副局长}\napproved: 2022-12-20\n")
    ran = executed(doit(cwd=project))
    assert {"minutes:2022-12-28-joint-2", "roster:current", "changes:2023-02-20-区文旅局-notice"} <= ran
    assert "minutes:2022-12-15-joint-1" not in ran and "notice:founding" not in ran
    assert "changes:2022-12-20-区卫健局-request" in ran


def test_new_change_writes_a_file_and_never_overwrites(project):
    args = ("new-change", "--unit", "区司法局", "--out", "柳阳", "--in", "孙立", "--title", "区司法局副局长")
    first = ipdocs(*args, cwd=project)
    assert first.returncode == 0, first.stderr
    path, = (project / "content" / "changes").glob(f"{dt.date.today()}-*.yaml")
    text = path.read_text(encoding="utf-8")
    assert f"requested: {dt.date.today()}" in text and "out: 柳阳" in text and "# approved" in text
    assert ipdocs("check", cwd=project).returncode == 0     # a fresh request is valid and pending
    again = ipdocs(*args, cwd=project)
    assert again.returncode == 1 and "已存在" in again.stderr and path.read_text(encoding="utf-8") == text


# -- invariants over generated histories ------------------------------------

names = st.sampled_from([f"新{c}" for c in "甲乙丙丁戊己庚辛壬癸"])


@st.composite
def histories(draw):
    """A random sequence of valid replacements and retitles, one per day."""
    base = load_content(REPO / "content")
    base.changes = []
    sitting = sorted({n for b in base.bodies for n in base.roster(b, D(2023, 1, 1)).names()})
    changes, day = [], D(2023, 1, 1)
    for i in range(draw(st.integers(1, 8))):
        day += dt.timedelta(days=draw(st.integers(1, 30)))
        out = draw(st.sampled_from(sitting))
        if draw(st.booleans()):
            new = draw(names.filter(lambda n: n not in sitting))
            change = m.Change(f"c{i}", "gen", base.units[1], day, "", (m.Replacement(out, new, f"职务{i}"),), (), (), (), day, None)
            sitting = sorted(set(sitting) - {out} | {new})
        else:
            change = m.Change(f"c{i}", "gen", base.units[1], day, "", (), (m.Retitle(out, f"新职务{i}"),), (), (), day, None)
        changes.append(change)
    base.changes = changes
    return base


@settings(max_examples=40, deadline=None)
@given(histories())
def test_invariants_hold_on_every_date(content):
    seats_count = {b: len(body.founding_seats) for b, body in content.bodies.items()}
    days = [content.founding_date] + [c.approved for c in content.changes] + [content.changes[-1].approved + dt.timedelta(days=1)]
    for day in days:
        for body_id in content.bodies:
            roster = content.roster(body_id, day)
            assert len(roster.names()) == len(set(roster.names()))            # nobody sits twice
            assert len(roster.seats) == seats_count[body_id]                  # every seat has one person
            assert len(roster.by_role("leader")) == 1 and len(roster.by_role("deputy")) == 1
