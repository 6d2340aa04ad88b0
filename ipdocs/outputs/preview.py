"""PNG previews of page 1 of each document type and of the main site pages, for people to look at."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..documents import Document, family

SITE_PAGES = ("index.html", "ledger.html", "roster.html", "assessment.html")
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars", "--window-size=1100,1400")


def one_of_each(documents: list[Document]) -> list[Document]:
    """The first document made from each template: one of every type (a request and a notice, a unit's and the office's report)."""
    chosen: dict[str, Document] = {}
    for doc in documents:
        chosen.setdefault(doc.template, doc)
    return list(chosen.values())


def preview_name(doc) -> str:
    """The PNG's name: the family's Chinese name and the template (a family may have two, as 成员调整 does)."""
    return f"{family(doc.group).name}_{Path(doc.template).name.split('.')[0]}"


def document_preview(doc: Document, output: Path, folder: Path) -> Path:
    pdf = doc.targets(output)[".docx"].with_suffix(".pdf")
    target = folder / preview_name(doc)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(target)],
                   check=True, capture_output=True)
    return target.with_suffix(".png")


def site_preview(page: str, output: Path, folder: Path) -> Path:
    target = folder / f"网站_{Path(page).stem}.png"
    with tempfile.TemporaryDirectory(prefix="ipdocs-chromium-") as profile:
        subprocess.run([shutil.which("chromium") or "chromium", *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
                        f"--screenshot={target}", (output / "site" / page).resolve().as_uri()],
                       check=True, capture_output=True, timeout=120)
    return target


def missing_tools() -> list[str]:
    needs = {"pdftoppm": "poppler-utils", "chromium": "chromium"}
    return [package for tool, package in needs.items() if shutil.which(tool) is None]


def make_previews(documents: list[Document], output: Path) -> list[Path]:
    folder = output / "preview"
    folder.mkdir(parents=True, exist_ok=True)
    made = [document_preview(doc, output, folder) for doc in one_of_each(documents)]
    return made + [site_preview(page, output, folder) for page in SITE_PAGES]
