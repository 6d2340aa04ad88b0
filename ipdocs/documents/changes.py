"""Member changes: the unit's request (函), the roster-update notice, and the member list."""
from __future__ import annotations

import datetime as dt

from ..files import output_path
from ..model import records as m
from ..text import cn_date, person
from .common import issuer_short, roster
from ..model.content import LEAD_BODY
from .registry import Document, Family, register


def request_title(content) -> str:
    return f"关于调整{content.bodies[LEAD_BODY].addressed_as}成员的函"


def notice_title(content) -> str:
    return f"关于调整{content.bodies[LEAD_BODY].name}成员的通知"


def roster_title(content) -> str:
    return "及".join(b.name for b in content.bodies.values()) + "成员名单"


def bodies_touched(content, change: m.Change) -> list[m.Body]:
    """The bodies in which the change moves someone, judged on the day before it takes effect."""
    day = (change.approved or change.requested) - dt.timedelta(days=1)
    names = {r.out for r in change.replace} | {r.name for r in change.retitle} | set(change.remove)
    touched = [b for b in content.bodies.values() if names & set(content.roster(b.id, max(day, content.founding_date)).names())]
    added = {bid for a in change.add for bid in a.bodies}
    return touched + [b for b in content.bodies.values() if b.id in added and b not in touched]


def change_lines(content, change: m.Change, bodies: list[m.Body]) -> list[str]:
    """One sentence per change, in the words a notice uses."""
    where = "、".join(b.short for b in bodies)
    lines = [f"{person(r.out)}同志不再担任{where}成员，由{person(r.new)}同志（{r.title}）担任。" for r in change.replace]
    lines += [f"{person(r.name)}同志职务调整为{r.title}。" for r in change.retitle]
    lines += [f"增补{person(a.name)}同志（{a.title}）为{'、'.join(content.bodies[b].short for b in a.bodies if b in content.bodies)}成员。"
              for a in change.add]
    lines += [f"{person(name)}同志不再担任{where}成员。" for name in change.remove]
    return lines


def request_context(content, change: m.Change) -> dict:
    bodies = bodies_touched(content, change)
    offices = [f"{b.addressed_as}办公室" for b in bodies]
    old_titles = {s.person: s.title for b in bodies for s in content.roster(b.id, change.requested).seats}
    return {
        "unit": change.unit.name, "title": request_title(content), "addressee": "、".join(offices) or f"{content.bodies[LEAD_BODY].addressed_as}办公室",
        "reason": change.reason or "工作变动", "bodies": [b.name for b in bodies],
        "replace": [{"out": r.out, "out_title": old_titles.get(r.out, ""), "new": r.new, "title": r.title} for r in change.replace],
        "retitle": [{"name": r.name, "old": old_titles.get(r.name, ""), "title": r.title} for r in change.retitle],
        "add": [{"name": a.name, "title": a.title, "bodies": [content.bodies[b].name for b in a.bodies if b in content.bodies]} for a in change.add],
        "remove": [{"name": n, "title": old_titles.get(n, "")} for n in change.remove],
        "date": change.requested,
    }


def rosters_on(content, day: dt.date) -> list[dict]:
    return [roster(content.roster(body_id, day)) for body_id in content.bodies]


def notice_context(content, change: m.Change) -> dict:
    org = content.organization
    bodies = bodies_touched(content, change)
    number = org.doc_number(change.approved.year, change.notice_number) if change.notice_number else ""
    return {
        "mark": org.issuer_mark, "number": number, "issuer_short": issuer_short(content), "title": notice_title(content),
        "addressee": org.founding.addressee, "bodies": "及".join(b.name for b in bodies),
        "lines": change_lines(content, change, bodies), "rosters": rosters_on(content, change.approved),
        "issuer": org.issuer, "date": change.approved, "public": org.founding.public,
        "printer": org.printer, "published": change.approved,
    }


def roster_date(content) -> dt.date:
    """The date of the last approved change (or the founding): the list stays the same until the next change."""
    approved = content.approved_changes()
    return approved[-1].approved if approved else content.founding_date


def roster_context(content) -> dict:
    day = roster_date(content)
    return {"title": roster_title(content), "as_of": cn_date(day), "rosters": rosters_on(content, day)}


def change_documents(content) -> list[Document]:
    docs = []
    org = content.organization
    for change in content.changes:
        year, title = change.requested.year, request_title(content)
        docs.append(Document("changes", f"{change.stem}-request", "函", "change_request.md.j2",
                             request_context(content, change),
                             output_path(str(year), "成员调整", f"{change.requested}_{change.unit.label}_{title}"),
                             title, change.unit.name, change.requested, source=change.source))
        if change.approved:
            number = org.doc_number(change.approved.year, change.notice_number) if change.notice_number else ""
            label, title = number or str(change.approved), notice_title(content)
            docs.append(Document("changes", f"{change.stem}-notice", "通知", "change_notice.md.j2",
                                 notice_context(content, change),
                                 output_path(str(change.approved.year), "成员调整", f"{label}_{title}"),
                                 title, org.issuer, change.approved, number, source=change.source))
    return docs


def roster_documents(content) -> list[Document]:
    title = roster_title(content)
    return [Document("roster", "current", "名单", "roster.md.j2", roster_context(content),
                     output_path("成员名单", title), title, content.organization.issuer, roster_date(content))]


register(Family("changes", "成员调整", "成员调整：各单位的调整申请（函）与批准后的调整通知", change_documents, order=40,
                retention={"函": "定期30年", "通知": "永久"}))
register(Family("roster", "成员名单", "成员名单：两个机构当前的组成人员", roster_documents, order=50,
                retention={"名单": "定期30年"}))
