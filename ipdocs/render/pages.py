"""Where the pages of a document end, worked out from its blocks as Word lays them on the 28 × 22 grid.

Only what the 版记 needs to know is asked of it: on which page the body ends and how much
room is left there. Paragraphs take their lines (lines.py) at the exact line heights of
their styles; a paragraph splits across pages keeping two lines on each side (widow
control); keep-with-next chains move together; a table row stays whole and a header row
repeats. The print checks compare these pages with LibreOffice's PDF.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import layout as L
from .blocks import Anchor, Block, Paragraph, Sheet, Table
from .lines import break_text

WIDOW = 2                   # lines a paragraph keeps together at the foot and the head of a page


@dataclass
class Flow:
    """Where the text stands: the page (1-based) and how much of its type area (twips) is used."""
    page: int = 1
    used: int = 0
    height: int = L.TYPE_AREA_HEIGHT

    @property
    def room(self) -> int:
        return self.height - self.used

    def new_page(self, height: int | None = None) -> None:
        self.page, self.used = self.page + 1, 0
        self.height = height or self.height


def _metrics(sheet: Sheet, style: str | None) -> dict:
    return sheet.metrics.get(style or "Normal", {"before": 0, "after": 0, "line": L.LINE_PITCH, "size": L.BODY_PT})


def paragraph_lines(paragraph: Paragraph, sheet: Sheet, room_scale: float = 1.0) -> int:
    """How many lines a paragraph takes: its explicit breaks, and its text broken on the grid."""
    size = _metrics(sheet, paragraph.style).get("size") or L.BODY_PT
    first, rest = (r * L.BODY_PT / size * room_scale for r in sheet.room(paragraph.style or "Normal"))
    if paragraph.right_indent:
        first, rest = first - paragraph.right_indent, rest - paragraph.right_indent
    if all(run.kind == "text" for run in paragraph.runs):
        text = "".join(run.text for run in paragraph.runs)
        return len(break_text(text, first, rest)) if text else 1
    segments, current = [], ""
    for run in paragraph.runs:
        if run.kind in ("br", "page"):
            segments.append(current)
            current = ""
        else:
            current += run.text if run.kind == "text" else " " * 4
    segments.append(current)
    return sum(len(break_text(s, first if i == 0 else rest, rest)) if s else 1 for i, s in enumerate(segments))


def line_height(paragraph: Paragraph, sheet: Sheet) -> int:
    metrics = _metrics(sheet, paragraph.style)
    return metrics.get("line") or L.LINE_PITCH


def paragraph_height(paragraph: Paragraph, sheet: Sheet) -> int:
    metrics = _metrics(sheet, paragraph.style)
    lines = 1 if paragraph.style == "Mark" else paragraph_lines(paragraph, sheet)     # the mark is fitted to a line
    return metrics.get("before", 0) + lines * line_height(paragraph, sheet) + metrics.get("after", 0) \
        + metrics.get("border", 0)


def row_height(row, sheet: Sheet) -> int:
    def cell(c) -> int:
        scale = c.width / L.TYPE_AREA_WIDTH
        return sum(paragraph_lines(p, sheet, scale) * line_height(p, sheet) for p in c.paragraphs)
    return max([row.height, *(cell(c) for c in row.cells)]) + 20


class Pager:
    """Places blocks one after another and remembers where each page ends."""

    def __init__(self, sheet: Sheet):
        self.sheet, self.flow = sheet, Flow()

    def place(self, blocks: list[Block]) -> Flow:
        for at, block in enumerate(blocks):
            if isinstance(block, Table):
                self.table(block)
            elif isinstance(block, Paragraph):
                self.paragraph(block, blocks[at + 1:])
        return self.flow

    # -- paragraphs --------------------------------------------------------------------
    def paragraph(self, p: Paragraph, following: list[Block]) -> None:
        metrics = _metrics(self.sheet, p.style)
        if any(r.kind == "page" for r in p.runs):
            self.flow.new_page()
            return
        breaks = p.page_break_before if p.page_break_before is not None else metrics.get("page_break_before")
        if breaks and self.flow.used:
            self.flow.new_page()
        if self.keeps_with_next(p, metrics):
            self.keep_chain(p, following)
        self.flow_lines(p, metrics)
        if p.section is not None:
            self.flow.new_page(self.type_area_height(p.section.orientation))

    def type_area_height(self, orientation: str) -> int:
        page = self.sheet.landscape if orientation == "landscape" else self.sheet.portrait
        return page["h"] - page["top"] - page["bottom"]

    def keeps_with_next(self, p: Paragraph, metrics: dict) -> bool:
        return p.keep_next if p.keep_next is not None else bool(metrics.get("keep_next"))

    def keep_chain(self, p: Paragraph, following: list[Block]) -> None:
        """Start a new page now when the chain this paragraph heads would not fit in what is left."""
        needed = self.chain_height(p, following)
        if needed > self.flow.room and needed <= self.flow.height and self.flow.used:
            lines = paragraph_lines(p, self.sheet)
            if p.body_tail and lines > WIDOW:            # Word moves only the last lines of a long paragraph
                return
            self.flow.new_page()

    def chain_height(self, p: Paragraph, following: list[Block]) -> int:
        height = paragraph_height(p, self.sheet)
        for block in following:
            if not isinstance(block, Paragraph):
                break
            metrics = _metrics(self.sheet, block.style)
            if self.keeps_with_next(block, metrics):
                height += paragraph_height(block, self.sheet)
                continue
            lines = min(WIDOW, paragraph_lines(block, self.sheet))
            return height + metrics.get("before", 0) + lines * line_height(block, self.sheet)
        return height

    def flow_lines(self, p: Paragraph, metrics: dict) -> None:
        height = paragraph_height(p, self.sheet)
        if height <= self.flow.room:
            self.flow.used += height
            return
        lines = 1 if p.style == "Mark" else paragraph_lines(p, self.sheet)
        step = line_height(p, self.sheet)
        fits = (self.flow.room - metrics.get("before", 0)) // step
        if lines >= 2 * WIDOW and fits >= WIDOW:
            below = max(lines - fits, WIDOW)
            self.flow.new_page()
            self.flow.used = below * step + metrics.get("after", 0)
            return
        if self.flow.used:
            self.flow.new_page()
        self.flow.used += height

    # -- tables -----------------------------------------------------------------------------
    def table(self, table: Table) -> None:
        if table.at_foot:
            return                                   # floats to the foot: the imprint plan places it
        header = sum(row_height(r, self.sheet) for r in table.rows if r.header)
        for row in table.rows:
            if row.header and self.flow.used and row is not table.rows[0]:
                continue
            height = row_height(row, self.sheet)
            if height > self.flow.room and self.flow.used:
                self.flow.new_page()
                self.flow.used += header if not row.header else 0
            self.flow.used += height


def body_end(blocks: list[Block], sheet: Sheet) -> Flow:
    """Where the body ends: the page and the room left on it, for the blocks up to (not including) the 版记."""
    body = [b for b in blocks if not isinstance(b, Anchor) and not (isinstance(b, Table) and b.at_foot)]
    return Pager(sheet).place(body)
