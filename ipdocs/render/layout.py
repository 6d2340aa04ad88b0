"""GB/T 9704-2012 numbers, in the units OOXML wants. The only place layout numbers live.

Twips are 1/20 pt; font sizes in OOXML are half-points; "字" is one character
width of 3号 (16 pt) text.
"""
from __future__ import annotations

import unicodedata

TWIPS_PER_MM = 1440 / 25.4
PT_PER_MM = 72 / 25.4


def mm(value: float) -> int:
    return round(value * TWIPS_PER_MM)


# Font sizes (pt) by their Chinese names.
SIZE_PT = {"初号": 42, "小初": 36, "一号": 26, "二号": 22, "三号": 16, "四号": 14, "小四": 12, "五号": 10.5}

BODY_PT = SIZE_PT["三号"]
CHAR = BODY_PT * 20                      # one 字 of body text, in twips
CHARS_PER_LINE, LINES_PER_PAGE = 28, 22
TYPE_AREA_MM = (156, 225)

PORTRAIT = {"w": 11906, "h": 16838, "top": 2098, "bottom": 1984, "left": 1588, "right": 1474}
# A landscape page keeps the same 156 × 225 mm type area, turned: the binding edge
# (left on portrait pages) is at the top.
LANDSCAPE = {"w": 16838, "h": 11906, "top": 1588, "bottom": 1474, "left": 2098, "right": 1984}
TYPE_AREA_WIDTH = PORTRAIT["w"] - PORTRAIT["left"] - PORTRAIT["right"]        # 8844 = 156 mm
LINE_PITCH = 579                                                               # 225 mm / 22 lines
# docGrid charSpace: the difference between the grid pitch and the font size, in 1/4096 pt.
CHAR_SPACE = round((TYPE_AREA_MM[0] * PT_PER_MM / CHARS_PER_LINE - BODY_PT) * 4096)


def footer_distance(page: dict) -> int:
    """The page number sits 7 mm below the type area: bottom margin − 7 mm − one 4号 line."""
    return page["bottom"] - mm(7) - SIZE_PT["四号"] * 20

HEADER_DISTANCE = mm(15)
TABLE_CELL_MARGIN = mm(1)                 # left and right inside the cells of a 公文表格

FONTS = {
    "title": "方正小标宋简体",
    "body": "仿宋_GB2312",
    "heading1": "黑体",
    "heading2": "楷体_GB2312",
    "latin": "Times New Roman",
    "page_number": "宋体",
}
# Word on a PC without the GB2312-era faces looks these names up instead.
FONT_ALT_NAMES = {"方正小标宋简体": "小标宋", "仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体", "黑体": "SimHei", "宋体": "SimSun"}

# Free faces from Debian that stand in for the official ones when LibreOffice makes a PDF.
PDF_SUBSTITUTES = {
    "方正小标宋简体": ("Noto Serif CJK SC", "bold"),      # fonts-noto-cjk
    "仿宋_GB2312": ("FandolFang", "regular"),           # texlive-lang-chinese
    "楷体_GB2312": ("AR PL UKai CN", "regular"),        # fonts-arphic-ukai
    "黑体": ("Noto Sans CJK SC", "regular"),            # fonts-noto-cjk
    "宋体": ("Noto Serif CJK SC", "regular"),
}
PDF_FONT_DIRS = ("/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol",)

# 信函格式 (GB/T 9704 §10.1): the mark's top 30 mm below the page's top edge; red double lines 170 mm long,
# 4 mm under the mark (thick over thin) and 20 mm above the page's bottom edge (thin over thick).
LETTER_MARK_TOP = mm(30)
LETTER_LINE_OVERHANG = mm((170 - TYPE_AREA_MM[0]) / 2)
LETTER_BOTTOM_LINE_GAP_PT = round((PORTRAIT["bottom"] - mm(7) - SIZE_PT["四号"] * 20 - mm(20)) / 20)

RED = "FF0000"
MARK_MAX_PT = SIZE_PT["初号"]
MARK_TOP = mm(35)                         # top edge of the 发文机关标志 below the top of the type area
RED_LINE_GAP_PT = round(4 * PT_PER_MM)    # red separator 4 mm below the 发文字号
RED_LINE_EIGHTHS = 12                     # 1.5 pt
IMPRINT_THICK, IMPRINT_THIN = 8, 6        # 0.35 mm and 0.25 mm, in 1/8 pt (nearest OOXML values)


def text_width(text: str) -> float:
    """Width in 字: CJK and full-width characters count 1, everything else ½."""
    return sum(1 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in text)


def mark_size_pt(text: str) -> float:
    """Largest size up to 初号 at which the red mark fits the type area on one line."""
    fit = TYPE_AREA_MM[0] * PT_PER_MM * 0.95 / max(text_width(text), 1)
    return min(MARK_MAX_PT, int(fit * 2) / 2)


def signature_indents(signature: str, date: str) -> tuple[float, float]:
    """Right indents (字) of 署名 and 成文日期 without a seal (GB/T 9704 §7.3.5.2).

    The date starts 2字 right of the name's first character. When the name is
    longer than the date, the date stands 2字 from the right and the name moves
    left to keep that step; otherwise the name stands 2字 (or more) from the right.
    """
    name_w, date_w = text_width(signature), text_width(date)
    date_right = 2.0 if name_w > date_w else 0.0
    name_right = date_right + date_w + 2.0 - name_w
    if name_right < 0:          # a very long name: keep it on the line, the date moves left with it
        return 0.0, date_right - name_right
    return name_right, date_right
