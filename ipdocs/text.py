"""How official text writes dates, times, names and numbers."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

FULL_SPACE = "\u3000"
_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef\u2014\u2026\u201c\u201d"
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}])[ \t\r\n]+(?=[{_CJK}])")
_CHINESE_NUMERALS = "〇一二三四五六七八九十"
# The faces official documents are set in (GB/T 9704 §5.2, 7.2): 标志与标题, 正文, 二级标题, 一级标题, 页码, 数字.
OFFICIAL_FACES = ("方正小标宋简体", "仿宋_GB2312", "楷体_GB2312", "黑体", "宋体", "Times New Roman")
FACE_NAME_LIMIT = 64                                 # a font's name in Word is at most 31 characters; leave room


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
    """1 → 一, 12 → 十二, 21 → 二十一, 101 → 一百零一 (for 一、 二、 … headings); 10000 and more in digits."""
    if n <= 10:
        return _CHINESE_NUMERALS[n] if n < 10 else "十"
    if n < 100:
        tens, ones = divmod(n, 10)
        return (("" if tens == 1 else _CHINESE_NUMERALS[tens]) + "十" + (_CHINESE_NUMERALS[ones] if ones else ""))
    if n >= 10000:
        return str(n)
    result, gap = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, n = divmod(n, value)
        if digit:
            result += ("零" if gap else "") + _CHINESE_NUMERALS[digit] + unit
        gap = not digit and bool(result)
    return result


def points(value) -> str:
    if value is None:
        return ""
    return f"{value:g}"


def compact(text) -> str:
    """Text as compared with what people type: NFKC (full-width punctuation and letters made half-width), no spaces."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text)))


WEEKDAYS = "一二三四五六日"


def weekday_name(day: dt.date) -> str:
    return f"星期{WEEKDAYS[day.weekday()]}"


# A person's name in generated text is marked, so that print keeps it on one line; the marks never print.
NAME_START, NAME_END = "\ue000", "\ue001"


def person(name: str) -> str:
    """A name as documents write it into text they make: marked to stay whole on a line."""
    return f"{NAME_START}{name}{NAME_END}" if name else name


def without_name_marks(text: str) -> str:
    return text.replace(NAME_START, "").replace(NAME_END, "")
