"""HTML written in the content cannot run script: not in a document's .html, not in its .docx, not on the site."""
from __future__ import annotations

import re

import pytest

from ipdocs.outputs.site import build_site
from ipdocs.read.content import load_content
from ipdocs.documents import all_documents
from ipdocs.render.env import md_inline, md_to_html
from ipdocs.render.sanitize import sanitize_html
from support import Docx, build_all

MEETING = "2022-12-15-joint-1"
UNSAFE = re.compile(r"<script|<img|<iframe|<svg|<[^>]*\son\w+\s*=|<[^>]*javascript:", re.I)   # markup, not text


@pytest.mark.parametrize("hostile, kept", [
    ("<script>alert(1)</script>", ""),
    ("<img src=x onerror=alert(1)>", ""),
    ('<p onclick="alert(1)">文字</p>', "<p>文字</p>"),
    ('<a href="javascript:alert(1)">链接</a>', "<a>链接</a>"),
    ('<a href=" &#106;ava&#x09;script:alert(1)">链接</a>', "<a>链接</a>"),
    ("<svg><g onload=alert(1)></g></svg>文字", "文字"),
    ("<iframe src=https://example.org></iframe>", ""),
    ("<!-- 注释 --><p>文字</p>", "<p>文字</p>"),
    ("<p>未闭合 <b", "<p>未闭合 &lt;b"),
    ('<td style="background:url(javascript:x)">格</td>', "<td>格</td>"),
])
def test_unsafe_html_is_dropped_and_the_text_around_it_kept(hostile, kept):
    assert sanitize_html(hostile) == kept


@pytest.mark.parametrize("safe", [
    '<p class="mark long">西市区人民政府知识产权联席会议纪要</p>',
    '<table class="imprint" data-widths="1">\n<tbody>\n<tr><td colspan="2">抄送：区政府办</td></tr>\n</tbody>\n</table>',
    '<td style="text-align: center;">1</td>', '<a href="https://example.org/?a=1&amp;b=2">链接</a>', "<hr class=\"landscape\" />",
    "<p>1 &lt; 2 &amp; 3</p>",
])
def test_what_the_templates_and_markdown_write_keeps_its_bytes(safe):
    assert sanitize_html(safe) == safe


def test_every_shipped_document_keeps_its_bytes(monkeypatch):
    """A tag or attribute a template starts to use must be allowed in sanitize.py, or it would vanish here."""
    from ipdocs.render import env
    from ipdocs.render.env import render_markdown
    from support import REPO
    documents = all_documents(load_content(REPO / "content"))
    sanitised = [md_to_html(render_markdown(d.template, d.context)) for d in documents]
    monkeypatch.setattr(env, "sanitize_html", lambda html: html)
    as_written = [md_to_html(render_markdown(d.template, d.context)) for d in documents]
    assert [d.path for d, a, b in zip(documents, sanitised, as_written) if a != b] == []


def test_markdown_links_and_attribute_lists_from_content_are_made_safe():
    html = md_to_html('见[通知](javascript:alert(1))。\n\n会议指出\n{: onclick="alert(1)" }\n\n# 标题 {: onclick="alert(1)" .x }\n')
    assert html == '<p>见<a>通知</a>。</p>\n<p>会议指出</p>\n<h1 class="x">标题</h1>'
    assert not UNSAFE.search(html)
    assert not UNSAFE.search(md_inline("**加粗**<script>alert(1)</script>")) and "<strong>加粗</strong>" in md_inline("**加粗**")


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    """The shipped content with raw HTML, a javascript: link and an event attribute in one meeting."""
    from support import REPO
    import shutil
    project = tmp_path_factory.mktemp("hostile")
    shutil.copytree(REPO / "content", project / "content")
    path = project / "content" / "meetings" / f"{MEETING}.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("topic: 研究部署", 'topic: "<img src=x onerror=alert(1)>研究部署', 1).replace(
        "工作检查考核指标落实工作\n", '工作检查考核指标落实工作"\n', 1)
    text = text.replace("  会议指出，", "  <script>alert('summary')</script>见[附件](javascript:alert(1)){: onclick=\"alert(2)\" }。\n\n  会议指出，", 1)
    path.write_text(text, encoding="utf-8")
    built = build_all(project / "content", project / "output")
    content = load_content(project / "content")
    build_site(content, all_documents(content), project / "output")
    return project, built


def test_a_meetings_html_and_the_site_hold_no_script(hostile_build):
    project, built = hostile_build
    minutes = built[f"minutes:{MEETING}"]
    pages = [minutes.with_suffix(".html"), project / "output" / "site" / "meetings" / f"{MEETING}.html",
             project / "output" / "site" / "index.html", project / "output" / "site" / "meetings.html"]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert not UNSAFE.search(html), (page, UNSAFE.search(html))
    assert "研究部署" in minutes.with_suffix(".html").read_text(encoding="utf-8")


def test_the_docx_opens_and_says_the_text_without_the_markup(hostile_build):
    _, built = hostile_build
    text = Docx(built[f"minutes:{MEETING}"]).all_text()
    assert "研究部署" in text and "见附件。" in text
    assert "alert" not in text and "script" not in text and "onerror" not in text


@pytest.mark.parametrize("summary_tail, decision_head", [
    ("\n\n  前文\n  <table>\n  后文", "<div>没关闭的div"),
    ("\n\n  前文<textarea>之后", "事项<script>未关闭"),
    ("\n\n  第一段</div>第二段</p>第三段\n\n  </table>\n\n  第四段", "<p>事项段</p>尾<!-- 未闭合"),
])
def test_tags_typed_into_the_content_lose_no_text_of_it_or_of_the_document(tmp_path, summary_tail, decision_head):
    """Unclosed or stray tags in a field are taken out before the template sees them: every word stays."""
    import shutil
    from support import REPO
    shutil.copytree(REPO / "content", tmp_path / "content")
    path = tmp_path / "content" / "meetings" / f"{MEETING}.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("做到责任到人、材料齐全。\n", "做到责任到人、材料齐全。" + summary_tail + "\n", 1)
    text = text.replace("  - text: 由区市场监管局牵头", "  - text: " + decision_head + "由区市场监管局牵头", 1)
    path.write_text(text, encoding="utf-8")
    built = build_all(tmp_path / "content", tmp_path / "output")
    docx_text = re.sub(r"\s", "", Docx(built[f"minutes:{MEETING}"]).all_text())
    html_text = re.sub(r"<[^>]+>|\s", "", built[f"minutes:{MEETING}"].with_suffix(".html").read_text(encoding="utf-8"))
    def words(field: str) -> list[str]:
        return [w for w in re.split(r"<[^>]*>|<!--|\s+", field) if w]
    words = [*words(summary_tail), "会议议定如下事项", *words(decision_head), "由区市场监管局牵头", "出席", "请假", "列席",
             "分送"]
    for found in (docx_text, html_text):
        at = 0
        for word in words:
            at = found.find(word, at)
            assert at >= 0, (word, found[-300:])
