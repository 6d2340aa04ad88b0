"""`doit pdf`: one task per document, out-of-date PDFs converted together, only what changed, `doit clean` removes them."""
from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

import pytest

from support import doit
from ipdocs.outputs.pdf import pdfa_problems, provenance_file, sha256_of
from ipdocs.tasks.pdf_tasks import batches, requested_jobs

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdfinfo") is None,
                                   reason="没有 LibreOffice 或 poppler：apt-get install -y libreoffice-writer-nogui poppler-utils")
MEETING = "2022-12-15-joint-1"


def batch_sizes(result) -> list[int]:
    """How many documents each soffice call converted, from the lines the pdf tasks print."""
    return [int(m) for m in re.findall(r"^LibreOffice 一次转换 (\d+) 份", result.stdout, re.M)]


def pdfs(project: Path) -> dict[Path, tuple[int, int]]:
    """Every PDF outside the archive, with its inode and modification time: a conversion changes both."""
    return {p.relative_to(project): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in (project / "output").rglob("*.pdf") if "档案" not in p.parts}


def docx_digests(project: Path) -> dict[Path, str]:
    return {p.relative_to(project): sha256_of(p) for p in (project / "output").rglob("*.docx") if "档案" not in p.parts}


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    """The shipped content built, then `doit -n 2 pdf`: the project and what doit printed."""
    from support import REPO
    project = tmp_path_factory.mktemp("pdf-project")
    shutil.copytree(REPO / "content", project / "content")
    assert doit(cwd=project).returncode == 0
    result = doit("-n", "2", "pdf", cwd=project)
    assert result.returncode == 0, result.stderr
    return project, result


@pytest.fixture
def project_copy(converted, tmp_path):
    source, _ = converted
    shutil.copytree(source, tmp_path / "p", symlinks=True)
    return tmp_path / "p"


@needs_soffice
def test_two_processes_convert_in_two_soffice_batches_and_every_pdf_is_pdfa(converted):
    project, result = converted
    docx = sorted(p for p in (project / "output").rglob("*.docx"))
    made = sorted(p.with_suffix(".pdf") for p in docx if p.with_suffix(".pdf").exists())
    assert len(made) == len(docx)
    assert len(batch_sizes(result)) == 2 and sum(batch_sizes(result)) == len(docx), result.stdout
    for pdf in made:
        assert pdfa_problems(pdf) == []
        assert f'"source_sha256": "{sha256_of(pdf.with_suffix(".docx"))}"' in provenance_file(pdf).read_text("utf-8")


@needs_soffice
def test_editing_one_meeting_converts_only_that_meetings_documents(project_copy):
    meeting = project_copy / "content" / "meetings" / f"{MEETING}.yaml"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("place: ", "place: 五楼", 1), "utf-8")
    before, docx_before = pdfs(project_copy), docx_digests(project_copy)
    result = doit("pdf", cwd=project_copy)
    assert result.returncode == 0, result.stderr
    after, docx_after = pdfs(project_copy), docx_digests(project_copy)
    assert set(after) == set(before)
    converted = {p for p in after if after[p] != before[p]}
    changed = {p.with_suffix(".pdf") for p in docx_after if docx_after[p] != docx_before[p]}
    assert converted == changed and converted
    assert sorted(p.parent.name for p in converted) == ["会议纪要", "会议通知", "签到表"]     # its notice, sign-in sheet, minutes
    assert all(p.name.startswith("2022-12-15") for p in converted)
    assert batch_sizes(result) == [3]
    again = doit("pdf", cwd=project_copy)
    assert batch_sizes(again) == [] and pdfs(project_copy) == after


@needs_soffice
def test_doit_clean_leaves_no_pdf_outside_the_archive(project_copy):
    assert doit("clean", cwd=project_copy).returncode == 0
    left = [p for p in (project_copy / "output").rglob("*") if p.suffix == ".pdf" or p.name.endswith(".pdf.json")]
    assert [p for p in left if "档案" not in p.parts] == []


def test_without_libreoffice_doit_pdf_fails_with_the_install_line(tmp_path):
    from support import REPO, run
    shutil.copytree(REPO / "content", tmp_path / "content")
    bare = tmp_path / "bin"
    bare.mkdir()
    os.symlink(sys.executable, bare / "python")
    result = run([str(bare / "python"), "-m", "doit", "-f", str(REPO / "dodo.py"), "-d", str(tmp_path), "pdf"],
                 tmp_path, PATH=str(bare))
    assert result.returncode != 0
    assert "没有找到 LibreOffice" in result.stdout + result.stderr and "apt-get install" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert not list((tmp_path / "output").rglob("*.pdf"))


@pytest.mark.parametrize("argv, jobs", [([], 1), (["pdf"], 1), (["-n", "2", "pdf"], 2), (["--process=3"], 3),
                                        (["-n2", "-P", "thread"], 2), (["-n", "x"], 1)])
def test_the_number_of_batches_follows_doit_n(argv, jobs):
    assert requested_jobs(argv) == jobs


def test_out_of_date_pdfs_are_dealt_round_robin(tmp_path):
    docx = []
    for n in range(5):
        path = tmp_path / f"{n}.docx"
        path.write_bytes(b"x%d" % n)
        docx.append(path)
    plan = batches(docx, 2)
    assert plan[docx[0]] == [docx[0], docx[2], docx[4]] and plan[docx[1]] == [docx[1], docx[3]]
