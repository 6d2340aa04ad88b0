"""The walker's HTML tree is lxml.html's, element for element, whatever tags the content leaves open or closes."""
from __future__ import annotations

import lxml.html
from hypothesis import given, settings, strategies as st
from lxml import etree

from ipdocs.render.docx import document_parts
from ipdocs.render.html import parse_fragment, text_of

PIECES = ["<p>", "</p>", "<div>", "</div>", "<table>", "<tr>", "<td>", "</td>", "</tr>", "</table>", "</body>",
          "</html>", "<span class=\"item\">", "</span>", "<br />", "<em>", "</em>", "文字", "尾巴", "\n", "&amp;"]


def same_tree(fragment: str) -> bool:
    expected = lxml.html.fragment_fromstring(fragment, create_parent="div")
    found = parse_fragment(fragment)
    return [etree.tostring(el) for el in expected] == [etree.tostring(el) for el in found] \
        and (expected.text or "").strip() == (found.text or "").strip()      # the walker reads the elements


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14).map("".join))
def test_the_tree_is_the_one_lxml_html_parses(fragment):
    assert same_tree(fragment)


def test_a_stray_closing_tag_in_the_content_loses_nothing_after_it():
    assert [text_of(el) for el in parse_fragment("<p>前</p></div><p>后</p>")] == ["前", "后"]
    document, _ = document_parts("<p>前</p></div><p>后</p>")
    assert "前" in document and "后" in document


def test_a_numbered_list_keeps_the_numbers_written():
    document, _ = document_parts('<ol start="3">\n<li>第三项</li>\n<li>第四项</li>\n</ol>')
    assert document.index(">3.<") < document.index("第三项") < document.index(">4.<") < document.index("第四项")


def test_text_between_blocks_and_deep_inside_them_reaches_the_document():
    document, _ = document_parts("<div>整段在div里的文字</div>\n<p>事项段</p>尾\n" + "<blockquote>" * 300 + "深处"
                                 + "</blockquote>" * 300 + "\n<p>之后的段落</p>")
    texts = [document.index(t) for t in ("整段在div里的文字", "事项段", "尾", "深处", "之后的段落")]
    assert texts == sorted(texts)
