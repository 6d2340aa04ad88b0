"""Chinese numerals for headings and item numbers, also past 99 (a 催办通知 at 1,000 meetings lists more items)."""
from __future__ import annotations

import pytest

from ipdocs.text import cn_number


@pytest.mark.parametrize("n, words", [(1, "一"), (10, "十"), (12, "十二"), (21, "二十一"), (99, "九十九"), (100, "一百"),
                                      (101, "一百零一"), (110, "一百一十"), (115, "一百一十五"), (1001, "一千零一"),
                                      (1010, "一千零一十"), (9999, "九千九百九十九"), (12345, "12345")])
def test_cn_number(n, words):
    assert cn_number(n) == words
