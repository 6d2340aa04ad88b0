"""Word blocks as typed objects: paragraphs, runs, tables and sections, and their WordprocessingML.

The walker (docx.py) makes blocks from HTML; layout rules (signature indents, keep-together)
work on blocks; only ``xml`` turns them into text. Style names here are the writer's keys
(``Title``, ``Signature`` …); ``xml`` writes the id the house-style file gives each key.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from ..text import without_name_marks
from . import layout as L


TAIL_BOOKMARK = "_ipdocs_body_tail"
BLANK_FOOTER = "rIdFooterBlank"             # an empty footer: pages without a page number
TURNED_ODD, TURNED_EVEN = "rIdFooterTurnedOdd", "rIdFooterTurnedEven"     # page numbers of landscape pages


def _text(value: str) -> str:
    return escape(without_name_marks(value).replace("\n", " "))


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
    indents: dict[str, tuple[float, float]] = field(default_factory=dict)   # style key → (left, first line) in 字
    metrics: dict[str, dict] = field(default_factory=dict)                   # style key → spacing, line height, size
    double_sided: bool = True

    def id(self, key: str | None) -> str | None:
        return self.ids.get(key, key)

    def room(self, style: str) -> tuple[float, float]:
        """How many 字 the first and the following lines of a paragraph in this style hold."""
        left, first = self.indents.get(style, (0.0, 2.0 if style == "Normal" else 0.0))
        return L.CHARS_PER_LINE - left - first, L.CHARS_PER_LINE - left


DEFAULT_SHEET = Sheet({}, {**L.PORTRAIT, "header": L.HEADER_DISTANCE, "footer": L.footer_distance(L.PORTRAIT)},
                      {**L.LANDSCAPE, "header": L.HEADER_DISTANCE, "footer": L.footer_distance(L.LANDSCAPE)},
                      {"linePitch": L.LINE_PITCH, "charSpace": L.CHAR_SPACE}, L.LETTER_MARK_TOP)


@dataclass(slots=True)
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


@dataclass(slots=True)
class Section:
    """The page of the section that ends here (or the document's last section)."""
    orientation: str = "portrait"
    letter: bool = False              # 信函格式: a first page with its own header (mark, double line) and footer
    numbered: bool = True             # False: a blank page and the 版记 page after it carry no page number (§7.5)

    def xml(self, sheet: Sheet) -> str:
        page = sheet.landscape if self.orientation == "landscape" else sheet.portrait
        orient = ' w:orient="landscape"' if self.orientation == "landscape" else ""
        first = ('<w:headerReference w:type="first" r:id="rIdHeaderFirst"/>'
                 '<w:footerReference w:type="first" r:id="rIdFooterFirst"/>') if self.letter else ""
        header = sheet.letter_header if self.letter else page["header"]
        turned = self.orientation == "landscape"          # the number stays at the sheet's foot (turned.py)
        odd, even = ((TURNED_ODD, TURNED_EVEN) if turned else ("rIdFooterOdd", "rIdFooterEven")) if self.numbered \
            else (BLANK_FOOTER, BLANK_FOOTER)
        return (f'<w:sectPr>{first}<w:footerReference w:type="default" r:id="{odd}"/>'
                + (f'<w:footerReference w:type="even" r:id="{even}"/>' if sheet.even_footer else "")
                + f'<w:pgSz w:w="{page["w"]}" w:h="{page["h"]}"{orient}/>'
                f'<w:pgMar w:top="{page["top"]}" w:right="{page["right"]}" w:bottom="{page["bottom"]}" '
                f'w:left="{page["left"]}" w:header="{header}" w:footer="{page["footer"]}" w:gutter="0"/>'
                + ("<w:titlePg/>" if self.letter else "") +
                f'<w:docGrid w:type="linesAndChars" w:linePitch="{sheet.grid["linePitch"]}" '
                f'w:charSpace="{sheet.grid["charSpace"]}"/></w:sectPr>')


@dataclass(slots=True)
class Paragraph:
    style: str | None                 # None: no style of its own (a page break, a section's carrier)
    runs: list[Run] = field(default_factory=list)
    page_break_before: bool | None = None     # True starts a page; False cancels the style's own break
    right_indent: float | None = None         # 字, set by layout rules (署名, 成文日期)
    section: Section | None = None            # the section that ends with this paragraph
    mark_size: int | None = None              # half-points of the paragraph mark: an empty line as tall as its text
    keep_next: bool | None = None             # True: on the same page as the next paragraph; False: not, whatever its style
    body_tail: bool = False                   # the body's last paragraph, whose last lines the closing lines keep

    @property
    def text(self) -> str:
        """The plain text, for rules that measure it."""
        return "".join(r.text for r in self.runs if r.kind == "text")

    def xml(self, sheet: Sheet) -> str:
        ppr = f'<w:pStyle w:val="{sheet.id(self.style)}"/>' if self.style else ""
        if self.keep_next is not None:
            ppr += "<w:keepNext/>" if self.keep_next else '<w:keepNext w:val="0"/>'
        if self.page_break_before is not None:
            ppr += "<w:pageBreakBefore/>" if self.page_break_before else '<w:pageBreakBefore w:val="0"/>'
        if self.right_indent is not None:
            ppr += f'<w:ind w:right="{round(self.right_indent * L.GRID_CHAR)}" w:rightChars="{int(self.right_indent * 100)}"/>'
        if self.mark_size:
            ppr += f'<w:rPr><w:sz w:val="{self.mark_size}"/><w:szCs w:val="{self.mark_size}"/></w:rPr>'
        if self.section:
            ppr += self.section.xml(sheet)
        # A hidden bookmark names the body's last paragraph for the PDF copy (outputs/pdfcopy.py), which splits it
        # so that LibreOffice, like Word, moves only its last two lines with the closing lines.
        tail = f'<w:bookmarkStart w:id="0" w:name="{TAIL_BOOKMARK}"/><w:bookmarkEnd w:id="0"/>' if self.body_tail else ""
        return f"<w:p><w:pPr>{ppr}</w:pPr>{tail}{''.join(r.xml(sheet) for r in self.runs)}</w:p>"


@dataclass(slots=True)
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


@dataclass(slots=True)
class Row:
    cells: list[Cell]
    header: bool = False              # repeated at the top of every page
    cant_split: bool = True           # kept whole on one page
    height: int = 0                   # at least this tall (twips), for forms filled in by hand; 0: as the text needs
    exact: bool = False               # the height is exact (版记 rows), not a minimum

    def xml(self, sheet: Sheet) -> str:
        props = ("<w:cantSplit/>" if self.cant_split else "") \
            + (f'<w:trHeight w:val="{self.height}" w:hRule="{"exact" if self.exact else "atLeast"}"/>' if self.height else "") \
            + ("<w:tblHeader/>" if self.header else "")
        trpr = f"<w:trPr>{props}</w:trPr>" if props else ""
        return f"<w:tr>{trpr}{''.join(c.xml(sheet) for c in self.cells)}</w:tr>"


@dataclass(slots=True)
class Table:
    style: str
    width: int
    grid: list[int]
    rows: list[Row]
    at_foot: bool = False             # floats to the foot of the type area (the 版记), anchored to the next paragraph

    def xml(self, sheet: Sheet) -> str:
        return (f'<w:tbl><w:tblPr><w:tblStyle w:val="{sheet.id(self.style)}"/>{self.position(sheet)}'
                f'<w:tblW w:w="{self.width}" w:type="dxa"/><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>'
                + "".join(f'<w:gridCol w:w="{w}"/>' for w in self.grid) + "</w:tblGrid>"
                + "".join(r.xml(sheet) for r in self.rows) + "</w:tbl>")

    def position(self, sheet: Sheet) -> str:
        """Bottom of the type area, from the page's left edge: LibreOffice keeps a full-width table inline otherwise."""
        if not self.at_foot:
            return ""
        return ('<w:tblpPr w:leftFromText="0" w:rightFromText="0" w:topFromText="0" w:bottomFromText="0" '
                f'w:vertAnchor="margin" w:horzAnchor="page" w:tblpX="{sheet.portrait["left"]}" w:tblpYSpec="bottom"/>'
                '<w:tblOverlap w:val="never"/>')


@dataclass(slots=True)
class Anchor:
    """The tiny paragraph a floating table hangs from: it takes no line of the grid."""

    def xml(self, sheet: Sheet) -> str:
        return ('<w:p><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
                '<w:ind w:firstLine="0" w:firstLineChars="0"/><w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p>')


Block = Paragraph | Table | Anchor
