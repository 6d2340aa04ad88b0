"""Benchmark (issues 8 and 18): build time and memory as the records grow, PDF throughput, and one document's
render against docxtpl.

    pip install -e '.[bench]'
    python tests/bench.py                                  # N = 10, 100, 1000; doit -n 1 and -n 2; PDFs -n 1 and 2
    python tests/bench.py --sizes 10 --jobs 1 --repeat 20 --pdf-jobs '' --json /tmp/bench.json

Everything happens in a temporary folder (or --workdir, which is kept): synthetic content is
generated from the shipped organization, units, people, bodies and assessment, checked with
`ipdocs check`, and built with doit in a child process, whose wall time and peak memory are
measured. Prints a table and writes JSON (default bench-results.json in the current folder).
Linux (os.wait4, /proc); the numbers are only comparable on an otherwise idle machine.
"""
from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path
from xml.sax.saxutils import escape

import yaml

ROOT = Path(__file__).resolve().parents[1]          # the project: tests/bench.py
SHIPPED = ROOT / "content"
DODO = ROOT / "dodo.py"
BASE_FILES = ("organization.yaml", "units.yaml", "people.yaml", "bodies.yaml")
START = dt.date(2022, 11, 14)             # first synthetic meeting: after the founding notice
DAYS_BETWEEN_MEETINGS = 3                 # N = 1000 spans 2022–2031
DECISIONS_PER_MEETING = 10
EDITED_TIME = "16:45"
NAMED_TASKS = 20

# Member changes spread over the span: (unit, member leaving, newcomer, newcomer's title).
CHANGES = (("区司法局", "柳阳", "孙立平", "区司法局副局长"),
           ("区商务局", "李雪", "钱文斌", "区商务局副局长"),
           ("区教育局", "郑岑", "周一鸣", "区教育局副局长"),
           ("区农业农村局", "张静", "吴晓东", "区农业农村局副局长"))
UNITS = ("区市场监管局", "区法院", "区检察院", "区公安局", "区司法局", "区委宣传部", "区商务局", "区文旅局",
         "区农业农村局", "区科技局", "区工信局", "区教育局", "区科协", "区工商联", "区贸促会")
DELEGATES = ("李明", "赵立新", "王海燕", "陈志刚", "刘晓光")
ABSENCE_REASONS = ("公出", "参加市级会议", "外出学习", "病假")
PROGRESS_UNITS = ("区法院", "区检察院", "区公安局")
PROGRESS_YEARS = 2


# --- synthetic content --------------------------------------------------------------------------

def meeting_dates(n: int) -> list[dt.date]:
    return [START + dt.timedelta(days=i * DAYS_BETWEEN_MEETINGS) for i in range(n)]


def write_yaml(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")


def copy_base(content: Path, years: list[int]) -> None:
    """The shipped organization, units, people and bodies; the 2022 assessment copied for every year."""
    content.mkdir(parents=True)
    for name in BASE_FILES:
        shutil.copy(SHIPPED / name, content / name)
    source = (SHIPPED / "assessment" / "2022.yaml").read_text(encoding="utf-8")
    (content / "assessment").mkdir()
    for year in years:
        text = re.sub(r"(?m)^year: 2022$", f"year: {year}", source, count=1)
        (content / "assessment" / f"{year}.yaml").write_text(text, encoding="utf-8")


def write_changes(content: Path, dates: list[dt.date]) -> None:
    """A few approved replacements, spread evenly over the meetings' span."""
    span = (dates[-1] - dates[0]).days
    for k, (unit, out, new, title) in enumerate(CHANGES, start=1):
        approved = dates[0] + dt.timedelta(days=span * k // (len(CHANGES) + 1) + k)
        data = {"unit": unit, "requested": str(approved - dt.timedelta(days=5)), "reason": "工作变动",
                "replace": [{"out": out, "in": {"name": new, "title": title}}],
                "approved": str(approved), "notice_number": 100 + k}
        write_yaml(content / "changes" / f"{approved}-{unit}.yaml", data)


def decision(i: int, k: int, date: dt.date, indicators: list[int]) -> dict:
    lead, support = UNITS[(i + k) % len(UNITS)], [UNITS[(i + k + j) % len(UNITS)] for j in (3, 7)]
    text = (f"由{lead}牵头，会同{support[0]}、{support[1]}，围绕第{i + 1}次会议确定的第{k}项重点任务，"
            f"制定工作方案，明确责任人和时间节点，按月报送进展情况，确保按期完成。")
    if k % 4 == 0:
        text += f"\n1. {support[0]}负责收集整理相关材料；\n2. {support[1]}负责开展专项检查并形成报告。"
    return {"text": text, "lead": lead, "support": support, "due": str(date + dt.timedelta(days=30 + k)),
            "indicators": [indicators[(i * DECISIONS_PER_MEETING + k) % len(indicators)]]}


def absences(i: int, roster) -> list[dict]:
    members = roster.by_role("member")
    first, second = members[i % len(members)], members[(i + 7) % len(members)]
    delegate = {"name": DELEGATES[i % len(DELEGATES)], "title": f"{first.unit.label}办公室主任"}
    return [{"name": first.person, "reason": ABSENCE_REASONS[i % 4], "delegate": delegate},
            {"name": second.person, "reason": ABSENCE_REASONS[(i + 1) % 4]}]


def chair_fields(i: int, roster) -> dict:
    leader, deputies = roster.leader.person, roster.by_role("deputy")
    if i % 3 == 1 and deputies:
        return {"chair": deputies[0].person, "entrusted_by": leader}
    return {"chair": leader}


def meeting_kind(i: int, body_id: str) -> dict:
    if body_id == "protection_mechanism":
        return {"kind": "专题会议"}
    if i % 10 == 4:
        return {"kind": "临时会议", "proposed_by": [UNITS[1], UNITS[2]]}
    return {"kind": "全体会议"}


def meeting(i: int, date: dt.date, number: int, body_id: str, roster, indicators: list[int]) -> dict:
    return {
        "body": body_id, **meeting_kind(i, body_id), "number": number, "date": str(date), "time": "09:30",
        "place": "区政府三楼第一会议室", **chair_fields(i, roster),
        "topic": f"研究推进第{i + 1}批知识产权保护重点工作任务落实",
        "agenda": ["通报上次会议议定事项落实情况", "研究部署下一阶段重点工作"],
        "notice": {"issued": str(date - dt.timedelta(days=3)), "reply_by": str(date - dt.timedelta(days=1)),
                   "contact": {"name": "郭松", "phone": "0417-0000000"}},
        "held": True, "absent": absences(i, roster),
        "observers": [{"name": "赵刚", "unit": "区营商环境建设局", "title": "营商环境科科长"}],
        "summary": (f"会议通报了上次会议议定事项的落实情况，听取了区市场监管局关于第{i + 1}批重点工作任务的汇报，\n"
                    "研究了知识产权保护工作中存在的问题。\n\n"
                    "会议指出，各成员单位要**对照考核指标逐项落实任务**，做到责任到人、材料齐全。\n"),
        "decisions": [decision(i, k, date, indicators) for k in range(1, DECISIONS_PER_MEETING + 1)],
    }


def write_meetings(content: Path, dates: list[dt.date]) -> list[Path]:
    """N meetings, bodies alternating; attendance from the roster on the day (changes applied),
    indicators from that year's assessment."""
    from ipdocs.read.content import load_content
    loaded = load_content(content)
    numbers: dict[tuple[str, int], int] = {}
    paths = []
    for i, date in enumerate(dates):
        body_id = ("joint_meeting", "protection_mechanism")[i % 2]
        number = numbers[(body_id, date.year)] = numbers.get((body_id, date.year), 0) + 1
        slug = body_id.split("_")[0]
        path = content / "meetings" / f"{date}-{slug}-{number}.yaml"
        indicators = sorted(loaded.assessments[date.year].indicators)
        write_yaml(path, meeting(i, date, number, body_id, loaded.roster(body_id, date), indicators))
        paths.append(path)
    return paths


def write_progress(content: Path, meetings: list[Path]) -> int:
    """A few progress files (content-model.md format) for the first years; returns how many."""
    by_year: dict[int, list[tuple[str, dict]]] = {}
    for path in meetings:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        by_year.setdefault(int(data["date"][:4]), []).append((path.stem, data))
    written = 0
    for year in sorted(by_year)[:PROGRESS_YEARS]:
        for unit in PROGRESS_UNITS:
            write_yaml(content / "progress" / str(year) / f"{unit}.yaml", progress(content, year, unit, by_year[year]))
            written += 1
    return written


def progress(content: Path, year: int, unit: str, meetings: list[tuple[str, dict]]) -> dict:
    refs = [f"{stem}#{n}" for stem, data in meetings for n, d in enumerate(data["decisions"], start=1)
            if d["lead"] == unit or unit in d["support"]][:5]
    evidence = content / "evidence" / str(year) / f"{unit}-campaign.pdf"
    evidence.parent.mkdir(parents=True, exist_ok=True)
    evidence.write_bytes(b"%PDF-1.4\n% synthetic evidence\n")
    return {"unit": unit, "period": year, "submitted": f"{year}-12-05",
            "decisions": [{"ref": ref, "status": "推进中", "note": "按计划推进。"} for ref in refs],
            "indicators": [{"no": 6, "count": 2, "text": f"开展知识产权保护进企业活动2次（{year}年）。",
                            "evidence": [str(evidence.relative_to(content))]}]}


@dataclass
class Synthetic:
    content: Path
    meetings: list[Path]
    progress_files: int
    progress_note: str


def generate(content: Path, n: int) -> Synthetic:
    """Write and check a content folder with n meetings; progress files only if `ipdocs check` accepts them."""
    dates = meeting_dates(n)
    copy_base(content, sorted({d.year for d in dates}))
    write_changes(content, dates)
    meetings = write_meetings(content, dates)
    count = write_progress(content, meetings)
    problems = check(content)
    if problems:
        shutil.rmtree(content / "progress")
        shutil.rmtree(content / "evidence")
        count, note = 0, "skipped, `ipdocs check` refused them: " + first_error(problems)
        problems = check(content)
    else:
        note = progress_note(content, count)
    if problems:
        raise RuntimeError(f"synthetic content for N={n} does not pass `ipdocs check`:\n{problems}")
    return Synthetic(content, meetings, count, note)


def check(content: Path) -> str:
    """The problems `ipdocs check` reports; empty when the content passes."""
    result = subprocess.run([sys.executable, "-m", "ipdocs", "--content", str(content), "check"],
                            capture_output=True, text=True, env=child_env(content.parent), check=False)
    return "" if result.returncode == 0 else (result.stderr or result.stdout)


def first_error(problems: str) -> str:
    lines = problems.strip().splitlines() or ["?"]
    return next((line for line in lines if "警告" not in line), lines[0])


def progress_note(content: Path, count: int) -> str:
    from ipdocs.read.content import load_content
    read = len(load_content(content).progress)
    if read:
        return f"{count} files written, {read} progress records loaded"
    return f"{count} files written and accepted, but the loader made no progress records of them"


# --- doit runs --------------------------------------------------------------------------------

@dataclass
class Run:
    seconds: float
    peak_mb: float      # the largest process of the run (ru_maxrss of doit and its workers)
    tree_mb: float      # the PSS summed over doit and its workers, sampled every 20 ms
    tasks_run: int
    ran: list[str]      # the tasks that ran, when at most NAMED_TASKS did (what an edit rebuilt)


def child_env(project: Path) -> dict:
    return {**os.environ, "IPDOCS_CONTENT": str(project / "content"), "IPDOCS_OUTPUT": str(project / "output"),
            "PYTHONPATH": str(ROOT)}


def doit_command(project: Path, jobs: int, command: str, tasks: tuple[str, ...] = ()) -> list[str]:
    parallel = ["-n", str(jobs), "-P", "process"] if jobs > 1 else []
    return [sys.executable, "-m", "doit", command, "-f", str(DODO), "-d", str(project), *parallel, *tasks]


def run_doit(project: Path, jobs: int = 1, command: str = "run", tasks: tuple[str, ...] = ()) -> Run:
    """One doit run in a child process: wall time, peak memory, and how many tasks ran."""
    log = project / "doit.log"
    with open(log, "w", encoding="utf-8") as out:
        start = time.perf_counter()
        child = subprocess.Popen(doit_command(project, jobs, command, tasks), cwd=project, env=child_env(project),
                                 stdout=out, stderr=subprocess.STDOUT)
        sampler = TreeMemory(child.pid)
        _, status, usage = os.wait4(child.pid, 0)      # rusage of the child and all it waited for
        seconds = time.perf_counter() - start
    tree_bytes = sampler.stop()
    child.returncode = os.waitstatus_to_exitcode(status)
    text = log.read_text(encoding="utf-8")
    if child.returncode != 0:
        raise RuntimeError(f"doit {command} -n {jobs} failed in {project}:\n{text[-3000:]}")
    ran = [line[3:].strip() for line in text.splitlines() if line.startswith(".  ")]
    return Run(round(seconds, 3), round(usage.ru_maxrss / 1024, 1), round(tree_bytes / 2**20, 1), len(ran),
               ran if len(ran) <= NAMED_TASKS else [])


class TreeMemory:
    """Samples the summed PSS of a process and its descendants (Linux /proc; 0 elsewhere).

    PSS splits the pages forked workers share with doit between them, so the sum is what the tree costs.
    """

    def __init__(self, pid: int, interval: float = 0.02):
        self.pid, self.interval, self.peak = pid, interval, 0
        self.done = threading.Event()
        self.thread = threading.Thread(target=self.sample, daemon=True)
        self.thread.start()

    def sample(self) -> None:
        while not self.done.wait(self.interval):
            self.peak = max(self.peak, sum(pss(pid) for pid in descendants(self.pid)))

    def stop(self) -> int:
        self.done.set()
        self.thread.join()
        return self.peak


def descendants(root: int) -> set[int]:
    """The process and every process below it."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
    tree, grew = {root}, True
    while grew:
        found = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= found
        grew = bool(found)
    return tree


def pss(pid: int) -> int:
    """Proportional set size in bytes (0 when the process is gone)."""
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    match = re.search(r"^Pss:\s+(\d+) kB", rollup, re.MULTILINE)
    return int(match.group(1)) * 1024 if match else 0


def edit_one_meeting(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^time: .*$", f'time: "{EDITED_TIME}"', text, count=1), encoding="utf-8")


def fresh_project(source: Path, project: Path) -> Path:
    shutil.rmtree(project, ignore_errors=True)
    shutil.copytree(source, project / "content")
    return project


def median_run(project: Path, jobs: int = 1, command: str = "run", runs: int = 3) -> Run:
    """The median of a few runs of the same command (no-ops and listings are short and close to their targets)."""
    done = sorted((run_doit(project, jobs, command) for _ in range(runs)), key=lambda r: r.seconds)
    return done[len(done) // 2]


def build_series(synthetic: Synthetic, project: Path, jobs: int) -> dict:
    """Cold build, no-op rebuild (median of three), and rebuild after one meeting's time changed."""
    fresh_project(synthetic.content, project)
    cold, noop = run_doit(project, jobs), median_run(project, jobs)
    edited = project / "content" / "meetings" / synthetic.meetings[len(synthetic.meetings) // 2].name
    edit_one_meeting(edited)
    return {"jobs": jobs, "cold": asdict(cold), "noop": asdict(noop), "edited": edited.stem,
            "edit": asdict(run_doit(project, jobs))}


def shipped_series(work: Path, noop_runs: int = 5) -> dict:
    """The shipped content: cold build, no-op rebuild (median of a few: it is close to its target), doit list."""
    project = fresh_project(SHIPPED, work / "shipped")
    cold = run_doit(project)
    noops = sorted((run_doit(project) for _ in range(noop_runs)), key=lambda r: r.seconds)
    return {"cold": asdict(cold), "noop": asdict(noops[len(noops) // 2]), "list": asdict(run_doit(project, 1, "list"))}


# --- PDFs: throughput with doit -n 1 and -n 2, and what one edit converts ---------------------

PDF_MEETING = "2022-12-15-joint-1"      # a shipped meeting with a notice, minutes and sign-in sheet
_BATCH_LINE = re.compile(r"^LibreOffice 一次转换 (\d+) 份", re.M)


def converted(project: Path) -> tuple[int, int]:
    """Documents converted and soffice calls made, from the lines the pdf tasks print (in doit.log)."""
    sizes = [int(n) for n in _BATCH_LINE.findall((project / "doit.log").read_text(encoding="utf-8"))]
    return sum(sizes), len(sizes)


def docx_digests(project: Path) -> dict[Path, bytes]:
    import hashlib
    return {p: hashlib.sha256(p.read_bytes()).digest() for p in (project / "output").rglob("*.docx")}


def pdf_run(project: Path, jobs: int) -> dict:
    run = run_doit(project, jobs, "run", ("pdf",))
    documents, batches = converted(project)
    return {"jobs": jobs, "seconds": run.seconds, "documents": documents, "soffice_calls": batches,
            "per_second": round(documents / run.seconds, 2) if run.seconds else None}


def pdf_series(work: Path, jobs: list[int]) -> dict:
    """The shipped content built, then `doit pdf` from nothing with each -n; then one meeting edited."""
    if shutil.which("soffice") is None:
        return {"note": "LibreOffice not installed: apt-get install -y libreoffice-writer-nogui", "runs": []}
    runs = []
    for j in jobs:
        project = fresh_project(SHIPPED, work / f"pdf-n{j}")
        run_doit(project)
        runs.append(pdf_run(project, j))
    meeting = project / "content" / "meetings" / f"{PDF_MEETING}.yaml"
    meeting.write_text(re.sub(r"(?m)^place: .*$", "place: 区政府五楼会议室", meeting.read_text(encoding="utf-8")),
                       encoding="utf-8")
    before = docx_digests(project)
    run_doit(project)
    changed = sum(1 for p, digest in docx_digests(project).items() if before.get(p) != digest)
    edit = pdf_run(project, 1)
    return {"runs": runs, "edit": {**edit, "changed_docx": changed}}


# --- one document: ipdocs against docxtpl ------------------------------------------------------

def elapsed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def median_ms(*actions, repeat: int) -> list[float]:
    """Median milliseconds of each action, warm, the actions interleaved so that load on the machine
    weighs on all of them alike."""
    for action in actions:
        action()                                   # warm: caches, templates, imports
    times = [[elapsed(action) for action in actions] for _ in range(repeat)]
    return [round(statistics.median(column) * 1000, 3) for column in zip(*times)]


def minutes_document(content_dir: Path):
    """The first minutes of a content folder, as ipdocs' Document (its context is minutes_context)."""
    from ipdocs.read.content import load_content
    from ipdocs.documents.meetings import minutes_documents
    return minutes_documents(load_content(content_dir))[0]


def ipdocs_stages(doc, repeat: int) -> dict[str, float]:
    """Where one render goes: Jinja, Markdown, HTML → WordprocessingML, zip, HTML page."""
    from ipdocs.render import docx, package
    from ipdocs.render.env import md_to_html, render_markdown, render_page
    from ipdocs.render.house import load
    from ipdocs.settings import HOUSE_STYLE
    house = load(HOUSE_STYLE, doc.options)
    sheet = package.sheet_of(house)
    source = render_markdown(doc.template, doc.context)
    fragment = md_to_html(source)
    document, mark = docx.document_parts(fragment, sheet)
    meta = package.DocMeta(doc.title, doc.author, doc.date.isoformat())
    stages = {"jinja_markdown": lambda: render_markdown(doc.template, doc.context),
              "markdown_html": lambda: md_to_html(source),
              "html_wordml": lambda: (forget_line_breaks(), docx.document_parts(fragment, sheet)),
              "zip_floor": lambda: package.package(document, mark, meta, house),
              "html_page": lambda: render_page(doc.title, fragment)}
    return {stage: median_ms(action, repeat=repeat)[0] for stage, action in stages.items()}   # one at a time


def render_comparison(content_dir: Path, work: Path, repeat: int) -> dict:
    """ipdocs' render(doc) against docxtpl on the same minutes and context, timed in alternation."""
    from ipdocs.documents import render
    doc = minutes_document(content_dir)
    result = {"document": doc.path, "decisions": len(doc.context["decisions"]), "repeat": repeat,
              "stages_ms": ipdocs_stages(doc, repeat)}
    try:
        docxtpl_render, rendered = docxtpl_renderer(doc, work)
    except ImportError:
        [ipdocs_ms] = median_ms(lambda: render_afresh(doc), repeat=repeat)
        return {**result, "ipdocs_ms": ipdocs_ms, "docxtpl_ms": None, "ratio": None, "same_text": None,
                "note": "docxtpl not installed: pip install -e '.[bench]'"}
    ipdocs_ms, docxtpl_ms = median_ms(lambda: render_afresh(doc), docxtpl_render, repeat=repeat)
    return {**result, "ipdocs_ms": ipdocs_ms, "docxtpl_ms": docxtpl_ms, "ratio": round(ipdocs_ms / docxtpl_ms, 3),
            "same_text": paragraph_texts(rendered()) == paragraph_texts(render(doc)[".docx"])}


def render_afresh(doc):
    """render(doc) as a build renders it: once, so the line breaker's memory of earlier renders is cleared."""
    from ipdocs.documents import render
    forget_line_breaks()
    return render(doc)


def forget_line_breaks() -> None:
    from ipdocs.render import lines
    lines._broken.cache_clear()
    lines._units.cache_clear()


def docxtpl_renderer(doc, work: Path):
    """A docxtpl render + save of doc's minutes (template made from ipdocs' own .docx), and its last output."""
    from docxtpl import DocxTemplate

    from ipdocs.documents import render
    template = work / "minutes-docxtpl.docx"
    template.write_bytes(docxtpl_template(render(doc)[".docx"]))
    tpl, env, out = DocxTemplate(str(template)), docxtpl_environment(), io.BytesIO()

    def docxtpl_render():
        out.seek(0)
        out.truncate()
        tpl.render(doc.context, env, autoescape=True)
        tpl.save(out)

    return docxtpl_render, out.getvalue


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_LIST_ITEM = re.compile(r"^\s*(\d+[.)])\s+")


def paragraph_texts(docx_bytes: bytes) -> list[str]:
    from lxml import etree
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    texts = ("".join(t.text or "" for t in p.iter(f"{_W}t")) for p in root.iter(f"{_W}p"))
    return [text for text in texts if text]          # empty paragraphs are spacing (the 版记's float), not text


def text_paragraphs(text: str) -> list[str]:
    """What Markdown makes of a clerk's text, as plain paragraphs: blank lines split, list items stand alone."""
    from ipdocs.text import tidy_cjk
    paragraphs, current = [], []
    for line in text.splitlines() + [""]:
        if current and (not line.strip() or _LIST_ITEM.match(line)):
            paragraphs.append(" ".join(current))
            current = []
        if _LIST_ITEM.match(line):
            paragraphs.append(_LIST_ITEM.sub(r"\1", line).strip())
        elif line.strip():
            current.append(line.strip())
    return [tidy_cjk(p).replace("**", "") for p in paragraphs]


def docxtpl_environment():
    import jinja2

    from ipdocs.text import cn_date, without_name_marks
    env = jinja2.Environment(finalize=lambda value: without_name_marks(value) if isinstance(value, str) else value)
    env.filters.update(cn_date=cn_date, paragraphs=text_paragraphs)
    return env


def _run(text: str, style: str = "", props: str = "") -> str:
    rpr = (f'<w:rStyle w:val="{style}"/>' if style else "") + props
    return f'<w:r>{f"<w:rPr>{rpr}</w:rPr>" if rpr else ""}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _para(style: str, *runs: str) -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{"".join(runs)}</w:p>'


def _control(tag: str) -> str:
    """A docxtpl paragraph tag ({%p … %}): the paragraph holding it disappears."""
    return _para("Normal", _run(f"{{%p {tag} %}}"))


_TAB = "<w:r><w:tab/></w:r>"


def _attendance(label: str, style: str, entries: str) -> list[str]:
    return [_control(f"if {entries}"), _para(style, _run(f"{label}：", "Label"), _run(f"{{{{ {entries}|join('，') }}}}")),
            _control("endif")]


def _imprint_row(*runs: str) -> str:
    return ('<w:tr><w:tc><w:tcPr><w:tcW w:w="8844" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
            f"{_para('Imprint', *runs)}</w:tc></w:tr>")


def docxtpl_body(mark_props: str) -> str:
    """The minutes layout of templates/minutes.md.j2, as docxtpl markup in WordprocessingML."""
    decision_note = ("（牵头单位：{{ d.lead }}{% if d.support %}；配合单位：{{ d.support|join('、') }}{% endif %}"
                     "{% if d.due %}；完成时限：{{ d.due }}前{% endif %}）")
    parts = [
        _para("Mark", _run("{{ mark }}", props=mark_props)), _para("IssueNumber", _run("{{ issue }}")),
        _para("IssuerLine", _run("{{ office }}"), _TAB, _run("{{ date|cn_date }}")),
        _para("Normal", _run("{% if proposed_by %}根据{{ proposed_by }}的提议，{% endif %}{{ when }}，{{ chair }}在"
                             "{{ place }}主持召开{{ body_name }}{{ kind }}，{{ topic }}。")),
        _control("for p in summary|paragraphs"), _para("Normal", _run("{{ p }}")), _control("endfor"),
        _control("if decisions"), _para("Normal", _run("会议议定如下事项：")),
        _control("for d in decisions"), _control("for p in d.text|paragraphs"), _para("Normal", _run("{{ p }}")),
        _control("endfor"), _para("Normal", _run(decision_note, "Emphasis")), _control("endfor"), _control("endif"),
        *_attendance("出席", "AttendanceFirst", "attendance.present"),
        *_attendance("请假", "Attendance", "attendance.on_leave"),
        *_attendance("列席", "Attendance", "attendance.observers"),
        ('<w:tbl><w:tblPr><w:tblStyle w:val="ImprintTable"/><w:tblW w:w="8844" w:type="dxa"/>'
         '<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid><w:gridCol w:w="8844"/></w:tblGrid>'),
        _imprint_row(_run("分送：{{ distribute }}")),
        _imprint_row(_run("{{ printer }}"), _TAB, _run("{{ date|cn_date }}印发")), "</w:tbl>",
    ]
    return "".join(parts)


def docxtpl_template(ipdocs_docx: bytes) -> bytes:
    """ipdocs' own .docx (same styles, footers, section) with its body replaced by docxtpl markup."""
    with zipfile.ZipFile(io.BytesIO(ipdocs_docx)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    document = parts["word/document.xml"].decode("utf-8")
    mark_props = re.search(r'<w:pStyle w:val="Mark"/></w:pPr><w:r><w:rPr>(.*?)</w:rPr>', document).group(1)
    section = re.search(r"<w:sectPr>.*</w:sectPr>", document).group(0)
    head = document[: document.index("<w:body>") + len("<w:body>")]
    parts["word/document.xml"] = f"{head}{docxtpl_body(mark_props)}{section}</w:body></w:document>".encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


# --- targets, table, JSON ---------------------------------------------------------------------

def targets(results: dict) -> list[dict]:
    """Issue 8's targets, each as value, limit and whether it is met (None when not measured)."""
    found = []

    def target(name, value, limit, at_least=False):
        ok = None if value is None else (value >= limit if at_least else value <= limit)
        found.append({"target": name, "value": value, "limit": limit, "at_least": at_least, "ok": ok})

    target("minutes render ipdocs/docxtpl", results["render"]["ratio"], 0.25)
    target("no-op doit, shipped content (s)", results["shipped"]["noop"]["seconds"], 0.5)
    for size in results["sizes"]:
        if size["n"] == 1000:
            target("no-op doit, N=1000, -n 1 (s)", size["builds"][0]["noop"]["seconds"], 0.5)
            target("doit list, N=1000 (s)", size["list"]["seconds"], 0.5)
    pdf_targets(results.get("pdf") or {}, target)
    cold = {(s["n"], b["jobs"]): b["cold"]["seconds"] for s in results["sizes"] for b in s["builds"]}
    jobs = max(j for _, j in cold) if cold else 1
    if (100, jobs) in cold and (1000, jobs) in cold:
        target(f"cold build t(1000)/t(100), -n {jobs}", round(cold[(1000, jobs)] / cold[(100, jobs)], 2), 12)
    if (1000, jobs) in cold:
        target(f"cold build N=1000, -n {jobs} (s)", cold[(1000, jobs)], 60)
    runs = [r for s in results["sizes"] for b in s["builds"] for r in (b["cold"], b["noop"], b["edit"])]
    target("peak memory, largest process, RSS (MB)", max((r["peak_mb"] for r in runs), default=None), 300)
    target("peak memory, doit + workers, PSS (MB)", max((r["tree_mb"] for r in runs), default=None), 300)
    return found


def pdf_targets(pdf: dict, target) -> None:
    rates = {r["jobs"]: r["per_second"] for r in pdf.get("runs", [])}
    if 1 in rates and 2 in rates:
        target("PDF throughput -n 2 / -n 1", round(rates[2] / rates[1], 2), 1.2, at_least=True)
    for run in pdf.get("runs", []):
        target(f"soffice calls, doit -n {run['jobs']} pdf", run["soffice_calls"], run["jobs"])
    if pdf.get("edit"):
        extra = pdf["edit"]["documents"] - pdf["edit"]["changed_docx"]
        target("PDFs converted beyond the edited documents", extra, 0)


def build_rows(results: dict) -> list[tuple]:
    shipped = results["shipped"]
    rows = [("shipped", shipped["documents"], 1, shipped["cold"], shipped["noop"], None)]
    for size in results["sizes"]:
        rows += [(size["n"], size["documents"], b["jobs"], b["cold"], b["noop"], b["edit"]) for b in size["builds"]]
    return rows


def print_table(results: dict) -> None:
    m = results["machine"]
    print(f"\nipdocs benchmark: {m['cpus']} CPUs, Python {m['python']}, doit {m['doit']}, docxtpl {m['docxtpl']}; "
          f"load average {m['load_average'][0]:.2f} before, {results['load_average_after'][0]:.2f} after")
    print("\nBuilds: wall seconds; tasks run (cold/no-op/edit); "
          "peak MB = largest process (RSS), tree MB = doit + workers (PSS)")
    print(f"{'N':>7} {'docs':>5} {'-n':>3} {'cold s':>7} {'no-op s':>8} {'edit s':>7} {'tasks run':>11} "
          f"{'peak MB':>8} {'tree MB':>8}")
    for n, docs, jobs, cold, noop, edit in build_rows(results):
        runs = [r for r in (cold, noop, edit) if r]
        edit_s = f"{edit['seconds']:.2f}" if edit else "-"
        ran = "/".join(str(r["tasks_run"]) for r in runs)
        print(f"{n:>7} {docs:>5} {jobs:>3} {cold['seconds']:>7.2f} {noop['seconds']:>8.2f} {edit_s:>7} {ran:>11} "
              f"{max(r['peak_mb'] for r in runs):>8.0f} {max(r['tree_mb'] for r in runs):>8.0f}")
    print(f"  doit list, shipped content: {results['shipped']['list']['seconds']:.2f} s")
    for size in results["sizes"]:
        print(f"  N={size['n']}: doit list {size['list']['seconds']:.2f} s; progress files: {size['progress_note']}")
    print_pdf(results.get("pdf") or {})
    print_render(results["render"])
    print("\nTargets")
    for t in results["targets"]:
        verdict = {True: "ok", False: "MISSED", None: "not measured"}[t["ok"]]
        value = "-" if t["value"] is None else t["value"]
        print(f"  {t['target']:<44} {value:>8} {'≥' if t.get('at_least') else '≤'} {t['limit']:<6} {verdict}")


def print_pdf(pdf: dict) -> None:
    if not pdf.get("runs"):
        print(f"\nPDF: {pdf.get('note', 'not measured (--no-pdf)')}")
        return
    print("\nPDF (doit pdf on the shipped content, from nothing): PDF/A-2b, one soffice call per batch")
    for run in pdf["runs"]:
        print(f"  -n {run['jobs']}: {run['documents']} documents in {run['seconds']:.2f} s = "
              f"{run['per_second']:.2f} documents/s, {run['soffice_calls']} soffice call(s)")
    edit = pdf["edit"]
    print(f"  after editing one meeting's place: {edit['documents']} converted ({edit['changed_docx']} .docx changed) "
          f"in {edit['seconds']:.2f} s")


def print_render(render: dict) -> None:
    print(f"\nOne minutes ({render['decisions']} agreed items), warm, median of {render['repeat']} (ms); "
          "ipdocs and docxtpl timed in alternation, stages one at a time")
    print(f"  ipdocs render(doc), .docx + .html   {render['ipdocs_ms']:8.2f}")
    for stage, ms in render["stages_ms"].items():
        print(f"    {stage:<32} {ms:8.2f}")
    if render["docxtpl_ms"] is None:
        print(f"  docxtpl: {render['note']}")
        return
    print(f"  docxtpl render + save, .docx only   {render['docxtpl_ms']:8.2f}")
    print(f"  ratio ipdocs / docxtpl              {render['ratio']:8.3f}   (same paragraph text: {render['same_text']})")


def machine() -> dict:
    def version(name):
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return None
    return {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count(),
            "doit": version("doit"), "docxtpl": version("docxtpl"), "date": dt.date.today().isoformat(),
            "load_average": os.getloadavg()}


# --- main -------------------------------------------------------------------------------------

def count_documents(content: Path) -> int:
    from ipdocs.read.content import load_content
    from ipdocs.documents import all_documents
    return len(all_documents(load_content(content)))


def measure_size(n: int, jobs: list[int], work: Path) -> dict:
    synthetic = generate(work / f"content-{n}" / "content", n)
    builds = [build_series(synthetic, work / f"build-{n}-n{j}", j) for j in jobs]
    listing = median_run(work / f"build-{n}-n{jobs[-1]}", 1, "list")
    return {"n": n, "documents": count_documents(synthetic.content), "progress_files": synthetic.progress_files,
            "progress_note": synthetic.progress_note, "list": asdict(listing), "builds": builds}


def benchmark(sizes: list[int], jobs: list[int], repeat: int, work: Path, pdf_jobs: list[int]) -> dict:
    results = {"machine": machine(), "shipped": {**shipped_series(work), "documents": count_documents(SHIPPED)},
               "sizes": [measure_size(n, jobs, work) for n in sizes]}
    results["pdf"] = pdf_series(work, pdf_jobs) if pdf_jobs else {"runs": [], "note": "not measured (--pdf-jobs '')"}
    rendered = generate(work / "render" / "content", 10)
    results["render"] = render_comparison(rendered.content, work, repeat)
    results["targets"] = targets(results)
    results["load_average_after"] = os.getloadavg()
    return results


def integers(text: str) -> list[int]:
    return [int(x) for x in text.split(",") if x.strip()]


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python tests/bench.py", description=__doc__.splitlines()[0])
    p.add_argument("--sizes", type=integers, default=[10, 100, 1000], help="meeting counts N (default 10,100,1000)")
    p.add_argument("--jobs", type=integers, default=[1, 2], help="doit -n values (default 1,2)")
    p.add_argument("--repeat", type=int, default=100, help="renders per median (default 100)")
    p.add_argument("--pdf-jobs", type=integers, default=[1, 2], help="doit -n values for `doit pdf` (default 1,2; '' skips)")
    p.add_argument("--json", type=Path, default=Path("bench-results.json"), help="where to write the results")
    p.add_argument("--workdir", type=Path, help="keep the generated content and builds here instead of a temp folder")
    return p


def main(argv=None) -> dict:
    args = parser().parse_args(argv)
    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
        results = benchmark(args.sizes, args.jobs, args.repeat, args.workdir.resolve(), args.pdf_jobs)
    else:
        with tempfile.TemporaryDirectory(prefix="ipdocs-bench-") as work:
            results = benchmark(args.sizes, args.jobs, args.repeat, Path(work), args.pdf_jobs)
    args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    print_table(results)
    print(f"\nJSON: {args.json}")
    return results


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))          # benchmark this checkout, whichever copy pip installed
    main()
