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
    workbook = _open(path, form)
    if workbook is None:
        return form
    for name, titles in ((f.DECISIONS, f.DECISION_COLUMNS), (f.INDICATORS, f.INDICATOR_COLUMNS)):
        if name not in workbook.sheetnames:
            form.error(None, f"找不到工作表“{name}”（表中的工作表：{'、'.join(workbook.sheetnames)}）：请用原表填写，不要改工作表名")
            continue
        _read_sheet(form, workbook[name], name, titles)
    workbook.close()
    return form


def _open(path: Path, form: Returned):
    if path.suffix.lower() == ".xls":
        form.error(None, "这是旧的 .xls 格式：请在 Excel 或 WPS 中“另存为” .xlsx 后再导入")
        return None
    try:
        return load_workbook(path, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        form.error(None, f"无法读取（{type(exc).__name__}）：不是完好的 .xlsx 文件，请在 Excel 或 WPS 中重新“另存为” .xlsx")
        return None


def _cells(ws, name: str):
    for row in ws.iter_rows(min_row=1, max_row=ws.max_row):
        yield [Cell(name, c.row, c.column, c.value, getattr(c, "number_format", "General")) for c in row]


def _read_sheet(form: Returned, ws, name: str, titles: tuple[str, ...]) -> None:
    rows = list(_cells(ws, name))
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
