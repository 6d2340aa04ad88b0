"""doit tasks made from the registry of document families: one sub-task per output document.

dodo.py only asks this module for its task creators. The output modules (PDF, archive,
site, preview) are imported inside the actions that use them, so that `doit` and
`doit list` do not load Jinja, Markdown and lxml just to list tasks.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from doit.exceptions import TaskFailed
from doit.tools import config_changed

from ..documents import families, render
from ..errors import print_problems
from ..files import OutsideFolder, remove_inside, write_atomic
from ..outputs.preview import one_of_each
from ..outputs.site_map import NAV
from ..render.deps import template_files
from ..settings import HOUSE_STYLE, OUTPUT, PACKAGE, TEMPLATES
from .cache import content, documents, entries, state
from .pdf_tasks import DOCUMENTS_BUILT, pdf_tasks

DOIT_CONFIG = {
    "default_tasks": [*(f.group for f in families() if f.default), "site"],
    "verbosity": 1,
    "dep_file": ".doit.db",
    "action_string_formatting": "new",
}
# Code that changes what a document says or looks like; the output and build code does not.
RENDERING_CODE = ("read", "model", "documents", "render")


def _shown(path: Path) -> str:
    cwd = Path.cwd()
    return str(path.relative_to(cwd)) if path.is_relative_to(cwd) else str(path)


def code_files(rendering_only: bool = False) -> list[str]:
    paths = PACKAGE.rglob("*.py")
    return sorted(_shown(p) for p in paths
                  if not rendering_only or len(p.relative_to(PACKAGE).parts) == 1 or p.relative_to(PACKAGE).parts[0] in RENDERING_CODE)


def build(group: str, name: str):
    doc = documents()[(group, name)]
    try:
        for suffix, data in render(doc).items():
            write_atomic(doc.targets(OUTPUT)[suffix], data, root=OUTPUT)
    except OutsideFolder as exc:
        return TaskFailed(str(exc))
    return True


def clean(targets: list[str]):
    """doit clean: remove the task's targets, only inside the output folder (a link there may point anywhere)."""
    try:
        remove_inside(OUTPUT, targets)
    except OutsideFolder as exc:
        return TaskFailed(str(exc))
    return True


@lru_cache(maxsize=None)
def _template_deps(template: str) -> tuple[str, ...]:
    files = [*template_files(template), *template_files("page.html.j2"), TEMPLATES / "official.css"]
    files += [*sorted((TEMPLATES / "docx").glob("*.j2")), HOUSE_STYLE]
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


def document_tasks(group: str, help: str):
    yield {"name": None, "doc": help}
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
            "clean": [(clean, [[str(p) for p in doc.targets(OUTPUT).values()]]),
                      (remove_pdf_of, [str(doc.targets(OUTPUT)[".docx"])])],
        }


def remove_pdf_of(docx: str) -> None:
    """`doit clean`: a document's PDF goes with its .docx (the archive keeps its own copies)."""
    from ..outputs.pdf import remove_pdf
    for path in remove_pdf(Path(docx)):
        print(f"已删除 {path}")


def documents_built():
    """The private group task every document family belongs to: PDFs are planned after it."""
    return {"actions": None, "task_dep": document_groups(), "doc": "全部公文（.docx 与 .html）"}


def check() -> None:
    loaded = content()
    documents()                     # two documents sharing one output file is a content error too
    print_problems(loaded.warnings)
    print(loaded.summary())


def document_groups() -> list[str]:
    return [f.group for f in families()]


def archive_tasks():
    """One sub-task per year; it runs every time and writes a new version only when the payload changed."""
    years = sorted({d.filing_year for d in entries()} | set(state()["progress_years"]))
    yield {"name": None, "doc": "考核档案：按年度打包归档文件目录、证明材料索引与全部文件（BagIt + zip）"}
    for year in years:
        yield {"name": str(year), "doc": f"{year}年度档案包（内容变化时生成新版本，旧版本保留）",
               "actions": [(archive_year, [year])], "task_dep": [*document_groups(), "pdf"], "uptodate": [False],
               "verbosity": 2}


def archive_year(year: int):
    from ..outputs.archive import ArchiveError, build_archive
    try:
        bag, written = build_archive(content(), list(documents().values()), year, OUTPUT)
    except ArchiveError as exc:
        return TaskFailed(str(exc))
    if written:
        print(f"已生成 {bag}（及同名 .zip）。可用 ipdocs verify 校验。")
    else:
        print(f"{bag} 已是最新，内容未变，没有改动。")
    return True


def site_task():
    """The record site, made again when any document, report, PDF or archive version changes."""
    facts = [d.digest for d in entries()] + [state()["progress"]]
    facts += sorted(str(p) for p in OUTPUT.glob("**/*.pdf")) + sorted(str(p) for p in (OUTPUT / "档案").glob("*_v*"))
    digest = hashlib.sha256("\n".join(facts).encode("utf-8")).hexdigest()
    templates = sorted(str(p) for p in (TEMPLATES / "site").glob("*"))
    pages = [str(OUTPUT / "site" / page) for page, _ in NAV]
    return {"actions": [build_site], "task_dep": document_groups(), "file_dep": code_files() + templates,
            "targets": pages, "uptodate": [config_changed(digest)], "clean": [(clean, [pages])]}


def build_site() -> None:
    from ..outputs.site import build_site as build
    build(content(), list(documents().values()), OUTPUT)


def preview_task():
    pdfs = [str(d.targets(OUTPUT)[".docx"].with_suffix(".pdf")) for d in one_of_each(entries())]

    def make():
        from ..outputs.preview import make_previews, missing_tools
        if missing_tools():
            return TaskFailed(f"预览需要：apt-get install -y {' '.join(missing_tools())}")
        for path in make_previews(list(documents().values()), OUTPUT):
            print(f"预览：{path}")
        return True

    return {"actions": [make], "task_dep": ["pdf", "site"], "file_dep": pdfs, "uptodate": [False], "verbosity": 2}


def _creator(function, doc: str):
    function.__doc__ = doc
    return function


def creators() -> dict:
    """Every task_* function dodo.py offers doit: one per document family, then the outputs built on them."""
    creators = {f"task_{f.group}": _creator(lambda f=f: document_tasks(f.group, f.help), f.help) for f in families()}
    return {
        "task_check": _creator(lambda: {"actions": [check], "uptodate": [False], "verbosity": 2},
                               "检查 content/ 下的全部文件，列出所有问题（不生成任何文件）。"),
        **creators,
        "task_site": _creator(site_task, "记录网站：output/site/index.html，浏览会议、议定事项、成员名单、考核进展和归档目录（可直接双击打开）。"),
        "task_archive": _creator(archive_tasks, "考核档案：doit archive 按年度打包（归档文件目录、证明材料索引、BagIt 校验和、zip）。"),
        f"task_{DOCUMENTS_BUILT}": _creator(documents_built, "全部公文（.docx 与 .html）"),
        "task_pdf": pdf_tasks,
        "task_preview": _creator(preview_task, "预览图：每类公文第 1 页和网站主要页面的 PNG，放在 output/preview/（需要 LibreOffice 和 Chromium）。"),
    }
