"""Golden texts, and the GB/T 9704 page checks on every document the shipped content makes."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from support import NS, W, Docx

GOLDEN = Path(__file__).parents[1] / "golden"
GOLDEN_DOCS = {
    "minutes:2022-12-15-joint-1": "minutes-2022-12-15-joint-1.txt",
    "changes:2023-02-20-区文旅局-request": "change-request-2023-02-20.txt",
    "changes:2023-02-20-区文旅局-notice": "change-notice-2023-3.txt",
    "progress:2022-Q4": "progress-2022-Q4.txt",
}
WITHOUT_RED_HEADER = {"roster:current"}
FORMS = ("signin:",)          # sign-in sheets: a title and a table, no red header
LETTERS = {"changes:2023-02-20-区文旅局-request", "changes:2023-05-08-区公安局-request"}   # mark in the first-page header


@pytest.mark.parametrize("key", sorted(GOLDEN_DOCS))
def test_document_text_matches_its_golden_file(shipped, key):
    """Set IPDOCS_UPDATE_GOLDEN=1 to rewrite the golden file after an intended change, then review the diff."""
    text = "\n".join(Docx(shipped[key]).texts()) + "\n"
    golden = GOLDEN / GOLDEN_DOCS[key]
    if os.environ.get("IPDOCS_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_every_document_has_the_official_page_and_fonts(shipped):
    assert len(shipped) >= 6
    for key, path in shipped.items():
        doc = Docx(path)
        first = doc.sections()[0]
        margins = first.find("w:pgMar", NS)
        assert first.find("w:pgSz", NS).get(f"{W}w") == "11906", key
        assert [margins.get(f"{W}{k}") for k in ("top", "bottom", "left", "right")] == ["2098", "1984", "1588", "1474"], key
        assert doc.style_font("Normal") == "仿宋_GB2312" and doc.style_size("Normal") == 32, key
        assert doc.xml("word/settings.xml").find("w:evenAndOddHeaders", NS) is not None, key
        assert bool(doc.paragraph("Mark")) == (key not in WITHOUT_RED_HEADER | LETTERS and not key.startswith(FORMS)), key
        assert ("word/header1.xml" in doc.parts) == (key in LETTERS), key
        assert doc.parts["docProps/core.xml"].count(b"T00:00:00Z") == 2, key
