"""The agreed-items ledger and who has reported, as of the last day of a period.

Reports count for a period's office report when their own period ends on or
before its as-of date. A decision's status is what its lead unit said last
(latest `submitted`); a decision due on or before the as-of date that is not
已完成 by the end of that day is 逾期.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import records as m
from .content import LEAD_BODY
from .periods import Period
from .progress import DONE, NOT_REPORTED, STATUSES, DecisionNote, Report

ORDER = (*reversed(STATUSES), NOT_REPORTED)        # how the ledger counts and sorts


@dataclass(frozen=True)
class Entry:
    """One agreed item in the ledger."""
    meeting: m.Meeting
    decision: m.Decision
    status: str
    overdue: bool
    note: DecisionNote | None = None
    report: Report | None = None


def known_by(reports: list[Report], as_of: dt.date) -> list[Report]:
    """The reports a report as of this date may use: those whose period has ended by then."""
    return [r for r in reports if r.period.end <= as_of]


def latest_note(reports: list[Report], unit: m.Unit, ref: str) -> tuple[Report, DecisionNote] | None:
    """The unit's last word on one agreed item: the latest submitted report that mentions it."""
    said = [(r, n) for r in reports if r.unit == unit for n in r.decisions if n.ref == ref]
    return max(said, key=lambda rn: (rn[0].submitted, rn[0].period.end, rn[0].source), default=None)


def status(decision: m.Decision, reports: list[Report], as_of: dt.date) -> tuple:
    """(status, overdue, note, report) of one decision from the reports known by the as-of date."""
    found = latest_note(known_by(reports, as_of), decision.lead, decision.ref)
    report, note = found if found else (None, None)
    state = note.status if note else NOT_REPORTED
    overdue = decision.due is not None and decision.due <= as_of and state != DONE
    return state, overdue, note, report


def ledger(content, as_of: dt.date) -> list[Entry]:
    """Every decision of every meeting held by the as-of date, in meeting order."""
    return [Entry(meeting, decision, *status(decision, content.progress, as_of))
            for meeting, decision in content.decision_index().values() if meeting.date <= as_of]


def carried_over(content, year: int) -> list[Entry]:
    """Agreed items of earlier years still open at the end of the year before: they go on in this year's ledger."""
    return [e for e in ledger(content, dt.date(year - 1, 12, 31)) if e.status != DONE]


def year_ledger(content, as_of: dt.date) -> list[Entry]:
    """The ledger a report of as_of's year shows: the year's meetings up to as_of, then what earlier years left open
    (with its status as of as_of: an item carried over and finished this year shows as finished)."""
    carried = {e.decision.ref for e in carried_over(content, as_of.year)}
    return [e for e in ledger(content, as_of) if e.meeting.date.year == as_of.year or e.decision.ref in carried]


def counts(rows: list[Entry]) -> dict[str, int]:
    return {state: sum(1 for r in rows if r.status == state) for state in ORDER}


def member_units(content, day: dt.date) -> list[m.Unit]:
    """The member units of the joint meeting on a day, in the order of its list."""
    seats = content.roster(LEAD_BODY, day).seats
    return list(dict.fromkeys(s.unit for s in seats if s.unit.member))


def reports_for(reports: list[Report], period: Period) -> list[Report]:
    """Reports that cover (part of) the period and whose own period has ended by its as-of date."""
    return [r for r in known_by(reports, period.end) if r.period.overlaps(period)]


def reporting(content, period: Period) -> tuple[list[tuple[m.Unit, list[Report]]], list[m.Unit]]:
    """(member units that reported with their reports, member units that did not)."""
    covering = reports_for(content.progress, period)
    done, missing = [], []
    for unit in member_units(content, period.end):
        mine = [r for r in covering if r.unit == unit]
        (done if mine else missing).append((unit, mine) if mine else unit)
    return done, missing


def work_reports(reports: list[Report], period: Period) -> list[Report]:
    """The reports whose indicator work counts for the period's year.

    A report covers the work of its own period; a unit's report for a longer
    period (a quarter, the year) replaces its reports for the periods inside it.
    """
    year = [r for r in known_by(reports, period.end) if r.period.year == period.year]
    return [r for r in year if not any(o.unit == r.unit and o.period != r.period and o.period.contains(r.period)
                                       for o in year)]
