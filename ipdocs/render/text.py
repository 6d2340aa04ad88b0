"""How official text writes dates, names and numbers."""
from __future__ import annotations

import datetime as dt
import re

FULL_SPACE = "\u3000"
_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef\u2014\u2026\u201c\u201d"
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}])[ \t\r\n]+(?=[{_CJK}])")
_CHINESE_NUMERALS = "〇一二三四五六七八九十"


def cn_date(value: dt.date | None) -> str:
    """2022年11月9日: Arabic digits, year in full, no zero padding (GB/T 9704)."""
    if value is None:
        return ""
    return f"{value.year}年{value.month}月{value.day}日"


def cn_time(date: dt.date, time: str) -> str:
    if not time:
        return cn_date(date)
    hour, minute = (int(x) for x in time.split(":"))
    noon = "上午" if hour < 12 else "下午"
    shown = hour if hour <= 12 else hour - 12
    return f"{cn_date(date)}{noon}{shown}:{minute:02d}"


def pad_name(name: str) -> str:
    """Two-character names take the width of three in name lists: 王　军."""
    return f"{name[0]}{FULL_SPACE}{name[1]}" if len(name) == 2 else name


def tidy_cjk(text: str) -> str:
    """Drop the spaces and line breaks that YAML folding leaves between Chinese characters."""
    return _SPACE_BETWEEN_CJK.sub("", text)


def cn_number(n: int) -> str:
    """1 → 一, 12 → 十二, 21 → 二十一 (for 一、 二、 … headings)."""
    if n <= 10:
        return _CHINESE_NUMERALS[n] if n < 10 else "十"
    tens, ones = divmod(n, 10)
    return (("" if tens == 1 else _CHINESE_NUMERALS[tens]) + "十" + (_CHINESE_NUMERALS[ones] if ones else ""))


def points(value) -> str:
    if value is None:
        return ""
    return f"{value:g}"


# Words a title line must not split (GB/T 9704: break long titles by meaning, not mid-word).
TITLE_WORDS = ("西市区", "人民政府", "知识产权", "联席会议", "协调机制", "保护工作", "工作", "制度", "通知", "成员",
               "会议", "保护", "调整", "考核", "指标", "情况", "报告", "纪要", "年度", "全体", "专题", "临时", "关于",
               "召开", "组建", "进展", "完成", "办公室", "责任分工", "检查")
TITLE_CHARS_PER_LINE = 20          # 2号 characters on one 156 mm line


def _splits_a_word(title: str, at: int) -> bool:
    for word in TITLE_WORDS:
        start = title.find(word)
        while start != -1:
            if start < at < start + len(word):
                return True
            start = title.find(word, start + 1)
    return False


def title_lines(title: str) -> list[str]:
    """A long title in two lines, split between words, the upper line no shorter (a trapezoid)."""
    if len(title) <= TITLE_CHARS_PER_LINE:
        return [title]
    candidates = [at for at in range(len(title) - TITLE_CHARS_PER_LINE, TITLE_CHARS_PER_LINE + 1)
                  if at >= len(title) - at and not _splits_a_word(title, at) and title[at] not in "，。、；：）》”"]
    if not candidates:
        return [title]
    best = min(candidates, key=lambda at: (at - (len(title) - at), at))
    return [title[:best], title[best:]]
