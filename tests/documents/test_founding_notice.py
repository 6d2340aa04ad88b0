"""The founding notice 营西政发〔2022〕12号 rebuilt from content/ in GB/T 9704 layout."""
from __future__ import annotations

import re
import shutil

import pytest

from support import NS, SEED, W, Docx, normalise

CHROME = ("当前位置", "发布时间", "【字号", "分享", "附件:", "视频:", "扫一扫", "营西政发〔2022〕12号 关于")
HEADER_WORDS = {"考核", "内容", "指标", "考核要点", "序号", "指标说明", "支撑材料说明", "责任单位", "备注"}


def seed_lines() -> list[str]:
    lines = []
    for raw in SEED.read_text(encoding="utf-8").splitlines():
        line = raw.strip().lstrip("•").strip()
        if not line or line.startswith(CHROME) or line in HEADER_WORDS:
            continue
        line = re.sub(r"(\d{4})年0?(\d{1,2})月0?(\d{1,2})日", lambda m: f"{m[1]}年{int(m[2])}月{int(m[3])}日", line)
        lines.append(normalise(line))
    return lines


@pytest.fixture(scope="module")
def notice(shipped) -> Docx:
    return Docx(shipped["notice:founding"])


def test_it_contains_at_least_98_percent_of_the_seed_lines(notice):
    text = normalise(notice.all_text())
    lines = seed_lines()
    missing = [line for line in lines if line not in text]
    print("\n".join(["seed lines not found:"] + missing))
    assert len(lines) > 300
    assert len(missing) / len(lines) <= 0.02, missing


def test_it_is_a4_portrait_with_gbt9704_margins_and_grid(notice):
    first = notice.sections()[0]
    size, margins = first.find("w:pgSz", NS), first.find("w:pgMar", NS)
    assert (size.get(f"{W}w"), size.get(f"{W}h")) == ("11906", "16838")
    assert {k: margins.get(f"{W}{k}") for k in ("top", "bottom", "left", "right")} == \
        {"top": "2098", "bottom": "1984", "left": "1588", "right": "1474"}
    grid = first.find("w:docGrid", NS)
    assert grid.get(f"{W}type") == "linesAndChars" and grid.get(f"{W}linePitch") == "579"


def test_the_attachment_is_a_landscape_section(notice):
    sections = notice.sections()
    assert len(sections) == 2
    last = sections[-1].find("w:pgSz", NS)
    assert last.get(f"{W}orient") == "landscape" and last.get(f"{W}w") == "16838"


def test_fonts_and_sizes_follow_the_standard(notice):
    assert notice.style_font("Normal") == "仿宋_GB2312" and notice.style_size("Normal") == 32
    assert notice.style_font("Title") == "方正小标宋简体" and notice.style_size("Title") == 44
    assert notice.style_font("Heading1") == "黑体"
    assert notice.style_font("Heading2") == "楷体_GB2312"
    fonts = notice.style("Normal").find("w:rPr/w:rFonts", NS)
    assert fonts.get(f"{W}ascii") == "Times New Roman"
    assert not any(k.endswith("Theme") for k in fonts.attrib)
    indent = notice.style("Normal").find("w:pPr/w:ind", NS)
    assert indent.get(f"{W}firstLineChars") == "200"


def test_the_header_is_a_red_mark_a_number_and_a_red_line(notice):
    mark, = notice.paragraph("Mark")
    assert notice.text_of(mark) == "西市区人民政府文件"
    assert notice.style("Mark").find("w:rPr/w:color", NS).get(f"{W}val") == "FF0000"
    number, = notice.paragraph("DocNumber")
    assert notice.text_of(number) == "营西政发〔2022〕12号"
    line = notice.style("DocNumber").find("w:pPr/w:pBdr/w:bottom", NS)
    assert line.get(f"{W}color") == "FF0000"


def test_title_addressee_signature_date_and_annotation(notice):
    texts = notice.texts()
    assert "关于组建西市区人民政府知识产权联席会议制度的通知" in [notice.text_of(p) for p in notice.paragraph("Title")]
    assert [notice.text_of(p) for p in notice.paragraph("Addressee")] == ["区政府知识产权联席会议各成员单位："]
    assert [notice.text_of(p) for p in notice.paragraph("Signature")] == ["西市区人民政府"]
    assert [notice.text_of(p) for p in notice.paragraph("SignDate")] == ["2022年11月9日"]
    assert "（此件公开发布）" in texts
    assert [notice.text_of(p) for p in notice.paragraph("AttachmentNote")] == ["附件：2022年度知识产权保护工作检查考核指标责任分工"]


def test_headings_use_heading_styles(notice):
    headings = [notice.text_of(p) for p in notice.paragraph("Heading1")]
    assert headings == ["一、主要职责", "二、组成人员", "三、知识产权保护工作协调机制", "四、工作机构", "五、工作要求"]


def test_member_lists_pad_two_character_names(notice):
    lines = [notice.text_of(p) for p in notice.paragraph("RosterLine")]
    assert lines[0] == "组\u3000长：王\u3000军\u3000区政府副区长"
    assert "\u3000\u3000\u3000\u3000腾桂彬\u3000区政府办副主任" not in lines   # first member carries the label
    assert "成\u3000员：腾桂彬\u3000区政府办副主任" in lines
    assert "\u3000\u3000\u3000\u3000冯文琦\u3000公安局西市分局副局长" in lines      # per-list title
    assert len(lines) == 26 + 11


def test_page_numbers_are_em_dash_page_fields_odd_right_even_left(notice):
    settings = notice.xml("word/settings.xml")
    assert settings.find("w:evenAndOddHeaders", NS) is not None
    refs = {r.get(f"{W}type") for r in notice.sections()[0].findall("w:footerReference", NS)}
    assert refs == {"default", "even"}
    odd, even = notice.xml("word/footer1.xml"), notice.xml("word/footer2.xml")
    for footer in (odd, even):
        text = "".join(t.text for t in footer.iter(f"{W}t"))
        assert text.startswith("— ") and text.endswith(" —")
        assert "PAGE" in "".join(i.text for i in footer.iter(f"{W}instrText"))
    assert odd.find(".//w:pStyle", NS).get(f"{W}val") == "FooterOdd"
    assert notice.style("FooterOdd").find("w:pPr/w:jc", NS).get(f"{W}val") == "right"
    assert notice.style("FooterEven").find("w:pPr/w:jc", NS) is None   # left


def test_the_attachment_starts_a_new_page_with_its_label_and_title(notice):
    label, = notice.paragraph("AttachmentLabel")
    assert notice.text_of(label) == "附件"
    assert notice.style("AttachmentLabel").find("w:pPr/w:pageBreakBefore", NS) is not None
    assert notice.style_font("AttachmentLabel") == "黑体"
    titles = [notice.text_of(p) for p in notice.paragraph("AttachmentTitle")]
    assert titles == ["2022年度知识产权保护工作检查考核指标责任分工"]


def test_the_assessment_table_repeats_its_header_and_merges_cells(notice):
    table = notice.document.find(".//w:tbl", NS)
    rows = table.findall("w:tr", NS)
    assert [r.find("w:trPr/w:tblHeader", NS) is not None for r in rows[:2]] == [True, False]
    assert table.findall(".//w:vMerge[@w:val='restart']", NS)
    sections = [Docx.text_of(r) for r in rows if r.find("w:tc/w:tcPr/w:gridSpan", NS) is not None]
    assert sections[:3] == ["一、组织实施责任（10分）", "（一）研究部署（2分）", "（二）机制建设（8分）"]
    numbers = [int(t) for r in rows[1:] for tc in r.findall("w:tc", NS) if (t := Docx.text_of(tc)).isdigit()]
    assert numbers == list(range(1, 48))


def test_two_builds_give_identical_bytes(tmp_path):
    from support import REPO, build_all
    import hashlib
    first = build_all(REPO / "content", tmp_path / "a")
    second = build_all(REPO / "content", tmp_path / "b")
    def digests(root):
        return {p.relative_to(root): hashlib.sha256(p.read_bytes()).hexdigest() for p in root.rglob("*") if p.is_file()}
    assert digests(tmp_path / "a") == digests(tmp_path / "b")
    assert len(digests(tmp_path / "a")) >= 2 * len(first) == 2 * len(second)


@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="没有 LibreOffice：apt-get install -y libreoffice-writer-nogui fonts-noto-cjk")
def test_libreoffice_converts_it_and_the_attachment_is_landscape(notice, tmp_path):
    from ipdocs.outputs.pdf import convert, page_sizes
    pdf, = convert([notice.path], tmp_path)
    sizes = page_sizes(pdf)
    assert sizes[0][0] < sizes[0][1]                 # portrait first page
    assert sizes[-1][0] > sizes[-1][1]               # landscape attachment
    assert all(abs(w - 595) < 2 or abs(w - 842) < 2 for w, h in sizes)
