"""Column widths sized from a table's content.

Every column first gets the least width its content allows without breaking what must not
break: a header on one line (or broken only where the template marked a word boundary), a
column of short cells (序号, 分值, 请假 …) on one line, a cell that is wholly a fixed token
(a date, a 文号, a 档号, a number, a 保管期限) on one line. The rest of the table's width is
then handed out a little at a time to the column where it saves the most lines of table.

Widths are in twips; a text's width is in 字 of the table's own text size; Latin letters and
digits are measured by Times New Roman's widths.
"""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from . import layout as L

# Width in 1/1000 字 of what is not a Chinese character or a full-width mark: Times New Roman's advance widths
# (Liberation Serif, its metric twin, draws it in the PDF).
_NARROW = {**{ch: w for w, chars in ((180, "'"), (250, " .,"), (278, "ijlt:/;"), (333, "frI-()[]!"), (389, "sJ"),
                                      (408, '"'), (444, "acez?"), (500, "0123456789bdghknopquvxy#_*"), (556, "FPS"),
                                      (564, "+="), (611, "ELTZ"), (667, "BCR"), (722, "wADGHKNOQUVXY"), (778, "m&"),
                                      (833, "%"), (889, "M"), (944, "W")) for ch in chars}}
_NARROW_DEFAULT = 600
AUTOSPACE = 0.25              # 字 Word and LibreOffice put between Chinese and Latin text
CELL_MARGINS = 2 * L.TABLE_CELL_MARGIN  # twips: the table style's left and right cell margins
BORDERS = 40                  # twips: LibreOffice counts the cell borders into the cell's inner width
SHORT = 4                     # 字: a column whose every cell is this short never wraps
NAME_MAX = 12                 # 字: a name of a list up to this long stays on one line (when the table has room)
NO_LINE_START = set("，。、；：？！）》」』】〕〉”’…—·%‰,.;:?!)]}")
NO_LINE_END = set("（《「『【〔〈“‘([{")
FIXED_TOKEN = re.compile(
    r"[\u4e00-\u9fff]{0,8}〔\d{4}〕\d+号"          # 文号: 营西政发〔2023〕3号
    r"|\d{4}年\d{1,2}月\d{1,2}日"                # 2022年12月15日
    r"|\d{4}-\d{2}-\d{2}|\d{8}"                   # dates: 2022-12-15, 20221215 (DA/T 22)
    r"|[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+"             # 档号: X001-2022-D30-0001
    r"|定期\d+年|永久|长期|短期"                   # 保管期限
    r"|[\d.]+分?|[\d.]+[件页]|未知|—")             # numbers, 分值, 页数, 件数


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def text_width(text: str) -> float:
    """Width in 字: a Chinese character or full-width mark 1, Latin by the wider face, ¼ between the two kinds."""
    width = sum(1.0 if _wide(ch) else _NARROW.get(ch, _NARROW_DEFAULT) / 1000 for ch in text)
    kinds = [_wide(ch) for ch in text if not ch.isspace()]
    return width + AUTOSPACE * sum(a != b for a, b in zip(kinds, kinds[1:]))


def atoms(text: str) -> list[str]:
    """Pieces no line breaks inside: a Chinese character with the punctuation that may not be parted from it,
    or a run of Latin letters and digits."""
    pieces: list[str] = []
    glue = False                      # the previous piece ends with opening punctuation
    for ch in text:
        latin = not _wide(ch) and not ch.isspace()
        joins = pieces and (glue or ch in NO_LINE_START or (latin and not _wide(pieces[-1][-1])
                                                           and not pieces[-1][-1].isspace()))
        if joins:
            pieces[-1] += ch
        else:
            pieces.append(ch)
        glue = ch in NO_LINE_END
    return pieces


@lru_cache(maxsize=4096)
def piece_widths(text: str) -> tuple[float, ...]:
    """The widths of a text's atoms, the space between Chinese and Latin counted with the piece after it."""
    pieces = atoms(text)
    widths = [text_width(p) for p in pieces]
    for i in range(1, len(pieces)):
        if _wide(pieces[i - 1][-1]) != _wide(pieces[i][0]) and not (pieces[i - 1][-1] + pieces[i][0]).isspace():
            widths[i] += AUTOSPACE
    return tuple(widths)


@lru_cache(maxsize=65536)
def line_count(text: str, room: float) -> int:
    """Lines a paragraph takes in a cell `room` 字 wide (at least one, also when empty)."""
    lines, used = 1, 0.0
    for width in piece_widths(text):
        if used and used + width > room + 1e-6:
            lines, used = lines + 1, 0.0
        while width > room + 1e-6:            # longer than a line: the renderer breaks it where it must
            lines, width = lines + 1, width - room
        used += width
    return lines


def wrap(text: str, room: float) -> list[str]:
    """The lines of a paragraph in a cell `room` 字 wide, broken as line_count counts them."""
    lines = [""]
    for piece in atoms(text):
        if lines[-1] and text_width(lines[-1] + piece) > room + 1e-6:
            lines.append("")
        lines[-1] += piece
    return lines


def lone_last_break(lines: list[str]) -> int | None:
    """Where to break a paragraph whose last line would hold a single character: one character earlier
    (the line above keeps two or more). None when its last line is fine."""
    if len(lines) < 2 or len(_letters(lines[-1])) != 1 or _letters(lines[-1]).isdigit():
        return None
    above = atoms(lines[-2])
    if len(above) < 3:
        return None
    return sum(map(len, lines[:-1])) - len(above[-1])


def _letters(text: str) -> str:
    return "".join(ch for ch in text if unicodedata.category(ch)[0] in "LN")


def name_items(text: str) -> list[str]:
    """A list of names (units, people) split after each separator, the separator kept with the name before it."""
    return re.findall(r"[^、，；]+[、，；]*|[、，；]+", text)


@lru_cache(maxsize=16384)
def name_lines(text: str, room: float) -> tuple[str, ...]:
    """A list of names packed into lines `room` 字 wide, breaking only between names; a name longer than a
    line starts a line of its own and is broken where its last line keeps two characters or more."""
    lines = [""]
    for item in name_items(text):
        if lines[-1] and text_width(lines[-1] + item) > room + 1e-6:
            lines.append("")
        if not lines[-1] and text_width(item) > room + 1e-6:
            lines[-1:] = _split_long(item, room)
        else:
            lines[-1] += item
    return tuple(lines)


def _split_long(item: str, room: float) -> list[str]:
    parts = wrap(item, room)
    if len(parts) > 1 and len(parts[-1].rstrip("、，；")) < 2 and len(atoms(parts[-2])) > 2:
        moved = atoms(parts[-2])[-1]
        parts[-2:] = [parts[-2][:-len(moved)], moved + parts[-1]]
    return parts


def lines_of(texts: tuple[str, ...], room: float, names: bool = False) -> int:
    if names:
        return sum(line_count(line, room) for t in texts for line in name_lines(t, room)) or 1
    return sum(line_count(t, room) for t in texts) or 1


@dataclass(frozen=True)
class Cell:
    """What the fitting knows of one cell: where it sits, what it says."""
    row: int
    col: int
    texts: tuple[str, ...] = ()            # its paragraphs
    cols: int = 1                          # columns it spans
    rows: int = 1                          # rows it covers (merged down)
    header: bool = False
    words: tuple[str, ...] = ()            # a header's words: it breaks only between them
    names: bool = False                    # a list of names: it breaks only between them


@dataclass(frozen=True)
class Grid:
    columns: int
    rows: int
    cells: tuple[Cell, ...]
    char: int                              # twips per 字 of the table's text


def room(grid: Grid, width: int) -> float:
    """字 of text a cell `width` twips wide holds on one line."""
    return max((width - CELL_MARGINS - BORDERS) / grid.char, 0.5)


def to_twips(grid: Grid, chars: float) -> int:
    return math.ceil(chars * grid.char + CELL_MARGINS + BORDERS)


def column_need(cells: list[Cell], names: bool = True) -> float:
    """字 a column needs so that nothing in it breaks that must not (nor, with `names`, a name of a list)."""
    heads = [c for c in cells if c.header]
    body = [t.strip() for c in cells if not c.header for t in c.texts if t.strip()]
    need = max((max(map(text_width, h.words or h.texts or ("",))) for h in heads), default=1.0)
    if body and max(map(text_width, body)) <= SHORT:
        need = max(need, max(map(text_width, body)))
    for text in body:
        if FIXED_TOKEN.fullmatch(text):
            need = max(need, text_width(text))
    if names:
        listed = [text_width(n) for c in cells if c.names for t in c.texts for n in name_items(t.strip())]
        need = max([need] + [w for w in listed if w <= NAME_MAX])
    return max(need, 1.0)


def minimum_widths(grid: Grid, names: bool = True) -> list[int]:
    alone = [[c for c in grid.cells if c.col == col and c.cols == 1] for col in range(grid.columns)]
    return [to_twips(grid, column_need(cells, names)) for cells in alone]


class Height:
    """The table's height in lines for given column widths: each row as tall as its tallest cell, a merged
    cell's lines spread over the rows it covers. Lines per column and width are kept, as the fitting asks often."""

    def __init__(self, grid: Grid):
        self.grid = grid
        self.simple = [[c for c in grid.cells if c.col == col and c.cols == 1 and c.rows == 1]
                       for col in range(grid.columns)]
        self.spanning = [c for c in grid.cells if c.cols > 1 and c.rows == 1]
        self.merged = [c for c in grid.cells if c.rows > 1]
        self.known: dict[tuple[int, int], list[int]] = {}

    def column(self, col: int, width: int) -> list[int]:
        """Lines of each row's cell in this column (1 where the row has none of its own there)."""
        key = (col, width)
        if key not in self.known:
            heights = [1] * self.grid.rows
            for c in self.simple[col]:
                heights[c.row] = lines_of(c.texts, room(self.grid, width), c.names)
            self.known[key] = heights
        return self.known[key]

    def rows(self, widths: list[int]) -> list[int]:
        heights = [max(lines) for lines in zip(*(self.column(col, w) for col, w in enumerate(widths)))]
        for c in self.spanning:
            heights[c.row] = max(heights[c.row], lines_of(c.texts, room(self.grid, sum(widths[c.col:c.col + c.cols])),
                                                          c.names))
        for c in self.merged:
            short = lines_of(c.texts, room(self.grid, sum(widths[c.col:c.col + c.cols])), c.names) \
                - sum(heights[c.row:c.row + c.rows])
            if short > 0:
                heights[c.row + c.rows - 1] += short
        return heights

    def __call__(self, widths: list[int]) -> int:
        return sum(self.rows(widths))


def table_lines(grid: Grid, widths: list[int]) -> int:
    return Height(grid)(widths)


def fit(grid: Grid, width: int, hint: list[float] | None = None) -> list[int]:
    """Column widths (twips) summing to `width`: the hint's proportions if given, else fitted to the content;
    no column narrower than its content's minimum unless the minimums together do not fit."""
    least = minimum_widths(grid)
    if sum(least) >= width:                  # names of lists may break where they must
        least = minimum_widths(grid, names=False)
    if sum(least) >= width:
        return _scaled(least, width)
    widths = _hinted(least, hint, width) if hint else _fitted(grid, least, width)
    widths[-1] += width - sum(widths)
    return widths


def _scaled(widths: list[int], total: int) -> list[int]:
    scaled = [w * total // sum(widths) for w in widths]
    scaled[-1] += total - sum(scaled)
    return scaled


def _hinted(least: list[int], hint: list[float], width: int) -> list[int]:
    """The hint's proportions; a column under its minimum is raised, the others give way in proportion."""
    widths = [width * h / sum(hint) for h in hint]
    while any(w < m - 0.5 for w, m in zip(widths, least)):
        fixed = [w <= m for w, m in zip(widths, least)]
        left = width - sum(m for m, f in zip(least, fixed) if f)
        free = sum(w for w, f in zip(widths, fixed) if not f)
        widths = [m if f else w * left / free for w, m, f in zip(widths, least, fixed)]
    return [int(w) for w in widths]


def _fitted(grid: Grid, least: list[int], width: int) -> list[int]:
    """From the minimums, each step to the column (and by the amount) that saves the most lines per twip;
    then width moves between columns while that makes the table shorter."""
    height, step = Height(grid), max(grid.char // 2, 1)
    widths = _grow(height, least[:], width, step)
    widths = _improve(height, widths, least, step)
    return _share_rest(grid, widths, width - sum(widths))


STEPS = (1, 2, 4, 8, 16, 32, 64)


def _grow(height: Height, widths: list[int], width: int, step: int) -> list[int]:
    spare, current = width - sum(widths), height(widths)
    while spare >= step:
        best = None                          # ((lines saved per step, fewer steps, earlier column), column, steps)
        for col in range(len(widths)):
            for steps in STEPS:
                if steps * step > spare:
                    break
                saved = current - height(_moved(widths, None, col, steps * step))
                if saved > 0 and (best is None or (saved / steps, -steps, -col) > best[0]):
                    best = ((saved / steps, -steps, -col), col, steps)
        if best is None:
            break
        widths = _moved(widths, None, best[1], best[2] * step)
        spare, current = spare - best[2] * step, height(widths)
    return widths


def _improve(height: Height, widths: list[int], least: list[int], step: int, rounds: int = 60) -> list[int]:
    current = height(widths)
    for _ in range(rounds):
        best = None
        for give in range(len(widths)):
            for take in range(len(widths)):
                for steps in STEPS:
                    if give == take or widths[give] - steps * step < least[give]:
                        break
                    trial = _moved(widths, give, take, steps * step)
                    lines = height(trial)
                    if lines < current and (best is None or lines < best[0]):
                        best = (lines, trial)
        if best is None:
            return widths
        current, widths = best
    return widths


def _moved(widths: list[int], give: int | None, take: int, amount: int) -> list[int]:
    moved = widths[:]
    moved[take] += amount
    if give is not None:
        moved[give] -= amount
    return moved


def _share_rest(grid: Grid, widths: list[int], spare: int) -> list[int]:
    """Width that saves no line goes to the columns of running text (not those held to their minimum by
    short cells or fixed tokens), in proportion to the text they hold."""
    held = [_held(grid, col) for col in range(grid.columns)]
    text = [0.0 if held[col] else _text_amount(grid, col) for col in range(grid.columns)]
    if not any(text):
        text = [0.0 if held[col] else 1.0 for col in range(grid.columns)] if not all(held) else [1.0] * grid.columns
    total = sum(text)
    return [w + int(spare * t / total) for w, t in zip(widths, text)]


def _held(grid: Grid, col: int) -> bool:
    body = [t.strip() for c in grid.cells if c.col == col and c.cols == 1 and not c.header for t in c.texts if t.strip()]
    return bool(body) and all(text_width(t) <= SHORT or FIXED_TOKEN.fullmatch(t) for t in body)


def _text_amount(grid: Grid, col: int) -> float:
    return sum(text_width(t) for c in grid.cells if c.col == col and c.cols == 1 and not c.header for t in c.texts)
