"""doit tasks for PDFs: one task per document, the tasks that run converted together.

Each document has a task `pdf:<name>` (file_dep: its .docx and the font configuration;
target: its PDF), so doit decides, document by document, what is out of date, and
`doit clean` knows every PDF. Starting LibreOffice costs a second or two, so the tasks do
not convert one document each: the task creator runs after the documents are built
(doit's delayed task creation), finds the PDFs that are out of date and deals them into
as many batches as doit runs processes (`doit -n 2 pdf`: two). The first task of a batch
to run converts its whole batch with one soffice call (holding a lock on the batch);
the others find their PDF made and are done. With -n 2 the two processes take tasks of
different batches, so two isolated soffice instances convert side by side.
"""
from __future__ import annotations

import argparse
import fcntl
import sys
from pathlib import Path

from doit import create_after

from ..settings import OUTPUT, TEMPLATES
from .cache import entries

DOCUMENTS_BUILT = "_documents"      # the private group task every document family belongs to


def requested_jobs(argv: list[str] | None = None) -> int:
    """How many processes this doit run uses (`-n N` / `--process=N`; 1 without)."""
    parser = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    parser.add_argument("-n", "--process", type=int, default=1)
    try:
        known, _ = parser.parse_known_args(sys.argv[1:] if argv is None else argv)
    except SystemExit:
        return 1
    return max(1, known.process or 1)


def batches(docx_files: list[Path], jobs: int) -> dict[Path, list[Path]]:
    """Each out-of-date PDF's batch: dealt round-robin in task order, so that parallel workers take different batches."""
    from ..outputs.pdf import is_current
    stale = [d for d in docx_files if d.is_file() and not is_current(d)]
    dealt = [stale[k::jobs] for k in range(jobs)]
    return {docx: batch for batch in dealt for docx in batch}


def convert_batch(docx: str, batch: list[str]):
    """The action of one pdf task: make this document's PDF, with the rest of its batch."""
    from doit.exceptions import TaskFailed

    from ..outputs.pdf import PdfUnavailable, is_current, make_pdfs
    own = Path(docx)
    if is_current(own):
        return True
    members = [Path(p) for p in batch] or [own]
    with open(members[0], "rb") as key:
        fcntl.flock(key, fcntl.LOCK_EX)             # batch-mates wait here while the batch converts
        todo = [d for d in dict.fromkeys([*members, own]) if d.is_file() and not is_current(d)]
        if not todo:
            return True
        try:
            made = make_pdfs(todo)
        except PdfUnavailable as exc:
            return TaskFailed(str(exc))
    print(f"LibreOffice 一次转换 {len(made)} 份：" + "、".join(p.name for p in made))
    return True


def font_report(docx_count: int) -> None:
    """Before converting: whether the free faces cover every character the content uses."""
    import tempfile

    from ..outputs.fonts import coverage
    from ..outputs.pdf import pdf_environment
    from ..settings import CONTENT
    print(f"PDF：{docx_count} 份需要转换（PDF/A-2b）")
    with tempfile.TemporaryDirectory(prefix="ipdocs-fonts-") as tmp:
        for line in coverage(CONTENT, pdf_environment(Path(tmp))):
            print(f"字体 {line.line()}")


def conversion_files() -> list[str]:
    """What else a PDF depends on besides its .docx: how it is made and the font configuration."""
    package = Path(__file__).resolve().parents[1]
    return [str(TEMPLATES / "fonts.conf.j2"), str(package / "outputs" / "pdf.py"), str(package / "render" / "layout.py")]


@create_after(executed=DOCUMENTS_BUILT, creates=["pdf"])
def pdf_tasks():
    """PDF：每份公文一个任务，需要更新的一起交给 LibreOffice 转换（PDF/A-2b；需先安装 LibreOffice，见 README）。"""
    docs = [(e, e.targets(OUTPUT)[".docx"]) for e in entries()]
    plan = batches([docx for _, docx in docs], requested_jobs())
    if plan:
        font_report(len(plan))
    recipe_files = conversion_files()
    yield {"name": None, "doc": pdf_tasks.__doc__}
    for entry, docx in docs:
        pdf = docx.with_suffix(".pdf")
        yield {"name": f"{entry.group}:{entry.name}",
               "doc": f"{entry.kind}：{entry.title}（PDF）",
               "actions": [(convert_batch, [str(docx), [str(p) for p in plan.get(docx, [])]])],
               "file_dep": [str(docx), *recipe_files],
               "targets": [str(pdf), str(pdf.with_name(f".{pdf.name}.json"))],
               "clean": True, "verbosity": 2}
