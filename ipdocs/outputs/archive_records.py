"""The records (件) of a year's archive: which documents and evidence files, their retention, numbers, titles, pages.

DA/T 22-2015: the lowest class is 年度-保管期限 (with a 机构（问题）code when one is
configured), and 件号 run from 0001 within each class; the 档号 reads
全宗号-年度-保管期限代码[-机构（问题）代码]-件号.
"""
from __future__ import annotations

import datetime as dt
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..documents import Document, families

EVIDENCE_KIND = "证明材料"
EVIDENCE_RETENTION = "定期10年"
RETENTION_CODES = {"永久": "Y", "定期30年": "D30", "定期10年": "D10"}     # class order: permanent first
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp"}
PRINTABLE_SUFFIXES = {".docx", ".doc", ".odt", ".rtf", ".wps", ".txt", ".md", ".xlsx", ".xls", ".ods", ".pptx"}
_LEADING_SEPARATORS = re.compile(r"^[\s_\-—·、，,:：]+")
_CODE = re.compile(r"^[A-Za-z0-9]{1,16}$")


class ArchiveError(Exception):
    """The archive cannot be made; the message says why and what to do."""


@dataclass
class Record:
    """One 件: a document (its .docx and its PDF/A copy) or one evidence file."""
    source: Path
    kind: str
    number: str
    author: str
    title: str
    date: dt.date
    evidence: bool = False
    indicators: tuple[int, ...] = ()
    remark: str = ""
    retention: str = ""
    piece: int = 0
    pages: int | None = None

    @property
    def code(self) -> str:
        return RETENTION_CODES[self.retention]

    def reference(self, fonds: str, year: int, class_code: str = "") -> str:
        """The 档号."""
        parts = [fonds, str(year), self.code, *([class_code] if class_code else []), f"{self.piece:04d}"]
        return "-".join(parts)


def retention_terms(configured: dict) -> dict[str, str]:
    """保管期限 by document kind: what each family declares, then organization.yaml's `retention`."""
    terms = {EVIDENCE_KIND: EVIDENCE_RETENTION}
    for fam in families():
        terms.update(fam.retention)
    terms.update(configured or {})
    unknown = sorted({str(v) for v in terms.values()} - set(RETENTION_CODES))
    if unknown:
        raise ArchiveError(f"content/organization.yaml: 保管期限“{'、'.join(unknown)}”无效（可选：{'、'.join(RETENTION_CODES)}）")
    return terms


def document_records(documents: list[Document], year: int, output: Path, terms: dict[str, str]) -> list[Record]:
    """Every document of an archived family filed under the year, with the retention its family declares."""
    archived = {f.group: f for f in families() if f.archived}
    records = []
    for doc in documents:
        family = archived.get(doc.group)
        if doc.filing_year != year or family is None:
            continue
        retention = (terms if doc.kind in terms else family.retention).get(doc.kind, EVIDENCE_RETENTION)
        records.append(Record(doc.targets(output)[".docx"], doc.kind, doc.number, doc.author, doc.title, doc.date,
                              indicators=doc.indicators, retention=retention))
    return records


def evidence_title(unit, relative: str, indicator: int) -> str:
    """The archivist's own title in [ ]: the unit once, then what the file is (its name without the unit)."""
    stem = Path(relative).stem
    for name in sorted(set(unit.names), key=len, reverse=True):
        if name and stem.startswith(name):
            stem = _LEADING_SEPARATORS.sub("", stem[len(name):]) or stem
            break
    return f"[{unit.label}{stem}（指标{indicator}证明材料）]"


def check_codes(fonds: str, class_code: str) -> None:
    """The 全宗号 and the 机构（问题）code name folders in the package: letters and digits only."""
    for label, key, value in (("全宗号", "fonds", fonds), ("机构（问题）代码", "archive_class", class_code)):
        if value and not _CODE.match(value):
            raise ArchiveError(f"content/organization.yaml: {label}（{key}）“{value}”只能由字母和数字组成（如 X001）")


def check_evidence(records: list[Record], root: Path) -> None:
    """Every evidence file must be a file inside the content folder (a link out of it is refused)."""
    problems = []
    for r in (r for r in records if r.evidence):
        inside = r.source.resolve().is_relative_to(root.resolve())
        if not inside or not r.source.is_file() or r.source.name in ("", ".", ".."):
            problems.append(f"{r.source}：证明材料须是 {root} 之内的文件，不能归档" + ("（它指向内容文件夹之外）" if not inside else ""))
    if problems:
        raise ArchiveError("\n".join(problems))


def evidence_records(content, year: int, terms: dict[str, str]) -> list[Record]:
    """Every evidence file a progress report of the year names, once."""
    found: dict[Path, Record] = {}
    for report in content.progress:
        if report.period.year != year:
            continue
        for work in report.indicators:
            for relative in work.evidence:
                path = content.root / relative
                record = found.get(path)
                if record is None:
                    record = found[path] = Record(path, EVIDENCE_KIND, "", report.unit.name,
                                                  evidence_title(report.unit, relative, work.no), report.submitted,
                                                  evidence=True, remark="自拟题名", retention=terms[EVIDENCE_KIND])
                record.indicators = tuple(sorted({*record.indicators, work.no}))
    return list(found.values())


def number_records(records: list[Record]) -> list[Record]:
    """Order by class (permanent first), then date and title; 件号 from 0001 within each class."""
    order = list(RETENTION_CODES)
    records.sort(key=lambda r: (order.index(r.retention), r.date, r.title, str(r.source)))
    counters: dict[str, int] = {}
    for record in records:
        counters[record.retention] = record.piece = counters.get(record.retention, 0) + 1
    return records


# --- pages ---------------------------------------------------------------------------------------

def quick_pages(path: Path) -> int | None:
    """Pages known without LibreOffice: a PDF's (pdfinfo), an image's (one)."""
    from .pdf import page_count
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return page_count(path)
    if suffix in IMAGE_SUFFIXES:
        return 1
    return None


def printed_pages(files: list[Path]) -> dict[Path, int | None]:
    """Pages of Word, text and spreadsheet files as LibreOffice prints them (one soffice call)."""
    from .pdf import PdfUnavailable, convert_as_is, page_count
    if not files:
        return {}
    with tempfile.TemporaryDirectory(prefix="ipdocs-pages-") as tmp:
        try:
            made = convert_as_is(files, Path(tmp))
        except PdfUnavailable:
            return {f: None for f in files}
        return {f: page_count(pdf) for f, pdf in zip(files, made)}


def count_evidence_pages(records: list[Record], known: dict[str, str]) -> list[str]:
    """Fill in every evidence record's pages (known: pages by the file's sha256, from the sealed version);
    returns a warning for each that stays unknown."""
    import hashlib
    for r in records:
        counted = known.get(hashlib.sha256(r.source.read_bytes()).hexdigest(), "")
        r.pages = int(counted) if counted.isdigit() else quick_pages(r.source)
    printable = [r.source for r in records if r.pages is None and r.source.suffix.lower() in PRINTABLE_SUFFIXES]
    counted = printed_pages(printable)
    for r in records:
        if r.pages is None:
            r.pages = counted.get(r.source)
    return [f"警告：{r.source}：读不出页数，归档文件目录中记为“未知”" for r in records if r.pages is None]
