"""ipdocs replies: the returned 参会回执 written into the meeting file as `absent` and `replied`.

Only those two fields change, and within `absent` only the entries the replies speak of: every other
line of the file (the clerk's comments included) stays as it was. Reading the same replies again
changes nothing. When any row cannot be matched, nothing is written.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import ContentError, Problems, UsageError, nearest
from ..files import write_atomic
from ..model import records as m
from ..read.content import load_content
from ..read.replies import Expected, match_replies, read_reply
from ..yamlwrite import flow, item_lines, replace_key, scalar

DEFAULT_INDENT = "  "


def find_meeting(content, name: str) -> m.Meeting:
    stem = Path(name).name.removesuffix(".yaml").removesuffix(".yml")
    meeting = next((mt for mt in content.meetings if mt.stem == stem), None)
    if meeting is None:
        raise UsageError(f"没有会议文件“{name}”{nearest(stem, [mt.stem for mt in content.meetings])}：写 content/meetings/ 下的文件名（不含 .yaml）")
    return meeting


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def read_all(content, meeting: m.Meeting, files: list[Path]) -> dict[str, Expected]:
    missing = [str(p) for p in files if not p.is_file()]
    if missing:
        raise UsageError("\n".join(f"找不到回执文件 {p}" for p in missing))
    problems = Problems()
    rows = [row for path in files for row in read_reply(path, _shown(path), problems)]
    expected = match_replies(content, content.roster(meeting.body, meeting.date), rows, problems)
    problems.raise_if_errors()
    return expected


# -- the new text of the meeting file ------------------------------------------------------------

def absence_lines(absence: m.Absence, indent: str) -> list[str]:
    lines = [f"{indent}- name: {scalar(absence.name)}", f"{indent}  reason: {scalar(absence.reason)}"]
    if absence.delegate_name:
        delegate = {"name": absence.delegate_name, **({"title": absence.delegate_title} if absence.delegate_title else {})}
        lines.append(f"{indent}  delegate: {flow(delegate)}")
    return lines


def _entries(text: str, meeting: m.Meeting) -> list[tuple[m.Absence, list[str] | None]]:
    """The absences now in the file, each with its own lines (None when the list is written [in, flow])."""
    spans = item_lines(text, "absent")
    lines = text.split("\n")
    if spans is None or len(spans) != len(meeting.absent):
        return [(a, None) for a in meeting.absent]
    return [(a, lines[start:end]) for a, (start, end) in zip(meeting.absent, spans)]


def _indent(entries) -> str:
    first = next((own for _, own in entries if own), None)
    return first[0][: len(first[0]) - len(first[0].lstrip())] if first else DEFAULT_INDENT


def absent_block(text: str, meeting: m.Meeting, expected: dict[str, Expected], order: list[str]) -> str | None:
    """The new `absent:` field, or None when the replies change nothing in it."""
    entries = _entries(text, meeting)
    indent, out, changed = _indent(entries), [], False
    for absence, own in entries:
        said = expected.get(absence.name)
        if said is not None and said.attends:
            changed = True
        elif said is not None and said.absence() != absence:
            out += absence_lines(said.absence(), indent)
            changed = True
        else:
            out += own if own is not None else absence_lines(absence, indent)
    listed = {a.name for a in meeting.absent}
    for name in order:
        said = expected.get(name)
        if said is not None and not said.attends and name not in listed:
            out += absence_lines(said.absence(), indent)
            changed = True
    if not changed:
        return None
    return "absent:\n" + "\n".join(out) if out else "absent: []"


def updated_text(text: str, meeting: m.Meeting, expected: dict[str, Expected], order: list[str]) -> str:
    block = absent_block(text, meeting, expected, order)
    if block is not None:
        text = replace_key(text, "absent", block, after="held")
    replied = [n for n in order if n in expected or n in meeting.replied]
    if replied != list(meeting.replied):
        text = replace_key(text, "replied", f"replied: {flow(replied)}", after="absent")
    return text


# -- the command ---------------------------------------------------------------------------------

def _write_checked(root: Path, path: Path, old: str, new: str) -> None:
    """Write the meeting file; if the content no longer loads, put the old text back and say why."""
    write_atomic(path, new.encode("utf-8"))
    try:
        load_content(root)
    except ContentError:
        write_atomic(path, old.encode("utf-8"))
        raise


def summary(meeting: m.Meeting, expected: dict[str, Expected], roster) -> list[str]:
    said = [expected[s.person] for s in roster.seats if s.person in expected]
    lines = [f"已读取 {len(said)} 位成员的回执："]
    lines.append("  出席：" + ("、".join(e.member for e in said if e.attends) or "无"))
    delegates = [f"{e.delegate}（代{e.member}）" for e in said if e.delegate]
    leave = [f"{e.member}（{e.reason}）" if e.reason else e.member for e in said if not e.attends and not e.delegate]
    if delegates:
        lines.append("  代为参会：" + "、".join(delegates))
    if leave:
        lines.append("  请假：" + "、".join(leave))
    waiting = [s for s in roster.seats if s.role == "member" and s.person not in expected and s.person not in meeting.replied]
    if waiting:
        lines.append("  尚未回执：" + "、".join(f"{s.unit.label}{s.person}" for s in waiting))
    return lines


def import_replies(content, root: Path, name: str, files: list[Path]) -> int:
    meeting = find_meeting(content, name)
    expected = read_all(content, meeting, files)
    roster = content.roster(meeting.body, meeting.date)
    path = content.files.get(meeting.source) or root / "meetings" / f"{meeting.stem}.yaml"
    raw = path.read_bytes()
    old = raw.decode("utf-8-sig")
    newline = "\r\n" if "\r\n" in old else "\n"
    new = updated_text(old.replace("\r\n", "\n"), meeting, expected, [s.person for s in roster.seats])
    new = ("\ufeff" if raw.startswith(b"\xef\xbb\xbf") else "") + new.replace("\n", newline)
    old = raw.decode("utf-8")
    print("\n".join(summary(meeting, expected, roster)))
    if new == old:
        print(f"{meeting.source} 已与回执一致，没有改动。")
        return 0
    _write_checked(root, path, old, new)
    print(f"已写入 {meeting.source}（absent：请假与代为参会；replied：已回执的成员）。运行 doit 更新签到表。")
    return 0
