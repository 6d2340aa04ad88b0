"""The safe YAML writer: whatever a value holds, it loads back through the project's loader as that value."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ipdocs.read.loader import parse_yaml
from ipdocs.yamlwrite import Note, Off, dump, scalar


def loaded(text: str):
    return parse_yaml(text.encode("utf-8"), "test.yaml")


def plain(value):
    """The loader's Map and Seq as plain dicts and lists; dates as the strings the loader keeps."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


ATTACKS = [
    "a: b", "x\nrole: admin", "!!python/object/apply:os.system ['echo hi']", "- item", "#comment", "a #b", "'quoted'",
    '"dq"', "[1, 2]", "{k: v}", "&anchor", "*alias", "|", ">", "%TAG", "@x", "`x`", "null", "~", "true", "no", "yes",
    "2022-12-05", "12:30", "0x1F", "1e3", ".inf", "  leading", "trailing  ", "tab\there", "cr\rhere", "nul\0x",
    "bom\ufeffx", "ls\u2028x", "nel\x85x", "--- \n...", "\\", "多行\n文字\n", "多行\n  缩进", "\n开头换行", "结尾空行\n\n",
    "", " ", "：全角冒号", "区法院_以案释法进园区活动记录.md", "2022-12-15-joint-1#2",
]


@pytest.mark.parametrize("text", ATTACKS)
def test_any_string_loads_back_as_itself_and_adds_no_key(text):
    data = {"note": text, "evidence": [text, "b"], "decisions": [{"ref": text, "status": "已完成"}]}
    assert plain(loaded(dump(data))) == data


@settings(max_examples=300, deadline=None)
@given(st.text(), st.lists(st.text(max_size=20), max_size=3))
def test_arbitrary_text_round_trips_through_the_projects_loader(text, items):
    data = {"text": text, "items": items, "entries": [{"text": text, "no": 6}]}
    assert plain(loaded(dump(data, header=text))) == data


@given(st.one_of(st.integers(), st.floats(allow_nan=False, allow_infinity=False), st.booleans()))
def test_numbers_and_booleans_keep_their_type(value):
    back = loaded(dump({"value": value}))["value"]
    assert back == value and type(back) in ((int, float) if isinstance(value, (int, float)) and not isinstance(value, bool) else (bool,))


def test_dates_are_written_as_the_iso_dates_the_loader_reads():
    assert dump({"submitted": dt.date(2022, 12, 5)}) == "submitted: 2022-12-05\n"


def test_comments_stay_on_their_line_whatever_they_hold():
    text = dump({"unit": Note("区法院", "报送单位\nrole: admin"), "x": Off("v", "选填\r\n: y")}, header="第一行\nkey: 1")
    assert plain(loaded(text)) == {"unit": "区法院"}
    assert text.splitlines()[0] == "# 第一行 key: 1"
    assert "unit: 区法院  # 报送单位 role: admin" in text and "# x: v  # 选填 : y" in text


def test_switched_off_entries_are_comments_that_load_as_nothing():
    text = dump({"indicators": [Off({"no": 6, "count": Note(None, "次数"), "text": None}, "第6项")]})
    assert loaded(text)["indicators"] is None
    assert text == "indicators:\n  # - no: 6  # 第6项\n  #   count:  # 次数\n  #   text:\n"
    switched_on = re.sub(r"(?m)^(\s*)# ", r"\1", text)          # what the clerk does: delete each line's "# "
    assert plain(loaded(switched_on)) == {"indicators": [{"no": 6, "count": None, "text": None}]}


def test_clean_multi_line_text_is_a_literal_block():
    assert dump({"summary": "第一段。\n第二段。\n"}) == "summary: |\n  第一段。\n  第二段。\n"
    assert dump({"note": "甲\n乙"}) == "note: |-\n  甲\n  乙\n"


def test_keys_are_identifiers_only():
    with pytest.raises(ValueError):
        dump({"a: b": 1})


def test_scalar_quotes_what_a_template_could_not_hold_plain():
    assert scalar("区法院") == "区法院" and scalar("a: b") == '"a: b"' and scalar("x\ny") == '"x\\ny"'
