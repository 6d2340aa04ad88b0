"""load → model: read every content file, resolve names, cross-check, report all problems at once."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from . import model as m
from .errors import ContentError, Problem, Problems, nearest
from .fields import Fields
from .load import LoadError, Map, Seq, load_yaml

@dataclass
class Content:
    root: Path
    organization: m.Organization
    units: list[m.Unit]
    people: dict[str, m.Person]
    bodies: dict[str, m.Body]
    assessments: dict[int, m.Assessment]
    meetings: list[m.Meeting]
    changes: list[m.Change]
    progress: list = field(default_factory=list)       # progress.Report records, see ipdocs/progress.py
    warnings: list[Problem] = field(default_factory=list)
    files: dict[str, Path] = field(default_factory=dict)

    @property
    def founding_date(self) -> dt.date:
        return self.organization.founding.signed

    def approved_changes(self, until: dt.date | None = None) -> list[m.Change]:
        done = [c for c in self.changes if c.approved and (until is None or c.approved <= until)]
        return sorted(done, key=lambda c: (c.approved, c.stem))

    def roster(self, body_id: str, day: dt.date) -> m.Roster:
        body = self.bodies[body_id]
        seats = list(body.founding_seats)
        for change in self.approved_changes(day):
            seats = m.apply_change(seats, change, body_id, self.person_units)
        return m.Roster(body, day, tuple(seats))

    @property
    def person_units(self) -> dict[str, m.Unit]:
        units = {p.name: p.unit for p in self.people.values()}
        for change in self.changes:
            for rep in change.replace:
                units.setdefault(rep.new, change.unit)
            for add in change.add:
                units.setdefault(add.name, change.unit)
        return units

    def years(self) -> list[int]:
        years = {self.founding_date.year, *(mt.date.year for mt in self.meetings),
                 *(c.requested.year for c in self.changes)}
        return sorted(years)


def _shown(path: Path, root: Path) -> str:
    """The path as the clerk would type it: the content folder as given, then the file."""
    try:
        return str(root / path.relative_to(root))
    except ValueError:
        return str(path)


class _Builder:
    """Reads the content folder into a Content, collecting every problem."""

    def __init__(self, root: Path):
        self.root = root
        self.problems = Problems()
        self.files: dict[str, Path] = {}
        self.units_by_name: dict[str, m.Unit] = {}
        self.unreadable = False

    def stop_if_unreadable(self) -> None:
        """A file that does not load would make every name in it look unknown: report it alone."""
        if self.unreadable:
            raise ContentError(self.problems.errors)

    # -- files -------------------------------------------------------------
    def read(self, relative: str, required=True):
        path = self.root / relative
        shown = _shown(path, self.root)
        if not path.exists():
            if required:
                self.problems.error((shown, 1), "缺少这个文件：请按 README 的说明建立它")
            return None
        return self.read_path(path)

    def read_path(self, path: Path):
        shown = _shown(path, self.root)
        self.files[shown] = path
        try:
            return load_yaml(path, shown)
        except LoadError as exc:
            self.problems.items.extend(exc.problems)
            self.unreadable = True
            return None

    def read_folder(self, relative: str) -> list[tuple[str, object]]:
        folder = self.root / relative
        paths = sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml")) if folder.is_dir() else []
        return [(p.stem, self.read_path(p)) for p in paths]

    # -- names -------------------------------------------------------------
    def unit(self, name, where) -> m.Unit | None:
        if name is None:
            return None
        found = self.units_by_name.get(str(name).strip())
        if found is None:
            self.problems.error(where, f"未知单位“{name}”{nearest(str(name), self.units_by_name)}：单位须在 content/units.yaml 中登记（全称、简称或别名）")
        return found

    def person(self, name, where, known) -> str | None:
        if name is None:
            return None
        name = str(name).strip()
        if name not in known:
            self.problems.error(where, f"未知人员“{name}”{nearest(name, known)}：人员须在 content/people.yaml 中登记")
            return None
        return name

    # -- organization -------------------------------------------------------
    def organization(self, data) -> m.Organization | None:
        if data is None:
            return None
        f = Fields(data, self.problems, ("content/organization.yaml", 1),
                   ("issuer", "issuer_mark", "doc_number_prefix", "city", "province", "printer", "founding",
                    "fonds", "retention"))
        fd = Fields(f.raw("founding"), self.problems, f.where("founding"),
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
            founding=founding, fonds=f.text("fonds", required=False, default="X001"), retention=dict(retention))

    # -- units and people ---------------------------------------------------
    def units(self, data) -> list[m.Unit]:
        if not isinstance(data, Seq):
            if data is not None:
                self.problems.error(("content/units.yaml", 1), "units.yaml 应为单位列表（每个单位以“- name: ”开头）")
            return []
        units = []
        for i, entry in enumerate(data):
            f = Fields(entry, self.problems, data.where(i), ("name", "short", "aliases", "member"))
            unit = m.Unit(f.text("name", default=""), f.text("short", required=False),
                          tuple(str(a) for a in f.items("aliases")), f.flag("member", default=True))
            for name in unit.names:
                other = self.units_by_name.get(name)
                if other and other is not unit:
                    self.problems.error(f.where(), f"单位名称“{name}”重复：已用于“{other.name}”，一个名称只能指一个单位")
                self.units_by_name[name] = unit
            units.append(unit)
        return units

    def people(self, data) -> dict[str, m.Person]:
        people: dict[str, m.Person] = {}
        if not isinstance(data, Seq):
            if data is not None:
                self.problems.error(("content/people.yaml", 1), "people.yaml 应为人员列表（每人以“- name: ”开头）")
            return people
        for i, entry in enumerate(data):
            f = Fields(entry, self.problems, data.where(i), ("name", "unit", "title"))
            name = f.text("name", default="")
            if name in people:
                self.problems.error(f.where("name"), f"人员“{name}”重复登记：同名的人请在姓名后加区分，如“王军（区法院）”")
            unit = self.unit(f.text("unit"), f.where("unit"))
            people[name] = m.Person(name, unit or m.Unit("?"), f.text("title", default=""))
        return people

    # -- bodies -------------------------------------------------------------
    def bodies(self, data, people) -> dict[str, m.Body]:
        bodies = {}
        if not isinstance(data, Map):
            return bodies
        for body_id in data:
            body = self.body(body_id, data[body_id], data.where(body_id), people)
            if body:
                bodies[body_id] = body
        return bodies

    def body(self, body_id, data, where, people) -> m.Body | None:
        f = Fields(data, self.problems, where, ("name", "short", "full_name", "leader", "deputies", "members", "office", "duties",
                                               "evidence_for"))
        seats: list[m.Seat] = []

        def seat(role, entry, where):
            name, title = entry, None
            if isinstance(entry, Map):
                ef = Fields(entry, self.problems, where, ("name", "title"))
                name, title = ef.text("name"), ef.text("title", required=False)
            name = self.person(name, where, people)
            if name is None:
                return
            if any(s.person == name for s in seats):
                self.problems.error(where, f"“{name}”在“{f.text('name', default=body_id)}”中出现了两次：每人在一个机构中只占一个位置")
                return
            person = people[name]
            seats.append(m.Seat(role, name, title or person.title, person.unit))

        if not f.has("leader"):
            self.problems.error(f.where(), f"机构“{body_id}”缺少组长（leader）")
        else:
            seat("leader", f.raw("leader"), f.where("leader"))
        deputies = f.items("deputies")
        for i, entry in enumerate(deputies):
            seat("deputy", entry, deputies.where(i))
        members = f.items("members", required=True)
        for i, entry in enumerate(members):
            seat("member", entry, members.where(i))
        of = Fields(f.raw("office"), self.problems, f.where("office"), ("name", "host", "director"))
        director = self.person(of.text("director"), of.where("director"), people)
        office = m.Office(of.text("name", default=""), self.unit(of.text("host"), of.where("host")) or m.Unit("?"), director or "")
        name = f.text("name", default="")
        return m.Body(body_id, name, f.text("short", required=False, default=name), f.text("full_name", required=False, default=name),
                      f.text("duties", required=False, default=""), office, tuple(seats),
                      tuple(n for n in f.items("evidence_for") if isinstance(n, int)))

    # -- assessment ---------------------------------------------------------
    def assessment(self, stem: str, data) -> m.Assessment | None:
        if data is None:
            return None
        where = (getattr(data, "path", f"content/assessment/{stem}.yaml"), 1)
        f = Fields(data, self.problems, where, ("year", "title", "period_note", "sections"))
        year = f.number("year", integer=True, default=0)
        if str(year) != stem:
            self.problems.error(f.where("year"), f"year 为 {year}，但文件名是 {stem}.yaml：两者应一致")
        sections = f.items("sections", required=True)
        built = tuple(self.section(s, sections.where(i)) for i, s in enumerate(sections))
        assessment = m.Assessment(year, f.text("title", default=""), f.text("period_note", required=False, default=""), built, where[0])
        self.check_indicator_numbers(sections, built)
        return assessment

    def section(self, data, where) -> m.Section:
        f = Fields(data, self.problems, where, ("title", "numeral", "kind", "points", "note", "groups"))
        title = f.text("title", default="")
        groups = f.items("groups", required=True)
        built = tuple(self.group(g, groups.where(i), title) for i, g in enumerate(groups))
        section = m.Section(title, f.text("numeral", required=False), f.choice("kind", ("base", "bonus", "penalty"), default="base"),
                            f.number("points", required=False), f.text("note", required=False, default=""), built)
        self.check_sum(f, section.points, [g.points for g in built], f"“{title}”")
        return section

    def group(self, data, where, section) -> m.Group:
        f = Fields(data, self.problems, where, ("title", "numeral", "points", "items"))
        title = f.text("title", default="")
        items = f.items("items", required=True)
        built = tuple(self.item(x, items.where(i), section, title) for i, x in enumerate(items))
        group = m.Group(title, f.text("numeral", required=False), f.number("points", required=False), built)
        self.check_sum(f, group.points, [i.points for i in built], f"“{title}”")
        return group

    def item(self, data, where, section, group) -> m.Item:
        f = Fields(data, self.problems, where, ("title", "points", "points_note", "indicators"))
        title = f.text("title", required=False)
        indicators = f.items("indicators", required=True)
        built = tuple(self.indicator(x, indicators.where(i), section, group, title) for i, x in enumerate(indicators))
        item = m.Item(title, f.number("points", required=False), built)
        self.check_sum(f, item.points, [i.points for i in built], f"“{title or group}”", note=f.text("points_note", required=False))
        return item

    def check_sum(self, f: Fields, stated, parts, what, note=None):
        if stated is None or any(p is None for p in parts):
            return
        total = round(sum(parts), 2)
        if abs(total - stated) < 1e-9:
            return
        message = f"{what}标明{stated:g}分，下列各项合计{total:g}分"
        if note:
            self.problems.warn(f.where("points"), f"{message}（原文如此：{note}）")
        else:
            self.problems.error(f.where("points"), f"{message}：请核对；若原文如此，加一行 points_note 说明")

    def indicator(self, data, where, section, group, item) -> m.Indicator:
        f = Fields(data, self.problems, where, ("no", "points", "rule", "evidence", "responsible", "units", "lead",
                                                "remark", "scoring", "all_members"))
        units = f.items("units")
        scoring = f.items("scoring")
        return m.Indicator(
            no=f.number("no", integer=True, default=0), points=f.number("points", required=False),
            rule=tuple(str(x) for x in f.items("rule", required=True)),
            evidence=tuple(str(x) for x in f.items("evidence")),
            responsible=f.text("responsible", required=False, default=""),
            units=tuple(u for i, n in enumerate(units) if (u := self.unit(n, units.where(i)))),
            lead=self.unit(f.text("lead", required=False), f.where("lead")),
            remark=f.text("remark", required=False, default=""),
            scoring=tuple(s for s in scoring if isinstance(s, dict)),   # keep the Map: its lines
            section=section, group=group, item=item)

    def check_indicator_numbers(self, sections: Seq, built) -> None:
        numbers = [ind.no for s in built for g in s.groups for i in g.items for ind in i.indicators]
        seen = set()
        for no in numbers:
            if no in seen:
                self.problems.error((sections.path, sections.line), f"指标序号 {no} 重复：每个序号只能出现一次")
            seen.add(no)
        expected = set(range(1, max(numbers, default=0) + 1))
        for gap in sorted(expected - seen):
            self.problems.error((sections.path, sections.line), f"缺少指标序号 {gap}：序号应从 1 起连续编号")

    # -- meetings -----------------------------------------------------------
    def meeting(self, stem, data, content: Content) -> m.Meeting | None:
        if data is None:
            return None
        where = (getattr(data, "path", stem), 1)
        from .meetings import read_meeting
        return read_meeting(self, stem, data, where, content)

    def change(self, stem, data, people) -> m.Change | None:
        if data is None:
            return None
        from .changes import read_change
        return read_change(self, stem, data, (getattr(data, "path", stem), 1), people)


def load_content(root: Path | str = "content") -> Content:
    """Read and validate the content folder; raise ContentError listing every problem."""
    root = Path(root)
    b = _Builder(root)
    raw = {name: b.read(f"{name}.yaml") for name in ("organization", "units", "people", "bodies")}
    raw_assessments = b.read_folder("assessment")
    raw_changes, raw_meetings = b.read_folder("changes"), b.read_folder("meetings")
    from .progress import read_progress_files, check_progress
    raw_progress = read_progress_files(b)
    b.stop_if_unreadable()
    org = b.organization(raw["organization"])
    units = b.units(raw["units"])
    people = b.people(raw["people"])
    bodies = b.bodies(raw["bodies"], people)
    assessments = {}
    for stem, data in raw_assessments:
        if (a := b.assessment(stem, data)) is not None:
            assessments[a.year] = a
    if org is None or b.problems.errors:
        raise ContentError(b.problems.errors)
    content = Content(root, org, units, people, bodies, assessments, [], [])
    changes = [b.change(stem, data, people) for stem, data in raw_changes]
    content.changes = [c for c in changes if c]
    from .changes import check_history
    check_history(b, content)
    meetings = [b.meeting(stem, data, content) for stem, data in raw_meetings]
    content.meetings = sorted((mt for mt in meetings if mt), key=lambda mt: (mt.date, mt.stem))
    from .meetings import check_numbers
    check_numbers(b, content.meetings, content.bodies)
    check_bodies(b, content)
    content.progress = check_progress(b, raw_progress, content)
    b.problems.raise_if_errors()
    content.warnings = sorted(b.problems.warnings)
    content.files = b.files
    return content


def check_bodies(b: _Builder, content: Content) -> None:
    for body in content.bodies.values():
        roles = [s.role for s in body.founding_seats]
        if roles.count("leader") != 1:
            b.problems.error(("content/bodies.yaml", 1), f"“{body.name}”应有且只有一名组长")
        if body.office.director and body.office.director not in content.people:
            b.problems.error(("content/bodies.yaml", 1), f"“{body.office.name}”主任“{body.office.director}”未登记")
