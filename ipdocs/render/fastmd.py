"""Markdown → HTML for the documents, with Python-Markdown's output for a fraction of its work.

Most of a document's Markdown is blocks Python-Markdown passes through (the raw HTML blocks of
the official elements) or wraps in <p> unchanged (paragraphs of plain text). Python-Markdown
still runs every preprocessor, block processor and inline pattern over them, which is most of
the time a document takes to render. Here the source is cut at blank lines into chunks:

- a raw HTML chunk (a block-level tag at its start, every element closed at the end of a line)
  comes out as it is;
- a plain chunk (no character Markdown gives meaning to, no leading or trailing blank on any line)
  comes out inside <p> … </p>;
- runs of other chunks are converted by Python-Markdown, each run as one unit.

The parts are joined as Python-Markdown joins the top-level elements it writes (a raw HTML block
keeps its own newline). A source this cannot be sure of (reference links, a chunk beginning with
markup that is not a closed block, HTML lines inside Markdown text, tabs, carriage returns) goes
to Python-Markdown whole. tests/render/test_fastmd.py compares the two on generated documents.
"""
from __future__ import annotations

import re
from typing import Callable

_BLANK_LINES = re.compile(r"\n(?:[ ]*\n)+")
_SPECIAL = set("\\`*_[]{}<>#!|~&=\r\t\x02\x03")
_LIST_OR_QUOTE = re.compile(r"^(?:[-+*>]|\d+[.)])")
_FALLBACK = re.compile(r"\]:|[\r\t\x02\x03]|(?:^|\n)[ ]+(?:\n|$)")
_START_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9]*)")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)(?:\s[^<>]*?)?(/?)>")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def is_plain(chunk: str) -> bool:
    """Text Python-Markdown would wrap in <p> and leave as it is."""
    if _SPECIAL.intersection(chunk):
        return False
    return all(line and not line[0].isspace() and not line[-1].isspace() and not _LIST_OR_QUOTE.match(line)
               for line in chunk.split("\n"))


def is_raw_block(chunk: str, block_tags) -> bool:
    """A chunk Python-Markdown keeps as one raw HTML block: each line that starts outside an element starts
    with a block-level tag, elements nest and close, no text stands outside them, and none is left open."""
    open_tags: list[str] = []
    for line in chunk.split("\n"):
        if not open_tags:
            match = _START_TAG.match(line)
            if not match or match.group(1).lower() not in block_tags:
                return False
        if not _raw_line(line, open_tags):
            return False
    return not open_tags and chunk.endswith(">")


def _raw_line(line: str, open_tags: list[str]) -> bool:
    """Follow one line's tags on the stack of open elements; False at anything a raw block would not hold."""
    position, closed_here = 0, False
    for tag in _TAG.finditer(line):
        between = line[position:tag.start()]
        if "<" in between or (not open_tags and (between.strip() or closed_here)):
            return False                     # a stray "<", text outside elements, a second element on the line
        position = tag.end()
        closing, name, self_closing = tag.group(1), tag.group(2).lower(), tag.group(3)
        if closing:
            if not open_tags or open_tags.pop() != name:
                return False
        elif not self_closing and name not in VOID:
            open_tags.append(name)
        closed_here = closed_here or not open_tags
    rest = line[position:]
    return "<" not in rest and (bool(open_tags) or not rest.strip())


def chunks(source: str):
    """The chunks between blank lines, each with where it starts and ends in source."""
    position = 0
    for blank in [*_BLANK_LINES.finditer(source), None]:
        end = blank.start() if blank else len(source)
        if end > position:
            yield position, end
        position = blank.end() if blank else end


def convert(source: str, markdown: Callable[[str], str], block_tags) -> str:
    """source as Python-Markdown (the function markdown) would convert it."""
    if _FALLBACK.search(source):
        return markdown(source)
    text = source.strip("\n")
    parts: list[str] = []
    pending: tuple[int, int] | None = None         # a run of Markdown chunks, as a span of text
    for start, end in chunks(text):
        chunk = text[start:end]
        if is_plain(chunk) or chunk.startswith("<"):
            if pending:
                parts.append(markdown(text[pending[0]:pending[1]]))
                pending = None
            if is_plain(chunk):
                parts.append(f"<p>{chunk}</p>")
            elif is_raw_block(chunk, block_tags):
                parts.append(chunk + "\n")
            else:
                return markdown(source)
        elif any(line.startswith("<") for line in chunk.split("\n")):
            return markdown(source)
        else:
            pending = (pending[0] if pending else start, end)
    if pending:
        parts.append(markdown(text[pending[0]:pending[1]]))
    return "\n".join(parts).strip()
