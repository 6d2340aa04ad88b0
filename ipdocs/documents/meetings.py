"""Meeting notices (会议通知) and minutes (纪要): contexts and document entries."""
from __future__ import annotations

from ..files import output_path
from ..model import records as m
from ..text import cn_date, cn_number, cn_time, person
from .common import office_name
from .registry import Document, Family, register


def _person_label(seat: m.Seat) -> str:
    return f"{seat.title}{person(seat.person)}"


def attendance(content, meeting: m.Meeting) -> dict:
    """出席 = the body's members on the meeting date minus the absent; delegates attend in their place."""
    roster = content.roster(meeting.body, meeting.date)
    absent = {a.name: a for a in meeting.absent}
    present, on_leave = [], []
    for seat in roster.seats:
        away = absent.get(seat.person)
        if away is None:
            present.append(_person_label(seat))
            continue
        on_leave.append(f"{_person_label(seat)}（{away.reason}）" if away.reason else _person_label(seat))
        if away.delegate_name:
            present.append(f"{away.delegate_title or ''}{person(away.delegate_name)}（代{person(seat.person)}出席）")
    observers = [f"{o.title if o.title.startswith(o.unit_text) else o.unit_text + o.title}{person(o.name)}"
                 for o in meeting.observers]
    return {"present": present, "on_leave": on_leave, "observers": observers,
            "present_names": [s.person for s in roster.seats if s.person not in absent]}


def _chair_phrase(content, meeting: m.Meeting) -> str:
    roster = content.roster(meeting.body, meeting.date)
    seat = roster.seat_of(meeting.chair)
    role = {"leader": "组长", "deputy": "副组长"}.get(seat.role if seat else "", "")
    chair = f"{seat.title if seat else ''}、{roster.body.short}{role}{person(meeting.chair)}"
    if meeting.entrusted_by:
        return f"受{roster.body.short}组长{person(meeting.entrusted_by)}委托，{chair}"
    return chair


def _decision(d: m.Decision) -> dict:
    text = d.text.strip()
    return {"ref": d.ref, "text": f"{cn_number(d.n)}、{text}", "lead": d.lead.label if d.lead else "",
            "support": [u.label for u in d.support], "due": cn_date(d.due), "indicators": list(d.indicators)}


def minutes_context(content, meeting: m.Meeting) -> dict:
    body = content.bodies[meeting.body]
    proposed = "、".join(u.label for u in meeting.proposed_by)
    return {
        "mark": f"{body.name}纪要", "issue": f"〔{meeting.date.year}〕{meeting.number}号",
        "office": office_name(body), "date": meeting.date, "when": cn_time(meeting.date, meeting.time),
        "place": meeting.place, "chair": _chair_phrase(content, meeting), "body_name": body.name,
        "kind": meeting.kind, "topic": meeting.topic, "proposed_by": proposed, "summary": meeting.summary.strip(),
        "decisions": [_decision(d) for d in meeting.decisions], "attendance": attendance(content, meeting),
        "distribute": f"{body.short}各成员单位", "printer": office_name(body),
    }


def notice_context(content, meeting: m.Meeting) -> dict:
    body = content.bodies[meeting.body]
    roster = content.roster(meeting.body, meeting.date)
    notice = meeting.notice
    return {
        "title": notice_title(body, meeting), "addressee": f"{body.short}各成员单位",
        "when": cn_time(meeting.date, meeting.time), "place": meeting.place, "body_name": body.name,
        "kind": meeting.kind, "topic": meeting.topic, "agenda": list(meeting.agenda),
        "units": list(dict.fromkeys(s.unit.label for s in roster.by_role("member"))),
        "leaders": [f"{s.title}{person(s.person)}" for s in roster.seats if s.role != "member"],
        "reply_by": cn_date(notice.reply_by), "contact": person(notice.contact_name or ""),
        "phone": notice.contact_phone or "", "office": office_name(body), "issued": notice.issued,
        "reply": reply_form(content, meeting),
    }


REPLY_COLUMNS = ("单位", "姓名", "职务", "联系电话", "备注（代为参会／请假事由）")   # read back by ipdocs replies
REPLY_ROWS = 3


def reply_form(content, meeting: m.Meeting) -> dict:
    """The 参会回执 attached to a notice: a table each unit fills in and returns."""
    body, notice = content.bodies[meeting.body], meeting.notice
    due = f"请于{cn_date(notice.reply_by)}前" if notice.reply_by else "请"
    contact = f"（联系人：{notice.contact_name}{'，电话：' + notice.contact_phone if notice.contact_phone else ''}）" if notice.contact_name else ""
    return {"title": "参会回执", "columns": list(REPLY_COLUMNS), "rows": REPLY_ROWS, "widths": "5 3 5 4 7", "row_height": 12,
            "meeting": f"{cn_time(meeting.date, meeting.time)}{body.name}{meeting.kind}",
            "note": f"{due}将回执报{office_name(body)}{contact}。代为参会的，在备注栏写“代××参会”及请假事由；"
                    "请假不参会的，写“请假：事由”。回执可用 Word 直接填写后发回。"}


def notice_title(body: m.Body, meeting: m.Meeting) -> str:
    return f"关于召开{body.name}{meeting.kind}的通知"


def minutes_documents(content) -> list[Document]:
    docs = []
    for meeting in (mt for mt in content.meetings if mt.held):
        body, year = content.bodies[meeting.body], meeting.date.year
        title = f"{body.name}纪要〔{year}〕{meeting.number}号"
        evidence = tuple(sorted({*body.evidence_for, *(n for d in meeting.decisions for n in d.indicators)}))
        docs.append(Document("minutes", meeting.stem, "纪要", "minutes.md.j2", minutes_context(content, meeting),
                             output_path(str(year), "会议纪要", f"{meeting.date}_{body.short}{meeting.kind}纪要〔{year}〕{meeting.number}号"),
                             title, office_name(body), meeting.date, f"〔{year}〕{meeting.number}号", evidence,
                             source=meeting.source))
    return docs


def notice_documents(content) -> list[Document]:
    docs = []
    for meeting in (mt for mt in content.meetings if mt.notice):
        body, year = content.bodies[meeting.body], meeting.date.year
        title = notice_title(body, meeting)
        docs.append(Document("notices", meeting.stem, "会议通知", "meeting_notice.md.j2", notice_context(content, meeting),
                             output_path(str(year), "会议通知", f"{meeting.date}_{title}"), title, office_name(body), meeting.notice.issued,
                             source=meeting.source))
    return docs


register(Family("notices", "会议通知", "会议通知：会议文件中写了 notice 的会议各一份", notice_documents, order=20,
                retention={"会议通知": "定期30年"}))
register(Family("minutes", "会议纪要", "会议纪要：每个已召开会议一份，doit minutes:<会议文件名> 只生成一份",
                minutes_documents, order=30, retention={"纪要": "永久"}))
