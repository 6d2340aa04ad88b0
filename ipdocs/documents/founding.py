"""The founding notice (组建通知), regenerated from the content as it stood on its date."""
from __future__ import annotations

from ..model import records as m
from ..text import points
from ..files import output_path
from .common import roster
from .registry import Document, Family, register


def _heading(numeral, title, pts, wrap) -> str:
    prefix = wrap.format(numeral) if numeral else ""
    return f"{prefix}{title}" + (f"（{points(pts)}分）" if pts is not None else "")


def assessment(a: m.Assessment) -> dict:
    sections = []
    for s in a.sections:
        heading = _heading(s.numeral, s.title, s.points, "{}、") if s.points is not None else f"{s.title}（{s.note}）" if s.note else s.title
        sections.append({"heading": heading, "rows": _rows(s)})
    return {"title": a.title, "period_note": a.period_note, "sections": sections}


def _rows(s: m.Section) -> list[dict]:
    rows = []
    for g in s.groups:
        group = {"heading": _heading(g.numeral, g.title, g.points, "（{}）"), "rows": sum(len(i.indicators) for i in g.items)}
        for it in g.items:
            item = {"heading": _heading(None, it.title, it.points, "") if it.title else "", "rows": len(it.indicators)}
            for k, ind in enumerate(it.indicators):
                rows.append({"no": ind.no, "rule": list(ind.rule), "evidence": list(ind.evidence),
                             "responsible": ind.responsible, "remark": ind.remark,
                             "group": group if (it is g.items[0] and k == 0) else None,
                             "item": item if k == 0 else None})
    return rows


def founding_context(content) -> dict:
    org, f = content.organization, content.organization.founding
    day = f.signed
    return {
        "org": {"issuer": org.issuer, "issuer_mark": org.issuer_mark},
        "number": org.doc_number(day.year, f.number), "title": f.title, "addressee": f.addressee,
        "preamble": f.preamble, "office_text": f.office_text, "work_rules": list(f.work_rules),
        "signed": day, "public": f.public, "printer": org.printer, "published": f.published or day,
        "bodies": {bid: roster(content.roster(bid, day)) for bid in content.bodies},
        "assessment": assessment(content.assessments[day.year]),
    }


def documents(content) -> list[Document]:
    org, f = content.organization, content.organization.founding
    number = org.doc_number(f.signed.year, f.number)
    return [Document("notice", "founding", "通知", "founding_notice.md.j2", founding_context(content),
                     output_path(str(f.signed.year), f"{number}_{f.title}"), f.title, org.issuer, f.signed, number,
                     source="content/organization.yaml")]


register(Family("notice", "组建通知", "组建通知：按 organization.yaml 的 founding 与组建时的名单重新生成，.docx 与 .html", documents, order=10,
                retention={"通知": "永久"}))
