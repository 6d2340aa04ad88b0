"""One doit at a time in a folder; a damaged .doit.db is rebuilt with a warning, not a failure on every later run."""
from __future__ import annotations

import fcntl
import hashlib

import pytest

from ipdocs.tasks.guard import LOCK_FILE
from support import doit


def outputs(project) -> dict:
    return {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in (project / "output").rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    import shutil
    from support import REPO
    project = tmp_path_factory.mktemp("guard")
    shutil.copytree(REPO / "content", project / "content")
    assert doit(cwd=project).returncode == 0
    return project


def test_a_second_doit_in_the_same_folder_stops_with_a_message(built):
    before = outputs(built)
    with open(built / LOCK_FILE, "a+") as held:          # as a first doit, still running, holds it
        fcntl.flock(held.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        second = doit(cwd=built)
    assert second.returncode == 1
    assert "另一个 doit 正在这个文件夹" in second.stderr and "请等它结束后再运行" in second.stderr
    assert "Traceback" not in second.stderr + second.stdout
    assert outputs(built) == before
    after = doit(cwd=built)                              # the lock released: the next run goes ahead
    assert after.returncode == 0 and "另一个 doit" not in after.stderr


@pytest.mark.parametrize("damage", ["values", "index"])
def test_a_damaged_dependency_file_is_rebuilt_with_a_warning(built, damage):
    before = outputs(built)
    parts = sorted((p for p in built.glob(".doit.db*") if p.suffix != ".bak"), key=lambda p: p.stat().st_size)
    part = parts[-1] if damage == "values" else parts[0]          # dbm.dumb: .dat and .dir; other dbm: one file
    part.write_bytes(b"\x00garbage{'x': (0, 5)}\n" + part.read_bytes()[:40])
    repaired = doit(cwd=built)
    assert repaired.returncode == 0, repaired.stderr
    assert "警告：构建记录 .doit.db 已损坏" in repaired.stderr and "Traceback" not in repaired.stderr
    assert outputs(built) == before                       # the documents made again are byte for byte the same
    again = doit(cwd=built)
    assert again.returncode == 0 and "已损坏" not in again.stderr
