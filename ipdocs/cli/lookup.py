"""Command-line values looked up in the content: a unit by any of its names, a reporting period."""
from __future__ import annotations

from ..errors import UsageError, nearest
from ..model import records as m
from ..model.periods import EXAMPLES, Period, parse_period


def find_unit(content, name: str) -> m.Unit:
    """A member unit by its full name, short name or alias; the nearest names when there is none."""
    names = {n: u for u in content.units for n in u.names}
    unit = names.get(name.strip())
    if unit is None:
        raise UsageError(f"未知单位“{name}”{nearest(name, names)}：单位须在 content/units.yaml 中登记（全称、简称或别名）")
    if not unit.member:
        raise UsageError(f"{unit.label}不是联席会议成员单位：成员单位才报送进展情况")
    return unit


def find_period(text: str) -> Period:
    period = parse_period(text)
    if period is None:
        raise UsageError(f"报送期“{text}”无效：应为 {EXAMPLES} 这样的形式（年度、季度或月份）")
    if period.name != period.canonical:
        raise UsageError(f"报送期“{text}”请写作 {period.canonical}（文件夹和表都用这个名字）")
    return period
