"""Scoring rules as data: each indicator's `scoring` parts in assessment/<year>.yaml.

One small function per rule kind turns the work reported on a part into points;
`ranking` and `judgement` parts wait for a score entered by hand (待定).
"""
from __future__ import annotations

from dataclasses import dataclass, field


PENDING = "待定"
MANUAL = ("ranking", "judgement")
MEASURES = ("count", "rate", "level")
# kind → (keys it must have, keys it may have) besides kind, part and note
RULE_KEYS = {
    "yes_no": (("points",), ()),
    "per_item": (("max",), ("each", "rates")),
    "threshold": (("measure", "levels"), ("zero",)),
    "proportional": (("max",), ()),
    "deduction": (("start", "each"), ("floor",)),
    "ranking": (("max",), ()),
    "judgement": (("max",), ()),
}
KIND_NAMES = {"yes_no": "是否完成", "per_item": "按次计分", "threshold": "分档计分", "proportional": "按完成比例计分",
              "deduction": "扣分", "ranking": "全省排名", "judgement": "考核评定"}


def rounded(value: float) -> float:
    return round(value + 0.0, 4)


def label(rule: dict) -> str | None:
    part = rule.get("part")
    return None if part is None else str(part)


def maximum(rule: dict) -> float:
    """The most a part can give (a deduction from zero gives at most 0)."""
    kind = rule.get("kind")
    if kind == "yes_no":
        return rule["points"]
    if kind == "threshold":
        return max(level["points"] for level in rule["levels"])
    if kind == "deduction":
        return rule["start"]
    return rule["max"]


# -- what a progress entry writes for a part ---------------------------------

def entry_fields(rule: dict) -> dict[str, bool]:
    """The score fields an entry on this part may carry → whether each is required."""
    kind, measure = rule.get("kind"), rule.get("measure")
    if kind == "yes_no":
        return {"done": False}
    if kind == "per_item":
        return {"count": False, "case": True} if rule.get("rates") else {"count": False}
    if kind == "threshold" and measure == "count" or kind == "deduction":
        return {"count": True}
    if kind in ("threshold", "proportional"):
        return {"value": True}
    return {"score": False}


def cases(rule: dict) -> list[str]:
    return [str(r["case"]) for r in rule.get("rates") or ()]


# -- the work on one part, summed over units ---------------------------------

@dataclass
class Work:
    """What the selected reports say about one part of one indicator."""
    reported: bool = False
    done: bool = False
    count: float = 0
    counts: dict = field(default_factory=dict)     # case → count (per_item with rates)
    value: float | None = None
    score: float | None = None

    def add(self, entry) -> None:
        self.reported = True
        self.done = self.done or entry.done
        count = 1 if entry.count is None else entry.count
        if entry.case:
            self.counts[entry.case] = self.counts.get(entry.case, 0) + count
        else:
            self.count += count
        self.value = _higher(self.value, entry.value)
        self.score = _higher(self.score, entry.score)


def _higher(a, b):
    return b if a is None else a if b is None else max(a, b)


def _yes_no(rule, work: Work):
    return rule["points"] if work.done else 0


def _per_item(rule, work: Work):
    if rule.get("rates"):
        total = sum(r["each"] * work.counts.get(str(r["case"]), 0) for r in rule["rates"])
    else:
        total = rule["each"] * work.count
    return min(total, rule["max"])


def _threshold(rule, work: Work):
    measured = work.count if rule["measure"] == "count" else work.value
    if measured is None:
        return 0
    return next((level["points"] for level in rule["levels"] if measured >= level["min"]), rule.get("zero", 0))


def _proportional(rule, work: Work):
    return rule["max"] * min(max(work.value or 0, 0), 100) / 100


def _deduction(rule, work: Work):
    score = rule["start"] - rule["each"] * work.count
    return max(score, rule["floor"]) if rule.get("floor") is not None else score


def _manual(rule, work: Work):
    return work.score     # None until entered by hand: 待定


SCORERS = {"yes_no": _yes_no, "per_item": _per_item, "threshold": _threshold, "proportional": _proportional,
           "deduction": _deduction, "ranking": _manual, "judgement": _manual}


def score_part(rule: dict, work: Work | None) -> float | None:
    """Points for one part; None means 待定 (a ranking or judgement not yet entered).

    Nothing reported scores 0, a deduction included: with no report there is
    neither the work a full score needs nor a lapse to deduct for.
    """
    work = work or Work()
    if not work.reported and rule["kind"] not in MANUAL:
        return 0
    result = SCORERS[rule["kind"]](rule, work)
    return None if result is None else rounded(result)
