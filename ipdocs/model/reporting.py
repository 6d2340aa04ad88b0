"""What a unit reports on in a period: its open agreed items and its lines of the year's assessment.

The form sent to a unit (`ipdocs forms`), the progress scaffold (`ipdocs new-progress`)
and the import of a returned form (`ipdocs import`) list the same things, from here.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import ledger, records as m, scoring
from .periods import Period
from .progress import DONE

LEAD, SUPPORT = "牵头", "配合"


@dataclass(frozen=True)
class OpenItem:
    """An agreed item the unit leads or supports that is not done when the period starts."""
    meeting: m.Meeting
    decision: m.Decision
    role: str                          # 牵头 | 配合
    last: tuple | None = None          # (Report, DecisionNote): what this unit said last before the period


def role(decision: m.Decision, unit: m.Unit) -> str | None:
    if decision.lead == unit:
        return LEAD
    return SUPPORT if unit in decision.support else None


def open_items(content, unit: m.Unit, period: Period) -> list[OpenItem]:
    """Items agreed by the period's end, concerning the unit, not reported done by their lead before it starts."""
    before = period.start - dt.timedelta(days=1)
    known = ledger.known_by(content.progress, before)
    items = []
    for meeting, decision in content.decision_index().values():
        mine = role(decision, unit)
        if mine is None or meeting.date > period.end or ledger.status(decision, known, before)[0] == DONE:
            continue
        items.append(OpenItem(meeting, decision, mine, ledger.latest_note(known, unit, decision.ref)))
    return items


# -- the indicators ------------------------------------------------------------

@dataclass(frozen=True)
class Line:
    """One thing a unit can report against: a part of an indicator (or one case of a part)."""
    indicator: m.Indicator
    rule: dict | None                  # the scoring part; None when the indicator has no scoring rule
    text: str                          # the rule text of this part
    case: str | None = None            # per_item parts with rates: one line per case

    @property
    def no(self) -> int:
        return self.indicator.no

    @property
    def part(self) -> str | None:
        return scoring.label(self.rule) if self.rule else None

    @property
    def measure(self) -> str:
        """What the unit writes besides the text: done (是/否), count, value or score."""
        fields = scoring.entry_fields(self.rule) if self.rule else {"score": False}
        return next(k for k in ("done", "count", "value", "score") if k in fields)

    @property
    def required(self) -> bool:
        return bool(self.rule) and scoring.entry_fields(self.rule).get(self.measure, False)


def assigned(indicator: m.Indicator, unit: m.Unit) -> bool:
    return unit in indicator.units or indicator.lead == unit


def indicator_lines(indicator: m.Indicator) -> list[Line]:
    """Every line of one indicator, in the order of its rule."""
    rules = indicator.scoring or (None,)
    texts = indicator.rule if len(indicator.rule) == len(rules) else ("".join(indicator.rule),) * len(rules)
    lines = []
    for rule, text in zip(rules, texts):
        cases = scoring.cases(rule) if rule else []
        lines += [Line(indicator, rule, text, case) for case in cases] or [Line(indicator, rule, text)]
    return lines


def unit_lines(assessment: m.Assessment | None, unit: m.Unit) -> list[Line]:
    """The lines of every indicator the year's assessment assigns to the unit."""
    if assessment is None:
        return []
    return [line for ind in assessment.indicators.values() if assigned(ind, unit) for line in indicator_lines(ind)]


def assigned_numbers(assessment: m.Assessment, unit: m.Unit) -> list[int]:
    return [ind.no for ind in assessment.indicators.values() if assigned(ind, unit)]
