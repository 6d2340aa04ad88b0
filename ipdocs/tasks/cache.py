"""What doit needs to know about the documents, kept between runs under a fingerprint of the project.

Loading and checking the content is what a no-op run would spend its time on as the
records grow. The list of documents, with the digests that decide what is up to date,
is kept in TASK_CACHE under a fingerprint of every content, template and code file;
while the fingerprint holds, doit gets its task list without loading the content.
"""
from __future__ import annotations

import hashlib
import json
import os
import stat
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from ..documents import all_documents, check_house_style
from ..errors import ContentError, print_problems
from ..files import write_atomic
from ..read.content import load_content
from ..read.loader import MAX_BYTES
from ..settings import CONTENT, OUTPUT, PACKAGE, TASK_CACHE, TEMPLATES, debug_enabled


def _stop_on_problems(load):
    """Run a loader; on ContentError print every problem and end the run with exit status 1."""
    try:
        return load()
    except ContentError as exc:
        if debug_enabled():
            raise
        print_problems(exc.problems)
        raise SystemExit(1) from None


@lru_cache(maxsize=1)
def content():
    """The validated content, loaded once per doit run; stops the run with every problem listed."""
    return _stop_on_problems(lambda: check_house_style(load_content(CONTENT)))


@lru_cache(maxsize=1)
def documents() -> dict[tuple[str, str], object]:
    """Every document, once per run; stops the run when two documents would share an output file."""
    return {(d.group, d.name): d for d in _stop_on_problems(lambda: all_documents(content()))}


@dataclass(frozen=True)
class Entry:
    """A document as doit sees it."""
    group: str
    name: str
    kind: str
    title: str
    path: str
    digest: str
    template: str
    filing_year: int

    def targets(self, root: Path = OUTPUT) -> dict[str, Path]:
        return {suffix: root / f"{self.path}{suffix}" for suffix in (".docx", ".html")}


TEXT_SUFFIXES = (".yaml", ".yml", ".py", ".j2", ".css")


def _entries(folder: Path):
    """Every entry under a folder, links and special files included, without following links or opening FIFOs."""
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for name in sorted(dirnames + filenames):
            yield Path(dirpath) / name


def _describe(path: Path) -> bytes:
    """What an entry is: a text file by its bytes, other files by size and time, a link by its target."""
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            return b"link:" + os.fsencode(os.readlink(path))
        if stat.S_ISDIR(info.st_mode):
            return f"dir:{info.st_mode:o}".encode()
        if stat.S_ISREG(info.st_mode) and path.suffix in TEXT_SUFFIXES and info.st_size <= MAX_BYTES:
            return path.read_bytes()
        return f"{info.st_mode:o}:{info.st_size}:{info.st_mtime_ns}".encode()
    except OSError as exc:
        return f"unreadable:{exc.errno}".encode()


def fingerprint() -> str:
    """Every entry of the content, template and code folders: any change at all means the content is read again."""
    digest = hashlib.sha256()
    for folder in (CONTENT, TEMPLATES, PACKAGE):
        for path in _entries(folder):
            digest.update(os.fsencode(path) + b"\0" + _describe(path) + b"\0")
    return digest.hexdigest()


def _fresh_state() -> dict:
    docs = documents().values()
    entries = [asdict(Entry(d.group, d.name, d.kind, d.title, d.path, d.digest, d.template, d.filing_year)) for d in docs]
    progress = "\n".join(repr(r) for r in content().progress)
    return {"entries": entries, "progress": hashlib.sha256(progress.encode("utf-8")).hexdigest(),
            "progress_years": sorted({r.period.year for r in content().progress})}


@lru_cache(maxsize=1)
def state() -> dict:
    """The task list's facts: from TASK_CACHE when nothing changed, else from the content (and saved)."""
    key = fingerprint()
    try:
        cached = json.loads(TASK_CACHE.read_text(encoding="utf-8"))
        if cached.get("fingerprint") == key:
            return cached
    except (OSError, ValueError):
        pass
    fresh = {"fingerprint": key, **_fresh_state()}
    write_atomic(TASK_CACHE, json.dumps(fresh, ensure_ascii=False, sort_keys=True).encode("utf-8"))
    return fresh


def entries() -> list[Entry]:
    return [Entry(**e) for e in state()["entries"]]
