"""签到表: one sign-in sheet per meeting, the evidence filed for the indicators the body's meetings serve.

Rows follow the body's roster on the meeting date; a member who sends a delegate is replaced by the
delegate (marked 代…), a member on leave without one keeps the row with 请假 in the signature column.
The last column is left blank for signatures, the rows tall enough to sign in.
"""
from __future__ import annotations

from ..model import records as m
from ..text import cn_time
from .common import office_name
from .registry import Document, Family, register

COLUMNS = ("序号", "单位", "职务", "姓名", "签到")
ON_LEAVE = "请假"


def short_title(title: str, unit: m.Unit) -> str:
    """The title without the unit's name in front: the unit has its own column."""
    for name in sorted(unit.names, key=len, reverse=True):
        if title.startswith(name) and len(title) > len(name):
            return title[len(name):]
    return title


def seat_row(seat: m.Seat, away: m.Absence | None) -> dict:
    unit = seat.unit.label
    if away is not None and away.delegate_name:
        title = short_title(away.delegate_title or "", seat.unit)
        return {"unit": unit, "title": title, "name": f"{away.delegate_name}（代{seat.person}）", "sign": ""}
    return {"unit": unit, "title": short_title(seat.title, seat.unit), "name": seat.person,
            "sign": ON_LEAVE if away is not None else ""}


def observer_row(o: m.Observer) -> dict:
    unit = o.unit.label if o.unit else o.unit_text
    return {"unit": unit, "title": short_title(o.title, o.unit) if o.unit else o.title, "name": o.name}


def sign_in_context(content, meeting: m.Meeting) -> dict:
    body = content.bodies[meeting.body]
    absent = {a.name: a for a in meeting.absent}
    seats = content.roster(meeting.body, meeting.date).seats
    return {"title": sign_in_title(body, meeting), "when": cn_time(meeting.date, meeting.time), "place": meeting.place,
            "columns": list(COLUMNS), "widths": "3 8 10 11 8", "row_height": 12,
            "rows": [seat_row(s, absent.get(s.person)) for s in seats],
            "observers": [observer_row(o) for o in meeting.observers]}


def sign_in_title(body: m.Body, meeting: m.Meeting) -> str:
    return f"{body.name}{meeting.kind}签到表"


def sign_in_documents(content) -> list[Document]:
    docs = []
    for meeting in content.meetings:
        body, year = content.bodies[meeting.body], meeting.date.year
        docs.append(Document("signin", meeting.stem, "签到表", "sign_in.md.j2", sign_in_context(content, meeting),
                             f"{year}/签到表/{meeting.date}_{body.short}{meeting.kind}签到表", sign_in_title(body, meeting),
                             office_name(body), meeting.date, indicators=tuple(body.evidence_for), source=meeting.source))
    return docs


register(Family("signin", "签到表", "签到表：每次会议一份（会议当天的成员名单，按回执写出代为参会和请假的人员）",
                sign_in_documents, order=25, retention={"签到表": "定期30年"}))
