"""The roster on any date: the founding seats with the approved changes replayed in order."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from .records import Body, Change, Seat, Unit


@dataclass(frozen=True)
class Roster:
    """A body as it stood on one date."""
    body: Body
    date: dt.date
    seats: tuple[Seat, ...]

    def by_role(self, role: str) -> list[Seat]:
        return [s for s in self.seats if s.role == role]

    @property
    def leader(self) -> Seat:
        return self.by_role("leader")[0]

    def names(self) -> list[str]:
        return [s.person for s in self.seats]

    def seat_of(self, name: str) -> Seat | None:
        return next((s for s in self.seats if s.person == name), None)


def apply_change(seats: list[Seat], change: Change, body_id: str, units_of: dict[str, Unit]) -> list[Seat]:
    """The seats of one body after one approved change."""
    for rep in change.replace:
        seats = [replace(s, person=rep.new, title=rep.title, unit=units_of.get(rep.new, s.unit))
                 if s.person == rep.out else s for s in seats]
    for ret in change.retitle:
        seats = [replace(s, title=ret.title) if s.person == ret.name else s for s in seats]
    removed = set(change.remove)
    seats = [s for s in seats if s.person not in removed]
    for add in change.add:
        if body_id in add.bodies and all(s.person != add.name for s in seats):
            seats.append(Seat("member", add.name, add.title, units_of.get(add.name, change.unit)))
    return seats


def replay(body: Body, changes: list[Change], units_of: dict[str, Unit], day: dt.date) -> Roster:
    """The body on a day, after the given approved changes (in the order given)."""
    seats = list(body.founding_seats)
    for change in changes:
        seats = apply_change(seats, change, body.id, units_of)
    return Roster(body, day, tuple(seats))
