"""HTML fragment → WordprocessingML blocks in GB/T 9704 layout.

The HTML is what the Markdown of a document renders to; its class names are
the names of the official elements (``mark``, ``docno``, ``signature`` …), and
each maps to one paragraph style of ``templates/docx/styles.xml.j2``. This
module decides nothing about how things look: styles do; it only walks the
tree and picks styles. ``package`` packs the parts into a .docx.
"""
from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

import lxml.html

from . import layout as L
from .env import environment

PARAGRAPH_CLASSES = {
    "mark": "Mark", "docno": "DocNumber", "issue": "IssueNumber", "issuer-line": "IssuerLine",
    "addressee": "Addressee", "center": "Centered", "roster": "RosterLine", "attend": "Attendance",
    "attend-first": "AttendanceFirst", "attachments": "AttachmentNote", "attachments-list": "AttachmentNoteList",
    "attachments-more": "AttachmentNoteMore", "signature": "Signature", "date": "SignDate",
    "annotation": "Annotation", "attachment-label": "AttachmentLabel", "attachment-title": "AttachmentTitle",
    "imprint": "Imprint", "table-note": "TableText", "closing": "Closing",
}
HEADINGS = {"h1": "Title", "h2": "Heading1", "h3": "Heading2", "h4": "Heading3", "h5": "Heading3", "h6": "Heading3"}
INLINE_STYLES = {"strong": "Strong", "b": "Strong", "em": "Emphasis", "i": "Emphasis"}
CELL_CLASSES = {"center": "TableCenter", "section": "TableSection", "head": "TableHeading"}
def _classes(el) -> list[str]:
    return (el.get("class") or "").split()


def _text(value: str | None) -> str:
    return escape((value or "").replace("\n", " "))


def _run(text: str, style: str | None = None, extra: str = "") -> str:
    if not text:
        return ""
    props = (f'<w:rStyle w:val="{style}"/>' if style else "") + extra
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{_text(text)}</w:t></w:r>'


class _Runs:
    """Inline content of one block → runs."""

    def __init__(self, extra: str = ""):
        self.extra = extra
        self.parts: list[str] = []

    def walk(self, el, style: str | None = None, include_tail=False) -> "_Runs":
        self.parts.append(_run(el.text, style, self.extra))
        for child in el:
            self.child(child, style)
            self.parts.append(_run(child.tail, style, self.extra))
        return self

    def child(self, child, style):
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "br":
            self.parts.append("<w:r><w:br/></w:r>")
            return
        if tag == "span" and "right" in _classes(child):
            self.parts.append("<w:r><w:tab/></w:r>")
        inner = INLINE_STYLES.get(tag) or ("Label" if "label" in _classes(child) else style)
        self.walk(child, inner)

    def xml(self) -> str:
        return "".join(self.parts)


@dataclass
class _Para:
    ppr: list[str]
    runs: str
    text: str = ""        # plain text, for rules that measure it (署名 and 成文日期)

    def add_property(self, xml: str) -> None:
        """Add a paragraph property; a section's properties stay last, as the schema wants."""
        at = next((i for i, p in enumerate(self.ppr) if p.startswith("<w:sectPr")), len(self.ppr))
        self.ppr.insert(at, xml)

    def xml(self) -> str:
        return f"<w:p><w:pPr>{''.join(self.ppr)}</w:pPr>{self.runs}</w:p>"


def _section_xml(orientation: str, letter: bool = False) -> str:
    """A section's page; a letter's first page has its own header (mark, double line) and footer (no number)."""
    page = L.LANDSCAPE if orientation == "landscape" else L.PORTRAIT
    orient = ' w:orient="landscape"' if orientation == "landscape" else ""
    first = ('<w:headerReference w:type="first" r:id="rIdHeaderFirst"/>'
             '<w:footerReference w:type="first" r:id="rIdFooterFirst"/>') if letter else ""
    header = L.LETTER_MARK_TOP if letter else L.HEADER_DISTANCE
    return (f'<w:sectPr>{first}<w:footerReference w:type="default" r:id="rIdFooterOdd"/>'
            '<w:footerReference w:type="even" r:id="rIdFooterEven"/>'
            f'<w:pgSz w:w="{page["w"]}" w:h="{page["h"]}"{orient}/>'
            f'<w:pgMar w:top="{page["top"]}" w:right="{page["right"]}" w:bottom="{page["bottom"]}" '
            f'w:left="{page["left"]}" w:header="{header}" w:footer="{L.footer_distance(page)}" w:gutter="0"/>'
            + ("<w:titlePg/>" if letter else "") +
            f'<w:docGrid w:type="linesAndChars" w:linePitch="{L.LINE_PITCH}" w:charSpace="{L.CHAR_SPACE}"/></w:sectPr>')


class _Body:
    """Walks the block-level HTML and collects WordprocessingML blocks."""

    def __init__(self):
        self.blocks: list = []
        self.orientation = "portrait"
        self.after_break = False
        self.letter_mark: str | None = None     # 信函格式: the mark goes into the first page's header

    def width(self) -> int:
        page = L.LANDSCAPE if self.orientation == "landscape" else L.PORTRAIT
        return page["w"] - page["left"] - page["right"]

    def paragraph(self, style: str, runs: str, extra_ppr: str = "", text: str = "") -> None:
        ppr = [f'<w:pStyle w:val="{style}"/>']
        if self.after_break and style == "AttachmentLabel":
            extra_ppr += '<w:pageBreakBefore w:val="0"/>'
        self.after_break = False
        self.blocks.append(_Para(ppr + ([extra_ppr] if extra_ppr else []), runs, text))

    def block(self, el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        handler = getattr(self, f"on_{tag}", None)
        if handler:
            handler(el)
        elif tag in HEADINGS:
            style = "AttachmentTitle" if "attachment-title" in _classes(el) else HEADINGS[tag]
            self.paragraph(style, _Runs().walk(el).xml())
        elif tag in ("div", "section", "blockquote", "article"):
            for child in el:
                self.block(child)

    def on_p(self, el) -> None:
        classes = _classes(el)
        if "letter-mark" in classes and not self.blocks:
            self.letter_mark = el.text_content()
            return
        style = next((PARAGRAPH_CLASSES[c] for c in classes if c in PARAGRAPH_CLASSES), "Normal")
        extra = ""
        if style == "Mark":
            size = int(L.mark_size_pt(el.text_content()) * 2)
            extra = f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
        self.paragraph(style, _Runs(extra).walk(el).xml(), text=el.text_content())

    def on_hr(self, el) -> None:
        classes = _classes(el)
        turn = next((c for c in classes if c in ("landscape", "portrait")), None)
        if turn is None:
            self.blocks.append(_Para([], '<w:r><w:br w:type="page"/></w:r>'))
            return
        if turn != self.orientation:
            if self.blocks:
                self.section_break()
            self.orientation = turn

    def section_break(self) -> None:
        last = self.blocks[-1] if self.blocks else None
        if not isinstance(last, _Para):
            last = _Para([], "")
            self.blocks.append(last)
        last.ppr.append(_section_xml(self.orientation))
        self.after_break = True

    def on_ol(self, el, ordered=True) -> None:
        for n, li in enumerate((c for c in el if c.tag == "li"), start=1):
            prefix = f"{n}." if ordered else ""
            blocks = [c for c in li if c.tag in ("p", "ul", "ol")]
            if not blocks:
                self.paragraph("Normal", _run(prefix) + _Runs().walk(li).xml())
                continue
            first = True
            for child in li:
                if child.tag == "p":
                    self.paragraph("Normal", (_run(prefix) if first else "") + _Runs().walk(child).xml())
                    first = False
                elif child.tag in ("ul", "ol"):
                    self.block(child)

    def on_ul(self, el) -> None:
        self.on_ol(el, ordered=False)

    def on_pre(self, el) -> None:
        for line in el.text_content().splitlines():
            self.paragraph("Normal", _run(line))

    def on_table(self, el) -> None:
        self.blocks.append(_Table(el, self.width()).xml())
        self.after_break = False


class _Table:
    """An HTML table, row- and column-spans included, as a fixed-width OOXML table."""

    def __init__(self, el, width: int):
        self.el, self.width = el, width
        self.rows = [(tr, tr.getparent().tag == "thead") for tr in el.iter("tr")]
        self.columns = self.count_columns()
        # Rows stay whole on a page, except in tables whose body merges cells down several rows:
        # there a whole group could not move, and LibreOffice would let it run off the page.
        self.row_props = "" if any(td.get("rowspan") for td in el.iter("td")) else "<w:cantSplit/>"

    def count_columns(self) -> int:
        return max((sum(int(c.get("colspan", 1)) for c in tr if c.tag in ("td", "th")) for tr, _ in self.rows), default=1)

    def grid(self) -> list[int]:
        spec = (self.el.get("data-widths") or "").split()
        weights = [float(x) for x in spec] if len(spec) == self.columns else [1.0] * self.columns
        total = sum(weights)
        widths = [int(self.width * w / total) for w in weights]
        widths[-1] += self.width - sum(widths)
        return widths

    def xml(self) -> str:
        classes = _classes(self.el)
        style = "ImprintTable" if "imprint" in classes else "OfficialTable"
        grid = self.grid()
        out = [f'<w:tbl><w:tblPr><w:tblStyle w:val="{style}"/><w:tblW w:w="{self.width}" w:type="dxa"/>'
               '<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>',
               *(f'<w:gridCol w:w="{w}"/>' for w in grid), "</w:tblGrid>"]
        spans: dict[int, list] = {}      # column → [rows still covered, colspan]
        for tr, is_head in self.rows:
            out.append(self.row(tr, is_head, spans, grid, "imprint" in classes))
        out.append("</w:tbl>")
        return "".join(out)

    def row(self, tr, is_head, spans, grid, imprint) -> str:
        cells = [c for c in tr if c.tag in ("td", "th")]
        props = self.row_props + ("<w:tblHeader/>" if is_head else "")
        out = ["<w:tr>" + (f"<w:trPr>{props}</w:trPr>" if props else "")]
        col = 0
        while col < len(grid):
            if spans.get(col, [0])[0] > 0:
                spans[col][0] -= 1
                span = spans[col][1]
                out.append(self.cell_xml(grid, col, span, "<w:vMerge/>", '<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr></w:p>'))
                col += span
                continue
            if not cells:
                break
            cell = cells.pop(0)
            span, rowspan = int(cell.get("colspan", 1)), int(cell.get("rowspan", 1))
            merge = ""
            if rowspan > 1:
                spans[col] = [rowspan - 1, span]
                merge = '<w:vMerge w:val="restart"/>'
            out.append(self.cell_xml(grid, col, span, merge, self.paragraphs(cell, imprint)))
            col += span
        out.append("</w:tr>")
        return "".join(out)

    @staticmethod
    def cell_xml(grid, col, span, merge, body) -> str:
        width = sum(grid[col:col + span])
        gridspan = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
        return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{gridspan}{merge}<w:vAlign w:val="center"/></w:tcPr>{body}</w:tc>'

    @staticmethod
    def paragraphs(cell, imprint) -> str:
        style = "Imprint" if imprint else "TableHeading" if cell.tag == "th" else next(
            (CELL_CLASSES[c] for c in _classes(cell) if c in CELL_CLASSES), "TableText")
        blocks = [c for c in cell if c.tag == "p"]
        sources = blocks if blocks else [cell]
        return "".join(f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{_Runs().walk(s).xml()}</w:p>' for s in sources)


def _signature_indents(blocks: list) -> None:
    """Set the GB/T 9704 right indents of a 署名 and the 成文日期 under it."""
    for first, second in zip(blocks, blocks[1:]):
        if isinstance(first, _Para) and isinstance(second, _Para) and 'w:val="Signature"' in first.ppr[0] and 'w:val="SignDate"' in second.ppr[0]:
            name_right, date_right = L.signature_indents(first.text, second.text)
            first.add_property(_right_indent(name_right))
            second.add_property(_right_indent(date_right))


def _right_indent(chars: float) -> str:
    return f'<w:ind w:right="{int(chars * L.CHAR)}" w:rightChars="{int(chars * 100)}"/>'


def document_parts(fragment: str) -> dict[str, str]:
    """word/document.xml, and for a letter its first-page header."""
    root = lxml.html.fragment_fromstring(fragment or "<p></p>", create_parent="div")
    body = _Body()
    for el in root:
        body.block(el)
    _signature_indents(body.blocks)
    blocks = "".join(b.xml() if isinstance(b, _Para) else b for b in body.blocks)
    letter = body.letter_mark is not None
    parts = {"word/document.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f"<w:body>{blocks}{_section_xml(body.orientation, letter)}</w:body></w:document>")}
    if letter:
        size = int(L.mark_size_pt(body.letter_mark) * 2)
        parts["word/header1.xml"] = environment().get_template("docx/header_letter.xml.j2").render(
            L=L, mark=body.letter_mark, size=size)
    return parts
