"""The .docx package: the parts every document shares, its own parts, zipped deterministically."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..files import zip_bytes
from . import layout as L
from .docx import document_parts
from .env import environment


@dataclass(frozen=True)
class DocMeta:
    title: str
    author: str
    date: str          # ISO date: fixed core-property times keep the bytes stable


@lru_cache(maxsize=2)
def static_parts(letter: bool = False) -> dict[str, bytes]:
    """The parts every document shares, rendered once per process from the style sheet templates."""
    env = environment()

    def render(name, **kw) -> bytes:
        return env.get_template(f"docx/{name}").render(L=L, letter=letter, **kw).encode("utf-8")

    letter_parts = {"word/footer3.xml": render("footer_letter.xml.j2")} if letter else {}
    return {
        **letter_parts,
        "[Content_Types].xml": render("content_types.xml.j2"),
        "_rels/.rels": render("rels.xml.j2"),
        "docProps/app.xml": render("app.xml.j2"),
        "word/_rels/document.xml.rels": render("document.xml.rels.j2"),
        "word/styles.xml": render("styles.xml.j2"),
        "word/settings.xml": render("settings.xml.j2"),
        "word/fontTable.xml": render("fontTable.xml.j2"),
        "word/footer1.xml": render("footer.xml.j2", style="FooterOdd"),
        "word/footer2.xml": render("footer.xml.j2", style="FooterEven"),
    }


def package(document: dict[str, str], meta: DocMeta) -> bytes:
    """The .docx bytes: fixed part order, fixed times, so equal input gives equal bytes."""
    core = environment().get_template("docx/core.xml.j2").render(title=meta.title, author=meta.author, date=meta.date)
    own = {name: text.encode("utf-8") for name, text in document.items()}
    parts = {**static_parts("word/header1.xml" in document), "docProps/core.xml": core.encode("utf-8"), **own}
    order = sorted(parts, key=lambda n: (n != "[Content_Types].xml", n))
    return zip_bytes([(name, parts[name]) for name in order])


def html_to_docx(fragment: str, meta: DocMeta) -> bytes:
    return package(document_parts(fragment), meta)
