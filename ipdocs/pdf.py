"""PDF through headless LibreOffice: one soffice call per batch, an isolated profile, a timeout."""
from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

APT_LINE = "apt-get install -y libreoffice-writer-nogui fonts-noto-cjk"
TIMEOUT_SECONDS = 600
_CHAR_SPACE = re.compile(rb'w:charSpace="-?\d+"')


class PdfUnavailable(Exception):
    pass


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise PdfUnavailable(f"没有找到 LibreOffice，无法生成 PDF。请安装：{APT_LINE}（Word 或 WPS 可直接打开 .docx 另存为 PDF）")
    return found


def _for_libreoffice(source: Path, target: Path) -> None:
    """Copy a .docx with the character grid pitch set to the font size.

    Word fits 28 characters of 16 pt on a line by narrowing the grid
    (charSpace < 0); LibreOffice instead gives a character wider than the grid
    two cells, and prints 14 to a line. The line grid stays as it is.
    """
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            data = src.read(name)
            if name == "word/document.xml":
                data = _CHAR_SPACE.sub(b'w:charSpace="0"', data)
            dst.writestr(name, data)


def convert(docx_files: list[Path], outdir: Path) -> list[Path]:
    """Convert .docx files to PDFs in outdir (same stems); returns the PDF paths."""
    program = soffice()
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ipdocs-pdf-") as tmp:
        work = Path(tmp)
        inputs = []
        for source in docx_files:
            copy = work / "in" / source.name
            copy.parent.mkdir(exist_ok=True)
            _for_libreoffice(source, copy)
            inputs.append(copy)
        command = [program, f"-env:UserInstallation=file://{work / 'profile'}", "--headless", "--norestore",
                   "--convert-to", "pdf", "--outdir", str(work / "out"), *map(str, inputs)]
        try:
            subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=True)
        except subprocess.TimeoutExpired:
            raise PdfUnavailable(f"LibreOffice 在 {TIMEOUT_SECONDS} 秒内没有完成转换") from None
        except subprocess.CalledProcessError as exc:
            raise PdfUnavailable(f"LibreOffice 转换失败：{exc.stderr.decode('utf-8', 'replace')[-500:]}") from None
        results = []
        for source in docx_files:
            made = work / "out" / f"{source.stem}.pdf"
            if not made.exists():
                raise PdfUnavailable(f"LibreOffice 没有生成 {source.name} 的 PDF")
            target = outdir / made.name
            shutil.move(str(made), target)
            results.append(target)
        return results


_PAGE_SIZE = re.compile(r"^Page\s+\d+\s+size:\s+([\d.]+)\s+x\s+([\d.]+)", re.M)


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    """Width and height in points of each page in page order (pdfinfo, from poppler-utils)."""
    if shutil.which("pdfinfo") is None:
        raise PdfUnavailable("没有 pdfinfo：apt-get install -y poppler-utils")
    out = subprocess.run(["pdfinfo", "-f", "1", "-l", "9999", str(pdf)], capture_output=True, text=True, check=True).stdout
    return [(float(w), float(h)) for w, h in _PAGE_SIZE.findall(out)]
