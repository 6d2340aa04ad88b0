"""ipdocs new-year 2023: the year's assessment file (a draft copy of last year's, or a file given),
the agreed items earlier years left open (they go on in the new year's ledger by themselves), and a
checklist of what the office does at the turn of the year.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import ContentError, UsageError
from ..model import ledger
from ..model.content import LEAD_BODY
from ..read.assessment import read_assessment
from ..read.builder import Builder
from ..read.discover import printable
from ..read.fields import type_name
from ..read.content import load_content, read_units
from ..read.loader import LoadError, Map, load_yaml
from ..text import cn_date
from ..yamlwrite import top_level_lines
from .scaffold import LAST_YEAR, inside_content, write_new

DRAFT_NOTE = "# {year}年度考核指标草稿：由 ipdocs new-year 从 {old}.yaml 复制。请对照{year}年度的考核文件逐项核对指标、分值、责任单位和计分规则，核对完毕删去 draft: true。"


def year_arg(content, text: str) -> int:
    founded = content.founding_date.year
    if not (text.isascii() and text.isdigit() and len(text) == 4):
        raise UsageError(f"年度“{text}”无效：写四位数字，如 {founded + 1}")
    year = int(text)
    if not founded < year <= LAST_YEAR:
        raise UsageError(f"年度 {year} 不在 {founded + 1}–{LAST_YEAR} 之间：联席会议组建于 {founded} 年")
    return year


def draft_text(text: str, old: int, year: int) -> str:
    """Last year's assessment as this year's draft: the year in `year`, `title` and `period_note`, and `draft: true`."""
    lines = text.split("\n")
    spans = top_level_lines(text)
    for key in ("title", "period_note"):
        if key in spans:
            start, end = spans[key]
            lines[start:end] = [line.replace(str(old), str(year)) for line in lines[start:end]]
    if "draft" in spans:                 # last year's file may itself be a draft not yet checked: one draft line
        start, end = spans["draft"]
        del lines[start:end]
        spans = top_level_lines("\n".join(lines))
    start, end = spans["year"]
    lines[start:end] = [f"year: {year}", "draft: true                # 草稿：核对完毕删去这一行"]
    if lines and lines[0].startswith(f"# {old}年度考核指标草稿"):
        lines = lines[1:]                # the note new-year wrote on last year's draft
    return DRAFT_NOTE.format(year=year, old=old) + "\n" + "\n".join(lines)


def check_assessment(root: Path, path: Path, year: int) -> None:
    """A given assessment file is read as one before it is copied in: its problems are told against it."""
    b = Builder(root)
    read_units(b, b.read("units"))
    data = b.read_file(path)
    b.stop_if_errors()
    if not isinstance(data, Map):
        b.problems.error((printable(str(path)), 1), f"这不是考核指标文件：应为映射（year、title、sections 等键），现在是{type_name(data)}")
        b.problems.raise_if_errors()
    read_assessment(b, str(year), data)
    b.problems.raise_if_errors()


def assessment_text(content, root: Path, year: int, source: Path | None) -> tuple[str, str]:
    """(the new file's text, where it came from)."""
    if source is not None:
        if not source.is_file():
            raise UsageError(f"找不到考核指标文件 {source}")
        check_assessment(root, source, year)
        return source.read_text(encoding="utf-8-sig"), str(source)
    earlier = [y for y in content.assessments if y < year]
    if not earlier:
        raise UsageError(f"没有 {year} 年以前的考核指标文件可以复制：请用 --from 指定{year}年度的考核指标文件")
    old = max(earlier)
    path = root / "assessment" / f"{old}.yaml"
    try:
        load_yaml(path)
    except LoadError as exc:
        raise ContentError(exc.problems) from None
    return draft_text(path.read_text(encoding="utf-8-sig"), old, year), f"{old}.yaml（草稿）"


def add_assessment(content, root: Path, year: int, source: Path | None) -> str:
    """Write assessment/<year>.yaml unless it is there; the line the checklist prints about it."""
    target = root / "assessment" / f"{year}.yaml"
    if target.exists():
        return f"考核指标：{target} 已存在，没有改动"
    text, origin = assessment_text(content, root, year, source)
    path = write_new(root, "assessment", str(year), text)
    try:
        load_content(root)
    except ContentError:
        path.unlink()
        raise
    return f"考核指标：已建立 {path}（来自 {origin}）"


def carried_lines(content, year: int) -> list[str]:
    carried = ledger.carried_over(content, year)
    if not carried:
        return [f"上年未完成的议定事项：没有（{year - 1}年的议定事项都已完成）"]
    lines = [f"上年未完成的议定事项 {len(carried)} 项，自动转入{year}年的议定事项台账（进展报告照常用 ref 报送）："]
    for e in carried:
        due = f"，完成时限{cn_date(e.decision.due)}" if e.decision.due else ""
        lead = e.decision.lead.label if e.decision.lead else ""
        text = " ".join(e.decision.text.split())
        lines.append(f"    {e.decision.ref}　{text[:30]}{'…' if len(text) > 30 else ''}（{lead}{due}，{e.status}）")
    return lines


def checklist(content, year: int) -> list[str]:
    pending = [c for c in content.changes if c.pending]
    steps = [
        f"对照{year}年度考核文件核对 content/assessment/{year}.yaml，核对完毕删去 draft: true（ipdocs check 会提醒）",
        f"封存{year - 1}年度档案：doit archive（生成 output/档案/{year - 1}年度档案_vN，旧版本不会被覆盖）",
        f"核对成员名单：ipdocs roster --date {year}-01-01"
        + (f"；还有 {len(pending)} 个成员调整申请待批准（{'、'.join(c.stem for c in pending)}）" if pending else ""),
        f"安排本年度第一次全体会议：ipdocs new-meeting --body {LEAD_BODY} --date {year}-MM-DD",
        f"各单位的进展报告放在 content/progress/{year}-Q1/ 等报送期文件夹中，证明材料放在 content/evidence/{year}/",
        "运行 ipdocs check，然后 doit",
    ]
    return ["接下来要做的事："] + [f"  {i}. {step}" for i, step in enumerate(steps, start=1)]


def new_year(content, root: Path, year_text: str, source: Path | None) -> int:
    year = year_arg(content, year_text.strip())
    done = add_assessment(content, root, year, source)
    evidence = inside_content(root, root / "evidence" / str(year))
    evidence.mkdir(parents=True, exist_ok=True)
    print(f"{year}年度：")
    print(f"  · {done}")
    print("\n".join(f"  · {line}" if i == 0 else line for i, line in enumerate(carried_lines(content, year))))
    print(f"  · 证明材料文件夹：{evidence}")
    print("\n".join(checklist(content, year)))
    return 0
