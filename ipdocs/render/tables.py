"""HTML tables → Word tables: the grid of column widths, merged cells, rows that repeat or keep whole.

Column widths come from the content (columns.py); a template's data-widths is a hint of proportions
for forms filled in by hand, where there is no content to measure. A table of class ``small`` is
set in 五号 (its own styles). Rows stay whole on a page unless taller than one; the header rows
repeat on every page; a section row and the rows of a merged group keep with the rows after them.

``runs_of`` (the walker's inline conversion) is passed in, so this module needs nothing of the walker.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import layout as L
from .blocks import Cell, Paragraph, Row, Run, Table
from .columns import Grid, fit, lines_of, lone_last_break, name_lines, room, text_width, wrap
from .columns import Cell as Measured
from .html import classes, text_of

CELL_CLASSES = {"center": "TableCenter", "section": "TableSection", "head": "TableHeading"}
SMALL = "Small"                              # style keys of a 五号 table: TableTextSmall …
TEXT_PT = {"": L.SIZE_PT["小四"], SMALL: L.SIZE_PT["五号"]}
LINE_TWIPS = {"": 300, SMALL: 240}           # the table styles' exact line heights
GROUP_SHARE = 4                             # a merged group at most this part of a page keeps its rows together
TYPE_AREA_HEIGHT = L.PORTRAIT["h"] - L.PORTRAIT["top"] - L.PORTRAIT["bottom"]


@dataclass
class Placed:
    """One cell of the grid: an HTML cell, or the continuation of one merged down from a row above."""
    row: int
    col: int
    cols: int
    rows: int
    source: object | None              # the <td>/<th>; None where a merged cell continues
    header: bool


def place(trs: list) -> list[list[Placed]]:
    """Every row's cells at their grid columns, rowspans and colspans resolved."""
    covered: dict[int, list[int]] = {}       # column → [rows still covered, colspan]
    columns = _columns(trs)
    grid = []
    for r, tr in enumerate(trs):
        header, sources, col, row = tr.getparent().tag == "thead", [c for c in tr if c.tag in ("td", "th")], 0, []
        while col < columns:
            if covered.get(col, [0])[0] > 0:
                covered[col][0] -= 1
                row.append(Placed(r, col, covered[col][1], 1, None, header))
                col += covered[col][1]
                continue
            if not sources:
                break
            cell = sources.pop(0)
            span, rowspan = int(cell.get("colspan", 1)), int(cell.get("rowspan", 1))
            if rowspan > 1:
                covered[col] = [rowspan - 1, span]
            row.append(Placed(r, col, span, rowspan, cell, header))
            col += span
        grid.append(row)
    return grid


def _columns(rows) -> int:
    return max((sum(int(c.get("colspan", 1)) for c in tr if c.tag in ("td", "th")) for tr in rows), default=1)


def words(cell) -> tuple[str, ...]:
    """A header's words where the template marked the places it may break (<wbr>); () when unmarked."""
    if not any(child.tag == "wbr" for child in cell.iter()):
        return ()
    pieces = [cell.text or ""]
    for child in cell:
        if child.tag == "wbr":            # lxml's HTML parser does not know <wbr> is empty: the word may be inside
            pieces.append((child.text or "") + (child.tail or ""))
        else:
            pieces[-1] += text_of(child) + (child.tail or "")
    return tuple(p.strip() for p in pieces if p.strip())


def _texts(cell) -> tuple[str, ...]:
    """The cell's lines as the writer sets them: each paragraph, split where a <br> breaks it."""
    paragraphs = [c for c in cell if c.tag == "p"] or [cell]
    return tuple(line for p in paragraphs for line in _broken_lines(p))


def _broken_lines(paragraph) -> list[str]:
    if not any(child.tag == "br" for child in paragraph.iter()):
        return [text_of(paragraph).strip()]
    lines = [paragraph.text or ""]
    for child in paragraph:
        if child.tag == "br":
            lines.append(child.tail or "")
        else:
            lines[-1] += text_of(child) + (child.tail or "")
    return [line.strip() for line in lines]


def measured(grid: list[list[Placed]], size: str) -> Grid:
    cells = tuple(Measured(p.row, p.col, _texts(p.source), p.cols, p.rows, p.header,
                           words(p.source) if p.header else (), "names" in classes(p.source))
                  for row in grid for p in row if p.source is not None)
    columns = max((p.col + p.cols for row in grid for p in row), default=1)
    return Grid(columns, len(grid), cells, int(TEXT_PT[size] * 20))


def hint(el, columns: int) -> list[float] | None:
    spec = (el.get("data-widths") or "").split()
    return [float(x) for x in spec] if len(spec) == columns else None


def table(el, width: int, runs_of) -> Table:
    """An HTML table, row- and column-spans included, as a fixed-width table with widths from its content."""
    imprint = "imprint" in classes(el)
    size = SMALL if "small" in classes(el) else ""
    grid = place(list(el.iter("tr")))
    model = measured(grid, size)
    widths = fit(model, width, hint(el, model.columns))
    edges = [sum(widths[:i]) for i in range(len(widths) + 1)]
    height = L.mm(float(el.get("data-row-height", 0)))     # body rows of a form: room to write by hand (mm)
    rows = [Row([word_cell(p, edges, model, size, imprint, runs_of) for p in row], row[0].header if row else False,
                True, 0 if (row and row[0].header) else height) for row in grid]
    keep_rows_whole(rows, grid, model, widths, page_height(width), LINE_TWIPS[size])
    return Table("ImprintTable" if imprint else "OfficialTable", width, widths, rows)


def word_cell(p: Placed, edges: list[int], model: Grid, size: str, imprint: bool, runs_of) -> Cell:
    width = edges[p.col + p.cols] - edges[p.col]
    if p.source is None:
        return Cell([Paragraph("TableText" + size)], width, p.cols, "continue")
    paragraphs = cell_paragraphs(p.source, imprint, runs_of, size, room(model, width))
    return Cell(paragraphs, width, p.cols, "restart" if p.rows > 1 else None)


def cell_paragraphs(cell, imprint: bool, runs_of, size: str = "", chars: float = 0.0) -> list[Paragraph]:
    style = "Imprint" if imprint else ("TableHeading" if cell.tag == "th" else next(
        (CELL_CLASSES[c] for c in classes(cell) if c in CELL_CLASSES), "TableText")) + size
    sources = [c for c in cell if c.tag == "p"] or [cell]
    if cell.tag == "th" and words(cell):
        return [Paragraph(style, broken(header_lines(words(cell), chars)))]
    if "names" in classes(cell):
        return [Paragraph(style, broken(no_lone_last(name_lines(text_of(s).strip(), chars))))
                for s in sources]
    return [Paragraph(style, without_lone_last(runs_of(s), chars)) for s in sources]


def no_lone_last(lines) -> list[str]:
    cut = lone_last_break(list(lines))
    if cut is None:
        return list(lines)
    text = "".join(lines)
    return [*_lines_before(lines, cut), text[cut:]]


def _lines_before(lines, cut: int) -> list[str]:
    head, kept = [], 0
    for line in lines:
        if kept + len(line) >= cut:
            return head + [line[:cut - kept]]
        head.append(line)
        kept += len(line)
    return head


def without_lone_last(runs: list[Run], chars: float) -> list[Run]:
    """Plain text whose last line in the cell would hold one character gets a line break one character
    earlier; text with emphasis or breaks of its own is left to the renderer."""
    if not runs or any(r.kind != "text" or r.style or r.size for r in runs):
        return runs
    text = "".join(r.text for r in runs)
    cut = lone_last_break(wrap(text, chars))
    return runs if cut is None else broken([text[:cut], text[cut:]])


def header_lines(parts: tuple[str, ...], chars: float) -> list[str]:
    """A header's words on as few lines as the cell allows, breaking only between words."""
    lines = [""]
    for word in parts:
        if lines[-1] and text_width(lines[-1] + word) > chars + 1e-6:
            lines.append("")
        lines[-1] += word
    return lines


def broken(lines) -> list[Run]:
    """Lines chosen here, as runs with line breaks between them."""
    runs = [Run(lines[0])]
    for line in lines[1:]:
        runs += [Run(kind="br"), Run(line)]
    return runs


def page_height(width: int) -> int:
    """The type area's height for a table this wide: a landscape page's type area is the portrait one turned."""
    return L.TYPE_AREA_WIDTH if width > L.TYPE_AREA_WIDTH else TYPE_AREA_HEIGHT


def keep_rows_whole(rows: list[Row], grid: list[list[Placed]], model: Grid, widths: list[int], page: int,
                    line: int) -> None:
    """Rows taller than a page may split; the rows a merged cell covers keep with each other when they are few
    (moving a longer group whole would leave much of a page empty)."""
    edges = [sum(widths[:i]) for i in range(len(widths) + 1)]
    tall = [0] * len(rows)
    for c in model.cells:
        if c.rows == 1:
            lines = lines_of(c.texts, room(model, edges[c.col + c.cols] - edges[c.col]), c.names)
            tall[c.row] = max(tall[c.row], lines * line, rows[c.row].height)
    for row, twips in zip(rows, tall):
        row.cant_split = twips < page
    for c in model.cells:
        if c.rows > 1 and not c.header and sum(tall[c.row:c.row + c.rows]) <= page // GROUP_SHARE:
            for row in rows[c.row:c.row + c.rows - 1]:
                for cell in row.cells:
                    for paragraph in cell.paragraphs:
                        paragraph.keep_next = True

