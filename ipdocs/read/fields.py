"""Typed access to one YAML mapping, recording every problem instead of raising."""
from __future__ import annotations

import datetime as dt
import re

from ..errors import Problems, nearest, one_of
from .loader import Map, Seq

_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_TYPE_NAMES = {str: "文字", int: "整数", float: "数字", bool: "true 或 false", list: "列表", dict: "键值表"}
MISSING = object()


def type_name(value) -> str:
    for kind, name in _TYPE_NAMES.items():
        if type(value) is kind:
            return name
    return "空值" if value is None else type(value).__name__


def parse_date(text) -> dt.date | None:
    match = _ISO_DATE.match(str(text).strip())
    if not match:
        return None
    try:
        return dt.date(*map(int, match.groups()))
    except ValueError:
        return None


class Fields:
    """One mapping of a content file, read field by field.

    Every accessor returns a usable value (None when wrong or missing) and
    records a problem, so that a file with many mistakes reports them all.
    """

    def __init__(self, data, problems: Problems, where: tuple[str, int], allowed: tuple[str, ...]):
        self.problems = problems
        if not isinstance(data, Map):
            problems.error(where, f"这里应为键值表（键: 值），现在是{type_name(data)}")
            data = Map(*where)
        self.data = data
        for key in data:
            if key not in allowed:
                problems.error(data.where(key), f"未知字段“{key}”{nearest(str(key), allowed) or one_of(allowed)}")

    def where(self, key=None) -> tuple[str, int]:
        return self.data.where(key)

    def has(self, key) -> bool:
        return self.data.get(key) is not None

    def raw(self, key, default=None):
        return self.data.get(key, default)

    def _missing(self, key, required, default):
        if required:
            self.problems.error(self.where(), f"缺少必填字段“{key}”")
        return default

    def text(self, key, required=True, default=None) -> str | None:
        value = self.data.get(key)
        if value is None:
            return self._missing(key, required, default)
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.problems.error(self.where(key), f"“{key}”应为文字，现在是{type_name(value)}")
            return default
        return str(value).strip()

    def number(self, key, required=True, default=None, integer=False):
        value = self.data.get(key)
        if value is None:
            return self._missing(key, required, default)
        ok = isinstance(value, int) if integer else isinstance(value, (int, float))
        if not ok or isinstance(value, bool):
            self.problems.error(self.where(key), f"“{key}”应为{'整数' if integer else '数字'}，现在是“{value}”")
            return default
        return value

    def flag(self, key, default=False) -> bool:
        value = self.data.get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.problems.error(self.where(key), f"“{key}”应为 true 或 false，现在是“{value}”")
            return default
        return value

    def date(self, key, required=True) -> dt.date | None:
        value = self.data.get(key)
        if value is None:
            return self._missing(key, required, None)
        parsed = parse_date(value)
        if parsed is None:
            self.problems.error(self.where(key), f"“{key}”的日期“{value}”无效：请写作 2022-11-09 这样的格式，并确认月、日存在")
        return parsed

    def items(self, key, required=False) -> Seq:
        """A list field; a single scalar is accepted as a one-item list."""
        value = self.data.get(key)
        if value is None:
            if required:
                self._missing(key, True, None)
            return Seq(*self.where(key))
        if isinstance(value, Seq):
            return value
        if isinstance(value, (Map, dict)):
            self.problems.error(self.where(key), f"“{key}”应为列表（每项以“- ”开头）")
            return Seq(*self.where(key))
        single = Seq(*self.where(key))
        single.append(value)
        single.lines.append(self.where(key)[1])
        return single

    def each(self, key, allowed: tuple[str, ...], required=False):
        """Each entry of a list field, read as Fields of its own."""
        entries = self.items(key, required)
        for i, entry in enumerate(entries):
            yield Fields(entry, self.problems, entries.where(i), allowed)

    def choice(self, key, options, required=True, default=None):
        value = self.text(key, required=required)
        if value is None:
            return default
        if value not in options:
            self.problems.error(self.where(key), f"“{key}”的值“{value}”无效{nearest(value, options) or ''}{one_of(options)}")
            return default
        return value
