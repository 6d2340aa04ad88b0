"""What units report each period: how agreed items stand and the work done against the indicators."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import records as m
from .periods import Period

STATUSES = ("未启动", "推进中", "已完成")
DONE = "已完成"
NOT_REPORTED = "未报送"
OVERDUE = "逾期"


@dataclass(frozen=True)
class DecisionNote:
    """How the reporting unit says one agreed item stands."""
    ref: str
    status: str
    note: str


@dataclass(frozen=True)
class WorkEntry:
    """Work that serves one indicator (or one part of it)."""
    no: int
    part: str | None
    text: str
    evidence: tuple[str, ...]
    count: int | None = None             # as written; an entry without one counts as one occurrence
    value: float | None = None
    done: bool = True
    score: float | None = None
    case: str | None = None


@dataclass(frozen=True)
class Report:
    unit: m.Unit
    period: Period
    submitted: dt.date
    source: str
    stem: str
    summary: str
    decisions: tuple[DecisionNote, ...]
    indicators: tuple[WorkEntry, ...]
    where: tuple[str, int] = ("", 1)

    @property
    def late(self) -> bool:
        """Submitted after the last day of its period (逾期报送)."""
        return self.submitted > self.period.end
