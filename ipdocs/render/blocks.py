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


@dataclass(frozen=True)
class Sheet:
    """What blocks need of the house style: style ids by the writer's keys, the pages, the line grid."""
    ids: dict[str, str]
    portrait: dict[str, int]              # w, h, top, bottom, left, right, header, footer (twips)
    landscape: dict[str, int]
    grid: dict[str, int]                  # linePitch, charSpace
    letter_header: int                    # 信函格式: the header distance that puts the mark 30 mm from the top
    even_footer: bool = True              # odd and even pages have their own page-number footers
    preprinted: bool = False              # 套红纸: the red mark is on the paper; its line stays, empty

    def id(self, key: str | None) -> str | None:
        return self.ids.get(key, key)


DEFAULT_SHEET = Sheet({}, {**L.PORTRAIT, "header": L.HEADER_DISTANCE, "footer": L.footer_distance(L.PORTRAIT)},
                      {**L.LANDSCAPE, "header": L.HEADER_DISTANCE, "footer": L.footer_distance(L.LANDSCAPE)},
                      {"linePitch": L.LINE_PITCH, "charSpace": L.CHAR_SPACE}, L.LETTER_MARK_TOP)


@dataclass
class Run:
    text: str = ""
    style: str | None = None          # character style key: Strong, Emphasis, Label
    size: int | None = None           # half-points, where the run sets its own size (the fitted red mark)
    kind: str = "text"                # text | tab | br | page

    def xml(self, sheet: Sheet) -> str:
        if self.kind == "tab":
            return "<w:r><w:tab/></w:r>"
        if self.kind == "br":
            return "<w:r><w:br/></w:r>"
        if self.kind == "page":
            return '<w:r><w:br w:type="page"/></w:r>'
        props = (f'<w:rStyle w:val="{sheet.id(self.style)}"/>' if self.style else "")
        if self.size:
            props += f'<w:sz w:val="{self.size}"/><w:szCs w:val="{self.size}"/>'
        rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
        return f'<w:r>{rpr}<w:t xml:space="preserve">{_text(self.text)}</w:t></w:r>'


@dataclass
class Section:
    """The page of the section that ends here (or the document's last section)."""
    orientation: str = "portrait"
    letter: bool = False              # 信函格式: a first page with its own header (mark, double line) and footer

    def xml(self, sheet: Sheet) -> str:
        page = sheet.landscape if self.orientation == "landscape" else sheet.portrait
        orient = ' w:orient="landscape"' if self.orientation == "landscape" else ""
        first = ('<w:headerReference w:type="first" r:id="rIdHeaderFirst"/>'
                 '<w:footerReference w:type="first" r:id="rIdFooterFirst"/>') if self.letter else ""
        header = sheet.letter_header if self.letter else page["header"]
        return (f'<w:sectPr>{first}<w:footerReference w:type="default" r:id="rIdFooterOdd"/>'
                + ('<w:footerReference w:type="even" r:id="rIdFooterEven"/>' if sheet.even_footer else "")
                + f'<w:pgSz w:w="{page["w"]}" w:h="{page["h"]}"{orient}/>'
                f'<w:pgMar w:top="{page["top"]}" w:right="{page["right"]}" w:bottom="{page["bottom"]}" '
                f'w:left="{page["left"]}" w:header="{header}" w:footer="{page["footer"]}" w:gutter="0"/>'
                + ("<w:titlePg/>" if self.letter else "") +
                f'<w:docGrid w:type="linesAndChars" w:linePitch="{sheet.grid["linePitch"]}" '
                f'w:charSpace="{sheet.grid["charSpace"]}"/></w:sectPr>')


@dataclass
class Paragraph:
    style: str | None                 # None: no style of its own (a page break, a section's carrier)
    runs: list[Run] = field(default_factory=list)
    page_break_before: bool | None = None     # False cancels the style's own break (after a section break)
    right_indent: float | None = None         # 字, set by layout rules (署名, 成文日期)
    section: Section | None = None            # the section that ends with this paragraph
    mark_size: int | None = None              # half-points of the paragraph mark: an empty line as tall as its text
    keep_next: bool = False                   # on the same page as the next paragraph (the closing lines' chain)

    @property
    def text(self) -> str:
        """The plain text, for rules that measure it."""
        return "".join(r.text for r in self.runs if r.kind == "text")

    def xml(self, sheet: Sheet) -> str:
        ppr = f'<w:pStyle w:val="{sheet.id(self.style)}"/>' if self.style else ""
        if self.keep_next:
            ppr += "<w:keepNext/>"
        if self.page_break_before is False:
            ppr += '<w:pageBreakBefore w:val="0"/>'
        if self.right_indent is not None:
            ppr += f'<w:ind w:right="{int(self.right_indent * L.CHAR)}" w:rightChars="{int(self.right_indent * 100)}"/>'
        if self.mark_size:
            ppr += f'<w:rPr><w:sz w:val="{self.mark_size}"/><w:szCs w:val="{self.mark_size}"/></w:rPr>'
        if self.section:
            ppr += self.section.xml(sheet)
        return f"<w:p><w:pPr>{ppr}</w:pPr>{''.join(r.xml(sheet) for r in self.runs)}</w:p>"


@dataclass
class Cell:
    paragraphs: list[Paragraph]
    width: int                        # twips
    span: int = 1
    merge: str | None = None          # restart | continue (rows merged down)

    def xml(self, sheet: Sheet) -> str:
        gridspan = f'<w:gridSpan w:val="{self.span}"/>' if self.span > 1 else ""
        merge = {"restart": '<w:vMerge w:val="restart"/>', "continue": "<w:vMerge/>"}.get(self.merge, "")
        body = "".join(p.xml(sheet) for p in self.paragraphs)
        return (f'<w:tc><w:tcPr><w:tcW w:w="{self.width}" w:type="dxa"/>{gridspan}{merge}<w:vAlign w:val="center"/>'
                f'</w:tcPr>{body}</w:tc>')


@dataclass
class Row:
    cells: list[Cell]
    header: bool = False              # repeated at the top of every page
    cant_split: bool = True           # kept whole on one page
    height: int = 0                   # at least this tall (twips), for forms filled in by hand; 0: as the text needs

    def xml(self, sheet: Sheet) -> str:
        props = ("<w:cantSplit/>" if self.cant_split else "") \
            + (f'<w:trHeight w:val="{self.height}" w:hRule="atLeast"/>' if self.height else "") \
            + ("<w:tblHeader/>" if self.header else "")
        trpr = f"<w:trPr>{props}</w:trPr>" if props else ""
        return f"<w:tr>{trpr}{''.join(c.xml(sheet) for c in self.cells)}</w:tr>"


@dataclass
class Table:
    style: str
    width: int
    grid: list[int]
    rows: list[Row]

    def xml(self, sheet: Sheet) -> str:
        return (f'<w:tbl><w:tblPr><w:tblStyle w:val="{sheet.id(self.style)}"/>'
                f'<w:tblW w:w="{self.width}" w:type="dxa"/><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>'
                + "".join(f'<w:gridCol w:w="{w}"/>' for w in self.grid) + "</w:tblGrid>"
                + "".join(r.xml(sheet) for r in self.rows) + "</w:tbl>")


Block = Paragraph | Table
