"""A year's records as an archive package: DA/T 22 index, per-record metadata, PDF/A copies, BagIt + zip.

Sealed means sealed: an archive version, once written, is never changed. A later run whose
payload differs writes the next version (v2, v3 …) beside it; one whose payload is the same
writes nothing. Every document goes in with a PDF/A-2b copy made from exactly the .docx that
goes in with it (its provenance is checked by sha256, and recorded in the metadata).
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import bagit

from ..documents import Document, render
from ..files import contained, nfc, write_atomic, zip_bytes
from ..model.content import LEAD_BODY
from . import archive_meta as meta
from .archive_records import (EVIDENCE_KIND, RETENTION_CODES, ArchiveError, Record, check_codes, check_evidence,
                              count_evidence_pages,
                              document_records, evidence_records, number_records, quick_pages, retention_terms)
from .archive_versions import Sealed, SealedPdf, check_sealed, next_number, payload_digests, scan, sealed_facts, versions
from .pdf import recorded_pages

__all__ = ["ArchiveError", "INDEX_COLUMNS", "build_archive", "plan", "versions", "RETENTION_CODES", "EVIDENCE_KIND"]

INDEX_COLUMNS = ["件号", "档号", "文号", "责任者", "题名", "日期", "密级", "页数", "保管期限", "备注"]
EVIDENCE_COLUMNS = ["指标序号", "考核要点", "件号", "文件"]


@dataclass
class Plan:
    """What one year's archive holds, before anything is written: the records in index order and the index rows."""
    year: int
    records: list[Record]
    index: list[dict]
    as_of: dt.date
    fonds: str
    class_code: str


def holder(content) -> str:
    """立档单位: the office of the lead body (the joint meeting's office), else the issuer."""
    body = content.bodies.get(LEAD_BODY)
    return f"{body.full_name}办公室" if body else content.organization.issuer


def plan(content, documents: list[Document], year: int, output: Path) -> Plan:
    """The year's records, numbered within their classes; pages where they are known without LibreOffice."""
    org = content.organization
    terms = retention_terms(org.retention)
    records = number_records(document_records(documents, year, output, terms) + evidence_records(content, year, terms))
    for r in records:
        r.pages = quick_pages(r.source) if r.evidence else recorded_pages(r.source)
    as_of = max((r.date for r in records), default=dt.date(year, 12, 31))
    class_code = org.archive_class
    result = Plan(year, records, [], as_of, org.fonds, class_code)
    result.index = [index_row(r, result) for r in records]
    return result


def index_row(r: Record, p: Plan) -> dict:
    return {"件号": f"{r.piece:04d}", "档号": r.reference(p.fonds, p.year, p.class_code), "文号": r.number,
            "责任者": r.author, "题名": r.title, "日期": r.date.strftime("%Y%m%d"), "密级": "",
            "页数": str(r.pages) if r.pages else "未知", "保管期限": r.retention, "备注": r.remark}


# --- PDF/A copies ---------------------------------------------------------------------------------

def pdf_copies(records: list[Record], sealed: dict[str, SealedPdf]) -> dict[Path, SealedPdf]:
    """Each document's PDF/A copy: the sealed one made from the same .docx, else the current one in output/,
    else one made now (one soffice call for all). Stops when LibreOffice would be needed and is missing."""
    from .pdf import PdfUnavailable, is_current, make_pdfs, pdf_of, sha256_of
    docs = [r.source for r in records if not r.evidence]
    source = {d: sha256_of(d) for d in docs}
    copies = {d: sealed[source[d]] for d in docs if source[d] in sealed}
    stale = [d for d in docs if d not in copies and not is_current(d, check_bytes=True)]
    try:
        make_pdfs(stale) if stale else None
    except PdfUnavailable as exc:
        raise ArchiveError(f"归档需要每份公文的 PDF/A 版本，有 {len(stale)} 份还没有与当前 .docx 一致的 PDF"
                           f"（如 {pdf_of(stale[0]).name}），无法生成：{exc}") from None
    for d in docs:
        if d not in copies:
            copies[d] = fresh_copy(pdf_of(d))
    return copies


def fresh_copy(pdf: Path) -> SealedPdf:
    from .pdf import page_count, pdfa_problems, producer
    problems = pdfa_problems(pdf)
    if problems:
        raise ArchiveError("PDF 不是合格的 PDF/A-2b，不能归档：" + "；".join(problems) + "。请删除它后运行 doit pdf 重新生成。")
    pages = page_count(pdf)
    return SealedPdf(pdf.read_bytes(), str(pages) if pages else "未知", producer(pdf))


# --- the package ----------------------------------------------------------------------------------

def pieces(p: Plan, copies: dict[Path, SealedPdf]) -> list[meta.Piece]:
    result = []
    for r, row in zip(p.records, p.index):
        files = [meta.Stored(nfc(r.source.name), r.source.read_bytes(), meta.ORIGINAL, meta.format_of(r.source.name),
                             "报送单位提供" if r.evidence else meta.ipdocs_version())]
        if not r.evidence:
            pdf = copies[r.source]
            files.append(meta.Stored(nfc(r.source.with_suffix(".pdf").name), pdf.data, meta.PRESERVATION, "PDF/A-2b",
                                     pdf.producer, files[0].sha256))
            row["页数"] = pdf.pages
        result.append(meta.Piece(row["档号"], row["件号"], r.retention, r.code, p.class_code, r.title, r.number,
                                 r.author, row["日期"], r.kind, row["页数"], "、".join(map(str, r.indicators)),
                                 r.remark, files))
    return result


def record_files(filed: list[meta.Piece], p: Plan, org_holder: str) -> dict[str, bytes]:
    """文件/<档号>/…: each record's files and its 元数据.xml; then 文件目录.xml over them."""
    files: dict[str, bytes] = {}
    metadata: dict[str, bytes] = {}
    for piece in filed:
        for stored in piece.files:
            files[f"{piece.folder}/{stored.name}"] = stored.data
        path = f"{piece.folder}/{meta.METADATA_NAME}"
        files[path] = metadata[path] = meta.metadata_xml(piece, p.fonds, p.year, org_holder)
    files[meta.CATALOGUE_NAME] = meta.catalogue_xml(filed, metadata, p.fonds, p.year)
    files[meta.SCHEMA_NAME] = meta.schema_bytes()
    return files


def evidence_rows(p: Plan, filed: list[meta.Piece], assessment) -> list[dict]:
    rows = []
    for no, indicator in sorted(assessment.indicators.items()):
        supporting = [(r, f) for r, f in zip(p.records, filed) if no in r.indicators]
        rows.append({"指标序号": str(no), "考核要点": indicator.rule[0],
                     "件号": [f.reference for _, f in supporting],
                     "文件": [f"{f.folder}/{f.files[0].name}" for _, f in supporting]})
    return rows


def csv_bytes(rows: list[dict], columns: list[str]) -> bytes:
    """A table as CSV for Excel (UTF-8 with BOM); a list in a cell is one entry a line (no name can hold a line break)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows([{key: "\n".join(value) if isinstance(value, list) else value for key, value in row.items()}
                      for row in rows])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def table_document(name: str, title: str, columns: list[str], rows: list[dict], widths: str, org, day) -> Document:
    context = {"title": title, "columns": columns, "rows": [[row[c] for c in columns] for row in rows], "widths": widths}
    return Document("archive", name, "目录", "archive_table.md.j2", context, name, title, org.issuer, day)


def index_files(p: Plan, filed: list[meta.Piece], content) -> dict[str, bytes]:
    org = content.organization
    files = {"归档文件目录.csv": csv_bytes(p.index, INDEX_COLUMNS),
             "归档文件目录.docx": render(table_document("归档文件目录", f"{p.year}年度归档文件目录", INDEX_COLUMNS, p.index,
                                                  "7 17 14 16 38 10 5 5 7 8", org, p.as_of))[".docx"]}
    assessment = content.assessments.get(p.year)
    if assessment:
        rows = evidence_rows(p, filed, assessment)
        files["考核指标证明材料索引.csv"] = csv_bytes(rows, EVIDENCE_COLUMNS)
        files["考核指标证明材料索引.docx"] = render(table_document(
            "考核指标证明材料索引", f"{p.year}年度考核指标证明材料索引", EVIDENCE_COLUMNS, rows, "6 50 14 40", org,
            p.as_of))[".docx"]
    return files


def payload(p: Plan, content, sealed: Sealed, warn) -> dict[str, bytes]:
    """Every file of the bag's data/ folder, by its path there."""
    for line in count_evidence_pages([r for r in p.records if r.evidence], sealed.pages):
        warn(line)
    for r, row in zip(p.records, p.index):
        row["页数"] = str(r.pages) if r.pages else "未知"
    filed = pieces(p, pdf_copies(p.records, sealed.pdfs))
    org_holder = holder(content)
    files = {**index_files(p, filed, content), **record_files(filed, p, org_holder)}
    producers = sorted({s.creator for f in filed for s in f.files if s.role == meta.PRESERVATION and s.creator})
    files[meta.README_NAME] = meta.readme_text(org_holder, p.fonds, p.year, p.as_of.isoformat(), filed,
                                               producers).encode("utf-8")
    return files


def digest(files: dict[str, bytes]) -> dict[str, str]:
    return {name: hashlib.sha256(data).hexdigest() for name, data in files.items()}


def bag_info(content, p: Plan, count: int) -> dict[str, str]:
    return {"Source-Organization": holder(content),
            "Organization-Address": f"{content.organization.province}{content.organization.city}",
            "External-Description": f"{p.year}年度知识产权保护工作考核证明材料（{len(p.records)}件，{count}个文件）",
            "External-Identifier": f"{p.fonds}-{p.year}", "Bagging-Date": p.as_of.isoformat(), "Bag-Count": "1 of 1",
            "Record-Count": str(len(p.records))}


def write_bag(folder: Path, files: dict[str, bytes], info: dict[str, str]) -> None:
    for name, data in sorted(files.items()):
        target = contained(folder, folder / name)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    bagit.make_bag(str(folder), bag_info=info, checksums=["sha256", "sha512"])


def zip_folder(folder: Path, target: Path) -> None:
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    parts = [(nfc(f"{folder.name}/{path.relative_to(folder).as_posix()}"), path.read_bytes()) for path in files]
    write_atomic(target, zip_bytes(parts), root=target.parent)


def _warn(line: str) -> None:
    print(line, file=sys.stderr)


def build_archive(content, documents: list[Document], year: int, output: Path, warn=_warn) -> tuple[Path, bool]:
    """Write the year's archive as a new version when its payload changed. Returns (bag folder, written)."""
    folder = output / "档案"
    found, unknown = scan(folder, year)
    for line in unknown:
        warn(line)
    check_sealed(found)
    latest = found[-1] if found else None
    number = next_number(found)
    check_codes(content.organization.fonds, content.organization.archive_class)
    p = plan(content, documents, year, output)
    check_evidence(p.records, content.root)
    files = payload(p, content, sealed_facts(latest), warn)
    if latest and payload_digests(latest) == digest(files):
        return latest.path, False
    bag = folder / f"{year}年度档案_v{number}"
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder, prefix=".staging-") as tmp:
        staging = Path(tmp) / bag.name
        write_bag(staging, files, bag_info(content, p, len(files)))
        zip_folder(staging, bag.with_suffix(".zip"))
        staging.rename(bag)
    return bag, True
