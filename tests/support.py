"""Helpers the tests share: building content, running the commands, reading a .docx back."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

from lxml import etree

from ipdocs.documents import all_documents, render
from ipdocs.files import write_atomic
from ipdocs.read.content import load_content

REPO = Path(__file__).resolve().parents[1]
SEED = Path(__file__).parent / "seed" / "notice-2022-12.txt"   # a copy of ../shared/seed/
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}


def build_all(content: Path, output: Path) -> dict[str, Path]:
    """Render every document of a content folder, as doit would; returns group:name → .docx path."""
    built = {}
    for doc in all_documents(load_content(content)):
        targets = doc.targets(output)
        for suffix, data in render(doc).items():
            write_atomic(targets[suffix], data)
        built[f"{doc.group}:{doc.name}"] = targets[".docx"]
    return built


def build_archive_tables(content, documents, output: Path) -> list[Path]:
    """Each year's 归档文件目录 and 考核指标证明材料索引 as `doit archive` makes them, every record filed (the PDF/A
    copies stand in as empty files: the tables only name them), as .docx."""
    from ipdocs.outputs import archive
    from ipdocs.outputs.archive_versions import SealedPdf
    made = []
    for year in sorted({d.filing_year for d in documents}):
        plan = archive.plan(content, documents, year, output)
        copies = {r.source: SealedPdf(b"", "1", "test") for r in plan.records if not r.evidence}
        files = archive.index_files(plan, archive.pieces(plan, copies), content)
        for name in ("归档文件目录.docx", "考核指标证明材料索引.docx"):
            if name in files:
                made.append(output / "档案" / str(year) / name)
                write_atomic(made[-1], files[name])
    return made


def run(args, cwd: Path, **env) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PYTHONPATH": str(REPO), **env}
    environment.pop("IPDOCS_DEBUG", None)
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=environment, timeout=300)


def ipdocs(*args, cwd: Path) -> subprocess.CompletedProcess:
    return run([sys.executable, "-m", "ipdocs", *args], cwd)


def doit(*args, cwd: Path) -> subprocess.CompletedProcess:
    return run([sys.executable, "-m", "doit", "-f", str(REPO / "dodo.py"), "-d", str(cwd), *args], cwd)


class Docx:
    """A .docx read back: its XML parts and its text."""

    def __init__(self, path: Path):
        self.path = path
        with zipfile.ZipFile(path) as z:
            self.parts = {name: z.read(name) for name in z.namelist()}
        self.document = etree.fromstring(self.parts["word/document.xml"])
        self.styles = etree.fromstring(self.parts["word/styles.xml"])

    def xml(self, part: str):
        return etree.fromstring(self.parts[part])

    def paragraphs(self) -> list:
        return self.document.findall(".//w:body/w:p", NS)

    @staticmethod
    def text_of(el) -> str:
        return "".join(t.text or "" for t in el.iter(f"{W}t"))

    def texts(self) -> list[str]:
        return [self.text_of(p) for p in self.paragraphs()]

    def all_text(self) -> str:
        return "\n".join(self.text_of(p) for p in self.document.iter(f"{W}p"))

    def style_of(self, p) -> str:
        el = p.find("w:pPr/w:pStyle", NS)
        return el.get(f"{W}val") if el is not None else "Normal"

    def paragraph(self, style: str):
        return [p for p in self.paragraphs() if self.style_of(p) == style]

    def style(self, style_id: str):
        return self.styles.find(f"w:style[@w:styleId='{style_id}']", NS)

    def style_font(self, style_id: str) -> str:
        fonts = self.style(style_id).find("w:rPr/w:rFonts", NS)
        if fonts is None:
            return self.style_font("Normal") if style_id != "Normal" else ""
        return fonts.get(f"{W}eastAsia")

    def style_size(self, style_id: str) -> int:
        size = self.style(style_id).find("w:rPr/w:sz", NS)
        if size is None:
            based = self.style(style_id).find("w:basedOn", NS)
            return self.style_size(based.get(f"{W}val")) if based is not None else 32
        return int(size.get(f"{W}val"))

    def sections(self) -> list:
        return self.document.findall(".//w:sectPr", NS)


def plain(value):
    """The loader's Map and Seq as plain dicts and lists; dates as the strings the loader keeps."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def rule_params(rules, sets, still_failing: dict, what: str):
    """One pytest param per (rule, content set); a pair listed in still_failing is a strict xfail (issue 11)."""
    import pytest
    for rule in rules:
        for name in sets:
            marks = [pytest.mark.xfail(strict=True, raises=AssertionError, reason=f"issue 11: {what} {rule} not yet met")] \
                if name in still_failing.get(rule, ()) else []
            yield pytest.param(rule, name, marks=marks, id=f"{rule}-{name}")


def normalise(text: str) -> str:
    import unicodedata
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def executed(result) -> set[str]:
    """The doit tasks a run executed (doit prints ".  task:name" for each)."""
    return {line.split()[-1] for line in result.stdout.splitlines() if line.startswith(".  ")}


# -- PDF geometry (poppler's pdftotext -bbox-layout) --------------------------------------------

MM = 72 / 25.4
PORTRAIT_AREA = (28 * MM, 37 * MM, (28 + 156) * MM, (37 + 225) * MM)      # x0, y0, x1, y1 in pt
LANDSCAPE_AREA = (37 * MM, 28 * MM, (37 + 225) * MM, (28 + 156) * MM)
SLACK = 1.5                                                               # pt: glyph boxes, rounding
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)


def pages(pdf):
    html = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    result = []
    for width, height, body in PAGE.findall(html):
        words = [(float(a), float(b), float(c), float(d), t) for a, b, c, d, t in WORD.findall(body)]
        result.append((float(width), float(height), words))
    return result


def split_footer(words, area):
    """Page-number words sit below the type area, or on a landscape page left of it (the sheet's foot, GB/T 9704
    §10.1); everything else is body."""
    footer = [w for w in words if w[1] >= area[3] - SLACK or w[2] < area[0] - SLACK]
    return [w for w in words if w not in footer], footer


class Form:
    """A progress form (.xlsx) opened as a unit would open it, to read or fill in."""

    def __init__(self, path: Path):
        from openpyxl import load_workbook
        self.path = path
        self.book = load_workbook(path)

    def row_of(self, sheet: str, first_cell, column: int = 1, second_cell=None) -> int:
        """The row whose first cell (and second, when given) says this."""
        ws = self.book[sheet]
        for row in range(1, ws.max_row + 1):
            if ws.cell(row, column).value == first_cell and (second_cell is None or ws.cell(row, column + 1).value == second_cell):
                return row
        raise AssertionError(f"no row {first_cell!r} {second_cell or ''} in {sheet}")

    def fill(self, sheet: str, cells: dict) -> "Form":
        for coordinate, value in cells.items():
            self.book[sheet][coordinate] = value
        return self

    def save(self, path: Path | None = None) -> Path:
        path = path or self.path
        path.parent.mkdir(parents=True, exist_ok=True)
        self.book.save(path)
        return path
