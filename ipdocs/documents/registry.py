"""The registry of document families, the Document record, and how one document is rendered.

A family is one kind of document the content makes (会议纪要, 会议通知 …). Each family
module registers itself here; the build, the preview, the archive and the site read
the registry, so a new family is a template and one module, nothing else.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import unicodedata
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from ..errors import ContentError, Problem
from ..render.house import PrintOptions, TemplateError, load
from ..settings import HOUSE_STYLE, OUTPUT

if TYPE_CHECKING:
    from ..model.content import Content
    from ..model.records import Organization


@dataclass(frozen=True)
class Document:
    group: str            # the family's doit task basename: notice, minutes, notices, changes, roster …
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
    source: str = ""                   # the content file it is made from, as shown in messages ("" when many)
    options: PrintOptions = PrintOptions()    # paper, fonts, page numbers: set for all by all_documents

    @property
    def filing_year(self) -> int:
        return self.year or self.date.year

    @cached_property
    def digest(self) -> str:
        data = json.dumps([self.template, self.path, self.title, self.author, str(self.date), self.context, self.options],
                          sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(data.encode("utf-8")).hexdigest()

    def targets(self, root: Path = OUTPUT) -> dict[str, Path]:
        return {suffix: root / f"{self.path}{suffix}" for suffix in (".docx", ".html")}


@dataclass(frozen=True)
class Family:
    """One kind of document: its doit task, its name, what it is made from, how long the archive keeps it."""
    group: str                                   # doit task basename: `doit minutes`
    name: str                                    # what a clerk calls it: 会议纪要 (previews, listings)
    help: str                                    # the line `doit list` shows
    documents: Callable[["Content"], list[Document]]
    order: int                                   # place among the families (build order, listings, site)
    retention: dict[str, str] = field(default_factory=dict)   # document kind → 保管期限
    archived: bool = True                        # filed in the year's archive
    default: bool = True                         # made by a plain `doit`
    part_of: str = ""                            # another family's doit task that makes these too (`doit progress`)


_FAMILIES: dict[str, Family] = {}


def register(family: Family) -> Family:
    """Called once by each family module when the documents package is imported."""
    if family.group in _FAMILIES and _FAMILIES[family.group] != family:
        raise ValueError(f"two document families use the doit task name {family.group!r}")
    _FAMILIES[family.group] = family
    return family


def families() -> list[Family]:
    return sorted(_FAMILIES.values(), key=lambda f: (f.order, f.group))


def family(group: str) -> Family:
    return _FAMILIES[group]


def print_options(organization: "Organization") -> PrintOptions:
    return PrintOptions(organization.paper, organization.fonts, organization.page_numbers, organization.double_sided)


def all_documents(content: "Content") -> list[Document]:
    """Every document the content makes, family by family, printed as organization.yaml says;
    ContentError when two would share an output file."""
    options = print_options(content.organization)
    docs = [replace(doc, options=options) for fam in families() for doc in fam.documents(content)]
    check_unique_targets(docs)
    return docs


def house_problems(content: "Content") -> list[Problem]:
    """What stops the house-style file from being used, as problems naming it (no lines in a .docx)."""
    try:
        house = load(HOUSE_STYLE, print_options(content.organization))
    except TemplateError as exc:
        return [Problem(str(exc.path), 0, message) for message in exc.messages]
    except OSError as exc:
        return [Problem(str(HOUSE_STYLE), 0, f"无法读取样式文件（{exc.strerror}）：运行 ipdocs style-template 重新生成")]
    return [Problem(str(HOUSE_STYLE), 0, message, "warning") for message in house.warnings]


def check_house_style(content: "Content") -> "Content":
    """The content, once the house-style file is known to be usable; its warnings join the content's."""
    problems = house_problems(content)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ContentError(errors)
    content.warnings = sorted([*content.warnings, *problems])
    return content


def check_unique_targets(docs: list[Document]) -> None:
    """Two documents, one output file: the later would silently replace the earlier. Name both sources.

    Paths are compared as a case-insensitive file system (Windows, macOS) would see them."""
    seen: dict[str, Document] = {}
    problems = []
    for doc in docs:
        key = unicodedata.normalize("NFC", doc.path).casefold()
        other = seen.setdefault(key, doc)
        if other is not doc:
            problems.append(Problem(doc.source or "content", 1, f"与 {other.source or '其他内容'} 生成同一个输出文件 "
                                    f"output/{doc.path}.docx：请改动其中一个（会议的日期、种类或期号，成员调整的批准日期或文号）"))
    if problems:
        raise ContentError(problems)


def render(doc: Document) -> dict[str, bytes]:
    """A document's files by suffix: the .docx and the .html page, from one Markdown rendering.

    The rendering modules are imported here, not at the top: `doit` lists its tasks without them.
    """
    from ..render.env import md_to_html, render_markdown, render_page
    from ..render.package import DocMeta, html_to_docx
    fragment = md_to_html(render_markdown(doc.template, doc.context))
    meta = DocMeta(doc.title, doc.author, doc.date.isoformat())
    house = load(HOUSE_STYLE, doc.options)
    return {".docx": html_to_docx(fragment, meta, house), ".html": render_page(doc.title, fragment).encode("utf-8")}
