"""Issue 5: the agreed-items ledger, unit progress reports, and the office's report against the assessment."""
from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from support import NS, REPO, W, Docx, build_all, executed, normalise
from ipdocs.model import ledger, records as m, scoring, standing
from ipdocs.read.content import load_content
from ipdocs.errors import Problems
from ipdocs.read.loader import load_yaml
from ipdocs.read.scoring_rules import check_rules
from ipdocs.model.periods import parse_period
from ipdocs.model.progress import DecisionNote, Report, WorkEntry

D = dt.date
COURT = m.Unit("区人民法院", "区法院")
BUREAU = m.Unit("区市场监督管理局", "区市场监管局")
GOLDEN = Path(__file__).parents[1] / "golden"
Q4 = "2022-Q4"


def decision(due=D(2022, 12, 31), lead=BUREAU, support=(COURT,), ref="2022-12-15-joint-1#1") -> m.Decision:
    return m.Decision(ref, 1, "制定推进计划。", lead, tuple(support), due, ())


def report(unit, period, submitted, notes=(), work=()) -> Report:
    return Report(unit, parse_period(period), submitted, f"content/progress/{period}/{unit.label}.yaml", unit.label, "",
                  tuple(DecisionNote(ref, status, "") for ref, status in notes), tuple(work))


def entry(no, part=None, **values) -> WorkEntry:
    return WorkEntry(no, None if part is None else str(part), "工作", values.pop("evidence", ()), **values)


@pytest.fixture(scope="module")
def content():
    return load_content(REPO / "content")


@pytest.fixture(scope="module")
def assessment(content):
    return content.assessments[2022]


@pytest.fixture(scope="module")
def office(shipped):
    return Docx(shipped[f"progress:{Q4}"])


def tables(doc: Docx) -> list[list[list[str]]]:
    """Every table of a document as rows of cell texts."""
    return [[[Docx.text_of(tc) for tc in tr.findall("w:tc", NS)] for tr in tbl.findall("w:tr", NS)]
            for tbl in doc.document.iter(f"{W}tbl")]


def table_with(doc: Docx, header: str) -> list[list[str]]:
    return next(t for t in tables(doc) if header in t[0])


# -- periods -----------------------------------------------------------------

@pytest.mark.parametrize("name, start, end, label", [
    ("2022", D(2022, 1, 1), D(2022, 12, 31), "2022年度"),
    ("2022-Q4", D(2022, 10, 1), D(2022, 12, 31), "2022年第四季度"),
    ("2022-Q1", D(2022, 1, 1), D(2022, 3, 31), "2022年第一季度"),
    ("2022-12", D(2022, 12, 1), D(2022, 12, 31), "2022年12月"),
    ("2024-02", D(2024, 2, 1), D(2024, 2, 29), "2024年2月"),
])
def test_a_period_folder_names_its_first_and_last_day(name, start, end, label):
    period = parse_period(name)
    assert (period.start, period.end, period.label) == (start, end, label)


@pytest.mark.parametrize("name", ["2022Q4", "2022-Q5", "2022-13", "22", "2022-H2", ""])
def test_anything_else_is_not_a_period(name):
    assert parse_period(name) is None


def test_calendar_periods_nest_or_stay_apart():
    year, q4, dec, nov = (parse_period(n) for n in ("2022", "2022-Q4", "2022-12", "2022-11"))
    assert year.contains(q4) and q4.contains(dec) and not dec.contains(q4)
    assert dec.overlaps(q4) and not dec.overlaps(nov)


# -- status of an agreed item --------------------------------------------------

def test_an_item_nobody_reported_on_is_not_reported_and_overdue_once_due():
    d = decision(due=D(2022, 12, 20))
    assert ledger.status(d, [], D(2022, 12, 10))[:2] == ("未报送", False)
    assert ledger.status(d, [], D(2022, 12, 31))[:2] == ("未报送", True)


def test_the_lead_units_latest_report_wins_whatever_the_file_order():
    d = decision(due=D(2023, 1, 10))
    early = report(BUREAU, "2022-12", D(2022, 12, 23), [(d.ref, "未启动")])
    late = report(BUREAU, Q4, D(2022, 12, 30), [(d.ref, "推进中")])
    for reports in ([early, late], [late, early]):
        state, overdue, note, source = ledger.status(d, reports, D(2022, 12, 31))
        assert (state, overdue, source) == ("推进中", False, late)


def test_a_supporting_units_report_does_not_set_the_status():
    d = decision()
    court = report(COURT, Q4, D(2022, 12, 29), [(d.ref, "已完成")])
    assert ledger.status(d, [court], D(2022, 12, 31))[0] == "未报送"


def test_reports_of_a_period_ending_after_the_as_of_date_do_not_count_yet():
    d = decision(due=D(2023, 3, 31))
    q4 = report(BUREAU, Q4, D(2022, 12, 30), [(d.ref, "推进中")])
    q1 = report(BUREAU, "2023-Q1", D(2023, 3, 20), [(d.ref, "已完成")])
    assert ledger.status(d, [q4, q1], D(2022, 12, 31))[0] == "推进中"
    assert ledger.status(d, [q4, q1], D(2023, 3, 31))[0] == "已完成"


@pytest.mark.parametrize("due, state, overdue", [
    (D(2022, 12, 30), "推进中", True), (D(2022, 12, 31), "推进中", True), (D(2023, 1, 1), "推进中", False),
    (D(2022, 12, 1), "已完成", False), (D(2022, 12, 1), "未启动", True), (None, "推进中", False),
])
def test_an_item_due_by_the_end_of_the_as_of_day_and_not_done_is_overdue(due, state, overdue):
    d = decision(due=due)
    reports = [report(BUREAU, Q4, D(2022, 12, 30), [(d.ref, state)])]
    assert ledger.status(d, reports, D(2022, 12, 31))[:2] == (state, overdue)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 91), st.sampled_from(["2022-10", "2022-11", "2022-12", Q4]),
                          st.sampled_from(["未启动", "推进中", "已完成"])), min_size=1, max_size=6, unique_by=lambda t: t[0]))
def test_the_status_is_what_the_last_submitted_report_says(said):
    d = decision(due=D(2023, 6, 30))
    reports = [report(BUREAU, period, D(2022, 10, 1) + dt.timedelta(days=day), [(d.ref, state)])
               for day, period, state in said]
    latest = max(said, key=lambda t: t[0])
    assert ledger.status(d, reports, D(2022, 12, 31))[0] == latest[2]


# -- the sample period as shipped ----------------------------------------------

def test_the_shipped_ledger_shows_every_state(content):
    rows = {e.decision.ref: (e.status, e.overdue) for e in ledger.ledger(content, D(2022, 12, 31))}
    assert rows == {
        "2022-12-15-joint-1#1": ("推进中", True),
        "2022-12-15-joint-1#2": ("已完成", False),
        "2022-12-15-joint-1#3": ("推进中", False),
        "2022-12-22-protection-1#1": ("推进中", False),
        "2022-12-22-protection-1#2": ("推进中", False),
        "2022-12-28-joint-2#1": ("未启动", False),
        "2022-12-28-joint-2#2": ("未报送", False),
    }


def test_the_shipped_sample_has_a_later_report_that_overrides_an_earlier_one(content):
    ref = "2022-12-22-protection-1#2"
    said = sorted((r.submitted, n.status) for r in content.progress if r.unit.label == "区法院"
                  for n in r.decisions if n.ref == ref)
    assert said == [(D(2022, 12, 23), "未启动"), (D(2022, 12, 29), "推进中")]
    entry_ = next(e for e in ledger.ledger(content, D(2022, 12, 31)) if e.decision.ref == ref)
    assert (entry_.status, entry_.report.period.name) == ("推进中", Q4)


def test_member_units_that_did_not_report_and_those_that_reported_late(content):
    done, missing = ledger.reporting(content, parse_period(Q4))
    assert [u.label for u in missing] == ["区商务局"]
    assert len(done) + len(missing) == len(ledger.member_units(content, D(2022, 12, 31))) == 24
    late = sorted(u.label for u, reports in done for r in reports if r.late)
    assert late == ["区农业农村局", "区文旅局"]


def test_a_unit_that_drops_its_report_is_listed_as_not_reported(project):
    (project / "content" / "progress" / Q4 / "区统计局.yaml").unlink()
    loaded = load_content(project / "content")
    done, missing = ledger.reporting(loaded, parse_period(Q4))
    assert [u.label for u in missing] == ["区商务局", "区统计局"]     # in the order of the member list


def test_a_report_for_a_month_counts_as_reporting_for_its_quarter(content):
    done, _ = ledger.reporting(content, parse_period("2022-12"))
    assert "区统计局" in [u.label for u, _ in done]      # reported for 2022-Q4 only


# -- scoring rules as data ----------------------------------------------------

KINDS = {  # Y yes_no · P per_item · T threshold · % proportional · D deduction · R ranking · J judgement
    1: "Y", 2: "Y", 3: "Y", 4: "R", 5: "Y", 6: "P", 7: "YYYP", 8: "YJ", 9: "T", 10: "P", 11: "YY", 12: "YYYY",
    13: "YT", 14: "TPPRRRR", 15: "TTTTT", 16: "D", 17: "YY", 18: "Y", 19: "J", 20: "Y", 21: "YY", 22: "R", 23: "T",
    24: "R", 25: "R", 26: "YY", 27: "%J", 28: "RYY", 29: "Y", 30: "Y", 31: "YY", 32: "Y", 33: "PP", 34: "YYYY",
    35: "YP", 36: "YY", 37: "PPPP", 38: "Y", 39: "T", 40: "Y", 41: "Y", 42: "Y", 43: "P", 44: "YY", 45: "P",
    46: "DDDD", 47: "D",
}
LETTERS = {"yes_no": "Y", "per_item": "P", "threshold": "T", "proportional": "%", "deduction": "D", "ranking": "R",
           "judgement": "J"}


def test_every_indicator_has_the_rule_kind_its_text_describes(assessment):
    kinds = {no: "".join(LETTERS[r["kind"]] for r in ind.scoring) for no, ind in assessment.indicators.items()}
    assert kinds == KINDS


def test_the_shipped_rules_are_valid_and_add_up_to_each_indicators_points(assessment):
    from types import SimpleNamespace
    b = SimpleNamespace(problems=Problems())
    check_rules(b, {2022: assessment})
    assert b.problems.items == []
    for ind in assessment.indicators.values():
        if ind.points is not None:
            assert sum(scoring.maximum(r) for r in ind.scoring) == pytest.approx(ind.points), ind.no


def part(assessment, no, label=None) -> dict:
    return next(r for r in assessment.indicators[no].scoring if scoring.label(r) == (None if label is None else str(label)))


def score(assessment, no, label=None, *entries) -> float | None:
    work = scoring.Work()
    for e in entries:
        work.add(e)
    return scoring.score_part(part(assessment, no, label), work)


@pytest.mark.parametrize("done, expected", [(True, 2), (False, 0)])
def test_yes_no_gives_the_points_when_done(assessment, done, expected):
    assert score(assessment, 1, None, entry(1, done=done)) == expected


@pytest.mark.parametrize("counts, expected", [([1], 0.4), ([3], 1.2), ([2, 2, 1], 2), ([7], 2), ([0], 0)])
def test_per_item_scores_each_occurrence_up_to_the_cap(assessment, counts, expected):
    assert score(assessment, 6, None, *(entry(6, count=c) for c in counts)) == expected


def test_an_entry_without_a_count_is_one_occurrence(assessment):
    assert score(assessment, 6, None, entry(6), entry(6)) == 0.8


@pytest.mark.parametrize("cases, expected", [({"跨省案件移送": 1, "跨市案件移送": 2}, 0.9), ({"跨省案件移送": 3}, 1),
                                             ({"跨市案件移送": 1}, 0.2)])
def test_per_item_with_rates_scores_each_case_at_its_own_rate(assessment, cases, expected):
    entries = [entry(33, 2, case=case, count=n) for case, n in cases.items()]
    assert score(assessment, 33, 2, *entries) == expected


@pytest.mark.parametrize("count, expected", [(0, 0), (1, 1), (3, 1), (4, 3), (9, 3)])
def test_threshold_on_a_count_takes_the_highest_level_reached(assessment, count, expected):
    assert score(assessment, 14, 1, entry(14, 1, count=count)) == expected


@pytest.mark.parametrize("rate, expected", [(100, 1), (96, 0.5), (95, 0.5), (94.9, 0)])
def test_threshold_on_a_rate(assessment, rate, expected):
    assert score(assessment, 15, 1, entry(15, 1, value=rate)) == expected


@pytest.mark.parametrize("no, level, expected", [(9, 2, 2), (9, 1, 1), (9, 0, 0), (23, 2, 1), (23, 1, 0.5)])
def test_threshold_on_a_level(assessment, no, level, expected):
    assert score(assessment, no, None, entry(no, value=level)) == expected


@pytest.mark.parametrize("percent, expected", [(80, 1.2), (100, 1.5), (150, 1.5)])
def test_proportional_scores_the_share_completed_up_to_the_maximum(assessment, percent, expected):
    assert score(assessment, 27, 1, entry(27, 1, value=percent)) == expected


@pytest.mark.parametrize("no, label, count, expected", [(16, None, 0, 2), (16, None, 1, 1.6), (16, None, 6, 0),
                                                        (46, 1, 2, -4), (47, None, 0, 0)])
def test_deduction_takes_points_off_per_lapse_down_to_its_floor(assessment, no, label, count, expected):
    assert score(assessment, no, label, entry(no, label, count=count)) == expected


@pytest.mark.parametrize("no, label", [(6, None), (16, None), (46, 1), (14, 1), (27, 1)])
def test_nothing_reported_scores_nothing(assessment, no, label):
    assert scoring.score_part(part(assessment, no, label), None) == 0


@pytest.mark.parametrize("no, label", [(4, None), (19, None), (14, 4), (8, 2)])
def test_ranking_and_judgement_are_pending_until_a_score_is_entered(assessment, no, label):
    assert score(assessment, no, label) is None
    assert score(assessment, no, label, entry(no, label)) is None
    assert score(assessment, no, label, entry(no, label, score=1)) == 1


def test_an_indicator_with_mechanical_and_ranked_parts_shows_both(assessment):
    work = [(BUREAU, entry(14, 1, count=2)), (BUREAU, entry(14, 2, count=2)), (BUREAU, entry(14, 3, count=3)),
            (BUREAU, entry(14, 5))]
    row = standing.indicator_row(assessment.indicators[14], work)
    assert (row.score, row.pending, row.is_pending) == (3, 8, True)
    assert standing.indicator_row(assessment.indicators[4], []).scores == (None,)


def mini_assessment() -> m.Assessment:
    def ind(no, section, *rules, points=1):
        return m.Indicator(no, points, ("规则",), (), "", (BUREAU,), None, "", tuple(rules), section, "组", None)

    def section(title, kind, points, *inds):
        return m.Section(title, None, kind, points, "", (m.Group("组", None, None, (m.Item(None, None, tuple(inds)),)),))

    yes = {"kind": "yes_no", "points": 1}
    return m.Assessment(2022, "测试", "", (
        section("基础", "base", 3, ind(1, "基础", yes), ind(2, "基础", {"kind": "per_item", "each": 0.5, "max": 1}),
                ind(3, "基础", {"kind": "ranking", "max": 1})),
        section("加分项", "bonus", 1, ind(4, "加分项", yes), ind(5, "加分项", yes)),
        section("减分项", "penalty", None, ind(6, "减分项", {"kind": "deduction", "start": 0, "each": 2}, points=None)),
    ), "content/assessment/2022.yaml")


def test_sections_subtotal_against_their_maximum_and_the_bonus_is_capped():
    reports = [report(BUREAU, Q4, D(2022, 12, 30), work=[entry(1), entry(2, count=1), entry(3), entry(4), entry(5),
                                                         entry(6, count=1)])]
    result = standing.standing(mini_assessment(), reports)
    base, bonus, penalty = result.sections
    assert (base.score, base.pending, base.maximum) == (1.5, 1, 3)
    assert (bonus.score, bonus.maximum) == (1, 1)          # two bonus points reported, one allowed
    assert penalty.score == -2
    assert (result.total, result.pending, result.base_maximum) == (0.5, 1, 3)


def test_a_report_for_a_longer_period_replaces_the_units_reports_inside_it(assessment):
    december = report(BUREAU, "2022-12", D(2022, 12, 23), work=[entry(6, count=1)])
    quarter = report(BUREAU, Q4, D(2022, 12, 30), work=[entry(6, count=2)])
    october = report(COURT, "2022-10", D(2022, 10, 31), work=[entry(6, count=1)])
    november = report(COURT, "2022-11", D(2022, 11, 30), work=[entry(6, count=2)])
    chosen = ledger.work_reports([december, quarter, october, november], parse_period(Q4))
    assert december not in chosen and {quarter, october, november} <= set(chosen)
    row = next(r for r in standing.standing(assessment, chosen).rows if r.indicator.no == 6)
    assert row.score == 2     # 2 + 1 + 2 occurrences × 0.4, capped at 2


def test_the_gap_list_is_every_base_or_bonus_indicator_without_work_or_evidence(content, assessment):
    work: dict[int, set] = {}
    for path in sorted((REPO / "content" / "progress").rglob("*.yaml")):
        for item in load_yaml(path).get("indicators") or []:
            work.setdefault(item["no"], set()).update(item.get("evidence") or [])
    penalties = {ind.no for s in assessment.sections if s.kind == "penalty" for g in s.groups for i in g.items
                 for ind in i.indicators}
    expected = [no for no in sorted(assessment.indicators) if no not in penalties and not work.get(no)]
    result = standing.standing(assessment, ledger.work_reports(content.progress, parse_period(Q4)))
    assert [r.indicator.no for r in result.gaps()] == expected
    assert {r.indicator.no: r.gap for r in result.gaps()}[19] == "缺支撑材料"
    assert {r.indicator.no: r.gap for r in result.gaps()}[10] == "尚无工作"


# -- the documents ---------------------------------------------------------------

def test_the_office_report_counts_items_and_names_who_has_not_reported(office):
    text = normalise(office.all_text())
    assert normalise("形成议定事项7项。其中，已完成1项，推进中4项，未启动1项，牵头单位尚未报送进展的1项。") in text
    assert normalise("已到完成时限仍未完成的1项") in text
    assert normalise("联席会议成员单位共24个，已报送工作完成情况报告的23个") in text
    assert normalise("区农业农村局（2022年第四季度报告于2023年1月5日报送）") in text
    assert normalise("尚未报送的1个：区商务局。") in text
    assert [office.text_of(p) for p in office.paragraph("Signature")] == ["西市区人民政府知识产权联席会议办公室"]
    assert [office.text_of(p) for p in office.paragraph("SignDate")] == ["2022年12月31日"]
    assert office.text_of(office.paragraph("Addressee")[0]) == "区政府："


def test_the_ledger_table_lists_every_item_with_its_status(office, content):
    rows = table_with(office, "议定事项")[1:]
    entries = ledger.ledger(content, D(2022, 12, 31))
    assert [r[0] for r in rows] == [str(n) for n in range(1, len(entries) + 1)]     # 序号: no file ids in print
    from ipdocs.documents.common import item_reference
    assert [r[1] for r in rows] == [item_reference(content, e.meeting, e.decision) for e in entries]
    assert rows[0][1] == "联席会议〔2022〕1号纪要第一项"
    assert rows[0][3:6] == ["区市场监管局", "2022年12月31日", "推进中（逾期）"]
    assert rows[6][5:] == ["未报送", "牵头单位尚未报送进展"]


def test_the_assessment_table_scores_every_indicator_with_subtotals(office, assessment):
    table = table_with(office, "工作完成情况")
    body = [r for r in table if r[0].isdigit()]
    assert [int(r[0]) for r in body] == list(range(1, 48))
    scores = {int(r[0]): r[-1] for r in body}
    assert scores[6] == "2" and scores[7] == "3.5" and scores[16] == "1.6" and scores[33] == "1.3"
    assert scores[4] == scores[22] == scores[19] == "待定"
    assert scores[14] == "3＋待定" and scores[8] == "1.5＋待定"
    assert scores[10] == "0" and body[9][3] == "尚未报送"
    subtotals = [r for r in table if r[0] in ("小计", "合计")]
    assert [r[0] for r in subtotals] == ["小计"] * 5 + ["合计"]
    assert subtotals[0][1:] == ["10", "另有2分取决于全省排名或考核评定，待定", "8"]


def test_the_summary_table_gives_each_section_against_its_maximum(office, content, assessment):
    table = table_with(office, "待定分值")
    result = standing.standing(assessment, ledger.work_reports(content.progress, parse_period(Q4)))
    assert [r[0] for r in table[1:]] == ["一、组织实施责任（10分）", "二、资源配置保障（9分）", "三、重点工作推进（81分）",
                                         "加分项（10分）", "减分项（不设上限）", "合计"]
    assert table[-1][1:3] == ["100", f"{result.total:g}"]
    assert sum(float(r[2]) for r in table[1:-1]) == pytest.approx(result.total)


def test_the_gap_list_attachment_matches_the_gaps(office, content, assessment):
    table = table_with(office, "差距")
    result = standing.standing(assessment, ledger.work_reports(content.progress, parse_period(Q4)))
    assert [int(r[0]) for r in table[1:]] == [r.indicator.no for r in result.gaps()]
    row10 = next(r for r in table if r[0] == "10")
    assert row10[3:] == ["尚无工作", "—", "区法院、区检察院、区公安局、区农业农村局、区文旅局、区市场监管局"]


def test_the_attachments_are_named_as_listed_and_set_landscape(office):
    listed = [re.sub(r"^(附件：|\u3000+)\d\.", "", office.text_of(p))
              for p in office.paragraph("AttachmentNoteList") + office.paragraph("AttachmentNoteMore")]
    assert listed == [office.text_of(p) for p in office.paragraph("AttachmentTitle")]
    assert [office.text_of(p) for p in office.paragraph("AttachmentLabel")] == ["附件1", "附件2", "附件3"]
    orient = [s.find("w:pgSz", NS).get(f"{W}orient") for s in office.sections()]
    assert orient == [None, "landscape"]
    for tbl in office.document.iter(f"{W}tbl"):
        assert tbl.find("w:tr/w:trPr/w:tblHeader", NS) is not None


def test_a_units_report_goes_to_the_office_signed_by_the_unit(shipped):
    doc = Docx(shipped[f"progress:{Q4}_区法院"])
    assert doc.text_of(doc.paragraph("Mark")[0]) == "区人民法院"
    assert doc.text_of(doc.paragraph("Title")[0]) == "区人民法院关于2022年第四季度知识产权工作完成情况的报告"
    assert doc.text_of(doc.paragraph("Addressee")[0]) == "联席会议办公室："
    assert [doc.text_of(p) for p in doc.paragraph("Signature") + doc.paragraph("SignDate")] == ["区人民法院", "2022年12月29日"]
    texts = doc.texts()
    assert any(t.startswith("（一）联席会议〔2022〕1号纪要第二项。") for t in texts)      # a run-in heading, no file id
    assert "本单位为配合单位" in "".join(texts) and "落实情况：已完成。12月22日进区经济开发区开展以案释法宣传1次。" in texts
    assert any(t.startswith("（四）第38项指标：知识产权保护工作取得突出进展或积极成效。") for t in texts)
    assert not any("joint-1#" in t for t in texts)
    assert "支撑材料：区法院_行政调解司法确认裁定。" in texts


def test_a_unit_with_nothing_to_report_says_so(shipped):
    texts = Docx(shipped[f"progress:{Q4}_区统计局"]).texts()
    assert "本期没有需要报告的议定事项和考核指标相关工作。" in texts


def test_every_period_with_reports_gets_an_office_report_and_every_report_a_document(shipped, content):
    for r in content.progress:
        assert f"progress:{r.period.name}_{r.unit.label}" in shipped
    assert {k for k in shipped if k.startswith("progress:") and "_" not in k} == {"progress:2022-12", f"progress:{Q4}"}
    assert shipped[f"progress:{Q4}"].name == "2022-Q4_知识产权工作进展情况报告.docx"
    assert shipped[f"progress:{Q4}"].parent.name == "进展情况"


def test_the_html_has_the_three_tables(shipped):
    html = shipped[f"progress:{Q4}"].with_suffix(".html").read_text(encoding="utf-8")
    for cls in ("ledger", "self-assessment", "gaps", "subtotals"):
        assert re.search(rf'<table class="(?:[^"]* )?{cls}[ "]', html), cls
    assert "推进中（逾期）" in html


def test_the_office_report_text_and_tables_match_the_golden_file(office):
    """Set IPDOCS_UPDATE_GOLDEN=1 to rewrite it after an intended change, then review the diff."""
    text = office.all_text() + "\n"
    golden = GOLDEN / "progress-2022-Q4-all.txt"
    if os.environ.get("IPDOCS_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_a_later_period_without_an_assessment_still_reports_the_ledger(project):
    folder = project / "content" / "progress" / "2023-Q1"
    folder.mkdir()
    (folder / "区商务局.yaml").write_text(
        "unit: 区商务局\nperiod: 2023-Q1\nsubmitted: 2023-03-20\ndecisions:\n"
        "  - ref: 2022-12-28-joint-2#2\n    status: 已完成\n    note: 调查报告已形成。\n", encoding="utf-8")
    loaded = load_content(project / "content")
    by_ref = {e.decision.ref: e for e in ledger.ledger(loaded, D(2023, 3, 31))}
    assert by_ref["2022-12-28-joint-2#2"].status == "已完成"
    assert (by_ref["2022-12-22-protection-1#1"].status, by_ref["2022-12-22-protection-1#1"].overdue) == ("推进中", True)
    assert {e.decision.ref: e.status for e in ledger.ledger(loaded, D(2022, 12, 31))}["2022-12-28-joint-2#2"] == "未报送"
    built = build_all(project / "content", project / "output")
    doc = Docx(built["progress:2023-Q1"])
    assert [doc.text_of(p) for p in doc.paragraph("AttachmentLabel")] == ["附件1"]
    assert "尚未报送的" in doc.all_text()


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="没有 LibreOffice 或 poppler：apt-get install -y libreoffice-writer-nogui poppler-utils fonts-noto-cjk")
def test_the_pdfs_keep_text_in_the_type_area_and_turn_the_tables_landscape(shipped, tmp_path):
    from ipdocs.outputs.pdf import convert
    from support import LANDSCAPE_AREA, PORTRAIT_AREA, SLACK, pages, split_footer
    keys = [f"progress:{Q4}", f"progress:{Q4}_区市场监管局"]
    for key, pdf in zip(keys, convert([shipped[k] for k in keys], tmp_path)):
        sizes = []
        for number, (width, height, words) in enumerate(pages(pdf), start=1):
            area = LANDSCAPE_AREA if width > height else PORTRAIT_AREA
            body, footer = split_footer(words, area)
            for x0, y0, x1, y1, text in body:
                assert area[0] - SLACK <= x0 and x1 <= area[2] + SLACK, (key, number, text)
                assert area[1] - SLACK - 10 <= y0 and y1 <= area[3] + SLACK, (key, number, text)
            assert "".join(w[4] for w in footer) == f"—{number}—", (key, number)
            sizes.append(width > height)
        turned = sizes.index(True) if True in sizes else len(sizes)
        assert sizes == [False] * turned + [True] * (len(sizes) - turned), key
        assert (turned < len(sizes)) == (key == f"progress:{Q4}"), key


def test_rendering_is_deterministic(content):
    from ipdocs.documents import render
    from ipdocs.documents.progress import progress_documents as documents
    first, second = documents(content), documents(load_content(REPO / "content"))
    assert [d.digest for d in first] == [d.digest for d in second]
    assert render(first[0]) == render(second[0])


def test_editing_a_progress_file_rebuilds_its_report_and_only_the_office_reports_that_print_it(project):
    from support import doit
    doit(cwd=project)
    path = project / "content" / "progress" / Q4 / "区统计局.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("核对工作", "核对和汇总工作"), encoding="utf-8")
    assert executed(doit(cwd=project)) - {"site"} == {f"progress:{Q4}_区统计局"}     # the site is an aggregate
    path = project / "content" / "progress" / Q4 / "区委宣传部.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: 已完成", "status: 推进中"), encoding="utf-8")
    # 联席会议〔2022〕1号纪要第二项 (due 2022-12-31, led by 区委宣传部) is now overdue: the 催办通知 of both periods name it
    assert executed(doit(cwd=project)) - {"site"} == {f"progress:{Q4}_区委宣传部", f"progress:{Q4}", "progress:2022-12",
                                                      f"reminders:{Q4}", "reminders:2022-12"}
