"""催办通知: per reporting period, the office's notice to the member units that have not reported, or that lead
agreed items past their due date, naming the items.

As of the last day of the period, like the office's progress report; dated the day after
it, when the reporting is due. A period with nothing to chase has no notice. `doit progress`
makes these with the progress reports (the family is part of that task).
"""
from __future__ import annotations

import datetime as dt

from ..model import ledger
from ..model.content import LEAD_BODY
from ..model.periods import Period
from .common import item_reference, office_name, plain_summary
from .progress import periods
from .registry import Document, Family, register

NOTICE_KIND = "催办通知"


def overdue_item(content, entry: ledger.Entry) -> dict:
    d = entry.decision
    return {"reference": item_reference(content, entry.meeting, d), "summary": plain_summary(d.text),
            "lead": d.lead.label if d.lead else "", "support": [u.label for u in d.support], "due": d.due,
            "status": entry.status}


def chased_units(content, period: Period, missing, overdue) -> list[str]:
    """The units addressed, in the order of the member list: those that did not report, then leads of late items."""
    leads = {e.decision.lead for e in overdue}
    return [u.label for u in ledger.member_units(content, period.end) if u in missing or u in leads] + \
           [u.label for u in leads if u and u not in ledger.member_units(content, period.end)]


def reminder_title(period: Period) -> str:
    return f"关于督促报送{period.label}知识产权工作完成情况和推进逾期事项的通知"


def reminder_context(content, period: Period) -> dict | None:
    _, missing = ledger.reporting(content, period)
    overdue = [e for e in ledger.ledger(content, period.end) if e.overdue]
    if not missing and not overdue:
        return None
    founding = content.organization.founding
    return {"title": reminder_title(period), "office": office_name(content.bodies[LEAD_BODY]),
            "addressee": "、".join(chased_units(content, period, set(missing), overdue)),
            "basis": f"《{founding.title}》（{content.organization.doc_number(founding.signed.year, founding.number)}）",
            "period": period.label, "as_of": period.end, "date": period.end + dt.timedelta(days=1),
            "missing": [u.label for u in missing], "overdue": [overdue_item(content, e) for e in overdue]}


def reminder_documents(content) -> list[Document]:
    docs = []
    for period in periods(content):
        context = reminder_context(content, period)
        if context is not None:
            docs.append(Document("reminders", period.name, NOTICE_KIND, "progress_reminder.md.j2", context,
                                 f"{period.year}/进展情况/{period.name}_催办通知", context["title"], context["office"],
                                 context["date"], indicators=(3,), year=period.year))
    return docs


register(Family("reminders", NOTICE_KIND, "催办通知：按报送期，催促尚未报送的成员单位和逾期议定事项的牵头单位（doit progress 一并生成）",
                reminder_documents, order=61, retention={NOTICE_KIND: "定期10年"}, part_of="progress"))
