"""How the year stands against the assessment: per indicator, per section, in total, and the gaps.

Work on the same part adds up across units (activities, cases); rates and
levels take the highest figure reported; a hand-entered score replaces 待定.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import records as m
from . import scoring
from .progress import Report, WorkEntry

NO_WORK, NO_EVIDENCE = "尚无工作", "缺支撑材料"
SECTION_KINDS = {"base": "基础指标", "bonus": "加分项", "penalty": "减分项"}


@dataclass(frozen=True)
class Row:
    indicator: m.Indicator
    work: tuple[tuple[m.Unit, WorkEntry], ...]
    scores: tuple[float | None, ...]          # per scoring part; None = 待定

    @property
    def score(self) -> float:
        """The mechanical part of the score (pending parts left out)."""
        return scoring.rounded(sum(s for s in self.scores if s is not None))

    @property
    def pending(self) -> float:
        """The most the pending parts could still add."""
        return scoring.rounded(sum(scoring.maximum(r) for r, s in zip(self.indicator.scoring, self.scores) if s is None))

    @property
    def is_pending(self) -> bool:
        return None in self.scores

    @property
    def evidence(self) -> list[str]:
        return list(dict.fromkeys(path for _, e in self.work for path in e.evidence))

    @property
    def gap(self) -> str | None:
        if not self.work:
            return NO_WORK
        return None if self.evidence else NO_EVIDENCE


@dataclass(frozen=True)
class Subtotal:
    section: m.Section
    score: float
    pending: float
    rows: tuple[Row, ...]

    @property
    def maximum(self) -> float | None:
        return self.section.points


@dataclass(frozen=True)
class Standing:
    assessment: m.Assessment
    rows: tuple[Row, ...]
    sections: tuple[Subtotal, ...]

    @property
    def total(self) -> float:
        return scoring.rounded(sum(s.score for s in self.sections))

    @property
    def pending(self) -> float:
        return scoring.rounded(sum(s.pending for s in self.sections))

    @property
    def base_maximum(self) -> float:
        return sum(s.maximum or 0 for s in self.sections if s.section.kind == "base")

    def gaps(self) -> list[Row]:
        """Indicators with no work or no evidence yet; penalties are not work to chase."""
        return [r for s in self.sections if s.section.kind != "penalty" for r in s.rows if r.gap]


def indicator_row(ind: m.Indicator, work: list[tuple[m.Unit, WorkEntry]]) -> Row:
    scores = []
    for rule in ind.scoring:
        part = scoring.Work()
        for _, entry in work:
            if entry.part == scoring.label(rule):
                part.add(entry)
        scores.append(scoring.score_part(rule, part))
    return Row(ind, tuple(work), tuple(scores))


def subtotal(section: m.Section, rows: list[Row]) -> Subtotal:
    """A section's score; bonus points count up to the bonus section's maximum."""
    score, pending = sum(r.score for r in rows), sum(r.pending for r in rows)
    if section.kind == "bonus" and section.points is not None:
        score = min(score, section.points)
        pending = min(pending, section.points - score)
    return Subtotal(section, scoring.rounded(score), scoring.rounded(pending), tuple(rows))


def standing(assessment: m.Assessment, reports: list[Report]) -> Standing:
    """The standing from these reports (already chosen for the period: see ledger.work_reports)."""
    work = [(r.unit, e) for r in reports for e in r.indicators]
    rows, sections = [], []
    for section in assessment.sections:
        mine = [indicator_row(ind, [(u, e) for u, e in work if e.no == ind.no])
                for g in section.groups for it in g.items for ind in it.indicators]
        rows += mine
        sections.append(subtotal(section, mine))
    return Standing(assessment, tuple(rows), tuple(sections))
