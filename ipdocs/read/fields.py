"""Typed access to one YAML mapping, recording every problem instead of raising.

Every field a reader takes goes through one of these accessors: text that is
not empty, a date in range, an integer or a number in range, one of a list of
values, true/false, a list, a mapping. A wrong value is reported once, with its
line, and comes back as None (or the default), so that rules depending on it
can stay quiet instead of repeating it or crashing on it.
"""
from __future__ import annotations

import datetime as dt
import re

from ..errors import Problems, nearest, one_of
from ..model.periods import FIRST_YEAR, LAST_YEAR
from .loader import Map, Seq

_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$", re.ASCII)
FIRST_DAY, LAST_DAY = dt.date(FIRST_YEAR, 1, 1), dt.date(LAST_YEAR, 12, 31)
DATE_RANGE = f"{FIRST_DAY.year}年至{LAST_DAY.year}年"


_TYPE_NAMES = ((type(None), "空值"), (bool, "true/false"), (int, "整数"), (float, "小数"), (str, "文字"),
               (list, "列表"), (dict, "映射（键: 值）"))        # bool before int: True is an int too


def type_name(value) -> str:
    """What a YAML value is, in the clerk's words."""
    return next((name for kind, name in _TYPE_NAMES if isinstance(value, kind)), "其他值")


def shown(value, limit: int = 30) -> str:
    """A value quoted in a message: short, one line."""
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[:limit] + "…"


SPAN_DAYS = 31                  # a span of holidays is a holiday, not a season


def parse_date(text) -> dt.date | None:
    """A date written 2022-11-09, within the years the records can hold; None otherwise."""
    if isinstance(text, bool) or not isinstance(text, (str, int)):
        return None
    match = _ISO_DATE.match(str(text).strip())
    if not match:
        return None
    try:
        day = dt.date(*map(int, match.groups()))
    except ValueError:
        return None
    return day if FIRST_DAY <= day <= LAST_DAY else None


def date_problem(value) -> str:
    """Why a written date is not one the records can use: '日期“…”无效：…'."""
    match = _ISO_DATE.match(str(value).strip())
    if match and not FIRST_DAY.year <= int(match.group(1)) <= LAST_DAY.year:
        return f"日期“{shown(value)}”无效：年份应在{DATE_RANGE}之间"
    if match:
        return f"日期“{shown(value)}”无效：这一天不存在，请核对月、日"
    return f"日期“{shown(value)}”无效：请写作 2022-11-09 这样的格式（年-月-日）"


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _range(minimum, maximum) -> str:
    if minimum is not None and maximum is not None:
        return f"在 {minimum:g} 到 {maximum:g} 之间"
    return f"不小于 {minimum:g}" if minimum is not None else f"不大于 {maximum:g}"


class Fields:
    """One mapping of a content file, read field by field.

    Every accessor returns a usable value (None when wrong or missing) and
    records a problem, so that a file with many mistakes reports them all.
    """

    def __init__(self, data, problems: Problems, where: tuple[str, int], allowed: tuple[str, ...]):
        self.problems = problems
        self.valid = isinstance(data, Map)
        if not self.valid:
            problems.error(where, f"这里应为映射（每行“键: 值”），现在是{type_name(data)}")
            data = Map(*where)
        self.data = data
        for key in data:
            if key not in allowed:
                problems.error(data.where(key), f"未知字段“{shown(key)}”{nearest(str(key), allowed) or one_of(allowed)}")

    def where(self, key=None) -> tuple[str, int]:
        return self.data.where(key)

    def has(self, key) -> bool:
        return self.data.get(key) is not None

    def raw(self, key, default=None):
        return self.data.get(key, default)

    def error(self, key, message: str) -> None:
        self.problems.error(self.where(key), message)

    def _missing(self, key, required, default):
        if required:
            self.problems.error(self.where(), f"缺少必填字段“{key}”")
        return default

    def _wrong(self, key, expected: str, default=None):
        value = self.data.get(key)
        self.error(key, f"“{key}”应为{expected}，现在是{type_name(value)}“{shown(value)}”")
        return default

    # -- single values -----------------------------------------------------
    def text(self, key, required=True, default=None) -> str | None:
        """Text that is not empty (a number written where text belongs is taken as its digits)."""
        value = self.data.get(key)
        if value is None:
            return self._missing(key, required, default)
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            return self._wrong(key, "文字", default)
        value = str(value).strip()
        if not value:
            if required:
                self.error(key, f"“{key}”不能为空：请填写，或删去这一行")
            return default
        return value

    def date(self, key, required=True) -> dt.date | None:
        value = self.data.get(key)
        if value is None:
            return self._missing(key, required, None)
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            return self._wrong(key, "日期（如 2022-11-09）")
        parsed = parse_date(value)
        if parsed is None:
            self.error(key, f"“{key}”的{date_problem(value)}")
        return parsed

    def number(self, key, required=True, default=None, integer=False, minimum=None, maximum=None):
        """An integer (integer=True) or any number, within [minimum, maximum] where given."""
        value = self.data.get(key)
        if value is None:
            return self._missing(key, required, default)
        if not (isinstance(value, int) if integer else _is_number(value)) or isinstance(value, bool):
            return self._wrong(key, "整数" if integer else "数字", default)
        if minimum == 0 and value < 0:
            self.error(key, f"“{key}”不能是负数")
            return default
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            self.error(key, f"“{key}”应{_range(minimum, maximum)}，现在是 {value:g}")
            return default
        return value

    def integer(self, key, required=True, default=None, minimum=None, maximum=None) -> int | None:
        return self.number(key, required, default, integer=True, minimum=minimum, maximum=maximum)

    def flag(self, key, default=False) -> bool:
        value = self.data.get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            return self._wrong(key, "“true”或“false”", default)
        return value

    def choice(self, key, options, required=True, default=None):
        value = self.text(key, required=required)
        if value is None:
            return default
        if value not in options:
            self.error(key, f"“{key}”的值“{shown(value)}”无效{nearest(value, options)}{one_of(options)}")
            return default
        return value

    # -- lists and mappings ------------------------------------------------
    def items(self, key, required=False) -> Seq:
        """A list field; a single value is accepted as a one-item list."""
        value = self.data.get(key)
        if value is None:
            if required:
                self._missing(key, True, None)
            return Seq(*self.where(key))
        if isinstance(value, Seq):
            if required and not value:
                self.error(key, f"“{key}”不能是空列表：至少写一项")
            return value
        if isinstance(value, Map):
            self._wrong(key, "列表（每项以“- ”开头）")
            return Seq(*self.where(key))
        single = Seq(*self.where(key))
        single.append(value)
        single.lines.append(self.where(key)[1])
        return single

    def texts(self, key, required=False) -> tuple[str, ...]:
        """A list of texts, each one not empty."""
        entries = self.items(key, required)
        result = []
        for i, entry in enumerate(entries):
            if isinstance(entry, bool) or not isinstance(entry, (str, int, float)):
                self.problems.error(entries.where(i), f"“{key}”的每一项应为文字，现在是{type_name(entry)}")
            elif not str(entry).strip():
                self.problems.error(entries.where(i), f"“{key}”中有空的一项：请填写，或删去这一行")
            else:
                result.append(str(entry).strip())
        return tuple(result)

    def dates(self, key, longest: int = SPAN_DAYS) -> dict[dt.date, tuple[str, int]]:
        """A list of days, each written 2024-10-01 or as a span “2024-10-01 至 2024-10-07” (at most `longest` days):
        each day, with where it is written."""
        entries, days = self.items(key), {}
        for i, entry in enumerate(entries):
            if isinstance(entry, bool) or not isinstance(entry, (str, int)):
                self.problems.error(entries.where(i), f"“{key}”的每一项应为日期（如 2023-04-05）或一段日子"
                                                      f"（2023-01-21 至 2023-01-27），现在是{type_name(entry)}")
                continue
            first, _, last = entry.partition("至") if isinstance(entry, str) else (entry, "", "")
            start, end = parse_date(first), parse_date(last) if last else parse_date(first)
            if start is None or end is None:
                wrong = first if start is None else last
                self.problems.error(entries.where(i), f"“{key}”中的{date_problem(wrong)}；一段日子写作 2024-10-01 至 2024-10-07")
            elif end < start:
                self.problems.error(entries.where(i), f"“{key}”中 {start} 至 {end}：结束早于开始")
            elif (end - start).days >= longest:
                self.problems.error(entries.where(i), f"“{key}”中 {start} 至 {end} 超过 {longest} 天：请分段写")
            else:
                days.update({start + dt.timedelta(days=n): entries.where(i) for n in range((end - start).days + 1)})
        return days

    def mapping(self, key, allowed: tuple[str, ...], required=True) -> "Fields":
        """A mapping field read as Fields of its own (empty when missing)."""
        value = self.data.get(key)
        if value is None:
            self._missing(key, required, None)
            return Fields(Map(*self.where(key)), self.problems, self.where(key), allowed)
        return Fields(value, self.problems, self.where(key), allowed)

    def each(self, key, allowed: tuple[str, ...], required=False):
        """Each entry of a list field, read as Fields of its own."""
        entries = self.items(key, required)
        for i, entry in enumerate(entries):
            yield Fields(entry, self.problems, entries.where(i), allowed)
