"""`ipdocs forms <period>`: one prefilled .xlsx progress form per member unit, for the unit to fill in.

Sheet 议定事项 holds the header block (单位, 报送期, 报送日期, 联系人, 电话, 总体情况) and the
agreed items the unit leads or supports that are open in the period; sheet 考核指标 the
lines of the indicators the year's assessment assigns to the unit. Only the yellow cells
are open for input (sheet protection without a password: it guards against slips, not
people); statuses are a drop-down and numbers and dates are checked as they are typed.
The same content gives the same bytes: fixed document times, a zip with fixed times.
"""
from __future__ import annotations

import datetime as dt
import io
import math
import unicodedata
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.writer.excel import ExcelWriter

from ..documents.common import item_reference, office_name, plain_summary
from ..files import safe_name, write_atomic, zip_bytes
from ..model import reporting
from ..model.content import LEAD_BODY
from ..model.ledger import member_units
from ..model.periods import Period
from ..model.progress import STATUSES
from ..text import cn_date
from . import form_layout as f

FOLDER = "表单"
DECISION_WIDTHS = (27, 42, 9, 13, 16, 10, 42)
INDICATOR_WIDTHS = (6, 14, 46, 26, 40, 10, 30)
HEADER_ROW = {f.DECISIONS: 7, f.INDICATORS: 5}     # the row of each table's column titles
LINE_HEIGHT = 14.5

_THIN = Side(style="thin", color="808080")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
BODY_FONT = Font(name="宋体", size=11)
BOLD_FONT = Font(name="黑体", size=11)
TITLE_FONT = Font(name="黑体", size=16)
GUIDE_FONT = Font(name="宋体", size=10, color="404040")
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
HEAD_FILL = PatternFill("solid", fgColor="D9D9D9")
WRAP = Alignment(wrap_text=True, vertical="center")
CENTER = Alignment(wrap_text=True, vertical="center", horizontal="center")
OPEN = Protection(locked=False)


def form_path(output: Path, period: Period, unit) -> Path:
    return output / FOLDER / period.name / f"{safe_name(unit.label)}.xlsx"


def write_forms(content, period: Period, output: Path) -> list[Path]:
    """Every member unit's form; all are made before the first is written."""
    forms = {form_path(output, period, unit): unit_form(content, unit, period)
             for unit in member_units(content, period.end)}
    for path, data in forms.items():
        write_atomic(path, data, root=output)
    return list(forms)


def unit_form(content, unit, period: Period) -> bytes:
    wb = Workbook()
    decisions = wb.active
    decisions.title = f.DECISIONS
    fill_decisions(decisions, content, unit, period)
    fill_indicators(wb.create_sheet(f.INDICATORS), content, unit, period)
    _properties(wb, content, unit, period)
    return workbook_bytes(wb)


# -- cells ---------------------------------------------------------------------

def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def line_count(text, width: float) -> int:
    per_line = max(width - 2.5, 1)
    return sum(max(1, math.ceil(display_width(p) / per_line)) for p in str(text or "").split("\n"))


def put(ws, row: int, column: int, value, *, font=BODY_FONT, align=WRAP, fill=None, editable=False, fmt=None):
    cell = ws.cell(row=row, column=column, value=value)
    cell.font, cell.alignment, cell.border = font, align, BORDER
    if editable:
        cell.protection, cell.fill = OPEN, INPUT_FILL
    elif fill:
        cell.fill = fill
    if fmt:
        cell.number_format = fmt
    return cell


def fit_height(ws, row: int, widths, minimum: int = 1) -> None:
    lines = max([minimum, *(line_count(ws.cell(row=row, column=c).value, w) for c, w in enumerate(widths, 1))])
    ws.row_dimensions[row].height = round(lines * LINE_HEIGHT + 6, 1)


def merged(ws, row: int, text: str, columns: int, font=GUIDE_FONT, height_of=None, **kw):
    put(ws, row, 1, text, font=font, **kw)
    for column in range(2, columns + 1):
        put(ws, row, column, None, **kw)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
    ws.row_dimensions[row].height = round(line_count(text, sum(height_of or ())) * LINE_HEIGHT * 1.15 + 6, 1)


def title(ws, text: str, widths) -> None:
    merged(ws, 1, text, len(widths), font=TITLE_FONT, height_of=widths, align=CENTER)
    for column in range(1, len(widths) + 1):
        ws.cell(row=1, column=column).border = Border()
    ws.row_dimensions[1].height = 30


def table_head(ws, row: int, columns, inputs) -> None:
    for column, name in enumerate(columns, 1):
        put(ws, row, column, name, font=BOLD_FONT, align=CENTER, fill=INPUT_FILL if name in inputs else HEAD_FILL)
    ws.row_dimensions[row].height = 24


def label_and_value(ws, row: int, column: int, label: str, value=None, editable=False, fmt="@"):
    put(ws, row, column, label, font=BOLD_FONT, align=CENTER, fill=HEAD_FILL)
    return put(ws, row, column + 1, value, editable=editable, fmt=fmt, align=WRAP if editable else CENTER)


# -- sheet 议定事项 ----------------------------------------------------------------

def fill_decisions(ws, content, unit, period: Period) -> None:
    widths = DECISION_WIDTHS
    title(ws, f"{unit.label}{period.label}知识产权工作进展报送表", widths)
    header_block(ws, unit, period, widths)
    merged(ws, 6, f.GUIDE_DECISIONS, len(widths), height_of=widths)
    head = HEADER_ROW[f.DECISIONS]
    table_head(ws, head, f.DECISION_COLUMNS, f.DECISION_INPUT)
    items = reporting.open_items(content, unit, period)
    for row, item in enumerate(items, head + 1):
        decision_row(ws, row, content, item)
    if not items:
        merged(ws, head + 1, "本期没有需要报送的议定事项。", len(widths), height_of=widths)
    status_drop_down(ws, head + 1, head + max(len(items), 1))
    finish(ws, widths, head)


def header_block(ws, unit, period: Period, widths) -> None:
    label_and_value(ws, 2, 1, f.UNIT, unit.label)
    label_and_value(ws, 2, 3, f.PERIOD, period.name)
    submitted = label_and_value(ws, 2, 5, f.SUBMITTED, editable=True, fmt="yyyy-mm-dd")
    put(ws, 2, 7, None, editable=True)
    ws.merge_cells(start_row=2, start_column=6, end_row=2, end_column=7)
    label_and_value(ws, 3, 1, f.CONTACT, editable=True)
    label_and_value(ws, 3, 3, f.PHONE, editable=True)
    for column in range(5, 8):
        put(ws, 3, column, None)
    ws.merge_cells(start_row=3, start_column=5, end_row=3, end_column=7)
    summary_block(ws, widths)
    date_validation(ws, submitted.coordinate, period)
    ws.row_dimensions[2].height = ws.row_dimensions[3].height = 24


def summary_block(ws, widths) -> None:
    put(ws, 4, 1, f.SUMMARY, font=BOLD_FONT, align=CENTER, fill=HEAD_FILL)
    for column in range(2, len(widths) + 1):
        put(ws, 4, column, None, editable=True, fmt="@")
    ws.merge_cells(start_row=4, start_column=2, end_row=4, end_column=len(widths))
    ws.row_dimensions[4].height = 60
    put(ws, 5, 1, "（可选：本期工作的总体情况，印在单位报告开头）", font=GUIDE_FONT, align=WRAP)
    ws.merge_cells(start_row=5, start_column=1, end_row=5, end_column=len(widths))
    ws.cell(row=5, column=1).border = Border()


def last_said(item: reporting.OpenItem) -> str:
    if not item.last:
        return "—"
    report, note = item.last
    return f"{note.status}（{report.period.label}）"


def decision_row(ws, row: int, content, item: reporting.OpenItem) -> None:
    d = item.decision
    values = (item_reference(content, item.meeting, d), plain_text(d.text), item.role, cn_date(d.due) or "—",
              last_said(item))
    for column, value in enumerate(values, 1):
        put(ws, row, column, value, align=WRAP if column == 2 else CENTER)
    put(ws, row, 6, None, editable=True, align=CENTER)
    put(ws, row, 7, None, editable=True, fmt="@")
    fit_height(ws, row, DECISION_WIDTHS, minimum=2)


def plain_text(markdown: str) -> str:
    """An agreed item's text without Markdown marks, one line per paragraph or list entry."""
    lines = [line.strip().replace("**", "").replace("`", "") for line in markdown.strip().splitlines()]
    return "\n".join(line for line in lines if line) or plain_summary(markdown)


# -- sheet 考核指标 ----------------------------------------------------------------

def fill_indicators(ws, content, unit, period: Period) -> None:
    widths = INDICATOR_WIDTHS
    assessment = content.assessments.get(period.year)
    name = f"《{assessment.title}》" if assessment else f"{period.year}年度考核指标"
    title(ws, f"{unit.label}{period.label}服务考核指标的工作", widths)
    label_and_value(ws, 2, 1, f.UNIT, unit.label)
    label_and_value(ws, 2, 3, f.PERIOD, period.name)
    put(ws, 2, 5, name, font=GUIDE_FONT, align=CENTER)
    ws.merge_cells(start_row=2, start_column=5, end_row=2, end_column=7)
    ws.row_dimensions[2].height = 24
    guide = f.GUIDE_INDICATORS if assessment else (
        f"{period.year}年度考核指标尚未建立（content/assessment/{period.year}.yaml），本表暂不填写。")
    merged(ws, 3, guide, len(widths), height_of=widths)
    head = HEADER_ROW[f.INDICATORS]
    table_head(ws, head, f.INDICATOR_COLUMNS, f.INDICATOR_INPUT)
    lines = reporting.unit_lines(assessment, unit)
    for row, line in enumerate(lines, head + 1):
        indicator_row(ws, row, line)
    if assessment:
        spare_rows(ws, head + len(lines) + 1, max(assessment.indicators))
    finish(ws, widths, head)


def indicator_row(ws, row: int, line: reporting.Line) -> None:
    put(ws, row, 1, line.no, align=CENTER)
    put(ws, row, 2, f.part_label(line), align=CENTER)
    put(ws, row, 3, line.text)
    put(ws, row, 4, f"{f.scoring_text(line)}\n{f.FIGURE}：{f.measure_hint(line)}")
    put(ws, row, 5, None, editable=True, fmt="@")
    put(ws, row, 6, None, editable=True, align=CENTER)
    put(ws, row, 7, None, editable=True, fmt="@")
    fit_height(ws, row, INDICATOR_WIDTHS, minimum=2)
    figure_validation(ws, f"F{row}", line)


def spare_rows(ws, first: int, highest: int) -> None:
    for row in range(first, first + f.SPARE_ROWS):
        for column in range(1, 8):
            put(ws, row, column, None, editable=column in (1, 2, 5, 6, 7), align=CENTER if column in (1, 2, 6) else WRAP,
                fmt="@" if column in (2, 5, 7) else None)
        ws.row_dimensions[row].height = 2 * LINE_HEIGHT + 6
    numbers = validation("whole", "between", 1, highest, "序号", f"请填写考核指标序号（1–{highest}）")
    ws.add_data_validation(numbers)
    numbers.add(f"A{first}:A{first + f.SPARE_ROWS - 1}")


# -- validation, print, protection ---------------------------------------------------

def validation(kind: str, operator: str | None, low, high, what: str, message: str) -> DataValidation:
    dv = DataValidation(type=kind, operator=operator, formula1=str(low), formula2=None if high is None else str(high),
                        allow_blank=True, showErrorMessage=True, showInputMessage=True)
    dv.errorTitle, dv.error, dv.promptTitle, dv.prompt = f"{what}无效", message, what, message
    return dv


def status_drop_down(ws, first: int, last: int) -> None:
    options = "、".join(STATUSES)
    dv = DataValidation(type="list", formula1='"' + ",".join(STATUSES) + '"', allow_blank=True,
                        showErrorMessage=True, showInputMessage=True)
    dv.errorTitle, dv.error, dv.promptTitle, dv.prompt = "状态无效", f"请从下拉列表中选择：{options}", "状态", options
    ws.add_data_validation(dv)
    dv.add(f"F{first}:F{last}")


def date_validation(ws, cell: str, period: Period) -> None:
    low, high = int(to_excel(period.start)), int(to_excel(dt.date(period.end.year + 1, 12, 31)))
    dv = validation("date", "between", low, high, "报送日期", f"请填写 {period.start} 以后的日期，如 {period.end}")
    ws.add_data_validation(dv)
    dv.add(cell)


def figure_validation(ws, cell: str, line: reporting.Line) -> None:
    if line.measure == "done":
        dv = DataValidation(type="list", formula1=f'"{f.NO_}"', allow_blank=True, showErrorMessage=True)
        dv.errorTitle, dv.error = "次数/数值无效", "已完成的不填；工作尚未完成填“否”"
    elif line.measure == "count":
        dv = validation("whole", "greaterThanOrEqual", 0, None, "次数/数值", "请填写整数（次数或件数）")
    elif line.measure == "score":
        top = line.rule["max"] if line.rule else 100
        dv = validation("decimal", "between", 0, top, "次数/数值", f"请填写 0–{top:g} 之间的得分")
    else:
        dv = validation("decimal", "greaterThanOrEqual", 0, None, "次数/数值", "请填写数值（比率写百分数，如 96）")
    ws.add_data_validation(dv)
    dv.add(cell)


def finish(ws, widths, head: int) -> None:
    for column, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(column)].width = width
    ws.freeze_panes = f"A{head + 1}"
    ws.print_title_rows = f"{head}:{head}"
    ws.page_setup.orientation, ws.page_setup.paperSize = "landscape", ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.protection.sheet = True
    ws.protection.formatColumns = ws.protection.formatRows = False     # widths and heights may change


def _properties(wb, content, unit, period: Period) -> None:
    when = dt.datetime.combine(period.start, dt.time())
    props = wb.properties
    props.creator = props.lastModifiedBy = office_name(content.bodies[LEAD_BODY])
    props.title = f"{unit.label}{period.label}知识产权工作进展报送表"
    props.created = props.modified = when


def workbook_bytes(wb) -> bytes:
    """The .xlsx with the times openpyxl would take from the clock replaced by fixed ones."""
    buffer = io.BytesIO()
    ExcelWriter(wb, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as written:
        return zip_bytes([(name, written.read(name)) for name in written.namelist()])
