"""What doit needs to know about the documents, kept between runs under a fingerprint of the project.

Loading and checking the content is what a no-op run would spend its time on as the
records grow. The list of document families and of documents, with the digests that decide
what is up to date, is kept in TASK_CACHE under a fingerprint of every content, template and
code file (path, size, modification and change time); while the fingerprint holds, doit
gets its task list without loading the content, or even importing the code that reads it.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from ..files import write_atomic
from ..settings import CONTENT, HOUSE_STYLE, OUTPUT, PACKAGE, TASK_CACHE, TEMPLATES, debug_enabled

# Code that changes what a document says or looks like; the output and build code does not.
RENDERING_CODE = ("read", "model", "documents", "render")
STATE_VERSION = 2


def _stop_on_problems(load):
    """Run a loader; on ContentError print every problem and end the run with exit status 1."""
    from ..errors import ContentError, print_problems
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
    from ..documents import check_house_style
    from ..read.content import load_content
    return _stop_on_problems(lambda: check_house_style(load_content(CONTENT)))


@lru_cache(maxsize=1)
def documents() -> dict[tuple[str, str], object]:
    """Every document, once per run; stops the run when two documents would share an output file."""
    from ..documents import all_documents
    return {(d.group, d.name): d for d in _stop_on_problems(lambda: all_documents(content()))}


@dataclass(frozen=True)
class Entry:
    """A document as doit sees it. check: the digest of what it says and of the code and templates that draw it."""
    group: str
    name: str
    kind: str
    title: str
    path: str
    check: str
    template: str
    filing_year: int

    def targets(self, root: Path = OUTPUT) -> dict[str, Path]:
        return {suffix: root / f"{self.path}{suffix}" for suffix in (".docx", ".html")}

    def target_names(self) -> list[str]:
        """The targets as strings, without pathlib (thousands of tasks are listed on every run)."""
        base = f"{OUTPUT}{os.sep}{self.path}"
        return [base + ".docx", base + ".html"]


def _walk(folder: Path):
    """Every entry under a folder: files, folders, links (not followed), FIFOs and other special files."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(dirs + files):
            yield os.path.join(root, name)


def fingerprint() -> str:
    """Every entry of the content, template and code folders, and the house style, by path, type, size,
    modification and change time: a new link, FIFO or folder changes it as much as an edit does.

    The change time moves with any write, also one that puts an old modification time back. Entries are
    looked at with lstat: a link is not followed, a FIFO not opened.
    """
    digest = hashlib.sha256(f"{STATE_VERSION}".encode())
    for path in [*(p for folder in (CONTENT, TEMPLATES, PACKAGE) for p in _walk(folder)), str(HOUSE_STYLE)]:
        try:
            stat = os.lstat(path)
        except OSError:
            continue                            # the house style file, when it is missing: the build says so
        digest.update(f"{path}\0{stat.st_mode:o}:{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ctime_ns}\n"
                      .encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def _shown(path: Path) -> str:
    cwd = Path.cwd()
    return str(path.relative_to(cwd)) if path.is_relative_to(cwd) else str(path)


def code_files(rendering_only: bool = False) -> list[str]:
    paths = PACKAGE.rglob("*.py")
    return sorted(_shown(p) for p in paths if not rendering_only or len(p.relative_to(PACKAGE).parts) == 1
                  or p.relative_to(PACKAGE).parts[0] in RENDERING_CODE)


def _template_deps(template: str) -> tuple[str, ...]:
    from ..render.deps import template_files
    files = [*template_files(template), *template_files("page.html.j2"), TEMPLATES / "official.css"]
    files += [*sorted((TEMPLATES / "docx").glob("*.j2")), HOUSE_STYLE]
    return tuple(_shown(p) for p in dict.fromkeys(files))


@lru_cache(maxsize=None)
def code_digest(template: str) -> str:
    """One digest of the code and the templates a document type depends on.

    Checking these files per task as file_dep would cost doit a stat and a database entry for
    each of some forty files times every document; this digest is made when the cache is.
    """
    digest = hashlib.sha256()
    for name in [*code_files(rendering_only=True), *_template_deps(template)]:
        digest.update(name.encode("utf-8") + b"\0" + Path(name).read_bytes())
    return digest.hexdigest()


def _fresh_state() -> dict:
    from ..documents import families
    docs = documents().values()
    entries = [asdict(Entry(d.group, d.name, d.kind, d.title, d.path, d.digest + code_digest(d.template), d.template,
                            d.filing_year)) for d in docs]
    progress = "\n".join(repr(r) for r in content().progress)
    return {"families": [{"group": f.group, "help": f.help, "default": f.default, "part_of": f.part_of}
                         for f in families()],
            "entries": entries, "progress": hashlib.sha256(progress.encode("utf-8")).hexdigest(),
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


@lru_cache(maxsize=1)
def entries() -> tuple[Entry, ...]:
    return tuple(Entry(**e) for e in state()["entries"])


def families() -> list[dict]:
    """The document families in order, as doit needs them: group (task name), help, made by default, part of."""
    return state()["families"]
