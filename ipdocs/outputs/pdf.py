"""PDF through headless LibreOffice: one soffice call per batch, an isolated profile, a timeout."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from .fonts import fontconfig_file

APT_LINE = "apt-get install -y libreoffice-writer-nogui fonts-noto-cjk"
TIMEOUT_SECONDS = 600
_CHAR_GRID = re.compile(rb'w:type="linesAndChars"')


class PdfUnavailable(Exception):
    pass


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise PdfUnavailable(f"没有找到 LibreOffice，无法生成 PDF。请安装：{APT_LINE}（Word 或 WPS 可直接打开 .docx 另存为 PDF）")
    return found


def _for_libreoffice(source: Path, target: Path) -> None:
    """Copy a .docx with a line grid only, for LibreOffice.

    Word fits 28 characters of 16 pt on a line by narrowing the character grid
    (charSpace < 0). LibreOffice instead gives a character wider than its cell
    two cells (14 to a line), and with cells of 16 pt hangs line-end punctuation
    into the margin. Without the character grid it sets 27 to a line, inside
    the type area. The line grid (22 lines) stays as it is.

    LibreOffice also reads w:overflowPunct the other way round from Word
    (val="0" turns hanging punctuation on), so the copy says val="1" to keep
    line-end punctuation inside the type area as the .docx asks of Word.
    """
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            data = src.read(name)
            if name == "word/document.xml":
                data = _CHAR_GRID.sub(b'w:type="lines"', data)
            if name == "word/styles.xml":
                data = data.replace(b'<w:overflowPunct w:val="0"/>', b'<w:overflowPunct w:val="1"/>')
            dst.writestr(name, data)


def pdf_environment(work: Path) -> dict:
    """The environment soffice runs in: the project's own fontconfig, nothing changed on the system."""
    return {**os.environ, "FONTCONFIG_FILE": str(fontconfig_file(work / "fontconfig")), "SAL_USE_VCLPLUGIN": "svp"}


def convert(docx_files: list[Path], outdir: Path | None = None) -> list[Path]:
    """Convert .docx files to PDFs with one soffice call; each PDF goes beside its .docx (or into outdir)."""
    program = soffice()
    with tempfile.TemporaryDirectory(prefix="ipdocs-pdf-") as tmp:
        work = Path(tmp)
        (work / "in").mkdir()
        inputs = [work / "in" / f"{n:05d}.docx" for n in range(len(docx_files))]
        for source, copy in zip(docx_files, inputs):
            _for_libreoffice(source, copy)
        command = [program, f"-env:UserInstallation=file://{work / 'profile'}", "--headless", "--norestore",
                   "--convert-to", "pdf", "--outdir", str(work / "out"), *map(str, inputs)]
        try:
            subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=True, env=pdf_environment(work))
        except subprocess.TimeoutExpired:
            raise PdfUnavailable(f"LibreOffice 在 {TIMEOUT_SECONDS} 秒内没有完成转换") from None
        except subprocess.CalledProcessError as exc:
            raise PdfUnavailable(f"LibreOffice 转换失败：{exc.stderr.decode('utf-8', 'replace')[-500:]}") from None
        return [_collect(work / "out" / f"{copy.stem}.pdf", source, outdir) for source, copy in zip(docx_files, inputs)]


def _collect(made: Path, source: Path, outdir: Path | None) -> Path:
    if not made.exists():
        raise PdfUnavailable(f"LibreOffice 没有生成 {source.name} 的 PDF")
    target = (outdir or source.parent) / f"{source.stem}.pdf"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(made), target)
    return target


_PAGE_SIZE = re.compile(r"^Page\s+\d+\s+size:\s+([\d.]+)\s+x\s+([\d.]+)", re.M)


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    """Width and height in points of each page in page order (pdfinfo, from poppler-utils)."""
    if shutil.which("pdfinfo") is None:
        raise PdfUnavailable("没有 pdfinfo：apt-get install -y poppler-utils")
    out = subprocess.run(["pdfinfo", "-f", "1", "-l", "9999", str(pdf)], capture_output=True, text=True, check=True).stdout
    return [(float(w), float(h)) for w, h in _PAGE_SIZE.findall(out)]
