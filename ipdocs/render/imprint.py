"""The 版记 (GB/T 9704 §7.4): 抄送/分送 and 印发机关 … 印发日期印发, ruled, at the foot of the last page.

It is a table that floats to the bottom of the type area, so the space above it stays blank
however long the body is, and it moves to the next page by itself when there is no room.
Its last row holds the 印发机关 1字 from the left and the date with 印发 ending 1字 from the right.
"""
from __future__ import annotations

from . import layout as L
from .blocks import Anchor, Cell, Paragraph, Row, Run, Table


def imprint_blocks(rows: list[list[Run]], width: int) -> list:
    """The 版记 table (one row a line, exact heights) and the paragraph it hangs from."""
    table_rows = [Row([Cell([Paragraph("Imprint", runs)], width)], height=L.IMPRINT_ROW, exact=True) for runs in rows]
    return [Table("ImprintTable", width, [width], table_rows, at_foot=True), Anchor()]
