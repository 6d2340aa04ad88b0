"""Every case of the bad-input corpus keeps the README's promise.

A case is tests/bad_inputs/<case>/: `files/` overlays content/, an optional `setup.txt` makes what git cannot
hold (FIFOs, links, folders, removed files, names that are not UTF-8), and `expected.txt` lists fragments the
messages must contain (`!text`: must not appear; `!content/x.yaml`: no problem is reported in that file). For each case, on a project whose shipped
content was built first: `ipdocs check` and `doit` exit 1 with `path:line: message` lines and no traceback,
no message is printed twice, output/ keeps its bytes, and nothing around the project is created or changed.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
from pathlib import Path

import pytest

from ipdocs.cli.main import main
from support import REPO, doit

CORPUS = Path(__file__).parents[1] / "bad_inputs"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())
SUMMARY = "共 "          # the closing line: 共 N 处错误…


def apply_case(project: Path, case: str) -> list[str]:
    files = CORPUS / case / "files"
    if files.is_dir():
        shutil.copytree(files, project / "content", dirs_exist_ok=True)
    setup = CORPUS / case / "setup.txt"
    if setup.exists():
        for line in setup.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                make(project / "content", *line.split(maxsplit=2))
    return (CORPUS / case / "expected.txt").read_text(encoding="utf-8").splitlines()


def make(content: Path, action: str, target: str, argument: str = "") -> None:
    """One setup line: fifo PATH · link PATH TARGET · folder PATH · remove PATH · rename PATH HEX-NAME · locked PATH."""
    path = content / target
    path.parent.mkdir(parents=True, exist_ok=True)
    if action == "fifo":
        os.mkfifo(path)
    elif action == "link":
        path.symlink_to(argument.replace("{content}", str(content)))
    elif action == "folder":
        path.mkdir()
    elif action == "remove":
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    elif action == "rename":
        os.rename(path, os.path.join(os.fsencode(path.parent), bytes.fromhex(argument)))
    else:
        raise ValueError(f"unknown setup action {action!r}")


def snapshot(folder: Path, skip: Path | None = None) -> dict:
    """Every entry under a folder: a file by its bytes, a link by its target, a folder by its name."""
    found = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        if skip is not None and Path(dirpath) == skip.parent:
            dirnames[:] = [d for d in dirnames if d != skip.name]
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            if path.is_symlink():
                found[path] = "->" + os.readlink(path)
            elif path.is_file():
                found[path] = hashlib.sha256(path.read_bytes()).hexdigest()
            elif path.is_dir():
                found[path] = "dir"
    return found


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """A project whose shipped content is built: every case starts from a copy of it."""
    project = tmp_path_factory.mktemp("built") / "project"
    shutil.copytree(REPO / "content", project / "content")
    result = doit(cwd=project)
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture
def sandbox(built, tmp_path) -> Path:
    """A folder around the project, a few levels up, so that any write escaping the project lands in it."""
    project = tmp_path / "sandbox" / "a" / "b" / "c" / "project"
    shutil.copytree(built, project, symlinks=True)
    (tmp_path / "sandbox" / "canary.txt").write_text("must stay as it is\n", encoding="utf-8")
    return project


def test_the_corpus_covers_the_required_cases():
    required = {"yaml_syntax", "duplicate_key", "unknown_person", "unknown_unit", "invalid_date", "wrong_type",
                "non_utf8", "python_tag", "empty_file"}
    assert required <= set(CASES)
    assert len(CASES) >= 52 + 60


INTERNAL_NAMES = re.compile(r"\b(Seq|Map|NoneType|dict|list|str|int|float|bool)\b")


def assert_reported(stderr: str, expected: list[str]) -> None:
    assert "Traceback" not in stderr and "内部错误" not in stderr, stderr
    assert not INTERNAL_NAMES.search(stderr), f"a Python name in a message:\n{stderr}"
    lines = stderr.splitlines()
    assert lines and lines[-1].startswith(SUMMARY), stderr
    problems = lines[:-1]
    assert len(problems) == len(set(problems)), f"a message printed twice:\n{stderr}"
    for line in problems:
        path, line_no, message = (line.split(":", 2) + ["", ""])[:3]
        assert path.startswith("content") and line_no.isdigit() and int(line_no) >= 1 and message.strip(), line
    for fragment in expected:
        if fragment.startswith("!content/"):            # no problem reported in that file
            assert not any(line.startswith(fragment[1:]) for line in problems), stderr
        elif fragment.startswith("!"):
            assert fragment[1:] not in stderr, stderr
        else:
            assert fragment in stderr, stderr


@pytest.mark.parametrize("case", CASES)
def test_a_bad_input_is_reported_and_changes_nothing(sandbox, case, monkeypatch, capsys):
    project, around = sandbox, sandbox.parents[3]
    output_before, around_before = snapshot(project / "output"), snapshot(around, skip=project)
    expected = apply_case(project, case)
    monkeypatch.chdir(project)
    assert main(["check"]) == 1
    assert_reported(capsys.readouterr().err, expected)
    result = doit(cwd=project)
    assert result.returncode == 1
    assert_reported(result.stderr, expected)
    assert snapshot(project / "output") == output_before
    assert snapshot(around, skip=project) == around_before


def test_the_debug_flag_shows_the_traceback(project):
    apply_case(project, "unknown_unit")
    from support import ipdocs
    result = ipdocs("--debug", "check", cwd=project)
    assert result.returncode == 1 and "Traceback" in result.stderr
