"""Chinese text on the 28-character grid: how wide a text is, and where its lines break.

Word puts 28 characters of 3号 on a 156 mm line (docGrid); a Chinese character or
full-width mark is 1字, a Latin letter or digit about half. Lines break between any
two Chinese characters except that no line starts with closing punctuation or ends
with opening punctuation (GB/T 15834 practice, Word's and LibreOffice's kinsoku), and
a run of Latin letters or digits is not broken. Knowing this, the writer can choose
the breaks in lists of names itself, and tell how many lines a paragraph takes.
"""
from __future__ import annotations

import bisect
import functools
import itertools
import re
import unicodedata

LINE = 28                                           # 字 on a full line of body text
NO_LINE_START = set("，。、；：？！）》」』】〕〉”’…—·%‰,.;:?!)]}")
NO_LINE_END = set("（《「『【〔〈“‘([{")
# Latin glyph widths of Times New Roman in 1/1000 em (the digits, the letters clerks write); a 字 is 1000.
_LATIN = {**dict.fromkeys("0123456789", 500), **dict.fromkeys("abcdeghknopqsuvxyz", 500),
          **dict.fromkeys("fijlrt", 300), "m": 780, "w": 720, **dict.fromkeys("ABCDEFGHKNOPQRSTUVXYZ", 700),
          **dict.fromkeys("IJL", 420), "M": 890, "W": 940, " ": 250, "-": 330, "#": 500, "/": 280, ".": 250,
          ",": 250, ":": 280, "(": 333, ")": 333, "%": 833}


AUTOSPACE = 0.25                                    # Word and LibreOffice space Chinese from Latin by ¼字


@functools.lru_cache(maxsize=8192)
def _wide(ch: str) -> bool:
    return ord(ch) > 0x7F and unicodedata.east_asian_width(ch) in "WFA"


@functools.lru_cache(maxsize=8192)
def _glyph(ch: str) -> float:
    return 1.0 if _wide(ch) else _LATIN.get(ch, 500) / 1000


def _meet(a: str, b: str) -> bool:
    """Chinese next to Latin (not a space): Word and LibreOffice put ¼字 between them."""
    return _wide(a) != _wide(b) and not a.isspace() and not b.isspace()


def width(text: str) -> float:
    """Width in 字: a Chinese character or full-width mark is 1, Latin about half, plus ¼字 where they meet."""
    return _units(text) / _EM


@functools.lru_cache(maxsize=16384)
def _units(text: str) -> int:
    """width(text) in thousandths of a 字."""
    if _WIDE.fullmatch(text):
        return len(text) * _EM
    return _measure(text)[1][-1]


@functools.lru_cache(maxsize=8192)
def _latin(ch: str) -> bool:
    return ord(ch) < 0x2E80 and (ch.isalnum() or ch in "#-./%")


def _atoms(text: str) -> list[str]:
    """Units a line may not break inside: one Chinese character, or a run of Latin letters and digits."""
    edges = [0, *_atom_ends(text)]
    return [text[a:b] for a, b in zip(edges, edges[1:])]


def break_text(text: str, first: float, rest: float | None = None) -> list[str]:
    """The lines of a paragraph whose first line holds `first` 字 and the others `rest` 字."""
    return list(_broken(text, first, first if rest is None else rest))


@functools.lru_cache(maxsize=4096)
def _broken(text: str, first: float, rest: float) -> tuple[str, ...]:
    """break_text's lines, found by bisection on running widths instead of measuring each line again.

    The same lines as adding atoms one by one while width(line + atom) fits (tests/render/test_lines.py)."""
    if not text:
        return ("",)
    if _WIDE.fullmatch(text):                           # the most common paragraph: no measuring needed
        return _broken_wide(text, first, rest)
    ends, at_ends = _measure(text)
    lines, start, room, forced = [], 0, first, 0
    while True:
        # width(text[start:e]) <= room, in thousandths of a 字
        meets = start and _meet(text[start - 1], text[start])
        limit = room * _EM + 1e-3 + _width_before(start, text, ends, at_ends) + _SPACE * meets
        k = max(bisect.bisect_right(at_ends, limit) - 1, forced)
        if ends[k] == len(text):
            return tuple(lines + [text[start:]])
        line, _ = _kinsoku(text[start:ends[k]], text[ends[k]:ends[k + 1]])
        lines.append(line)
        start, room, forced = start + len(line), rest, k + 1


def _broken_wide(text: str, first: float, rest: float) -> tuple[str, ...]:
    """_broken for text of Chinese characters and full-width marks only: each 1字, a line ends at a count."""
    lines, start, room, forced = [], 0, first, 1          # forced: a line holds at least up to here
    while True:
        end = max(min(start + int((room * _EM + 1e-3) // _EM), len(text)), forced)
        if end == len(text):
            return tuple(lines + [text[start:]])
        line, _ = _kinsoku(text[start:end], text[end])
        lines.append(line)
        start, room, forced = start + len(line), rest, end + 1


# Characters measured a run at a time: Chinese characters and full-width marks (1字 each, never Latin,
# never a space) and printable ASCII. Anything else is measured a character at a time.
_FAST_WIDE = "\u3001-\u303e\u4e00-\u9fff\uff01-\uff60“”‘’…—·"
_FAST = re.compile(f"[{_FAST_WIDE} -~]*")
_WIDE = re.compile(f"[{_FAST_WIDE}]*")
_SEGMENT = re.compile(f"([{_FAST_WIDE}]+)|([0-9A-Za-z#\\-./%]+)|(.)", re.S)
_EM, _SPACE = 1000, round(AUTOSPACE * 1000)


def _measure(text: str) -> tuple[list[int], list[int]]:
    """The ends of text's atoms, and the width of the text up to each (thousandths of a 字, spaces included)."""
    if not _FAST.fullmatch(text):
        return _measure_by_character(text)
    ends, widths, at, total, after_latin = [], [], 0, 0, False   # after_latin: the text so far ends in ASCII, no space
    for match in _SEGMENT.finditer(text):
        segment = match.group()
        size = len(segment)
        if match.start(1) >= 0:
            total += _SPACE if after_latin else 0          # counted from the end of the segment's first character
            ends.extend(range(at + 1, at + size + 1))
            widths.extend(range(total + _EM, total + _EM * size + 1, _EM))
            total += _EM * size
            after_latin = False
        else:
            total += _SPACE if at and not after_latin and text[at - 1] != " " and segment[0] != " " else 0
            total += _ascii_width(segment)
            ends.append(at + size)
            widths.append(total)
            after_latin = segment[-1] != " "
        at += size
    return ends, widths


def _width_before(start: int, text: str, ends: list[int], widths: list[int]) -> int:
    """The width of text[:start]: known where an atom ends, measured where a line split a Latin run."""
    if not start:
        return 0
    at = bisect.bisect_left(ends, start)
    return widths[at] if ends[at] == start else _measure(text[:start])[1][-1]


@functools.lru_cache(maxsize=4096)
def _ascii_width(segment: str) -> int:
    return sum(_LATIN.get(ch, 500) for ch in segment)


def _measure_by_character(text: str) -> tuple[list[int], list[int]]:
    glyphs = list(itertools.accumulate(map(_glyph, text), initial=0.0))
    meetings, ends = _meetings(text), _atom_ends(text)
    return ends, [round((glyphs[e] + AUTOSPACE * meetings[e]) * _EM) for e in ends]


def _atom_ends(text: str) -> list[int]:
    """Where each atom of _atoms ends: a run of Latin letters and digits is one atom, anything else one character."""
    ends, at = [], 0
    for latin, run in itertools.groupby(text, key=_latin):
        size = len(list(run))
        ends.extend([at + size] if latin else range(at + 1, at + size + 1))
        at += size
    return ends


def _meetings(text: str) -> list[int]:
    """counts[i]: how many Chinese–Latin meetings lie inside text[:i] (index 0 … len(text))."""
    marks, at = [0] * (len(text) + 1), 0
    for _, run in itertools.groupby(text, key=_wide):           # meetings can only be where a run ends
        if at and _meet(text[at - 1], text[at]):
            marks[at + 1] = 1
        at += sum(1 for _ in run)
    return list(itertools.accumulate(marks))


def _kinsoku(line: str, atom: str) -> tuple[str, str]:
    """Move a character down so the next line does not start with closing punctuation, nor this one end with opening."""
    carried = atom
    while line and (carried[0] in NO_LINE_START or line[-1] in NO_LINE_END) and len(line) > 1:
        line, carried = line[:-1], line[-1] + carried
    return line, carried


def line_count(text: str, first: float, rest: float | None = None) -> int:
    return len(break_text(text, first, rest))


def pack(items: list[str], first: float, rest: float) -> list[int]:
    """Where lines of items (each 职务+姓名 with its separator) break, as offsets: only between items.

    An item longer than a whole line starts a line of its own and wraps inside as the text will;
    the lines it makes are counted but not broken here.
    """
    breaks, current, used, room, offset = [], "", 0, first, 0      # used: width(current) in thousandths
    for item in items:
        size = _units(item)
        joined = used + size + (_SPACE if current and item and _meet(current[-1], item[0]) else 0)
        if current and joined > room * _EM + 1e-3 and size <= rest * _EM + 1e-3:
            breaks.append(offset)
            current, room, joined = "", rest, size
        current, used = current + item, joined
        offset += len(item)
        while used > room * _EM + 1e-3:
            head = break_text(current, room, rest)[0]
            current, room = current[len(head):], rest
            used = _units(current)
    return breaks


def no_lone_last_character(lines: list[str], room: float) -> list[str]:
    """Move a character down when the last line would hold a single one (the line above keeps at least two)."""
    if len(lines) < 2 or len(lines[-1]) != 1 or len(lines[-2]) < 3:
        return lines
    head, tail = _kinsoku(lines[-2][:-1], lines[-2][-1] + lines[-1])
    return [*lines[:-2], head, tail] if width(tail) <= room else lines
