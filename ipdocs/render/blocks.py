"""Word blocks as typed objects: paragraphs, runs, tables and sections, and their WordprocessingML.

The walker (docx.py) makes blocks from HTML; layout rules (signature indents, keep-together)
work on blocks; only ``xml`` turns them into text. Style names here are the writer's keys
(``Title``, ``Signature`` …); ``xml`` writes the id the house-style file gives each key.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from . import layout as L


def _text(value: str) -> str:
    return escape(value.replace("\n", " "))


@dataclass
class Run:
    text: str = ""
    style: str | None = None          # character style key: Strong, Emphasis, Label
    size: int | None = None           # half-points, where the run sets its own size (the fitted red mark)
    kind: str = "text"                # text | tab | br | page

    def xml(self, ids: dict[str, str]) -> str:
        if self.kind == "tab":
            return "<w:r><w:tab/></w:r>"
        if self.kind == "br":
            return "<w:r><w:br/></w:r>"
        if self.kind == "page":
            return '<w:r><w:br w:type="page"/></w:r>'
        props = (f'<w:rStyle w:val="{ids.get(self.style, self.style)}"/>' if self.style else "")
        if self.size:
            props += f'<w:sz w:val="{self.size}"/><w:szCs w:val="{self.size}"/>'
        rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
        return f'<w:r>{rpr}<w:t xml:space="preserve">{_text(self.text)}</w:t></w:r>'


@dataclass
class Section:
    """The page of the section that ends here (or the document's last section)."""
    orientation: str = "portrait"
    letter: bool = False              # 信函格式: a first page with its own header (mark, double line) and footer

    def xml(self) -> str:
        page = L.LANDSCAPE if self.orientation == "landscape" else L.PORTRAIT
        orient = ' w:orient="landscape"' if self.orientation == "landscape" else ""
        first = ('<w:headerReference w:type="first" r:id="rIdHeaderFirst"/>'
                 '<w:footerReference w:type="first" r:id="rIdFooterFirst"/>') if self.letter else ""
        header = L.LETTER_MARK_TOP if self.letter else L.HEADER_DISTANCE
        return (f'<w:sectPr>{first}<w:footerReference w:type="default" r:id="rIdFooterOdd"/>'
                '<w:footerReference w:type="even" r:id="rIdFooterEven"/>'
                f'<w:pgSz w:w="{page["w"]}" w:h="{page["h"]}"{orient}/>'
                f'<w:pgMar w:top="{page["top"]}" w:right="{page["right"]}" w:bottom="{page["bottom"]}" '
                f'w:left="{page["left"]}" w:header="{header}" w:footer="{L.footer_distance(page)}" w:gutter="0"/>'
                + ("<w:titlePg/>" if self.letter else "") +
                f'<w:docGrid w:type="linesAndChars" w:linePitch="{L.LINE_PITCH}" w:charSpace="{L.CHAR_SPACE}"/></w:sectPr>')


@dataclass
class Paragraph:
    style: str | None                 # None: no style of its own (a page break, a section's carrier)
    runs: list[Run] = field(default_factory=list)
    page_break_before: bool | None = None     # False cancels the style's own break (after a section break)
    right_indent: float | None = None         # 字, set by layout rules (署名, 成文日期)
    section: Section | None = None            # the section that ends with this paragraph

    @property
    def text(self) -> str:
        """The plain text, for rules that measure it."""
        return "".join(r.text for r in self.runs if r.kind == "text")

    def xml(self, ids: dict[str, str]) -> str:
        ppr = f'<w:pStyle w:val="{ids.get(self.style, self.style)}"/>' if self.style else ""
        if self.page_break_before is False:
            ppr += '<w:pageBreakBefore w:val="0"/>'
        if self.right_indent is not None:
            ppr += f'<w:ind w:right="{int(self.right_indent * L.CHAR)}" w:rightChars="{int(self.right_indent * 100)}"/>'
        if self.section:
            ppr += self.section.xml()
        return f"<w:p><w:pPr>{ppr}</w:pPr>{''.join(r.xml(ids) for r in self.runs)}</w:p>"


@dataclass
class Cell:
    paragraphs: list[Paragraph]
    width: int                        # twips
    span: int = 1
    merge: str | None = None          # restart | continue (rows merged down)

    def xml(self, ids: dict[str, str]) -> str:
        gridspan = f'<w:gridSpan w:val="{self.span}"/>' if self.span > 1 else ""
        merge = {"restart": '<w:vMerge w:val="restart"/>', "continue": "<w:vMerge/>"}.get(self.merge, "")
        body = "".join(p.xml(ids) for p in self.paragraphs)
        return (f'<w:tc><w:tcPr><w:tcW w:w="{self.width}" w:type="dxa"/>{gridspan}{merge}<w:vAlign w:val="center"/>'
                f'</w:tcPr>{body}</w:tc>')


@dataclass
class Row:
    cells: list[Cell]
    header: bool = False              # repeated at the top of every page
    cant_split: bool = True           # kept whole on one page

    def xml(self, ids: dict[str, str]) -> str:
        props = ("<w:cantSplit/>" if self.cant_split else "") + ("<w:tblHeader/>" if self.header else "")
        trpr = f"<w:trPr>{props}</w:trPr>" if props else ""
        return f"<w:tr>{trpr}{''.join(c.xml(ids) for c in self.cells)}</w:tr>"


@dataclass
class Table:
    style: str
    width: int
    grid: list[int]
    rows: list[Row]

    def xml(self, ids: dict[str, str]) -> str:
        return (f'<w:tbl><w:tblPr><w:tblStyle w:val="{ids.get(self.style, self.style)}"/>'
                f'<w:tblW w:w="{self.width}" w:type="dxa"/><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>'
                + "".join(f'<w:gridCol w:w="{w}"/>' for w in self.grid) + "</w:tblGrid>"
                + "".join(r.xml(ids) for r in self.rows) + "</w:tbl>")


Block = Paragraph | Table
