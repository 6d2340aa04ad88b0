"""The one Jinja environment (documents, site, Word parts) and the Markdown converter, built once per process."""
from __future__ import annotations

import re
from functools import lru_cache

import jinja2
import markupsafe
import markdown

from .. import text
from ..settings import TEMPLATES
from . import fastmd
from .sanitize import sanitize_html, without_tags
from .titles import title_lines


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(["html.j2"], default=False),
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(person=text.person, cn_date=text.cn_date, pad=text.pad_name, cn_number=text.cn_number, points=text.points,
                       cn_time=text.cn_time, md_inline=md_inline, title_break=title_break)
    return env


@lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=["attr_list", "tables", "sane_lists"], output_format="html")


_LIST_AFTER_TEXT = re.compile(r"(?m)^(?![ \t]*(?:[-*+]|\d+[.)])[ \t])(?=\S)(.+)\n(?=[ \t]*(?:[-*+]|\d+[.)])[ \t])")


def _markdown(source: str) -> str:
    converter = _converter()
    converter.reset()
    return converter.convert(source)


def md_to_html(source: str) -> str:
    """HTML of the documents' Markdown: Python-Markdown's output, plain and raw HTML blocks taken the short way;
    sanitised, so that HTML, links and attributes written in the content cannot run script (sanitize.py)."""
    # Clerks start a list right under its lead-in line; Markdown wants a blank line there.
    source = _LIST_AFTER_TEXT.sub(r"\1\n\n", source)
    return sanitize_html(text.tidy_cjk(fastmd.convert(source, _markdown, _block_tags())))


@lru_cache(maxsize=1)
def _block_tags() -> frozenset[str]:
    return frozenset(_converter().block_level_elements)


def title_break(title: str) -> markupsafe.Markup:
    """A long title as two lines (HTML line break), split between words."""
    return markupsafe.Markup("<br />").join(markupsafe.escape(line) for line in title_lines(title))


def md_inline(source: str) -> str:
    """Markdown of one paragraph without its <p> wrapper, for use inside raw HTML (sanitised like md_to_html)."""
    html = md_to_html(source or "")
    return html[3:-4] if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1 else html


def render_markdown(template: str, context: dict) -> str:
    """The document's Markdown: the template's own HTML, and the content's text with any tags typed in it taken out."""
    return environment().get_template(template).render(**without_tags(context))


PAGE_START, PAGE_END = '<main class="page">', "</main>"


def render_page(title: str, body_html: str) -> str:
    """The document as a web page; the marks that keep names whole in print are dropped."""
    return environment().get_template("page.html.j2").render(title=title, body=text.without_name_marks(body_html))


def page_fragment(page: str) -> str:
    """The document's own HTML inside a page made by render_page."""
    return page.split(PAGE_START, 1)[1].rsplit(PAGE_END, 1)[0]
