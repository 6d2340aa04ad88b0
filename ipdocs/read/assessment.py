"""assessment/<year>.yaml: sections, groups, items and indicators, with their points checked to add up."""
from __future__ import annotations

import datetime as dt

from ..model import records as m
from .builder import Builder
from .fields import FIRST_DAY, LAST_DAY, Fields
from .loader import Map, Seq

POINTS = {"minimum": 0, "maximum": 1000}
INDICATOR_NUMBERS = {"minimum": 1, "maximum": 999}


def read_assessment(b: Builder, stem: str, data) -> m.Assessment | None:
    where = (getattr(data, "path", f"content/assessment/{stem}.yaml"), 1)
    f = Fields(data, b.problems, where, ("year", "title", "period_note", "sections", "progress_indicators", "draft"))
    year = f.integer("year", minimum=FIRST_DAY.year, maximum=LAST_DAY.year)
    if year is not None and str(year) != stem:
        f.error("year", f"year 为 {year}，但文件名是 {stem}.yaml：两者应一致（文件名写作 {year}.yaml）")
    sections = f.items("sections", required=True)
    built = tuple(section(b, s, sections.where(i)) for i, s in enumerate(sections))
    title, serving = f.text("title", default=""), progress_indicators(b, f, built)
    check_indicator_numbers(b, sections, built)
    if f.flag("draft"):
        f.problems.warn(f.where("draft"), f"{year}年度考核指标还是草稿：请对照当年的考核文件逐项核对指标、分值和责任单位，核对完毕删去 draft: true")
    if year is None or not f.valid or not built:
        return None
    return m.Assessment(year, title, f.text("period_note", required=False, default=""), built, where[0], serving,
                        f.flag("draft"))


def progress_indicators(b: Builder, f: Fields, sections) -> tuple[int, ...]:
    """The indicators that every progress report serves (报送工作进展): numbers of this year's indicators."""
    known = {ind.no for s in sections for g in s.groups for i in g.items for ind in i.indicators if ind.no is not None}
    entries = f.items("progress_indicators")
    numbers = []
    for i, no in enumerate(entries):
        if isinstance(no, bool) or not isinstance(no, int) or no not in known:
            b.problems.error(entries.where(i), f"progress_indicators 中的“{no}”不是本年度的考核指标序号（有效范围 1–{max(known, default=0)}）")
        else:
            numbers.append(no)
    return tuple(numbers)


def section(b: Builder, data, where) -> m.Section:
    f = Fields(data, b.problems, where, ("title", "numeral", "kind", "points", "note", "groups"))
    title = f.text("title", default="")
    groups = f.items("groups", required=True)
    built = tuple(group(b, g, groups.where(i), title) for i, g in enumerate(groups))
    section = m.Section(title, f.text("numeral", required=False), f.choice("kind", ("base", "bonus", "penalty"), default="base"),
                        f.number("points", required=False, **POINTS), f.text("note", required=False, default=""), built)
    check_sum(b, f, section.points, [g.points for g in built], f"“{title}”")
    return section


def group(b: Builder, data, where, section) -> m.Group:
    f = Fields(data, b.problems, where, ("title", "numeral", "points", "items"))
    title = f.text("title", default="")
    items = f.items("items", required=True)
    built = tuple(item(b, x, items.where(i), section, title) for i, x in enumerate(items))
    group = m.Group(title, f.text("numeral", required=False), f.number("points", required=False, **POINTS), built)
    check_sum(b, f, group.points, [i.points for i in built], f"“{title}”")
    return group


def item(b: Builder, data, where, section, group) -> m.Item:
    f = Fields(data, b.problems, where, ("title", "points", "points_note", "indicators"))
    title = f.text("title", required=False)
    indicators = f.items("indicators", required=True)
    built = tuple(indicator(b, x, indicators.where(i), section, group, title) for i, x in enumerate(indicators))
    item = m.Item(title, f.number("points", required=False, **POINTS), built)
    check_sum(b, f, item.points, [i.points for i in built], f"“{title or group}”", note=f.text("points_note", required=False))
    return item


def check_sum(b: Builder, f: Fields, stated, parts, what, note=None):
    if stated is None or any(p is None for p in parts):
        return
    total = round(sum(parts), 2)
    if abs(total - stated) < 1e-9:
        return
    message = f"{what}标明{stated:g}分，下列各项合计{total:g}分"
    if note:
        b.problems.warn(f.where("points"), f"{message}（原文如此：{note}）")
    else:
        b.problems.error(f.where("points"), f"{message}：请核对；若原文如此，加一行 points_note 说明")


def indicator(b: Builder, data, where, section, group, item) -> m.Indicator:
    f = Fields(data, b.problems, where, ("no", "points", "rule", "evidence", "responsible", "units", "lead",
                                            "remark", "scoring", "all_members"))
    units = f.items("units")
    return m.Indicator(
        no=f.integer("no", **INDICATOR_NUMBERS), points=f.number("points", required=False, **POINTS),
        rule=f.texts("rule", required=True), evidence=f.texts("evidence"),
        responsible=f.text("responsible", required=False, default=""),
        units=tuple(u for i, n in enumerate(units) if (u := b.unit(n, units.where(i)))),
        lead=b.unit(f.text("lead", required=False), f.where("lead")),
        remark=f.text("remark", required=False, default=""), scoring=scoring_parts(f),
        section=section, group=group, item=item)


def scoring_parts(f: Fields) -> tuple[Map, ...]:
    """The scoring parts as written (each a Map, which knows its lines); checked by scoring_rules."""
    entries = f.items("scoring")
    for i, entry in enumerate(entries):
        if not isinstance(entry, Map):
            f.problems.error(entries.where(i), "scoring 的每一项应为映射（kind: 计分方式，及其参数）")
    return tuple(entry for entry in entries if isinstance(entry, Map))


def check_indicator_numbers(b: Builder, sections: Seq, built) -> None:
    numbers = [ind.no for s in built for g in s.groups for i in g.items for ind in i.indicators if ind.no is not None]
    seen = set()
    for no in numbers:
        if no in seen:
            b.problems.error((sections.path, sections.line), f"指标序号 {no} 重复：每个序号只能出现一次")
        seen.add(no)
    for gap in sorted(set(range(1, max(numbers, default=0) + 1)) - seen):
        b.problems.error((sections.path, sections.line), f"缺少指标序号 {gap}：序号应从 1 起连续编号")


def check_founding_year(b: Builder, organization, signed: dt.date, stems: list[str]) -> None:
    """The founding notice prints the year's indicators: that year needs its assessment file."""
    if str(signed.year) in stems:
        return
    where = organization["founding"].where("signed") if isinstance(organization.get("founding"), Map) else (organization.path, 1)
    b.problems.error(where, f"组建通知的附件是 {signed.year} 年度的考核指标，但没有 content/assessment/{signed.year}.yaml：请建立该文件，或核对成文日期")
