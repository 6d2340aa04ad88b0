"""content/ → Content: read every content file, resolve names, cross-check, report all problems at once.

Reading goes in stages, each using only what the stages before it found valid:
the files; then the organisation, units, people, bodies and assessments; then
the member changes; then the meetings; then the progress reports. A stage with
errors ends the run there, so that later rules never repeat an earlier problem
in other words (a meeting of a misspelt body is not also "an unknown body").
"""
from __future__ import annotations

import difflib
from pathlib import Path

from ..errors import ContentError, nearest
from ..model import records as m
from ..model.content import LEAD_BODY, Content
from ..text import FACE_NAME_LIMIT, OFFICIAL_FACES, weekday_name
from .assessment import check_founding_year, read_assessment
from .builder import Builder
from .changes import check_history, check_notice_numbers, read_change
from .fields import Fields, type_name
from .loader import Map, Seq
from .meetings import check_numbers, read_meeting
from .names import name_problem
from .progress import check_progress
from .scoring_rules import check_rules

ORGANIZATION_FIELDS = ("issuer", "issuer_mark", "doc_number_prefix", "city", "province", "printer", "founding",
                       "fonds", "retention", "paper", "fonts", "page_numbers", "archive_class", "double_sided",
                       "calendar")
FOUNDING_FIELDS = ("number", "signed", "published", "public", "title", "addressee", "preamble", "work_rules",
                   "office_text")
BODY_FIELDS = ("name", "short", "full_name", "leader", "deputies", "members", "office", "duties", "evidence_for",
               "letter_name")
BODY_IDS = (LEAD_BODY, "protection_mechanism")
DOC_NUMBERS = (1, 9999)


def organization(b: Builder, data) -> m.Organization | None:
    if data is None:
        return None
    f = Fields(data, b.problems, (getattr(data, "path", "content/organization.yaml"), 1), ORGANIZATION_FIELDS)
    fd = f.mapping("founding", FOUNDING_FIELDS)
    signed, published = fd.date("signed"), fd.date("published", required=False)
    if signed and published and published < signed:
        fd.error("published", f"印发日期 {published} 早于成文日期 {signed}")
    founding = m.Founding(
        number=fd.integer("number", minimum=DOC_NUMBERS[0], maximum=DOC_NUMBERS[1]), signed=signed,
        published=published, public=fd.flag("public"), title=fd.text("title", default=""),
        addressee=fd.text("addressee", default=""), preamble=fd.text("preamble", default=""),
        work_rules=fd.texts("work_rules"), office_text=fd.text("office_text", default=""))
    issuer = f.text("issuer", default="")
    return m.Organization(
        issuer=issuer, issuer_mark=f.text("issuer_mark", default=""),
        doc_number_prefix=f.text("doc_number_prefix", default=""), city=f.text("city", default=""),
        province=f.text("province", default=""), printer=f.text("printer", required=False, default=issuer),
        founding=founding, fonds=f.text("fonds", required=False, default="X001"), retention=retention(f),
        archive_class=f.text("archive_class", required=False, default=""), calendar=calendar(f),
        **print_options(b, f))


def calendar(f: Fields) -> m.Calendar:
    """calendar: {holidays: [放假的日子…], workdays: [调休上班的周末…]}, from the State Council's notice each year."""
    if not f.has("calendar"):
        return m.Calendar()
    cf = f.mapping("calendar", ("holidays", "workdays"))
    holidays, workdays = cf.dates("holidays"), cf.dates("workdays")
    for day, where in sorted(workdays.items()):
        if day in holidays:
            f.problems.error(where, f"{day} 既在 holidays（放假，第 {holidays[day][1]} 行）中又在 workdays（调休上班）中：一天只能是其中一种")
        elif day.weekday() < 5:
            f.problems.error(where, f"{day} 是{weekday_name(day)}：workdays 只写调休上班的星期六、星期日")
    return m.Calendar(frozenset(holidays), frozenset(workdays))


def retention(f: Fields) -> dict[str, str]:
    """保管期限 by document kind: {函: 永久}."""
    written = f.raw("retention")
    if written is None:
        return {}
    rf = f.mapping("retention", tuple(written) if isinstance(written, Map) else ())     # any kind; terms checked
    terms = {}
    for kind in rf.data:
        term = rf.choice(kind, m.RETENTION_TERMS)
        if term:
            terms[kind] = term
    return terms


def _checked_name(f: Fields, key, required=True) -> str | None:
    """A name that is printed and may become part of a file name."""
    name = f.text(key, required=required)
    problem = name_problem(name) if name else None
    if problem:
        f.error(key, f"“{key}”{problem}")
        return None
    return name


PAPERS = {"plain": "plain", "普通纸": "plain", "preprinted": "preprinted", "套红纸": "preprinted"}
PAGE_NUMBERS = {"outside": "outside", "外侧": "outside", "center": "center", "居中": "center"}


def print_options(b: Builder, f: Fields) -> dict:
    """paper, fonts and page_numbers of organization.yaml: how this office prints."""
    paper = f.choice("paper", tuple(PAPERS), required=False, default="plain")
    numbers = f.choice("page_numbers", tuple(PAGE_NUMBERS), required=False, default="outside")
    return {"paper": PAPERS[paper], "page_numbers": PAGE_NUMBERS[numbers], "fonts": font_mapping(b, f),
            "double_sided": f.flag("double_sided", default=True)}


def font_mapping(b: Builder, f: Fields) -> tuple[tuple[str, str], ...]:
    """fonts: {仿宋_GB2312: 仿宋} — the face a document names → the face this office's computers have."""
    data = f.raw("fonts")
    if data is None:
        return ()
    if not isinstance(data, Map):
        b.problems.error(f.where("fonts"), "fonts 应为键值表，每行写“公文字体: 本单位的字体”，如 仿宋_GB2312: 仿宋")
        return ()
    if len(data) > len(OFFICIAL_FACES):
        b.problems.error(f.where("fonts"), f"fonts 有 {len(data)} 行，公文只用到 {len(OFFICIAL_FACES)} 种字体："
                                           f"{'、'.join(OFFICIAL_FACES)}，每种至多写一行")
        return ()
    pairs = []
    for official, local in data.items():
        if not isinstance(official, str) or not isinstance(local, str) or not official.strip() or not local.strip() \
                or len(local) > FACE_NAME_LIMIT:
            b.problems.error(data.where(official), f"fonts 中的“{official}: {local}”应为两个字体名称，如 仿宋_GB2312: 仿宋")
            continue
        if official.strip() not in OFFICIAL_FACES:
            b.problems.warn(data.where(official), f"fonts 中的“{official}”不是公文用到的字体{nearest(official, OFFICIAL_FACES)}，"
                                                  f"这一行不起作用（公文字体：{'、'.join(OFFICIAL_FACES)}）")
        pairs.append((official.strip(), local.strip()))
    return tuple(pairs)


def read_units(b: Builder, data) -> list[m.Unit]:
    if not isinstance(data, Seq):
        b.problems.error((getattr(data, "path", "content/units.yaml"), 1),
                         f"units.yaml 应为单位列表（每个单位以“- name: ”开头），现在是{type_name(data)}")
        return []
    units = []
    for i, entry in enumerate(data):
        f = Fields(entry, b.problems, data.where(i), ("name", "short", "aliases", "member"))
        name = _checked_name(f, "name")
        aliases = [a for a in f.texts("aliases") if not _alias_problem(f, a)]
        unit = m.Unit(name or "", _checked_name(f, "short", required=False), tuple(aliases), f.flag("member", default=True))
        if name:
            _register_unit(b, f, unit)
            units.append(unit)
    return units


def _alias_problem(f: Fields, alias: str) -> bool:
    problem = name_problem(alias)
    if problem:
        f.error("aliases", f"别名“{alias}”{problem}")
    return bool(problem)


def _register_unit(b: Builder, f: Fields, unit: m.Unit) -> None:
    for name in dict.fromkeys(unit.names):
        other = b.units_by_name.get(name)
        if other is not None:
            f.error("name", f"单位名称“{name}”重复：已用于“{other.name}”，一个名称只能指一个单位")
        else:
            b.units_by_name[name] = unit


def read_people(b: Builder, data) -> dict[str, m.Person]:
    people: dict[str, m.Person] = {}
    if not isinstance(data, Seq):
        b.problems.error((getattr(data, "path", "content/people.yaml"), 1),
                         f"people.yaml 应为人员列表（每人以“- name: ”开头），现在是{type_name(data)}")
        return people
    for i, entry in enumerate(data):
        f = Fields(entry, b.problems, data.where(i), ("name", "unit", "title"))
        name = _checked_name(f, "name")
        unit, title = b.unit(f.text("unit"), f.where("unit")), f.text("title")
        if name in people:
            f.error("name", f"人员“{name}”重复登记：同名的人请在姓名后加区分，如“王军（区法院）”")
        elif name:
            people[name] = m.Person(name, unit or m.Unit("?"), title or "")
            b.person_lines[name] = f.where("name")
    return people


def read_bodies(b: Builder, data, people) -> dict[str, m.Body]:
    where = (getattr(data, "path", "content/bodies.yaml"), 1)
    if not isinstance(data, Map):
        b.problems.error(where, f"bodies.yaml 应为机构的映射（joint_meeting: 和 protection_mechanism: 各一段），现在是{type_name(data)}")
        return {}
    bodies, written, unknown = {}, set(), []
    for body_id in data:
        if body_id not in BODY_IDS:
            b.problems.error(data.where(body_id), f"机构的键“{body_id}”无效{nearest(body_id, BODY_IDS)}（可选：{'、'.join(BODY_IDS)}）：键在会议文件中使用，不能改名")
        elif body := read_body(b, body_id, data[body_id], data.where(body_id), people, (written, unknown)):
            bodies[body_id] = body
    if LEAD_BODY not in data:
        b.problems.error(where, f"缺少机构“{LEAD_BODY}”（联席会议）：它的键不能改名")
    _report_unknown_people(b, people, written, unknown)
    return bodies


def read_body(b: Builder, body_id, data, where, people, names: tuple[set, list]) -> m.Body | None:
    """One body; every name written is added to names[0], the unknown ones with their place to names[1]."""
    written, unknown = names
    f = Fields(data, b.problems, where, BODY_FIELDS)
    seats: list[m.Seat] = []
    name = _checked_name(f, "name")

    def seat(role, entry, where):
        person, title = _seat_entry(b, entry, where)
        if person is None:
            return
        written.add(person)
        if person not in people:
            unknown.append((person, where))
        elif any(s.person == person for s in seats):
            b.problems.error(where, f"“{person}”在“{name or body_id}”中出现了两次：每人在一个机构中只占一个位置")
        else:
            seats.append(m.Seat(role, person, title or people[person].title, people[person].unit))

    if f.raw("leader") is None:
        b.problems.error(f.where(), f"机构“{body_id}”缺少组长（leader）")
    else:
        seat("leader", f.raw("leader"), f.where("leader"))
    for role, key in (("deputy", "deputies"), ("member", "members")):
        entries = f.items(key, required=role == "member")
        for i, entry in enumerate(entries):
            seat(role, entry, entries.where(i))
    office = _office(b, f, people, names)
    evidence = tuple(_evidence_for(f))
    if not f.valid or name is None or office is None:
        return None
    return m.Body(body_id, name, _checked_name(f, "short", required=False) or name,
                  f.text("full_name", required=False, default=name), f.text("duties", required=False, default=""),
                  office, tuple(seats), evidence, f.text("letter_name", required=False, default=""))


def _seat_entry(b: Builder, entry, where) -> tuple[str | None, str | None]:
    """A seat written as a name, or as {name, title} when this list prints the title differently."""
    if isinstance(entry, Map):
        ef = Fields(entry, b.problems, where, ("name", "title"))
        return ef.text("name"), ef.text("title", required=False)
    if isinstance(entry, (str, int)) and not isinstance(entry, bool) and str(entry).strip():
        return str(entry).strip(), None
    b.problems.error(where, f"这里应写人员姓名，现在是{type_name(entry)}")
    return None, None


def _office(b: Builder, f: Fields, people, names: tuple[set, list]) -> m.Office | None:
    of = f.mapping("office", ("name", "host", "director"))
    name, host = of.text("name"), b.unit(of.text("host"), of.where("host"))
    director = of.text("director")
    if director:
        names[0].add(director)
    if director and director not in people:
        names[1].append((director, of.where("director")))
    if not (of.valid and name and host and director in people):
        return None
    return m.Office(name, host, director)


def _evidence_for(f: Fields):
    entries = f.items("evidence_for")
    for i, no in enumerate(entries):
        if isinstance(no, int) and not isinstance(no, bool) and 1 <= no <= 999:
            yield no
        else:
            f.problems.error(entries.where(i), f"evidence_for 的每一项应为考核指标序号（1–999 的整数），现在是{type_name(no)}“{no}”")


def _report_unknown_people(b: Builder, people, written: set[str], unknown: list) -> None:
    """Unknown names in bodies.yaml. When people.yaml has one near twin that sits nowhere, the slip may be
    on either side: say it once, at people.yaml, naming both places."""
    idle = [p for p in people if p not in written]
    places: dict[str, list] = {}
    for name, where in unknown:
        places.setdefault(name, []).append(where)
    twins = {name: difflib.get_close_matches(name, idle, n=2, cutoff=0.6) for name in places}
    claimed = [t[0] for t in twins.values() if len(t) == 1]
    for name, wheres in places.items():
        twin = twins[name][0] if len(twins[name]) == 1 and claimed.count(twins[name][0]) == 1 else None
        if twin:
            b.problems.error(b.person_lines[twin], f"人员“{twin}”不在任何机构中，而 {wheres[0][0]}:{wheres[0][1]} 写的是“{name}”：两处应是同一个人，请改正写错的一处")
            continue
        for where in wheres:
            b.person(name, where, people)


def read_assessments(b: Builder, raw) -> dict[int, m.Assessment]:
    assessments = {}
    for stem, data in raw:
        assessment = read_assessment(b, stem, data)
        if assessment is not None:
            assessments[assessment.year] = assessment
    check_rules(b, assessments)
    return assessments


def load_content(root: Path | str = "content") -> Content:
    """Read and validate the content folder; raise ContentError listing every problem."""
    b = Builder(Path(root))
    raw = {name: b.read(name) for name in ("organization", "units", "people", "bodies")}
    raw_assessments, raw_changes = b.read_folder("assessment"), b.read_folder("changes")
    raw_meetings, raw_progress = b.read_folder("meetings"), b.read_progress()
    b.stop_if_errors()
    content = _frame(b, raw, raw_assessments)
    content.changes = [c for stem, data in raw_changes if (c := read_change(b, stem, data, content))]
    check_notice_numbers(b, content)
    b.stop_if_errors()
    check_history(b, content)
    b.stop_if_errors()
    meetings = [mt for stem, data in raw_meetings if (mt := read_meeting(b, stem, data, content))]
    content.meetings = sorted(meetings, key=lambda mt: (mt.date, mt.stem))
    check_numbers(b, content.meetings, content.bodies)
    b.stop_if_errors()
    content.progress = check_progress(b, raw_progress, content)
    b.problems.raise_if_errors()
    content.warnings = sorted(b.problems.warnings)
    content.files = b.files
    return content


def _frame(b: Builder, raw: dict, raw_assessments) -> Content:
    """The organisation, units, people, bodies and assessments: what every other file refers to."""
    org = organization(b, raw["organization"])
    units = read_units(b, raw["units"])
    people = read_people(b, raw["people"])
    bodies = read_bodies(b, raw["bodies"], people)
    assessments = read_assessments(b, raw_assessments)
    if org is not None and org.founding.signed is not None:
        check_founding_year(b, raw["organization"], org.founding.signed, [stem for stem, _ in raw_assessments])
    b.stop_if_errors()
    if org is None:
        raise ContentError(b.problems.errors)
    return Content(b.root, org, units, people, bodies, assessments, [], [])
