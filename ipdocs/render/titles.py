"""Long titles in two lines, broken between words (GB/T 9704)."""
from __future__ import annotations


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
