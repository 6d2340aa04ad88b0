"""Progress files content/progress/<period>/*.yaml: reading, and the rules a report must keep.

A report says how the unit's agreed items stand (`decisions`) and what work it
did that serves an assessment indicator (`indicators`). Every problem is
collected with its file and line; nothing is raised here.
"""
from __future__ import annotations

from pathlib import PurePosixPath

from ..errors import nearest, one_of
from ..model import scoring
from ..model.periods import EXAMPLES, Period, parse_period
from ..model.progress import STATUSES, DecisionNote, Report, WorkEntry
from .builder import Builder
from .fields import Fields, shown, type_name
from .scoring_rules import rule_problems
REPORT_FIELDS = ("unit", "period", "submitted", "summary", "decisions", "indicators")
WORK_FIELDS = ("no", "part", "case", "count", "value", "done", "score", "text", "evidence")
SCORE_FIELDS = ("count", "value", "done", "score", "case")
COUNTS = {"minimum": 0, "maximum": 10_000}
PERCENT = 100                  # a rate or a share of work done is at most 100 (per cent)


def check_progress(b: Builder, raw, content) -> list:
    """Validate the raw progress files against the content; returns the reports, in period order."""
    checker = _Checker(b, content)
    reports = [r for folder, stem, data in raw if data is not None and (r := checker.report(folder, stem, data))]
    _check_once_per_period(b, reports)
    return sorted(reports, key=lambda r: (r.period, r.submitted, r.source))


def _check_once_per_period(b: Builder, reports: list[Report]) -> None:
    seen: dict[tuple, Report] = {}
    for r in sorted(reports, key=lambda r: r.source):
        key = (r.unit.name, r.period.start, r.period.end)
        if key in seen:
            b.problems.error(r.where, f"{r.unit.label}在{r.period.label}已有一份进展情况报告（{seen[key].source}）：每个单位每期只报一份，请合并为一个文件")
        seen.setdefault(key, r)


class _Checker:
    """Reads one progress file after another against the loaded content."""

    def __init__(self, b: Builder, content):
        self.b, self.content = b, content
        self.decisions = content.decision_index()
        self.evidence_files = sorted(b.layout.evidence)     # regular files inside content/evidence, links checked

    def error(self, where, message) -> None:
        self.b.problems.error(where, message)

    def report(self, folder: str, stem: str, data) -> Report | None:
        f = Fields(data, self.b.problems, (data.path, 1), REPORT_FIELDS)
        period = parse_period(folder)
        if period is None:
            self.error(f.where(), f"报送期文件夹名“{folder}”无效：应为 {EXAMPLES} 这样的形式（年度、季度或月份）")
        if period is not None:
            self.check_period_field(f, folder)
        unit = self.b.unit(f.text("unit"), f.where("unit"))
        submitted = f.date("submitted")
        if period and submitted and submitted < period.start:
            self.error(f.where("submitted"), f"报送日期 {submitted} 早于报送期{period.label}的开始（{period.start}）")
        notes = tuple(self.decision_notes(f, unit, submitted))
        work = tuple(self.work(f, period))
        if period is None or unit is None or submitted is None:
            return None
        return Report(unit, period, submitted, f.where()[0], stem, f.text("summary", required=False, default=""),
                      notes, work, f.where("unit"))

    def check_period_field(self, f: Fields, folder: str) -> None:
        value = f.raw("period")
        if value is None:
            self.error(f.where(), f"缺少必填字段“period”：写 period: {folder}（与文件夹名相同）")
        elif not isinstance(value, (str, int)) or isinstance(value, bool):
            self.error(f.where("period"), f"period 应写报送期，如 {EXAMPLES}，现在是{type_name(value)}")
        elif str(value).strip() != folder:
            self.error(f.where("period"), f"period 写的是“{value}”，但文件在 progress/{folder}/ 文件夹中：两者应一致")

    # -- agreed items ---------------------------------------------------------
    def decision_notes(self, f: Fields, unit, submitted):
        entries = f.items("decisions")
        seen = set()
        for i, entry in enumerate(entries):
            df = Fields(entry, self.b.problems, entries.where(i), ("ref", "status", "note"))
            ref, status = df.text("ref"), df.choice("status", STATUSES)
            if ref and ref in seen:
                self.error(df.where("ref"), f"议定事项 {ref} 在本文件中写了两次：合并为一项")
            seen.add(ref)
            if ref and self.check_ref(df, ref, unit, submitted) and status:
                yield DecisionNote(ref, status, df.text("note", required=False, default=""))

    def check_ref(self, df: Fields, ref: str, unit, submitted) -> bool:
        found = self.decisions.get(ref)
        if found is None:
            self.error(df.where("ref"), self.unknown_ref(ref))
            return False
        meeting, decision = found
        if unit and unit != decision.lead and unit not in decision.support:
            units = "、".join(u.label for u in (decision.lead, *decision.support) if u)
            self.error(df.where("ref"), f"议定事项 {ref} 由{units}承办，不涉及{unit.label}：请删去这一项，或核对编号")
        if submitted and meeting.date > submitted:
            self.error(df.where("ref"), f"议定事项 {ref} 是 {meeting.date} 的会议议定的，晚于本报告的报送日期 {submitted}")
        return True

    def unknown_ref(self, ref: str) -> str:
        stem, _, n = ref.partition("#")
        count = sum(1 for r in self.decisions if r.partition("#")[0] == stem)
        if count:
            return f"议定事项“{ref}”不存在：会议 {stem} 只有 {count} 项议定事项（#1–#{count}）"
        return f"议定事项“{ref}”不存在{nearest(ref, self.decisions)}：编号写作“会议文件名#序号”，如 2022-12-15-joint-1#2"

    # -- work against the indicators ------------------------------------------
    def work(self, f: Fields, period: Period | None):
        entries = f.items("indicators")
        if not entries or period is None:
            return
        assessment = self.content.assessments.get(period.year)
        if assessment is None:
            self.error(f.where("indicators"), f"没有 {period.year} 年度的考核指标（content/assessment/{period.year}.yaml）：先建立该文件，或删去 indicators")
            return
        for i, entry in enumerate(entries):
            wf = Fields(entry, self.b.problems, entries.where(i), WORK_FIELDS)
            no = wf.integer("no", minimum=1, maximum=999)
            indicator = assessment.indicators.get(no)
            if no is not None and indicator is None:
                self.error(wf.where("no"), f"{period.year}年度考核指标中没有序号 {no}（有效范围 1–{max(assessment.indicators)}）")
            entry = self.work_entry(wf, indicator)
            if entry is not None and indicator is not None:
                yield entry

    def work_entry(self, wf: Fields, ind) -> WorkEntry:
        rule = self.rule(wf, ind) if ind else None
        if rule is not None and rule_problems(rule):
            rule = None               # reported with the assessment file; nothing to check against here
        values = self.score_values(wf)
        if rule is not None:
            self.check_score_fields(wf, ind.no, rule, values)
        return WorkEntry(ind.no if ind else 0, scoring.label(rule) if rule else None, wf.text("text", default=""),
                         tuple(self.evidence(wf)), **values)

    def score_values(self, wf: Fields) -> dict:
        values = {"count": wf.integer("count", required=False, **COUNTS),
                  "value": wf.number("value", required=False, minimum=0, maximum=COUNTS["maximum"]),
                  "done": wf.flag("done", default=True),
                  "score": wf.number("score", required=False, minimum=0, maximum=1000),
                  "case": wf.text("case", required=False)}
        return values

    def rule(self, wf: Fields, ind) -> dict | None:
        labels = [scoring.label(r) for r in ind.scoring]
        part = wf.raw("part")
        if part is None:
            if len(labels) == 1:
                return ind.scoring[0]
            self.error(wf.where(), f"第{ind.no}项指标分为{len(labels)}个部分：请写 part 说明这项工作属于哪一部分{one_of(labels)}")
            return None
        if str(part) not in labels or labels == [None]:
            hint = "本项指标不分部分：删去 part" if labels == [None] else f"可选：{'、'.join(map(str, labels))}"
            self.error(wf.where("part"), f"第{ind.no}项指标没有第“{part}”部分（{hint}）")
            return None
        return ind.scoring[labels.index(str(part))]

    def check_score_fields(self, wf: Fields, no: int, rule: dict, values: dict) -> None:
        allowed = scoring.entry_fields(rule)
        how = f"第{no}项指标{_part(rule)}按“{scoring.KIND_NAMES[rule['kind']]}”计分"
        for key in SCORE_FIELDS:
            if wf.has(key) and key not in allowed:
                self.error(wf.where(key), f"{how}，不用“{key}”{one_of(allowed)}")
        for key, required in allowed.items():
            if required and not wf.has(key):
                self.error(wf.where(), f"{how}，须写“{key}”{_FIELD_HINTS.get(key, '')}")
        case, cases = values["case"], scoring.cases(rule)
        if case is not None and "case" in allowed and case not in cases:
            self.error(wf.where("case"), f"“{case}”不是第{no}项指标{_part(rule)}的类别{nearest(case, cases) or one_of(cases)}")
        if values["value"] is not None and _is_percentage(rule) and values["value"] > PERCENT:
            self.error(wf.where("value"), f"{how}，value 是百分数，最大 {PERCENT}，现在是 {values['value']:g}")
        if values["score"] is not None and values["score"] > scoring.maximum(rule):
            self.error(wf.where("score"), f"第{no}项指标{_part(rule)}最高{scoring.maximum(rule):g}分，score 写的是 {values['score']:g}")

    def evidence(self, wf: Fields):
        entries = wf.items("evidence")
        for i, item in enumerate(entries):
            if isinstance(item, bool) or not isinstance(item, str) or not item.strip():
                self.error(entries.where(i), f"支撑材料应写文件路径，如 evidence/2022/活动签到表.png，现在是{type_name(item)}“{shown(item)}”")
                continue
            text = item.strip()
            path = PurePosixPath(text)
            if path.is_absolute() or ".." in path.parts or path.parts[:1] != ("evidence",):
                self.error(entries.where(i), f"支撑材料“{text}”应写成 content/ 下以 evidence/ 开头的路径，如 evidence/2022/活动签到表.png")
            elif text not in self.b.layout.evidence:
                self.error(entries.where(i), f"找不到支撑材料 content/{text}{nearest(text, self.evidence_files)}：请把文件放到该位置，或改正路径")
            else:
                yield text


_FIELD_HINTS = {"count": "（次数或件数，整数）", "value": "（比率写百分数，如 96；分档写档次数字）",
                "case": "（类别名称）"}


def _is_percentage(rule: dict) -> bool:
    return rule.get("kind") == "proportional" or (rule.get("kind") == "threshold" and rule.get("measure") == "rate")


def _part(rule: dict) -> str:
    return f"第{scoring.label(rule)}部分" if scoring.label(rule) else ""
