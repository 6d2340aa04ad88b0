"""Member-change files: reading, and replaying them to check the history they make."""
from __future__ import annotations

from ..errors import nearest
from ..model import records as m
from ..model.content import LEAD_BODY
from ..model.roster import Roster
from .builder import Builder
from .fields import Fields

CHANGE_FIELDS = ("unit", "requested", "reason", "replace", "retitle", "add", "remove", "approved", "notice_number")


def read_change(b: Builder, stem, data, where, people) -> m.Change:
    f = Fields(data, b.problems, where, CHANGE_FIELDS)
    unit = b.unit(f.text("unit"), f.where("unit"))
    requested, approved = f.date("requested"), f.date("approved", required=False)
    if requested and approved and approved < requested:
        b.problems.error(f.where("approved"), f"批准日期 {approved} 早于申请日期 {requested}")
    change = m.Change(
        stem=stem, source=where[0], unit=unit or m.Unit("?"), requested=requested, reason=f.text("reason", required=False, default=""),
        replace=tuple(_replacements(b, f, people)), retitle=tuple(_retitles(b, f)), add=tuple(_additions(b, f)),
        remove=tuple(str(x).strip() for x in f.items("remove")), approved=approved,
        notice_number=f.number("notice_number", required=False, integer=True),
        lines={"": f.where()[1], **{key: f.where(key)[1] for key in CHANGE_FIELDS if key in f.data}})
    if not (change.replace or change.retitle or change.add or change.remove):
        b.problems.error(f.where(), "变更文件没有写任何变更：至少写一项 replace、retitle、add 或 remove")
    return change


def _replacements(b: Builder, f: Fields, people) -> list[m.Replacement]:
    result = []
    for rf in f.each("replace", ("out", "in")):
        out = rf.text("out", default="")
        incoming = rf.raw("in")
        if isinstance(incoming, str):
            name, title = incoming.strip(), people[incoming.strip()].title if incoming.strip() in people else None
            if title is None:
                b.problems.error(rf.where("in"), f"新成员“{name}”未在 people.yaml 登记：请写成 in: {{name: {name}, title: 职务}}")
        else:
            inf = Fields(incoming, b.problems, rf.where("in"), ("name", "title"))
            name, title = inf.text("name", default=""), inf.text("title", default="")
        result.append(m.Replacement(out, name, title or ""))
    return result


def _retitles(b: Builder, f: Fields) -> list[m.Retitle]:
    return [m.Retitle(rf.text("name", default=""), rf.text("title", default=""))
            for rf in f.each("retitle", ("name", "title"))]


def _additions(b: Builder, f: Fields) -> list[m.Addition]:
    return [m.Addition(af.text("name", default=""), af.text("title", default=""),
                       tuple(str(x) for x in af.items("bodies")) or (LEAD_BODY,))
            for af in f.each("add", ("name", "title", "bodies"))]


def _sitting(content, day) -> dict[str, Roster]:
    return {bid: content.roster(bid, day) for bid in content.bodies}


def _check_one(b: Builder, change: m.Change, rosters: dict[str, Roster], content) -> None:
    day = change.approved or change.requested
    everyone = sorted({n for r in rosters.values() for n in r.names()})
    for rep in change.replace:
        sits = [r for r in rosters.values() if r.seat_of(rep.out)]
        if not sits:
            b.problems.error(change.where("replace"), f"被替换的“{rep.out}”在 {day} 不在任何机构中{nearest(rep.out, everyone)}")
        for r in sits:
            if r.seat_of(rep.new):
                b.problems.error(change.where("replace"), f"新成员“{rep.new}”在 {day} 已是{r.body.short}成员，不能再占一个位置")
    for ret in change.retitle:
        if not any(r.seat_of(ret.name) for r in rosters.values()):
            b.problems.error(change.where("retitle"), f"改职务的“{ret.name}”在 {day} 不在任何机构中{nearest(ret.name, everyone)}")
    for name in change.remove:
        seat = next((r.seat_of(name) for r in rosters.values() if r.seat_of(name)), None)
        if seat is None:
            b.problems.error(change.where("remove"), f"要移出的“{name}”在 {day} 不在任何机构中{nearest(name, everyone)}")
        elif seat.role != "member":
            b.problems.error(change.where("remove"), f"“{name}”是组长或副组长，不能直接移出：请用 replace 写明接任者")
    for add in change.add:
        for body_id in add.bodies:
            if body_id not in rosters:
                b.problems.error(change.where("add"), f"机构“{body_id}”不存在（可选：{'、'.join(rosters)}）")
            elif rosters[body_id].seat_of(add.name):
                b.problems.error(change.where("add"), f"新增的“{add.name}”在 {day} 已是{rosters[body_id].body.short}成员")


def _seats_touched(change: m.Change) -> set[str]:
    return {r.out for r in change.replace} | {r.name for r in change.retitle} | set(change.remove)


def check_history(b: Builder, content) -> None:
    """Replay approved changes in date order; check each against the roster just before it."""
    if any(c.requested is None for c in content.changes):
        return
    previous: dict = {}
    for change in content.approved_changes():
        rosters = {bid: content.roster_before(bid, change) for bid in content.bodies}
        _check_one(b, change, rosters, content)
        for person in _seats_touched(change):
            key = (change.approved, person)
            if key in previous:
                b.problems.error(change.where("approved"), f"与 {previous[key]} 在同一天（{change.approved}）调整同一位置（{person}）：请合并为一个变更文件")
            previous[key] = change.source
    for change in content.changes:
        if change.pending:
            b.problems.warn(change.where(""), f"成员调整申请（{change.unit.label}，{change.requested}）尚未批准：批准后写上 approved 日期才生效")
            _check_one(b, change, _sitting(content, change.requested), content)
