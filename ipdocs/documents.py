"""Which documents the content makes, and how one is rendered: context → Markdown → HTML → .docx."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from . import context as ctx

OUTPUT = Path("output")


@dataclass(frozen=True)
class Document:
    group: str            # doit task basename: notice, minutes, notices, changes, roster
    name: str             # doit sub-task name: the source file's stem
    kind: str             # 通知, 纪要, 函 …
    template: str
    context: dict = field(hash=False, compare=False)
    path: str             # output path without suffix, relative to the output folder
    title: str
    author: str
    date: dt.date
    number: str = ""      # 文号, where it has one
    indicators: tuple[int, ...] = ()   # assessment indicators this record is evidence for
    year: int | None = None            # the year it is filed under, when not its date's (a late report)

    @property
    def filing_year(self) -> int:
        return self.year or self.date.year

    @cached_property
    def digest(self) -> str:
        data = json.dumps([self.template, self.path, self.title, self.author, str(self.date), self.context],
                          sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(data.encode("utf-8")).hexdigest()

    def targets(self, root: Path = OUTPUT) -> dict[str, Path]:
        return {suffix: root / f"{self.path}{suffix}" for suffix in (".docx", ".html")}


def render(doc: Document) -> dict[str, bytes]:
    from .render import docx
    from .render.env import md_to_html, render_markdown, render_page
    fragment = md_to_html(render_markdown(doc.template, doc.context))
    meta = docx.DocMeta(doc.title, doc.author, doc.date.isoformat())
    return {".docx": docx.html_to_docx(fragment, meta), ".html": render_page(doc.title, fragment).encode("utf-8")}


def founding_notice(content) -> Document:
    org, f = content.organization, content.organization.founding
    number = org.doc_number(f.signed.year, f.number)
    return Document("notice", "founding", "通知", "founding_notice.md.j2", ctx.founding_notice(content),
                    f"{f.signed.year}/{number}_{f.title}", f.title, org.issuer, f.signed, number)


def all_documents(content) -> list[Document]:
    docs = [founding_notice(content)]
    from . import change_docs, meeting_docs, progress_docs
    docs += meeting_docs.documents(content)
    docs += change_docs.documents(content)
    docs += progress_docs.documents(content)
    return docs
