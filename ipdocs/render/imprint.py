"""The 版记 (GB/T 9704 §7.4): 抄送/分送 and 印发机关 … 印发日期印发, ruled, at the foot of the last page.

It is a table that floats to the bottom of the type area, so the space above it stays blank
however long the body is, and it moves to the next page by itself when there is no room.
Its last row holds the 印发机关 1字 from the left and the date with 印发 ending 1字 from the right.
Printed on both sides (GB/T 9704 §8), the 版记 is on an even page, the back of the last sheet:
where the body ends decides whether it goes to the next page, and a blank page before it
and the 版记 page then carry no page number (§7.5).
"""
from __future__ import annotations

from . import layout as L
from .blocks import Anchor, Block, Cell, Paragraph, Row, Run, Section, Sheet, Table
from .pages import body_end


def imprint_blocks(rows: list[list[Run]], width: int) -> list:
    """The 版记 table (one row a line, exact heights) and the paragraph it hangs from."""
    table_rows = [Row([Cell([Paragraph("Imprint", runs)], width)], height=L.IMPRINT_ROW, exact=True) for runs in rows]
    return [Table("ImprintTable", width, [width], table_rows, at_foot=True), Anchor()]


def _imprint_at(blocks: list[Block]) -> int | None:
    return next((i for i, b in enumerate(blocks) if isinstance(b, Table) and b.at_foot), None)


def page_break() -> Paragraph:
    """An empty line that starts a page: LibreOffice moves a floating table only with a paragraph before it."""
    return Paragraph("Normal", page_break_before=True)


def place_on_even_page(blocks: list[Block], last: Section, sheet: Sheet) -> list[Block]:
    """Double-sided printing: the blocks with what puts the 版记 on an even page; `last` may lose its numbers."""
    at = _imprint_at(blocks)
    if at is None or not sheet.double_sided:
        return blocks
    flow = body_end(blocks[:at], sheet)
    starts_empty = _starts_a_page(blocks[:at])
    needed = len(blocks[at].rows) * L.IMPRINT_ROW
    if flow.page % 2 == 0 and (flow.room >= needed or starts_empty):
        return blocks                                    # the foot of this even page
    if flow.page % 2 == 1 and not starts_empty:
        return [*blocks[:at], page_break(), *blocks[at:]]   # the back of this sheet, numbered as usual
    last.numbered = False                                # a blank page, then the 版记 page: neither numbered
    if starts_empty:
        return [*blocks[:at], page_break(), *blocks[at:]]             # the empty first page stays blank
    body = blocks[:at]
    if isinstance(body[-1], Paragraph) and body[-1].section is None:
        body[-1].section = Section(last.orientation, last.letter)      # the body's pages keep their numbers
    else:
        body.append(Paragraph("Normal", section=Section(last.orientation, last.letter)))
    return [*body, Paragraph("Normal"), page_break(), *blocks[at:]]      # a blank page, then the 版记 page


def _starts_a_page(body: list[Block]) -> bool:
    """The body's last page holds nothing yet: a section break to a portrait page for the 版记 alone."""
    return len(body) >= 2 and isinstance(body[-2], Paragraph) and body[-2].section is not None \
        and isinstance(body[-1], Paragraph) and not body[-1].text
