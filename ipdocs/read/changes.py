"""Member-change files: reading, and replaying them to check the history they make."""
from __future__ import annotations

from ..errors import nearest
from ..model import records as m
from ..model.content import LEAD_BODY
from ..model.roster import Roster
from .builder import Builder
from .fields import Fields, type_name
from .loader import Map
from .names import name_problem

CHANGE_FIELDS = ("unit", "requested", "reason", "replace", "retitle", "add", "remove", "approved", "notice_number")
NOTICE_NUMBERS = {"minimum": 1, "maximum": 9999}


def read_change(b: Builder, stem, data, content) -> m.Change | None:
    """One change request; None (its problems reported) when a field the history needs is wrong."""
    f = Fields(data, b.problems, (data.path, 1), CHANGE_FIELDS)
    unit = b.unit(f.text("unit"), f.where("unit"))
    requested, approved = _dates(f, content.founding_date)
    change = m.Change(
        stem=stem, source=data.path, unit=unit, requested=requested, reason=f.text("reason", required=False, default=""),
        replace=tuple(_replacements(b, f, content.people)), retitle=tuple(_retitles(f)), add=tuple(_additions(f, content)),
        remove=f.texts("remove"), approved=approved,
        notice_number=f.integer("notice_number", required=False, **NOTICE_NUMBERS),
        lines={"": 1, **{key: f.where(key)[1] for key in CHANGE_FIELDS if key in f.data}})
    if not (change.replace or change.retitle or change.add or change.remove or _written_any(f)):
        b.problems.error(f.where(), "变更文件没有写任何变更：至少写一项 replace、retitle、add 或 remove")
    if change.notice_number and not (approved or f.has("approved")):
        f.error("notice_number", "调整通知在批准后才印发：写上 approved（批准日期），或先删去 notice_number")
    return change if f.valid and unit and requested and (approved or not f.has("approved")) else None


def _written_any(f: Fields) -> bool:
    """Some change is written, even if it could not be read (and is reported as such)."""
    return any(f.raw(key) for key in ("replace", "retitle", "add", "remove"))


def _dates(f: Fields, founding) -> tuple:
    requested, approved = f.date("requested"), f.date("approved", required=False)
    if requested and requested < founding:
        f.error("requested", f"申请日期 {requested} 早于组建日期 {founding}：组建前没有成员可调整")
        requested = None
    if approved and approved < founding:
        f.error("approved", f"批准日期 {approved} 早于组建日期 {founding}：调整只能在组建之后生效")
        approved = None
    if requested and approved and approved < requested:
        f.error("approved", f"批准日期 {approved} 早于申请日期 {requested}")
        approved = None
    return requested, approved


def _checked_person_name(f: Fields, key) -> str | None:
    name = f.text(key)
    problem = name_problem(name) if name else None
    if problem:
        f.error(key, f"姓名“{name}”{problem}")
        return None
    return name


def _replacements(b: Builder, f: Fields, people) -> list[m.Replacement]:
    result = []
    for rf in f.each("replace", ("out", "in")):
        out, incoming = rf.text("out"), rf.raw("in")
        if isinstance(incoming, Map):
            inf = rf.mapping("in", ("name", "title"))
            name, title = _checked_person_name(inf, "name"), inf.text("title")
        elif isinstance(incoming, str) and incoming.strip():
            name = incoming.strip()
            title = people[name].title if name in people else None
            if title is None:
                rf.error("in", f"新成员“{name}”未在 people.yaml 登记：请写成 in: {{name: {name}, title: 职务}}")
        else:
            rf.error("in", f"“in”应写新成员：in: {{name: 姓名, title: 职务}}，现在是{type_name(incoming)}")
            name = title = None
        if out and name and title:
            result.append(m.Replacement(out, name, title))
    return result


def _retitles(f: Fields) -> list[m.Retitle]:
    result = []
    for rf in f.each("retitle", ("name", "title")):
        name, title = rf.text("name"), rf.text("title")
        if name and title:
            result.append(m.Retitle(name, title))
    return result


def _additions(f: Fields, content) -> list[m.Addition]:
    result = []
    for af in f.each("add", ("name", "title", "bodies")):
        name, title, bodies = _checked_person_name(af, "name"), af.text("title"), af.texts("bodies") or (LEAD_BODY,)
        for body_id in bodies:
            if body_id not in content.bodies:
                af.error("bodies", f"机构“{body_id}”不存在{nearest(body_id, content.bodies)}（可选：{'、'.join(content.bodies)}）")
        if name and title and all(bid in content.bodies for bid in bodies):
            result.append(m.Addition(name, title, tuple(bodies)))
    return result


def _sitting(content, day) -> dict[str, Roster]:
    return {bid: content.roster(bid, day) for bid in content.bodies}


def _check_one(b: Builder, change: m.Change, rosters: dict[str, Roster]) -> None:
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
            if rosters[body_id].seat_of(add.name):
                b.problems.error(change.where("add"), f"新增的“{add.name}”在 {day} 已是{rosters[body_id].body.short}成员")


def _seats_touched(change: m.Change) -> set[str]:
    return {r.out for r in change.replace} | {r.name for r in change.retitle} | set(change.remove)


def check_history(b: Builder, content) -> None:
    """Replay approved changes in date order; check each against the roster just before it."""
    previous: dict = {}
    for change in content.approved_changes():
        rosters = {bid: content.roster_before(bid, change) for bid in content.bodies}
        _check_one(b, change, rosters)
        for person in _seats_touched(change):
            key = (change.approved, person)
            if key in previous:
                b.problems.error(change.where("approved"), f"与 {previous[key]} 在同一天（{change.approved}）调整同一位置（{person}）：请合并为一个变更文件")
            previous[key] = change.source
    for change in content.changes:
        if change.pending:
            b.problems.warn(change.where(""), f"成员调整申请（{change.unit.label}，{change.requested}）尚未批准：批准后写上 approved 日期才生效")
            _check_one(b, change, _sitting(content, change.requested))


def check_notice_numbers(b: Builder, content) -> None:
    """A 文号 names one document: the founding notice's and each change notice's differ within a year."""
    founding = content.organization.founding
    used = {(founding.signed.year, founding.number): "content/organization.yaml"}
    for change in sorted(content.changes, key=lambda c: c.source):
        if not (change.approved and change.notice_number):
            continue
        key = (change.approved.year, change.notice_number)
        if key in used:
            number = content.organization.doc_number(*key)
            b.problems.error(change.where("notice_number"), f"文号 {number} 已被 {used[key]} 使用：请改用另一个编号")
        used.setdefault(key, change.source)
