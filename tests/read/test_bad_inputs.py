"""Every case of the bad-input corpus: file:line and a Chinese message, exit 1, no traceback, outputs untouched."""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from support import doit, ipdocs

CORPUS = Path(__file__).parents[1] / "bad_inputs"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())


def apply_case(project: Path, case: str) -> list[str]:
    shutil.copytree(CORPUS / case / "files", project / "content", dirs_exist_ok=True)
    return (CORPUS / case / "expected.txt").read_text(encoding="utf-8").splitlines()


def snapshot(folder: Path) -> dict:
    return {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()}


def test_the_corpus_covers_the_required_cases():
    required = {"yaml_syntax", "duplicate_key", "unknown_person", "unknown_unit", "invalid_date", "wrong_type",
                "non_utf8", "python_tag", "empty_file"}
    assert required <= set(CASES)


@pytest.mark.parametrize("case", CASES)
def test_ipdocs_check_reports_the_problem_with_file_and_line(project, case):
    expected = apply_case(project, case)
    result = ipdocs("check", cwd=project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    for fragment in expected:
        assert fragment in result.stderr, result.stderr
    for line in result.stderr.splitlines()[:-1]:
        assert line.startswith("content/") and line.split(":")[1].isdigit(), line


@pytest.mark.parametrize("case", ["duplicate_key", "unknown_person", "python_tag", "non_utf8"])
def test_a_failed_build_leaves_the_last_good_outputs_unchanged(project, case):
    assert doit(cwd=project).returncode == 0
    before = snapshot(project / "output")
    assert before
    apply_case(project, case)
    result = doit(cwd=project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert snapshot(project / "output") == before


def test_the_debug_flag_shows_the_traceback(project):
    apply_case(project, "unknown_unit")
    result = ipdocs("--debug", "check", cwd=project)
    assert result.returncode == 1 and "Traceback" in result.stderr
