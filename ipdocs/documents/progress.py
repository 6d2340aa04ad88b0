"""Progress documents per reporting period: each unit's 工作完成情况报告 and the office's 进展情况报告.

The office report's as-of date is the last day of its period, so a build never
depends on the day it runs. Its attachments are the agreed-items ledger, the
self-assessment table and the gap list.
"""
from __future__ import annotations

from pathlib import PurePosixPath

from ..files import output_path
from ..model import ledger, standing
from ..model.content import LEAD_BODY
from ..model.periods import Period
from ..model.progress import Report, WorkEntry
from ..text import cn_date
from .common import issuer_short, item_reference, office_name, plain_summary
from .registry import Document, Family, register

def meeting_label(content, meeting) -> str:
    return f"{cn_date(meeting.date)}{content.bodies[meeting.body].short}{meeting.kind}"


def _units(units) -> list[str]:
    return [u.label for u in units if u]


def work_item(unit, entry: WorkEntry, ind) -> dict:
    return {"unit": unit.label, "no": entry.no, "part": entry.part, "name": ind.item or ind.group, "text": entry.text,
            "evidence": [PurePosixPath(p).stem for p in entry.evidence], "count": entry.count, "value": entry.value,
            "score": entry.score, "done": entry.done, "case": entry.case}


# -- a unit's report ---------------------------------------------------------

def _note(content, note, unit) -> dict:
    meeting, decision = content.decision_index()[note.ref]
    return {"label": item_reference(content, meeting, decision), "summary": plain_summary(decision.text),
            "role": "牵头" if decision.lead == unit else "配合", "due": decision.due, "status": note.status,
            "note": note.note}


def unit_title(report: Report) -> str:
    return f"{report.unit.name}关于{report.period.label}知识产权工作完成情况的报告"


def unit_context(content, report: Report) -> dict:
    indicators = content.assessments[report.period.year].indicators if report.indicators else {}
    return {"mark": report.unit.name, "title": unit_title(report), "period": report.period.label,
            "addressee": content.bodies[LEAD_BODY].office.name, "summary": report.summary.strip(),
            "decisions": [_note(content, n, report.unit) for n in report.decisions],
            "work": [work_item(report.unit, e, indicators[e.no]) for e in report.indicators],
            "signature": report.unit.name, "date": report.submitted}


# -- the office's report -----------------------------------------------------

def ledger_row(content, entry: ledger.Entry) -> dict:
    d = entry.decision
    return {"label": item_reference(content, entry.meeting, d), "meeting": meeting_label(content, entry.meeting),
            "summary": plain_summary(d.text),
            "lead": d.lead.label if d.lead else "", "due": d.due,
            "status": entry.status, "overdue": entry.overdue, "note": entry.note.note if entry.note else "",
            "reported": entry.report.submitted if entry.report else None}


def reporting_context(content, period: Period) -> dict:
    done, missing = ledger.reporting(content, period)
    late = [(unit, r) for unit, reports in done for r in reports if r.late]
    return {"total": len(done) + len(missing), "reported": len(done), "missing": _units(missing),
            "late": [{"unit": u.label, "period": r.period.label, "submitted": r.submitted} for u, r in late]}


def indicator_row(row: standing.Row) -> dict:
    ind = row.indicator
    return {"no": ind.no, "rule": list(ind.rule), "points": ind.points,
            "work": [work_item(u, e, ind) for u, e in row.work], "evidence": len(row.evidence),
            "score": row.score, "pending": row.is_pending, "all_pending": all(s is None for s in row.scores),
            "gap": row.gap, "units": _units(ind.units), "reported_by": list(dict.fromkeys(u.label for u, _ in row.work))}


def section_heading(section) -> str:
    numeral = f"{section.numeral}、" if section.numeral else ""
    worth = f"{section.points:g}分" if section.points is not None else section.note
    return f"{numeral}{section.title}" + (f"（{worth}）" if worth else "")


def assessment_context(content, period: Period) -> dict | None:
    a = content.assessments.get(period.year)
    if a is None:
        return None
    st = standing.standing(a, ledger.work_reports(content.progress, period))
    sections = [{"heading": section_heading(s.section), "kind": s.section.kind,
                 "maximum": s.maximum, "score": s.score, "pending": s.pending,
                 "rows": [indicator_row(r) for r in s.rows]} for s in st.sections]
    return {"title": a.title, "year": a.year, "count": len(st.rows), "sections": sections,
            "with_work": sum(1 for r in st.rows if r.work), "with_evidence": sum(1 for r in st.rows if r.evidence),
            "pending_count": sum(1 for r in st.rows if r.is_pending), "pending": st.pending, "total": st.total,
            "base_maximum": st.base_maximum, "gaps": [indicator_row(r) for r in st.gaps()]}


def office_title(period: Period) -> str:
    return f"关于{period.label}知识产权工作进展情况的报告"


def office_context(content, period: Period) -> dict:
    as_of, body = period.end, content.bodies[LEAD_BODY]
    rows = ledger.year_ledger(content, as_of)
    founding = content.organization.founding
    return {"office": office_name(body), "title": office_title(period), "addressee": issuer_short(content), "body_short": body.short,
            "as_of": as_of, "bodies": [b.name for b in content.bodies.values()],
            "basis": f"《{founding.title}》（{content.organization.doc_number(founding.signed.year, founding.number)}）",
            "meetings": sum(1 for mt in content.meetings if mt.held and mt.date <= as_of and mt.date.year == as_of.year),
            "carried": sum(1 for e in rows if e.meeting.date.year < as_of.year),
            "counts": ledger.counts(rows), "decisions": [ledger_row(content, e) for e in rows],
            "units": reporting_context(content, period), "assessment": assessment_context(content, period)}


# -- the documents -----------------------------------------------------------

def periods(content) -> list[Period]:
    return sorted({r.period for r in content.progress})


def progress_indicators(content, period: Period) -> tuple[int, ...]:
    assessment = content.assessments.get(period.year)
    return assessment.progress_indicators if assessment else ()


def unit_document(content, report: Report) -> Document:
    p = report.period
    return Document("progress", f"{p.name}_{report.unit.label}", "报告", "progress_unit.md.j2",
                    unit_context(content, report), output_path(str(p.year), "进展情况", f"{p.name}_{report.unit.label}_工作完成情况报告"),
                    unit_title(report), report.unit.name, report.submitted,
                    indicators=tuple(sorted({*progress_indicators(content, p), *(e.no for e in report.indicators)})),
                    year=p.year, source=report.source)


def office_document(content, period: Period) -> Document:
    office = office_name(content.bodies[LEAD_BODY])
    return Document("progress", period.name, "报告", "progress_office.md.j2", office_context(content, period),
                    output_path(str(period.year), "进展情况", f"{period.name}_知识产权工作进展情况报告"), office_title(period), office,
                    period.end, indicators=progress_indicators(content, period), year=period.year)


def progress_documents(content) -> list[Document]:
    docs = []
    for period in periods(content):
        docs.append(office_document(content, period))
        docs += [unit_document(content, r) for r in content.progress if r.period == period]
    return docs


register(Family("progress", "进展报告", "进展情况：各单位工作完成情况报告、办公室进展情况报告与差距清单（按报送期）",
                progress_documents, order=60, retention={"报告": "定期10年"}))
