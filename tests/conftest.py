"""Shared fixtures: a copy of the shipped content, built into a temporary folder. Helpers live in support.py."""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from support import REPO, build_all


@pytest.fixture
def project(tmp_path) -> Path:
    """A folder holding a copy of the shipped content, as a clerk's working folder."""
    shutil.copytree(REPO / "content", tmp_path / "content")
    return tmp_path


@pytest.fixture(scope="session")
def shipped(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("output")
    return build_all(REPO / "content", out)


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def cli(project, monkeypatch, capsys):
    """cli("new-meeting", "--body", …) runs `ipdocs` in this process (much faster than a child process), in the
    project folder; returns the exit code, stdout and stderr."""
    from ipdocs.cli.main import main
    monkeypatch.chdir(project)
    monkeypatch.delenv("IPDOCS_DEBUG", raising=False)

    def run(*args: str) -> Result:
        capsys.readouterr()
        try:
            code = main(list(args))
        except SystemExit as exc:
            code = exc.code
        out, err = capsys.readouterr()
        return Result(code, out, err)
    return run


@pytest.fixture(scope="session")
def stress_content(tmp_path_factory) -> Path:
    """The stress content of tests/stress.py (issue 11), written once per session."""
    import stress
    folder = tmp_path_factory.mktemp("stress") / "content"
    stress.generate(folder)
    return folder
