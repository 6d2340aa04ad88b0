"""The year's archive: DA/T 22 numbering per class, per-record metadata, PDF/A copies, BagIt + zip, sealed versions."""
from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path
import zipfile

import pytest

from ipdocs.errors import ContentError
from lxml import etree

from support import REPO, W, build_all
from ipdocs.documents import all_documents
from ipdocs.outputs.archive import ArchiveError, build_archive, versions
from ipdocs.outputs.archive_meta import NS, schema
from ipdocs.outputs.pdf import make_pdfs, pdfa_problems, sha256_of
from ipdocs.read.content import load_content

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdfinfo") is None,
                                reason="没有 LibreOffice 或 poppler：apt-get install -y libreoffice-writer-nogui poppler-utils")
CODES = {"永久": "Y", "定期30年": "D30", "定期10年": "D10"}
MEETING = "2022-12-15-joint-1"


def q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def archive(project, year=2022, **kw):
    content = load_content(project / "content")
    build_all(project / "content", project / "output")
    return build_archive(content, all_documents(content), year, project / "output", **kw)


@pytest.fixture(scope="session")
def sealed_root(tmp_path_factory):
    """The shipped content built with a PDF/A copy of every document (one soffice call), and its 2022 archive v1."""
    root = tmp_path_factory.mktemp("archived")
    shutil.copytree(REPO / "content", root / "content")
    make_pdfs(list(build_all(root / "content", root / "output").values()))
    warnings = []
    bag, written = archive(root, warn=warnings.append)
    assert written
    return root, bag, warnings


@pytest.fixture
def sealed(sealed_root):
    """The sealed 2022 version, for tests that only read it."""
    return sealed_root


@pytest.fixture
def project(sealed_root, tmp_path):
    """A clerk's folder: content, documents, PDFs and the sealed 2022_v1; returns (folder, v1)."""
    root, bag, _ = sealed_root
    shutil.copytree(root, tmp_path / "p", symlinks=True)
    return tmp_path / "p", tmp_path / "p" / bag.relative_to(root)


def rows(bag, name="归档文件目录.csv"):
    data = (bag / "data" / name).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")          # UTF-8 with BOM: Excel and WPS read it
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def verify(target, cwd):
    from support import ipdocs
    return ipdocs("verify", str(target), cwd=cwd)


def test_the_archive_validates_with_the_bagit_library(sealed):
    import bagit
    _, bag, _ = sealed
    loaded = bagit.Bag(str(bag))
    loaded.validate()
    assert set(loaded.algorithms) == {"sha256", "sha512"}
    assert loaded.info["Source-Organization"] == "西市区人民政府知识产权联席会议办公室"
    assert bag.with_suffix(".zip").exists()


def test_numbers_run_from_0001_within_each_retention_class_and_the_index_is_ordered_by_class(sealed):
    _, bag, _ = sealed
    index = rows(bag)
    classes = [r["保管期限"] for r in index]
    assert classes == sorted(classes, key=list(CODES).index) and len(set(classes)) == 3
    for term in CODES:
        numbers = [r["件号"] for r in index if r["保管期限"] == term]
        assert numbers == [f"{n:04d}" for n in range(1, len(numbers) + 1)], term
    for r in index:
        assert r["档号"] == f"X001-2022-{CODES[r['保管期限']]}-{r['件号']}"
        assert re.fullmatch(r"\d{8}", r["日期"]) and r["日期"][:4] in ("2022", "2023")   # late 2022 reports: 2023
        assert (bag / "data" / "文件" / r["档号"]).is_dir()
    assert index[0]["文号"] == "营西政发〔2022〕12号" and index[0]["日期"] == "20221109"
    assert sorted(p.name for p in (bag / "data" / "文件").iterdir()) == sorted(r["档号"] for r in index)


def test_page_counts_are_known_for_documents_and_evidence(sealed):
    _, bag, warnings = sealed
    index = rows(bag)
    assert all(r["页数"].isdigit() and int(r["页数"]) >= 1 for r in index), [r for r in index if not r["页数"].isdigit()]
    assert int(index[0]["页数"]) >= 10                      # the founding notice with its assessment table
    assert [w for w in warnings if "页数" in w] == []


def test_every_record_has_metadata_that_validates_and_matches_its_files_and_the_index(sealed):
    _, bag, _ = sealed
    for r in rows(bag):
        folder = bag / "data" / "文件" / r["档号"]
        tree = etree.parse(str(folder / "元数据.xml"))
        assert schema().validate(tree), schema().error_log
        root = tree.getroot()
        for tag in ("题名", "文件编号", "责任者", "日期", "保管期限", "页数"):
            assert root.findtext(f".//{q(tag)}", default="") == r[tag if tag != "文件编号" else "文号"], (tag, r)
        assert root.findtext(f".//{q('完整档号')}") == r["档号"]
        described = {}
        for element in root.iter(q("电子文件")):
            name = element.findtext(q("计算机文件名"))
            path = folder / name
            assert int(element.findtext(q("计算机文件大小"))) == path.stat().st_size
            assert element.findtext(q("数字摘要")) == sha256_of(path)
            assert element.findtext(q("格式信息")) and element.findtext(q("文档创建程序"))
            described[name] = element
        assert set(described) | {"元数据.xml"} == {p.name for p in folder.iterdir()}


def test_every_document_has_a_pdfa_copy_made_from_the_docx_beside_it(sealed):
    _, bag, _ = sealed
    documents = [r for r in rows(bag) if r["备注"] != "自拟题名"]
    assert documents
    for r in documents:
        folder = bag / "data" / "文件" / r["档号"]
        docx, pdf = next(folder.glob("*.docx")), next(folder.glob("*.pdf"))
        assert pdfa_problems(pdf) == []
        root = etree.parse(str(folder / "元数据.xml")).getroot()
        copy = next(e for e in root.iter(q("电子文件")) if e.get("用途") == "长期保存版本")
        assert copy.findtext(q("格式信息")) == "PDF/A-2b" and copy.findtext(q("来源文件摘要")) == sha256_of(docx)


def test_the_catalogue_lists_every_record_and_points_at_its_metadata(sealed):
    _, bag, _ = sealed
    tree = etree.parse(str(bag / "data" / "文件目录.xml"))
    assert schema().validate(tree), schema().error_log
    entries = list(tree.getroot().iter(q("条目")))
    assert [e.findtext(q("档号")) for e in entries] == [r["档号"] for r in rows(bag)]
    for e in entries:
        assert e.findtext(q("元数据摘要")) == sha256_of(bag / "data" / e.findtext(q("元数据")))
    text = (bag / "data" / "说明文件.txt").read_text(encoding="utf-8")
    for words in ("立档单位", "打包日期", "ipdocs", "LibreOffice", "ipdocs verify", "sha256sum -c", "BagIt"):
        assert words in text


def test_self_written_titles_name_the_unit_once(sealed):
    _, bag, _ = sealed
    evidence = [r for r in rows(bag) if r["备注"] == "自拟题名"]
    assert evidence
    for r in evidence:
        assert r["题名"].startswith("[") and r["题名"].endswith("证明材料）]")
        unit = re.match(r"\[(区\w+?(局|院|部|会|联|协|办))", r["题名"])
        assert unit and r["题名"].count(unit.group(1)) == 1, r["题名"]


def test_every_indicator_with_evidence_maps_to_archived_records(sealed):
    project, bag, _ = sealed
    content = load_content(project / "content")
    served = ({n for mt in content.meetings for d in mt.decisions for n in d.indicators}
              | {2, 3} | {e.no for r in content.progress if r.period.year == 2022 for e in r.indicators})
    references = {r["档号"] for r in rows(bag)}
    evidence = {int(r["指标序号"]): r for r in rows(bag, "考核指标证明材料索引.csv")}
    assert sorted(evidence) == list(range(1, 48))
    for no, r in evidence.items():
        pieces = [p for p in r["件号"].split("\n") if p]
        assert set(pieces) <= references
        assert bool(pieces) == (no in served), no


def test_the_evidence_index_gives_each_record_a_row_under_its_indicator_merged_over_them(sealed):
    import docx as python_docx
    _, bag, _ = sealed
    document = python_docx.Document(str(bag / "data" / "考核指标证明材料索引.docx"))
    table = document.tables[-1]
    header = [c.text for c in table.rows[0].cells]
    number, reference, filed = header.index("指标序号"), header.index("件号"), header.index("文件")
    printed: dict[str, list[tuple[str, str]]] = {}
    for row in table.rows[1:]:
        cells = row.cells                                   # python-docx repeats a merged cell's text on every row
        printed.setdefault(cells[number].text, []).append((cells[reference].text, cells[filed].text))
        assert row._tr.find(f"{W}trPr/{W}cantSplit") is not None     # no row is taller than a page any more
    for r in rows(bag, "考核指标证明材料索引.csv"):
        pieces = r["件号"].split("\n") if r["件号"] else [""]
        files = r["文件"].split("\n") if r["文件"] else [""]
        assert printed[r["指标序号"]] == list(zip(pieces, files)), r["指标序号"]
    merged = [tc for tc in table._tbl.iter(f"{W}tc") if tc.find(f"{W}tcPr/{W}vMerge") is not None]
    assert merged, "some indicator rests on more than one record: its 指标序号 and 考核要点 span its rows"


def test_the_member_list_is_archived_with_its_retention(project):
    bag, written = archive(project[0], 2023)
    roster = [r for r in rows(bag) if r["题名"].endswith("成员名单")]
    assert written and len(roster) == 1 and roster[0]["保管期限"] == "定期30年"


def test_file_names_in_the_bag_are_nfc(sealed):
    _, bag, _ = sealed
    for path in bag.rglob("*"):
        assert path.name == unicodedata.normalize("NFC", path.name)


# --- versions ---------------------------------------------------------------------------------------

def edit_place(project, words="区政府五楼会议室"):
    meeting = project / "content" / "meetings" / f"{MEETING}.yaml"
    text = meeting.read_text(encoding="utf-8")
    meeting.write_text(re.sub(r"(?m)^place: .*$", f"place: {words}", text), encoding="utf-8")


def snapshot(folder):
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_a_rerun_without_changes_writes_nothing_even_when_the_pdfs_were_made_again(project):
    folder, bag = project
    before = snapshot(bag)
    make_pdfs([next((folder / "output" / "2022").glob("营西政发*.docx"))])      # a new PDF: new creation time
    again, written = archive(folder)
    assert again == bag and not written and snapshot(bag) == before


def test_a_stale_pdf_never_enters_a_version_the_edited_meeting_gets_a_new_pdf(project):
    """Edit a meeting's place, rebuild the documents (not the PDFs), archive: v2 shows the new place in its PDF."""
    folder, first = project
    before = snapshot(first)
    edit_place(folder)
    second, written = archive(folder)
    assert written and second.name == "2022年度档案_v2" and snapshot(first) == before
    minutes = [p for p in (second / "data" / "文件").glob("*/*.pdf") if p.name.startswith(MEETING[:10] + "_")]
    texts = [subprocess.run(["pdftotext", str(p), "-"], capture_output=True, text=True).stdout for p in minutes]
    assert len(minutes) == 3 and all("五楼会议室" in re.sub(r"\s", "", t) for t in texts)     # its notice, sign-in sheet, minutes
    assert verify(second, folder).returncode == 0
    founding = next((first / "data" / "文件" / "X001-2022-Y-0001").glob("*.pdf"))
    assert founding.read_bytes() == (second / "data" / "文件" / "X001-2022-Y-0001" / founding.name).read_bytes()


def test_without_libreoffice_a_stale_pdf_stops_the_archive_with_a_message(project, monkeypatch):
    import ipdocs.outputs.pdf as pdf
    folder, _ = project
    edit_place(folder)
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None if name in ("soffice", "libreoffice") else "/usr/bin/" + name)
    with pytest.raises(ArchiveError, match="PDF/A.*LibreOffice"):
        archive(folder)
    assert [v.name for v in versions(folder / "output" / "档案", 2022)] == ["2022年度档案_v1"]


def test_a_number_is_not_reused_while_its_zip_is_there(project):
    folder, first = project
    zipped = first.with_suffix(".zip").read_bytes()
    shutil.move(first, folder / "moved-away")
    edit_place(folder)
    second, written = archive(folder)
    assert written and second.name == "2022年度档案_v2"
    assert first.with_suffix(".zip").read_bytes() == zipped
    assert [v.name for v in versions(folder / "output" / "档案", 2022)] == ["2022年度档案_v1.zip", "2022年度档案_v2"]


def test_a_copy_with_an_unknown_name_is_ignored_with_a_warning(project):
    folder, first = project
    shutil.copytree(first, first.with_name(first.name + " (副本)"))
    warnings = []
    again, written = archive(folder, warn=warnings.append)
    assert again == first and not written
    assert any("(副本)" in w and "已忽略" in w for w in warnings)


@pytest.mark.parametrize("where", ["folder", "zip"])
def test_a_damaged_earlier_version_stops_the_archive(project, where):
    folder, first = project
    if where == "folder":
        victim = next((first / "data" / "文件").glob("*/*.docx"))
        victim.write_bytes(victim.read_bytes() + b"x")
    else:
        zipped = first.with_suffix(".zip")
        zipped.write_bytes(zipped.read_bytes()[:-200])
    edit_place(folder)
    with pytest.raises(ArchiveError, match="已损坏"):
        archive(folder)
    assert [v.name for v in versions(folder / "output" / "档案", 2022)] == ["2022年度档案_v1"]


# --- ipdocs verify --------------------------------------------------------------------------------

@pytest.fixture
def bag_copy(sealed, tmp_path):
    _, bag, _ = sealed
    shutil.copytree(bag, tmp_path / bag.name)
    shutil.copy(bag.with_suffix(".zip"), tmp_path / f"{bag.name}.zip")
    return tmp_path / bag.name


@pytest.mark.parametrize("damage", ["edit", "delete", "add"])
def test_verify_names_a_changed_missing_or_extra_file_in_the_folder(bag_copy, damage):
    target = sorted((bag_copy / "data" / "文件").glob("*/*.docx"))[0]
    if damage == "edit":
        target.write_bytes(target.read_bytes() + b"x")
    elif damage == "delete":
        target.unlink()
    else:
        target = target.with_name("多出来的.txt")
        target.write_text("?", encoding="utf-8")
    result = verify(bag_copy, bag_copy.parent)
    assert result.returncode == 1
    word = {"edit": "已改动", "delete": "缺失", "add": "多出"}[damage]
    assert f"{word}：{target.relative_to(bag_copy / 'data').as_posix()}" in result.stdout


def rezip(source, target, change=lambda name, data: data, extra=()):
    """A copy of a zip with members changed (None drops one) and extra (name, data) members added."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            data = change(name, src.read(name))
            if data is not None:
                dst.writestr(name, data)
        for name, data in extra:
            dst.writestr(name, data)
    return target


@pytest.mark.parametrize("damage", ["edit", "delete", "add"])
def test_verify_names_a_changed_missing_or_extra_file_in_the_zip(bag_copy, damage):
    source = bag_copy.with_suffix(".zip")
    with zipfile.ZipFile(source) as z:
        victim = next(n for n in z.namelist() if n.endswith(".docx") and "/data/文件/" in n)
    change = lambda name, data: (None if damage == "delete" else data + b"x") if name == victim else data
    extra = [(f"{bag_copy.name}/data/文件/多出来的.txt", b"?")] if damage == "add" else []
    damaged = rezip(source, bag_copy.parent / "damaged.zip", change if damage != "add" else (lambda n, d: d), extra)
    result = verify(damaged, bag_copy.parent)
    assert result.returncode == 1
    assert ("文件/多出来的.txt" if damage == "add" else victim.split("/data/", 1)[1]) in result.stdout
    assert verify(source, bag_copy.parent).returncode == 0


def test_verify_reports_metadata_that_does_not_match_its_file_even_when_the_manifests_do(bag_copy):
    import bagit
    pdf = sorted((bag_copy / "data" / "文件").glob("*/*.pdf"))[0]
    pdf.write_bytes(pdf.read_bytes() + b"\n% appended\n")
    bagit.Bag(str(bag_copy)).save(manifests=True)           # BagIt is satisfied again; the metadata is not
    result = verify(bag_copy, bag_copy.parent)
    assert result.returncode == 1
    assert f"元数据不符：文件/{pdf.parent.name}/{pdf.name}：元数据记载大小" in result.stdout


def test_verify_reports_a_renamed_file_against_its_metadata(bag_copy):
    import bagit
    docx = sorted((bag_copy / "data" / "文件").glob("*/*.docx"))[0]
    docx.rename(docx.with_name("改名.docx"))
    bagit.Bag(str(bag_copy)).save(manifests=True)
    out = verify(bag_copy, bag_copy.parent).stdout
    assert "元数据记载的文件不存在" in out and "改名.docx：元数据中没有记载" in out


def patch_header(data: bytes, member: str, offset_local: int, offset_central: int, change) -> bytes:
    """Set a 2-byte field of one member's local and central headers (compression method, flags)."""
    name = member.encode("utf-8")
    out = bytearray(data)
    for signature, offset, name_at in ((b"PK\x03\x04", offset_local, 30), (b"PK\x01\x02", offset_central, 46)):
        start = 0
        while (start := out.find(signature, start)) != -1:
            length = int.from_bytes(out[start + (26 if name_at == 30 else 28):][:2], "little")
            if bytes(out[start + name_at:start + name_at + length]) == name:
                old = int.from_bytes(out[start + offset:start + offset + 2], "little")
                out[start + offset:start + offset + 2] = change(old).to_bytes(2, "little")
            start += 4
    return bytes(out)


HOSTILE = {
    "garbage manifest line": ("manifest-sha256.txt", lambda d: d + b"this is not a manifest line\n", "第"),
    "non-UTF-8 manifest": ("manifest-sha256.txt", lambda d: d + "ééé  data/x\n".encode("latin-1"), "不是 UTF-8"),
    "manifest path outside the bag": ("manifest-sha256.txt", lambda d: d + b"0" * 64 + b"  ../../etc/passwd\n", "不在档案包之内"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_verify_reports_broken_manifests_and_fails(bag_copy, case):
    member, change, words = HOSTILE[case]
    name = f"{bag_copy.name}/{member}"
    damaged = rezip(bag_copy.with_suffix(".zip"), bag_copy.parent / "hostile.zip",
                    lambda n, d: change(d) if n == name else d)
    result = verify(damaged, bag_copy.parent)
    assert result.returncode == 1 and words in result.stdout and "Traceback" not in result.stderr


@pytest.mark.parametrize("member", ["../escaped.txt", "/tmp/ipdocs-absolute.txt", "outside.txt", "{bag}/../../x.txt"])
def test_verify_never_unpacks_a_member_outside_the_bag(bag_copy, tmp_path, member):
    name = member.format(bag=bag_copy.name)
    damaged = rezip(bag_copy.with_suffix(".zip"), tmp_path / "hostile.zip", extra=[(name, b"escaped")])
    before = {p for p in tmp_path.parent.rglob("*")}
    result = verify(damaged, tmp_path)
    assert result.returncode == 1 and "档案包之外" in result.stdout and "Traceback" not in result.stderr
    assert {p for p in tmp_path.parent.rglob("*")} == before
    assert not Path("/tmp/ipdocs-absolute.txt").exists()


@pytest.mark.parametrize("field, change, words", [("method", lambda old: 97, "不支持的压缩方式"),
                                                  ("flags", lambda old: old | 0x1, "加密")])
def test_verify_reports_unreadable_members_and_fails(bag_copy, tmp_path, field, change, words):
    source = bag_copy.with_suffix(".zip")
    with zipfile.ZipFile(source) as z:
        victim = next(n for n in z.namelist() if n.endswith(".docx"))
    offsets = {"method": (8, 10), "flags": (6, 8)}[field]
    damaged = tmp_path / "hostile.zip"
    damaged.write_bytes(patch_header(source.read_bytes(), victim, *offsets, change))
    result = verify(damaged, tmp_path)
    assert result.returncode == 1 and words in result.stdout and "Traceback" not in result.stderr


def test_verify_reports_a_file_that_is_not_a_zip(tmp_path):
    fake = tmp_path / "x.zip"
    fake.write_bytes(b"not a zip at all")
    result = verify(fake, tmp_path)
    assert result.returncode == 1 and "无法" in result.stdout and "Traceback" not in result.stderr


# --- codes and sources from the content ----------------------------------------------------------

def set_organization(project, line):
    org = project / "content" / "organization.yaml"
    org.write_text(org.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")


def test_a_configured_class_code_goes_into_every_reference(project):
    from ipdocs.outputs.archive import plan
    folder, _ = project
    set_organization(folder, "archive_class: BGS")
    content = load_content(folder / "content")
    index = plan(content, all_documents(content), 2022, folder / "output").index
    assert index[0]["档号"] == "X001-2022-Y-BGS-0001"
    assert all(re.fullmatch(r"X001-2022-(Y|D30|D10)-BGS-\d{4}", r["档号"]) for r in index)


def test_a_fonds_that_is_not_a_code_stops_the_archive(project):
    folder, _ = project
    set_organization(folder, "fonds: ../X")
    with pytest.raises(ArchiveError, match="全宗号.*只能由字母和数字组成"):
        archive(folder)


def test_evidence_that_links_out_of_the_content_folder_is_never_archived(project, tmp_path):
    folder, _ = project
    outside = tmp_path / "secret.txt"
    outside.write_text("不应归档", encoding="utf-8")
    evidence = next((folder / "content" / "evidence" / "2022").glob("*.md"))
    evidence.unlink()
    evidence.symlink_to(outside)
    with pytest.raises((ArchiveError, ContentError), match="内容文件夹之外|内容目录之外"):   # the reader stops it first
        archive(folder)
    assert [v.name for v in versions(folder / "output" / "档案", 2022)] == ["2022年度档案_v1"]


def test_verify_reports_a_missing_target(tmp_path):
    result = verify(tmp_path / "没有这个.zip", tmp_path)
    assert result.returncode == 1 and "找不到" in result.stdout and "Traceback" not in result.stderr


def test_a_file_name_with_separators_and_spaces_is_printed_whole_beside_its_reference():
    import datetime as dt
    import docx as python_docx
    from ipdocs.documents import render
    from ipdocs.outputs.archive import EVIDENCE_COLUMNS, csv_bytes, table_document
    from ipdocs.read.content import load_content
    files = ["文件/X001-2022-D10-0067/区农业农村局_举报电话；公开 情况.md", "文件/X001-2022-D10-0068/种子、市场、专项.md"]
    rows = [{"指标序号": "17", "考核要点": "设立区级农作物侵权监督举报电话的，得1分；",
             "件号": ["X001-2022-D10-0067", "X001-2022-D10-0068"], "文件": files}]
    org = load_content(REPO / "content").organization
    doc = table_document("考核指标证明材料索引", "2022年度考核指标证明材料索引", EVIDENCE_COLUMNS, rows, "6 50 14 40", org,
                         dt.date(2022, 12, 31))
    table = python_docx.Document(io.BytesIO(render(doc)[".docx"])).tables[-1]
    assert [[c.text for c in r.cells][2:] for r in table.rows[1:]] == [["X001-2022-D10-0067", files[0]],
                                                                       ["X001-2022-D10-0068", files[1]]]
    written = list(csv.DictReader(io.StringIO(csv_bytes(rows, EVIDENCE_COLUMNS).decode("utf-8-sig"))))
    assert written[0]["文件"].split("\n") == files
