"""Context pieces several families print: seats and rosters, office names, agreed-item summaries.

A context holds only what its document prints, so its digest tells the build
exactly when the document must be made again.
"""
from __future__ import annotations

from ..model import records as m
from ..model.roster import Roster
from ..text import cn_number


def seat(s: m.Seat) -> dict:
    return {"name": s.person, "title": s.title, "unit": s.unit.label}


def roster(r: Roster) -> dict:
    return {"id": r.body.id, "name": r.body.name, "short": r.body.short, "duties": r.body.duties,
            "office": r.body.office.name,
            "leaders": [seat(s) for s in r.by_role("leader")], "deputies": [seat(s) for s in r.by_role("deputy")],
            "members": [seat(s) for s in r.by_role("member")]}


def office_name(body: m.Body) -> str:
    """The body's office as it signs documents: 西市区人民政府知识产权联席会议办公室."""
    return f"{body.full_name}办公室"


def issuer_short(content) -> str:
    """The issuing government as its units call it (区政府): its short name in units.yaml."""
    issuer = content.organization.issuer
    return next((u.label for u in content.units if u.name == issuer), issuer)


def plain_summary(text: str) -> str:
    """The first line of a Markdown text, without its emphasis marks or closing punctuation."""
    first = next((line.strip() for line in text.strip().splitlines() if line.strip()), "")
    return first.replace("**", "").replace("`", "").rstrip("：:。；;")


def item_reference(content, meeting: m.Meeting, decision: m.Decision) -> str:
    """How people refer to an agreed item: 联席会议〔2022〕1号纪要第二项 (the body, its minutes' issue, the item).

    The one wording of a reference, for every document and form that names an agreed item; each body numbers
    its minutes on its own, so the body's short name keeps 〔2022〕1号 of the two bodies apart.
    """
    body = content.bodies[meeting.body]
    return f"{body.short}〔{meeting.date.year}〕{meeting.number}号纪要第{cn_number(decision.n)}项"
