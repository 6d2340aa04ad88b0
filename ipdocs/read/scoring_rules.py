"""The scoring rules of assessment/<year>.yaml, checked before anything is scored with them."""
from __future__ import annotations

from ..errors import nearest, one_of
from ..model.scoring import KIND_NAMES, MEASURES, RULE_KEYS, label, maximum, rounded


def check_rules(b, assessments: dict) -> None:
    """Every indicator's scoring parts: known kinds, the keys each kind needs, parts adding up to the points."""
    for a in assessments.values():
        for ind in a.indicators.values():
            if ind.no is not None:
                _check_indicator(b, a.source, ind)


def _where(rule, source: str, key=None) -> tuple[str, int]:
    return rule.where(key) if hasattr(rule, "where") else (source, 1)


def _check_indicator(b, source: str, ind) -> None:
    ok = [rule for rule in ind.scoring if _check_rule(b, source, ind.no, rule)]
    if not ind.scoring:
        b.problems.error((source, 1), f"第{ind.no}项指标没有 scoring（计分规则）：每项指标都要写明计分方式")
    labels = [label(r) for r in ind.scoring]
    if len(labels) > 1 and (None in labels or len(set(labels)) != len(labels)):
        b.problems.error(_where(ind.scoring[0], source), f"第{ind.no}项指标分为多个部分，每部分须写不同的 part（现在是：{'、'.join(map(str, labels))}）")
    if len(ok) == len(ind.scoring) and ind.points is not None and ok:
        total = rounded(sum(maximum(r) for r in ok))
        if total != ind.points:
            b.problems.error(_where(ind.scoring[0], source), f"第{ind.no}项指标满分{ind.points:g}分，计分规则各部分最高合计{total:g}分：请核对 scoring")


AMOUNT = (0, 1000)             # points, caps, points per item
RANGES = {"floor": (-1000, 1000), "min": (0, 1_000_000)}


def _number(value, key: str = "points") -> bool:
    """A number within the range its key allows (NaN and infinities never load)."""
    low, high = RANGES.get(key, AMOUNT)
    return isinstance(value, (int, float)) and not isinstance(value, bool) and low <= value <= high


def _check_rule(b, source: str, no: int, rule: dict) -> bool:
    kind = rule.get("kind")
    what = f"第{no}项指标" + (f"第{label(rule)}部分" if label(rule) else "")
    if not isinstance(kind, str) or kind not in RULE_KEYS:
        b.problems.error(_where(rule, source, "kind"), f"{what}的计分方式“{kind}”无效{nearest(str(kind), RULE_KEYS) or ''}{one_of(RULE_KEYS)}")
        return False
    problems = rule_problems(rule)
    for problem in problems:
        b.problems.error(_where(rule, source), f"{what}（{KIND_NAMES[kind]}）{problem}")
    return not problems


def rule_problems(rule: dict) -> list[str]:
    """What is wrong with one scoring part (empty when it can be scored)."""
    kind = rule.get("kind")
    if not isinstance(kind, str) or kind not in RULE_KEYS:
        return [f"计分方式“{kind}”无效"]
    needed, optional = RULE_KEYS[kind]
    problems = [f"缺少“{k}”" for k in needed if k not in rule]
    problems += [f"不认识“{k}”" for k in rule if k not in (*needed, *optional, "kind", "part", "note")]
    problems += [f"“{k}”应为 {RANGES.get(k, AMOUNT)[0]} 到 {RANGES.get(k, AMOUNT)[1]} 之间的数" for k in ("points", "max", "each", "start", "floor", "zero")
                 if k in rule and not _number(rule[k], k)]
    if "part" in rule and (isinstance(rule["part"], bool) or not isinstance(rule["part"], (str, int)) or not str(rule["part"]).strip()):
        problems.append("的“part”应为部分的编号，如 1、2 或 1a")
    return problems + _kind_problems(kind, rule)


def _kind_problems(kind: str, rule: dict) -> list[str]:
    if kind == "per_item":
        return _rates_problems(rule)
    if kind == "threshold":
        return _levels_problems(rule)
    return []


def _rates_problems(rule: dict) -> list[str]:
    rates = rule.get("rates")
    if rates is None:
        return [] if "each" in rule else ["缺少“each”（每次得分）或“rates”（分类得分）"]
    if not isinstance(rates, list) or not rates or not all(
            isinstance(r, dict) and isinstance(r.get("case"), str) and r["case"].strip() and _number(r.get("each")) for r in rates):
        return ["的“rates”应为列表，每项写 case（类别）和 each（每件得分）"]
    return []


def _levels_problems(rule: dict) -> list[str]:
    problems = [] if rule.get("measure") in MEASURES else [f"的“measure”应为 {'、'.join(MEASURES)} 之一"]
    levels = rule.get("levels")
    if not isinstance(levels, list) or not levels or not all(
            isinstance(lv, dict) and _number(lv.get("min"), "min") and _number(lv.get("points")) for lv in levels):
        return problems + ["的“levels”应为列表，每档写 min（下限）和 points（得分）"]
    mins = [lv["min"] for lv in levels]
    if mins != sorted(mins, reverse=True):
        problems.append("的“levels”应从高到低排列")
    return problems
