"""The .docx package: the house style's shared parts, the document's own parts, zipped deterministically."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..files import Deflated, deflate, zip_bytes
from .blocks import BLANK_FOOTER, TURNED_EVEN, TURNED_ODD, Run, Sheet
from .docx import document_parts
from .env import environment
from .house import TURNED_FOOTERS, House

FOOTERS = {"word/footer1.xml": "rIdFooterOdd", "word/footer2.xml": "rIdFooterEven", "word/footer3.xml": "rIdFooterFirst",
           "word/footer4.xml": BLANK_FOOTER, "word/footer5.xml": TURNED_ODD, "word/footer6.xml": TURNED_EVEN}
TURNED = tuple(TURNED_FOOTERS.values())                     # the page numbers of landscape pages (turned.py)
OWN_PARTS_LEVEL = 3          # a document's own parts: a third of the default level's time, 7 % more bytes
EMPTY_FOOTER = deflate("word/footer4.xml", (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p/></w:ftr>').encode())


@dataclass(frozen=True)
class DocMeta:
    title: str
    author: str
    date: str          # ISO date: fixed core-property times keep the bytes stable


def sheet_of(house: House) -> Sheet:
    return Sheet(house.ids, {**house.page}, house.landscape(), house.grid, house.letter_header_distance,
                 "word/footer2.xml" in house.parts, house.options.paper == "preprinted", house.indents, house.metrics,
                 house.options.double_sided)


def _render(name: str, **context) -> bytes:
    return environment().get_template(f"docx/{name}").render(**context).encode("utf-8")


@lru_cache(maxsize=64)
def own_parts(shared: tuple[str, ...], letter: bool, blank: bool) -> tuple[Deflated, ...]:
    """The package's bookkeeping parts (content types, relationships, application properties), compressed once
    for each set of shared parts and kind of package."""
    present = {*shared, *(["word/footer4.xml"] if blank else [])}
    footers = [name for name in FOOTERS if name in present and (letter or name != "word/footer3.xml")]
    parts = {
        "[Content_Types].xml": _render("content_types.xml.j2", footers=footers, letter=letter),
        "_rels/.rels": _render("rels.xml.j2"),
        "docProps/app.xml": _render("app.xml.j2"),
        "word/_rels/document.xml.rels": _render("document.xml.rels.j2", footers={n: FOOTERS[n] for n in footers},
                                                letter=letter),
    }
    return tuple(deflate(name, data) for name, data in parts.items())


def letter_header(house: House, mark: Run) -> bytes:
    before, after = house.letter_header
    text = "" if house.options.paper == "preprinted" else mark.xml(sheet_of(house))
    return before + text.encode("utf-8") + after


def package(document: str, mark: Run | None, meta: DocMeta, house: House) -> bytes:
    """The .docx bytes: fixed part order, fixed times, so equal input gives equal bytes."""
    letter, blank, turned = mark is not None, BLANK_FOOTER in document, TURNED_ODD in document
    shared = {name: part for name, part in house.parts.items()
              if (letter or name != "word/footer3.xml") and (turned or name not in TURNED)}
    if blank:
        shared["word/footer4.xml"] = EMPTY_FOOTER
    own = {part.name: part for part in own_parts(tuple(shared), letter, blank)}
    written = {"word/document.xml": document.encode("utf-8"),
               "docProps/core.xml": _render("core.xml.j2", title=meta.title, author=meta.author, date=meta.date)}
    if letter:
        written["word/header1.xml"] = letter_header(house, mark)
    parts = {**shared, **own, **{name: deflate(name, data, OWN_PARTS_LEVEL) for name, data in written.items()}}
    return zip_bytes([parts[name] for name in sorted(parts, key=lambda n: (n != "[Content_Types].xml", n))])


def html_to_docx(fragment: str, meta: DocMeta, house: House) -> bytes:
    document, mark = document_parts(fragment, sheet_of(house))
    return package(document, mark, meta, house)
