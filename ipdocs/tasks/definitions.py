"""doit tasks made from the registry of document families: one sub-task per output document.

dodo.py only asks this module for its task creators. The output modules (PDF, archive,
site, preview) are imported inside the actions that use them, so that `doit` and
`doit list` do not load Jinja, Markdown and lxml just to list tasks.
"""
from __future__ import annotations

import hashlib
import inspect
import os
from pathlib import Path

from doit import create_after
from doit.exceptions import TaskFailed
from doit.tools import config_changed

from ..files import OutsideFolder, contained, remove_inside, write_atomic
from ..outputs.site_map import NAV
from ..settings import OUTPUT, TEMPLATES
from .cache import code_files, content, documents, entries, families, state
from .pdf_tasks import DOCUMENTS_BUILT, pdf_tasks

DOIT_CONFIG = {
    "default_tasks": [*(f["group"] for f in families() if f["default"]), "site"],
    "verbosity": 1,
    "dep_file": ".doit.db",
    "action_string_formatting": "new",
}


def build(group: str, name: str):
    from ..documents import render
    doc = documents()[(group, name)]
    try:
        for suffix, data in render(doc).items():
            write_atomic(doc.targets(OUTPUT)[suffix], data, root=OUTPUT)
    except OutsideFolder as exc:           # a link planted in output/ leading elsewhere
        return TaskFailed(str(exc))
    return True


class unchanged(config_changed):
    """doit's config_changed, with its call signature given: doit asks each uptodate callable for its
    signature on every run, and working it out for thousands of tasks costs a noticeable part of a no-op."""
    __signature__ = inspect.Signature([inspect.Parameter("task", inspect.Parameter.POSITIONAL_OR_KEYWORD),
                                       inspect.Parameter("values", inspect.Parameter.POSITIONAL_OR_KEYWORD)])


def document_tasks(group: str, help: str):
    yield {"name": None, "doc": help, "task_dep": [f["group"] for f in families() if f.get("part_of") == group]}
    for doc in entries():
        if doc.group != group:
            continue
        targets = doc.target_names()
        yield {
            "name": doc.name,
            "doc": f"{doc.kind}：{doc.title}",
            "actions": [(build, [group, doc.name])],
            "targets": targets,
            "uptodate": [unchanged(doc.check)],
            "clean": [(remove_outputs, targets)],
        }


def remove_outputs(docx: str, html: str):
    """`doit clean` of a document: its .docx and .html, and the PDF made from it (the archive keeps its own copies).
    Nothing outside output/ is deleted, whatever links output/ holds."""
    from ..outputs.pdf import remove_pdf
    try:
        contained(OUTPUT, Path(docx))
        removed = remove_pdf(Path(docx))
        present = [path for path in (Path(docx), Path(html)) if path.is_file()]
        remove_inside(OUTPUT, present)
    except OutsideFolder as exc:
        return TaskFailed(str(exc))
    for path in removed + present:
        print(f"已删除 {path}")
    return True


def clean_inside_output(targets: list[str]):
    """`doit clean` of other tasks: their targets, only inside output/."""
    try:
        remove_inside(OUTPUT, targets)
    except OutsideFolder as exc:
        return TaskFailed(str(exc))
    return True


def documents_built():
    """The private group task every document family belongs to: PDFs are planned after it."""
    return {"actions": None, "task_dep": document_groups(), "doc": "全部公文（.docx 与 .html）"}


def check() -> None:
    from ..errors import print_problems
    loaded = content()
    documents()                     # two documents sharing one output file is a content error too
    print_problems(loaded.warnings)
    print(loaded.summary())


def document_groups() -> list[str]:
    return [f["group"] for f in families()]


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
    facts = [d.check for d in entries()] + [state()["progress"]] + pdfs_and_versions()
    digest = hashlib.sha256("\n".join(facts).encode("utf-8")).hexdigest()
    templates = sorted(str(p) for p in (TEMPLATES / "site").glob("*"))
    pages = [str(OUTPUT / "site" / page) for page, _ in NAV]
    return {"actions": [build_site], "task_dep": document_groups(), "file_dep": code_files() + templates,
            "targets": pages, "uptodate": [config_changed(digest)], "clean": [(clean_inside_output, [pages])]}


def pdfs_and_versions() -> list[str]:
    """The PDFs in output/ and the archive versions: the site links to them."""
    found = [os.path.join(root, name) for root, _, files in os.walk(OUTPUT) for name in files
             if name.endswith(".pdf") and not name.startswith(".")]
    archive = OUTPUT / "档案"
    return sorted(found) + sorted(name for name in (os.listdir(archive) if archive.is_dir() else []) if "_v" in name)


def build_site():
    from ..outputs.site import build_site as build
    try:
        build(content(), list(documents().values()), OUTPUT)
    except OutsideFolder as exc:           # a link planted in output/site leading elsewhere
        return TaskFailed(str(exc))
    return True


def preview_task():
    from ..outputs.preview import one_of_each
    pdfs = [str(d.targets(OUTPUT)[".docx"].with_suffix(".pdf")) for d in one_of_each(list(entries()))]

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
    creators = {f"task_{f['group']}": _creator(lambda f=f: document_tasks(f["group"], f["help"]), f["help"])
                for f in families()}
    return {
        "task_check": _creator(lambda: {"actions": [check], "uptodate": [False], "verbosity": 2},
                               "检查 content/ 下的全部文件，列出所有问题（不生成任何文件）。"),
        **creators,
        "task_site": _creator(site_task, "记录网站：output/site/index.html，浏览会议、议定事项、成员名单、考核进展和归档目录（可直接双击打开）。"),
        "task_archive": _creator(archive_tasks, "考核档案：doit archive 按年度打包（归档文件目录、证明材料索引、BagIt 校验和、zip）。"),
        f"task_{DOCUMENTS_BUILT}": _creator(documents_built, "全部公文（.docx 与 .html）"),
        "task_pdf": pdf_tasks,
        "task_preview": create_after(creates=["preview"])(_creator(preview_task, "预览图：每类公文第 1 页和网站主要页面的 PNG，放在 output/preview/（需要 LibreOffice 和 Chromium）。")),
    }
