"""`ipdocs import <file.xlsx|folder>`: returned progress forms → content/progress/<period>/<unit>.yaml.

Every form is read, checked cell by cell, turned into YAML by the safe writer, loaded
back and put through the same progress check as a hand-written file, together with
the files already there, before anything is written. Any problem in any form: nothing
is written. An existing file is replaced only when asked (--replace), and the change is
shown; a form imported again gives the same bytes, so nothing changes.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError
from ..files import write_atomic
from ..read.builder import Builder
from ..read.loader import LoadError, Map, parse_yaml
from ..read.progress import check_progress
from ..yamlwrite import dump
from .form_rows import Converted, FormRows
from .returned import CellProblem, Returned, read_returned

UNSAFE_NAME = set('/\\:*?"<>|')


@dataclass
class Planned:
    """One form, ready to be written."""
    form: Returned
    converted: Converted
    target: Path
    shown_target: str
    text: str
    previous: str | None
    parsed: Map | None = None

    @property
    def unchanged(self) -> bool:
        return self.previous == self.text


def forms_in(source: Path) -> list[tuple[Path, str]]:
    """The .xlsx files to import and how messages name them."""
    if source.is_dir():
        found = sorted(p for p in source.iterdir() if p.is_file() and p.suffix.lower() in (".xlsx", ".xls")
                       and not p.name.startswith(("~$", ".")))
        if not found:
            raise UsageError(f"{source} 中没有 .xlsx 文件：请把各单位报回的表放进这个文件夹")
        return [(p, str(p)) for p in found]
    if not source.is_file():
        raise UsageError(f"找不到 {source}：请写报回的 .xlsx 文件或放这些文件的文件夹")
    if source.suffix.lower() not in (".xlsx", ".xls"):
        raise UsageError(f"{source} 不是 .xlsx 文件：只能导入由 ipdocs forms 生成、单位填好的表")
    return [(source, str(source))]


def passed_over(source: Path) -> list[str]:
    """What a folder holds besides forms (subfolders, other files): told, never imported silently or at all."""
    if not source.is_dir():
        return []
    said = []
    for p in sorted(source.iterdir()):
        if p.name.startswith(("~$", ".")):
            continue                     # Excel's lock files and hidden files
        if p.is_dir():
            said.append(f"没有导入 {p}/ 中的文件：子文件夹不读，要导入的表请直接放在 {source} 中")
        elif p.suffix.lower() not in (".xlsx", ".xls"):
            said.append(f"没有导入 {p}：不是 .xlsx 文件")
    return said


def plan_imports(content, files: list[tuple[Path, str]], replace: bool) -> tuple[list[Planned], list[CellProblem]]:
    """Every form read and checked; the plans are good only when there are no problems."""
    forms, planned = [], []
    for path, shown in files:
        form = read_returned(path, shown)
        forms.append(form)
        converted = FormRows(content, form).converted()
        if converted is not None and not form.problems:
            planned.append(plan(content, form, converted, replace))
    _refuse_twice(planned)
    elsewhere = _checked(content, [p for p in planned if not p.form.problems])
    return planned, sorted({*elsewhere, *(problem for form in forms for problem in form.problems)})


def plan(content, form: Returned, converted: Converted, replace: bool) -> Planned:
    target = _target(content, converted)
    shown = _shown(content, target)
    text = dump(converted.data, header=_header(converted))
    previous = target.read_text(encoding="utf-8") if target.is_file() else None
    planned = Planned(form, converted, target, shown, text, previous)
    if previous is not None and not planned.unchanged and not replace:
        form.error(None, f"{shown} 已存在，内容与这份表不同：确认要用这份表替换时，加 --replace 重新导入（会列出改动）")
    return planned


def _header(c: Converted) -> list[str]:
    lines = [f"{c.unit.label} {c.period.label}知识产权工作完成情况：由报送表导入（ipdocs import）"]
    return lines + ([c.contact] if c.contact else [])


def _target(content, c: Converted) -> Path:
    existing = next((r for r in content.progress if r.unit == c.unit and r.period == c.period), None)
    if existing is not None:
        return content.files.get(existing.source, Path(existing.source))
    name = "".join("_" if ch in UNSAFE_NAME or ord(ch) < 32 else ch for ch in c.unit.label).strip(". ") or "单位"
    return content.root / "progress" / c.period.name / f"{name}.yaml"


def _shown(content, target: Path) -> str:
    try:
        return str(content.root / target.relative_to(content.root))
    except ValueError:
        return str(target)


def _refuse_twice(planned: list[Planned]) -> None:
    first: dict[Path, Planned] = {}
    for p in planned:
        if p.target in first:
            p.form.error(None, f"与 {first[p.target].form.shown} 是同一单位、同一报送期的表：只导入其中一份")
        first.setdefault(p.target, p)


# -- the content check, on the YAML as it would be written --------------------------

def _checked(content, planned: list[Planned]) -> list[CellProblem]:
    for p in planned:
        try:
            p.parsed = parse_yaml(p.text.encode("utf-8"), p.shown_target)
        except LoadError as exc:        # a value the reader refuses (the writer wrote it faithfully)
            for problem in exc.problems:
                p.form.error(None, f"{problem.message}（导入后的 {p.shown_target} 第{problem.line}行）")
    planned = [p for p in planned if p.parsed is not None]
    if not planned:
        return []
    b = Builder(content.root)
    b.units_by_name.update({name: unit for unit in content.units for name in unit.names})
    replaced = {p.shown_target for p in planned}
    raw = [(folder, stem, data) for folder, stem, data in b.read_progress() if getattr(data, "path", "") not in replaced]
    raw += [(p.converted.period.name, p.target.stem, p.parsed) for p in planned]
    check_progress(b, raw, content)
    return [found for problem in b.problems.errors if (found := _at_cell(planned, problem)) is not None]


def _at_cell(planned: list[Planned], problem) -> CellProblem | None:
    """A problem the content check found: put at the form's cell when it is in an imported file, else returned."""
    for p in planned:
        if problem.path == p.shown_target:
            cell = line_cells(p.parsed, p.converted.cells).get(problem.line)
            where = "" if cell else f"（导入后的 {p.shown_target} 第{problem.line}行）"
            p.form.error(cell, problem.message + where)
            return None
    return CellProblem(problem.path, 0, problem.line, 0, f"{problem.path}:{problem.line}", problem.message)


def line_cells(parsed: Map, cells: dict) -> dict:
    """YAML line → the cell its value came from."""
    found = {parsed.lines[k]: cells[(k,)] for k in parsed if (k,) in cells}
    for section in ("decisions", "indicators"):
        entries = parsed.get(section) or []
        for i, entry in enumerate(entries):
            for key in entry:
                if (section, i, key) in cells:
                    found.setdefault(entry.lines[key], cells[(section, i, key)])
    return found


# -- writing ------------------------------------------------------------------------

def apply(planned: list[Planned]) -> list[str]:
    """Write what changed; the lines to show the clerk."""
    said = []
    for p in planned:
        said.append(_written(p))
        if p.converted.blank_items:
            said.append(f"  （{p.converted.unit.label}未填写状态的议定事项：{'、'.join(p.converted.blank_items)}）")
    return said


def _written(p: Planned) -> str:
    if p.unchanged:
        return f"{p.form.shown}：没有变化（{p.shown_target}）"
    write_atomic(p.target, p.text.encode("utf-8"))
    if p.previous is None:
        return f"{p.form.shown} → {p.shown_target}：已导入"
    diff = difflib.unified_diff(p.previous.splitlines(), p.text.splitlines(), f"{p.shown_target}（原来）",
                                f"{p.shown_target}（导入后）", lineterm="")
    return f"{p.form.shown} → {p.shown_target}：已替换，改动如下：\n" + "\n".join(diff)
