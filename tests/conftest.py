"""Shared fixtures: a copy of the shipped content, built into a temporary folder. Helpers live in support.py."""
from __future__ import annotations

import shutil
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


@pytest.fixture(scope="session")
def stress_content(tmp_path_factory) -> Path:
    """The stress content of tests/stress.py (issue 11), written once per session."""
    import stress
    folder = tmp_path_factory.mktemp("stress") / "content"
    stress.generate(folder)
    return folder
