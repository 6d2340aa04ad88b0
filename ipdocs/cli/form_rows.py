"""A returned form's cells → the entries of a progress file, each checked where the unit typed it.

Messages speak of the form's columns (状态, 次数/数值, 证明材料) and name the cell; the
entries keep the cell each field came from, so that a problem the content check finds
later in the written YAML can be shown at its cell too.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..documents.common import item_reference
from ..errors import nearest, one_of
from ..model import records as m
from ..model.periods import EXAMPLES, Period, parse_period
from ..model.progress import STATUSES
from ..model.reporting import Line, assigned, assigned_numbers, indicator_lines, role
from ..outputs import form_layout as f
from ..yamlwrite import Note
from .form_values import as_int, evidence_names, evidence_path, missing_evidence, parse_date, parse_number
from .returned import Cell, Returned


@dataclass
class Converted:
    """What one form says, as progress-file data, and the cell behind each field."""
    unit: m.Unit
    period: Period
    data: dict
    cells: dict = field(default_factory=dict)       # ("indicators", 0, "count") → Cell
    contact: str = ""
    blank_items: list[str] = field(default_factory=list)


class FormRows:
    """Reads one returned form against the content; problems go to the form's list."""

    def __init__(self, content, form: Returned):
        self.content, self.form = content, form
        self.cells: dict = {}

    def error(self, cell: Cell | None, message: str, sheet: str = "") -> None:
        self.form.error(cell, message, sheet)

    def converted(self) -> Converted | None:
        header = self.form.header
        unit, period = self.unit(header.get(f.UNIT)), self.period(header.get(f.PERIOD))
        if unit is None or period is None:
            return None
        data = {"unit": unit.label, "period": period.name, "submitted": self.submitted(header.get(f.SUBMITTED), period)}
        self.cells.update({(k,): header[label] for k, label in (("unit", f.UNIT), ("period", f.PERIOD),
                                                                 ("submitted", f.SUBMITTED)) if label in header})
        summary = header.get(f.SUMMARY)
        if summary is not None and not summary.empty:
            data["summary"], self.cells[("summary",)] = summary.text, summary
        blank: list[str] = []
        decisions = self.decisions(unit, blank)
        indicators = self.indicators(unit, period)
        data.update({k: v for k, v in (("decisions", decisions), ("indicators", indicators)) if v})
        return Converted(unit, period, data, self.cells, self.contact(), blank)

    # -- the header block --------------------------------------------------------
    def unit(self, cell: Cell | None) -> m.Unit | None:
        if cell is None:
            return None
        names = {n: u for u in self.content.units for n in u.names}
        unit = names.get(cell.text)
        if unit is None:
            self.error(cell, f"单位“{cell.text}”不认识{nearest(cell.text, names)}：请用联席会议办公室发出的表")
        elif not unit.member:
            self.error(cell, f"{unit.label}不是联席会议成员单位：不报送进展情况")
            return None
        return unit

    def period(self, cell: Cell | None) -> Period | None:
        if cell is None:
            return None
        period = parse_period(cell.text)
        if period is None:
            self.error(cell, f"报送期“{cell.text}”无效：应为 {EXAMPLES} 这样的形式")
        return period

    def submitted(self, cell: Cell | None, period: Period):
        if cell is None:
            return None
        if cell.empty:
            self.error(cell, "报送日期未填写：请写作 2023-06-28 这样的日期")
            return None
        day, why = parse_date(cell)
        if day is None:
            self.error(cell, f"报送日期“{cell.text}”无效：{why}")
        elif day < period.start:
            self.error(cell, f"报送日期 {day} 早于报送期{period.label}的开始（{period.start}）")
        return day

    def contact(self) -> str:
        name, phone = (self.form.header.get(k) for k in (f.CONTACT, f.PHONE))
        parts = [f"{label}：{c.text}" for label, c in ((f.CONTACT, name), (f.PHONE, phone)) if c and not c.empty]
        return "；".join(parts)

    # -- sheet 议定事项 --------------------------------------------------------------
    def decisions(self, unit: m.Unit, blank: list[str]) -> list[dict]:
        table = self.form.tables.get(f.DECISIONS)
        if table is None:
            return []
        labels = {f.key(item_reference(self.content, mt, d)): (mt, d) for mt, d in self.content.decision_index().values()}
        entries, seen = [], {}
        for row in table.rows:
            entry = self.decision(row, unit, labels, seen, blank)
            if entry is not None:
                base = ("decisions", len(entries))
                self.cells.update({(*base, k): row[c] for k, c in (("ref", f.REF), ("status", f.STATUS), ("note", f.NOTE))
                                   if c in row})
                entries.append(entry)
        return entries

    def decision(self, row: dict, unit, labels, seen, blank) -> dict | None:
        ref, status, note = (row.get(c) for c in (f.REF, f.STATUS, f.NOTE))
        said = [c for c in (status, note) if c is not None and not c.empty]
        if ref is None or not said:
            if ref is not None and f.key(ref.text) in labels:
                blank.append(ref.text)
            return None
        meeting, decision = labels.get(f.key(ref.text), (None, None))
        if decision is None:
            self.error(ref, f"议定事项“{ref.text}”不存在{nearest(ref.text, self.reference_texts())}：请用原表中的编号")
            return None
        if role(decision, unit) is None:
            units = "、".join(u.label for u in (decision.lead, *decision.support) if u)
            self.error(ref, f"议定事项“{ref.text}”由{units}承办，不涉及{unit.label}")
        if decision.ref in seen:
            self.error(ref, f"议定事项“{ref.text}”填了两次（另一处在第{seen[decision.ref]}行）：合并为一行")
        seen.setdefault(decision.ref, ref.row)
        state = self.status(status)
        entry = {"ref": Note(decision.ref, ref.text), "status": state}
        if note is not None and not note.empty:
            entry["note"] = note.text
        return entry

    def reference_texts(self) -> list[str]:
        return [item_reference(self.content, mt, d) for mt, d in self.content.decision_index().values()]

    def status(self, cell: Cell | None) -> str | None:
        if cell is None or cell.empty:
            self.error(cell, f"状态未选择：填了进展说明的，请选择状态{one_of(STATUSES)}", sheet=f.DECISIONS)
            return None
        if cell.text not in STATUSES:
            self.error(cell, f"状态“{cell.text}”无效{one_of(STATUSES)}")
            return None
        return cell.text

    # -- sheet 考核指标 --------------------------------------------------------------
    def indicators(self, unit: m.Unit, period: Period) -> list[dict]:
        table = self.form.tables.get(f.INDICATORS)
        rows = [r for r in table.rows if any(not r[c].empty for c in f.INDICATOR_INPUT if c in r)] if table else []
        assessment = self.content.assessments.get(period.year)
        if rows and assessment is None:
            self.error(None, f"没有{period.year}年度考核指标（content/assessment/{period.year}.yaml）：本表暂不能导入考核指标的工作",
                       sheet=f.INDICATORS)
            return []
        entries = []
        for row in rows:
            entry = self.indicator(row, unit, assessment, period.year)
            if entry is not None:
                base = ("indicators", len(entries))
                self.cells.update({(*base, k): cell for k, cell in entry.pop("_cells").items()})
                entries.append(entry)
        return entries

    def indicator(self, row: dict, unit, assessment, year: int) -> dict | None:
        line = self.line(row, unit, assessment)
        if line is None:
            return None
        work = row.get(f.WORK)
        entry: dict = {"no": Note(line.no, line.indicator.item or line.indicator.group)}
        cells = {"no": row.get(f.NO), "part": row.get(f.PART), "case": row.get(f.PART), "text": work}
        if line.part is not None:
            entry["part"] = int(line.part) if line.part.isdigit() else line.part
        if line.case:
            entry["case"] = line.case
        figure = self.figure(row.get(f.FIGURE), line)
        if figure:
            entry.update(figure)
            cells.update({k: row.get(f.FIGURE) for k in figure})
        if work is None or work.empty:
            self.error(work, "工作内容未填写：写明做了什么（时间、次数、成效）", sheet=f.INDICATORS)
        entry["text"] = work.text if work is not None else ""
        evidence = self.evidence(row.get(f.EVIDENCE), year)
        if evidence:
            entry["evidence"], cells["evidence"] = evidence, row.get(f.EVIDENCE)
        entry["_cells"] = {k: c for k, c in cells.items() if c is not None}
        return entry

    def line(self, row: dict, unit, assessment) -> Line | None:
        no_cell, part_cell = row.get(f.NO), row.get(f.PART)
        if no_cell is None or no_cell.empty:
            self.error(no_cell or row.get(f.WORK), "序号未填写：写明这项工作服务哪一项考核指标", sheet=f.INDICATORS)
            return None
        number, _ = parse_number(no_cell)
        no = as_int(number) if number is not None else None
        indicator = assessment.indicators.get(no) if no is not None else None
        if indicator is None:
            self.error(no_cell, f"序号“{no_cell.text}”不是{assessment.year}年度的考核指标（有效范围 1–{max(assessment.indicators)}）")
            return None
        if not assigned(indicator, unit):
            mine = "、".join(map(str, assigned_numbers(assessment, unit))) or "无"
            self.error(no_cell, f"第{no}项指标不是{unit.label}的考核任务（{unit.label}承担的指标：{mine}）：请核对序号")
            return None
        return self.part(part_cell, indicator)

    def part(self, cell: Cell | None, indicator) -> Line | None:
        lines = indicator_lines(indicator)
        written = f.key(cell.text if cell else "")
        names = {f.key(f.part_label(line)): line for line in lines}
        names.update({f.key(line.part): line for line in lines if line.part and not line.case})
        if len(lines) == 1:
            names[""] = lines[0]
        if written in names:
            return names[written]
        options = "、".join(f.part_label(line) for line in lines)
        self.error(cell, f"第{indicator.no}项指标没有小项“{cell.text if cell else ''}”（可选：{options}）", sheet=f.INDICATORS)
        return None

    def figure(self, cell: Cell | None, line: Line) -> dict:
        if cell is None or cell.empty:
            if line.required:
                self.error(cell, f"次数/数值未填写：{f.measure_hint(line)}", sheet=f.INDICATORS)
            return {}
        if line.measure == "done":
            return self.done(cell)
        number, why = parse_number(cell)
        if number is None:
            self.error(cell, f"次数/数值“{cell.text}”{why}：{f.measure_hint(line)}")
            return {}
        if number < 0:
            self.error(cell, f"次数/数值不能是负数（现在是 {cell.text}）")
            return {}
        return self.measured(cell, line, number)

    def measured(self, cell: Cell, line: Line, number: float) -> dict:
        if line.measure == "count":
            count = as_int(number)
            if count is None:
                self.error(cell, f"次数/数值“{cell.text}”应为整数（次数或件数）")
                return {}
            return {"count": count}
        if line.measure == "score" and line.rule and number > line.rule["max"]:
            part = f.part_label(line) if line.part else ""
            self.error(cell, f"第{line.no}项指标{part}最高{line.rule['max']:g}分，填的是 {number:g}")
            return {}
        return {line.measure: as_int(number) if as_int(number) is not None else number}

    def done(self, cell: Cell) -> dict:
        if cell.text in (f.NO_, "未完成", "尚未完成"):
            return {"done": False}
        if cell.text in (f.YES, "已完成"):
            return {}
        self.error(cell, f"次数/数值“{cell.text}”无效：已完成的不填，工作尚未完成填“{f.NO_}”")
        return {}

    def evidence(self, cell: Cell | None, year: int) -> list[str]:
        if cell is None or cell.empty:
            return []
        found = []
        for name in evidence_names(cell.text, f.EVIDENCE_SEPARATORS):
            relative, why = evidence_path(name, year)
            why = why or missing_evidence(self.content.root, relative, year)
            if why:
                self.error(cell, f"证明材料“{name}”：{why}")
            else:
                found.append(relative)
        return found
