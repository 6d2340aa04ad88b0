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


