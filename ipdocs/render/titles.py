"""Long titles in two or three lines, broken between words (GB/T 9704 §7.3.3: 词意完整, 排列对称).

A break never falls inside a word of the list below, inside a date, period or document
number (2022年第四季度, 〔2022〕1号), nor inside the issuing unit's name that opens a title
("区人民法院关于…"). Among the breaks left, the lines are kept as even as possible with the
upper line no shorter than the one below it (an inverted trapezoid).
"""
from __future__ import annotations

import math
import re

from . import layout as L
from .lines import NO_LINE_START, width

TITLE_WORDS = ("西市区", "人民政府", "知识产权", "联席会议", "协调机制", "保护工作", "工作", "制度", "通知", "成员",
               "会议", "保护", "调整", "考核", "指标", "情况", "报告", "纪要", "年度", "季度", "全体", "专题", "临时",
               "关于", "召开", "组建", "进展", "完成", "办公室", "责任分工", "检查", "督促", "报送", "推进", "逾期",
               "事项", "名单", "签到表", "成员单位")
NUMBERS = re.compile(r"\d{4}年(?:第[一二三四]季度|\d{1,2}月)?|〔\d{4}〕\d+号|\d+|第[一二三四五六七八九十]+[季期项次]度?")
TITLE_WIDTH = L.CHARS_PER_LINE * L.BODY_PT / L.SIZE_PT["二号"]      # 2号 characters on one 156 mm line: 20.4


def _protected(title: str) -> list[tuple[int, int]]:
    spans = [m.span() for m in NUMBERS.finditer(title)]
    for word in TITLE_WORDS:
        spans += [(m.start(), m.end()) for m in re.finditer(re.escape(word), title)]
    issuer = title.find("关于")
    if 0 < issuer and width(title[:issuer]) <= TITLE_WIDTH:
        spans.append((0, issuer))                        # the unit that reports or writes: one piece
    return spans


def _allowed(title: str, at: int, spans) -> bool:
    return not any(start < at < end for start, end in spans) and title[at] not in NO_LINE_START


def _split(title: str, cuts: tuple[int, ...]) -> list[str]:
    edges = (0, *cuts, len(title))
    return [title[a:b] for a, b in zip(edges, edges[1:])]


def _score(lines: list[str]) -> tuple:
    widths = [width(line) for line in lines]
    rising = sum(max(0.0, b - a) for a, b in zip(widths, widths[1:]))      # a lower line longer than the one above
    return (rising > 0.01, max(widths) - min(widths))


def title_lines(title: str) -> list[str]:
    """The title's lines: one when it fits, else the best two (or three) by meaning and shape."""
    if width(title) <= TITLE_WIDTH:
        return [title]
    count = max(2, math.ceil(width(title) / TITLE_WIDTH))
    spans = _protected(title)
    points = [at for at in range(1, len(title)) if _allowed(title, at, spans)]
    if count > 3:
        return _filled(title, points)         # a title of four lines or more is the clerk's to shorten; just fill
    best = None
    for cuts in _combinations(points, count - 1):
        lines = _split(title, cuts)
        if all(width(line) <= TITLE_WIDTH for line in lines) and (best is None or _score(lines) < _score(best)):
            best = lines
    return best or [title]


def _filled(title: str, points: list[int]) -> list[str]:
    """Each line as full as it may be, broken at the last allowed point that fits (or mid-word if none does)."""
    lines, start = [], 0
    while width(title[start:]) > TITLE_WIDTH:
        fitting = [p for p in points if p > start and width(title[start:p]) <= TITLE_WIDTH]
        end = fitting[-1] if fitting else start + max(1, int(TITLE_WIDTH))
        lines.append(title[start:end])
        start = end
    return lines + [title[start:]]


def _combinations(points: list[int], k: int):
    if k == 1:
        yield from ((p,) for p in points)
        return
    for i, p in enumerate(points):
        for rest in _combinations(points[i + 1:], k - 1):
            yield (p, *rest)
