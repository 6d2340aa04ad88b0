"""HTML tables → Word tables: the grid of column widths, merged cells, rows that repeat or keep whole.

``runs_of`` (the walker's inline conversion) is passed in, so this module needs nothing of the walker.
"""
from __future__ import annotations

from . import layout as L
from .blocks import Cell, Paragraph, Row, Table

CELL_CLASSES = {"center": "TableCenter", "section": "TableSection", "head": "TableHeading"}


def _classes(el) -> list[str]:
    return (el.get("class") or "").split()


def _columns(rows) -> int:
    return max((sum(int(c.get("colspan", 1)) for c in tr if c.tag in ("td", "th")) for tr in rows), default=1)


def column_widths(el, columns: int, width: int) -> list[int]:
    """Widths from the table's data-widths weights (equal when absent), summing to the full width."""
    spec = (el.get("data-widths") or "").split()
    weights = [float(x) for x in spec] if len(spec) == columns else [1.0] * columns
    total = sum(weights)
    widths = [int(width * w / total) for w in weights]
    widths[-1] += width - sum(widths)
    return widths


def cell_paragraphs(cell, imprint: bool, runs_of) -> list[Paragraph]:
    style = "Imprint" if imprint else "TableHeading" if cell.tag == "th" else next(
        (CELL_CLASSES[c] for c in _classes(cell) if c in CELL_CLASSES), "TableText")
    sources = [c for c in cell if c.tag == "p"] or [cell]
    return [Paragraph(style, runs_of(s)) for s in sources]


def table(el, width: int, runs_of) -> Table:
    """An HTML table, row- and column-spans included, as a fixed-width table."""
    imprint = "imprint" in _classes(el)
    trs = list(el.iter("tr"))
    grid = column_widths(el, _columns(trs), width)
    # Rows stay whole on a page, except in tables whose body merges cells down several rows:
    # there a whole group could not move, and LibreOffice would let it run off the page.
    cant_split = not any(td.get("rowspan") for td in el.iter("td"))
    spans: dict[int, list] = {}      # column → [rows still covered, colspan]
    height = L.mm(float(el.get("data-row-height", 0)))     # body rows of a form: room to write by hand (mm)
    rows = [Row(row_cells(tr, grid, spans, imprint, runs_of), head, cant_split, 0 if head else height)
            for tr in trs for head in [tr.getparent().tag == "thead"]]
    return Table("ImprintTable" if imprint else "OfficialTable", width, grid, rows)


def row_cells(tr, grid: list[int], spans: dict, imprint: bool, runs_of) -> list[Cell]:
    cells, sources, col = [], [c for c in tr if c.tag in ("td", "th")], 0
    while col < len(grid):
        if spans.get(col, [0])[0] > 0:
            spans[col][0] -= 1
            span = spans[col][1]
            cells.append(Cell([Paragraph("TableText")], sum(grid[col:col + span]), span, "continue"))
            col += span
            continue
        if not sources:
            break
        cell = sources.pop(0)
        span, rowspan = int(cell.get("colspan", 1)), int(cell.get("rowspan", 1))
        if rowspan > 1:
            spans[col] = [rowspan - 1, span]
        cells.append(Cell(cell_paragraphs(cell, imprint, runs_of), sum(grid[col:col + span]), span,
                          "restart" if rowspan > 1 else None))
        col += span
    return cells
