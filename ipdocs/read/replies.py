"""参会回执 returned as .docx → who comes, who sends a delegate, who is on leave and why.

Reply tables are found by their headers (单位, 姓名 …) wherever they sit in the document; blank
rows, repeated headers and rows merged across the table are passed over; spaces and full-width
punctuation do not matter; a unit may write its full name, short name or alias. Each row is matched
against the body's roster on the meeting date. Every row that cannot be matched is a problem
``file:row: 问题（最接近的是…）`` (the row counted in its table, the header being row 1).
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import Problems, nearest
from ..model import records as m
from ..model.roster import Roster
from ..text import compact
from .loader import CONTROL

HEADERS = {
    "unit": ("单位", "参会单位", "单位名称", "所在单位"),
    "name": ("姓名", "参会人员", "参会人", "参会人员姓名", "参会人姓名"),
    "title": ("职务", "职务职称", "职称"),
    "phone": ("联系电话", "电话", "手机", "手机号码", "联系方式"),
    "note": ("备注", "代为参会/请假事由", "请假事由", "说明"),
}
_PARENS = re.compile(r"\([^)]*\)")
_DELEGATE = re.compile(r"代(?:为|替)?(?P<who>[^，,。；;、:：()（）\s]*?)(?:同志)?(?:参会|出席|参加会议|参加)")
_LEAVE = ("请假", "不参会", "不能参会", "无法参会", "不能参加", "无法参加", "不参加")
_LABELS = re.compile(r"请假事由|请假原因|请假|事由|原因|同志")
_EDGE = "：:，,。.;；、()（）/／ \u3000"
_LIMITS = {"姓名": 20, "职务": 60, "单位": 60, "备注": 200}        # characters a reply's cell may hold


@dataclass(frozen=True)
class ReplyRow:
    source: str
    row: int
    unit: str
    name: str
    title: str
    phone: str
    note: str

    @property
    def where(self) -> tuple[str, int]:
        return (self.source, self.row)


@dataclass(frozen=True)
class Expected:
    """One member's expected attendance, from the rows that speak of them."""
    member: str
    attends: bool
    reason: str = ""
    delegate: str | None = None
    delegate_title: str | None = None
    rows: tuple[ReplyRow, ...] = ()

    def absence(self) -> m.Absence:
        return m.Absence(self.member, self.reason, self.delegate, self.delegate_title)


# -- reading the tables ------------------------------------------------------------------------

def _header_key(text: str) -> str | None:
    key = _PARENS.sub("", compact(text)).replace("（", "").replace("）", "")
    full = compact(text)
    for field, names in HEADERS.items():
        if key in names or full in names or (field == "note" and key.startswith("备注")):
            return field
    return None


def _columns(cells: list[str]) -> dict[str, int] | None:
    """The column of each field when this row is a reply table's header."""
    found: dict[str, int] = {}
    for i, text in enumerate(cells):
        field = _header_key(text)
        if field and field not in found:
            found[field] = i
    return found if {"unit", "name"} <= set(found) else None


def _tables(container):
    for table in container.tables:
        yield table
        for row in table.rows:
            for cell in row.cells:
                yield from _tables(cell)


def _row_cells(row) -> tuple[list[str], int]:
    """The texts of a row's grid cells, and how many distinct cells the row has."""
    cells = list(row.cells)
    distinct = len({id(c._tc) for c in cells})
    return [c.text for c in cells], distinct


def _table_rows(table, shown: str) -> list[ReplyRow]:
    rows, columns, unit = [], None, ""
    for number, row in enumerate(table.rows, start=1):
        texts, distinct = _row_cells(row)
        if columns is None:
            columns = _columns(texts)
            continue
        if _columns(texts) or not any(t.strip() for t in texts) or (distinct == 1 and len(texts) > 1):
            continue
        get = {f: (texts[i].strip() if i < len(texts) else "") for f, i in columns.items()}
        name = re.sub(r"\s+", "", get.get("name", ""))
        unit = get.get("unit", "") or unit          # a unit written once for the rows below it
        if not name and not get.get("unit"):
            continue
        rows.append(ReplyRow(shown, number, unit, name, re.sub(r"\s+", "", get.get("title", "")),
                             get.get("phone", ""), get.get("note", "")))
    return rows if columns else []


def read_reply(path: Path, shown: str, problems: Problems) -> list[ReplyRow]:
    """The rows of every reply table in one .docx; a file that is not one is a problem."""
    import docx
    if path.suffix.lower() in (".doc", ".wps"):
        problems.error((shown, 1), "这是旧版 Word 文件：请在 Word 或 WPS 中“另存为” .docx 后再导入")
        return []
    try:
        document = docx.Document(str(path))
    except Exception as exc:        # python-docx raises many kinds for a file that is not a .docx
        problems.error((shown, 1), f"不能作为 Word 文档（.docx）打开（{type(exc).__name__}）：请确认文件完整，是 .docx 格式")
        return []
    rows = [r for table in _tables(document) for r in _table_rows(table, shown)]
    if not rows and not any(_columns(_row_cells(r)[0]) for t in _tables(document) for r in t.rows):
        problems.error((shown, 1), "没有找到参会回执表：表头应有“单位”和“姓名”两列")
    return rows


# -- matching rows to the roster ---------------------------------------------------------------

def _unit(content, text: str) -> m.Unit | None:
    return content.unit_named(text) or content.unit_named(_PARENS.sub("", compact(text)))


def delegate_of(note: str) -> str | None:
    """'代康强参会' → '康强'; '代为参会' → ''; no delegation → None."""
    match = _DELEGATE.search(compact(note))
    return match.group("who").strip(_EDGE) if match else None


def leave_reason(note: str, member: str) -> str:
    """What is left of the note once the delegation, the labels and the member's name are taken out."""
    text = _DELEGATE.sub("", re.sub(r"\s+", "", note))
    text = _LABELS.sub("", text.replace(member, "")) if member else _LABELS.sub("", text)
    for phrase in _LEAVE[1:]:
        text = text.replace(phrase, "")
    text = text.strip(_EDGE)
    return text[1:] if text.startswith("因") else text


def _is_leave(note: str) -> bool:
    return any(word in compact(note) for word in _LEAVE)


def _delegate_title(title: str, unit: m.Unit) -> str | None:
    if not title:
        return None
    return title if any(title.startswith(n) for n in unit.names) else f"{unit.label}{title}"


class Matcher:
    """Matches reply rows against one roster, collecting every row it cannot place."""

    def __init__(self, content, roster: Roster, problems: Problems):
        self.content, self.roster, self.problems = content, roster, problems
        self.units = list(dict.fromkeys(s.unit for s in roster.seats))

    def error(self, row: ReplyRow, message: str) -> None:
        self.problems.error(row.where, message)

    def unit_of(self, row: ReplyRow) -> m.Unit | None:
        unit = _unit(self.content, row.unit)
        names = [n for u in self.units for n in u.names]
        if unit is None:
            self.error(row, f"未知单位“{row.unit}”{nearest(compact(row.unit), names)}")
        elif unit not in self.units:
            self.error(row, f"{unit.label}在{self.roster.date}没有{self.roster.body.short}成员{nearest(compact(row.unit), names)}")
            return None
        return unit

    def written_badly(self, row: ReplyRow) -> bool:
        """Control characters or overlong text in a row's cells: told at the row, the row left out."""
        bad = False
        for label, text in (("单位", row.unit), ("姓名", row.name), ("职务", row.title), ("备注", row.note)):
            hidden = CONTROL.search(text)
            if hidden:
                self.error(row, f"{label}中有看不见的控制字符 U+{ord(hidden.group()):04X}：请删去后重新填写这一格")
                bad = True
            elif len(text) > _LIMITS[label]:
                self.error(row, f"{label}有 {len(text)} 个字，太长（至多 {_LIMITS[label]} 个字）：请核对这一格")
                bad = True
        return bad

    def expected(self, row: ReplyRow) -> Expected | None:
        """What one row says about one member."""
        if self.written_badly(row):
            return None
        unit = self.unit_of(row)
        if unit is None:
            return None
        if not row.name:
            self.error(row, f"没有填写姓名（{unit.label}）")
            return None
        seats = [s for s in self.roster.seats if s.unit == unit]
        seat = self.roster.seat_of(row.name)
        if seat is not None and seat.unit != unit:
            self.error(row, f"“{row.name}”是{seat.unit.label}的成员，不是{unit.label}的：请核对单位")
            return None
        if seat is not None:
            who = delegate_of(row.note)
            if who and who != seat.person:
                self.error(row, f"“{row.name}”是{unit.label}的成员，备注却写“代{who}参会”：本人参会请删去备注；"
                                f"代他人参会，姓名一栏写代为参会者的姓名")
                return None
            if _is_leave(row.note):
                return Expected(seat.person, False, leave_reason(row.note, seat.person), rows=(row,))
            return Expected(seat.person, True, rows=(row,))
        return self.delegate(row, unit, seats)

    def delegate(self, row: ReplyRow, unit: m.Unit, seats: list[m.Seat]) -> Expected | None:
        who = delegate_of(row.note)
        names = [s.person for s in seats]
        if who:
            member = next((s.person for s in seats if s.person == who), None)
            if member is None:
                self.error(row, f"备注中代为参会的“{who}”不是{unit.label}的成员{nearest(who, names)}")
                return None
        elif len(seats) == 1:
            member = seats[0].person
        else:
            self.error(row, f"“{row.name}”不是{unit.label}的成员，{unit.label}有 {len(seats)} 名成员（{'、'.join(names)}）：请在备注中写明代谁参会，如“代{names[0]}参会”")
            return None
        close = difflib.get_close_matches(row.name, names, n=1, cutoff=0.5)
        if who is None and not row.note.strip() and close:
            self.error(row, f"“{row.name}”不是{unit.label}的成员（最接近的是：{close[0]}）：如是代为参会，请在备注中写“代{member}参会”")
            return None
        return Expected(member, False, leave_reason(row.note, member), row.name,
                        _delegate_title(row.title, unit), rows=(row,))

    def combine(self, found: dict[str, Expected], new: Expected) -> None:
        """Two rows about one member: a leave and a delegate make one absence; anything else must agree."""
        old = found.get(new.member)
        if old is None:
            found[new.member] = new
            return
        merged = _merge(old, new)
        if merged is None:
            first = old.rows[0]
            self.error(new.rows[0], f"与 {first.source} 第{first.row}行对“{new.member}”的说法不一致：请只保留一份回执或改成一致")
            return
        found[new.member] = merged


def _merge(old: Expected, new: Expected) -> Expected | None:
    rows = old.rows + new.rows
    if (old.attends, old.reason, old.delegate, old.delegate_title) == (new.attends, new.reason, new.delegate, new.delegate_title):
        return replace(old, rows=rows)
    if old.attends or new.attends or (old.delegate and new.delegate):
        return None
    with_delegate = old if old.delegate else new
    return replace(with_delegate, reason=old.reason or new.reason, rows=rows)


def match_replies(content, roster: Roster, rows: list[ReplyRow], problems: Problems) -> dict[str, Expected]:
    """Member name → expected attendance, for the members the replies speak of."""
    matcher = Matcher(content, roster, problems)
    found: dict[str, Expected] = {}
    for row in rows:
        expected = matcher.expected(row)
        if expected is not None:
            matcher.combine(found, expected)
    for member, said in list(found.items()):
        if not said.attends and not said.reason:        # the meeting file needs why a member is away
            matcher.error(said.rows[-1], f"没有写明{member}不能参会的原因：请在备注中写，如“请假（公出）”或“代{member}参会，{member}公出”")
            del found[member]
    return found
