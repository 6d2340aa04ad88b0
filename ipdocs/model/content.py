"""The whole content as one validated record: the roster on any date is derived, never stored."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem
from ..text import compact
from . import records as m
from .progress import Report
from .roster import Roster, replay

LEAD_BODY = "joint_meeting"     # the body whose office collects progress reports and whose members are the units


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
    progress: list[Report] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    files: dict[str, Path] = field(default_factory=dict)

    @property
    def founding_date(self) -> dt.date:
        return self.organization.founding.signed

    def approved_changes(self, until: dt.date | None = None) -> list[m.Change]:
        done = [c for c in self.changes if c.approved and (until is None or c.approved <= until)]
        return sorted(done, key=lambda c: (c.approved, c.stem))

    def roster(self, body_id: str, day: dt.date) -> Roster:
        return replay(self.bodies[body_id], self.approved_changes(day), self.person_units, day)

    def roster_before(self, body_id: str, change: m.Change) -> Roster:
        """The roster on a change's date with only the changes ordered before it applied."""
        earlier = self.approved_changes(change.approved)
        return replay(self.bodies[body_id], earlier[:earlier.index(change)], self.person_units, change.approved)

    @property
    def person_units(self) -> dict[str, m.Unit]:
        units = {p.name: p.unit for p in self.people.values()}
        for change in self.changes:
            for rep in change.replace:
                units.setdefault(rep.new, change.unit)
            for add in change.add:
                units.setdefault(add.name, change.unit)
        return units

    def unit_named(self, text) -> m.Unit | None:
        """The unit a person means by a full name, short name or alias, however spaced or punctuated;
        the district's own name may stand before it (西市区人民法院 for 区人民法院)."""
        wanted = compact(text)
        district = compact(self.organization.issuer.removesuffix("人民政府"))
        tries = [wanted] + (["区" + wanted[len(district):]] if district.endswith("区") and wanted.startswith(district) else [])
        return next((u for key in tries for u in self.units for n in u.names if compact(n) == key), None)

    def unit_names(self) -> list[str]:
        return [n for u in self.units for n in u.names]

    def decision_index(self) -> dict[str, tuple[m.Meeting, m.Decision]]:
        """Every agreed item of every held meeting, by its reference (<meeting file stem>#<n>)."""
        return {d.ref: (mt, d) for mt in self.meetings if mt.held for d in mt.decisions}

    def summary(self) -> str:
        """What `check` says when everything is in order."""
        indicators = sum(len(a.indicators) for a in self.assessments.values())
        return (f"检查通过：{len(self.people)} 人、{len(self.units)} 个单位、{len(self.meetings)} 次会议、"
                f"{len(self.changes)} 个成员变更、{len(self.progress)} 份进展报告、{indicators} 项考核指标。")
