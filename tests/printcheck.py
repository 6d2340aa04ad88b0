"""Print check (issue 11): how an ipdocs PDF sits on its pages, and the rules a printed 公文 keeps.

read_layout(pdf) reads every page: its words (poppler's `pdftotext -bbox`) regrouped into visual lines,
its drawn rules (`pdftocairo -svg`: LibreOffice draws table borders and paragraph rules as stroked paths),
and its tables (the grid those rules make). Everything is in type-area coordinates: x from the left edge
of the 156 × 225 mm 版心, y from its top, in points; a landscape page keeps the area, turned. The page
number (below the 版心) is kept apart.

check(pdf, ...) runs the rules on one document and returns Findings: per rule the violations, each with
its page and line. Each rule is one function below, rule(layout, ...) → [Violation]; the names are the
keys of RULES, whose value is the number of the rule in issue 11's "What to build".
"""
from __future__ import annotations

import re
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

MM = 72 / 25.4
AREA_WIDTH, AREA_HEIGHT = 156 * MM, 225 * MM            # the 版心, in points
PORTRAIT_ORIGIN = (28 * MM, 37 * MM)                      # its top-left corner: 订口 28 mm, 天头 37 mm
LANDSCAPE_ORIGIN = (37 * MM, 28 * MM)                     # turned: the binding edge is at the top
LINE = AREA_HEIGHT / 22                                   # one grid line, 28.95 pt
CHAR = 16.0                                               # 1字 of 3号
IMPRINT_CHAR = 14.0                                       # 1字 of 4号, the 版记's size
SLACK = 2.0                                               # pt: glyph boxes, rule widths, rounding
TITLE_HEIGHTS = (25.0, 31.0)                              # glyph box of 2号 (22 pt) text: 28.6 pt
BODY_HEIGHT_MAX = 23.0                                    # glyph box of 3号 (16 pt) text: 20.8 pt
XHTML = "{http://www.w3.org/1999/xhtml}"
SVG = "{http://www.w3.org/2000/svg}"

RULES = {
    "imprint": 1, "closing_only": 2, "split_names": 3, "roster_wraps": 3, "page_fill": 4, "title_breaks": 5,
    "file_ids": 6, "fixed_tokens": 7, "section_rows": 7, "header_rows": 7, "rows_per_page": 7, "page_count": 7,
    "list_markers": 8, "lone_characters": 9, "turned_page_numbers": 1,
}
IMPRINT_KINDS = ("通知", "会议通知", "纪要")      # document kinds that must carry a 版记


# --- the layout -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Word:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


@dataclass
class Line:
    """One visual line: words on one baseline, in one table cell, less than 2字 apart."""
    words: list[Word]
    cell: tuple | None = None          # (left, right, top, bottom) of its table cell; None in running text

    x0 = property(lambda self: min(w.x0 for w in self.words))
    x1 = property(lambda self: max(w.x1 for w in self.words))
    y0 = property(lambda self: min(w.y0 for w in self.words))
    y1 = property(lambda self: max(w.y1 for w in self.words))
    height = property(lambda self: self.y1 - self.y0)

    @property
    def text(self) -> str:
        """The words as printed, a space where the gap between two words is wider than a third of 1字."""
        out = self.words[0].text
        for left, right in zip(self.words, self.words[1:]):
            out += (" " if right.x0 - left.x1 > CHAR / 3 else "") + right.text
        return out

    @property
    def compact(self) -> str:
        return compact(self.text)

    def __repr__(self) -> str:
        return f"Line({self.text!r} at {self.x0:.0f},{self.y0:.0f})"


@dataclass(frozen=True)
class Rule:
    """A horizontal rule: its height on the page, its extent, stroke width (pt), and whether it is red."""
    y: float
    x0: float
    x1: float
    width: float
    red: bool


@dataclass(frozen=True)
class Column:
    """A vertical rule: a table's outer or inner border."""
    x: float
    y0: float
    y1: float


@dataclass
class Table:
    """Where a table stands on a page: its outer box, its full-width rules (the row boundaries; rows merged
    down several rows count as one band), and whether it continues a table from the page before."""
    left: float
    right: float
    top: float
    bottom: float
    bands: list[tuple[float, float]]
    continued: bool = False

    def band_lines(self, lines: list[Line], index: int) -> list[Line]:
        top, bottom = self.bands[index]
        return [line for line in lines if line.cell and self.left - SLACK <= center_x(line) <= self.right + SLACK
                and top - SLACK <= center_y(line) <= bottom + SLACK]


@dataclass
class Page:
    number: int
    landscape: bool
    lines: list[Line]                  # inside the 版心, in reading order (running text; table cells by cell)
    footer: list[Line]                 # below it: the page number
    rules: list[Rule] = field(default_factory=list)
    columns: list[Column] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)

    @property
    def width(self) -> float:
        """The 版心's width on this page (225 mm on a landscape page)."""
        return AREA_HEIGHT if self.landscape else AREA_WIDTH

    @property
    def height(self) -> float:
        return AREA_WIDTH if self.landscape else AREA_HEIGHT

    @property
    def blank(self) -> bool:
        return not self.lines

    @property
    def page_number(self) -> str:
        return "".join(line.compact for line in self.footer)

    def running(self) -> list[Line]:
        """Lines of running text (outside tables), top to bottom."""
        return [line for line in self.lines if line.cell is None]

    def flows(self) -> list[list[Line]]:
        """The page's text as separate flows: its running text, and each table cell's lines."""
        cells: dict[tuple, list[Line]] = {}
        for line in self.lines:
            if line.cell is not None:
                cells.setdefault(line.cell, []).append(line)
        return [self.running(), *cells.values()]

    def bottom(self) -> float | None:
        """Where the page's content ends: its lowest line or table rule."""
        ends = [line.y1 for line in self.lines] + [r.y for r in self.rules if r.y <= self.height + SLACK]
        return max(ends, default=None)


@dataclass
class Layout:
    path: Path
    pages: list[Page]

    def successions(self) -> list[tuple[Page, Line, Line]]:
        """Every pair of lines where the second continues the first: within a page's running text or a
        table cell, and from the last running line of a page to the first of the next."""
        pairs = [(page, a, b) for page in self.pages for a, b in successions(page)]
        for page, after in zip(self.pages, self.pages[1:]):
            last, first = page.running()[-1:], after.running()[:1]
            if last and first and (not page.tables or last[0].y1 > page.tables[-1].bottom):
                pairs.append((page, last[0], first[0]))
        return pairs


# --- reading a PDF ------------------------------------------------------------------------------

def read_layout(pdf: Path) -> Layout:
    """Text positions and drawn rules of every page, in type-area coordinates."""
    pdf = Path(pdf)
    text = read_words(pdf)
    drawings = read_drawings(pdf, len(text))
    pages = []
    for number, ((width, height, words), (rules, columns)) in enumerate(zip(text, drawings), start=1):
        landscape = width > height
        dx, dy = LANDSCAPE_ORIGIN if landscape else PORTRAIT_ORIGIN
        words = [Word(w.x0 - dx, w.y0 - dy, w.x1 - dx, w.y1 - dy, w.text) for w in words]
        rules = [Rule(r.y - dy, r.x0 - dx, r.x1 - dx, r.width, r.red) for r in rules]
        columns = [Column(c.x - dx, c.y0 - dy, c.y1 - dy) for c in columns]
        pages.append(make_page(number, landscape, words, rules, columns))
    mark_continued_tables(pages)
    return Layout(pdf, pages)


def read_words(pdf: Path) -> list[tuple[float, float, list[Word]]]:
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    root = ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", out))
    pages = []
    for page in root.iter(XHTML + "page"):
        words = [Word(*(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")), w.text or "")
                 for w in page.iter(XHTML + "word")]
        pages.append((float(page.get("width")), float(page.get("height")), words))
    return pages


_MATRIX = re.compile(r"matrix\(([^)]*)\)")
_SEGMENT = re.compile(r"M\s*([-\d.]+)[ ,]+([-\d.]+)\s*L\s*([-\d.]+)[ ,]+([-\d.]+)")
_STROKE = re.compile(r"stroke:rgb\(([\d.]+)%,([\d.]+)%,([\d.]+)%\)")
_STROKE_WIDTH = re.compile(r"stroke-width:([\d.]+)")


def read_drawings(pdf: Path, pages: int) -> list[tuple[list[Rule], list[Column]]]:
    """Stroked straight lines of every page, in PDF points from the page's top-left corner. One pdftocairo
    call a page: poppler 22.12 drops some paths of later pages when it writes one SVG of many pages."""
    found = []
    for number in range(1, pages + 1):
        svg = subprocess.run(["pdftocairo", "-svg", "-f", str(number), "-l", str(number), str(pdf), "-"],
                             capture_output=True, check=True).stdout
        found.append(page_drawings(ET.fromstring(svg)))
    return found


def page_drawings(page) -> tuple[list[Rule], list[Column]]:
    rules, columns = [], []
    for path in page.iter(SVG + "path"):
        style = path.get("style") or ""
        if "stroke:none" in style or "stroke:" not in style:
            continue
        a, b, c, d, e, f = _transform(path.get("transform") or "")
        width = float((_STROKE_WIDTH.search(style) or [0, 1])[1]) * abs(d)
        for x0, y0, x1, y1 in (map(float, m) for m in _SEGMENT.findall(path.get("d") or "")):
            X0, Y0, X1, Y1 = a * x0 + c * y0 + e, b * x0 + d * y0 + f, a * x1 + c * y1 + e, b * x1 + d * y1 + f
            if abs(Y0 - Y1) < 0.5 and abs(X1 - X0) > 20:
                rules.append(Rule(round(Y0, 2), round(min(X0, X1), 2), round(max(X0, X1), 2), round(width, 2),
                                  _is_red(style)))
            elif abs(X0 - X1) < 0.5 and abs(Y1 - Y0) > 5:
                columns.append(Column(round(X0, 2), round(min(Y0, Y1), 2), round(max(Y0, Y1), 2)))
    return merge_rules(rules), merge_columns(columns)


def _transform(text: str) -> tuple[float, ...]:
    found = _MATRIX.search(text)
    return tuple(map(float, found.group(1).replace(",", " ").split())) if found else (1, 0, 0, 1, 0, 0)


def _is_red(style: str) -> bool:
    found = _STROKE.search(style)
    return bool(found) and float(found[1]) > 50 and float(found[2]) < 30 and float(found[3]) < 30


def merge_rules(rules: list[Rule]) -> list[Rule]:
    """One rule for collinear pieces that touch (LibreOffice may draw a border cell by cell, or twice)."""
    merged: list[Rule] = []
    for r in sorted(set(rules), key=lambda r: (round(r.y), r.x0)):
        last = merged[-1] if merged else None
        if last and abs(last.y - r.y) < 0.5 and r.x0 <= last.x1 + 1.5 and last.red == r.red:
            merged[-1] = Rule(last.y, last.x0, max(last.x1, r.x1), max(last.width, r.width), r.red)
        else:
            merged.append(r)
    return sorted(merged, key=lambda r: r.y)


def merge_columns(columns: list[Column]) -> list[Column]:
    merged: list[Column] = []
    for c in sorted(set(columns), key=lambda c: (round(c.x), c.y0)):
        last = merged[-1] if merged else None
        if last and abs(last.x - c.x) < 0.5 and c.y0 <= last.y1 + 1.5:
            merged[-1] = Column(last.x, last.y0, max(last.y1, c.y1))
        else:
            merged.append(c)
    return merged


# --- from words to lines, cells and tables -------------------------------------------------------

def make_page(number: int, landscape: bool, words: list[Word], rules: list[Rule], columns: list[Column]) -> Page:
    tables = find_tables(rules, columns)
    height = AREA_WIDTH if landscape else AREA_HEIGHT
    lines = [Line(group, cell_at(group[0], rules, columns, height)) for group in visual_lines(words, columns)]
    # the page number: below the type area, or on a turned page left of it (the sheet's foot, GB/T 9704 §10.1)
    footer = [line for line in lines if center_y(line) > height or (landscape and line.x1 < 0)]
    inside = [line for line in lines if line not in footer]
    return Page(number, landscape, reading_order(inside), footer, rules, columns, tables)


def visual_lines(words: list[Word], columns: list[Column]) -> list[list[Word]]:
    """Words on one baseline (±2 pt), split where a table's vertical rule runs between two of them or
    where they stand 2字 or more apart (a right-aligned date, the 印发 line's two ends)."""
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.y1, w.x0)):
        if rows and abs(rows[-1][0].y1 - word.y1) <= SLACK:
            rows[-1].append(word)
        else:
            rows.append([word])
    groups = []
    for row in rows:
        row.sort(key=lambda w: w.x0)
        group = [row[0]]
        for left, right in zip(row, row[1:]):
            if right.x0 - left.x1 >= 2 * CHAR or _rule_between(left, right, columns):
                groups.append(group)
                group = []
            group.append(right)
        groups.append(group)
    return groups


def _rule_between(left: Word, right: Word, columns: list[Column]) -> bool:
    return any(left.x1 - 1 <= c.x <= right.x0 + 1 and c.y0 - 1 <= left.y0 and left.y1 <= c.y1 + 1 for c in columns)


def cell_at(word: Word, rules: list[Rule], columns: list[Column], height: float) -> tuple | None:
    """The table cell around a word: the nearest vertical rules left and right that span its height, the
    nearest horizontal rules above and below that cross it. None outside tables."""
    cx, cy = (word.x0 + word.x1) / 2, (word.y0 + word.y1) / 2
    spanning = [c.x for c in columns if c.y0 - 1 <= cy <= c.y1 + 1]
    left = max((x for x in spanning if x <= cx), default=None)
    right = min((x for x in spanning if x >= cx), default=None)
    if left is None or right is None:
        return None
    crossing = [r.y for r in rules if r.x0 - 1 <= cx <= r.x1 + 1]
    top = max((y for y in crossing if y <= cy), default=None)
    bottom = min((y for y in crossing if y >= cy), default=None)
    return (round(left, 1), round(right, 1), round(top or 0, 1), round(bottom or height, 1))


def reading_order(lines: list[Line]) -> list[Line]:
    """Running text top to bottom (left to right on one baseline); each table cell's lines together, at
    the place of the cell's first line."""
    cells: dict[tuple, list[Line]] = {}
    order: list = []
    for line in sorted(lines, key=lambda l: (round(l.y1 / SLACK), l.x0)):
        if line.cell is None:
            order.append(line)
        elif line.cell not in cells:
            cells[line.cell] = [line]
            order.append(line.cell)
        else:
            cells[line.cell].append(line)
    return [x for item in order for x in ([item] if isinstance(item, Line) else cells[item])]


def successions(page: Page) -> list[tuple[Line, Line]]:
    """Pairs of lines on a page where the second continues the first (same cell, or both running text)."""
    return [(a, b) for a, b in zip(page.lines, page.lines[1:]) if a.cell == b.cell]


def find_tables(rules: list[Rule], columns: list[Column]) -> list[Table]:
    """Tables: groups of vertical rules whose heights overlap; their bands lie between full-width rules."""
    groups: list[list[Column]] = []
    for c in sorted(columns, key=lambda c: c.y0):
        if groups and c.y0 <= max(x.y1 for x in groups[-1]) + 1:
            groups[-1].append(c)
        else:
            groups.append([c])
    tables = []
    for group in groups:
        left, right = min(c.x for c in group), max(c.x for c in group)
        top, bottom = min(c.y0 for c in group), max(c.y1 for c in group)
        full = sorted({round(r.y, 1) for r in rules if r.x0 <= left + SLACK and r.x1 >= right - SLACK
                       and top - SLACK <= r.y <= bottom + SLACK})
        tables.append(Table(left, right, top, bottom, list(zip(full, full[1:]))))
    return tables


def mark_continued_tables(pages: list[Page]) -> None:
    """A table continues the one on the page before when nothing stands above it and the page before
    ends in a table."""
    for before, page in zip(pages, pages[1:]):
        if page.tables and before.tables and before.landscape == page.landscape:
            first = page.tables[0]
            above = [line for line in page.running() if line.y1 <= first.top + SLACK]
            first.continued = not above


def center_x(line: Line) -> float:
    return (line.x0 + line.x1) / 2


def center_y(line: Line) -> float:
    return (line.y0 + line.y1) / 2


# --- text helpers -----------------------------------------------------------------------------

def compact(text: str) -> str:
    """Text as compared: no whitespace (ideographic and no-break spaces included) and no invisible format
    characters (a word joiner or zero-width space that keeps a name together)."""
    return "".join(ch for ch in re.sub(r"\s+", "", text) if unicodedata.category(ch) != "Cf")


def letters(text: str) -> str:
    """The characters of a text that are not punctuation, symbols or spaces."""
    return "".join(ch for ch in compact(text) if unicodedata.category(ch)[0] not in "PSZ")


def normal(text: str) -> str:
    """Text as a clerk's Markdown and the PDF both show it: NFKC (full-width punctuation folded), no spaces."""
    return compact(unicodedata.normalize("NFKC", text))


def splits(first: str, second: str, words) -> list[str]:
    """Words of the list that the line end between `first` and `second` cuts in two: '王/亮'."""
    a, b = compact(first), compact(second)
    found = []
    for word in words:
        w = compact(word)
        found += [f"{w[:k]}/{w[k:]}" for k in range(1, len(w)) if a.endswith(w[:k]) and b.startswith(w[k:])]
    return found


# --- findings ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Violation:
    rule: str
    page: int | None
    line: str
    detail: str

    def __str__(self) -> str:
        where = f"第{self.page}页" if self.page else "全文"
        return f"{where} “{self.line}”：{self.detail}" if self.line else f"{where}：{self.detail}"


@dataclass(frozen=True)
class ListItem:
    """A Markdown list item as the clerk wrote it: bullet (- ) or numbered (1. )."""
    text: str
    number: int | None = None          # None for a bullet


@dataclass
class Findings:
    layout: Layout
    violations: dict[str, list[Violation]]
    lone: list[Violation]              # every line holding one character (rule 9 reports them all)
    titles: list[list[str]]            # the title blocks, line by line (rule 5 reports them)

    def of(self, rule: str) -> list[Violation]:
        return self.violations.get(rule, [])


def check(pdf: Path | Layout, kind: str = "", names=(), words=(), items=(), max_pages=None,
          max_attachment_pages=None, min_rows=None, duplex=False) -> Findings:
    """Every rule on one document. kind is the document's kind (通知, 纪要 …): 通知 and 纪要 must carry a
    版记; names must not break; words must not break in titles; items are the Markdown list items it
    prints; max_pages/max_attachment_pages/min_rows apply where given."""
    layout = pdf if isinstance(pdf, Layout) else read_layout(pdf)
    found = {
        "imprint": imprint(layout, required=kind in IMPRINT_KINDS, duplex=duplex),
        "closing_only": closing_only(layout),
        "split_names": split_names(layout, names),
        "roster_wraps": roster_wraps(layout, names),
        "page_fill": page_fill(layout),
        "title_breaks": title_breaks(layout, words),
        "file_ids": file_ids(layout),
        "fixed_tokens": fixed_tokens(layout),
        "section_rows": section_rows(layout),
        "header_rows": header_rows(layout),
        "rows_per_page": rows_per_page(layout, min_rows) if min_rows else [],
        "page_count": page_count(layout, max_pages, max_attachment_pages),
        "list_markers": list_markers(layout, items),
        "lone_characters": [v for v in lone_characters(layout, names) if v.detail in CONTROLLED],
        "turned_page_numbers": turned_page_numbers(layout),
    }
    titles = [[line.text for line in block] for block in title_blocks(layout)]
    return Findings(layout, found, lone_characters(layout, names), titles)


# --- rule 1: page numbers of turned pages -----------------------------------------------------------

def turned_page_numbers(layout: Layout) -> list[Violation]:
    """GB/T 9704 §10.1: a landscape page is numbered where every page is, at the foot of the sheet, which is
    the left of its turned type area (its number read with the sheet upright), never below the table."""
    found = []
    for page in layout.pages:
        if not page.landscape or page.blank:
            continue
        below = [line for line in page.footer if line.x1 >= 0]
        if below:
            found.append(Violation("turned_page_numbers", page.number, below[0].text, "横排页的页码在表格下方，应在纸张下端（版面左侧）"))
        elif not page.footer:
            found.append(Violation("turned_page_numbers", page.number, "", "横排页没有页码"))
    return found


# --- rule 1: the 版记 ---------------------------------------------------------------------------

ISSUED = re.compile(r"^(?P<printer>.*?)(?P<date>\d{4}年\d{1,2}月\d{1,2}日)印发$")
IMPRINT_LINE = re.compile(r"^(抄送|分送)：|印发$")


def imprint_marks(page: Page) -> list[Line]:
    """Lines only a 版记 prints: 抄送：/分送：…, and a line ending in 印发."""
    return [line for line in page.running() if IMPRINT_LINE.search(line.compact)]


def imprint_lines(page: Page) -> list[Line]:
    """The 版记's lines on a page: everything between its first and last rule (or, without rules, the
    lines that mark it)."""
    marked = imprint_marks(page)
    rules = imprint_rules(page, marked) if marked else []
    if len(rules) >= 2:
        return [line for line in page.running() if rules[0].y - SLACK <= center_y(line) <= rules[-1].y + SLACK]
    return marked


def imprint_rules(page: Page, marked: list[Line]) -> list[Rule]:
    """The 版记's rules: black, as wide as the 版心, the first right above its first line, each next one at
    most 2½ lines below the one before (a row of the 版记 that wraps is two lines high)."""
    rules = [r for r in page.rules if not r.red and r.x1 - r.x0 >= 0.9 * page.width]
    first = min(l.y0 for l in marked)
    chain = [r for r in rules if first - LINE <= r.y <= first + SLACK][-1:]
    for rule in rules:
        if chain and 0 < rule.y - chain[-1].y <= 2.5 * LINE:
            chain.append(rule)
    return chain


def issued_row(page: Page) -> tuple[str, list[Line]] | None:
    """The 印发 line as printed: everything on the baseline of the lowest line ending in 印发."""
    ending = [line for line in page.running() if line.compact.endswith("印发")]
    if not ending:
        return None
    last = max(ending, key=lambda l: l.y1)
    row = sorted((l for l in page.running() if abs(l.y1 - last.y1) <= SLACK), key=lambda l: l.x0)
    return "".join(l.compact for l in row), row


def imprint(layout: Layout, required: bool, duplex: bool = False) -> list[Violation]:
    """GB/T 9704 §7.4: the 版记 closes the last page. Present where required; on the last page with nothing
    under it; its last rule (or, without rules, its last line) on the foot of the 版心 (±2 pt); first and last
    rules thick, those between thin; the 印发 line on one line, 印发机关 1字 from the left, date + 印发 ending
    1字 from the right. Double-sided (duplex): on an even page; a blank page before it has no page number."""
    pages = [p for p in layout.pages if imprint_lines(p)]
    if not pages:
        return [Violation("imprint", None, "", "没有版记")] if required else []
    page = pages[-1]
    lines = imprint_lines(page)
    found = [Violation("imprint", p.number, imprint_lines(p)[0].text, "版记不在最后一页") for p in pages[:-1]]
    if page is not layout.pages[-1]:
        found.append(Violation("imprint", page.number, lines[0].text, "版记之后还有页"))
    found += _imprint_position(page, lines) + _imprint_rules_weight(page) + _issued_line(page, lines)
    if duplex:
        found += _duplex(layout, page)
    return found


def _imprint_position(page: Page, lines: list[Line]) -> list[Violation]:
    below = [l for l in page.running() if l.y0 > max(x.y1 for x in lines)]
    found = [Violation("imprint", page.number, l.text, "版记之下还有文字") for l in below]
    rules = imprint_rules(page, imprint_marks(page))
    if rules:
        gap = page.height - rules[-1].y
        if abs(gap) > SLACK:
            found.append(Violation("imprint", page.number, lines[-1].text, f"版记末条线距版心下边缘 {gap:.1f} pt"))
    else:
        gap = page.height - max(l.y1 for l in lines)
        if not 0 <= gap <= LINE / 3:
            found.append(Violation("imprint", page.number, lines[-1].text, f"版记末行距版心下边缘 {gap:.1f} pt"))
    return found


def _imprint_rules_weight(page: Page) -> list[Violation]:
    lines = imprint_marks(page)
    rules = imprint_rules(page, lines)
    if len(rules) < 2:
        return [Violation("imprint", page.number, lines[0].text, "版记没有首末两条分隔线")]
    first, *middle, last = rules
    found = [Violation("imprint", page.number, lines[0].text, f"版记首末分隔线应为粗线（{r.width:.2f} pt）")
             for r in (first, last) if r.width < 0.9]
    found += [Violation("imprint", page.number, lines[0].text, f"版记中间分隔线应为细线（{r.width:.2f} pt）")
              for r in middle if r.width > 0.85]
    return found


def _issued_line(page: Page, lines: list[Line]) -> list[Violation]:
    issued = issued_row(page)
    match = ISSUED.match(issued[0]) if issued else None
    if not match or not match["printer"]:
        last_row = [l for l in lines if l.y0 > max((l.y1 for l in imprint_marks(page)[:1]), default=-1)] or lines
        text = " / ".join(l.text for l in last_row)
        return [Violation("imprint", page.number, text, "印发机关、印发日期和“印发”不在同一行")]
    text, row = issued
    found = []
    left, right = row[0].x0, page.width - row[-1].x1
    if abs(left - IMPRINT_CHAR) > SLACK + 1:
        found.append(Violation("imprint", page.number, text, f"印发机关应左空一字（现在左空 {left / IMPRINT_CHAR:.1f} 字）"))
    if abs(right - IMPRINT_CHAR) > SLACK + 1:
        found.append(Violation("imprint", page.number, text, f"印发日期应右空一字（现在右空 {right / IMPRINT_CHAR:.1f} 字）"))
    return found


def _duplex(layout: Layout, page: Page) -> list[Violation]:
    found = []
    if page.number % 2:
        found.append(Violation("imprint", page.number, "", "双面印刷时版记应在偶数页"))
    found += [Violation("imprint", p.number, p.page_number, "空白页不应编排页码")
              for p in layout.pages if p.blank and p.page_number]
    return found


# --- rule 2: no page of closing lines only ------------------------------------------------------

DATE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")
CLOSING = re.compile(r"^(特此(报告|函告|通知|函复|请示|批复|函)。|妥否，请予审批。|（此件[^）]*）)$")
AGENCY = re.compile(r"^[\u4e00-\u9fff（）()]{2,40}$")


def is_closing(line: Line, page: Page) -> bool:
    """署名, 成文日期, 附注 and the closing formulas (特此报告。…). A 署名 is one run of CJK text, set to the
    right (ending within 6字 of the right edge, starting beyond 4字)."""
    text = line.compact
    if line.cell is not None:
        return False
    if DATE.match(text) or CLOSING.match(text):
        return True
    one_run = all(b.x0 - a.x1 < CHAR / 2 for a, b in zip(line.words, line.words[1:]))
    return (bool(AGENCY.match(text)) and one_run and line.height <= BODY_HEIGHT_MAX
            and line.x0 > 4 * CHAR and line.x1 > page.width - 6 * CHAR)


def closing_only(layout: Layout) -> list[Violation]:
    """GB/T 9704 §7.3.5: 署名, 成文日期, 附注 and 特此报告。 share their page with the body's last lines. A page
    whose lines (版记 aside) are all closing lines breaks the rule."""
    found = []
    for page in layout.pages:
        rest = [l for l in page.lines if l not in imprint_lines(page)]
        if rest and all(is_closing(l, page) for l in rest):
            found.append(Violation("closing_only", page.number, " / ".join(l.text for l in rest), "本页只有落款"))
    return found


# --- rule 3: names stay whole -----------------------------------------------------------------

def split_names(layout: Layout, names) -> list[Violation]:
    """No name breaks across a line end (王/亮), padded names (王　军) included: within running text, within
    a table cell, and from one page to the next."""
    return [Violation("split_names", page.number, f"{a.text} ⏎ {b.text}", f"姓名断行：{cut}")
            for page, a, b in layout.successions() for cut in splits(a.text, b.text, names)]


def roster_entry(line: Line, names) -> tuple[str, float] | None:
    """A roster line (组　长：王　军　区政府副区长, or 哈　博　区委宣传部副部长): its name and where its title
    starts. None for other lines."""
    text = re.sub(r"^(组长|副组长|成员)：", "", line.compact)
    name = next((n for n in sorted(names, key=len, reverse=True) if text.startswith(n) and len(text) > len(n)), None)
    if name is None or len(line.words) < 2:
        return None
    skip = len(line.compact) - len(text) + len(name)
    seen = 0
    for word in line.words:
        if seen >= skip:
            return name, word.x0
        seen += len(compact(word.text))
    return None


def title_column(page: Page, names) -> float | None:
    """Where the roster's titles start on a page: the most common start (a justified line may start later)."""
    starts = [round(entry[1]) for line in page.running() if (entry := roster_entry(line, names))]
    return max(set(starts), key=starts.count) if starts else None


def roster_wraps(layout: Layout, names) -> list[Violation]:
    """A roster title that wraps continues under the title column and never leaves one character alone."""
    found = []
    for page in layout.pages:
        column = title_column(page, names)
        for a, b in successions(page):
            if not roster_entry(a, names) or roster_entry(b, names) or b.y0 - a.y1 > LINE or b.x0 < a.x0 - SLACK:
                continue
            if abs(b.x0 - column) > SLACK:
                found.append(Violation("roster_wraps", page.number, b.text,
                                       f"职务转行未与职务列对齐（{(b.x0 - column) / CHAR:+.1f} 字）"))
            if len(letters(b.text)) == 1:
                found.append(Violation("roster_wraps", page.number, b.text, f"职务转行只剩一个字（{a.text}）"))
    return found


# --- rule 4: pages fill -----------------------------------------------------------------------

ATTACHMENT_LABEL = re.compile(r"^附件\d*$")


def starts_afresh(page: Page, before: Page) -> bool:
    """A page that may follow an early stop: an attachment (附件 label first), a turn of orientation, a page
    holding only the 版记, a blank page."""
    first = page.lines[0].compact if page.lines else ""
    only_imprint = page.lines and all(l in imprint_lines(page) for l in page.lines)
    return page.blank or bool(ATTACHMENT_LABEL.match(first)) or page.landscape != before.landscape or only_imprint


def table_row_too_tall(page: Page, after: Page) -> bool:
    """The next page starts with a table whose header, rows across the whole table (section and group
    headings keep with the row below them) and first row (rows merged down count as one) are taller than
    the room left here: rows that must not split leave that room empty."""
    table = after.tables[0] if after.tables else None
    if table is None or any(l.y1 <= table.top + SLACK for l in after.running()):
        return False
    room = page.height - (page.bottom() or 0)
    needed = 0.0
    for index, (top, bottom) in enumerate(table.bands):
        needed += bottom - top
        lines = table.band_lines(after.lines, index)
        if index and not (lines and all(spans_table(line.cell, after) for line in lines)):
            break
    return needed > room


FIRST_LEVEL_HEADING = re.compile(r"^[一二三四五六七八九十]+、\S{1,24}$")


def chain_too_tall(page: Page, after: Page) -> bool:
    """The next page starts with what must stay together and did not fit in the room left here: the closing
    lines with the body's last lines above them (§7.3.5), or a heading with the first lines of its paragraph
    (two lines kept on each side of a page break: a paragraph of three lines moves whole)."""
    room = page.height - (page.bottom() or 0)
    running = after.running()
    closing = [i for i, line in enumerate(running) if is_closing(line, after)]
    if closing and running[closing[-1]].y1 - running[0].y0 > room:
        return True
    if not running or not FIRST_LEVEL_HEADING.match(running[0].compact):
        return False
    paragraph = paragraph_lines(running[1:])
    kept = running[min(len(paragraph), 3 if len(paragraph) == 3 else 2)]
    return kept.y1 - running[0].y0 > room


def paragraph_lines(lines: list[Line]) -> list[Line]:
    """The lines of the paragraph the list starts with: up to the next line indented as a first line."""
    if not lines:
        return []
    left = min(line.x0 for line in lines)
    rest = next((i for i, line in enumerate(lines[1:], 1) if line.x0 > left + CHAR * 1.5), len(lines))
    return lines[:rest]


def page_fill(layout: Layout, allowed_lines: int = 2) -> list[Violation]:
    """A page other than the last stops no more than 2 grid lines above the 版心's foot (a glyph box sits
    about 0.1 line above its grid line's bottom, so 2.5 is the limit), unless the next page starts afresh,
    starts with table rows too tall for the room left, or starts with a chain too tall for it."""
    found = []
    for page, after in zip(layout.pages, layout.pages[1:]):
        if starts_afresh(after, page) or table_row_too_tall(page, after) or chain_too_tall(page, after):
            continue
        bottom = page.bottom()
        left = page.height / LINE if bottom is None else (page.height - bottom) / LINE
        if left > allowed_lines + 0.5:
            last = page.lines[-1].text if page.lines else ""
            found.append(Violation("page_fill", page.number, last, f"本页下方空 {left:.1f} 行"))
    return found


# --- rule 5: titles break between words -------------------------------------------------------

def title_blocks(layout: Layout) -> list[list[Line]]:
    """The 2号 titles: runs of lines of title size below the page's red rule (the 发文机关标志 stands
    above it), the document's title and each attachment's."""
    blocks: list[list[Line]] = []
    for page in layout.pages:
        red = [r.y for r in page.rules if r.red and r.y < page.height / 2]
        below = max(red, default=-LINE * 2)
        previous = None
        for line in page.running():
            if TITLE_HEIGHTS[0] <= line.height <= TITLE_HEIGHTS[1] and line.y0 > below:
                if previous is not None and line.y0 - previous.y1 < 1.5 * LINE:
                    blocks[-1].append(line)
                else:
                    blocks.append([line])
                previous = line
            else:
                previous = None
    return blocks


NUMBER_CONTINUES = "0123456789年月日号期项次件个"       # after a digit, still the same word: 2022年1/2月, 12/月


def title_breaks(layout: Layout, words) -> list[Violation]:
    """No line of a title ends inside a word of the list (季度, 知识产权, unit names …) or inside a number
    (2022年1/2月)."""
    page_of = {id(line): page.number for page in layout.pages for line in page.lines}
    found = []
    for block in title_blocks(layout):
        for a, b in zip(block, block[1:]):
            cuts = splits(a.text, b.text, words)
            if a.compact[-1:].isdigit() and b.compact[:1] and b.compact[0] in NUMBER_CONTINUES:
                cuts.append(f"{a.compact[-2:]}/{b.compact[:2]}")
            found += [Violation("title_breaks", page_of[id(a)], f"{a.text} ⏎ {b.text}", f"标题在词中转行：{cut}")
                      for cut in cuts]
    return found


# --- rule 6: no file ids in print ---------------------------------------------------------------

FILE_ID = re.compile(r"\d{4}-\d{1,2}-\d{1,2}-[A-Za-z][\w-]*?-\d+(#\d+)?")


def file_ids(layout: Layout) -> list[Violation]:
    """No content file id (2022-12-15-joint-1#2, or a meeting's file name) anywhere in print, also when it
    wraps across lines."""
    found = []
    for page in layout.pages:
        for flow in page.flows():
            text, starts = "", []
            for line in flow:
                starts.append(len(text))
                text += line.compact
            for match in FILE_ID.finditer(text):
                at = max(i for i, s in enumerate(starts) if s <= match.start())
                found.append(Violation("file_ids", page.number, flow[at].text, f"印出了文件编号 {match[0]}"))
    return found


# --- rule 7: tables ---------------------------------------------------------------------------

FIXED_TOKENS = {
    "件号、页数或序号": r"\d{1,4}",
    "分值": r"\d+\.\d+",
    "档号": r"[A-Z0-9]+-\d{4}-[A-Z]+\d*-\d{4}",
    "日期": r"\d{8}|\d{4}年\d{1,2}月\d{1,2}日",
    "文号": r"\S{1,10}〔\d{4}〕\d+号",
    "保管期限": r"永久|定期\d+年",
}
SECTION_ROW = re.compile(r"^[一二三四五六七八九十]+、.*（[\d.]+分）$")


def cells(page: Page) -> dict[tuple, list[Line]]:
    found: dict[tuple, list[Line]] = {}
    for line in page.lines:
        if line.cell is not None:
            found.setdefault(line.cell, []).append(line)
    return found


def fixed_tokens(layout: Layout) -> list[Violation]:
    """A table cell holding one fixed token (件号 0001, 档号, 日期 20221109, 文号, 保管期限, 页数) prints it on one
    line."""
    found = []
    for page in layout.pages:
        for lines in cells(page).values():
            text = "".join(l.compact for l in lines)
            kind = next((k for k, p in FIXED_TOKENS.items() if re.fullmatch(p, text)), None)
            if kind and len(lines) > 1:
                found.append(Violation("fixed_tokens", page.number, "/".join(l.compact for l in lines),
                                       f"{kind}“{text}”断行"))
    return found


def spans_table(cell: tuple, page: Page) -> bool:
    return any(abs(cell[0] - t.left) <= SLACK and abs(cell[1] - t.right) <= SLACK for t in page.tables)


def section_rows(layout: Layout) -> list[Violation]:
    """A section row (one cell across the table: 二、资源配置保障（9分）) is never the last thing on a page:
    it keeps with the row after it."""
    found = []
    for page in layout.pages:
        for cell, lines in cells(page).items():
            text = "".join(l.compact for l in lines)
            if SECTION_ROW.match(text) and spans_table(cell, page) and not any(l.y0 > lines[-1].y1 for l in page.lines):
                found.append(Violation("section_rows", page.number, text, "分部行落在页末"))
    return found


def band_text(table: Table, page: Page, index: int) -> tuple[str, ...]:
    return tuple(sorted(l.compact for l in table.band_lines(page.lines, index)))


def first_bands(layout: Layout):
    """Each table on each page with its first band's text and the header it should repeat (its own first
    band where the table starts on this page)."""
    header: tuple[str, ...] = ()
    for page in layout.pages:
        for n, table in enumerate(page.tables):
            if not table.bands:
                continue
            first = band_text(table, page, 0)
            if not (n == 0 and table.continued):
                header = first
            yield page, table, first, header


def header_rows(layout: Layout) -> list[Violation]:
    """A table that runs on to another page repeats its header rows at the top of it."""
    return [Violation("header_rows", page.number, " ".join(first), "续页没有重复表头：" + " ".join(header))
            for page, table, first, header in first_bands(layout) if first != header]


def header_lines(layout: Layout) -> set[int]:
    """ids of the lines in table headers (on the page a table starts, and repeated on the pages after)."""
    return {id(line) for page, table, first, header in first_bands(layout) if first == header
            for line in table.band_lines(page.lines, 0)}


def rows_per_page(layout: Layout, minimum: int) -> list[Violation]:
    """The 归档文件目录 shows at least `minimum` rows on every page but its last."""
    found = []
    for page in layout.pages[:-1]:
        rows = sum(max(len(t.bands) - 1, 0) for t in page.tables)
        if page.tables and rows < minimum:
            found.append(Violation("rows_per_page", page.number, "", f"本页只有 {rows} 行（至少 {minimum} 行）"))
    return found


def attachment_start(layout: Layout) -> int | None:
    return next((p.number for p in layout.pages if p.lines and ATTACHMENT_LABEL.match(p.lines[0].compact)), None)


def page_count(layout: Layout, max_pages: int | None, max_attachment_pages: int | None) -> list[Violation]:
    """The document fits in max_pages, its attachments (from the first 附件 label on) in max_attachment_pages.

    Pages at the end that hold only the 版记, or nothing (the blank page double-sided printing puts before
    it), are the 版记's, not the text's: they are not counted.
    """
    found = []
    total = len(layout.pages)
    while total and (layout.pages[total - 1].blank or all(l in imprint_lines(layout.pages[total - 1])
                                                            for l in layout.pages[total - 1].lines)):
        total -= 1
    if max_pages is not None and total > max_pages:
        found.append(Violation("page_count", None, "", f"共 {total} 页（至多 {max_pages} 页）"))
    start = attachment_start(layout)
    if max_attachment_pages is not None and start is not None and total - start + 1 > max_attachment_pages:
        found.append(Violation("page_count", start, "", f"附件 {total - start + 1} 页（至多 {max_attachment_pages} 页）"))
    return found


# --- rule 8: lists keep their markers ---------------------------------------------------------

NUMBER_MARK = re.compile(r"^[（(]?(\d+)[.．、)）]?$")


def is_bullet(marker: str) -> bool:
    """A visible bullet sign: •, ·, ●, -, a Symbol-font private-use glyph …; no letters or digits."""
    return bool(marker) and all(unicodedata.category(ch)[0] in "PSC" for ch in marker)


def marker_before(page: Page, line: Line, at: int) -> str:
    """What a list item's line prints before the item's text, a marker set off by a tab included."""
    left = [l for l in page.running() if abs(l.y1 - line.y1) <= SLACK and l.x1 <= line.x0]
    return "".join(normal(l.text) for l in sorted(left, key=lambda l: l.x0)) + normal(line.text)[:at]


def list_markers(layout: Layout, items) -> list[Violation]:
    """Every Markdown list item starts a line with its marker: a bullet sign for '- ', its number for '1. '."""
    lines = [(page, line) for page in layout.pages for line in page.lines]
    found = []
    for item in items:
        key = normal(item.text)[:8]
        hit = next(((p, l, normal(l.text).find(key)) for p, l in lines if key in normal(l.text)), None)
        if hit is None:
            found.append(Violation("list_markers", None, item.text, "列表项没有印出"))
            continue
        page, line, at = hit
        marker = marker_before(page, line, at)
        if item.number is None and not is_bullet(marker):
            found.append(Violation("list_markers", page.number, line.text, "无序列表项没有项目符号"))
        elif item.number is not None and not ((m := NUMBER_MARK.match(marker)) and int(m[1]) == item.number):
            found.append(Violation("list_markers", page.number, line.text, f"有序列表项没有编号 {item.number}"))
    return found


# --- rule 9: lines of one character -------------------------------------------------------------

UNIT_LINE = re.compile(r"^[（(][^（）()]{1,3}[）)]$")
CONTROLLED = ("title", "heading", "roster", "table-header")       # where the generator controls the text
HEADING = re.compile(r"^（[一二三四五六七八九十]+）")     # generated 二级标题; 一、 also starts a decision (content)


def lone_characters(layout: Layout, names=()) -> list[Violation]:
    """Lines holding one character (punctuation aside; digits alone, as in a table's 序号, are fine), with
    what they belong to: title, heading, roster, table-header, table or text (the detail)."""
    titles = {id(line) for block in title_blocks(layout) for line in block}
    headers = header_lines(layout)
    found = []
    for page in layout.pages:
        before = {id(b): a for a, b in successions(page)}
        for line in page.lines:
            chars = letters(line.text)
            if len(chars) != 1 or chars.isdigit():
                continue
            found.append(Violation("lone_characters", page.number, line.text,
                                   _lone_context(line, before.get(id(line)), titles, headers, names)))
    return found


def _lone_context(line: Line, previous: Line | None, titles: set, headers: set, names) -> str:
    if id(line) in titles:
        return "title"
    if id(line) in headers:
        # a unit under its column's name (支撑材料 / （件）) is how Chinese tables set it, not a stray character
        return "table-unit" if UNIT_LINE.match(line.compact) else "table-header"
    if line.cell is not None:
        return "table"
    if previous is not None and HEADING.match(previous.compact) and previous.height <= BODY_HEIGHT_MAX:
        return "heading"
    if previous is not None and roster_entry(previous, names):
        return "roster"
    return "text"
