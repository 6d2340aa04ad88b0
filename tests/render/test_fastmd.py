"""The short way through Markdown gives Python-Markdown's own output, byte for byte."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from ipdocs.render import fastmd
from ipdocs.render.env import _block_tags, _markdown

PLAIN = ["会议通报了上次会议议定事项的落实情况。", "研究了知识产权保护工作中存在的问题，", "2022年11月14日上午9:30（星期一）",
         "区政府三楼第一会议室", "一、由区法院牵头", "a b c", "1号楼", "“引号”与‘单引号’"]
MARKUP = ["**加粗**的话", "*斜体*", "1. 第一项", "2. 第二项", "- 列表项", "  缩进的行", "    代码", "> 引用",
          "# 标题", "---", "===", "a & b", "x < y", "5 > 3", "[链接](http://example.com)", "[a][b]", "[b]: http://x",
          "行尾两个空格  ", "`代码`", "| a | b |", "|---|---|", "{: .class}", "\\*转义", "　全角空格开头", "\t制表符",
          "要**对照考核指标**落实", "**a**b**c**", "** 空格 **", "***强***", "**a*b**", "**未闭合", "a**b", "**_x_**",
          "**甲 乙**", "1. 第一项", "3. 第三项", "10. 十", "1.  两个空格", "1. **强**调", "1. ", "1) 括号", "01. 零一",
          "2. **a** b **c**"]
HTML = ['<p class="mark long">西市区人民政府知识产权联席会议纪要</p>', '<p class="issue">〔2022〕1号</p>',
        '<p><em>（牵头单位：区法院；完成时限：2022年12月15日前）</em></p>', '<hr class="landscape" />',
        '<table class="imprint" data-widths="1">\n<tbody>\n<tr><td>分送：各成员单位</td></tr>\n</tbody>\n</table>',
        '<p class="attend"><span class="label">请假：</span>某某（公出）</p>', '<div class="x">\n<p>内</p>\n</div>',
        '<p>a</p>\n<p>b</p>', '<p>a</p><p>b</p>', '<p>a</p> 尾巴', '<p>未闭合', '</p>', '<!-- 注释 -->', '<span>行内</span>',
        '<p>a &amp; b</p>', '<div>\n\n<p>空行在块内</p>\n\n</div>', '<br />', '<p\nclass="x">跨行</p>',
        '\u3000<div class="x">', ' <p>前有空格', 'a < b']
LINE = st.sampled_from(PLAIN + MARKUP + HTML)
CHUNK = st.lists(LINE, min_size=1, max_size=3).map("\n".join)
SEPARATOR = st.sampled_from(["\n\n", "\n\n\n", "\n", "\n  \n", "\n\n\n\n"])


@st.composite
def documents(draw):
    chunks = draw(st.lists(CHUNK, min_size=0, max_size=8))
    text = ""
    for chunk in chunks:
        text += chunk + draw(SEPARATOR)
    return draw(st.sampled_from(["", "\n", "\n\n"])) + text


@settings(max_examples=600, deadline=None)
@given(documents())
def test_the_short_way_gives_what_python_markdown_gives(source):
    assert fastmd.convert(source, _markdown, _block_tags()) == _markdown(source)


def test_the_shipped_kinds_of_block_take_the_short_way():
    calls = []

    def markdown(source):
        calls.append(source)
        return _markdown(source)
    source = "\n\n".join([HTML[0], PLAIN[0], HTML[2], "会议指出，要**对照考核指标**落实。", PLAIN[4],
                          "1. 区文旅局负责收集整理相关材料；\n2. 区教育局负责开展专项检查并形成报告。", HTML[2], HTML[4]])
    assert fastmd.convert(source, markdown, _block_tags()) == _markdown(source)
    assert calls == []
    source += "\n\n3. 紧接着的第二个列表"                   # a list after a list: Python-Markdown decides
    assert fastmd.convert(source, markdown, _block_tags()) == _markdown(source) and len(calls) == 1
