"""HTML fragment → Word blocks in GB/T 9704 layout, and the document's own parts.

The HTML is what the Markdown of a document renders to; its class names are
the names of the official elements (``mark``, ``docno``, ``signature`` …), and
each maps to one paragraph style of the house style. This module decides
nothing about how things look: styles do; it walks the tree, picks styles
and makes typed blocks (blocks.py). ``package`` packs the parts into a .docx.
"""
from __future__ import annotations

from . import layout as L
from .blocks import DEFAULT_SHEET, Block, Paragraph, Run, Section, Sheet
from .fitting import fit
from .html import classes, parse_fragment, text_of
from ..text import without_name_marks
from .imprint import imprint_blocks, place_on_even_page
from .tables import table

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
FITTED = {"RosterLine", "Attendance", "AttendanceFirst", "AttachmentNote", "AttachmentNoteList", "AttachmentNoteMore"}
BULLET = "•"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def runs_of(el, style: str | None = None, size: int | None = None) -> list[Run]:
    """The inline content of one element as runs: text, emphasis, labels, line breaks, right-aligned tabs."""
    runs = [Run(el.text, style, size)] if el.text else []
    for child in el:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "br":
            runs.append(Run(kind="br"))
        else:
            names = classes(child)
            if tag == "span" and "right" in names:
                runs.append(Run(kind="tab"))
            inner = INLINE_STYLES.get(tag) or ("Label" if "label" in names else style)
            runs += runs_of(child, inner, size)
        if child.tail:
            runs.append(Run(child.tail, style, size))
    return runs


class _Body:
    """Walks the block-level HTML and collects blocks."""

    def __init__(self, sheet: Sheet):
        self.sheet = sheet
        self.blocks: list[Block] = []
        self.orientation = "portrait"
        self.after_break = False
        self.letter_mark: str | None = None     # 信函格式: the mark goes into the first page's header

    def width(self) -> int:
        page = self.sheet.landscape if self.orientation == "landscape" else self.sheet.portrait
        return page["w"] - page["left"] - page["right"]

    def paragraph(self, style: str, runs: list[Run]) -> None:
        cancel_break = self.after_break and style == "AttachmentLabel"    # the section break already turned the page
        self.after_break = False
        self.blocks.append(Paragraph(style, runs, page_break_before=False if cancel_break else None))

    def block(self, el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        handler = getattr(self, f"on_{tag}", None)
        if handler:
            handler(el)
        elif tag in HEADINGS:
            style = "AttachmentTitle" if "attachment-title" in classes(el) else HEADINGS[tag]
            self.paragraph(style, runs_of(el))
        elif tag in ("div", "section", "blockquote", "article"):
            self.children(el)

    def children(self, el) -> None:
        """The blocks inside a container, and any text standing between them as a paragraph of its own."""
        self.loose_text(el.text)
        for child in el:
            self.block(child)
            self.loose_text(child.tail)

    def loose_text(self, text: str | None) -> None:
        if text and text.strip():
            self.paragraph("Normal", [Run(text.strip())])

    def on_p(self, el) -> None:
        names = classes(el)
        if "letter-mark" in names and not self.blocks:
            self.letter_mark = text_of(el)
            return
        style = next((PARAGRAPH_CLASSES[c] for c in names if c in PARAGRAPH_CLASSES), "Normal")
        if style == "Mark":
            self.mark(text_of(el))
        else:
            self.paragraph(style, self.fitted(el, style))

    def fitted(self, el, style: str) -> list[Run]:
        """Runs with the line breaks chosen here: whole names, lists broken between items, no lone roster character."""
        room = self.sheet.room(style)
        items = [without_name_marks(text_of(i) + (i.tail or "")) for i in el.iter("span") if "item" in classes(i)] \
            if len(el) else []
        if not items:
            return fit(runs_of(el), room, own_rule=style in FITTED)
        prefix = (el.text or "") + "".join(text_of(s) + (s.tail or "") for s in el if "label" in classes(s))
        return fit(runs_of(el), room, items, without_name_marks(prefix), own_rule=style in FITTED)

    def mark(self, text: str) -> None:
        """The red 发文机关标志, fitted to one line; on 套红纸 its line stays, as tall, with no text."""
        size = int(L.mark_size_pt(text) * 2)
        self.paragraph("Mark", [] if self.sheet.preprinted else [Run(text, size=size)])
        self.blocks[-1].mark_size = size if self.sheet.preprinted else None

    def on_hr(self, el) -> None:
        turn = next((c for c in classes(el) if c in ("landscape", "portrait")), None)
        if turn is None:
            self.blocks.append(Paragraph(None, [Run(kind="page")]))
            return
        if turn != self.orientation:
            if self.blocks:
                self.section_break()
            self.orientation = turn

    def section_break(self) -> None:
        last = self.blocks[-1] if self.blocks else None
        if not isinstance(last, Paragraph):
            last = Paragraph(None)
            self.blocks.append(last)
        last.section = Section(self.orientation)
        self.after_break = True

    def on_ol(self, el, ordered=True) -> None:
        start = el.get("start", "1")
        for n, li in enumerate((c for c in el if c.tag == "li"), start=int(start) if start.isdigit() else 1):
            prefix = [Run(f"{n}." if ordered else BULLET)]
            if not [c for c in li if c.tag in ("p", "ul", "ol")]:
                self.paragraph("Normal", prefix + runs_of(li))
                continue
            for child in li:
                if child.tag == "p":
                    self.paragraph("Normal", prefix + runs_of(child))
                    prefix = []
                elif child.tag in ("ul", "ol"):
                    self.block(child)

    def on_ul(self, el) -> None:
        self.on_ol(el, ordered=False)

    def on_pre(self, el) -> None:
        for line in text_of(el).splitlines():
            self.paragraph("Normal", [Run(line)] if line else [])

    def on_table(self, el) -> None:
        if "imprint" in classes(el):
            if self.after_break:        # LibreOffice keeps the page style of a section only when a paragraph starts it
                self.blocks.append(Paragraph("Normal"))
            self.blocks += imprint_blocks([runs_of(td) for td in el.iter("td")], self.width())
        else:
            self.blocks.append(table(el, self.width(), runs_of))
        self.after_break = False


# -- layout rules over blocks ------------------------------------------------

NOTES = {"AttachmentNote", "AttachmentNoteList", "AttachmentNoteMore"}
CLOSING = {"Closing", "Signature", "SignDate", "Annotation", *NOTES}


def keep_closing_together(blocks: list[Block]) -> None:
    """署名, 成文日期, 附注, 特此报告。 and the 附件说明 share a page with the body's last lines (§7.3.5)."""
    for at, block in enumerate(blocks):
        if isinstance(block, Paragraph) and block.style == "Signature":
            start, end = _closing_run(blocks, at)
            _chain(blocks[start - 1] if start else None, blocks[start:end + 1])


def _closing_run(blocks: list[Block], at: int) -> tuple[int, int]:
    start, end = at, at
    while start > 0 and _closing(blocks[start - 1]):
        start -= 1
    while end + 1 < len(blocks) and _closing(blocks[end + 1]):
        end += 1
    return start, end


def _chain(before: Block | None, group: list[Paragraph]) -> None:
    """Keep the group together, and with the last lines of the body paragraph before it."""
    if not group:
        return
    if isinstance(before, Paragraph) and before.section is None:
        before.keep_next = True
        before.body_tail = before.style == "Normal"         # the PDF copy splits it (outputs/pdfcopy.py)
    for paragraph in group[:-1]:
        paragraph.keep_next = True


def _closing(block: Block) -> bool:
    return isinstance(block, Paragraph) and block.style in CLOSING


def signature_indents(blocks: list[Block]) -> None:
    """Set the GB/T 9704 right indents of a 署名 and the 成文日期 under it."""
    for first, second in zip(blocks, blocks[1:]):
        if isinstance(first, Paragraph) and isinstance(second, Paragraph) \
                and first.style == "Signature" and second.style == "SignDate":
            first.right_indent, second.right_indent = L.signature_indents(first.text, second.text)


# -- the parts ----------------------------------------------------------------

def body_xml(blocks: list[Block], last: Section, sheet: Sheet) -> str:
    return (XML_HEAD + '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f"<w:body>{''.join(b.xml(sheet) for b in blocks)}{last.xml(sheet)}</w:body></w:document>")


def letter_mark_run(mark: str) -> Run:
    """The 信函 mark as a run for the first page's header: red 小标宋 from its style, the size fitted to one line."""
    return Run(mark, size=int(L.mark_size_pt(mark) * 2))


def document_parts(fragment: str, sheet: Sheet = DEFAULT_SHEET) -> tuple[str, Run | None]:
    """word/document.xml, and for a letter the run of its mark (the house style's letter header holds it)."""
    body = _Body(sheet)
    body.children(parse_fragment(fragment or "<p></p>"))
    signature_indents(body.blocks)
    keep_closing_together(body.blocks)
    letter = body.letter_mark is not None
    last = Section(body.orientation, letter)
    blocks = place_on_even_page(body.blocks, last, sheet)
    document = body_xml(blocks, last, sheet)
    return document, letter_mark_run(body.letter_mark) if letter else None
