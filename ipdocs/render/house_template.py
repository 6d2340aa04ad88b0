"""The default house-style file, made from the layout numbers: `ipdocs style-template` writes it.

python-docx builds the package; the style sheet, footers and the letter's header are rendered
from templates/docx/ with the numbers of layout.py. The body shows a sample of every official
element, added by the style names the clerk sees in Word's style pane. Section 1 is the 文件格式
page (odd and even page-number footers), section 2 the 信函格式 page (its first page has its own
header with the red mark and double line, and its own footer with the lower double line).
No theme part and no theme fonts.
"""
from __future__ import annotations

import io
import re
import zipfile

import docx
from docx.enum.section import WD_SECTION
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.shared import Twips

from ..files import zip_bytes
from . import layout as L
from .env import environment

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DROP_DOCUMENT_RELS = {RT.THEME, RT.WEB_SETTINGS, RT.CUSTOM_XML, RT.NUMBERING,
                      "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"}
CORE_DATE = "2022-11-09T00:00:00Z"

# (style name as the clerk sees it, sample text), in the order of a real document.
FILE_SAMPLES = [
    ("发文机关标志", "西市区人民政府文件"),
    ("发文字号", "营西政发〔2022〕12号"),
    ("公文标题", "关于组建西市区人民政府知识产权联席会议制度的通知"),
    ("主送机关", "区政府知识产权联席会议各成员单位："),
    ("Normal", "这是正文（样式“正文”）：仿宋_GB2312，三号，首行缩进2字，每页22行、每行28字。"
               "在 Word 或 WPS 中修改样式（不要改样式的名称），保存后运行 doit，全部公文按新样式重新生成。"),
    ("一级标题", "一、一级标题（黑体）"),
    ("二级标题", "（一）二级标题（楷体）"),
    ("三级标题", "1.三级标题（仿宋）"),
    ("名单", "组　　长：王　军　区政府副区长"),
    ("名单", "　　　　　李明华　区市场监督管理局局长"),
    ("居中", "（居中的一行）"),
    ("结束语", "特此通知。"),
    ("附件说明", "附件：西市区知识产权联席会议成员名单"),
    ("附件说明（多件）", "附件：1.西市区知识产权联席会议成员名单"),
    ("附件说明（续）", "　　　2.西市区知识产权保护工作协调机制成员名单"),
    ("发文机关署名", "西市区人民政府"),
    ("成文日期", "2022年11月9日"),
    ("附注", "（此件公开发布）"),
]
MINUTES_SAMPLES = [("纪要期号", "〔2022〕1号"), ("印发机关与日期", "西市区人民政府知识产权联席会议办公室\t2022年12月15日")]
LETTER_SAMPLES = [
    ("公文标题", "关于调整区政府知识产权联席会议成员的函"),
    ("主送机关", "区政府知识产权联席会议办公室："),
    ("Normal", "这是信函格式的一页：发文机关标志和上、下红色双线在本节首页的页眉、页脚中，首页不显示页码。"),
    ("发文机关署名", "西市区文化旅游和广播电视局"),
    ("成文日期", "2023年3月1日"),
]


def default_parts() -> dict[str, bytes]:
    """The style sheet, settings, font table, footers and letter header, rendered from templates/docx/."""
    env = environment()

    def render(name, **kw) -> bytes:
        return env.get_template(f"docx/{name}").render(L=L, letter=True, **kw).encode("utf-8")

    return {"styles": render("styles.xml.j2"), "settings": render("settings.xml.j2"),
            "fonts": render("fontTable.xml.j2"), "footer_odd": render("footer.xml.j2", style="FooterOdd"),
            "footer_even": render("footer.xml.j2", style="FooterEven"), "footer_letter": render("footer_letter.xml.j2"),
            "header_letter": render("header_letter.xml.j2", mark="西市区文化旅游和广播电视局",
                                    size=int(L.mark_size_pt("西市区文化旅游和广播电视局") * 2))}


def _fresh_document():
    """python-docx's default package with our styles, settings and font table, and no theme."""
    doc, parts = docx.Document(), default_parts()
    doc.part._styles_part._element = parse_xml(parts["styles"])
    doc.part._settings_part._element = parse_xml(parts["settings"])
    doc.part.part_related_by(RT.FONT_TABLE)._blob = parts["fonts"]
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype in DROP_DOCUMENT_RELS:
            doc.part.rels.pop(rid)
    for rid, rel in list(doc.part.package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            doc.part.package.rels.pop(rid)
    body = doc.element.body
    for child in list(body):
        if child.tag != f"{{{W_NS}}}sectPr":
            body.remove(child)
    return doc, parts


def _set_page(section, header: int) -> None:
    page = L.PORTRAIT
    section.page_width, section.page_height = Twips(page["w"]), Twips(page["h"])
    section.top_margin, section.bottom_margin = Twips(page["top"]), Twips(page["bottom"])
    section.left_margin, section.right_margin = Twips(page["left"]), Twips(page["right"])
    section.header_distance, section.footer_distance = Twips(header), Twips(L.footer_distance(page))
    section.gutter = Twips(0)
    sect = section._sectPr
    for old in sect.findall(f"{{{W_NS}}}docGrid") + sect.findall(f"{{{W_NS}}}cols"):
        sect.remove(old)
    sect.append(parse_xml(f'<w:docGrid xmlns:w="{W_NS}" w:type="linesAndChars" '
                          f'w:linePitch="{L.LINE_PITCH}" w:charSpace="{L.CHAR_SPACE}"/>'))


def _fill(header_or_footer, part_xml: bytes) -> None:
    """A header or footer of its own, holding the paragraphs of a rendered part."""
    header_or_footer.is_linked_to_previous = False
    element = header_or_footer._element
    for child in list(element):
        element.remove(child)
    for paragraph in parse_xml(part_xml):
        element.append(paragraph)


def _add_samples(doc, samples) -> None:
    for style, text in samples:
        doc.add_paragraph(text, style=style)


def _add_runs_samples(doc) -> None:
    for style, label, names in (("出席（首行）", "出席：", "区市场监督管理局局长李明华，区司法局副局长柳　阳"),
                                ("出席请假列席", "请假：", "区商务局副局长李　雪（公出）")):
        paragraph = doc.add_paragraph(style=style)
        paragraph.add_run(label, style="标签（黑体）")
        paragraph.add_run(names)
    paragraph = doc.add_paragraph(style="Normal")
    for text, style in (("正文中的", None), ("强调（楷体）", "强调（楷体）"), ("和", None), ("加粗", "加粗"), ("两种字符样式。", None)):
        paragraph.add_run(text, style=style)


def _add_attachment(doc) -> None:
    doc.add_paragraph("附件", style="附件标识")
    doc.add_paragraph("附件标题", style="附件标题")
    table = doc.add_table(rows=3, cols=3, style="公文表格")
    rows = (("表头", ("序号", "单位", "姓名")), ("表格分部", ("一", "组长、副组长", "")), ("表格文字", ("1", "区政府", "王　军")))
    for row, (style, cells) in enumerate(rows):
        for col, text in enumerate(cells):
            paragraph = table.cell(row, col).paragraphs[0]
            paragraph.text = text
            paragraph.style = "表格文字居中" if (style == "表格文字" and col == 0) else style


def _add_imprint(doc) -> None:
    table = doc.add_table(rows=2, cols=1, style="版记表格")
    for row, text in enumerate(("抄送：区委办公室，区人大常委会办公室。", "西市区人民政府办公室\t2022年11月24日印发")):
        paragraph = table.cell(row, 0).paragraphs[0]
        paragraph.text = text
        paragraph.style = "版记"


def build():
    doc, parts = _fresh_document()
    first = doc.sections[0]
    _set_page(first, L.HEADER_DISTANCE)
    _fill(first.footer, parts["footer_odd"])
    _fill(first.even_page_footer, parts["footer_even"])
    _add_samples(doc, FILE_SAMPLES)
    _add_imprint(doc)
    doc.add_paragraph("西市区人民政府知识产权联席会议纪要", style="发文机关标志").paragraph_format.page_break_before = True
    _add_samples(doc, MINUTES_SAMPLES)
    _add_runs_samples(doc)
    _add_attachment(doc)
    letter = doc.add_section(WD_SECTION.NEW_PAGE)
    _set_page(letter, L.LETTER_MARK_TOP)
    letter.different_first_page_header_footer = True
    _fill(letter.first_page_header, parts["header_letter"])
    _fill(letter.first_page_footer, parts["footer_letter"])
    _add_samples(doc, LETTER_SAMPLES)
    props = doc.core_properties
    props.title, props.author, props.last_modified_by, props.revision = "公文样式", "ipdocs", "ipdocs", 1
    return doc


def template_bytes() -> bytes:
    """The default house-style file; the same bytes every time (fixed zip times, part order and dates)."""
    buffer = io.BytesIO()
    build().save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    names = sorted(source.namelist(), key=lambda n: (n != "[Content_Types].xml", n))
    return zip_bytes([(name, _fixed_dates(name, source.read(name))) for name in names])


def _fixed_dates(name: str, data: bytes) -> bytes:
    if name != "docProps/core.xml":
        return data
    return re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + CORE_DATE.encode(), data)
