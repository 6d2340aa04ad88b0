"""The record site: plain HTML pages in output/site/ that work from file:// and on a phone."""
from __future__ import annotations

import datetime as dt
import os
import urllib.parse
from pathlib import Path

from ..documents import Document
from ..documents.changes import bodies_touched, change_lines
from ..documents.common import item_reference, plain_summary
from ..files import write_atomic
from ..model import records as m
from ..model.content import LEAD_BODY
from ..model.ledger import ORDER, ledger, work_reports
from ..model.progress import OVERDUE
from ..model.standing import SECTION_KINDS, standing
from ..render.env import environment, md_to_html, page_fragment, render_markdown
from ..text import cn_date, without_name_marks
from .archive import INDEX_COLUMNS, plan, versions
from .site_map import NAV

STATUSES = [*zip(("done", "doing", "todo", "none"), ORDER), ("overdue", OVERDUE)]    # CSS class key, label


class Site:
    """Builds every page; links are relative, so the folder can be copied or opened from disk."""

    def __init__(self, content, documents: list[Document], output: Path):
        self.content, self.documents, self.output = content, documents, output
        self.folder = output / "site"
        self.by_source: dict[str, list[Document]] = {}
        for doc in documents:
            self.by_source.setdefault(doc.source, []).append(doc)

    # -- links ----------------------------------------------------------------
    def href(self, target: Path, page: str) -> str:
        start = (self.folder / page).parent
        return urllib.parse.quote(os.path.relpath(target, start).replace(os.sep, "/"))

    def made_from(self, source: str) -> list[Document]:
        """The documents made from one content file, in family order (a notice before its minutes)."""
        return self.by_source.get(source, [])

    def files(self, doc: Document, page: str) -> list[dict]:
        docx = doc.targets(self.output)[".docx"]
        found = [(docx.with_suffix(".html"), f"{doc.kind}（网页）"), (docx, f"{doc.kind}（Word）"),
                 (docx.with_suffix(".pdf"), f"{doc.kind}（PDF）")]
        return [{"href": self.href(p, page), "label": label} for p, label in found if p.exists()]

    # -- pages ------------------------------------------------------------------
    def render(self, page: str, template: str, title: str, **context) -> tuple[str, str]:
        root = "../" * page.count("/")
        html = environment().get_template(f"site/{template}").render(
            title=title, root=root, nav=NAV, current=page, as_of=cn_date(self.as_of), **context)
        return page, html

    @property
    def as_of(self) -> dt.date:
        ends = [r.period.end for r in self.content.progress]
        dates = [mt.date for mt in self.content.meetings] + [self.content.founding_date]
        return max(ends) if ends else max(dates)

    def meeting_label(self, meeting: m.Meeting) -> str:
        body = self.content.bodies[meeting.body]
        return f"{body.short}{meeting.kind}（〔{meeting.date.year}〕{meeting.number}号）"

    def meeting_row(self, meeting: m.Meeting, page: str) -> dict:
        docs = self.made_from(meeting.source)
        return {"date": str(meeting.date), "label": self.meeting_label(meeting), "topic": meeting.topic,
                "chair": meeting.chair, "href": self.href(self.folder / "meetings" / f"{meeting.stem}.html", page),
                "files": [f for d in docs for f in self.files(d, page)]}

    def document_body(self, doc: Document) -> str:
        """The document as its own .html shows it (made by its task), or rendered here when missing."""
        page = doc.targets(self.output)[".html"]
        if page.exists():
            return page_fragment(page.read_text(encoding="utf-8"))
        return without_name_marks(md_to_html(render_markdown(doc.template, doc.context)))

    def meeting_pages(self) -> list[tuple[str, str]]:
        pages = []
        for meeting in self.content.meetings:
            page = f"meetings/{meeting.stem}.html"
            docs = self.made_from(meeting.source)
            row = self.meeting_row(meeting, page)
            row["documents"] = [{"kind": d.kind, "html": self.document_body(d)} for d in docs]
            pages.append(self.render(page, "meeting.html.j2", f"{cn_date(meeting.date)} {row['label']}", meeting=row))
        return pages

    def ledger_rows(self) -> list[dict]:
        keys = {label: key for key, label in STATUSES}
        rows = []
        for entry in ledger(self.content, self.as_of):
            classes = f"s-{keys.get(entry.status, 'none')}" + (" s-overdue" if entry.overdue else "")
            rows.append({"ref": entry.decision.ref, "label": item_reference(self.content, entry.meeting, entry.decision),
                         "meeting": self.meeting_label(entry.meeting),
                         "href": self.href(self.folder / "meetings" / f"{entry.meeting.stem}.html", "ledger.html"),
                         "summary": plain_summary(entry.decision.text), "lead": entry.decision.lead.label,
                         "due": cn_date(entry.decision.due), "status": entry.status, "overdue": entry.overdue,
                         "classes": classes})
        return rows

    def roster_states(self) -> list[dict]:
        days = [self.content.founding_date] + sorted({c.approved for c in self.content.approved_changes()})
        states = []
        for i, day in enumerate(days):
            heading = f"{cn_date(day)}起" + ("（组建时）" if i == 0 else "")
            bodies = [{"name": r.body.name, "seats": [{"role": m.ROLE_LABELS[s.role], "name": s.person, "title": s.title}
                                                       for s in r.seats]}
                      for r in (self.content.roster(b, day) for b in self.content.bodies)]
            states.append({"from_iso": day.isoformat(), "heading": heading, "bodies": bodies})
        return states

    def change_rows(self) -> list[dict]:
        rows = []
        for change in sorted(self.content.changes, key=lambda c: (c.requested, c.stem)):
            docs = self.made_from(change.source)
            rows.append({"requested": str(change.requested), "unit": change.unit.label,
                         "what": without_name_marks("".join(change_lines(self.content, change, bodies_touched(self.content, change)))),
                         "approved": str(change.approved) if change.approved else "",
                         "files": [f for d in docs for f in self.files(d, "roster.html")]})
        return rows

    def standing(self):
        latest = max((r.period for r in self.content.progress), default=None)
        assessment = self.content.assessments.get(latest.year) if latest else None
        if assessment is None:
            return None
        result = standing(assessment, work_reports(self.content.progress, latest))
        return {"total": result.total, "pending": result.pending, "base_maximum": result.base_maximum,
                "sections": [self.section_bar(s, SECTION_KINDS) for s in result.sections],
                "rows": [self.standing_row(r) for r in result.rows], "gaps": len(result.gaps())}

    @staticmethod
    def section_bar(s, kinds) -> dict:
        share = (s.score / s.maximum) if s.maximum else (1.0 if s.score else 0.0)
        name = s.section.title if s.section.kind == "base" else kinds[s.section.kind]
        return {"name": name, "score": s.score, "maximum": s.maximum, "bar": round(360 * min(abs(share), 1)),
                "color": "#b22" if s.score < 0 else "#2a7"}

    @staticmethod
    def standing_row(r) -> dict:
        ind = r.indicator
        score = f"{r.score:g}" + (f"＋待定（≤{r.pending:g}）" if r.is_pending else "")
        return {"no": ind.no, "name": ind.item or ind.group, "points": f"{ind.points:g}" if ind.points is not None else "—",
                "score": score, "work": len(r.work), "evidence": len(r.evidence), "gap": r.gap,
                "units": "、".join(u.label for u in ind.units)}

    def archive_years(self) -> list[dict]:
        years = sorted({d.filing_year for d in self.documents} | {r.period.year for r in self.content.progress})
        result = []
        for year in years:
            sealed = versions(self.output / "档案", year)
            planned = plan(self.content, self.documents, year, self.output)
            rows = [[row[c] for c in INDEX_COLUMNS] for row in planned.index]
            result.append({"year": year, "sealed": sealed[-1].name if sealed else "", "columns": INDEX_COLUMNS, "rows": rows})
        return result

    def pages(self) -> dict[str, str]:
        ledger_rows = self.ledger_rows()
        standing = self.standing()
        years = self.archive_years()
        counts = {"meetings": len(self.content.meetings), "decisions": len(ledger_rows),
                  "overdue": sum(r["overdue"] for r in ledger_rows),
                  "members": len(self.content.roster(LEAD_BODY, self.as_of).seats),
                  "score": standing["total"] if standing else None, "gaps": standing["gaps"] if standing else 0,
                  "records": sum(len(y["rows"]) for y in years)}
        statuses = [(key, label, sum(f"s-{key}" in r["classes"].split() for r in ledger_rows)) for key, label in STATUSES]
        meetings = [self.meeting_row(mt, "meetings.html") for mt in reversed(self.content.meetings)]
        recent = [self.meeting_row(mt, "index.html") for mt in reversed(self.content.meetings)][:5]
        pages = [
            self.render("index.html", "index.html.j2", "工作概览", counts=counts, recent=recent),
            self.render("meetings.html", "meetings.html.j2", "会议", meetings=meetings),
            self.render("ledger.html", "ledger.html.j2", "议定事项", rows=ledger_rows, statuses=statuses),
            self.render("roster.html", "roster.html.j2", "成员名单与变更", states=self.roster_states(),
                        changes=self.change_rows()),
            self.render("assessment.html", "assessment.html.j2", "考核进展", standing=standing,
                        year=self.as_of.year),
            self.render("archive.html", "archive.html.j2", "归档文件目录", years=years),
            *self.meeting_pages(),
        ]
        css = environment().get_template("site/site.css.j2").render(statuses=STATUSES)
        return {**dict(pages), "site.css": css}


def build_site(content, documents: list[Document], output: Path) -> list[Path]:
    written = []
    for name, text in Site(content, documents, output).pages().items():
        path = output / "site" / name
        write_atomic(path, text.encode("utf-8"), root=output)
        written.append(path)
    return written
