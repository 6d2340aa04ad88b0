"""Line breaks the writer chooses itself, where Word's and LibreOffice's own would split a name.

Lists of people (出席、请假、列席) break only between items; roster lines wrap their job title
under the title column without leaving one character alone. The breaks are explicit
(<w:br/>), so Word and LibreOffice agree; settings.xml asks Word not to stretch a justified
line that ends in one (doNotExpandShiftReturn).
"""
from __future__ import annotations

from .blocks import Run
from .lines import break_text, no_lone_last_character, pack


def split_runs(runs: list[Run], breaks: list[int]) -> list[Run]:
    """The runs with a line break at each offset of their joined text."""
    out, offset, cuts = [], 0, sorted(set(breaks))
    for run in runs:
        if run.kind != "text":
            out.append(run)
            continue
        start = 0
        for cut in (c - offset for c in cuts if offset < c < offset + len(run.text)):
            out += [Run(run.text[start:cut], run.style, run.size), Run(kind="br")]
            start = cut
        out.append(Run(run.text[start:], run.style, run.size))
        if any(c == offset + len(run.text) for c in cuts) and run is not runs[-1]:
            out.append(Run(kind="br"))
        offset += len(run.text)
    return [r for r in out if r.kind != "text" or r.text]


def offsets(lines: list[str]) -> list[int]:
    """Where each line after the first starts, in the joined text."""
    positions, total = [], 0
    for line in lines[:-1]:
        total += len(line)
        positions.append(total)
    return positions


def fit_items(runs: list[Run], items: list[str], prefix: str, room: tuple[float, float]) -> list[Run]:
    """A list of items after a label (出席：…): lines break only between items."""
    first, rest = room
    lines = pack([prefix + items[0], *items[1:]] if items else [prefix], first, rest)
    return split_runs(runs, offsets(lines))


def fit_text(runs: list[Run], room: tuple[float, float]) -> list[Run]:
    """A short paragraph set by its own rule: no line holding a single character."""
    first, rest = room
    text = "".join(r.text for r in runs if r.kind == "text")
    lines = no_lone_last_character(break_text(text, first, rest), rest)
    return split_runs(runs, offsets(lines)) if len(lines) > 1 else runs
