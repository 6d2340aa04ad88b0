"""The render layer alone: Word blocks, the HTML walker, titles, signature indents, Markdown."""
from __future__ import annotations

from lxml import etree

from ipdocs.render import layout as L
from dataclasses import replace

from ipdocs.render.blocks import DEFAULT_SHEET, Cell, Paragraph, Row, Run, Section, Table
from ipdocs.render.docx import document_parts
from ipdocs.render.env import md_inline, md_to_html
from ipdocs.render.titles import title_lines

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}


def body_of(fragment: str):
    return etree.fromstring(document_parts(fragment)[0].encode("utf-8")).find("w:body", NS)


def styles_and_texts(fragment: str) -> list[tuple[str, str]]:
    out = []
    for p in body_of(fragment).findall("w:p", NS):
        style = p.find("w:pPr/w:pStyle", NS)
        out.append((style.get(f"{W}val") if style is not None else "", "".join(t.text for t in p.iter(f"{W}t"))))
    return out


# -- blocks ---------------------------------------------------------------------

def test_a_run_escapes_its_text_and_names_its_style_by_the_house_id():
    xml = Run("A&B<C>", style="Strong").xml(replace(DEFAULT_SHEET, ids={"Strong": "a5"}))
    assert '<w:rStyle w:val="a5"/>' in xml and "A&amp;B&lt;C&gt;" in xml


def test_a_paragraph_writes_its_section_last_and_its_indent_in_characters():
    p = Paragraph("Signature", [Run("西市区人民政府")], right_indent=2.5, section=Section("landscape"))
    xml = p.xml(DEFAULT_SHEET)
    assert xml.index("<w:ind") < xml.index("<w:sectPr")
    assert f'w:right="{round(2.5 * L.GRID_CHAR)}"' in xml and 'w:rightChars="250"' in xml and 'w:orient="landscape"' in xml


def test_a_table_row_keeps_whole_and_repeats_when_it_is_a_header():
    table = Table("OfficialTable", 100, [60, 40], [Row([Cell([Paragraph("TableHeading", [Run("序号")])], 60, merge="restart"),
                                                      Cell([Paragraph("TableHeading")], 40)], header=True)])
    xml = table.xml(replace(DEFAULT_SHEET, ids={"OfficialTable": "t1"}))
    assert "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" in xml and '<w:tblStyle w:val="t1"/>' in xml
    assert '<w:vMerge w:val="restart"/>' in xml


# -- the walker ----------------------------------------------------------------

def test_each_official_class_becomes_its_style():
    pairs = styles_and_texts('<p class="addressee">各成员单位：</p><h2>一、总体要求</h2><p>正文。</p>'
                             '<p class="signature">西市区人民政府</p><p class="date">2022年11月9日</p>')
    assert pairs == [("Addressee", "各成员单位："), ("Heading1", "一、总体要求"), ("Normal", "正文。"),
                     ("Signature", "西市区人民政府"), ("SignDate", "2022年11月9日")]


def test_the_signature_and_date_get_the_standard_right_indents():
    body = body_of('<p class="signature">西市区人民政府</p><p class="date">2022年11月9日</p>')
    indents = [p.find("w:pPr/w:ind", NS).get(f"{W}rightChars") for p in body.findall("w:p", NS)]
    name, date = L.signature_indents("西市区人民政府", "2022年11月9日")
    assert indents == [str(int(name * 100)), str(int(date * 100))]


def test_emphasis_labels_and_right_aligned_dates_become_runs():
    body = body_of('<p class="issuer-line">办公室<span class="right">2022年12月15日</span></p>'
                   '<p><span class="label">出席：</span>王军，<em>高勇</em></p>')
    first, second = body.findall("w:p", NS)
    assert first.find("w:r/w:tab", NS) is not None
    styles = [r.find("w:rPr/w:rStyle", NS) for r in second.findall("w:r", NS)]
    assert [s.get(f"{W}val") if s is not None else None for s in styles] == ["Label", None, "Emphasis"]


def test_a_landscape_rule_ends_the_portrait_section_and_cancels_the_labels_own_page_break():
    body = body_of('<p>正文</p><hr class="landscape" /><p class="attachment-label">附件</p>')
    paragraphs = body.findall("w:p", NS)
    assert paragraphs[0].find("w:pPr/w:sectPr/w:pgSz", NS).get(f"{W}orient") is None
    assert paragraphs[1].find("w:pPr/w:pageBreakBefore", NS).get(f"{W}val") == "0"
    assert body.find("w:sectPr/w:pgSz", NS).get(f"{W}orient") == "landscape"


def test_merged_cells_continue_down_the_rows_they_cover():
    body = body_of('<table data-widths="1 3"><tbody><tr><td rowspan="2">一</td><td>甲</td></tr>'
                   '<tr><td>乙</td></tr></tbody></table>')
    second = body.findall("w:tbl/w:tr", NS)[1]
    cells = second.findall("w:tc", NS)
    assert cells[0].find("w:tcPr/w:vMerge", NS).get(f"{W}val") is None and Docx_text(cells[1]) == "乙"
    widths = [int(g.get(f"{W}w")) for g in body.findall("w:tbl/w:tblGrid/w:gridCol", NS)]
    assert sum(widths) == L.TYPE_AREA_WIDTH and abs(widths[1] - 3 * widths[0]) <= 3


def Docx_text(el) -> str:
    return "".join(t.text or "" for t in el.iter(f"{W}t"))


def test_a_letter_mark_goes_into_the_first_page_header():
    document, mark = document_parts('<p class="letter-mark">西市区文化旅游和广播电视局</p><p>正文</p>')
    assert mark.text == "西市区文化旅游和广播电视局" and mark.size == int(L.mark_size_pt(mark.text) * 2)
    assert "西市区文化旅游和广播电视局" not in document and "<w:titlePg/>" in document


# -- titles, signatures, Markdown ------------------------------------------------

def test_a_long_title_breaks_between_words_with_the_longer_line_on_top():
    lines = title_lines("关于组建西市区人民政府知识产权联席会议制度的通知")
    assert len(lines) == 2 and len(lines[0]) >= len(lines[1])
    assert "".join(lines) == "关于组建西市区人民政府知识产权联席会议制度的通知"
    assert not lines[0].endswith("知识") and not lines[1].startswith("产权")


def test_a_title_of_many_lines_is_filled_line_by_line_every_line_within_the_measure():
    title = "关于组建西市区人民政府知识产权联席会议制度" * 12 + "的通知"     # 13 lines: too many to weigh every break
    lines = title_lines(title)
    assert "".join(lines) == title and len(lines) >= 13
    assert all(L.text_width(line) <= 20.4 for line in lines)


def test_a_short_title_stays_on_one_line():
    assert title_lines("会议通知") == ["会议通知"]


def test_a_date_longer_than_the_name_moves_the_name_left_to_keep_the_two_character_step():
    name, date = L.signature_indents("区法院", "2022年12月28日")        # date wider than the name
    assert date == 0.0 and L.text_width("区法院") + name == L.text_width("2022年12月28日") + date + 2.0
    name, date = L.signature_indents("区市场监督管理局", "2023年3月1日")   # name wider than the date
    assert date == 2.0 and L.text_width("区市场监督管理局") + name == L.text_width("2023年3月1日") + date + 2.0


def test_markdown_lists_right_under_their_lead_in_line_become_lists():
    html = md_to_html("工作要求：\n- 一是加强领导\n- 二是抓好落实")
    assert "<ul>" in html and html.count("<li>") == 2


def test_markdown_drops_the_spaces_yaml_folding_leaves_between_chinese_characters():
    assert md_to_html("会议听取了\n各单位汇报。") == "<p>会议听取了各单位汇报。</p>"
    assert md_inline("**重点**工作") == "<strong>重点</strong>工作"
