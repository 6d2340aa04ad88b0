"""What doit needs to know about the documents, kept between runs under a fingerprint of the project.

Loading and checking the content is what a no-op run would spend its time on as the
records grow. The list of documents, with the digests that decide what is up to date,
is kept in TASK_CACHE under a fingerprint of every content, template and code file;
while the fingerprint holds, doit gets its task list without loading the content.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from ..documents import all_documents, check_house_style
from ..errors import ContentError, print_problems
from ..files import write_atomic
from ..read.content import load_content
from ..settings import CONTENT, OUTPUT, PACKAGE, TASK_CACHE, TEMPLATES, debug_enabled


@lru_cache(maxsize=1)
def content():
    """The validated content, loaded once per doit run; stops the run with every problem listed."""
    try:
        return check_house_style(load_content(CONTENT))
    except ContentError as exc:
        if debug_enabled():
            raise
        print_problems(exc.problems)
        raise SystemExit(1) from None


@lru_cache(maxsize=1)
def documents() -> dict[tuple[str, str], object]:
    return {(d.group, d.name): d for d in all_documents(content())}


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


def fingerprint() -> str:
    """Every content file (YAML by its bytes, others by size and time), every template and module."""
    digest = hashlib.sha256()
    for path in sorted(p for folder in (CONTENT, TEMPLATES, PACKAGE) for p in folder.rglob("*")
                       if p.is_file() and "__pycache__" not in p.parts):
        digest.update(str(path).encode("utf-8") + b"\0")
        if path.suffix in (".yaml", ".yml", ".py", ".j2", ".css"):
            digest.update(path.read_bytes())
        else:
            stat = path.stat()
            digest.update(f"{stat.st_size}:{stat.st_mtime_ns}".encode())
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
