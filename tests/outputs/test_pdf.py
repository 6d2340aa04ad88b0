"""The PDFs themselves: A4, text inside the 156 × 225 mm type area, page numbers, landscape tables, typefaces."""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from support import LANDSCAPE_AREA, MM, PORTRAIT_AREA, REPO, SLACK, pages, split_footer
from ipdocs.outputs.fonts import coverage
from ipdocs.outputs.pdf import convert, pdf_environment

needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="没有 LibreOffice 或 poppler：apt-get install -y libreoffice-writer-nogui poppler-utils fonts-noto-cjk")



def one_of_each_type() -> list[str]:
    from ipdocs.read.content import load_content
    from ipdocs.documents import all_documents
    from ipdocs.outputs.preview import one_of_each
    return [f"{d.group}:{d.name}" for d in one_of_each(all_documents(load_content(REPO / "content")))]


TYPES = one_of_each_type()


@pytest.fixture(scope="module")
def pdfs(shipped, tmp_path_factory):
    made = convert([shipped[k] for k in TYPES], tmp_path_factory.mktemp("pdf"))
    return dict(zip(TYPES, made))


@needs_soffice
def test_every_document_type_is_covered():
    assert {t.split(":")[0] for t in TYPES} == {"notice", "minutes", "notices", "signin", "changes", "roster", "progress",
                                                "reminders"}
    assert len(TYPES) >= 8               # a request and a notice; a unit's and the office's progress report


@needs_soffice
@pytest.mark.parametrize("key", TYPES)
def test_pages_are_a4_and_text_stays_in_the_type_area(pdfs, key):
    for number, (width, height, words) in enumerate(pages(pdfs[key]), start=1):
        assert sorted((round(width), round(height))) == [595, 842], (key, number)
        area = LANDSCAPE_AREA if width > height else PORTRAIT_AREA
        body, footer = split_footer(words, area)
        if number == 1 and key.endswith("-request"):      # 信函: the mark stands 30 mm from the page's top edge
            mark = [w for w in body if w[1] < area[1]]
            assert [w[4] for w in mark] == ["区文化旅游和广播电视局"] and 28 * MM < mark[0][1] < 36 * MM
            body = [w for w in body if w not in mark]
            assert footer == []                             # no page number on a letter's first page
            continue
        for x0, y0, x1, y1, text in body:
            assert area[0] - SLACK <= x0 and x1 <= area[2] + SLACK, (key, number, text, x0, x1)
            assert area[1] - SLACK - 10 <= y0 and y1 <= area[3] + SLACK, (key, number, text, y0, y1)
        assert "".join(w[4] for w in footer) == f"—{number}—", (key, number)


@needs_soffice
def test_page_numbers_sit_right_on_odd_pages_and_left_on_even_pages(pdfs):
    """Where the number stands on the sheet held upright: a landscape page is read turned (its top at the binding
    edge), so its number, at its left edge, is at the sheet's foot like every other page's (GB/T 9704 §10.1)."""
    turned = 0
    for number, (width, height, words) in enumerate(pages(pdfs["notice:founding"]), start=1):
        _, footer = split_footer(words, LANDSCAPE_AREA if width > height else PORTRAIT_AREA)
        if width > height:                                      # the sheet upright: x along the page's top-down
            footer, turned = [(y0, width - x1, y1, width - x0, text) for x0, y0, x1, y1, text in footer], turned + 1
        area = PORTRAIT_AREA
        left, right, top = min(w[0] for w in footer), max(w[2] for w in footer), min(w[1] for w in footer)
        if number % 2:
            assert abs(right - (area[2] - 14)) < 3, number        # 1字 of 4号 in from the right
        else:
            assert abs(left - (area[0] + 14)) < 3, number         # 1字 in from the left
        assert 0 < top - area[3] < 7 * MM + 3, number              # about 7 mm below the type area
    assert turned


@needs_soffice
def test_the_assessment_attachment_is_on_landscape_pages(pdfs):
    sizes = [(w, h) for w, h, _ in pages(pdfs["notice:founding"])]
    assert sizes[0][0] < sizes[0][1]
    landscape = [n for n, (w, h) in enumerate(sizes, start=1) if w > h]
    assert landscape and landscape == list(range(landscape[0], landscape[-1] + 1))     # one run of pages
    assert all(w < h for w, h in sizes[landscape[-1]:]) and len(sizes) > landscape[-1]  # the 版记 page portrait again


@needs_soffice
def test_title_body_and_headings_use_distinct_faces(pdfs):
    out = subprocess.run(["pdffonts", str(pdfs["notice:founding"])], capture_output=True, text=True, check=True).stdout
    faces = {re.sub(r"^[A-Z]{6}\+", "", line.split()[0]) for line in out.splitlines()[2:]}
    cjk = {f for f in faces if "CJK" in f or "Fandol" in f or "UKai" in f.replace(" ", "")}
    if len(cjk) < 3:
        pytest.skip(f"中文替代字体未装全（见 README）：{sorted(faces)}")
    assert any("Fandol" in f for f in cjk), faces            # 仿宋 body
    assert any("Serif" in f and "Bold" in f for f in cjk)    # 小标宋 title
    assert any("Sans" in f for f in cjk)                     # 黑体 headings


@needs_soffice
def test_the_coverage_report_finds_no_fallback_for_the_shipped_content(tmp_path):
    report = coverage(REPO / "content", pdf_environment(tmp_path))
    missing = [c.line() for c in report if not c.found]
    if missing:
        pytest.skip("；".join(missing))
    assert [c.line() for c in report if c.missing] == []


def test_without_libreoffice_the_pdf_step_says_what_to_install(monkeypatch, tmp_path):
    import ipdocs.outputs.pdf as pdf
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    with pytest.raises(pdf.PdfUnavailable, match="apt-get install -y libreoffice-writer-nogui"):
        pdf.convert([tmp_path / "x.docx"])


@needs_soffice
def test_a_pdf_without_pdfa_identification_is_reported(tmp_path):
    from ipdocs.outputs.pdf import pdfa_problems
    plain = tmp_path / "plain.pdf"
    plain.write_bytes(b"%PDF-1.4\n% not PDF/A\n")
    assert any("PDF/A-2b" in p for p in pdfa_problems(plain))


@needs_soffice
def test_pdfs_are_pdfa_2b_with_every_font_embedded(pdfs):
    from ipdocs.outputs.pdf import pdfa_problems
    for key, pdf in pdfs.items():
        assert pdfa_problems(pdf) == [], key
