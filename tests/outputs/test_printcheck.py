"""The print checker itself (tests/printcheck.py): every rule catches a page that breaks it and passes one
that keeps it. The pages are hand-written WordprocessingML with direct formatting and explicit breaks
(not the house styles, which issue 11 is changing), packed by ipdocs.render.package with the house
style's shared parts (footers with page numbers) and made into PDFs by LibreOffice in one batch."""
from __future__ import annotations

import shutil
from xml.sax.saxutils import escape

import pytest

import printcheck as pc
from ipdocs.render.house import load
from ipdocs.render.package import DocMeta, package
from ipdocs.settings import HOUSE_STYLE

pytestmark = pytest.mark.skipif(
    not all(shutil.which(p) for p in ("soffice", "pdftotext", "pdftocairo")),
    reason="没有 LibreOffice 或 poppler：apt-get install -y libreoffice-writer-nogui poppler-utils")

# -- hand-written pages: GB/T 9704 numbers, written out here ----------------------------------

LINE_TWIPS, CHAR_TWIPS, WIDTH_TWIPS, FOUR_TWIPS = 579, 320, 8844, 280
W_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
PAGE_BREAK = '<w:r><w:br w:type="page"/></w:r>'
BR = "<w:r><w:br/></w:r>"
TAB = "<w:r><w:tab/></w:r>"


def r(text: str, pt: float = 16, face: str = "仿宋_GB2312") -> str:
    size = int(pt * 2)
    return (f'<w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="{face}"/>'
            f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>')


def lines(*texts: str, **kw) -> str:
    """Runs with a line break between each text: the line ends exactly where the test wants them."""
    return BR.join(r(t, **kw) for t in texts)


def p(runs: str = "", left: float = 0, first: float = 0, right: float = 0, jc: str = "left", line: int = LINE_TWIPS,
      extra: str = "") -> str:
    ind = (f'<w:ind w:left="{int(left * CHAR_TWIPS)}" w:right="{int(right * CHAR_TWIPS)}" '
           + (f'w:hanging="{int(-first * CHAR_TWIPS)}"/>' if first < 0 else f'w:firstLine="{int(first * CHAR_TWIPS)}"/>'))
    return (f'<w:p><w:pPr>{extra}<w:spacing w:before="0" w:after="0" w:line="{line}" w:lineRule="exact"/>{ind}'
            f'<w:jc w:val="{jc}"/></w:pPr>{runs}</w:p>')


def body(n: int, start: int = 1) -> str:
    """n single-line paragraphs of running text."""
    return "".join(p(r(f"第{i}行正文，用来占满版心的一行文字。"), first=2) for i in range(start, start + n))


def title(*texts: str) -> str:
    return p(lines(*texts, pt=22, face="方正小标宋简体"), jc="center", line=LINE_TWIPS * 3 // 2)


def signature(agency: str, date: str) -> str:
    return p(r(agency), right=2, jc="right") + p(r(date), right=4, jc="right")


def cell(content: str, width: int, header: bool = False) -> str:
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
            f'{p(lines(*content.split("|"), pt=12), jc="center", line=300)}</w:tc>')


def table(rows: list[list[str]], widths: list[int], header: bool = True) -> str:
    """A bordered table; cell text splits into lines at '|'; the first row is a repeating header when asked.
    A one-cell row spans every column (a section row)."""
    border = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    borders = "".join(border.format(side) for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    xml = (f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
           f'<w:tblBorders>{borders}</w:tblBorders></w:tblPr><w:tblGrid>'
           + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>")
    for n, row in enumerate(rows):
        props = "<w:cantSplit/>" + ("<w:tblHeader/>" if header and n == 0 else "")
        if len(row) == 1:
            cells = cell(row[0], sum(widths)).replace("</w:tcPr>", f'<w:gridSpan w:val="{len(widths)}"/></w:tcPr>')
        else:
            cells = "".join(cell(text, w) for text, w in zip(row, widths))
        xml += f"<w:tr><w:trPr>{props}</w:trPr>{cells}</w:tr>"
    return xml + "</w:tbl>"


def imprint(rows: list[tuple[str, str | None]], at_foot: bool = True, printer_indent: int = FOUR_TWIPS) -> str:
    """The 版记: rows of (left text, right text); thick first and last rule, thin between. At the foot: a
    floating table whose bottom sits on the bottom of the 版心 (LibreOffice makes it a frame)."""
    float_props = ('<w:tblpPr w:leftFromText="0" w:rightFromText="0" w:topFromText="0" w:bottomFromText="0" '
                   'w:vertAnchor="margin" w:horzAnchor="page" w:tblpX="1588" w:tblpYSpec="bottom"/>'
                   '<w:tblOverlap w:val="never"/>') if at_foot else ""
    borders = ('<w:tblBorders><w:top w:val="single" w:sz="8" w:space="0" w:color="000000"/>'
               '<w:bottom w:val="single" w:sz="8" w:space="0" w:color="000000"/>'
               '<w:insideH w:val="single" w:sz="6" w:space="0" w:color="000000"/></w:tblBorders>')
    xml = (f'<w:tbl><w:tblPr>{float_props}<w:tblW w:w="{WIDTH_TWIPS}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
           f'{borders}<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>'
           f'</w:tblPr><w:tblGrid><w:gridCol w:w="{WIDTH_TWIPS}"/></w:tblGrid>')
    for left, right in rows:
        runs = r(left, pt=14) + (TAB + r(right, pt=14) if right else "")
        tabs = f'<w:tabs><w:tab w:val="right" w:pos="{WIDTH_TWIPS - FOUR_TWIPS}"/></w:tabs>'
        para = (f'<w:p><w:pPr>{tabs}<w:spacing w:before="0" w:after="0" w:line="560" w:lineRule="exact"/>'
                f'<w:ind w:left="{printer_indent}" w:firstLine="0"/></w:pPr>{runs}</w:p>')
        xml += (f'<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="560" w:hRule="exact"/></w:trPr><w:tc><w:tcPr>'
                f'<w:tcW w:w="{WIDTH_TWIPS}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>{para}</w:tc></w:tr>')
    anchor = '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/></w:pPr></w:p>'
    return xml + "</w:tbl>" + anchor


def section(landscape: bool = False) -> str:
    size, margins = ('w:w="16838" w:h="11906" w:orient="landscape"', 'w:top="1588" w:right="1984" w:bottom="1474" w:left="2098"') \
        if landscape else ('w:w="11906" w:h="16838"', 'w:top="2098" w:right="1474" w:bottom="1984" w:left="1588"')
    return ('<w:sectPr><w:footerReference w:type="default" r:id="rIdFooterOdd"/>'
            f'<w:footerReference w:type="even" r:id="rIdFooterEven"/><w:pgSz {size}/><w:pgMar {margins} '
            'w:header="851" w:footer="992" w:gutter="0"/><w:docGrid w:type="lines" w:linePitch="579"/></w:sectPr>')


def document(xml: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W_NS}><w:body>{xml}'
            f"{section()}</w:body></w:document>")


PRINTER = ("西市区人民政府知识产权联席会议办公室", "2022年12月15日印发")
NAMES = ("王军", "王亮", "高勇", "郭松", "张云瑞")
TAB_AT_6 = f'<w:tabs><w:tab w:val="left" w:pos="{6 * CHAR_TWIPS}"/></w:tabs>'     # a marker set off by a tab

PAGES = {
    "imprint_at_foot": body(19) + imprint([("分送：联席会议各成员单位", None), PRINTER]),
    "imprint_under_body": body(3) + imprint([("分送：联席会议各成员单位", None), PRINTER], at_foot=False),
    "imprint_wrapped": body(19) + imprint([("分送：联席会议各成员单位", None), (PRINTER[0], None), ("印发", None)]),
    "imprint_indented": body(19) + imprint([("分送：联席会议各成员单位", None), ("区市场监督管理局", PRINTER[1])],
                                           printer_indent=3 * FOUR_TWIPS),
    "no_imprint": body(5),
    "closing_alone": body(5) + p(PAGE_BREAK)
                     + p(r("特此报告。"), first=2) + signature("区市场监督管理局", "2022年12月30日")
                     + p(r("（此件公开发布）"), first=2),
    "closing_with_body": body(5) + p(PAGE_BREAK) + body(2, start=6) + p(r("特此报告。"), first=2)
                         + signature("区市场监督管理局", "2022年12月30日"),
    "names_split": p(r("出席：") + lines("区政府副区长王", "军，区市场监督管理局局长高勇，", "区人社局副局长王")
                     + PAGE_BREAK, left=5, first=-3) + p(r("亮，区自然资源局副局长"), left=2)
                   + table([["姓名"], ["张|云瑞", "区检察院"]], [2000, 4000], header=False),
    "names_whole": p(r("出席：") + lines("区政府副区长王军，", "区市场监督管理局局长高勇，区人社局副局长王亮"),
                     left=5, first=-3) + table([["姓名", "单位"], ["张云瑞", "区检察院"]], [2000, 4000]),
    "roster_wrapped_well": p(r("组　长：王　军　区政府副区长"), left=10, first=-8)
                           + p(lines("成　员：郭　松　区市场监管局副局长、", "区知识产权局局长"), left=10, first=-8),
    "roster_wrapped_badly": p(r("组　长：王　军　区政府副区长"), left=10, first=-8)
                            + p(lines("成　员：郭　松　区市场监管局副局长、区知识产权局局", "长"), left=6, first=-4),
    "page_stops_early": body(15) + p(PAGE_BREAK) + body(3, start=16),
    "page_full": body(21) + p(PAGE_BREAK) + body(3, start=22),
    "page_before_attachment": body(10) + p(PAGE_BREAK) + p(r("附件", face="黑体")) + body(2, start=11),
    "title_broken": title("区人民法院关于2022年第四季", "度知识产权工作完成情况的报告") + body(2)
                    + title("区市场监督管理局关于2022年1", "2月知识产权工作完成情况的报告"),
    "title_whole": title("区人民法院关于2022年第四季度", "知识产权工作完成情况的报告") + body(2),
    "file_id_wrapped": p(lines("已按季度报送重点工作进展情况（编号：2022-12-15-joint-", "1#3）。")) +
                       table([["编号", "事项"], ["2022-12-28-joint-2#1", "组建维权援助队伍"]], [3000, 4000]),
    "human_reference": p(r("已按季度报送重点工作进展情况（〔2022〕1号纪要第三项）。")),
    "table_bad": table([["件号", "档号", "文号", "保管期限"],
                        ["000|1", "X001-2022-|Y-0001", "营西政发〔|2023〕3号", "定期|30年"],
                        ["二、资源配置保障（9分）"]], [1000, 3000, 2800, 1400]) + p(PAGE_BREAK) + body(2),
    "table_good": table([["件号", "档号", "文号", "保管期限"],
                         ["0001", "X001-2022-Y-0001", "营西政发〔2023〕3号", "定期30年"],
                         ["二、资源配置保障（9分）"], ["0002", "X001-2022-Y-0002", "", "永久"]],
                        [1000, 3000, 2800, 1400]) + p(PAGE_BREAK) + body(2),
    "header_repeats": table([["件号", "题名"]] + [[f"{n:04d}", f"第{n}件的题名"] for n in range(1, 61)],
                            [1500, 6000]),
    "header_lost": table([["件号", "题名"]] + [[f"{n:04d}", f"第{n}件的题名"] for n in range(1, 61)],
                         [1500, 6000], header=False),
    "tall_rows": table([["件号", "题名"]] + [[f"{n:04d}", "|".join(["很长的题名"] * 8)] for n in range(1, 13)],
                       [1500, 6000]),
    "with_attachment": body(3) + p(PAGE_BREAK) + p(r("附件", face="黑体")) + body(2) + p(PAGE_BREAK) + body(2),
    "lists_marked": p(r("• 区委宣传部负责统筹宣传报道；"), first=2) + p(r("1. 区法院结合典型案例开展以案释法。"), first=2),
    "lists_tabbed": p(r("•") + TAB + r("区委宣传部负责统筹宣传报道；"), first=2, extra=TAB_AT_6)
                    + p(r("1.") + TAB + r("区法院结合典型案例开展以案释法。"), first=2, extra=TAB_AT_6),
    "lists_unmarked": p(r("区委宣传部负责统筹宣传报道；"), first=2) + p(r("区法院结合典型案例开展以案释法。"), first=2),
    "lone_characters": p(lines("（一）考核指标第5项（知识产权宣传工", "作）"), first=2) + p(lines("开展宣传活动两次，会同区文旅局等单位开展工",
                                                                                   "作。"), first=2)
                       + table([["序|号", "分值"], ["1", "2"]], [800, 1600]),
}
ITEMS = (pc.ListItem("区委宣传部负责统筹宣传报道；"), pc.ListItem("区法院结合典型案例开展以案释法。", 1))


@pytest.fixture(scope="module")
def layouts(tmp_path_factory) -> dict[str, pc.Layout]:
    from ipdocs.outputs.pdf import convert
    folder = tmp_path_factory.mktemp("printcheck")
    meta, house = DocMeta("print check", "tests", "2022-12-15"), load(HOUSE_STYLE)
    files = []
    for name, xml in PAGES.items():
        path = folder / f"{name}.docx"
        path.write_bytes(package(document(xml), None, meta, house))
        files.append(path)
    return {path.stem: pc.read_layout(pdf) for path, pdf in zip(files, convert(files, folder / "pdf"))}


def details(violations) -> list[str]:
    return [v.detail for v in violations]


# -- reading ------------------------------------------------------------------------------------

def test_lines_are_read_in_type_area_coordinates(layouts):
    page = layouts["page_full"].pages[0]
    first, last = page.lines[0], page.lines[-1]
    assert abs(first.x0 - 2 * pc.CHAR) < 1 and 0 <= first.y0 < pc.LINE        # indented 2字, on the first grid line
    assert len(page.lines) == 21 and abs(last.y1 - 21 * pc.LINE) < 4            # the 21st of 22 grid lines
    assert page.page_number == "—1—" and not page.landscape


def test_table_cells_become_lines_of_their_own_and_tables_know_their_rows(layouts):
    page = layouts["names_whole"].pages[0]
    assert [l.compact for l in page.lines if l.cell] == ["姓名", "单位", "张云瑞", "区检察院"]
    assert len(page.tables) == 1 and len(page.tables[0].bands) == 2


# -- rule 1: 版记 ----------------------------------------------------------------------------------

def test_a_imprint_at_the_foot_with_its_line_whole_passes(layouts):
    assert pc.imprint(layouts["imprint_at_foot"], required=True) == []


def test_a_imprint_under_the_body_is_not_at_the_foot(layouts):
    found = details(pc.imprint(layouts["imprint_under_body"], required=True))
    assert len(found) == 1 and found[0].startswith("版记末条线距版心下边缘")


def test_a_wrapped_issuing_line_and_a_wrong_indent_are_found(layouts):
    assert details(pc.imprint(layouts["imprint_wrapped"], required=True)) == ["印发机关、印发日期和“印发”不在同一行"]
    assert details(pc.imprint(layouts["imprint_indented"], required=True)) == ["印发机关应左空一字（现在左空 3.0 字）"]


def test_a_missing_imprint_counts_only_where_one_is_required(layouts):
    assert details(pc.imprint(layouts["no_imprint"], required=True)) == ["没有版记"]
    assert pc.imprint(layouts["no_imprint"], required=False) == []


def test_double_sided_the_imprint_page_must_be_even(layouts):
    assert details(pc.imprint(layouts["imprint_at_foot"], required=True, duplex=True)) == ["双面印刷时版记应在偶数页"]


# -- rule 2: closing lines ----------------------------------------------------------------------

def test_a_page_of_closing_lines_only_is_found(layouts):
    found = pc.closing_only(layouts["closing_alone"])
    assert [v.page for v in found] == [2]
    assert found[0].line == "特此报告。 / 区市场监督管理局 / 2022年12月30日 / （此件公开发布）"


def test_closing_lines_under_the_body_pass(layouts):
    assert pc.closing_only(layouts["closing_with_body"]) == []


# -- rule 3: names ------------------------------------------------------------------------------

def test_names_split_within_a_page_across_pages_and_in_a_cell_are_found(layouts):
    found = pc.split_names(layouts["names_split"], NAMES)
    assert sorted((v.page, v.detail) for v in found) == [(1, "姓名断行：王/亮"), (1, "姓名断行：王/军"), (2, "姓名断行：张/云瑞")]


def test_whole_names_pass(layouts):
    assert pc.split_names(layouts["names_whole"], NAMES) == []


def test_a_roster_title_wraps_under_the_title_column(layouts):
    assert pc.roster_wraps(layouts["roster_wrapped_well"], NAMES) == []


def test_a_roster_title_wrapping_elsewhere_or_leaving_one_character_is_found(layouts):
    found = details(pc.roster_wraps(layouts["roster_wrapped_badly"], NAMES))
    assert found == ["职务转行未与职务列对齐（-4.0 字）",
                     "职务转行只剩一个字（成 员：郭 松 区市场监管局副局长、区知识产权局局）"]


# -- rule 4: pages fill -------------------------------------------------------------------------

def test_a_page_stopping_seven_lines_early_is_found(layouts):
    found = pc.page_fill(layouts["page_stops_early"])
    assert [(v.page, v.detail) for v in found] == [(1, "本页下方空 7.1 行")]


def test_a_full_page_and_a_page_before_an_attachment_pass(layouts):
    assert pc.page_fill(layouts["page_full"]) == []
    assert pc.page_fill(layouts["page_before_attachment"]) == []


# -- rule 5: titles -----------------------------------------------------------------------------

def test_titles_broken_inside_a_word_or_a_number_are_found(layouts):
    found = details(pc.title_breaks(layouts["title_broken"], ["季度", "知识产权"]))
    assert found == ["标题在词中转行：季/度", "标题在词中转行：年1/2月"]


def test_titles_broken_between_words_pass(layouts):
    layout = layouts["title_whole"]
    assert pc.title_breaks(layout, ["季度", "知识产权"]) == []
    assert [[l.compact for l in block] for block in pc.title_blocks(layout)] == [
        ["区人民法院关于2022年第四季度", "知识产权工作完成情况的报告"]]


# -- rule 6: file ids ---------------------------------------------------------------------------

def test_file_ids_are_found_in_text_also_when_wrapped_and_in_cells(layouts):
    found = details(pc.file_ids(layouts["file_id_wrapped"]))
    assert found == ["印出了文件编号 2022-12-15-joint-1#3", "印出了文件编号 2022-12-28-joint-2#1"]


def test_human_references_pass(layouts):
    assert pc.file_ids(layouts["human_reference"]) == []


# -- rule 7: tables -----------------------------------------------------------------------------

def test_fixed_tokens_broken_in_cells_are_found(layouts):
    found = details(pc.fixed_tokens(layouts["table_bad"]))
    assert found == ["件号、页数或序号“0001”断行", "档号“X001-2022-Y-0001”断行", "文号“营西政发〔2023〕3号”断行",
                     "保管期限“定期30年”断行"]


def test_whole_fixed_tokens_pass(layouts):
    assert pc.fixed_tokens(layouts["table_good"]) == []


def test_a_section_row_at_a_page_foot_is_found_and_one_followed_by_its_rows_passes(layouts):
    assert details(pc.section_rows(layouts["table_bad"])) == ["分部行落在页末"]
    assert pc.section_rows(layouts["table_good"]) == []


def test_a_table_running_on_repeats_its_header(layouts):
    repeated, lost = layouts["header_repeats"], layouts["header_lost"]
    assert len(repeated.pages) > 1 and all(page.tables[0].continued for page in repeated.pages[1:])
    assert pc.header_rows(repeated) == []
    assert [(v.page, v.detail) for v in pc.header_rows(lost)] == [
        (n, "续页没有重复表头：件号 题名") for n in range(2, len(lost.pages) + 1)]


def test_rows_per_page_are_counted(layouts):
    assert pc.rows_per_page(layouts["header_repeats"], 10) == []
    found = pc.rows_per_page(layouts["tall_rows"], 10)
    assert found and all(v.detail.startswith("本页只有") for v in found)


def test_page_counts_of_a_document_and_its_attachment(layouts):
    layout = layouts["with_attachment"]
    assert pc.page_count(layout, 3, 2) == []
    assert details(pc.page_count(layout, 2, 1)) == ["共 3 页（至多 2 页）", "附件 2 页（至多 1 页）"]


# -- rule 8: lists ------------------------------------------------------------------------------

def test_list_items_keep_their_markers(layouts):
    assert pc.list_markers(layouts["lists_marked"], ITEMS) == []
    assert pc.list_markers(layouts["lists_tabbed"], ITEMS) == []
    assert details(pc.list_markers(layouts["lists_unmarked"], ITEMS)) == ["无序列表项没有项目符号", "有序列表项没有编号 1"]
    assert details(pc.list_markers(layouts["no_imprint"], ITEMS[:1])) == ["列表项没有印出"]


# -- rule 9: lone characters --------------------------------------------------------------------

def test_lone_characters_are_found_with_what_they_belong_to(layouts):
    found = [(v.line, v.detail) for v in pc.lone_characters(layouts["lone_characters"])]
    assert found == [("作）", "heading"), ("作。", "text"), ("序", "table-header"), ("号", "table-header")]
    assert [(v.line, v.detail) for v in pc.lone_characters(layouts["roster_wrapped_badly"], NAMES)] == [("长", "roster")]


# -- all together -------------------------------------------------------------------------------

def test_check_runs_every_rule_and_keeps_only_controlled_lone_characters(layouts):
    findings = pc.check(layouts["lone_characters"], kind="纪要", names=NAMES)
    assert set(findings.violations) == set(pc.RULES)
    assert details(findings.of("imprint")) == ["没有版记"]
    assert [v.line for v in findings.of("lone_characters")] == ["作）", "序", "号"]
    assert len(findings.lone) == 4
