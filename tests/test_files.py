"""Names from the content become safe file names; no write or delete leaves output/, whatever the content or a link says."""
from __future__ import annotations

import hashlib
import io
import os
import shutil
import zipfile

import pytest

from ipdocs.files import (NAME_BYTES, ZIP_TIME, OutsideFolder, contained, deflate, output_path, remove_inside, safe_name,
                          write_atomic, zip_bytes)
from support import REPO, doit


@pytest.mark.parametrize("text, expected", [
    ("关于组建西市区人民政府知识产权联席会议制度的通知", "关于组建西市区人民政府知识产权联席会议制度的通知"),
    ("/../../../../x/escape", "／..／..／..／..／x／escape"),
    ("..", "_"), ("  .隐藏. ", "隐藏"), ("a\\b:c*d?e\"f<g>h|i", "a＼b：c＊d？e＂f＜g＞h｜i"),
    ("响\x07铃\u202e反向", "响铃反向"), ("", "_"),
])
def test_a_name_from_the_content_becomes_one_safe_file_name(text, expected):
    assert safe_name(text) == expected


def test_a_long_name_is_cut_to_the_byte_limit_and_keeps_a_stable_hash():
    title = "关于" + "知识产权" * 100 + "的通知"
    name = safe_name(title)
    assert len(name.encode("utf-8")) <= NAME_BYTES and name == safe_name(title)
    assert name.endswith("_" + hashlib.sha256(title.encode("utf-8")).hexdigest()[:8])
    assert safe_name(title + "二") != name
    assert output_path("2022", title).count("/") == 1


def test_writes_and_deletes_stay_inside_their_folder(tmp_path):
    root, outside = tmp_path / "output", tmp_path / "outside"
    root.mkdir(), outside.mkdir()
    (root / "link").symlink_to(outside)
    for path in (root / ".." / "outside" / "x.docx", root / "link" / "x.docx", outside / "x.docx", root):
        with pytest.raises(OutsideFolder):
            write_atomic(path, b"x", root=root)
    assert list(outside.iterdir()) == []
    (outside / "keep.docx").write_bytes(b"keep")
    with pytest.raises(OutsideFolder):
        remove_inside(root, [root / "link" / "keep.docx"])
    assert (outside / "keep.docx").read_bytes() == b"keep"
    assert write_atomic(root / "2022" / "a.docx", b"a", root=root) and contained(root, root / "2022" / "a.docx")
    remove_inside(root, [root / "2022" / "a.docx"])
    assert not (root / "2022" / "a.docx").exists()


def tree(folder, skip):
    return {p: (os.readlink(p) if p.is_symlink() else p.read_bytes() if p.is_file() else "dir")
            for p in folder.rglob("*") if skip not in p.parents and p != skip}


@pytest.fixture
def nested(tmp_path):
    """A project four folders deep, so that a path escaping it lands where the test can see it."""
    project = tmp_path / "a" / "b" / "c" / "project"
    shutil.copytree(REPO / "content", project / "content")
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "escape.docx").write_bytes(b"someone else's file")
    return tmp_path, project


def test_a_title_that_climbs_out_of_output_is_built_inside_it_and_cleaned_there(nested):
    around, project = nested
    org = project / "content" / "organization.yaml"
    org.write_text(org.read_text(encoding="utf-8").replace(
        "title: 关于组建西市区人民政府知识产权联席会议制度的通知", "title: /../../../../../../x/escape", 1), encoding="utf-8")
    before = tree(around, project)
    assert doit(cwd=project).returncode == 0
    inside = list((project / "output" / "2022").glob("营西政发〔2022〕12号_*escape.docx"))
    assert [p.name for p in inside] == ["营西政发〔2022〕12号_／..／..／..／..／..／..／x／escape.docx"]
    assert doit("clean", cwd=project).returncode == 0
    assert not inside[0].exists() and tree(around, project) == before


def test_a_title_longer_than_a_file_name_may_be_is_shortened(nested):
    _, project = nested
    org = project / "content" / "organization.yaml"
    long_title = "关于组建西市区人民政府知识产权联席会议制度" * 12 + "的通知"
    org.write_text(org.read_text(encoding="utf-8").replace(
        "title: 关于组建西市区人民政府知识产权联席会议制度的通知", f"title: {long_title}", 1), encoding="utf-8")
    result = doit(cwd=project)
    assert result.returncode == 0, result.stderr
    (notice,) = (project / "output" / "2022").glob("营西政发〔2022〕12号_*.docx")
    assert len(notice.name.encode("utf-8")) <= 255 and notice.name.endswith(".docx")


def test_a_link_planted_in_output_is_not_followed_by_a_build_or_a_clean(nested):
    around, project = nested
    assert doit(cwd=project).returncode == 0
    minutes = project / "output" / "2022" / "会议纪要"
    shutil.rmtree(minutes)
    minutes.symlink_to(around / "x")
    meeting = project / "content" / "meetings" / "2022-12-15-joint-1.yaml"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("place: ", "place: 五楼", 1), encoding="utf-8")
    before = tree(around, project)
    built = doit(cwd=project)
    assert built.returncode == 1 and "拒绝改动 output 之外的文件" in built.stdout + built.stderr
    assert "Traceback" not in built.stdout + built.stderr
    cleaned = doit("clean", cwd=project)
    assert "Traceback" not in cleaned.stdout + cleaned.stderr
    assert tree(around, project) == before


def test_a_new_file_is_never_written_over_a_file_or_a_link_and_leaves_no_temporary(tmp_path):
    from ipdocs.files import create_new
    made = create_new(tmp_path / "a" / "new.yaml", b"x: 1\n")
    assert made.read_bytes() == b"x: 1\n"
    with pytest.raises(FileExistsError):
        create_new(made, b"x: 2\n")
    (tmp_path / "link.yaml").symlink_to(tmp_path / "nowhere")
    with pytest.raises(FileExistsError):
        create_new(tmp_path / "link.yaml", b"x: 3\n")
    assert made.read_bytes() == b"x: 1\n" and not (tmp_path / "nowhere").exists()
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["a", "link.yaml", "new.yaml"]


def test_a_zip_is_the_bytes_zipfile_writes_and_reads_back_whole():
    parts = [("[Content_Types].xml", b"<Types/>" * 40), ("word/文档.xml", bytes(range(256)) * 12), ("empty", b""),
             ("a/b.txt", "中文".encode() * 999)]
    shared = deflate(*parts[1])                      # compressed once, zipped like any other part
    made = zip_bytes([parts[0], shared, *parts[2:]])
    reference = io.BytesIO()
    with zipfile.ZipFile(reference, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts:
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type, info.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            archive.writestr(info, data)
    assert made == reference.getvalue()
    with zipfile.ZipFile(io.BytesIO(made)) as archive:
        assert archive.testzip() is None and [(i.filename, archive.read(i)) for i in archive.infolist()] == parts
