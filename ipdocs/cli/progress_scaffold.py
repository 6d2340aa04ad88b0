"""`ipdocs new-progress --unit 区法院 --period 2023-Q2`: a commented progress file, prefilled like the form.

The open agreed items are listed with an empty 状态 to choose; the unit's indicator lines
are a menu written as comments, to switch on by deleting the `# ` of an entry's lines.
Never overwrites: a unit has one progress file per period.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..documents.common import item_reference, plain_summary
from ..errors import UsageError
from ..files import create_new
from ..model import records as m, reporting
from ..model.periods import Period
from ..model.progress import STATUSES
from ..outputs import form_layout as f
from ..text import cn_date
from ..yamlwrite import Note, Off, dump
from .lookup import find_period, find_unit


def new_progress(content, unit_name: str, period_name: str) -> Path:
    unit, period = find_unit(content, unit_name), find_period(period_name)
    existing = next((r for r in content.progress if r.unit == unit and r.period == period), None)
    if existing is not None:
        raise UsageError(f"{unit.label}{period.label}的进展报告已有：{existing.source}，没有覆盖：请直接编辑该文件")
    path = content.root / "progress" / period.name / f"{unit.label}.yaml"
    return write_new(path, scaffold_text(content, unit, period))


def scaffold_text(content, unit: m.Unit, period: Period) -> str:
    items = reporting.open_items(content, unit, period)
    assessment = content.assessments.get(period.year)
    lines = reporting.unit_lines(assessment, unit)
    no_lines = (f"{period.year}年度考核指标没有分配给本单位的" if assessment else
                f"还没有{period.year}年度考核指标（content/assessment/{period.year}.yaml）")
    data = {
        "unit": Note(unit.label, "报送单位"),
        "period": Note(period.name, f"报送期：{period.label}（与文件夹名相同）"),
        "submitted": Note(max(dt.date.today(), period.start), "报送日期：改为单位实际报送的日期"),
        "summary": Note(None, "总体情况（可选，印在单位报告开头；多行时写 | 并换行缩进）"),
        "decisions": [Off(decision_entry(content, item)) for item in items] or Note([], "本期没有需要报送的议定事项"),
        "indicators": [Off(indicator_entry(line, period.year), line_comment(line)) for line in lines] or
                      Note([], no_lines),
    }
    return dump(data, header=[
        f"{unit.label} {period.label}知识产权工作完成情况（ipdocs new-progress 生成）。填好后运行 ipdocs check。",
        "decisions 和 indicators 下的各项写成了注释（行首的“# ”），文件现在就能通过检查：",
        f"decisions 是本单位牵头或配合、本期尚未完成的议定事项：单位报了哪项，就删去该项各行行首的“# ”，填 status（{'、'.join(STATUSES)}）和 note；",
        "indicators 是本单位承担的考核指标：做了哪项的工作，同样删去行首的“# ”并填写；同一项有几项工作，可复制几份。",
    ])


def decision_entry(content, item: reporting.OpenItem) -> dict:
    d = item.decision
    due = f"，完成时限{cn_date(d.due)}" if d.due else ""
    what = f"{item_reference(content, item.meeting, d)}（{item.role}{due}）：{plain_summary(d.text)}"
    return {"ref": Note(d.ref, what), "status": Note(None, " | ".join(STATUSES)), "note": Note(None, "进展说明")}


def indicator_entry(line: reporting.Line, year: int) -> dict:
    entry: dict = {"no": line.no}
    if line.part is not None:
        entry["part"] = int(line.part) if line.part.isdigit() else line.part
    if line.case:
        entry["case"] = line.case
    if line.measure != "done":
        entry[line.measure] = Note(None, f.measure_hint(line))
    entry["text"] = Note(None, "工作内容")
    entry["evidence"] = Note([], f"证明材料，如 [evidence/{year}/活动签到表.pdf]")
    return entry


def line_comment(line: reporting.Line) -> str:
    part = f.part_label(line)
    name = line.indicator.item or line.indicator.group
    return f"第{line.no}项{'' if part == f.NO_PART else part}（{name}）：{f.scoring_text(line)}"


def write_new(path: Path, text: str) -> Path:
    """Write a new file whole, never replacing one that is there (also when two runs race)."""
    try:
        return create_new(path, text.encode("utf-8"))
    except FileExistsError:
        raise UsageError(f"{path} 已存在，没有覆盖：请直接编辑该文件") from None
