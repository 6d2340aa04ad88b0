"""Line breaks the writer chooses itself, where Word's and LibreOffice's own would split a name.

Lists of people (出席、请假、列席) break only between items; a person's name in any paragraph
(marked by the documents: text.person) never splits across a line end — a line break goes
before it; roster lines wrap their job title under the title column without leaving one
character alone. The breaks are explicit (<w:br/>), so Word and LibreOffice agree; settings.xml
asks Word not to stretch a justified line that ends in one (doNotExpandShiftReturn).
"""
from __future__ import annotations

import bisect
import re

from ..text import NAME_END, NAME_START, without_name_marks
from .blocks import Run
from .lines import break_text, no_lone_last_character, pack

_MARKS = re.compile(f"[{NAME_START}{NAME_END}]")


def take_name_marks(runs: list[Run]) -> tuple[list[Run], list[tuple[int, int]]]:
    """The runs without name marks, and where each marked name stands in their joined text."""
    ranges, start = [], None
    for count, mark in enumerate(_MARKS.finditer("".join(r.text for r in runs if r.kind == "text"))):
        at = mark.start() - count                     # where the mark stands once the marks before it are gone
        if mark.group() == NAME_START:
            start = at
        else:
            if start is not None:
                ranges.append((start, at))
            start = None
    clean = [run if run.kind != "text" or not _MARKS.search(run.text) else
             Run(without_name_marks(run.text), run.style, run.size) for run in runs]
    return [r for r in clean if r.kind != "text" or r.text], ranges


def split_runs(runs: list[Run], breaks: list[int]) -> list[Run]:
    """The runs with a line break at each offset of their joined text."""
    out, offset, cuts = [], 0, sorted(set(breaks))
    for run in runs:
        if run.kind != "text":
            out.append(run)
            continue
        end = offset + len(run.text)
        inside = cuts[bisect.bisect_right(cuts, offset):bisect.bisect_left(cuts, end)]
        if not inside:
            out.append(run)
        else:
            edges = [0, *(cut - offset for cut in inside), len(run.text)]
            for a, b in zip(edges, edges[1:]):
                out += [Run(run.text[a:b], run.style, run.size), Run(kind="br")]
            out.pop()
        if end in cuts and run is not runs[-1]:
            out.append(Run(kind="br"))
        offset = end
    return [r for r in out if r.kind != "text" or r.text]


def offsets(lines: list[str], start: int = 0) -> list[int]:
    """Where each line after the first starts, in the joined text."""
    positions, total = [], start
    for line in lines[:-1]:
        total += len(line)
        positions.append(total)
    return positions


def item_breaks(items: list[str], prefix: str, room: tuple[float, float]) -> list[int]:
    """A list of items after a label (出席：…): lines break only between items."""
    first, rest = room
    return pack([prefix + items[0], *items[1:]] if items else [prefix], first, rest)


def lone_character_breaks(text: str, room: tuple[float, float]) -> list[int]:
    """A short paragraph set by its own rule (a roster line): no line holding a single character."""
    first, rest = room
    lines = no_lone_last_character(break_text(text, first, rest), rest)
    return offsets(lines) if len(lines) > 1 else []


def name_breaks(text: str, breaks: list[int], names: list[tuple[int, int]], room: tuple[float, float]) -> list[int]:
    """More breaks, each just before a name that the natural line ends would split."""
    first, rest = room
    result, edges = list(breaks), [0, *sorted(breaks), len(text)]
    for seg_start, seg_end in zip(edges, edges[1:]):
        pos, width = seg_start, first if seg_start == 0 else rest
        while True:
            ends = offsets(break_text(text[pos:seg_end], width, rest), pos)
            if not ends:
                break
            # Widths are known to about a character: a line ending next to a name may end inside it, so the
            # break goes before the name, explicitly, also where it would naturally fall there.
            split = next((s for s, t in names for e in ends if s - 1 <= e <= t and s > pos and s not in result), None)
            if split is None:
                break
            result.append(split)
            pos, width = split, rest
    return sorted(set(result))


def fit(runs: list[Run], room: tuple[float, float], items: list[str] | None = None, prefix: str = "",
        own_rule: bool = False) -> list[Run]:
    """The paragraph's runs with the breaks chosen here (items, lone characters, whole names)."""
    runs, names = take_name_marks(runs)
    text = "".join(r.text for r in runs if r.kind == "text")
    if any(r.kind == "br" for r in runs):                # lines the template already breaks: leave them
        return runs
    breaks = item_breaks(items, prefix, room) if items else lone_character_breaks(text, room) if own_rule else []
    breaks = name_breaks(text, breaks, names, room) if names else breaks
    return split_runs(runs, breaks) if breaks else runs
