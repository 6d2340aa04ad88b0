"""Tables sized from their content (render/columns.py) and written with their pagination intent (render/tables.py):
widths summing to the type area, fixed tokens and short columns never broken, headers broken only between the
template's words, names of a list kept whole, section rows and small merged groups kept with what follows,
rows kept whole, header rows repeated."""
from __future__ import annotations

from lxml import etree

from ipdocs.render import columns as C
from ipdocs.render import layout as L
from ipdocs.render.docx import document_parts

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}
LANDSCAPE_WIDTH = L.LANDSCAPE["w"] - L.LANDSCAPE["left"] - L.LANDSCAPE["right"]
SMALL = int(L.SIZE_PT["五号"] * 20)


def grid(rows: list[list[str]], header: list[str] | None = None, char: int = SMALL, **marks) -> C.Grid:
    """A grid of one-cell-per-column rows (the header first, if any)."""
    table = ([header] if header else []) + rows
    cells = tuple(C.Cell(r, c, (text,), header=bool(header) and r == 0, names=c in marks.get("names", ()))
                  for r, row in enumerate(table) for c, text in enumerate(row))
    return C.Grid(len(table[0]), len(table), cells, char)


def chars(g: C.Grid, width: int) -> float:
    return C.room(g, width)


def body(fragment: str):
    return etree.fromstring(document_parts(fragment)[0].encode("utf-8")).find("w:body", NS)


def widths_of(tbl) -> list[int]:
    return [int(g.get(f"{W}w")) for g in tbl.findall("w:tblGrid/w:gridCol", NS)]


def text_of(el) -> str:
    return "".join(t.text or "" for t in el.iter(f"{W}t"))


def lines_in(tc) -> list[str]:
    """A cell's text split where the writer put line breaks."""
    out = [""]
    for el in tc.iter(f"{W}t", f"{W}br"):
        if el.tag == f"{W}br":
            out.append("")
        else:
            out[-1] += el.text or ""
    return out


# -- measuring ---------------------------------------------------------------------------------------

def test_chinese_counts_one_latin_by_times_widths_and_a_quarter_between_the_two():
    assert C.text_width("区市场监管局") == 6
    assert C.text_width("20221215") == 4                        # Times digits are ½ em
    assert C.text_width("2022年") == 2 + 1 + C.AUTOSPACE
    assert C.text_width("X001-2022-D30-0001") < 9.5


def test_lines_break_where_a_cell_runs_out_and_never_start_with_closing_punctuation():
    assert C.line_count("一二三四五六", 3) == 2
    assert C.wrap("一二三，四五", 3) == ["一二", "三，四", "五"]              # 三， travel together
    assert C.line_count("", 3) == 1 and C.line_count("一二三四五六七", 3.5) == 3


def test_a_list_of_names_breaks_only_between_names():
    lines = C.name_lines("区法院、区检察院、区市场监督管理局、区公安局", 9)
    assert lines == ("区法院、区检察院、", "区市场监督管理局、", "区公安局")
    assert C.name_lines("区人力资源和社会保障局", 10) == ("区人力资源和社会保", "障局")   # too long: no lone 局


def test_a_last_line_of_one_character_is_broken_one_character_earlier():
    lines = C.wrap("关于召开知识产权保护工作协调机制专题会议的报告", 11)
    assert lines[-1] == "告"
    cut = C.lone_last_break(lines)
    assert "关于召开知识产权保护工作协调机制专题会议的报告"[cut:] == "报告"
    assert C.lone_last_break(C.wrap("序号1", 2)) is None


# -- fitting -----------------------------------------------------------------------------------------

def test_widths_sum_to_the_table_width_and_text_gets_what_short_columns_do_not_need():
    g = grid([["1", "召开区政府知识产权办公会议或联席会议，协调推进知识产权保护工作的，得2分。", "2"],
              ["2", "开展知识产权保护进企业、进单位、进社区、进学校等活动的，每开展1次得0.4分，最多2分。", "2"]],
             header=["序号", "考核要点", "分值"])
    widths = C.fit(g, LANDSCAPE_WIDTH)
    assert sum(widths) == LANDSCAPE_WIDTH
    assert chars(g, widths[0]) >= 2 and chars(g, widths[2]) >= 2
    assert widths[1] > 4 * max(widths[0], widths[2])


def test_a_fixed_token_fits_its_column_on_one_line():
    tokens = ["营西政发〔2022〕12号", "X001-2022-D30-0001", "20221215", "2022年12月31日", "定期30年"]
    g = grid([tokens + ["关于组建西市区人民政府知识产权联席会议制度的通知" * 3]], header=["文号", "档号", "日期", "时限", "期限", "题名"])
    widths = C.fit(g, LANDSCAPE_WIDTH)
    for token, width in zip(tokens, widths):
        assert C.text_width(token) <= chars(g, width), token
        assert C.line_count(token, chars(g, width)) == 1


def test_a_header_never_breaks_inside_a_word_nor_leaves_one_character_alone():
    g = C.Grid(2, 2, (C.Cell(0, 0, ("支撑材料说明",), header=True, words=("支撑材料", "说明")),
                      C.Cell(0, 1, ("考核要点",), header=True),
                      C.Cell(1, 0, ("案卷",)), C.Cell(1, 1, ("甲" * 200,))), SMALL)
    widths = C.fit(g, L.TYPE_AREA_WIDTH)
    assert chars(g, widths[0]) >= 4 and chars(g, widths[1]) >= 4


def test_names_of_a_list_keep_whole_when_the_table_has_room():
    g = grid([["区人民法院、区人民检察院、区市场监督管理局", "甲" * 300]], header=["责任单位", "考核要点"], names=(0,))
    widths = C.fit(g, L.TYPE_AREA_WIDTH)
    assert chars(g, widths[0]) >= C.text_width("区市场监督管理局")


def test_a_hint_gives_proportions_and_never_takes_a_column_below_its_content():
    g = grid([["", "", "", "", ""]], header=["单位", "姓名", "职务", "联系电话", "备注（代为参会／请假事由）"])
    widths = C.fit(g, L.TYPE_AREA_WIDTH, hint=[5, 3, 5, 4, 7])
    assert sum(widths) == L.TYPE_AREA_WIDTH
    assert chars(g, widths[4]) >= C.text_width("备注（代为参会／请假事由）")
    assert widths[0] > widths[1]


def test_the_fitting_is_deterministic():
    g = grid([["区法院", "甲乙丙丁" * 9, "20221215"]] * 5, header=["单位", "内容", "日期"])
    assert C.fit(g, LANDSCAPE_WIDTH) == C.fit(g, LANDSCAPE_WIDTH)


# -- the .docx ---------------------------------------------------------------------------------------

TABLE = ('<table class="small"><thead><tr><th>序号</th><th>考核要点</th><th>支撑材料<wbr>说明</th>'
         '<th>责任单位</th></tr></thead><tbody>'
         '<tr><td colspan="4" class="section">一、组织实施责任（10分）</td></tr>'
         '<tr><td class="center">1</td><td>召开区委或区政府会议，专题研究部署知识产权保护工作的，得2分。</td>'
         '<td>会议纪要</td><td class="names">区委办、区政府办、区市场监督管理局</td></tr>'
         '<tr><td rowspan="2" class="center">2</td><td>（1）完成移送起诉任务数的，得1分；</td><td>审批文件</td>'
         '<td rowspan="2" class="names">区检察院、区公安局</td></tr>'
         '<tr><td>（2）完成线索协查任务数的，得1分。</td><td>协查材料</td></tr></tbody></table>')


def test_rows_keep_whole_the_header_repeats_and_widths_fill_the_type_area():
    tbl = body(TABLE).find("w:tbl", NS)
    rows = tbl.findall("w:tr", NS)
    assert all(r.find("w:trPr/w:cantSplit", NS) is not None for r in rows)
    assert [r.find("w:trPr/w:tblHeader", NS) is not None for r in rows] == [True, False, False, False, False]
    assert sum(widths_of(tbl)) == L.TYPE_AREA_WIDTH
    for r in rows:
        assert sum(int(tc.find("w:tcPr/w:tcW", NS).get(f"{W}w")) for tc in r.findall("w:tc", NS)) == L.TYPE_AREA_WIDTH


def test_a_section_row_keeps_with_the_next_by_its_style_and_a_small_merged_group_keeps_together():
    tbl = body(TABLE).find("w:tbl", NS)
    rows = tbl.findall("w:tr", NS)
    section = rows[1].find("w:tc/w:p/w:pPr/w:pStyle", NS).get(f"{W}val")
    assert section == "TableSectionSmall"
    first_of_group = rows[3].findall(".//w:p", NS)
    assert first_of_group and all(p.find("w:pPr/w:keepNext", NS) is not None for p in first_of_group)
    assert all(p.find("w:pPr/w:keepNext", NS) is None for p in rows[4].findall(".//w:p", NS))


def test_small_tables_use_the_five_point_styles_and_headers_break_between_words_only():
    tbl = body(TABLE).find("w:tbl", NS)
    header = tbl.findall("w:tr", NS)[0].findall("w:tc", NS)
    assert {p.find("w:pPr/w:pStyle", NS).get(f"{W}val") for p in tbl.iter(f"{W}p")} <= {
        "TableHeadingSmall", "TableSectionSmall", "TableTextSmall", "TableCenterSmall"}
    assert lines_in(header[2]) in (["支撑材料说明"], ["支撑材料", "说明"])


def test_names_are_broken_by_the_writer_between_names():
    narrow = TABLE.replace("区委办、区政府办、区市场监督管理局", "区委办、区政府办、区市场监督管理局、区人民检察院、区公安局、区司法局")
    tbl = body(narrow).find("w:tbl", NS)
    names = tbl.findall("w:tr", NS)[2].findall("w:tc", NS)[3]
    lines = lines_in(names)
    units = {"区委办", "区政府办", "区市场监督管理局", "区人民检察院", "区公安局", "区司法局"}
    assert set("".join(lines).split("、")) == units
    assert all(set(line.rstrip("、").split("、")) <= units for line in lines)


def test_the_house_style_keeps_section_rows_with_the_next_and_names_the_small_styles_in_chinese():
    import io
    import zipfile
    from ipdocs.render.house import REQUIRED
    from ipdocs.render.house_template import template_bytes
    styles = etree.fromstring(zipfile.ZipFile(io.BytesIO(template_bytes())).read("word/styles.xml"))
    by_name = {s.find("w:name", NS).get(f"{W}val"): s for s in styles.findall("w:style", NS)}
    for key in ("TableSection", "TableSectionSmall"):
        assert by_name[REQUIRED[key][1]].find("w:pPr/w:keepNext", NS) is not None, key
    small = by_name[REQUIRED["TableTextSmall"][1]]
    assert small.find("w:rPr/w:sz", NS).get(f"{W}val") == "21"                    # 五号
    table = by_name[REQUIRED["OfficialTable"][1]]
    assert table.find("w:tblPr/w:tblCellMar/w:left", NS).get(f"{W}w") == str(C.CELL_MARGINS // 2)
