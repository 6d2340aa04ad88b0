"""Reporting periods: a year (2022), a quarter (2022-Q4) or a month (2022-12).

Calendar periods either nest or do not touch, so "contains" and "overlaps"
are all the comparisons the progress report needs.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from ..text import cn_number

_PATTERN = re.compile(r"^(\d{4})(?:-Q([1-4])|-(\d{1,2}))?$", re.ASCII)     # ０-９ are not digits in a name
EXAMPLES = "2022、2022-Q4 或 2022-12"
FIRST_YEAR, LAST_YEAR = 2000, 2099        # the years the records can hold


@dataclass(frozen=True, order=True)
class Period:
    end: dt.date          # the as-of date of the period's reports: its last day
    start: dt.date
    name: str             # the folder name, as the clerk wrote it

    @property
    def year(self) -> int:
        return self.start.year

    @property
    def label(self) -> str:
        """2022年度 · 2022年第四季度 · 2022年12月"""
        match = _PATTERN.match(self.name)
        if match.group(2):
            return f"{self.year}年第{cn_number(int(match.group(2)))}季度"
        if match.group(3):
            return f"{self.year}年{self.start.month}月"
        return f"{self.year}年度"

    @property
    def canonical(self) -> str:
        """The one spelling of the period: 2022, 2022-Q4, 2022-01."""
        match = _PATTERN.match(self.name)
        if match.group(2):
            return f"{self.year}-Q{match.group(2)}"
        return f"{self.year}-{self.start.month:02d}" if match.group(3) else str(self.year)

    def contains(self, other: "Period") -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: "Period") -> bool:
        return self.start <= other.end and other.start <= self.end


def parse_period(name) -> Period | None:
    """The period a folder name stands for, or None when it is not one."""
    match = _PATTERN.match(str(name).strip())
    if not match:
        return None
    year = int(match.group(1))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return None
    if match.group(2):
        first = 3 * int(match.group(2)) - 2
        months = (first, first + 2)
    elif match.group(3):
        month = int(match.group(3))
        if not 1 <= month <= 12:
            return None
        months = (month, month)
    else:
        months = (1, 12)
    end = dt.date(year, months[1], calendar.monthrange(year, months[1])[1])
    return Period(end, dt.date(year, months[0], 1), str(name).strip())
