"""Markdown → HTML for the documents, with Python-Markdown's output for a fraction of its work.

Most of a document's Markdown is blocks Python-Markdown passes through (the raw HTML blocks of
the official elements) or wraps in <p> unchanged (paragraphs of plain text). Python-Markdown
still runs every preprocessor, block processor and inline pattern over them, which is most of
the time a document takes to render. Here the source is cut at blank lines into chunks:

- a raw HTML chunk (a block-level tag at its start, every element closed at the end of a line)
  comes out as it is;
- a plain chunk (no character Markdown gives meaning to, no leading or trailing blank on any line)
  comes out inside <p> … </p>, its **strong** runs as <strong>;
- a numbered list of plain items (1. … 2. …), between chunks taken the short way, comes out as <ol>;
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
_STRONG = re.compile(r"\*\*([^*\s](?:[^*]*[^*\s])?)\*\*")
_ITEM = re.compile(r"(\d+)\.[ ]+(.*)")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)(?:\s[^<>]*?)?(/?)>")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def is_plain(chunk: str) -> bool:
    """Text Python-Markdown would wrap in <p> and leave as it is."""
    if _SPECIAL.intersection(chunk):
        return False
    return all(line and not line[0].isspace() and not line[-1].isspace() and not _LIST_OR_QUOTE.match(line)
               for line in chunk.split("\n"))


def inline(text: str) -> str | None:
    """The HTML of text that is plain but for **strong** runs of plain text, as Python-Markdown writes it."""
    if "*" not in text:
        return text if is_plain(text) else None
    if not is_plain(_STRONG.sub("字", text)):
        return None
    if any(_SPECIAL.intersection(inner) or "\n" in inner for inner in _STRONG.findall(text)):
        return None
    return _STRONG.sub(r"<strong>\1</strong>", text)


def ordered_list(chunk: str) -> str | None:
    """A list numbered from 1, one item a line, each item inline text: its <ol>."""
    items = [_ITEM.fullmatch(line) for line in chunk.split("\n")]
    if not all(items) or items[0].group(1) != "1":
        return None
    texts = [inline(item.group(2)) for item in items]
    if None in texts:
        return None
    return "<ol>\n" + "".join(f"<li>{text}</li>\n" for text in texts) + "</ol>"


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
    pieces, closed_here = _TAG.split(line), False      # text, then (closing, name, self-closing, text) per tag
    for at in range(1, len(pieces), 4):
        between, closing, name, self_closing = pieces[at - 1], pieces[at], pieces[at + 1].lower(), pieces[at + 2]
        if "<" in between or (not open_tags and (between.strip() or closed_here)):
            return False                     # a stray "<", text outside elements, a second element on the line
        if closing:
            if not open_tags or open_tags.pop() != name:
                return False
        elif not self_closing and name not in VOID:
            open_tags.append(name)
        closed_here = closed_here or not open_tags
    rest = pieces[-1]
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
    spans = list(chunks(text))
    short = [None if text.startswith("<", start) else _short(text[start:end]) for start, end in spans]
    parts: list[str] = []
    pending: tuple[int, int] | None = None         # a run of Markdown chunks, as a span of text
    for at, (start, end) in enumerate(spans):
        chunk, html = text[start:end], short[at]
        if html is not None and html.startswith("<ol>") and not _alone(text, spans, short, at):
            html = None                             # next to other Markdown a list may continue or merge
        if html is not None or chunk.startswith("<"):
            if pending:
                parts.append(markdown(text[pending[0]:pending[1]]))
                pending = None
            if html is not None:
                parts.append(html)
            elif is_raw_block(chunk, block_tags):
                parts.append(chunk + "\n")
            else:
                return markdown(source)
        elif "<" in chunk:                           # HTML inside Markdown text: Python-Markdown decides
            return markdown(source)
        else:
            pending = (pending[0] if pending else start, end)
    if pending:
        parts.append(markdown(text[pending[0]:pending[1]]))
    return "\n".join(parts).strip()


def _short(chunk: str) -> str | None:
    """The chunk's HTML when it is a plain paragraph or list; None when Python-Markdown must see it."""
    if chunk[:1].isdigit():
        listed = ordered_list(chunk)
        if listed is not None:
            return listed
    paragraph = inline(chunk)
    return None if paragraph is None else f"<p>{paragraph}</p>"


def _alone(text: str, spans: list[tuple[int, int]], short: list[str | None], at: int) -> bool:
    """The chunks around a list are paragraphs or raw HTML: nothing it could continue into or merge with."""
    def apart(n: int) -> bool:
        if not 0 <= n < len(spans):
            return True
        return text.startswith("<", spans[n][0]) or (short[n] or "").startswith("<p>")
    return apart(at - 1) and apart(at + 1)
