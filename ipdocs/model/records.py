"""Typed, validated records: what the content files say, with names resolved."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

ROLES = ("leader", "deputy", "member")
ROLE_LABELS = {"leader": "组长", "deputy": "副组长", "member": "成员"}
MEETING_KINDS = ("全体会议", "专题会议", "临时会议")
RETENTION_TERMS = ("永久", "定期30年", "定期10年")      # 保管期限 (DA/T 22-2015)


@dataclass(frozen=True)
class Unit:
    name: str
    short: str | None = None
    aliases: tuple[str, ...] = ()
    member: bool = True

    @property
    def label(self) -> str:
        return self.short or self.name

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *((self.short,) if self.short else ()), *self.aliases)


@dataclass(frozen=True)
class Person:
    name: str
    unit: Unit
    title: str


@dataclass(frozen=True)
class Seat:
    """One place in a body's printed list, and who holds it."""
    role: str
    person: str
    title: str
    unit: Unit


@dataclass(frozen=True)
class Office:
    name: str
    host: Unit
    director: str


@dataclass(frozen=True)
class Body:
    id: str
    name: str
    short: str
    full_name: str
    duties: str
    office: Office
    founding_seats: tuple[Seat, ...]
    evidence_for: tuple[int, ...] = ()    # indicators that every meeting of this body serves
    letter_name: str = ""                 # how a unit's letter names it: 区政府知识产权联席会议

    @property
    def addressed_as(self) -> str:
        return self.letter_name or self.full_name


@dataclass(frozen=True)
class Founding:
    number: int
    signed: dt.date
    published: dt.date | None
    public: bool
    title: str
    addressee: str
    preamble: str
    work_rules: tuple[str, ...]
    office_text: str


@dataclass(frozen=True)
class Calendar:
    """Public holidays and the weekend days worked instead (调休), as the State Council's notice sets them each year."""
    holidays: frozenset = frozenset()
    workdays: frozenset = frozenset()

    def is_workday(self, day: dt.date) -> bool:
        return day in self.workdays or (day.weekday() < 5 and day not in self.holidays)

    def workday_before(self, day: dt.date, days: int = 1) -> dt.date:
        """The working day `days` working days before `day`."""
        while days > 0:
            day -= dt.timedelta(days=1)
            days -= self.is_workday(day)
        return day


@dataclass(frozen=True)
class Organization:
    issuer: str
    issuer_mark: str
    doc_number_prefix: str
    city: str
    province: str
    printer: str
    founding: Founding
    fonds: str = "X001"
    retention: dict = field(default_factory=dict)
    paper: str = "plain"                          # plain | preprinted (套红纸)
    fonts: tuple[tuple[str, str], ...] = ()       # official face → the face this office has
    page_numbers: str = "outside"                 # outside (GB/T 9704) | center
    double_sided: bool = True                     # GB/T 9704 §8: printed on both sides
    archive_class: str = ""                       # 机构（问题）代码 in the 档号 (DA/T 22), when the archive is classed by it
    calendar: Calendar = Calendar()               # holidays and 调休 workdays: the dates a new meeting proposes

    def doc_number(self, year: int, number: int) -> str:
        return f"{self.doc_number_prefix}〔{year}〕{number}号"


@dataclass(frozen=True)
class Indicator:
    no: int
    points: float | None
    rule: tuple[str, ...]
    evidence: tuple[str, ...]
    responsible: str
    units: tuple[Unit, ...]
    lead: Unit | None
    remark: str
    scoring: tuple[dict, ...]
    section: str
    group: str
    item: str | None


@dataclass(frozen=True)
class Item:
    title: str | None
    points: float | None
    indicators: tuple[Indicator, ...]


@dataclass(frozen=True)
class Group:
    title: str
    numeral: str | None
    points: float | None
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Section:
    title: str
    numeral: str | None
    kind: str
    points: float | None
    note: str
    groups: tuple[Group, ...]


@dataclass(frozen=True)
class Assessment:
    year: int
    title: str
    period_note: str
    sections: tuple[Section, ...]
    source: str
    progress_indicators: tuple[int, ...] = ()   # indicators every progress report is evidence for
    draft: bool = False                          # copied by `ipdocs new-year`, not yet checked against the year's text

    @property
    def indicators(self) -> dict[int, Indicator]:
        return {ind.no: ind for s in self.sections for g in s.groups for i in g.items for ind in i.indicators}


@dataclass(frozen=True)
class Absence:
    name: str
    reason: str
    delegate_name: str | None = None
    delegate_title: str | None = None


@dataclass(frozen=True)
class Observer:
    name: str
    unit: Unit | None
    unit_text: str
    title: str


@dataclass(frozen=True)
class Decision:
    ref: str
    n: int
    text: str
    lead: Unit | None
    support: tuple[Unit, ...]
    due: dt.date | None
    indicators: tuple[int, ...]


@dataclass(frozen=True)
class MeetingNotice:
    issued: dt.date
    reply_by: dt.date | None
    contact_name: str | None
    contact_phone: str | None


@dataclass(frozen=True)
class Meeting:
    stem: str
    source: str
    body: str
    kind: str
    number: int
    date: dt.date
    time: str
    place: str
    chair: str
    entrusted_by: str | None
    proposed_by: tuple[Unit, ...]
    topic: str
    agenda: tuple[str, ...]
    notice: MeetingNotice | None
    held: bool
    absent: tuple[Absence, ...]
    observers: tuple[Observer, ...]
    summary: str
    decisions: tuple[Decision, ...]
    replied: tuple[str, ...] = ()          # members whose 参会回执 has been read (ipdocs replies)
    lines: dict = field(default_factory=dict, compare=False, hash=False)   # field → line in the file

    def where(self, key: str) -> tuple[str, int]:
        return (self.source, self.lines.get(key, self.lines.get("", 1)))


@dataclass(frozen=True)
class Replacement:
    out: str
    new: str
    title: str


@dataclass(frozen=True)
class Retitle:
    name: str
    title: str


@dataclass(frozen=True)
class Addition:
    name: str
    title: str
    bodies: tuple[str, ...]


@dataclass(frozen=True)
class Change:
    stem: str
    source: str
    unit: Unit
    requested: dt.date
    reason: str
    replace: tuple[Replacement, ...]
    retitle: tuple[Retitle, ...]
    add: tuple[Addition, ...]
    remove: tuple[str, ...]
    approved: dt.date | None
    notice_number: int | None
    lines: dict = field(default_factory=dict, compare=False, hash=False)   # field → line in the file

    def where(self, key: str) -> tuple[str, int]:
        return (self.source, self.lines.get(key, self.lines.get("", 1)))

    @property
    def pending(self) -> bool:
        return self.approved is None
