"""A returned progress form, read cell by cell: the header block and the rows of its two tables.

Nothing here depends on where a unit's spreadsheet program left things: the header
block is found by its labels, each table by its row of column titles, and each row by
what it says (the agreed item's reference, the indicator's 序号 and 小项). Blank rows are
skipped wherever they are. Every problem names the file, the sheet and the cell.
"""
from __future__ import annotations

import datetime as dt
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from ..outputs import form_layout as f

SCAN_ROWS = 60          # how far down the header block and the column titles are looked for
FORM_ROWS, FORM_COLUMNS = 5000, 50      # far more than any form holds: beyond this nothing is read


@dataclass(frozen=True, order=True)
class CellProblem:
    """A problem in a form: `区法院.xlsx:议定事项!F8: 状态“完成了”无效（…）`."""
    file: str
    sheet: int
    row: int
    column: int
    where: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True)
class Cell:
    sheet: str
    row: int
    column: int
    value: object
    number_format: str = "General"

    @property
    def coordinate(self) -> str:
        return f"{get_column_letter(self.column)}{self.row}"

    @property
    def text(self) -> str:
        return cell_text(self.value)

    @property
    def empty(self) -> bool:
        return self.text == ""


@dataclass
class Table:
    sheet: str
    columns: dict[str, int]                        # column title → column number
    rows: list[dict[str, Cell]] = field(default_factory=list)


@dataclass
class Returned:
    """What a form holds, and the problems found reading it."""
    shown: str
    header: dict[str, Cell] = field(default_factory=dict)
    tables: dict[str, Table] = field(default_factory=dict)
    problems: list[CellProblem] = field(default_factory=list)
    sheet_order: tuple[str, ...] = (f.DECISIONS, f.INDICATORS)

    def error(self, cell: Cell | None, message: str, sheet: str = "") -> None:
        sheet = cell.sheet if cell else sheet
        index = self.sheet_order.index(sheet) + 1 if sheet in self.sheet_order else 0
        if cell is None:
            where = f"{self.shown}:{sheet}" if sheet else self.shown
            self.problems.append(CellProblem(self.shown, index, 0, 0, where, message))
            return
        self.problems.append(CellProblem(self.shown, index, cell.row, cell.column,
                                         f"{self.shown}:{cell.sheet}!{cell.coordinate}", message))


def cell_text(value) -> str:
    """A cell's value as the unit sees it: numbers without a trailing .0, text tidied, dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date)):
        return (value.date() if isinstance(value, dt.datetime) else value).isoformat()
    return tidy(str(value))


def tidy(text: str) -> str:
    """Line breaks of any system as \\n, no control characters, no spaces at line ends, one Unicode form."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co"))
    lines = [line.replace("\t", " ").rstrip() for line in text.split("\n")]
    return unicodedata.normalize("NFC", "\n".join(lines).strip())


# -- reading a workbook ----------------------------------------------------------

def read_returned(path: Path, shown: str) -> Returned:
    form = Returned(shown)
    workbook, formulas = _open(path, form, data_only=True), _open(path, form, data_only=False)
    if workbook is None or formulas is None:
        return form
    for name, titles in ((f.DECISIONS, f.DECISION_COLUMNS), (f.INDICATORS, f.INDICATOR_COLUMNS)):
        if name not in workbook.sheetnames:
            form.error(None, f"找不到工作表“{name}”（表中的工作表：{'、'.join(workbook.sheetnames)}）：请用原表填写，不要改工作表名")
            continue
        _read_sheet(form, workbook[name], name, titles, formulas[name])
    workbook.close()
    formulas.close()
    return form


def _open(path: Path, form: Returned, data_only: bool):
    """The workbook with the values Excel stored (data_only) or with the formulas as written; None when unreadable."""
    if path.suffix.lower() == ".xls":
        form.error(None, "这是旧的 .xls 格式：请在 Excel 或 WPS 中“另存为” .xlsx 后再导入")
        return None
    try:
        return load_workbook(path, data_only=data_only)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError, SyntaxError) as exc:
        # SyntaxError: xml.etree's ParseError (a damaged sheet inside the zip) is one
        if data_only:
            form.error(None, f"无法读取（{type(exc).__name__}）：不是完好的 .xlsx 文件，请在 Excel 或 WPS 中重新“另存为” .xlsx")
        return None


def _cells(form: Returned, ws, name: str, formulas):
    """The sheet's rows up to its last filled cell (a cell formatted a million rows down must not be walked to)."""
    filled = [c for c in ws._cells.values() if c.value is not None]     # openpyxl keeps only the cells a file has
    beyond = [c for c in filled if c.row > FORM_ROWS or c.column > FORM_COLUMNS]
    if beyond:
        first = min(beyond, key=lambda c: (c.row, c.column))
        form.error(Cell(name, first.row, first.column, first.value),
                   f"这里有内容，但已远在报送表之外（表只有 {FORM_ROWS} 行、{FORM_COLUMNS} 列以内有用）：请删去，或把它填到表中该填的位置")
    inside = [c for c in filled if c.row <= FORM_ROWS and c.column <= FORM_COLUMNS]
    if not inside:
        return
    last_row, last_column = max(c.row for c in inside), max(c.column for c in inside)
    for row in ws.iter_rows(min_row=1, max_row=last_row, max_col=last_column):
        cells = [Cell(name, c.row, c.column, c.value, getattr(c, "number_format", "General")) for c in row]
        for cell in cells:
            written = getattr(formulas._cells.get((cell.row, cell.column)), "value", None)
            if cell.value is None and isinstance(written, str) and written.startswith("="):
                form.error(cell, f"这里是公式“{written[:40]}”，但表中没有它算出的结果（公式是用程序写入、没有在 Excel 中"
                                 "重新计算过的）：请直接填写数值或文字，或在 Excel / WPS 中打开后保存再导入")
        yield cells


def _read_sheet(form: Returned, ws, name: str, titles: tuple[str, ...], formulas) -> None:
    rows = list(_cells(form, ws, name, formulas))
    head = _title_row(rows, titles)
    if head is None:
        form.error(None, f"找不到表头（{'、'.join(titles)}）：请用原表填写，不要删改表头", sheet=name)
        return
    table = Table(name, {f.key(c.text): c.column for c in rows[head] if f.key(c.text) in titles})
    for title in titles:
        if title not in table.columns:
            form.error(None, f"表头中缺少“{title}”列：请用原表填写，不要删除列", sheet=name)
    if name == f.DECISIONS:
        _read_header(form, rows[:head])
    form.tables[name] = table
    by_column = {number: title for title, number in table.columns.items()}
    for row in rows[head + 1:]:
        cells = {by_column[c.column]: c for c in row if c.column in by_column}
        if any(not c.empty for c in cells.values()):
            table.rows.append(cells)


def _title_row(rows, titles) -> int | None:
    for index, row in enumerate(rows[:SCAN_ROWS]):
        found = {f.key(c.text) for c in row}
        if titles[0] in found and sum(t in found for t in titles) >= len(titles) - 2:
            return index
    return None


def _read_header(form: Returned, rows) -> None:
    for row in rows:
        for i, cell in enumerate(row):
            label = f.key(cell.text).rstrip("：:")
            if label in f.HEADER_LABELS and label not in form.header and i + 1 < len(row):
                form.header[label] = row[i + 1]
    for label in f.HEADER_LABELS:
        if label not in form.header:
            form.error(None, f"找不到“{label}”一栏：请用原表填写，不要删改表头部分", sheet=f.DECISIONS)
