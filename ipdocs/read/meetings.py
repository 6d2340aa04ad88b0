"""Meeting files: reading, and the rules a meeting must keep."""
from __future__ import annotations

import re

from ..errors import nearest
from ..model import records as m
from ..model.roster import Roster
from ..text import weekday_name
from .builder import Builder
from .fields import Fields, shown

_TIME = re.compile(r"^([01]?\d|2[0-3])[:：]([0-5]\d)$")
MEETING_FIELDS = ("body", "kind", "number", "date", "time", "place", "chair", "entrusted_by", "proposed_by", "topic",
                  "agenda", "notice", "held", "absent", "observers", "summary", "decisions", "replied")
ISSUE_NUMBERS = {"minimum": 1, "maximum": 999}
PLACEHOLDER = "待定"


def read_time(f: Fields) -> str:
    value = f.raw("time")
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):   # YAML 1.1 reads an unquoted 9:30 as 570 minutes
        value = f"{value // 60}:{value % 60:02d}"
    match = _TIME.match(str(value).strip()) if isinstance(value, str) else None
    if not match:
        f.error("time", f"时间“{shown(value)}”无效：请写作 \"09:30\"（加引号）")
        return ""
    return f"{int(match.group(1)):02d}:{match.group(2)}"


def read_meeting(b: Builder, stem, data, content) -> m.Meeting | None:
    """One meeting; None (its problems reported) when a field the other rules need is wrong."""
    f = Fields(data, b.problems, (data.path, 1), MEETING_FIELDS)
    body_id, date = f.choice("body", tuple(content.bodies)), f.date("date")
    if date and date < content.founding_date:
        f.error("date", f"会议日期 {date} 早于组建日期 {content.founding_date}")
        date = None
    roster = content.roster(body_id, date) if body_id and date else None
    meeting = m.Meeting(
        stem=stem, source=data.path, body=body_id, kind=f.choice("kind", m.MEETING_KINDS),
        number=f.integer("number", **ISSUE_NUMBERS), date=date, time=read_time(f),
        place=f.text("place"), chair=_chair(b, f, roster),
        entrusted_by=f.text("entrusted_by", required=False),
        proposed_by=tuple(_units(b, f, "proposed_by")), topic=f.text("topic"),
        agenda=f.texts("agenda"), notice=_notice(b, f, date, content.organization.calendar),
        held=f.flag("held", default=True), absent=tuple(_absences(b, f, roster)), observers=tuple(_observers(b, f)),
        summary=f.text("summary", required=False, default=""),
        decisions=tuple(_decisions(b, f, stem, date, content)), replied=tuple(_replied(b, f, roster)),
        lines={"": 1, **{key: f.where(key)[1] for key in MEETING_FIELDS if key in f.data}})
    if meeting.notice:
        _warn_placeholders(b, f)
    if meeting.kind == "临时会议" and not meeting.proposed_by:
        b.problems.warn(f.where("kind"), "临时会议一般由成员单位提议：请在 proposed_by 中写明提议单位")
    required = (meeting.body, meeting.kind, meeting.number, meeting.date, meeting.place, meeting.chair, meeting.topic)
    return meeting if f.valid and None not in required else None


def _replied(b: Builder, f: Fields, roster) -> list[str]:
    names = f.texts("replied")
    for name in names:
        if roster is not None and roster.seat_of(name) is None:
            f.error("replied", f"已回执的“{name}”在{roster.date:%Y-%m-%d}不是{roster.body.short}成员{nearest(name, roster.names())}")
    return list(names)


def _warn_placeholders(b: Builder, f: Fields) -> None:
    """A meeting with a notice should not still say 待定, nor give a contact without a telephone."""
    for key in ("place", "topic", "time"):
        if PLACEHOLDER in str(f.raw(key) or ""):
            b.problems.warn(f.where(key), f"{key} 还是“{PLACEHOLDER}”：会议通知会照印，发通知前请填写")
    agenda = f.items("agenda")
    for i, item in enumerate(agenda):
        if PLACEHOLDER in str(item or ""):
            b.problems.warn(agenda.where(i), f"议程还是“{PLACEHOLDER}”：发通知前请填写")
    notice = f.raw("notice")
    contact = notice.get("contact") if hasattr(notice, "get") else None
    if not hasattr(contact, "get"):
        b.problems.warn(f.where("notice"), "会议通知没有联系人：在 notice 下写 contact: {name: 姓名, phone: 电话}")
    elif not str(contact.get("phone") or "").strip():
        b.problems.warn(contact.where("phone") if "phone" in contact else contact.where(), "会议通知的联系电话是空的：发通知前请填写 phone")
    elif PLACEHOLDER in str(contact.get("name") or "") + str(contact.get("phone")):
        b.problems.warn(contact.where(), f"会议通知的联系人还是“{PLACEHOLDER}”：发通知前请填写")


def _units(b: Builder, f: Fields, key) -> list[m.Unit]:
    """Units named in a list field; wrong entries reported by texts(), unknown names by unit()."""
    f.texts(key)
    entries = f.items(key)
    return [u for i, n in enumerate(entries) if isinstance(n, str) and n.strip() and (u := b.unit(n, entries.where(i)))]


def _chair(b: Builder, f: Fields, roster: Roster | None) -> str | None:
    chair = f.text("chair")
    entrusted_by = f.text("entrusted_by", required=False)
    if roster is None or not chair:
        return chair
    leader = roster.leader.person
    if chair == leader:
        if entrusted_by:
            f.error("entrusted_by", f"组长“{leader}”亲自主持时不需要 entrusted_by：删去这一行")
        return chair
    deputies = [s.person for s in roster.by_role("deputy")]
    if chair not in deputies:
        valid = [leader, *deputies]
        f.error("chair", f"主持人“{chair}”不是{roster.body.short}的组长或副组长{nearest(chair, valid)}（可选：{'、'.join(valid)}）")
    elif entrusted_by != leader:
        f.error("chair", f"副组长“{chair}”主持会议须受组长委托：加一行 entrusted_by: {leader}")
    return chair


def _absences(b: Builder, f: Fields, roster) -> list[m.Absence]:
    result, seen = [], set()
    for af in f.each("absent", ("name", "reason", "delegate")):
        name = af.text("name")
        if roster is not None and name and roster.seat_of(name) is None:
            af.error("name", f"请假人员“{name}”在{roster.date:%Y-%m-%d}不是{roster.body.short}成员{nearest(name, roster.names())}")
        delegate_name = delegate_title = None
        if af.has("delegate"):
            df = af.mapping("delegate", ("name", "title"))
            delegate_name, delegate_title = df.text("name"), df.text("title", required=False)
        if name in seen:
            af.error("name", f"“{name}”在请假名单中出现了两次")
        seen.add(name)
        result.append(m.Absence(name or "", af.text("reason", default=""), delegate_name, delegate_title))
    return result


def _observers(b: Builder, f: Fields) -> list[m.Observer]:
    result = []
    for of in f.each("observers", ("name", "unit", "title")):
        unit_text = of.text("unit", default="")
        result.append(m.Observer(of.text("name", default=""), b.unit(unit_text or None, of.where("unit")), unit_text,
                                 of.text("title", required=False, default="")))
    return result


def _notice(b: Builder, f: Fields, date, calendar: m.Calendar) -> m.MeetingNotice | None:
    if not f.has("notice"):
        return None
    nf = f.mapping("notice", ("issued", "reply_by", "contact"))
    issued, reply_by = nf.date("issued"), nf.date("reply_by", required=False)
    for key, day, what in (("issued", issued, "通知印发日期"), ("reply_by", reply_by, "回执截止日期")):
        if day and not calendar.is_workday(day):
            holiday = "节假日" if day in calendar.holidays else "周末"
            b.problems.warn(nf.where(key), f"{what} {day} 是{holiday}（{weekday_name(day)}）：请核对，"
                                           f"或在 organization.yaml 的 calendar 中登记调休上班日")
    if issued and date and issued > date:
        nf.error("issued", f"通知印发日期 {issued} 晚于会议日期 {date}")
    if reply_by and date and reply_by > date:
        nf.error("reply_by", f"回执截止日期 {reply_by} 晚于会议日期 {date}")
    if reply_by and issued and reply_by < issued:
        nf.error("reply_by", f"回执截止日期 {reply_by} 早于通知印发日期 {issued}")
    name = phone = None
    if nf.has("contact"):
        cf = nf.mapping("contact", ("name", "phone"))
        name, phone = cf.text("name"), cf.text("phone", required=False)
    return m.MeetingNotice(issued, reply_by, name, phone)


def _decisions(b: Builder, f: Fields, stem, date, content) -> list[m.Decision]:
    assessment = content.assessments.get(date.year) if date else None
    result = []
    for i, df in enumerate(f.each("decisions", ("text", "lead", "support", "due", "indicators"))):
        due = df.date("due", required=False)
        if due and date and due < date:
            df.error("due", f"完成时限 {due} 早于会议日期 {date}")
        numbers = _indicator_numbers(b, df, assessment, date)
        result.append(m.Decision(
            ref=f"{stem}#{i + 1}", n=i + 1, text=df.text("text", default=""),
            lead=b.unit(df.text("lead"), df.where("lead")), support=tuple(_units(b, df, "support")),
            due=due, indicators=numbers))
    return result


def _indicator_numbers(b: Builder, df: Fields, assessment, date) -> tuple[int, ...]:
    entries = df.items("indicators")
    if not entries or date is None:
        return ()
    if assessment is None:
        df.error("indicators", f"没有 {date.year} 年度的考核指标（content/assessment/{date.year}.yaml）：先建立该文件，或删去 indicators")
        return ()
    numbers = []
    for i, no in enumerate(entries):
        if not isinstance(no, int) or isinstance(no, bool):
            b.problems.error(entries.where(i), f"指标序号应为整数，现在是“{shown(no)}”")
        elif no not in assessment.indicators:
            b.problems.error(entries.where(i), f"{date.year}年度考核指标中没有序号 {no}（有效范围 1–{max(assessment.indicators)}）")
        else:
            numbers.append(no)
    return tuple(numbers)


def check_numbers(b: Builder, meetings: list[m.Meeting], bodies) -> None:
    """纪要期号 run once per body and year: the same number twice would print (and file) two 〔2022〕1号."""
    seen: dict[tuple, m.Meeting] = {}
    for mt in sorted(meetings, key=lambda mt: mt.source):
        key = (mt.body, mt.date.year, mt.number)
        if key in seen:
            used = [x.number for x in meetings if x.body == mt.body and x.date.year == mt.date.year]
            b.problems.error(mt.where("number"), f"{mt.date.year}年{bodies[mt.body].short}的纪要期号 {mt.number} 已被 {seen[key].source} 使用：请改用第 {max(used) + 1} 期")
        seen.setdefault(key, mt)
