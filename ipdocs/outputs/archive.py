"""A year's records as assessment evidence: DA/T 22 index, indicator map, BagIt package, verification.

Sealed means sealed: an archive version, once written, is never changed. A
later run whose payload differs writes the next version (v2, v3 …) beside it;
one whose payload is the same writes nothing.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import bagit

from ..documents import Document, families, render
from ..files import nfc, write_atomic, zip_bytes
from ..model.content import LEAD_BODY

EVIDENCE_KIND = "证明材料"
EVIDENCE_RETENTION = "定期10年"
RETENTION_CODES = {"永久": "Y", "定期30年": "D30", "定期10年": "D10"}
INDEX_COLUMNS = ["件号", "档号", "文号", "责任者", "题名", "日期", "密级", "页数", "保管期限", "备注"]


@dataclass
class Record:
    """One 件: a document (its .docx and, where built, its PDF) or one evidence file."""
    files: list[Path]
    kind: str
    number: str
    author: str
    title: str
    date: dt.date
    indicators: tuple[int, ...] = ()
    remark: str = ""
    piece: int = 0
    archived: list[str] = field(default_factory=list)   # paths inside the bag's data/

    def pages(self) -> int | None:
        pdf = next((f for f in self.files if f.suffix == ".pdf"), None)
        return pdf_pages(pdf) if pdf else None


def pdf_pages(pdf: Path) -> int | None:
    if shutil.which("pdfinfo") is None:
        return None
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    match = re.search(r"^Pages:\s+(\d+)", out, re.M)
    return int(match.group(1)) if match else None


def document_records(documents: list[Document], year: int, output: Path) -> list[Record]:
    archived = {f.group for f in families() if f.archived}
    records = []
    for doc in documents:
        if doc.filing_year != year or doc.group not in archived:
            continue
        docx = doc.targets(output)[".docx"]
        files = [docx] + [p for p in [docx.with_suffix(".pdf")] if p.exists()]
        records.append(Record(files, doc.kind, doc.number, doc.author, doc.title, doc.date, doc.indicators))
    return records


def evidence_records(content, year: int) -> list[Record]:
    """Every evidence file a progress report of the year names, once, titled by the archivist in [ ]."""
    found: dict[Path, Record] = {}
    for report in content.progress:
        if report.period.year != year:
            continue
        for work in report.indicators:
            for relative in work.evidence:
                path = content.root / relative
                record = found.get(path)
                if record is None:
                    title = f"[{report.unit.label}{Path(relative).stem}（指标{work.no}证明材料）]"
                    record = found[path] = Record([path], EVIDENCE_KIND, "", report.unit.name, title, report.submitted,
                                                  remark="自拟题名")
                record.indicators = tuple(sorted({*record.indicators, work.no}))
    return list(found.values())


def default_retention() -> dict[str, str]:
    """保管期限 by document kind, as the families declare them; evidence is kept ten years."""
    terms = {EVIDENCE_KIND: EVIDENCE_RETENTION}
    for fam in families():
        terms.update(fam.retention)
    return terms


def retention_of(record: Record, configured: dict) -> str:
    return configured.get(record.kind) or default_retention().get(record.kind, EVIDENCE_RETENTION)


def number_records(records: list[Record], configured: dict) -> list[Record]:
    """件号 run 1, 2, 3 … over the year, permanent records first, then by date and title."""
    order = list(RETENTION_CODES)
    records.sort(key=lambda r: (order.index(retention_of(r, configured)), r.date, r.title))
    for piece, record in enumerate(records, start=1):
        record.piece = piece
    return records


def index_rows(records: list[Record], fonds: str, year: int, configured: dict) -> list[dict]:
    rows = []
    for r in records:
        retention = retention_of(r, configured)
        pages = r.pages()
        rows.append({"件号": f"{r.piece:04d}", "档号": f"{fonds}-{year}-{RETENTION_CODES[retention]}-{r.piece:04d}",
                     "文号": r.number, "责任者": r.author, "题名": r.title, "日期": r.date.strftime("%Y%m%d"),
                     "密级": "", "页数": str(pages) if pages else "未知", "保管期限": retention,
                     "备注": r.remark})
    return rows


def evidence_rows(records: list[Record], assessment) -> list[dict]:
    rows = []
    for no, indicator in sorted(assessment.indicators.items()):
        supporting = [r for r in records if no in r.indicators]
        rows.append({"指标序号": str(no), "考核要点": indicator.rule[0],
                     "件号": "、".join(f"{r.piece:04d}" for r in supporting),
                     "文件": "；".join(name for r in supporting for name in r.archived)})
    return rows


def csv_bytes(rows: list[dict], columns: list[str]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def table_document(name: str, title: str, columns: list[str], rows: list[dict], widths: str, org, day) -> Document:
    context = {"title": title, "columns": columns, "rows": [[row[c] for c in columns] for row in rows], "widths": widths}
    return Document("archive", name, "目录", "archive_table.md.j2", context, name, title, org.issuer, day)


@dataclass
class Plan:
    """What one year's archive holds, before anything is written."""
    year: int
    records: list[Record]
    index: list[dict]
    evidence: list[dict]
    as_of: dt.date


def plan(content, documents: list[Document], year: int, output: Path) -> Plan:
    configured = content.organization.retention
    records = document_records(documents, year, output) + evidence_records(content, year)
    number_records(records, configured)
    for r in records:
        r.archived = [nfc(f"文件/{r.piece:04d}_{f.name}") for f in r.files]
    as_of = max((r.date for r in records), default=dt.date(year, 12, 31))
    index = index_rows(records, content.organization.fonds, year, configured)
    assessment = content.assessments.get(year)
    evidence = evidence_rows(records, assessment) if assessment else []
    return Plan(year, records, index, evidence, as_of)


def payload(plan_: Plan, content) -> dict[str, bytes]:
    """Every file of the bag's data/ folder, by its path there."""
    org = content.organization
    files = {name: path.read_bytes() for r in plan_.records for name, path in zip(r.archived, r.files)}
    index_title = f"{plan_.year}年度归档文件目录"
    files["归档文件目录.csv"] = csv_bytes(plan_.index, INDEX_COLUMNS)
    files["归档文件目录.docx"] = render(table_document("归档文件目录", index_title, INDEX_COLUMNS, plan_.index,
                                                 "7 17 14 16 38 10 5 5 7 8", org, plan_.as_of))[".docx"]
    if plan_.evidence:
        columns = ["指标序号", "考核要点", "件号", "文件"]
        files["考核指标证明材料索引.csv"] = csv_bytes(plan_.evidence, columns)
        files["考核指标证明材料索引.docx"] = render(table_document(
            "考核指标证明材料索引", f"{plan_.year}年度考核指标证明材料索引", columns, plan_.evidence,
            "6 50 14 40", org, plan_.as_of))[".docx"]
    return files


def digest(files: dict[str, bytes]) -> dict[str, str]:
    return {name: hashlib.sha256(data).hexdigest() for name, data in files.items()}


def versions(folder: Path, year: int) -> list[Path]:
    found = [p for p in folder.glob(f"{year}年度档案_v*") if p.is_dir()]
    return sorted(found, key=lambda p: int(p.name.rsplit("_v", 1)[1]))


def manifest_of(bag: Path) -> dict[str, str]:
    lines = (bag / "manifest-sha256.txt").read_text(encoding="utf-8").splitlines()
    pairs = (line.split(None, 1) for line in lines if line.strip())
    return {nfc(path.removeprefix("data/")): value for value, path in pairs}


def bag_info(content, plan_: Plan, count: int) -> dict[str, str]:
    body = content.bodies.get(LEAD_BODY)
    return {"Source-Organization": f"{body.full_name}办公室" if body else content.organization.issuer,
            "Organization-Address": f"{content.organization.province}{content.organization.city}",
            "External-Description": f"{plan_.year}年度知识产权保护工作考核证明材料（{len(plan_.records)}件，{count}个文件）",
            "External-Identifier": f"{content.organization.fonds}-{plan_.year}",
            "Bagging-Date": plan_.as_of.isoformat(), "Bag-Count": "1 of 1",
            "Record-Count": str(len(plan_.records))}


def write_bag(folder: Path, files: dict[str, bytes], info: dict[str, str]) -> None:
    for name, data in sorted(files.items()):
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    bagit.make_bag(str(folder), bag_info=info, checksums=["sha256", "sha512"])


def zip_folder(folder: Path, target: Path) -> None:
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    parts = [(nfc(f"{folder.name}/{path.relative_to(folder).as_posix()}"), path.read_bytes()) for path in files]
    write_atomic(target, zip_bytes(parts))


def build_archive(content, documents: list[Document], year: int, output: Path) -> tuple[Path, bool]:
    """Write the year's archive as a new version when its payload changed. Returns (bag folder, written)."""
    folder = output / "档案"
    plan_ = plan(content, documents, year, output)
    files = payload(plan_, content)
    existing = versions(folder, year)
    if existing and manifest_of(existing[-1]) == digest(files):
        return existing[-1], False
    number = int(existing[-1].name.rsplit("_v", 1)[1]) + 1 if existing else 1
    bag = folder / f"{year}年度档案_v{number}"
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder, prefix=".staging-") as tmp:
        staging = Path(tmp) / bag.name
        write_bag(staging, files, bag_info(content, plan_, len(files)))
        zip_folder(staging, bag.with_suffix(".zip"))
        staging.rename(bag)
    return bag, True
