"""Context pieces several families print: seats and rosters, office names, agreed-item summaries.

A context holds only what its document prints, so its digest tells the build
exactly when the document must be made again.
"""
from __future__ import annotations

from ..model import records as m
from ..model.roster import Roster


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
