"""The copy of a .docx that LibreOffice makes the PDF from: Word's page, as LibreOffice can draw it.

Word puts 28 characters of 16 pt on a 156 mm line by narrowing its character grid
(docGrid linesAndChars, charSpace < 0). LibreOffice instead gives a 16 pt character
two cells of such a grid (14 to a line), so the copy:
  1. keeps the line grid (22 lines) but drops the character grid;
  2. condenses every character by 0.25 pt (docDefaults w:spacing -5): 28 × 15.75 pt fit
     the 442.2 pt line and 29 do not, so a full line holds 28, as in Word;
  3. sets every indent given in characters to n × 156 mm / 28, the grid's own 1字, as
     Word does under the grid (so an indented line holds 28 − n, as in Word);
  4. reads w:overflowPunct as Word means it (LibreOffice reads it inverted), so no
     punctuation hangs into the margin.
The .docx itself is untouched: what the clerk prints from Word is the document.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from ..render import layout as L
from ..render.blocks import TAIL_BOOKMARK
from ..render.house import style_indents
from ..render.lines import break_text

CONDENSE = -5                                          # twentieths of a point per character
_CHAR_GRID = re.compile(rb'w:type="linesAndChars"')
_INDENT = re.compile(rb"<w:ind\b[^>]*/>")
_IN_CHARS = re.compile(rb'w:(left|right|firstLine|hanging|start|end)Chars="(-?\d+)"')


def _on_grid(match: re.Match) -> bytes:
    tag = match.group(0)
    for side, hundredths in _IN_CHARS.findall(tag):
        twips = round(int(hundredths) / 100 * L.GRID_CHAR)
        tag = re.sub(rb'w:' + side + rb'="-?\d+"', b'w:' + side + b'="' + str(twips).encode() + b'"', tag)
    return tag


def _condensed_defaults(styles: bytes) -> bytes:
    """Every character 0.25 pt narrower: the run defaults say so, after any spacing they had."""
    styles = re.sub(rb'(<w:rPrDefault><w:rPr>.*?)<w:spacing w:val="-?\d+"/>', rb"\1", styles, count=1, flags=re.S)
    return re.sub(rb"(<w:rPrDefault><w:rPr>)", rb'\1<w:spacing w:val="%d"/>' % CONDENSE, styles, count=1)


def transform(name: str, data: bytes) -> bytes:
    """One part of the copy."""
    if name == "word/document.xml":
        data = _CHAR_GRID.sub(b'w:type="lines"', data)
    if name == "word/styles.xml":
        data = _condensed_defaults(data.replace(b'<w:overflowPunct w:val="0"/>', b'<w:overflowPunct w:val="1"/>'))
    if name in ("word/document.xml", "word/styles.xml"):
        data = _INDENT.sub(_on_grid, data)
    return data


def for_libreoffice(source: Path, target: Path) -> None:
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        styles = src.read("word/styles.xml")
        for name in src.namelist():
            data = src.read(name)
            if name == "word/document.xml":
                data = split_body_tail(data, styles)
            dst.writestr(name, transform(name, data))


# -- the body's last paragraph: its last two lines go with the closing lines, as in Word -------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"


def split_body_tail(document: bytes, styles: bytes) -> bytes:
    """Split the paragraph the writer marked so that only its last two lines keep with the closing lines.

    Word keeps just the last lines of a keep-with-next paragraph with what follows; LibreOffice
    moves the whole paragraph, which can leave most of a page empty. The first part keeps its
    lines justified to the end (distribute: the split falls at a line end of the grid).
    """
    from lxml import etree
    root = etree.fromstring(document)
    mark = next((b for b in root.iter(f"{W}bookmarkStart") if b.get(f"{W}name") == TAIL_BOOKMARK), None)
    paragraph = mark.getparent() if mark is not None else None
    if paragraph is None:
        return document
    first, rest = _room(paragraph, etree.fromstring(styles))
    runs = [r for r in paragraph.findall(f"{W}r")]
    text = "".join(t.text or "" for r in runs for t in r.findall(f"{W}t"))
    lines = break_text(text, first, rest)
    if len(lines) < 3:
        return document
    head = _part(paragraph, len(text) - len(lines[-1]) - len(lines[-2]), before=True)
    paragraph.addprevious(head)
    _trim(paragraph, len(text) - len(lines[-1]) - len(lines[-2]))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _room(paragraph, styles) -> tuple[float, float]:
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    style_id = style.get(f"{W}val") if style is not None else None
    if style_id is None:
        default = styles.find(f"{W}style[@{W}default='1'][@{W}type='paragraph']")
        style_id = default.get(f"{W}styleId") if default is not None else None
    left, first_line = style_indents(styles, {"p": style_id})["p"]
    return L.CHARS_PER_LINE - left - first_line, L.CHARS_PER_LINE - left


def _part(paragraph, cut: int, before: bool):
    """A copy of the paragraph holding its text up to `cut`, justified to its last line, no longer kept with next."""
    from copy import deepcopy
    head = deepcopy(paragraph)
    ppr = head.find(f"{W}pPr")
    for old in ppr.findall(f"{W}keepNext") + ppr.findall(f"{W}jc"):
        ppr.remove(old)
    jc = ppr.makeelement(f"{W}jc", {f"{W}val": "distribute"})
    ppr.append(jc)
    for bookmark in head.findall(f"{W}bookmarkStart") + head.findall(f"{W}bookmarkEnd"):
        head.remove(bookmark)
    _keep_text(head, 0, cut)
    return head


def _trim(paragraph, cut: int) -> None:
    """The paragraph keeps its text from `cut` on, as a continuation: no first-line indent."""
    ppr = paragraph.find(f"{W}pPr")
    for old in ppr.findall(f"{W}ind"):
        ppr.remove(old)
    ppr.append(ppr.makeelement(f"{W}ind", {f"{W}firstLine": "0", f"{W}firstLineChars": "0"}))
    _keep_text(paragraph, cut, None)


def _keep_text(paragraph, start: int, end: int | None) -> None:
    offset = 0
    for run in paragraph.findall(f"{W}r"):
        for t in run.findall(f"{W}t"):
            text = t.text or ""
            lo, hi = max(start - offset, 0), len(text) if end is None else min(end - offset, len(text))
            t.text = text[lo:hi] if hi > lo else ""
            offset += len(text)
        if not "".join(t.text or "" for t in run.findall(f"{W}t")) and run.find(f"{W}t") is not None:
            paragraph.remove(run)
