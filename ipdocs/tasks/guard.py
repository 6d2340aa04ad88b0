"""What keeps the build's own records sound: one doit at a time per folder, and a damaged .doit.db rebuilt.

Two doit runs in one folder write the same outputs and the same dependency file
at once; the file ends up damaged and every later run fails. A lock file in the
project folder lets one run at a time; the second says so and stops. A
dependency file that is damaged anyway (a run killed while writing it) is
detected before doit opens it, removed, and rebuilt by the run with a warning.
"""
from __future__ import annotations

import dbm
import json
import multiprocessing
import sys
from pathlib import Path

try:
    import fcntl
except ImportError:                      # Windows
    fcntl = None
    import msvcrt

LOCK_FILE = ".ipdocs.lock"
_held = []                               # the open lock file, kept for the life of the process


def _try_lock(handle) -> bool:
    try:
        if fcntl is not None:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        return True
    except OSError:
        return False


def hold_project_lock(folder: Path | None = None) -> None:
    """Take the folder's lock for this process, or stop with a message when another doit holds it."""
    if multiprocessing.parent_process() is not None:     # a worker of `doit -n 2`: its parent holds the lock
        return
    path = Path(folder or Path.cwd()) / LOCK_FILE
    handle = open(path, "a+", encoding="utf-8")
    if not _try_lock(handle):
        handle.close()
        print(f"另一个 doit 正在这个文件夹（{path.parent.resolve()}）中运行：请等它结束后再运行。"
              "同时运行两个会互相改写公文和构建记录。", file=sys.stderr)
        raise SystemExit(1)
    _held.append(handle)


def _damage(dep_file: str) -> str | None:
    """Why doit could not use its dependency file, or None when it reads whole."""
    try:
        if dbm.whichdb(dep_file) is None:
            return None if not _parts(dep_file) else "无法识别的格式"
        with dbm.open(dep_file, "r") as db:
            for key in db.keys():
                json.loads(db[key].decode("utf-8"))
    except Exception as exc:        # any failure to read it back is damage: dbm, JSON, decoding, truncation
        return type(exc).__name__
    return None


def _parts(dep_file: str) -> list[Path]:
    """The files a dbm database is kept in: the name itself, or the name with a suffix."""
    path = Path(dep_file)
    return sorted(p for p in path.parent.glob(path.name + "*") if p.name == path.name or p.name.startswith(path.name + "."))


def repair_dependency_file(dep_file: str) -> None:
    """Remove a damaged dependency file with a warning; doit makes a new one (every document is checked again)."""
    if multiprocessing.parent_process() is not None:
        return
    reason = _damage(dep_file)
    if reason is None:
        return
    for part in _parts(dep_file):
        part.unlink()
    print(f"警告：构建记录 {dep_file} 已损坏（{reason}），已删除并重建：这一次会重新检查全部公文，"
          "内容没有变化的公文不会改动。", file=sys.stderr)
