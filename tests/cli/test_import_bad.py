"""ipdocs import, bad input: every way a returned form can be wrong gives one message naming file, sheet and cell."""
from __future__ import annotations

import shutil

import pytest

from support import REPO, Form, ipdocs
from ipdocs.cli.importer import plan_imports
from ipdocs.model.periods import parse_period
from ipdocs.outputs.forms import unit_form
from ipdocs.read.content import load_content

Q4 = parse_period("2022-Q4")
D, I = "议定事项", "考核指标"


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    root = tmp_path_factory.mktemp("content") / "content"
    shutil.copytree(REPO / "content", root)
    shutil.rmtree(root / "progress" / "2022-Q4")
    return load_content(root)


@pytest.fixture(scope="module")
def blank(content, tmp_path_factory):
    """区法院's form for 2022-Q4 with the date and one agreed item filled in, as the start of every case."""
    path = tmp_path_factory.mktemp("blank") / "区法院.xlsx"
    path.write_bytes(unit_form(content, next(u for u in content.units if u.label == "区法院"), Q4))
    Form(path).fill(D, {"F2": "2022-12-29", "F8": "已完成"}).save()
    return path


def row(form, no, part="—"):
    return form.row_of(I, no, second_cell=part)


def spare(form):
    return form.book[I].max_row - 1


CASES = {
    "renamed sheet": (lambda f: setattr(f.book[I], "title", "考核"), "区法院.xlsx: 找不到工作表“考核指标”（表中的工作表：议定事项、考核）"),
    "deleted column": (lambda f: f.book[D].delete_cols(7), "区法院.xlsx:议定事项: 表头中缺少“进展说明”列"),
    "unknown unit": (lambda f: f.fill(D, {"B2": "区法"}), "区法院.xlsx:议定事项!B2: 单位“区法”不认识（最接近的是："),
    "non-member unit": (lambda f: f.fill(D, {"B2": "区委办"}), "区法院.xlsx:议定事项!B2: 区委办不是联席会议成员单位"),
    "bad period": (lambda f: f.fill(D, {"D2": "2022-Q9"}), "区法院.xlsx:议定事项!D2: 报送期“2022-Q9”无效：应为 2022、2022-Q4 或 2022-12"),
    "no date": (lambda f: f.fill(D, {"F2": None}), "区法院.xlsx:议定事项!F2: 报送日期未填写"),
    "bad date": (lambda f: f.fill(D, {"F2": "2022-13-01"}), "区法院.xlsx:议定事项!F2: 报送日期“2022-13-01”无效：请写作 2023-06-28"),
    "early date": (lambda f: f.fill(D, {"F2": "2022/9/30"}), "区法院.xlsx:议定事项!F2: 报送日期 2022-09-30 早于报送期2022年第四季度的开始（2022-10-01）"),
    "note without status": (lambda f: f.fill(D, {"F9": None, "G9": "正在推进"}), "区法院.xlsx:议定事项!F9: 状态未选择：填了进展说明的，请选择状态（可选：未启动、推进中、已完成）"),
    "unknown status": (lambda f: f.fill(D, {"F9": "完成了"}), "区法院.xlsx:议定事项!F9: 状态“完成了”无效（可选：未启动、推进中、已完成）"),
    "unknown item": (lambda f: f.fill(D, {"A9": "联席会议〔2022〕9号纪要第一项", "F9": "推进中"}),
                     "区法院.xlsx:议定事项!A9: 议定事项“联席会议〔2022〕9号纪要第一项”不存在（最接近的是："),
    "someone else's item": (lambda f: f.fill(D, {"A9": "联席会议〔2022〕2号纪要第二项", "F9": "推进中"}),
                            "区法院.xlsx:议定事项!A9: 议定事项“联席会议〔2022〕2号纪要第二项”由区商务局、区科协、区工商联、区贸促会承办，不涉及区法院"),
    "item twice": (lambda f: f.fill(D, {"A9": "联席会议〔2022〕1号纪要第二项", "F9": "推进中"}),
                   "区法院.xlsx:议定事项!A9: 议定事项“联席会议〔2022〕1号纪要第二项”填了两次（另一处在第8行）"),
    "text as indicator number": (lambda f: f.fill(I, {f"A{spare(f)}": "六", f"E{spare(f)}": "宣传"}),
                                 "区法院.xlsx:考核指标!A{spare}: 序号“六”不是2022年度的考核指标（有效范围 1–47）"),
    "no such indicator": (lambda f: f.fill(I, {f"A{spare(f)}": 48, f"E{spare(f)}": "宣传"}),
                          "区法院.xlsx:考核指标!A{spare}: 序号“48”不是2022年度的考核指标"),
    "work without number": (lambda f: f.fill(I, {f"E{spare(f)}": "宣传"}), "区法院.xlsx:考核指标!A{spare}: 序号未填写"),
    "no such part": (lambda f: f.fill(I, {f"A{spare(f)}": 7, f"B{spare(f)}": "（9）", f"E{spare(f)}": "培训"}),
                     "区法院.xlsx:考核指标!B{spare}: 第7项指标没有小项“（9）”（可选：（1）、（2）、（3）、（4））"),
    "negative count": (lambda f: f.fill(I, {f"E{row(f, 6)}": "宣传", f"F{row(f, 6)}": -1}),
                       "区法院.xlsx:考核指标!F{six}: 次数/数值不能是负数（现在是 -1）"),
    "fractional count": (lambda f: f.fill(I, {f"E{row(f, 6)}": "宣传", f"F{row(f, 6)}": "1.5"}),
                         "区法院.xlsx:考核指标!F{six}: 次数/数值“1.5”应为整数（次数或件数）"),
    "score above the maximum": (lambda f: f.fill(I, {f"E{row(f, 4)}": "信息采纳", f"F{row(f, 4)}": 3}),
                                "区法院.xlsx:考核指标!F{four}: 第4项指标最高2分，填的是 3"),
    "required value missing": (lambda f: f.fill(I, {f"E{row(f, 9)}": "有专项经费"}),
                               "区法院.xlsx:考核指标!F{nine}: 次数/数值未填写：填数值（比率写百分数，如 96）（必填）"),
    "figure without work": (lambda f: f.fill(I, {f"F{row(f, 6)}": 2}), "区法院.xlsx:考核指标!E{six}: 工作内容未填写"),
    "unclear done": (lambda f: f.fill(I, {f"E{row(f, 5)}": "案例宣传", f"F{row(f, 5)}": "是的"}),
                     "区法院.xlsx:考核指标!F{five}: 次数/数值“是的”无效：已完成的不填，工作尚未完成填“否”"),
    "a value far below the form": (lambda f: f.fill(I, {"A1048576": "x"}),
                                   "区法院.xlsx:考核指标!A1048576: 这里有内容，但已远在报送表之外"),
    "a formula never calculated": (lambda f: f.fill(I, {f"E{row(f, 6)}": "宣传", f"F{row(f, 6)}": "=1+1"}),
                                   "区法院.xlsx:考核指标!F{six}: 这里是公式“=1+1”，但表中没有它算出的结果"),
    "evidence outside its folder": (lambda f: f.fill(I, {f"E{row(f, 6)}": "宣传", f"G{row(f, 6)}": "../../units.yaml"}),
                                    "区法院.xlsx:考核指标!G{six}: 证明材料“../../units.yaml”：应写文件名（如 活动签到表.pdf），文件放在 content/evidence/2022/ 中"),
}


@pytest.mark.parametrize("case", CASES)
def test_a_bad_form_is_refused_with_a_message_at_its_cell(content, blank, tmp_path, case):
    change, expected = CASES[case]
    form = Form(blank)
    rows = {"spare": spare(form), "six": row(form, 6), "four": row(form, 4), "nine": row(form, 9), "five": row(form, 5)}
    change(form)
    path = form.save(tmp_path / "区法院.xlsx")
    planned, problems = plan_imports(content, [(path, "区法院.xlsx")], replace=False)
    said = [str(p) for p in problems]
    assert any(line.startswith(expected.format(**rows)) for line in said), said


def test_the_good_start_form_imports(content, blank):
    planned, problems = plan_imports(content, [(blank, "区法院.xlsx")], replace=False)
    assert problems == [] and planned[0].converted.data["decisions"][0]["status"] == "已完成"


@pytest.mark.parametrize("name, data, expected", [
    ("区法院.xlsx", b"not a zip", "区法院.xlsx: 无法读取（BadZipFile）：不是完好的 .xlsx 文件"),
    ("区法院.xls", b"\xd0\xcf\x11\xe0", "区法院.xls: 这是旧的 .xls 格式：请在 Excel 或 WPS 中“另存为” .xlsx 后再导入"),
])
def test_a_file_that_is_no_form_is_named(content, tmp_path, name, data, expected):
    (tmp_path / name).write_bytes(data)
    _, problems = plan_imports(content, [(tmp_path / name, name)], replace=False)
    assert len(problems) == 1 and str(problems[0]).startswith(expected)


def test_a_cell_formatted_at_the_sheet_s_last_row_is_not_walked_to_and_the_form_imports(content, blank, tmp_path):
    from openpyxl.styles import Font
    form = Form(blank)
    form.book[D].cell(1048576, 16384).font = Font(bold=True)        # a whole column formatted in Excel leaves this
    path = form.save(tmp_path / "区法院.xlsx")
    planned, problems = plan_imports(content, [(path, "区法院.xlsx")], replace=False)
    assert problems == [] and planned[0].converted.data["decisions"][0]["status"] == "已完成"


def test_a_damaged_sheet_inside_the_zip_is_named_by_its_file(content, blank, tmp_path):
    import zipfile
    damaged = tmp_path / "区法院.xlsx"
    with zipfile.ZipFile(blank) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet2.xml":
                data = data.replace(b"</sheetData>", b"<row r=\"999\"><c r=\"A999\"><v>1</c></row></sheetData>")
            target.writestr(item, data)
    _, problems = plan_imports(content, [(damaged, "区法院.xlsx")], replace=False)
    assert len(problems) == 1 and str(problems[0]).startswith("区法院.xlsx: 无法读取（")


def test_two_forms_of_one_unit_and_period_are_refused(content, blank, tmp_path):
    copy = tmp_path / "区法院（修改）.xlsx"
    copy.write_bytes(blank.read_bytes())
    _, problems = plan_imports(content, [(blank, "区法院.xlsx"), (copy, "区法院（修改）.xlsx")], replace=False)
    assert [str(p) for p in problems] == ["区法院（修改）.xlsx: 与 区法院.xlsx 是同一单位、同一报送期的表：只导入其中一份"]


@pytest.mark.parametrize("args, message", [
    (("import", "没有这个文件夹"), "找不到 没有这个文件夹：请写报回的 .xlsx 文件或放这些文件的文件夹"),
    (("import", "content"), "content 中没有 .xlsx 文件"),
    (("import", "content/units.yaml"), "content/units.yaml 不是 .xlsx 文件"),
    (("new-progress", "--unit", "区法", "--period", "2022-Q4"), "未知单位“区法”（最接近的是："),
    (("new-progress", "--unit", "区法院", "--period", "2022Q4"), "报送期“2022Q4”无效"),
])
def test_bad_arguments_are_one_line_without_a_traceback(tmp_path, args, message):
    shutil.copytree(REPO / "content", tmp_path / "content")
    result = ipdocs(*args, cwd=tmp_path)
    assert result.returncode == 1 and message in result.stderr and "Traceback" not in result.stderr
