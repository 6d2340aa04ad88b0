"""The year's archive: DA/T 22 index, indicator map, BagIt package, verify, sealed versions."""
from __future__ import annotations

import csv
import io
import re
import zipfile

import bagit
import pytest

from support import build_all, ipdocs
from ipdocs.outputs.archive import build_archive, versions
from ipdocs.read.content import load_content
from ipdocs.documents import all_documents


def archive(project, year=2022):
    content = load_content(project / "content")
    build_all(project / "content", project / "output")
    return build_archive(content, all_documents(content), year, project / "output")


def rows(bag, name="归档文件目录.csv"):
    data = (bag / "data" / name).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")          # UTF-8 with BOM: Excel and WPS read it
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


@pytest.fixture
def bag(project):
    folder, written = archive(project)
    assert written
    return folder


def test_the_archive_validates_with_the_bagit_library(bag):
    loaded = bagit.Bag(str(bag))
    loaded.validate()
    assert set(loaded.algorithms) == {"sha256", "sha512"}
    assert loaded.info["Source-Organization"] == "西市区人民政府知识产权联席会议办公室"
    assert bag.with_suffix(".zip").exists()


def test_the_index_lists_every_record_once_in_dat22_form(bag):
    index = rows(bag)
    assert [r["件号"] for r in index] == [f"{n:04d}" for n in range(1, len(index) + 1)]
    assert len({r["题名"] for r in index if not r["题名"].startswith("[")}) == sum(not r["题名"].startswith("[") for r in index)
    for r in index:
        assert re.fullmatch(r"\d{8}", r["日期"]) and r["日期"][:4] in ("2022", "2023")   # late 2022 reports: 2023
        code = {"永久": "Y", "定期30年": "D30", "定期10年": "D10"}[r["保管期限"]]
        assert r["档号"] == f"X001-2022-{code}-{r['件号']}"
        assert r["页数"] == "未知" or r["页数"].isdigit()
    titles = [r["题名"] for r in index]
    assert "关于组建西市区人民政府知识产权联席会议制度的通知" in titles
    assert index[0]["文号"] == "营西政发〔2022〕12号" and index[0]["日期"] == "20221109"
    archived = {p.name for p in (bag / "data" / "文件").iterdir()}
    for r in index:
        assert any(name.startswith(r["件号"] + "_") for name in archived)


def test_every_indicator_with_evidence_maps_to_archived_items(bag, project):
    content = load_content(project / "content")
    served = ({n for mt in content.meetings for d in mt.decisions for n in d.indicators}
              | {2, 3}                                             # meetings of the bodies; progress reports
              | {e.no for r in content.progress if r.period.year == 2022 for e in r.indicators})
    index = {r["件号"] for r in rows(bag)}
    evidence = {int(r["指标序号"]): r for r in rows(bag, "考核指标证明材料索引.csv")}
    assert sorted(evidence) == list(range(1, 48))
    assert set(range(1, 48)) - served, "the sample should leave some indicator without evidence"
    for no, r in evidence.items():
        pieces = [p for p in r["件号"].split("、") if p]
        assert set(pieces) <= index
        assert bool(pieces) == (no in served), no
        assert bool(r["文件"]) == (no in served), no


@pytest.mark.parametrize("damage", ["edit", "delete", "add"])
def test_verify_names_a_changed_missing_or_extra_file_in_the_folder(bag, project, damage):
    target = sorted((bag / "data" / "文件").iterdir())[0]
    if damage == "edit":
        target.write_bytes(target.read_bytes() + b"x")
    elif damage == "delete":
        target.unlink()
    else:
        target = bag / "data" / "文件" / "多出来的.txt"
        target.write_text("?", encoding="utf-8")
    result = ipdocs("verify", str(bag), cwd=project)
    assert result.returncode == 1
    word = {"edit": "已改动", "delete": "缺失", "add": "多出"}[damage]
    assert f"{word}：文件/{target.name}" in result.stdout


@pytest.mark.parametrize("damage", ["edit", "delete", "add"])
def test_verify_names_a_changed_missing_or_extra_file_in_the_zip(bag, project, damage):
    source = bag.with_suffix(".zip")
    damaged = project / "damaged.zip"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(damaged, "w") as dst:
        victim = next(n for n in src.namelist() if "/data/文件/" in n)
        for name in src.namelist():
            data = src.read(name)
            if name == victim and damage == "delete":
                continue
            dst.writestr(name, data + b"x" if name == victim and damage == "edit" else data)
        if damage == "add":
            dst.writestr(f"{bag.name}/data/文件/多出来的.txt", "?")
    result = ipdocs("verify", str(damaged), cwd=project)
    assert result.returncode == 1
    expected = "文件/多出来的.txt" if damage == "add" else victim.split("/data/", 1)[1]
    assert expected in result.stdout
    assert ipdocs("verify", str(source), cwd=project).returncode == 0


def test_a_rerun_without_changes_writes_nothing_and_a_change_writes_v2_keeping_v1(bag, project):
    before = {p: p.read_bytes() for p in bag.rglob("*") if p.is_file()}
    again, written = archive(project)
    assert again == bag and not written
    meeting = project / "content" / "meetings" / "2022-12-28-joint-2.yaml"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("15:00", "16:00"), encoding="utf-8")
    second, written = archive(project)
    assert written and second.name == "2022年度档案_v2"
    assert {p: p.read_bytes() for p in bag.rglob("*") if p.is_file()} == before
    assert [v.name for v in versions(project / "output" / "档案", 2022)] == ["2022年度档案_v1", "2022年度档案_v2"]


def test_file_names_in_the_bag_are_nfc(bag):
    import unicodedata
    for path in bag.rglob("*"):
        assert path.name == unicodedata.normalize("NFC", path.name)


@pytest.mark.skipif(__import__("shutil").which("soffice") is None,
                    reason="没有 LibreOffice：apt-get install -y libreoffice-writer-nogui poppler-utils")
def test_page_counts_come_from_the_pdf_when_it_is_built(project):
    from ipdocs.outputs.pdf import convert
    built = build_all(project / "content", project / "output")
    convert([built["notice:founding"]])
    content = load_content(project / "content")
    folder, _ = build_archive(content, all_documents(content), 2022, project / "output")
    founding = next(r for r in rows(folder) if r["文号"] == "营西政发〔2022〕12号")
    assert founding["页数"].isdigit() and int(founding["页数"]) >= 10
    assert any(n.endswith(".pdf") for n in (p.name for p in (folder / "data" / "文件").iterdir()))
    others = [r for r in rows(folder) if r["文号"] != "营西政发〔2022〕12号"]
    assert {r["页数"] for r in others} == {"未知"}
