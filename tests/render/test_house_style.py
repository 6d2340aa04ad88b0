"""The house style lives in a Word file the clerk edits: every document follows it (issue 16)."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import Pt

from ipdocs.documents import registry
from ipdocs.render import house as H
from ipdocs.settings import HOUSE_STYLE
from support import NS, REPO, W, Docx, build_all, doit, ipdocs

EAST = f"{W}eastAsia"


def edited_template(tmp_path: Path, edit) -> Path:
    target = tmp_path / "公文样式.docx"
    document = docx.Document(str(HOUSE_STYLE))
    edit(document)
    document.save(str(target))
    return target


def set_body_face(document, face: str) -> None:
    rfonts = document.styles["Normal"].element.get_or_add_rPr().get_or_add_rFonts()
    rfonts.set(EAST, face)


def built_with(template: Path, monkeypatch, tmp_path: Path, content: Path = REPO / "content") -> dict[str, Path]:
    monkeypatch.setattr(registry, "HOUSE_STYLE", template)
    return build_all(content, tmp_path / "output")


def content_with(tmp_path: Path, line: str) -> Path:
    """A copy of the shipped content whose organization.yaml ends with line."""
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    org = content / "organization.yaml"
    org.write_text(org.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")
    return content


def style(doc: Docx, name: str):
    return next(s for s in doc.styles.findall("w:style", NS) if s.find("w:name", NS).get(f"{W}val") == name)


def test_a_style_changed_in_word_reaches_every_document(tmp_path, monkeypatch):
    def edit(document):
        set_body_face(document, "仿宋")
        document.styles["一级标题"].font.size = Pt(18)
    built = built_with(edited_template(tmp_path, edit), monkeypatch, tmp_path)
    assert len(built) > 30
    for path in built.values():
        doc = Docx(path)
        assert doc.style("Normal").find("w:rPr/w:rFonts", NS).get(EAST) == "仿宋", path.name
        assert style(doc, "一级标题").find("w:rPr/w:sz", NS).get(f"{W}val") == "36", path.name


def test_no_document_carries_a_theme_font_or_a_theme(shipped):
    for path in shipped.values():
        with zipfile.ZipFile(path) as package:
            assert not [n for n in package.namelist() if "theme" in n.lower()], path.name
            for name in package.namelist():
                if name.endswith(".xml"):
                    assert not re.search(rb"w:\w*[tT]heme\w*=", package.read(name)), (path.name, name)


def test_the_font_table_names_an_alternate_for_every_official_face(shipped):
    doc = Docx(next(iter(shipped.values())))
    fonts = {f.get(f"{W}name"): f.find("w:altName", NS) for f in doc.xml("word/fontTable.xml").findall("w:font", NS)}
    assert {"仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312"} <= set(fonts)
    assert fonts["仿宋_GB2312"].get(f"{W}val") == "仿宋"


def test_style_ids_rewritten_by_a_chinese_word_are_found_by_name(tmp_path, monkeypatch):
    """Chinese Word saves Normal as id "a" and its custom styles as a2, a3 …: the writer follows the names."""
    source = zipfile.ZipFile(HOUSE_STYLE)
    styles = source.read("word/styles.xml").decode("utf-8")
    ids = re.findall(r'w:styleId="([^"]+)"', styles)
    new = {old: f"a{n}" for n, old in enumerate(ids)}
    target = tmp_path / "公文样式.docx"
    with zipfile.ZipFile(target, "w") as out:
        for name in source.namelist():
            data = source.read(name)
            if name.startswith("word/") and name.endswith(".xml"):
                text = re.sub(r'(w:styleId="|<w:(?:pStyle|rStyle|tblStyle|basedOn|next|link) w:val=")([^"]+)(")',
                              lambda m: m.group(1) + new.get(m.group(2), m.group(2)) + m.group(3), data.decode("utf-8"))
                data = text.encode("utf-8")
            out.writestr(name, data)
    built = built_with(target, monkeypatch, tmp_path)
    minutes = Docx(next(p for k, p in built.items() if k.startswith("minutes:")))
    defined = {s.get(f"{W}styleId") for s in minutes.styles.findall("w:style", NS)}
    used = {p.get(f"{W}val") for p in minutes.document.iter(f"{W}pStyle")}
    assert used and used <= defined and new["Mark"] in used and "Mark" not in used


def test_organization_fonts_map_the_official_faces_to_the_ones_an_office_has(tmp_path, monkeypatch):
    content = content_with(tmp_path, "fonts: {仿宋_GB2312: 仿宋, 楷体_GB2312: 楷体}")
    doc = Docx(built_with(HOUSE_STYLE, monkeypatch, tmp_path, content)["notice:founding"])
    faces = {f.get(EAST) for f in doc.styles.iter(f"{W}rFonts")} - {None}
    assert "仿宋" in faces and "楷体" in faces and not {"仿宋_GB2312", "楷体_GB2312"} & faces
    table = {f.get(f"{W}name"): f.find("w:altName", NS) for f in doc.xml("word/fontTable.xml").findall("w:font", NS)}
    assert table["仿宋"].get(f"{W}val") == "FangSong" and "仿宋_GB2312" not in table


def test_centred_page_numbers(tmp_path, monkeypatch):
    content = content_with(tmp_path, "page_numbers: 居中")
    doc = Docx(built_with(HOUSE_STYLE, monkeypatch, tmp_path, content)["notice:founding"])
    for footer in ("word/footer1.xml", "word/footer2.xml"):
        assert doc.xml(footer).find(".//w:pPr/w:jc", NS).get(f"{W}val") == "center"


def test_preprinted_paper_leaves_out_the_red_mark_and_lines_and_nothing_moves(tmp_path, monkeypatch):
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    plain = built_with(HOUSE_STYLE, monkeypatch, tmp_path / "plain", content)["notice:founding"]
    org = content / "organization.yaml"
    org.write_text(org.read_text(encoding="utf-8") + "paper: 套红纸\n", encoding="utf-8")
    preprinted = Docx(built_with(HOUSE_STYLE, monkeypatch, tmp_path / "pre", content)["notice:founding"])
    marks = preprinted.paragraph("Mark")
    assert marks and all(Docx.text_of(p) == "" for p in marks)
    rules = [b.get(f"{W}color") for s in ("DocNumber", "Mark") for b in preprinted.style(s).iter(f"{W}bottom")]
    assert rules and set(rules) == {"FFFFFF"}
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        pytest.fail("this test needs LibreOffice and poppler-utils, as .ci/run installs them")
    from ipdocs.outputs.pdf import convert
    pdfs = [*convert([plain], tmp_path / "pdf-plain"), *convert([preprinted.path], tmp_path / "pdf-pre")]
    words = [words_with_positions(p) for p in pdfs]
    mark = "西市区人民政府文件"
    assert mark in {w for w, _ in words[0]} and mark not in {w for w, _ in words[1]}
    assert [x for x in words[0] if x[0] != mark] == words[1]


def words_with_positions(pdf: Path) -> list[tuple[str, tuple]]:
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [(m.group(5), tuple(round(float(m.group(i)), 1) for i in range(1, 5)))
            for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', html)]


def test_a_template_that_lost_a_style_stops_the_build_naming_the_style(tmp_path):
    def lose(document):
        element = document.styles["版记"].element
        element.getparent().remove(element)
    shutil.copytree(REPO / "content", tmp_path / "content")
    broken = edited_template(tmp_path, lose)
    for result in (run_with(ipdocs, broken, "check", cwd=tmp_path), run_with(doit, broken, cwd=tmp_path)):
        assert result.returncode == 1
        assert f"{broken}: 缺少段落样式“版记”" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "output").exists()


def test_a_plain_word_document_as_house_style_is_told_once_per_problem_and_pointed_to_style_template(tmp_path):
    plain = tmp_path / "公文样式.docx"
    docx.Document().save(str(plain))
    with pytest.raises(H.TemplateError) as caught:
        H.read(plain)
    messages = caught.value.messages
    assert "style-template" in messages[0] and len(messages) == len(set(messages))
    assert "缺少段落样式“版记”" in "\n".join(messages)
    assert not [m for m in messages if "Light Grid" in m]     # theme fonts of table styles no document uses


def test_a_theme_font_in_a_style_the_documents_use_is_named_once(tmp_path):
    def theme_body(document):
        rfonts = document.styles["Normal"].element.get_or_add_rPr().get_or_add_rFonts()
        rfonts.attrib.pop(EAST, None)
        rfonts.set(f"{W}eastAsiaTheme", "minorEastAsia")
        document.styles["版记"].element.get_or_add_rPr().get_or_add_rFonts().set(f"{W}eastAsiaTheme", "minorEastAsia")
    with pytest.raises(H.TemplateError) as caught:
        H.read(edited_template(tmp_path, theme_body))
    themed = [m for m in caught.value.messages if "主题字体" in m]
    assert len(themed) == len(set(themed)) and any("样式“Normal”" in m or "样式“正文”" in m for m in themed), themed


def test_a_setting_that_should_be_a_number_is_named_not_an_internal_error(tmp_path):
    shutil.copytree(REPO / "content", tmp_path / "content")
    broken = tmp_path / "公文样式.docx"
    with zipfile.ZipFile(HOUSE_STYLE) as source, zipfile.ZipFile(broken, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            target.writestr(name, data.replace(b'w:w="11906"', b'w:w="abc"') if name == "word/document.xml" else data)
    for result in (run_with(ipdocs, broken, "check", cwd=tmp_path), run_with(doit, broken, cwd=tmp_path)):
        assert result.returncode == 1 and "Traceback" not in result.stderr and "内部错误" not in result.stderr
        assert f"{broken}: 样式文件中有应为数字、却写着 'abc' 的页面或样式设置" in result.stderr


def test_a_file_that_is_not_a_word_document_is_named(tmp_path):
    broken = tmp_path / "公文样式.docx"
    broken.write_text("not a zip", encoding="utf-8")
    shutil.copytree(REPO / "content", tmp_path / "content")
    result = run_with(ipdocs, broken, "check", cwd=tmp_path)
    assert result.returncode == 1 and "不是可以读取的 Word 文件" in result.stderr and "Traceback" not in result.stderr


def test_a_page_without_room_for_text_is_an_error(tmp_path):
    from docx.shared import Mm
    narrow = edited_template(tmp_path, lambda d: setattr(d.sections[0], "left_margin", Mm(150)))
    with pytest.raises(H.TemplateError) as caught:
        H.read(narrow)
    assert any("版心只有" in m for m in caught.value.messages)


def test_the_default_template_is_what_the_generator_makes():
    """The committed file starts as the generator's output; regenerate it (ipdocs style-template) after changing layout.py."""
    from ipdocs.render.house_template import template_bytes
    assert HOUSE_STYLE.read_bytes() == template_bytes()


def run_with(command, template: Path, *args, cwd: Path):
    import os
    os.environ["IPDOCS_HOUSE_STYLE"] = str(template)
    try:
        return command(*args, cwd=cwd)
    finally:
        del os.environ["IPDOCS_HOUSE_STYLE"]


def test_a_font_name_with_xml_characters_is_written_escaped_and_an_unknown_face_is_warned(tmp_path, monkeypatch):
    content = content_with(tmp_path, "fonts: {仿宋_GB2312: 'A&B \"<字>\"', 未知字体: 仿宋}")
    check = subprocess.run([sys.executable, "-m", "ipdocs", "check"], cwd=tmp_path, capture_output=True, text=True,
                           env={**os.environ, "PYTHONPATH": str(REPO)})
    assert check.returncode == 0 and "fonts 中的“未知字体”不是公文用到的字体" in check.stderr + check.stdout
    doc = Docx(built_with(HOUSE_STYLE, monkeypatch, tmp_path, content)["notice:founding"])
    names = {f.get(f"{W}name") for f in doc.xml("word/fontTable.xml").findall("w:font", NS)}
    assert 'A&B "<字>"' in names


def test_a_landscape_page_is_numbered_at_the_foot_of_the_sheet(shipped):
    """GB/T 9704 §10.1: the footers of landscape sections hold the portrait footers' paragraphs in a text box turned
    a quarter clockwise, at the portrait footer's place on the sheet (the print check sees it in the PDF)."""
    house = H.load(HOUSE_STYLE)
    turned_docs = [d for d in shipped.values() if b'w:orient="landscape"' in zipfile.ZipFile(d).read("word/document.xml")]
    portrait_only = [d for d in shipped.values() if d not in turned_docs]
    assert turned_docs and portrait_only
    doc = Docx(turned_docs[0])
    landscape = [s for s in doc.document.iter(f"{W}sectPr") if s.find(f"{W}pgSz").get(f"{W}orient") == "landscape"]
    assert landscape and all({r.get(f"{W}type"): r.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id") for r in s.findall(f"{W}footerReference")}
                             == {"default": "rIdFooterTurnedOdd", "even": "rIdFooterTurnedEven"} for s in landscape)
    for part, style in (("word/footer5.xml", "FooterOdd"), ("word/footer6.xml", "FooterEven")):
        footer = doc.xml(part)
        body = footer.find(".//wps:bodyPr", {"wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"})
        offsets = [int(el.text) for el in footer.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}posOffset")]
        assert body.get("vert") == "vert" and offsets == [house.page["footer"] * 635, house.page["left"] * 635]
        boxed = footer.find(".//w:txbxContent/w:p", NS)
        fields = "".join(t.text or "" for t in footer.iter(f"{W}instrText"))
        assert boxed.find("w:pPr/w:pStyle", NS).get(f"{W}val") == style and "PAGE" in fields
    assert all("word/footer5.xml" not in zipfile.ZipFile(d).namelist() for d in portrait_only)
