"""HTML from content made harmless: no script, no event attributes, no javascript: links.

The documents' Markdown mixes the templates' own HTML blocks (class names for official
elements) with text from the content, which may hold raw HTML (`<script>` typed into a
summary), Markdown links (`[x](javascript:…)`) or attributes (`{: onclick=…}`). The HTML a
document becomes passes through `sanitize_html`: allowed tags and attributes are kept
exactly as written, so a document without raw HTML keeps its bytes; anything else is
dropped (script-like elements with their content, other tags keeping their text).
A document whose every tag is one of the plain allowed forms is recognised by one regular
expression and returned as it is, without parsing.
"""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser


ALLOWED_TAGS = {
    "p", "span", "div", "br", "hr", "em", "strong", "b", "i", "u", "s", "sub", "sup", "code", "pre", "blockquote",
    "ol", "ul", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tfoot", "tr", "td", "th",
    "caption", "colgroup", "col", "a", "wbr",
}
DROPPED_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "template", "noscript", "textarea", "title",
                        "xmp", "svg", "math", "select", "frameset", "frame", "noembed", "applet", "head"}
ALLOWED_ATTRIBUTES = {"class", "id", "colspan", "rowspan", "start", "align", "title", "alt", "href", "src", "style"}
SAFE_STYLE = re.compile(r"^\s*text-align:\s*(left|right|center|justify);?\s*$")
SAFE_SCHEMES = ("http:", "https:", "mailto:")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.\-]*:")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f]+")
_ALLOWED_NAMES = "|".join(sorted(ALLOWED_TAGS - {"a"}, key=len, reverse=True))
_PLAIN_TAG = re.compile(rf'</?(?:{_ALLOWED_NAMES})(?:\s+(?:class|id|colspan|rowspan|start|align|title|data-[a-z][a-z-]*)="[^"<>]*")*\s*/?>')


def safe_url(value: str) -> bool:
    """A link or image address that cannot run script: relative, #anchor, http(s) or mailto."""
    plain = _INVISIBLE.sub("", html.unescape(value)).lower()
    return not _SCHEME.match(plain) or plain.startswith(SAFE_SCHEMES)


def attribute_allowed(name: str, value: str | None) -> bool:
    name = name.lower()
    if name.startswith("data-"):
        return not name.startswith("data-on")
    if name not in ALLOWED_ATTRIBUTES:
        return False
    if name in ("href", "src"):
        return safe_url(value or "")
    if name == "style":
        return bool(SAFE_STYLE.match(value or ""))
    return True


class _Cleaner(HTMLParser):
    """Re-emits a fragment event by event: allowed tags as written, the rest dropped, text escaped."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.skipping: list[str] = []         # open elements dropped with their content

    def handle_starttag(self, tag, attrs):
        self._start(tag, attrs, self.get_starttag_text(), closed=False)

    def handle_startendtag(self, tag, attrs):
        self._start(tag, attrs, self.get_starttag_text(), closed=True)

    def _start(self, tag, attrs, written, closed):
        if self.skipping or tag in DROPPED_WITH_CONTENT:
            if not closed and tag in DROPPED_WITH_CONTENT:
                self.skipping.append(tag)
            return
        if tag not in ALLOWED_TAGS:
            return
        if _PLAIN_TAG.fullmatch(written):      # as the templates write tags: kept byte for byte
            self.out.append(written)
            return
        kept = "".join(f' {name}="{html.escape(value or "", quote=True)}"' for name, value in attrs
                       if attribute_allowed(name, value))
        self.out.append(f"<{tag}{kept}{' /' if closed else ''}>")

    def handle_endtag(self, tag):
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.pop()
            return
        if tag in ALLOWED_TAGS:
            self.out.append(f"</{tag}>")

    def handle_data(self, data):
        if not self.skipping:
            self.out.append(data.replace("<", "&lt;"))

    def handle_entityref(self, name):
        if not self.skipping:
            self.out.append(f"&{name};")

    def handle_charref(self, name):
        if not self.skipping:
            self.out.append(f"&#{name};")


def clean_html(fragment: str) -> str:
    """The fragment with only allowed tags and attributes; a fragment that has only those is returned as it is."""
    cleaner = _Cleaner()
    cleaner.feed(fragment)
    cleaner.close()
    cleaned = "".join(cleaner.out)
    if cleaner.rawdata:                        # an unfinished tag at the end: keep it as visible text
        cleaned += html.escape(cleaner.rawdata, quote=False)
    return cleaned


def sanitize_html(fragment: str) -> str:
    """The fragment made safe; unchanged when it holds only plain allowed tags (the common case, found fast)."""
    if "<" not in _PLAIN_TAG.sub("", fragment):
        return fragment
    return clean_html(fragment)


# -- HTML typed into the content ----------------------------------------------------------------------
# A tag in a content field (an unclosed <table>, a stray </div>) would take the template's own markup
# with it; so content reaches the templates with its tags taken out and its text kept (what a script
# or style element holds is not text: it goes too, where the element closes within the same field).
_WITH_CONTENT = "|".join(sorted(DROPPED_WITH_CONTENT))
_DROPPED_ELEMENT = re.compile(rf"<({_WITH_CONTENT})\b[^>]*>.*?</\1\s*>", re.I | re.S)
_MARKUP = re.compile(r"<!--.*?-->|<!--|-->|</?[A-Za-z][^<>]*>|<![A-Za-z][^<>]*>|<\?[^<>]*\?>", re.S)


def strip_tags(text: str) -> str:
    """The text of a content field without HTML tags and comments."""
    if "<" not in text and "-->" not in text:
        return text
    return _MARKUP.sub("", _DROPPED_ELEMENT.sub("", text))


def without_tags(value):
    """A document's context with every text stripped of HTML tags (dicts, lists and tuples walked)."""
    if isinstance(value, str):
        return strip_tags(value)
    if isinstance(value, dict):
        return {key: without_tags(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(without_tags(item) for item in value)
    return value
