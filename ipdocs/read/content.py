"""content/ → Content: read every content file, resolve names, cross-check, report all problems at once."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..errors import ContentError
from ..model import records as m
from ..model.content import Content
from .assessment import read_assessment
from .builder import Builder
from .changes import check_history, read_change
from .fields import Fields
from .loader import Map, Seq
from .meetings import check_numbers, read_meeting
from .progress import check_progress, read_progress_files


def organization(b: Builder, data) -> m.Organization | None:
    if data is None:
        return None
    f = Fields(data, b.problems, ("content/organization.yaml", 1),
               ("issuer", "issuer_mark", "doc_number_prefix", "city", "province", "printer", "founding",
                "fonds", "retention", "paper", "fonts", "page_numbers", "archive_class"))
    fd = Fields(f.raw("founding"), b.problems, f.where("founding"),
                ("number", "signed", "published", "public", "title", "addressee", "preamble", "work_rules", "office_text"))
    founding = m.Founding(
        number=fd.number("number", integer=True, default=0), signed=fd.date("signed") or dt.date(2022, 1, 1),
        published=fd.date("published", required=False), public=fd.flag("public"),
        title=fd.text("title", default=""), addressee=fd.text("addressee", default=""),
        preamble=fd.text("preamble", default=""),
        work_rules=tuple(str(x).strip() for x in fd.items("work_rules")),
        office_text=fd.text("office_text", default=""))
    retention = f.raw("retention") or {}
    return m.Organization(
        issuer=f.text("issuer", default=""), issuer_mark=f.text("issuer_mark", default=""),
        doc_number_prefix=f.text("doc_number_prefix", default=""), city=f.text("city", default=""),
        province=f.text("province", default=""), printer=f.text("printer", required=False, default=f.text("issuer", default="")),
        founding=founding, fonds=f.text("fonds", required=False, default="X001"), retention=dict(retention),
        archive_class=f.text("archive_class", required=False, default=""), **print_options(b, f))


PAPERS = {"plain": "plain", "普通纸": "plain", "preprinted": "preprinted", "套红纸": "preprinted"}
PAGE_NUMBERS = {"outside": "outside", "外侧": "outside", "center": "center", "居中": "center"}


def print_options(b: Builder, f: Fields) -> dict:
    """paper, fonts and page_numbers of organization.yaml: how this office prints."""
    paper = f.choice("paper", tuple(PAPERS), required=False, default="plain")
    numbers = f.choice("page_numbers", tuple(PAGE_NUMBERS), required=False, default="outside")
    return {"paper": PAPERS[paper], "page_numbers": PAGE_NUMBERS[numbers], "fonts": font_mapping(b, f)}


def font_mapping(b: Builder, f: Fields) -> tuple[tuple[str, str], ...]:
    """fonts: {仿宋_GB2312: 仿宋} — the face a document names → the face this office's computers have."""
    data = f.raw("fonts")
    if data is None:
        return ()
    if not isinstance(data, Map):
        b.problems.error(f.where("fonts"), "fonts 应为键值表，每行写“公文字体: 本单位的字体”，如 仿宋_GB2312: 仿宋")
        return ()
    pairs = []
    for official, local in data.items():
        if not isinstance(official, str) or not isinstance(local, str) or not official.strip() or not local.strip():
            b.problems.error(data.where(official), f"fonts 中的“{official}: {local}”应为两个字体名称，如 仿宋_GB2312: 仿宋")
        else:
            pairs.append((official.strip(), local.strip()))
    return tuple(pairs)


def read_units(b: Builder, data) -> list[m.Unit]:
    if not isinstance(data, Seq):
        if data is not None:
            b.problems.error(("content/units.yaml", 1), "units.yaml 应为单位列表（每个单位以“- name: ”开头）")
        return []
    units = []
    for i, entry in enumerate(data):
        f = Fields(entry, b.problems, data.where(i), ("name", "short", "aliases", "member"))
        unit = m.Unit(f.text("name", default=""), f.text("short", required=False),
                      tuple(str(a) for a in f.items("aliases")), f.flag("member", default=True))
        for name in unit.names:
            other = b.units_by_name.get(name)
            if other and other is not unit:
                b.problems.error(f.where(), f"单位名称“{name}”重复：已用于“{other.name}”，一个名称只能指一个单位")
            b.units_by_name[name] = unit
        units.append(unit)
    return units

def read_people(b: Builder, data) -> dict[str, m.Person]:
    people: dict[str, m.Person] = {}
    if not isinstance(data, Seq):
        if data is not None:
            b.problems.error(("content/people.yaml", 1), "people.yaml 应为人员列表（每人以“- name: ”开头）")
        return people
    for i, entry in enumerate(data):
        f = Fields(entry, b.problems, data.where(i), ("name", "unit", "title"))
        name = f.text("name", default="")
        if name in people:
            b.problems.error(f.where("name"), f"人员“{name}”重复登记：同名的人请在姓名后加区分，如“王军（区法院）”")
        unit = b.unit(f.text("unit"), f.where("unit"))
        people[name] = m.Person(name, unit or m.Unit("?"), f.text("title", default=""))
    return people

def read_bodies(b: Builder, data, people) -> dict[str, m.Body]:
    bodies = {}
    if not isinstance(data, Map):
        return bodies
    for body_id in data:
        body = read_body(b, body_id, data[body_id], data.where(body_id), people)
        if body:
            bodies[body_id] = body
    return bodies


def read_body(b: Builder, body_id, data, where, people) -> m.Body | None:
    f = Fields(data, b.problems, where, ("name", "short", "full_name", "leader", "deputies", "members", "office", "duties",
                                           "evidence_for", "letter_name"))
    seats: list[m.Seat] = []

    def seat(role, entry, where):
        name, title = entry, None
        if isinstance(entry, Map):
            ef = Fields(entry, b.problems, where, ("name", "title"))
            name, title = ef.text("name"), ef.text("title", required=False)
        name = b.person(name, where, people)
        if name is None:
            return
        if any(s.person == name for s in seats):
            b.problems.error(where, f"“{name}”在“{f.text('name', default=body_id)}”中出现了两次：每人在一个机构中只占一个位置")
            return
        person = people[name]
        seats.append(m.Seat(role, name, title or person.title, person.unit))

    if not f.has("leader"):
        b.problems.error(f.where(), f"机构“{body_id}”缺少组长（leader）")
    else:
        seat("leader", f.raw("leader"), f.where("leader"))
    deputies = f.items("deputies")
    for i, entry in enumerate(deputies):
        seat("deputy", entry, deputies.where(i))
    members = f.items("members", required=True)
    for i, entry in enumerate(members):
        seat("member", entry, members.where(i))
    of = Fields(f.raw("office"), b.problems, f.where("office"), ("name", "host", "director"))
    director = b.person(of.text("director"), of.where("director"), people)
    office = m.Office(of.text("name", default=""), b.unit(of.text("host"), of.where("host")) or m.Unit("?"), director or "")
    name = f.text("name", default="")
    return m.Body(body_id, name, f.text("short", required=False, default=name), f.text("full_name", required=False, default=name),
                  f.text("duties", required=False, default=""), office, tuple(seats),
                  tuple(n for n in f.items("evidence_for") if isinstance(n, int)),
                  f.text("letter_name", required=False, default=""))


def load_content(root: Path | str = "content") -> Content:
    """Read and validate the content folder; raise ContentError listing every problem."""
    root = Path(root)
    b = Builder(root)
    raw = {name: b.read(f"{name}.yaml") for name in ("organization", "units", "people", "bodies")}
    raw_assessments = b.read_folder("assessment")
    raw_changes, raw_meetings = b.read_folder("changes"), b.read_folder("meetings")
    raw_progress = read_progress_files(b)
    b.stop_if_unreadable()
    org = organization(b, raw["organization"])
    units = read_units(b, raw["units"])
    people = read_people(b, raw["people"])
    bodies = read_bodies(b, raw["bodies"], people)
    assessments = {}
    for stem, data in raw_assessments:
        if data is not None and (a := read_assessment(b, stem, data)) is not None:
            assessments[a.year] = a
    if org is None or b.problems.errors:
        raise ContentError(b.problems.errors)
    content = Content(root, org, units, people, bodies, assessments, [], [])
    changes = [read_change(b, stem, data, (getattr(data, "path", stem), 1), people) for stem, data in raw_changes if data is not None]
    content.changes = [c for c in changes if c]
    check_history(b, content)
    meetings = [read_meeting(b, stem, data, (getattr(data, "path", stem), 1), content) for stem, data in raw_meetings if data is not None]
    content.meetings = sorted((mt for mt in meetings if mt), key=lambda mt: (mt.date, mt.stem))
    check_numbers(b, content.meetings, content.bodies)
    check_bodies(b, content)
    content.progress = check_progress(b, raw_progress, content)
    b.problems.raise_if_errors()
    content.warnings = sorted(b.problems.warnings)
    content.files = b.files
    return content


def check_bodies(b: Builder, content: Content) -> None:
    for body in content.bodies.values():
        roles = [s.role for s in body.founding_seats]
        if roles.count("leader") != 1:
            b.problems.error(("content/bodies.yaml", 1), f"“{body.name}”应有且只有一名组长")
        if body.office.director and body.office.director not in content.people:
            b.problems.error(("content/bodies.yaml", 1), f"“{body.office.name}”主任“{body.office.director}”未登记")
