"""PDF/A-2b through headless LibreOffice: one soffice call per batch, an isolated profile, a timeout.

Every PDF made here is a PDF/A-2b copy (fonts embedded, PDF/A identification in its XMP),
so that the same file serves the clerk and the archive. Beside each PDF made from a .docx
a small hidden record (its provenance) names the sha256 of the exact .docx it was made
from and of the PDF itself: a PDF is current only while both still hold.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path

from ..files import remove_inside, write_atomic
from .fonts import fontconfig_file
from .pdfcopy import for_libreoffice

APT_LINE = "apt-get install -y libreoffice-writer-nogui poppler-utils fonts-noto-cjk fonts-arphic-ukai fonts-liberation texlive-lang-chinese"
TIMEOUT_SECONDS = 600
PDF_FORMAT = "PDF/A-2b"
# LibreOffice's PDF export filter with SelectPdfVersion=2: PDF/A-2b (JSON filter options, LibreOffice ≥ 7.4).
EXPORT_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'


class PdfUnavailable(Exception):
    pass


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise PdfUnavailable(f"没有找到 LibreOffice，无法生成 PDF。请安装：{APT_LINE}（Word 或 WPS 可直接打开 .docx 另存为 PDF）")
    return found


def _for_libreoffice(source: Path, target: Path) -> None:
    """The copy LibreOffice draws: Word's 28 × 22 grid kept (see pdfcopy.py)."""
    for_libreoffice(source, target)


def pdf_environment(work: Path) -> dict:
    """The environment soffice runs in: the project's own fontconfig, nothing changed on the system."""
    return {**os.environ, "FONTCONFIG_FILE": str(fontconfig_file(work / "fontconfig")), "SAL_USE_VCLPLUGIN": "svp"}


def convert(docx_files: list[Path], outdir: Path | None = None) -> list[Path]:
    """Convert ipdocs' .docx files to PDF/A-2b with one soffice call; each PDF goes beside its .docx (or into outdir)."""
    return _convert(docx_files, outdir, _for_libreoffice)


def convert_as_is(files: list[Path], outdir: Path) -> list[Path]:
    """Convert other people's files (evidence: Word, text …) to PDF as they are, e.g. to count their pages."""
    return _convert(files, outdir, lambda source, copy: shutil.copyfile(source, copy))


def _convert(files: list[Path], outdir: Path | None, prepare) -> list[Path]:
    program = soffice()
    with tempfile.TemporaryDirectory(prefix="ipdocs-pdf-") as tmp:
        work = Path(tmp)
        (work / "in").mkdir()
        inputs = [work / "in" / f"{n:05d}{Path(source).suffix.lower()}" for n, source in enumerate(files)]
        for source, copy in zip(files, inputs):
            prepare(source, copy)
        _run_soffice(program, work, inputs)
        return [_collect(work / "out" / f"{copy.stem}.pdf", source, outdir) for source, copy in zip(files, inputs)]


def _run_soffice(program: str, work: Path, inputs: list[Path]) -> None:
    command = [program, f"-env:UserInstallation=file://{work / 'profile'}", "--headless", "--norestore",
               "--convert-to", EXPORT_FILTER, "--outdir", str(work / "out"), *map(str, inputs)]
    try:
        subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=True, env=pdf_environment(work))
    except subprocess.TimeoutExpired:
        raise PdfUnavailable(f"LibreOffice 在 {TIMEOUT_SECONDS} 秒内没有完成转换") from None
    except subprocess.CalledProcessError as exc:
        raise PdfUnavailable(f"LibreOffice 转换失败：{exc.stderr.decode('utf-8', 'replace')[-500:]}") from None


def _collect(made: Path, source: Path, outdir: Path | None) -> Path:
    """The PDF moved beside its source (or into outdir); never written outside that folder."""
    if not made.exists():
        raise PdfUnavailable(f"LibreOffice 没有生成 {source.name} 的 PDF")
    folder = outdir or Path(source).parent
    target = folder / f"{Path(source).stem}.pdf"
    write_atomic(target, made.read_bytes(), root=folder)
    return target


# --- provenance: which .docx a PDF was made from ------------------------------------------------

def sha256_of(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def pdf_of(docx: Path) -> Path:
    return Path(docx).with_suffix(".pdf")


def provenance_file(pdf: Path) -> Path:
    """The hidden record beside a PDF: `.name.pdf.json`."""
    return pdf.with_name(f".{pdf.name}.json")


@lru_cache(maxsize=1)
def recipe() -> str:
    """A digest of how PDFs are made: this module (the copy for LibreOffice, the filter), the font configuration."""
    from ..render import layout as L
    from ..settings import TEMPLATES
    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update((TEMPLATES / "fonts.conf.j2").read_bytes())
    digest.update(repr((L.PDF_SUBSTITUTES, L.PDF_FONT_DIRS)).encode("utf-8"))
    return digest.hexdigest()[:16]


def read_provenance(pdf: Path) -> dict | None:
    try:
        data = json.loads(provenance_file(pdf).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def is_current(docx: Path, check_bytes: bool = False) -> bool:
    """The PDF beside docx exists, was made by today's recipe from exactly this .docx, and is unchanged since.

    Quick check by size; check_bytes also compares the PDF's sha256 (the archive does).
    """
    pdf = pdf_of(docx)
    known = read_provenance(pdf)
    if not known or not pdf.is_file() or not Path(docx).is_file():
        return False
    if known.get("recipe") != recipe() or known.get("pdf_bytes") != pdf.stat().st_size:
        return False
    if check_bytes and known.get("pdf_sha256") != sha256_of(pdf):
        return False
    return known.get("source_sha256") == sha256_of(docx)


def make_pdfs(docx_files: list[Path]) -> list[Path]:
    """PDF/A-2b beside each .docx with one soffice call, each with its provenance record."""
    hashes = {Path(d): sha256_of(d) for d in docx_files}
    for docx in hashes:
        remove_inside(docx.parent, [provenance_file(pdf_of(docx))])
    made = convert(list(hashes))
    for (docx, source_sha), pdf in zip(hashes.items(), made):
        record = {"source": docx.name, "source_sha256": source_sha, "recipe": recipe(), "format": PDF_FORMAT,
                  "pdf_sha256": sha256_of(pdf), "pdf_bytes": pdf.stat().st_size, "pages": page_count(pdf)}
        write_atomic(provenance_file(pdf), json.dumps(record, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8"),
                     root=pdf.parent)
    return made


def recorded_pages(docx: Path) -> int | None:
    """The pages of the PDF made from docx, as its provenance record says (no program started)."""
    known = read_provenance(pdf_of(docx)) or {}
    pages = known.get("pages")
    return pages if isinstance(pages, int) and pages > 0 else None


def remove_pdf(docx: Path) -> list[Path]:
    """Delete the PDF made from docx and its provenance record (only inside the .docx's folder); returns them."""
    present = [path for path in (pdf_of(docx), provenance_file(pdf_of(docx))) if os.path.lexists(path)]
    remove_inside(Path(docx).parent, present)
    return present


# --- reading PDFs back (poppler-utils) ---------------------------------------------------------

def _poppler(tool: str, *args: str) -> str:
    if shutil.which(tool) is None:
        raise PdfUnavailable(f"没有 {tool}：apt-get install -y poppler-utils")
    return subprocess.run([tool, *args], capture_output=True, text=True, errors="replace").stdout


_PAGE_SIZE = re.compile(r"^Page\s+\d+\s+size:\s+([\d.]+)\s+x\s+([\d.]+)", re.M)


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    """Width and height in points of each page in page order."""
    out = _poppler("pdfinfo", "-f", "1", "-l", "9999", str(pdf))
    return [(float(w), float(h)) for w, h in _PAGE_SIZE.findall(out)]


def page_count(pdf: Path) -> int | None:
    """Pages of a PDF, or None when it is not there, or pdfinfo is missing or cannot read it."""
    if not Path(pdf).is_file():
        return None
    try:
        out = _poppler("pdfinfo", str(pdf))
    except PdfUnavailable:
        return None
    match = re.search(r"^Pages:\s+(\d+)", out, re.M)
    return int(match.group(1)) if match else None


def producer(pdf: Path) -> str:
    """The program that wrote the PDF, as its document information says (e.g. LibreOffice 7.4)."""
    match = re.search(r"^Producer:\s+(.+)$", _poppler("pdfinfo", str(pdf)), re.M)
    return match.group(1).strip() if match else ""


def pdfa_problems(pdf: Path) -> list[str]:
    """What keeps a PDF from being PDF/A-2b as far as its XMP identification and its fonts tell."""
    meta = _poppler("pdfinfo", "-meta", str(pdf))
    part = re.search(r"<pdfaid:part>\s*(\d+)\s*</pdfaid:part>|pdfaid:part=\"(\d+)\"", meta)
    conformance = re.search(r"<pdfaid:conformance>\s*(\w+)\s*</pdfaid:conformance>|pdfaid:conformance=\"(\w+)\"", meta)
    problems = []
    if not part or (part.group(1) or part.group(2)) != "2" or not conformance or \
            (conformance.group(1) or conformance.group(2)).upper() != "B":
        problems.append(f"{pdf.name}：XMP 中没有 PDF/A-2b 标识（pdfaid:part=2，conformance=B）")
    problems += [f"{pdf.name}：字体 {face} 没有嵌入" for face in unembedded_fonts(pdf)]
    return problems


def unembedded_fonts(pdf: Path) -> list[str]:
    """Fonts the PDF uses without embedding them (pdffonts' emb column)."""
    lines = _poppler("pdffonts", str(pdf)).splitlines()[2:]
    return [line.split()[0] for line in lines if re.search(r"\s(no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", line)]
