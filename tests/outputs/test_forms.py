"""ipdocs forms: one prefilled, protected, printable .xlsx per member unit; the same content gives the same bytes."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

from support import REPO, Form, ipdocs
from ipdocs.documents.common import item_reference
from ipdocs.model import reporting
from ipdocs.model.periods import parse_period
from ipdocs.outputs import form_layout as f
from ipdocs.outputs.forms import unit_form
from ipdocs.read.content import load_content

Q4 = parse_period("2022-Q4")


@pytest.fixture(scope="module")
def content():
    return load_content(REPO / "content")


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """`ipdocs forms 2022-Q4` run in a copy of the shipped content."""
    import shutil
    project = tmp_path_factory.mktemp("forms")
    shutil.copytree(REPO / "content", project / "content")
    result = ipdocs("forms", "2022-Q4", cwd=project)
    assert result.returncode == 0, result.stderr
    return project / "output" / "表单" / "2022-Q4"


def unit(content, label):
    return next(u for u in content.units if u.label == label)


def column(ws, letter, first, last):
    return [ws[f"{letter}{row}"].value for row in range(first, last + 1)]


def test_every_member_unit_gets_a_form_named_after_it(made, content):
    assert sorted(p.name for p in made.iterdir()) == sorted(f"{u.label}.xlsx" for u in content.units if u.member)


def test_the_decisions_sheet_lists_the_units_open_items_by_their_minutes_reference(made, content):
    ws = load_workbook(made / "区法院.xlsx")["议定事项"]
    assert [ws[c].value for c in ("A2", "B2", "C2", "D2", "E2")] == ["单位", "区法院", "报送期", "2022-Q4", "报送日期"]
    assert [ws.cell(7, c).value for c in range(1, 8)] == list(f.DECISION_COLUMNS)
    items = reporting.open_items(content, unit(content, "区法院"), Q4)
    assert column(ws, "A", 8, 7 + len(items)) == [item_reference(content, i.meeting, i.decision) for i in items] == [
        "联席会议〔2022〕1号纪要第二项", "联席会议〔2022〕1号纪要第三项", "协调机制〔2022〕1号纪要第二项", "联席会议〔2022〕2号纪要第一项"]
    assert column(ws, "C", 8, 11) == ["配合", "配合", "牵头", "配合"] and ws["D10"].value == "2023年3月31日"
    assert ws["A12"].value is None


def test_an_item_the_lead_reported_done_is_no_longer_open_in_the_next_period(content):
    q1 = reporting.open_items(content, unit(content, "区法院"), parse_period("2023-Q1"))
    refs = [i.decision.ref for i in q1]
    assert "2022-12-15-joint-1#2" not in refs            # 区委宣传部 reported it 已完成 in 2022-Q4
    assert "2022-12-22-protection-1#2" in refs
    last = next(i for i in q1 if i.decision.ref == "2022-12-22-protection-1#2").last
    assert last[1].status == "推进中" and last[0].period.name == "2022-Q4"


def test_the_indicator_sheet_lists_the_parts_the_assessment_assigns_to_the_unit(made, content):
    ws = load_workbook(made / "区法院.xlsx")["考核指标"]
    assert [ws.cell(5, c).value for c in range(1, 8)] == list(f.INDICATOR_COLUMNS)
    lines = reporting.unit_lines(content.assessments[2022], unit(content, "区法院"))
    numbers = column(ws, "A", 6, 5 + len(lines))
    assert sorted(set(numbers)) == reporting.assigned_numbers(content.assessments[2022], unit(content, "区法院"))
    row = Form(made / "区法院.xlsx").row_of("考核指标", 33, second_cell="（2）跨省案件移送")
    assert "跨省案件移送每件0.5分" in ws[f"D{row}"].value and "填次数或件数" in ws[f"D{row}"].value
    assert ws[f"B{row - 1}"].value == "（1）" and ws[f"B{row + 1}"].value == "（2）跨市案件移送"


def test_only_the_yellow_cells_are_open_and_the_status_is_a_drop_down(made):
    book = load_workbook(made / "区法院.xlsx")
    ws = book["议定事项"]
    assert ws.protection.sheet and not ws.protection.password
    assert ws["F8"].protection.locked is False and ws["G8"].protection.locked is False and ws["F2"].protection.locked is False
    assert ws["A8"].protection.locked and ws["B2"].protection.locked and ws["D2"].protection.locked
    rules = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    assert rules["F8:F11"].type == "list" and rules["F8:F11"].formula1 == '"未启动,推进中,已完成"'
    assert rules["F2"].type == "date" and rules["F2"].showErrorMessage
    indicators = book["考核指标"]
    kinds = {str(dv.sqref): (dv.type, dv.operator) for dv in indicators.data_validations.dataValidation}
    count_row = Form(made / "区法院.xlsx").row_of("考核指标", 6)
    assert kinds[f"F{count_row}"] == ("whole", "greaterThanOrEqual")
    assert indicators[f"E{count_row}"].protection.locked is False and indicators[f"C{count_row}"].protection.locked


def test_forms_print_on_a4_landscape_with_the_column_titles_on_every_page(made):
    for ws, head in ((load_workbook(made / "区法院.xlsx")[name], row) for name, row in (("议定事项", 7), ("考核指标", 5))):
        assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
        assert ws.print_title_rows == f"${head}:${head}" and ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        assert ws.column_dimensions["C"].width >= 9 and ws.freeze_panes == f"A{head + 1}"


def test_the_same_content_makes_the_same_bytes(content):
    court = unit(content, "区法院")
    first = unit_form(content, court, Q4)
    assert first == unit_form(content, court, Q4)
    props = load_workbook(__import__("io").BytesIO(first)).properties
    assert props.created == props.modified and props.created.date() == Q4.start


def test_a_period_without_assessment_makes_forms_that_say_so(tmp_path):
    import shutil
    shutil.copytree(REPO / "content", tmp_path / "content")
    result = ipdocs("forms", "2023-Q2", cwd=tmp_path)
    assert result.returncode == 0 and "没有2023年度考核指标" in result.stderr
    ws = load_workbook(tmp_path / "output" / "表单" / "2023-Q2" / "区法院.xlsx")["考核指标"]
    assert "2023年度考核指标尚未建立" in ws["A3"].value and ws.max_row == 5


@pytest.mark.parametrize("args, message", [
    (("forms", "2023-Q5"), "报送期“2023-Q5”无效：应为 2022、2022-Q4 或 2022-12"),
    (("forms",), "缺少必填的period"),
    (("forms", "２０２２"), "报送期“２０２２”无效"),
    (("forms", "2022-1"), "报送期“2022-1”请写作 2022-01"),
])
def test_bad_arguments_say_what_to_write_and_make_nothing(tmp_path, args, message):
    import shutil
    shutil.copytree(REPO / "content", tmp_path / "content")
    result = ipdocs(*args, cwd=tmp_path)
    assert result.returncode != 0 and message in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "output").exists()


def test_a_link_planted_in_output_is_not_followed_and_nothing_outside_is_written(tmp_path):
    import shutil
    project, elsewhere = tmp_path / "project", tmp_path / "elsewhere"
    shutil.copytree(REPO / "content", project / "content")
    (project / "output").mkdir()
    elsewhere.mkdir()
    (project / "output" / "表单").symlink_to(elsewhere)
    result = ipdocs("forms", "2022-Q4", cwd=project)
    assert result.returncode == 1 and "拒绝改动" in result.stderr and "没有生成报送表" in result.stderr
    assert "Traceback" not in result.stderr and list(elsewhere.iterdir()) == []

