"""The one YAML writer: what it writes reads back as the same value, and typed text never becomes structure."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings, strategies as st

from ipdocs.read.loader import CONTROL, LoadError, load_yaml, parse_yaml
from support import plain
from ipdocs.yamlwrite import Note, Off, WriteError, dump, flow, replace_key, scalar


def read_back(tmp_path, text: str):
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    return load_yaml(path)


# Text the reader takes: it refuses control characters (a .docx holding one does not open in Word).
READABLE_TEXT = st.text(min_size=1).filter(lambda text: not CONTROL.search(text))


@settings(max_examples=150, deadline=None)
@given(READABLE_TEXT)
def test_any_text_reads_back_as_itself(tmp_path_factory, text):
    folder = tmp_path_factory.mktemp("w")
    assert read_back(folder, dump({"title": text, "pair": {"name": text}, "list": [text]})) == \
        {"title": text, "pair": {"name": text}, "list": [text]}


@pytest.mark.parametrize("hostile", [
    "全体会议\nheld: true", "a: b", "x # y", "[1, 2]", "{name: 王军}", "!!python/object:os.system", "- 1",
    "&a", "*a", "'", '"', "|", ">", "%TAG", "@x", "`x`", "true", "null", "~", "0417", "9:30", "1e3", " 前后空格 ",
    "区法院,区检察院", "\ufeff", "a\u2028b", "..", "---",
])
def test_hostile_values_stay_one_value(tmp_path, hostile):
    data = {"kind": hostile, "in": {"name": hostile, "title": hostile}}
    assert read_back(tmp_path, dump(data)) == data


@pytest.mark.parametrize("text", ["\u0000\u202e", "nul\0x", "nel\x85x"])
def test_a_control_character_is_refused_by_the_reader(tmp_path, text):
    with pytest.raises(LoadError, match="控制字符"):
        read_back(tmp_path, dump({"kind": text}))


def test_plain_where_a_clerk_would_write_plain():
    assert scalar("区文旅局副局长") == "区文旅局副局长"
    assert scalar("0417-0000000") == "0417-0000000"
    assert scalar("09:30") == '"09:30"'
    assert scalar("2022-12-15-joint-1#2") == "2022-12-15-joint-1#2" and scalar("#2") == '"#2"'
    assert scalar(dt.date(2023, 3, 10)) == "2023-03-10" and scalar(3) == "3" and scalar(None) == "null"
    assert flow({"name": "李明", "title": "区法院副院长"}) == "{name: 李明, title: 区法院副院长}"
    assert flow(["腾桂彬", "哈博"]) == "[腾桂彬, 哈博]"


def test_values_yaml_cannot_hold_are_refused():
    with pytest.raises(WriteError):
        scalar(float("nan"))
    with pytest.raises(WriteError):
        scalar({1, 2})


def test_a_multi_line_text_is_a_literal_block(tmp_path):
    text = "会议指出：\n\n1. 第一项；\n2. 第二项。\n"
    written = dump({"summary": text})
    assert written.startswith("summary: |\n  会议指出：")
    assert read_back(tmp_path, written) == {"summary": text}


FILE = """\
# 会议文件：注释要保留
body: joint_meeting   # 机构
held: false          # 开过后改为 true
absent: []           # 请假人员
# 下面是列席
observers: []
summary: |
  多行
  文字
"""


def test_replace_key_changes_one_field_and_leaves_every_other_line(tmp_path):
    new = replace_key(FILE, "absent", "absent:\n  - name: 康强\n    reason: 公出")
    lines = new.split("\n")
    old = FILE.split("\n")
    assert lines[3].startswith("absent: ") and lines[3].endswith("# 请假人员")
    assert lines[3].index("#") == old[3].index("#")          # the comment keeps its column
    assert lines[4:6] == ["  - name: 康强", "    reason: 公出"]
    assert lines[:3] + lines[6:] == old[:3] + old[4:]
    assert read_back(tmp_path, new)["absent"] == [{"name": "康强", "reason": "公出"}]


def test_replace_key_inserts_a_missing_field_after_the_one_named():
    new = replace_key(FILE, "replied", "replied: [康强]", after="absent")
    assert new.split("\n")[4] == "replied: [康强]" and new.replace("replied: [康强]\n", "") == FILE


def test_notes_menus_and_a_header_are_comments(tmp_path):
    from ipdocs.yamlwrite import Note, Off
    text = dump({"unit": "区法院", "note": Note("", "进展说明\n第二行"), "count": Off(3, "按次计分时填写"),
                 "items": [{"no": 6}, Off({"no": 7}, "可选")]}, header="区法院 2023年第二季度")
    assert text.splitlines() == ["# 区法院 2023年第二季度", "unit: 区法院", 'note: ""  # 进展说明 第二行',
                                 "# count: 3  # 按次计分时填写", "items:", "  - no: 6", "  # - no: 7  # 可选"]
    assert read_back(tmp_path, text) == {"unit": "区法院", "note": "", "items": [{"no": 6}]}


def test_keys_are_identifiers_the_program_chose():
    with pytest.raises(WriteError):
        dump({"a: b": 1})


# -- what the progress import and new-progress rely on ---------------------------------------

def loaded(text: str):
    return parse_yaml(text.encode("utf-8"), "test.yaml")


ATTACKS = [
    "a: b", "x\nrole: admin", "!!python/object/apply:os.system ['echo hi']", "- item", "#comment", "a #b", "'quoted'",
    '"dq"', "[1, 2]", "{k: v}", "&anchor", "*alias", "|", ">", "%TAG", "@x", "`x`", "null", "~", "true", "no", "yes",
    "2022-12-05", "12:30", "0x1F", "1e3", ".inf", "  leading", "trailing  ", "tab\there", "cr\rhere", "nul\0x",
    "bom\ufeffx", "ls\u2028x", "nel\x85x", "--- \n...", "\\", "多行\n文字\n", "多行\n  缩进", "\n开头换行", "结尾空行\n\n",
    "", " ", "：全角冒号", "区法院_以案释法进园区活动记录.md", "2022-12-15-joint-1#2",
]


@pytest.mark.parametrize("text", [a for a in ATTACKS if not CONTROL.search(a)])
def test_any_string_loads_back_as_itself_and_adds_no_key(text):
    data = {"note": text, "evidence": [text, "b"], "decisions": [{"ref": text, "status": "已完成"}]}
    assert plain(loaded(dump(data))) == data


@settings(max_examples=300, deadline=None)
@given(READABLE_TEXT | st.just(""), st.lists(READABLE_TEXT, max_size=3))
def test_arbitrary_text_round_trips_through_the_projects_loader(text, items):
    data = {"text": text, "items": items, "entries": [{"text": text, "no": 6}]}
    assert plain(loaded(dump(data, header=text))) == data


@given(st.one_of(st.integers(-(10**15 - 1), 10**15 - 1), st.floats(allow_nan=False, allow_infinity=False), st.booleans()))
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


def test_scalar_quotes_what_a_template_could_not_hold_plain():
    assert scalar("区法院") == "区法院" and scalar("a: b") == '"a: b"' and scalar("x\ny") == '"x\\ny"'
