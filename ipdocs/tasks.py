"""doit tasks: one sub-task per output document; dodo.py only imports these."""
from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from doit.tools import config_changed

from .errors import ContentError

ROOT = Path(__file__).resolve().parents[1]
CONTENT = Path(os.environ.get("IPDOCS_CONTENT", "content"))
OUTPUT = Path(os.environ.get("IPDOCS_OUTPUT", "output"))
GROUP_DOCS = {
    "notice": "组建通知（营西政发〔2022〕12号 的重新生成）：.docx 与 .html",
    "minutes": "会议纪要：每个已召开会议一份，doit minutes:<会议文件名> 只生成一份",
    "notices": "会议通知：会议文件中写了 notice 的会议各一份",
    "changes": "成员调整：各单位的调整申请（函）与批准后的调整通知",
    "roster": "成员名单：两个机构当前的组成人员",
    "progress": "进展情况：各单位工作完成情况报告、办公室进展情况报告与差距清单（按报送期）",
}


def debug_enabled() -> bool:
    return os.environ.get("IPDOCS_DEBUG", "") not in ("", "0")


@lru_cache(maxsize=1)
def content():
    """The validated content, loaded once per doit run; stops the run with every problem listed."""
    from .content import load_content
    try:
        return load_content(CONTENT)
    except ContentError as exc:
        if debug_enabled():
            raise
        print_problems(exc.problems)
        raise SystemExit(1) from None


def print_problems(problems) -> None:
    errors = [p for p in problems if p.severity == "error"]
    for problem in problems:
        print(problem, file=sys.stderr)
    if errors:
        print(f"共 {len(errors)} 处错误，请改正后再运行；已有的输出文件没有改动。", file=sys.stderr)


@lru_cache(maxsize=1)
def documents() -> dict[tuple[str, str], object]:
    from .documents import all_documents
    return {(d.group, d.name): d for d in all_documents(content())}


# -- what doit needs to know, kept between runs ------------------------------------
# Loading and checking the content is what a no-op run would spend its time on as the
# records grow. The list of documents, with the digests that decide what is up to date,
# is kept in TASK_CACHE under a fingerprint of every content, template and code file;
# while the fingerprint holds, doit gets its task list without loading the content.

TASK_CACHE = Path(os.environ.get("IPDOCS_TASK_CACHE", ".ipdocs-tasks.json"))


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
    for path in sorted(p for folder in (CONTENT, ROOT / "templates", ROOT / "ipdocs") for p in folder.rglob("*")
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
    from .write import write_atomic
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


def _shown(path: Path) -> str:
    cwd = Path.cwd()
    return str(path.relative_to(cwd)) if path.is_relative_to(cwd) else str(path)


# Modules that never change what a document says or looks like.
NOT_RENDERING = {"__main__.py", "scaffold.py", "verify.py", "archive.py", "preview.py", "pdf.py", "fonts.py",
                 "bench.py", "site.py"}


def code_files(rendering_only: bool = False) -> list[str]:
    paths = (ROOT / "ipdocs").rglob("*.py")
    return sorted(_shown(p) for p in paths if not (rendering_only and p.name in NOT_RENDERING))


def build(group: str, name: str) -> None:
    from .documents import render
    from .write import write_atomic
    doc = documents()[(group, name)]
    for suffix, data in render(doc).items():
        write_atomic(doc.targets(OUTPUT)[suffix], data)


@lru_cache(maxsize=None)
def _template_deps(template: str) -> tuple[str, ...]:
    from .render.deps import template_files
    files = [*template_files(template), *template_files("page.html.j2"), ROOT / "templates" / "official.css"]
    files += sorted((ROOT / "templates" / "docx").glob("*.j2"))
    return tuple(_shown(p) for p in dict.fromkeys(files))


@lru_cache(maxsize=None)
def _code_digest(template: str) -> str:
    """One digest of the code and the templates a document type depends on, read once per run.

    Checking these files per task as file_dep costs doit a stat and a database entry for each of
    some forty files times every document; one digest per template costs one read per run.
    """
    digest = hashlib.sha256()
    for name in [*code_files(rendering_only=True), *_template_deps(template)]:
        digest.update(name.encode("utf-8") + b"\0" + Path(name).read_bytes())
    return digest.hexdigest()


def document_tasks(group: str):
    yield {"name": None, "doc": GROUP_DOCS[group]}
    for doc in entries():
        if doc.group != group:
            continue
        name = doc.name
        yield {
            "name": name,
            "doc": f"{doc.kind}：{doc.title}",
            "actions": [(build, [group, name])],
            "targets": [str(p) for p in doc.targets(OUTPUT).values()],
            "uptodate": [config_changed(doc.digest + _code_digest(doc.template))],
            "clean": True,
        }


def check() -> None:
    loaded = content()
    print_problems(loaded.warnings)
    print(f"检查通过：{len(loaded.people)} 人、{len(loaded.units)} 个单位、{len(loaded.meetings)} 次会议、"
          f"{len(loaded.changes)} 个成员变更、{len(loaded.progress)} 份进展报告、"
          f"{sum(len(a.indicators) for a in loaded.assessments.values())} 项考核指标。")


def pdf_task():
    """One task for all PDFs: LibreOffice starts once for the whole batch."""
    from doit.exceptions import TaskFailed
    docx = [doc.targets(OUTPUT)[".docx"] for doc in entries()]

    def convert_all():
        from .fonts import coverage
        from .pdf import PdfUnavailable, convert, pdf_environment
        try:
            convert(docx)
        except PdfUnavailable as exc:
            return TaskFailed(str(exc))
        with tempfile.TemporaryDirectory() as tmp:
            for line in coverage(CONTENT, pdf_environment(Path(tmp))):
                print(f"字体 {line.line()}")
        return True

    return {"actions": [convert_all], "file_dep": [str(p) for p in docx],
            "targets": [str(p.with_suffix(".pdf")) for p in docx], "clean": True, "verbosity": 2}


def archive_tasks():
    """One sub-task per year; it runs every time and writes a new version only when the payload changed."""
    years = sorted({d.filing_year for d in entries()} | set(state()["progress_years"]))
    yield {"name": None, "doc": "考核档案：按年度打包归档文件目录、证明材料索引与全部文件（BagIt + zip）"}
    for year in years:
        yield {"name": str(year), "doc": f"{year}年度档案包（内容变化时生成新版本，旧版本保留）",
               "actions": [(archive_year, [year])], "task_dep": list(GROUP_DOCS), "uptodate": [False],
               "verbosity": 2}


def archive_year(year: int) -> None:
    from .archive import build_archive
    bag, written = build_archive(content(), list(documents().values()), year, OUTPUT)
    if written:
        print(f"已生成 {bag}（及同名 .zip）。可用 ipdocs verify 校验。")
    else:
        print(f"{bag} 已是最新，内容未变，没有改动。")


def site_task():
    """The record site, made again when any document, report, PDF or archive version changes."""
    from .site import NAV
    facts = [d.digest for d in entries()] + [state()["progress"]]
    facts += sorted(str(p) for p in OUTPUT.glob("**/*.pdf")) + sorted(str(p) for p in (OUTPUT / "档案").glob("*_v*"))
    digest = hashlib.sha256("\n".join(facts).encode("utf-8")).hexdigest()
    templates = sorted(str(p) for p in (ROOT / "templates" / "site").glob("*"))
    return {"actions": [build_site], "task_dep": list(GROUP_DOCS), "file_dep": code_files() + templates,
            "targets": [str(OUTPUT / "site" / page) for page, _ in NAV], "uptodate": [config_changed(digest)],
            "clean": True}


def build_site() -> None:
    from .site import build_site as build
    build(content(), list(documents().values()), OUTPUT)


def preview_task():
    from .preview import one_of_each
    pdfs = [str(d.targets(OUTPUT)[".docx"].with_suffix(".pdf")) for d in one_of_each(entries())]

    def make():
        from doit.exceptions import TaskFailed
        from .preview import make_previews, missing_tools
        if missing_tools():
            return TaskFailed(f"预览需要：apt-get install -y {' '.join(missing_tools())}")
        for path in make_previews(list(documents().values()), OUTPUT):
            print(f"预览：{path}")
        return True

    return {"actions": [make], "task_dep": ["pdf", "site"], "file_dep": pdfs, "uptodate": [False], "verbosity": 2}
