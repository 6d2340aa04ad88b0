"""ipdocs import: forms filled as units fill them come back as progress files, the reports count them,
and every bad cell is named by file, sheet and cell while nothing is written."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from support import REPO, Form, ipdocs, plain
from ipdocs.documents.progress import assessment_context, office_context, office_document, unit_document
from ipdocs.documents.registry import render
from ipdocs.model.periods import parse_period
from ipdocs.files import write_atomic
from ipdocs.outputs.forms import form_path, unit_form
from ipdocs.read.content import load_content
from ipdocs.read.loader import load_yaml

Q4 = parse_period("2022-Q4")
DECISIONS, INDICATORS = "议定事项", "考核指标"
FIRST_INDICATOR_ROW = 6


@pytest.fixture
def project(tmp_path) -> Path:
    """The shipped content without its 2022-Q4 reports, and the forms for 2022-Q4 made from it."""
    shutil.copytree(REPO / "content", tmp_path / "content")
    shutil.rmtree(tmp_path / "content" / "progress" / "2022-Q4")
    content = load_content(tmp_path / "content")
    for unit in (u for u in content.units if u.label in ("区法院", "区市场监管局", "区商务局")):
        write_atomic(form_path(tmp_path / "output", Q4, unit), unit_form(content, unit, Q4))
    return tmp_path


def form(project: Path, unit: str) -> Form:
    return Form(project / "output" / "表单" / "2022-Q4" / f"{unit}.xlsx")


def fill_court(project: Path) -> Path:
    """区法院 as a unit fills it: a date as an Excel serial, a number as text, blank rows added, two pieces of work
    on one indicator (the second in a spare row), a piece of work still under way."""
    court = form(project, "区法院")
    d = court.row_of(DECISIONS, "联席会议〔2022〕1号纪要第二项")
    m = court.row_of(DECISIONS, "协调机制〔2022〕1号纪要第二项")
    court.fill(DECISIONS, {"F2": 44924, "B3": "王敏", "D3": "0417-2800000", "B4": "第四季度，我院结合典型案例开展以案释法。",
                           f"F{d}": "已完成", f"G{d}": "12月22日进区经济开发区开展以案释法宣传1次。",
                           f"F{m}": "推进中", f"G{m}": "已起草工作办法（征求意见稿）。\n正在征求区司法局意见。"})
    court.book[DECISIONS].insert_rows(8, 2)
    six, tech, mediation = (court.row_of(INDICATORS, no, second_cell=part) for no, part in ((6, "—"), (31, "（1）"), (32, "—")))
    spare = court.book[INDICATORS].max_row - 2
    court.fill(INDICATORS, {
        f"E{six}": "12月22日进区经济开发区开展以案释法宣传活动1次。", f"F{six}": "1", f"G{six}": "区法院_以案释法进园区活动记录.md",
        f"E{tech}": "技术调查官参与审理专利侵权案件2件。", f"G{tech}": "evidence/2022/区法院_技术调查官参与案件统计.md",
        f"E{mediation}": "诉调对接工作办法正在征求意见。", f"F{mediation}": "否",
        f"A{spare}": 6, f"B{spare}": "—", f"E{spare}": "12月进社区宣传2次。", f"F{spare}": 2})
    return court.save(project / "returned" / "区法院.xlsx")


def fill_bureau(project: Path) -> Path:
    """区市场监管局: the date as text, a rate typed as a percentage, a count that the rule requires."""
    bureau = form(project, "区市场监管局")
    plan = bureau.row_of(DECISIONS, "联席会议〔2022〕1号纪要第一项")
    rate, cases = bureau.row_of(INDICATORS, 15, second_cell="（1）"), bureau.row_of(INDICATORS, 14, second_cell="（1）")
    bureau.fill(DECISIONS, {"F2": "2022年12月30日", f"F{plan}": "推进中", f"G{plan}": "推进计划已印发，年度总结正在起草。"})
    bureau.fill(INDICATORS, {f"E{rate}": "商标行政案件应公开9件，已公开9件。", f"F{rate}": 1,
                             f"E{cases}": "办结专利侵权纠纷行政裁决案件4件。", f"F{cases}": 4,
                             f"G{cases}": "区市场监管局_知识产权行政案件统计表.md、区市场监管局_专利代理机构名单.md"})
    bureau.book[INDICATORS][f"F{rate}"].number_format = "0%"
    return bureau.save(project / "returned" / "区市场监管局.xlsx")


def fill_commerce(project: Path) -> Path:
    """区商务局, which moved two rows about (cut and paste) before filling them in."""
    commerce = form(project, "区商务局")
    ws = commerce.book[INDICATORS]
    first, second = FIRST_INDICATOR_ROW, commerce.row_of(INDICATORS, 37, second_cell="（3）")
    for column in range(1, 8):
        a, b = ws.cell(first, column), ws.cell(second, column)
        a.value, b.value = b.value, a.value
    commerce.fill(DECISIONS, {"F2": "2022-12-28", "F8": "推进中"})
    commerce.fill(INDICATORS, {f"E{first}": "针对中小微企业开展咨询指导2次。", f"F{first}": 2})
    return commerce.save(project / "returned" / "区商务局.xlsx")


def imported(project: Path, unit: str) -> dict:
    return plain(load_yaml(project / "content" / "progress" / "2022-Q4" / f"{unit}.yaml"))


def test_filled_forms_become_progress_files_that_the_reports_count(project):
    fill_court(project), fill_bureau(project), fill_commerce(project)
    result = ipdocs("import", "returned", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "returned/区法院.xlsx → content/progress/2022-Q4/区法院.yaml：已导入" in result.stdout
    assert imported(project, "区法院") == {
        "unit": "区法院", "period": "2022-Q4", "submitted": "2022-12-29", "summary": "第四季度，我院结合典型案例开展以案释法。",
        "decisions": [
            {"ref": "2022-12-15-joint-1#2", "status": "已完成", "note": "12月22日进区经济开发区开展以案释法宣传1次。"},
            {"ref": "2022-12-22-protection-1#2", "status": "推进中", "note": "已起草工作办法（征求意见稿）。\n正在征求区司法局意见。"}],
        "indicators": [
            {"no": 6, "count": 1, "text": "12月22日进区经济开发区开展以案释法宣传活动1次。",
             "evidence": ["evidence/2022/区法院_以案释法进园区活动记录.md"]},
            {"no": 31, "part": 1, "text": "技术调查官参与审理专利侵权案件2件。",
             "evidence": ["evidence/2022/区法院_技术调查官参与案件统计.md"]},
            {"no": 32, "done": False, "text": "诉调对接工作办法正在征求意见。"},
            {"no": 6, "count": 2, "text": "12月进社区宣传2次。"}]}
    bureau = imported(project, "区市场监管局")
    assert bureau["submitted"] == "2022-12-30" and bureau["indicators"] == [
        {"no": 14, "part": 1, "count": 4, "text": "办结专利侵权纠纷行政裁决案件4件。",
         "evidence": ["evidence/2022/区市场监管局_知识产权行政案件统计表.md", "evidence/2022/区市场监管局_专利代理机构名单.md"]},
        {"no": 15, "part": 1, "value": 100, "text": "商标行政案件应公开9件，已公开9件。"}]
    assert imported(project, "区商务局")["indicators"] == [{"no": 37, "part": 3, "count": 2, "text": "针对中小微企业开展咨询指导2次。"}]
    text = (project / "content" / "progress" / "2022-Q4" / "区法院.yaml").read_text(encoding="utf-8")
    assert "# 联系人：王敏；电话：0417-2800000" in text and "ref: 2022-12-15-joint-1#2  # 联席会议〔2022〕1号纪要第二项" in text
    assert_reports(load_content(project / "content"))


def assert_reports(content):
    """The unit's report prints what the form said; the office report counts the three units and scores their work."""
    court = next(r for r in content.progress if r.unit.label == "区法院" and r.period == Q4)
    page = render(unit_document(content, court))[".html"].decode("utf-8")
    assert "12月22日进区经济开发区开展以案释法宣传1次。" in page and "第四季度，我院结合典型案例开展以案释法。" in page
    assert "区法院_以案释法进园区活动记录" in page and "（尚未完成）" in page
    office = office_context(content, Q4)
    assert office["units"]["reported"] == 3 and office["units"]["total"] == 24 and len(office["units"]["missing"]) == 21
    # by their leads: 1号纪要第一项, 协调机制第二项, 2号纪要第二项 推进中 (the forms); 第三项 未启动 (区市场监管局's
    # December report, which the form left out); 区法院's 已完成 is a supporting unit's word and does not count
    assert office["counts"] == {"已完成": 0, "推进中": 3, "未启动": 1, "未报送": 3}
    rows = {row["no"]: row for s in assessment_context(content, Q4)["sections"] for row in s["rows"]}
    assert rows[6]["score"] == 1.2                      # 1 + 2 activities at 0.4 (区市场监管局's December one is replaced)
    assert rows[14]["score"] == 3 and rows[15]["score"] > 0 and rows[32]["score"] == 0 and rows[37]["score"] == 1.0
    page = render(office_document(content, Q4))[".html"].decode("utf-8")
    assert "已报送工作完成情况报告的3个" in page


def test_importing_the_same_form_again_changes_nothing(project):
    fill_court(project)
    assert ipdocs("import", "returned/区法院.xlsx", cwd=project).returncode == 0
    target = project / "content" / "progress" / "2022-Q4" / "区法院.yaml"
    before = (target.read_bytes(), target.stat().st_mtime_ns)
    again = ipdocs("import", "returned/区法院.xlsx", cwd=project)
    assert again.returncode == 0 and "没有变化" in again.stdout
    assert (target.read_bytes(), target.stat().st_mtime_ns) == before


def test_a_changed_form_replaces_the_file_only_when_asked_and_shows_the_change(project):
    path = fill_court(project)
    ipdocs("import", str(path), cwd=project)
    row = form(project, "区法院").row_of(DECISIONS, "协调机制〔2022〕1号纪要第二项")
    Form(path).fill(DECISIONS, {f"F{row + 2}": "已完成"}).save()      # the two blank rows the unit added are above it
    target = project / "content" / "progress" / "2022-Q4" / "区法院.yaml"
    before = target.read_bytes()
    refused = ipdocs("import", str(path), cwd=project)
    assert refused.returncode == 1 and "已存在，内容与这份表不同" in refused.stderr and "--replace" in refused.stderr
    assert target.read_bytes() == before
    replaced = ipdocs("import", str(path), "--replace", cwd=project)
    assert replaced.returncode == 0, replaced.stderr
    assert "-    status: 推进中" in replaced.stdout and "+    status: 已完成" in replaced.stdout
    assert imported(project, "区法院")["decisions"][1]["status"] == "已完成"


def test_bad_cells_are_named_by_file_sheet_and_cell_and_nothing_is_written(project):
    court = Form(fill_court(project))
    status = court.row_of(DECISIONS, "联席会议〔2022〕1号纪要第二项")
    six = court.row_of(INDICATORS, 6, second_cell="—")
    tech = court.row_of(INDICATORS, 31, second_cell="（1）")
    spare = court.book[INDICATORS].max_row - 1
    court.fill(DECISIONS, {f"F{status}": "完成了"})
    court.fill(INDICATORS, {f"F{six}": "一次", f"G{tech}": "庭审照片.jpg", f"A{spare}": 14, f"E{spare}": "办理专利案件。"}).save()
    fill_bureau(project)
    result = ipdocs("import", "returned", cwd=project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"returned/区法院.xlsx:议定事项!F{status}: 状态“完成了”无效（可选：未启动、推进中、已完成）",
        f"returned/区法院.xlsx:考核指标!F{six}: 次数/数值“一次”应为数字：填次数或件数（整数），不填按1次",
        f"returned/区法院.xlsx:考核指标!G{tech}: 证明材料“庭审照片.jpg”：content/evidence/2022/ 中没有这个文件"
        "（最接近的是：区委宣传部_四进宣传活动照片.png）：请把文件放进该文件夹，或改正文件名",
        f"returned/区法院.xlsx:考核指标!A{spare}: 第14项指标不是区法院的考核任务（区法院承担的指标：3、4、5、6、7、9、10、28、31、32、33、38、45、46）：请核对序号",
        "共 4 处错误，请改正后再导入；没有导入任何表，content/ 没有改动。"]
    assert not (project / "content" / "progress" / "2022-Q4").exists()      # 区市场监管局's good form waits too


def test_a_subfolder_and_other_files_beside_the_forms_are_named_not_skipped_silently(project):
    fill_court(project)
    (project / "returned" / "补报").mkdir()
    (project / "returned" / "补报" / "区检察院.xlsx").write_bytes(b"")
    (project / "returned" / "说明.txt").write_text("各单位报表", encoding="utf-8")
    result = ipdocs("import", "returned", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "警告：没有导入 returned/补报/ 中的文件：子文件夹不读" in result.stderr
    assert "警告：没有导入 returned/说明.txt：不是 .xlsx 文件" in result.stderr


def test_a_problem_only_the_content_check_finds_is_shown_at_its_cell(project):
    court = Form(fill_court(project))
    row = court.row_of(DECISIONS, "联席会议〔2022〕2号纪要第一项")
    court.fill(DECISIONS, {"F2": "2022-12-20", f"F{row}": "未启动"}).save()
    result = ipdocs("import", "returned", cwd=project)
    assert result.returncode == 1
    assert f"returned/区法院.xlsx:议定事项!A{row}: 议定事项 2022-12-28-joint-2#1 是 2022-12-28 的会议议定的，晚于本报告的报送日期 2022-12-20" \
        in result.stderr


def soffice_resave(source: Path, folder: Path) -> Path:
    profile = folder.parent / "lo-profile"
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "xlsx",
                    "--outdir", str(folder), str(source)], check=True, capture_output=True, timeout=180)
    return folder / source.name


@pytest.mark.skipif(shutil.which("soffice") is None, reason="没有 LibreOffice：apt-get install -y libreoffice-calc-nogui")
def test_a_form_resaved_by_libreoffice_imports_the_same(project):
    path = fill_court(project)
    assert ipdocs("import", str(path), cwd=project).returncode == 0
    resaved = soffice_resave(path, project / "resaved")
    assert resaved.read_bytes() != path.read_bytes()
    again = ipdocs("import", str(resaved), cwd=project)
    assert again.returncode == 0, again.stderr
    assert "没有变化" in again.stdout
