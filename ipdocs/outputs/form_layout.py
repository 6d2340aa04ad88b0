"""The progress form's layout and wording: what `ipdocs forms` writes and `ipdocs import` looks for.

The reader finds the header block by its labels and the tables by their column titles,
so a form keeps working when a unit adds blank rows or moves rows about.
"""
from __future__ import annotations

import re
import unicodedata

from ..model import scoring
from ..model.reporting import Line

DECISIONS = "议定事项"
INDICATORS = "考核指标"

UNIT, PERIOD, SUBMITTED, CONTACT, PHONE, SUMMARY = "单位", "报送期", "报送日期", "联系人", "电话", "总体情况"
HEADER_LABELS = (UNIT, PERIOD, SUBMITTED, CONTACT, PHONE, SUMMARY)

REF, ITEM_TEXT, ROLE, DUE, LAST, STATUS, NOTE = "议定事项", "事项内容", "牵头/配合", "完成时限", "上次报送", "状态", "进展说明"
DECISION_COLUMNS = (REF, ITEM_TEXT, ROLE, DUE, LAST, STATUS, NOTE)
DECISION_INPUT = (STATUS, NOTE)

NO, PART, RULE, HOW, WORK, FIGURE, EVIDENCE = "序号", "小项", "考核要点", "计分方式", "工作内容", "次数/数值", "证明材料"
INDICATOR_COLUMNS = (NO, PART, RULE, HOW, WORK, FIGURE, EVIDENCE)
INDICATOR_INPUT = (WORK, FIGURE, EVIDENCE)

YES, NO_ = "是", "否"
NO_PART = "—"
SPARE_ROWS = 8          # blank rows for a second piece of work on an indicator
EVIDENCE_SEPARATORS = re.compile(r"[\n、，,;；]+")

GUIDE_DECISIONS = ("填写说明：黄色格子由单位填写，其余格子已锁定。“状态”从下拉列表中选择（未启动、推进中、已完成），"
                   "“进展说明”写本期做了什么、下一步怎么做。报送日期写作 2023-06-28。")
GUIDE_INDICATORS = ("填写说明：本期做了哪项工作，就在该行填写“工作内容”；“次数/数值”按“计分方式”中的提示填写；"
                    "“证明材料”写随表报送的文件名（多个用顿号分开），文件一并交联席会议办公室。"
                    "同一项有几项工作的，在表末空行中填写序号和小项。")


def part_label(line: Line) -> str:
    """（1） · （2）跨省案件移送 · — (the indicator is not divided)."""
    if line.part is None:
        return line.case or NO_PART
    return f"（{line.part}）{line.case or ''}"


def key(text) -> str:
    """A label or a 小项 as written, compared without width, spaces or brackets' form: （1） == (1)."""
    return "".join(unicodedata.normalize("NFKC", str(text or "")).split())


def _levels(rule: dict) -> str:
    unit = {"count": "件", "rate": "%", "level": "档"}.get(rule.get("measure"), "")
    return "；".join(f"{lv['min']:g}{unit}以上{lv['points']:g}分" for lv in rule["levels"])


def scoring_text(line: Line) -> str:
    """How the line scores, in a few words: 按次计分：每次0.4分，最多2分."""
    rule = line.rule
    if rule is None:
        return "考核评定"
    kind, name = rule["kind"], scoring.KIND_NAMES[rule["kind"]]
    if kind == "yes_no":
        return f"{name}：完成得{rule['points']:g}分"
    if kind == "per_item" and line.case:
        each = next(r["each"] for r in rule["rates"] if str(r["case"]) == line.case)
        return f"{name}：{line.case}每件{each:g}分，本项最多{rule['max']:g}分"
    if kind == "per_item":
        return f"{name}：每次{rule['each']:g}分，最多{rule['max']:g}分"
    if kind == "threshold":
        return f"{name}：{_levels(rule)}" + (f"（{rule['note']}）" if rule.get("note") else "")
    if kind == "deduction":
        return f"{name}：每次扣{rule['each']:g}分"
    return f"{name}：最高{scoring.maximum(rule):g}分"


HINTS = {
    "done": "已完成的不填；工作尚未完成填“否”",
    "count": "填次数或件数（整数）",
    "value": "填数值（比率写百分数，如 96）",
    "score": "得分公布后填写，可不填",
}


def measure_hint(line: Line) -> str:
    """What to write in 次数/数值 on this line."""
    if line.rule and line.rule.get("kind") == "deduction":
        return "发生扣分情形的，填次数（必填）；没有发生的不填本行"
    hint = HINTS[line.measure]
    if line.measure == "count" and not line.required:
        hint += "，不填按1次"
    return hint + ("（必填）" if line.required else "")
