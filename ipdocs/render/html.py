"""The HTML fragment as a tree of plain lxml elements, and the two things read from each element.

lxml.html would give every element a Python class through a lookup at each access: the walker
reads thousands of elements per document, so it parses with the same libxml2 HTML parser
without that lookup (the same tree), and reads class names and text through these helpers.
"""
from __future__ import annotations

from lxml import etree

_PARSER = etree.HTMLParser(huge_tree=True)      # no depth limit: text nested 300 deep (Markdown > > > …) is kept


def parse_fragment(fragment: str):
    """The element holding the fragment's elements (as lxml.html.fragment_fromstring parses a fragment: inside a
    page's body, so that a stray closing tag in the content cannot end the container early)."""
    return etree.fromstring(f"<html><body>{fragment}</body></html>", _PARSER).find("body")


def classes(el) -> list[str]:
    return (el.get("class") or "").split()


def text_of(el) -> str:
    """The element's text with its descendants' (lxml.html's text_content)."""
    return "".join(el.itertext()) if len(el) else el.text or ""
