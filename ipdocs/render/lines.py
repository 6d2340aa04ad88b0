"""Chinese text on the 28-character grid: how wide a text is, and where its lines break.

Word puts 28 characters of 3号 on a 156 mm line (docGrid); a Chinese character or
full-width mark is 1字, a Latin letter or digit about half. Lines break between any
two Chinese characters except that no line starts with closing punctuation or ends
with opening punctuation (GB/T 15834 practice, Word's and LibreOffice's kinsoku), and
a run of Latin letters or digits is not broken. Knowing this, the writer can choose
the breaks in lists of names itself, and tell how many lines a paragraph takes.
"""
from __future__ import annotations

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


def _wide(ch: str) -> bool:
    return ord(ch) > 0x7F and unicodedata.east_asian_width(ch) in "WFA"


def width(text: str) -> float:
    """Width in 字: a Chinese character or full-width mark is 1, Latin about half, plus ¼字 where they meet."""
    glyphs = sum(1.0 if _wide(ch) else _LATIN.get(ch, 500) / 1000 for ch in text)
    meetings = sum(1 for a, b in zip(text, text[1:]) if _wide(a) != _wide(b) and not a.isspace() and not b.isspace())
    return glyphs + AUTOSPACE * meetings


def _atoms(text: str) -> list[str]:
    """Units a line may not break inside: one Chinese character, or a run of Latin letters and digits."""
    atoms: list[str] = []
    for ch in text:
        latin = ord(ch) < 0x2E80 and (ch.isalnum() or ch in "#-./%")
        if atoms and latin and atoms[-1] and ord(atoms[-1][-1]) < 0x2E80 and (atoms[-1][-1].isalnum() or atoms[-1][-1] in "#-./%"):
            atoms[-1] += ch
        else:
            atoms.append(ch)
    return atoms


def break_text(text: str, first: float, rest: float | None = None) -> list[str]:
    """The lines of a paragraph whose first line holds `first` 字 and the others `rest` 字."""
    rest = first if rest is None else rest
    lines, current, room = [], "", first
    for atom in _atoms(text):
        if current and width(current + atom) > room + 1e-6:
            current, carried = _kinsoku(current, atom)
            lines.append(current)
            current, room = carried, rest
        else:
            current += atom
    return lines + [current] if current or not lines else lines


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
    breaks, current, room, offset = [], "", first, 0
    for item in items:
        if current and width(current + item) > room + 1e-6 and width(item) <= rest + 1e-6:
            breaks.append(offset)
            current, room = "", rest
        current += item
        offset += len(item)
        while width(current) > room + 1e-6:
            head = break_text(current, room, rest)[0]
            current, room = current[len(head):], rest
    return breaks


def no_lone_last_character(lines: list[str], room: float) -> list[str]:
    """Move a character down when the last line would hold a single one (the line above keeps at least two)."""
    if len(lines) < 2 or len(lines[-1]) != 1 or len(lines[-2]) < 3:
        return lines
    head, tail = _kinsoku(lines[-2][:-1], lines[-2][-1] + lines[-1])
    return [*lines[:-2], head, tail] if width(tail) <= room else lines
