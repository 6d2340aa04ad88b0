"""Line breaking on the 28-character grid: the fast measure agrees with the plain definition by width()."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from ipdocs.render import lines as L

TEXT = st.text(alphabet="区政府副区长王军，。、（）《》“”知识产权abcXYZ0123 #-./%Ⅱ：；", max_size=160)
# Text measured a run at a time (Chinese, full-width marks and printable ASCII only): lines.py's fast path.
FAST_TEXT = st.text(alphabet="区政府副区长王军，。、（）《》“”…—·：；！＂～" + "".join(map(chr, range(0x20, 0x7F))), max_size=160)
WIDE_TEXT = st.text(alphabet="区政府副区长王军，。、（）《》“”…—·：；！＂～", max_size=160)
ROOM = st.sampled_from([28, 27.5, 26, 10, 5.3, 1, 0.5])


def atoms(text: str) -> list[str]:
    """One Chinese character, or a run of Latin letters and digits, built up character by character."""
    found: list[str] = []
    for ch in text:
        latin = ord(ch) < 0x2E80 and (ch.isalnum() or ch in "#-./%")
        if found and latin and ord(found[-1][-1]) < 0x2E80 and (found[-1][-1].isalnum() or found[-1][-1] in "#-./%"):
            found[-1] += ch
        else:
            found.append(ch)
    return found


def plain_width(text: str) -> float:
    """1 a Chinese character, the Times width of a Latin one, ¼ where Chinese meets Latin (no space between)."""
    return sum(map(L._glyph, text)) + L.AUTOSPACE * sum(1 for a, b in zip(text, text[1:]) if L._meet(a, b))


def by_definition(text: str, first: float, rest: float) -> list[str]:
    """Add atoms while width(line + atom) fits; kinsoku at each break."""
    lines, current, room = [], "", first
    for atom in atoms(text):
        if current and plain_width(current + atom) > room + 1e-6:
            current, carried = L._kinsoku(current, atom)
            lines.append(current)
            current, room = carried, rest
        else:
            current += atom
    return lines + [current] if current or not lines else lines


def test_atoms_are_latin_runs_or_single_characters():
    for text in ["", "区政府", "2022年12月15日上午9:30", "ab c，Ⅱ期#3-4./%x"]:
        assert L._atoms(text) == atoms(text)


@settings(max_examples=400, derandomize=True, deadline=None)
@given(TEXT, ROOM, ROOM)
def test_break_text_breaks_where_the_widths_say(text, first, rest):
    assert L.break_text(text, first, rest) == by_definition(text, first, rest)


@settings(max_examples=400, derandomize=True, deadline=None)
@given(FAST_TEXT, ROOM, ROOM)
def test_chinese_and_ascii_text_breaks_where_the_widths_say(text, first, rest):
    assert L._FAST.fullmatch(text)
    assert L.break_text(text, first, rest) == by_definition(text, first, rest)
    assert abs(L.width(text) - plain_width(text)) < 1e-9


@settings(max_examples=300, derandomize=True, deadline=None)
@given(WIDE_TEXT, ROOM, ROOM)
def test_chinese_text_alone_breaks_where_the_widths_say(text, first, rest):
    assert L.break_text(text, first, rest) == by_definition(text, first, rest)


def test_characters_measured_a_run_at_a_time_are_full_width_and_never_spaces_nor_latin():
    fast_wide = [chr(c) for c in range(0x2E80, 0x10000) if L._SEGMENT.fullmatch(chr(c)).group(1)]
    assert len(fast_wide) > 20000 and "\u3000" not in fast_wide
    assert all(L._wide(ch) and not ch.isspace() and not L._latin(ch) for ch in fast_wide + list("“”‘’…—·"))


def test_lines_keep_every_character_and_no_line_starts_with_closing_punctuation():
    text = "区政府副区长王军主持召开会议，研究部署2022年度知识产权保护工作检查考核指标落实工作。" * 3
    lines = L.break_text(text, 28, 28)
    assert "".join(lines) == text and len(lines) > 2
    assert all(line[0] not in L.NO_LINE_START for line in lines[1:])
    assert all(L.width(line) <= 28 + 1e-6 for line in lines)
