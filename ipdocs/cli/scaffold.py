"""New content files, prefilled and commented in Chinese.

Every argument is checked before anything is written, and all wrong ones are told at once with the
nearest right names. Values go through ipdocs.yamlwrite, so nothing typed on the command line can
become YAML structure; files are written only inside the content folder, never over an existing one.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UsageError, nearest, one_of
from ..files import create_new
from ..model import records as m
from ..read.fields import date_problem, parse_date
from ..text import compact, weekday_name
from ..yamlwrite import flow, scalar

SLUGS = {"joint_meeting": "joint", "protection_mechanism": "protection"}     # meeting file names: 2023-03-10-joint-1.yaml
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")
_NAME = re.compile(r"^[^\W\d_]+(?:[·•（）()][^\W\d_]*)*[）)]?$")
_SAFE_STEM = re.compile(r"^[\w\u3400-\u9fff\uff08\uff09()-]+$")
COMMENT_COLUMN = 30
LAST_YEAR = 2099


def visible(value) -> str:
    """A typed value as a message shows it: on one line, control characters written as escapes."""
    return _CONTROL.sub(lambda m: {"\n": "\\n", "\t": "\\t", "\r": "\\r"}.get(m.group(), f"\\u{ord(m.group()):04x}"), str(value))


@dataclass
class Checks:
    """Every wrong argument of one command, told together."""
    messages: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def fail(self, message: str) -> None:
        self.messages.append(message)

    def done(self) -> None:
        if self.messages:
            raise UsageError("\n".join(self.messages))


# -- arguments ---------------------------------------------------------------------------------

def text_arg(checks: Checks, option: str, value, limit: int = 60) -> str | None:
    """A name or a title: not empty, one line, no control characters, not too long."""
    if value is None:
        return None
    text = value.strip()
    if not text:
        checks.fail(f"{option} 不能是空的")
    elif _CONTROL.search(text):
        checks.fail(f"{option} 含有换行或控制字符：只写一行文字")
    elif len(text) > limit:
        checks.fail(f"{option} 太长（{len(text)} 个字，最多 {limit} 个）")
    else:
        return text
    return None


def name_arg(checks: Checks, option: str, value) -> str | None:
    """A person's name: letters of any script, with · and brackets (王军（区法院）) allowed."""
    name = text_arg(checks, option, value, 20)
    if name is not None and not _NAME.match(name):
        odd = "".join(dict.fromkeys(ch for ch in name if not _NAME.match(ch)))
        checks.fail(f"{option}：姓名“{visible(name)}”中有不能用于姓名的字符“{visible(odd)}”")
        return None
    return name


def date_arg(checks: Checks, option: str, value, content, default: dt.date | None = None) -> dt.date | None:
    if value is None:
        if default is None:
            checks.fail(f"缺少 {option}：写作 {option} 2023-03-10")
        return default
    day = parse_date(value)
    founded = content.founding_date
    if day is None:
        checks.fail(f"{option} 的{date_problem(visible(value))}")
    elif day < founded:
        checks.fail(f"{option} {day} 早于联席会议组建日期 {founded}：请检查年份")
    elif day.year > LAST_YEAR:
        checks.fail(f"{option} {day} 的年份太远：请检查年份")
    else:
        return day
    return None


def body_arg(checks: Checks, content, value, flag: str = "--body") -> str | None:
    """A body by its key (joint_meeting), its name or its short name."""
    if value is None:
        checks.fail(f"缺少 {flag}：写 {' 或 '.join(content.bodies)}")
        return None
    wanted = compact(value)
    if not wanted:
        checks.fail(f"{flag}：机构不能为空{one_of(content.bodies)}")
        return None
    for body_id, body in content.bodies.items():
        if wanted in (compact(body_id), compact(body.name), compact(body.short)):
            return body_id
    known = [*content.bodies, *(b.short for b in content.bodies.values())]
    checks.fail(f"{flag}：没有机构“{visible(value)}”{nearest(value, known)}{one_of(content.bodies)}")
    return None


def bodies_arg(checks: Checks, content, values) -> tuple[str, ...]:
    """The bodies a newcomer joins (--bodies), each once."""
    bodies = [b for b in (body_arg(checks, content, v, "--bodies") for v in values or []) if b]
    twice = sorted({b for b in bodies if bodies.count(b) > 1})
    if twice:
        checks.fail(f"--bodies：{'、'.join(twice)} 写了不止一次（同一机构只写一次）")
    return tuple(dict.fromkeys(bodies))


def choice_arg(checks: Checks, option: str, value, options) -> str | None:
    if value in options:
        return value
    checks.fail(f"{option}：“{visible(value)}”无效{nearest(str(value), options)}{one_of(options)}")
    return None


def unit_arg(checks: Checks, content, value) -> m.Unit | None:
    if value is None or not compact(value):
        checks.fail("缺少 --unit：写提出调整的单位（全称或简称）" if value is None else "--unit 不能是空的：写提出调整的单位（全称或简称）")
        return None
    unit = content.unit_named(value)
    if unit is None:
        checks.fail(f"--unit：未知单位“{visible(value)}”{nearest(value, content.unit_names())}：单位须在 content/units.yaml 中登记")
    return unit


# -- writing -----------------------------------------------------------------------------------

def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def line(text: str, comment: str = "") -> str:
    """One YAML line with its comment set at a common column."""
    if not comment:
        return text
    return text + " " * max(COMMENT_COLUMN - _width(text), 2) + "# " + comment


def comment_text(text: str) -> str:
    """Content text shown inside a comment: one line, whatever it holds."""
    return _CONTROL.sub(" ", str(text))


def safe_stem(text: str, fallback: str) -> str:
    return text if _SAFE_STEM.match(text) and ".." not in text else fallback


def inside_content(root: Path, path: Path) -> Path:
    """The path, when it stays inside the content folder once links are followed; otherwise a refusal."""
    if not path.resolve().is_relative_to(root.resolve()):
        raise UsageError(f"{path} 不在内容目录 {root} 中（可能是指向别处的链接）：没有写入")
    return path


def write_new(root: Path, folder: str, stem: str, text: str) -> Path:
    """content/<folder>/<stem>.yaml, written atomically, only inside the content folder, never over a file."""
    target = inside_content(root, root / folder / f"{stem}.yaml")
    if target.resolve().parent != (root / folder).resolve():
        raise UsageError(f"文件名“{stem}”不能用作 {folder} 中的文件名：没有写入")
    try:
        return create_new(target, text.encode("utf-8"))
    except FileExistsError:
        raise UsageError(f"{target} 已存在，没有覆盖：请换一个日期，或直接编辑该文件") from None


# -- new meeting -------------------------------------------------------------------------------

def day_name(content, day: dt.date) -> str:
    """星期六, or 节假日（星期一） for a holiday organization.yaml lists."""
    holiday = day in content.organization.calendar.holidays
    return f"节假日（{weekday_name(day)}）" if holiday else weekday_name(day)


def notice_dates(day: dt.date, calendar: m.Calendar = m.Calendar()) -> tuple[dt.date, dt.date]:
    """(issued, reply_by): the replies due the working day before the meeting, the notice two working days earlier
    (holidays and 调休 workdays as organization.yaml's calendar lists them)."""
    reply_by = calendar.workday_before(day)
    return calendar.workday_before(reply_by, 2), reply_by


def meeting_text(content, body_id: str, day: dt.date, kind: str, number: int) -> str:
    body = content.bodies[body_id]
    leader = content.roster(body_id, day).leader.person
    issued, reply_by = notice_dates(day, content.organization.calendar)
    contact = {"name": body.office.director, "phone": ""}
    lines = [
        f"# {comment_text(body.name)}{kind}（{day.year}年第{number}期）。填好后运行 doit：召开前生成会议通知（附参会回执）和签到表，召开后生成纪要。",
        line(f"body: {scalar(body_id)}", "机构：" + " 或 ".join(f"{k}（{comment_text(b.short)}）" for k, b in content.bodies.items())),
        line(f"kind: {scalar(kind)}", " | ".join(m.MEETING_KINDS)),
        line(f"number: {number}", f"本年度纪要期号：〔{day.year}〕{number}号"),
        line(f"date: {day}", f"会议日期（{weekday_name(day)}）"),
        line('time: "09:30"', "开始时间，请保留引号"),
        line("place: 待定", "会议地点：发通知前改为实际地点"),
        line(f"chair: {scalar(leader)}", "主持人：组长；副组长主持时写副组长姓名，并填写 entrusted_by"),
        line("entrusted_by: null", f"副组长受组长委托主持时写组长姓名：{comment_text(leader)}"),
        line("proposed_by: []", "临时会议：提议召开的成员单位，如 [区法院, 区检察院]"),
        line("topic: 待定", "会议议题（一句话）"),
        line("agenda: []", "议程，每项一行，以“- ”开头"),
        line("notice:", "会议通知（附参会回执）；不需要通知时删去这一段"),
        line(f"  issued: {issued}", f"通知印发日期（{weekday_name(issued)}）"),
        line(f"  reply_by: {reply_by}", f"回执截止日期（{weekday_name(reply_by)}）"),
        line(f"  contact: {flow(contact)}", "联系人及电话：发通知前填写电话"),
        line("held: false", "会议开过后改为 true，并填写下面各项"),
        line("absent: []", "请假人员（ipdocs replies 按回执填写）：- {name: 姓名, reason: 原因, delegate: {name: 代参会人, title: 职务}}"),
        line("observers: []", "列席人员：- {name: 姓名, unit: 单位, title: 职务}"),
        line('summary: ""', "会议情况（可用 Markdown：**加粗**、列表、分段）"),
        line("decisions: []", "议定事项：- {text: 内容, lead: 牵头单位, support: [配合单位], due: 完成日期, indicators: [考核指标序号]}"),
    ]
    return "\n".join(lines) + "\n"


def new_meeting(content, root: Path, body: str | None, date: str | None, kind: str | None) -> tuple[Path, list[str]]:
    """Write a new meeting file; returns its path and warnings (a weekend date)."""
    checks = Checks()
    body_id = body_arg(checks, content, body)
    day = date_arg(checks, "--date", date, content)
    kind = choice_arg(checks, "--kind", "全体会议" if kind is None else kind.strip(), m.MEETING_KINDS)
    checks.done()
    same = next((mt for mt in content.meetings if (mt.body, mt.date, mt.kind) == (body_id, day, kind)), None)
    if same is not None:           # its notice and minutes would be named like this one's
        raise UsageError(f"{day} 已有一次{content.bodies[body_id].short}{kind}（{same.source}）：同一天同一种会议只能有一个文件，"
                         "请直接编辑它；如是另一次会议，请换 --kind 或日期")
    if not content.organization.calendar.is_workday(day):
        checks.warnings.append(f"{day} 是{day_name(content, day)}：确认会议确实在这天召开；通知和回执日期已排在工作日")
    numbers = [mt.number for mt in content.meetings if mt.body == body_id and mt.date.year == day.year]
    number = max(numbers, default=0) + 1
    stem = f"{day}-{safe_stem(SLUGS.get(body_id, body_id), 'meeting')}-{number}"
    path = write_new(root, "meetings", stem, meeting_text(content, body_id, day, kind, number))
    return path, checks.warnings


# -- new change --------------------------------------------------------------------------------

@dataclass
class ChangeArgs:
    unit: m.Unit
    day: dt.date
    out: str | None
    new: str | None
    title: str | None
    reason: str
    bodies: tuple[str, ...]


def sitting(content, day: dt.date) -> dict[str, m.Seat]:
    """Everyone who sits in a body on a day (approved changes applied), with their seat."""
    return {s.person: s for body_id in content.bodies for s in content.roster(body_id, day).seats}


def _check_out(checks: Checks, out: str, seats: dict, unit: m.Unit | None, day, replaced: bool) -> None:
    seat = seats.get(out)
    if seat is None:
        checks.fail(f"--out：“{out}”在 {day} 不是任何机构的成员{nearest(out, seats)}")
    elif seat.role != "member" and not replaced:
        checks.fail(f"--out：“{out}”是组长或副组长，不能只移出：请同时用 --in 写明接任者")
    elif unit is not None and seat.unit != unit:
        checks.fail(f"--out：“{out}”是{seat.unit.label}的成员，不是{unit.label}的：--unit 应写 {seat.unit.label}")


def _check_in(checks: Checks, content, new: str, title: str | None, seats: dict, day, title_given: bool) -> str | None:
    """The newcomer's title: as given, or as people.yaml has it."""
    if new in seats:
        checks.fail(f"--in：“{new}”在 {day} 已是成员，不能再占一个位置")
    known = content.people.get(new)
    if not title_given and known is None:
        close = nearest(new, content.people)
        hint = f"；如果指的是已登记的人，请检查姓名{close}" if close else ""
        checks.fail(f"--in：新成员“{new}”未在 people.yaml 登记：请加 --title 写明职务{hint}")
    return title or (known.title if known else None)


def change_args(content, args) -> ChangeArgs:
    checks = Checks()
    unit = unit_arg(checks, content, args.unit)
    day = date_arg(checks, "--date", args.date, content, default=dt.date.today())
    out, new = name_arg(checks, "--out", args.out), name_arg(checks, "--in", args.new)
    title = text_arg(checks, "--title", args.title)
    reason = text_arg(checks, "--reason", args.reason) or "工作变动"
    bodies = bodies_arg(checks, content, args.bodies)
    if args.out is None and args.new is None:
        checks.fail("至少写 --out（离开的成员）或 --in（新成员）：两者都写是替换，只写 --out 是移出，只写 --in 是增补")
    if bodies and (args.out is not None or args.new is None):
        checks.fail("--bodies 只用于增补（只写 --in）：替换时新成员接任原成员在各机构中的位置")
    if day is not None:
        seats = sitting(content, day)
        if out:
            _check_out(checks, out, seats, unit, day, replaced=args.new is not None)
        if new:
            title = _check_in(checks, content, new, title, seats, day, args.title is not None)
    checks.done()
    return ChangeArgs(unit, day, out, new, title, reason, bodies or ("joint_meeting",))


def used_notice_numbers(content, year: int) -> list[int]:
    """The 营西政发〔year〕N号 numbers the content already uses: the founding notice and roster-update notices."""
    founding = content.organization.founding
    used = [founding.number] if founding.signed.year == year and founding.number else []
    used += [c.notice_number for c in content.changes if c.notice_number and (c.approved or c.requested).year == year]
    return sorted(used)


def _notice_hint(content, year: int) -> str:
    used = used_notice_numbers(content, year)
    number = max(used, default=0) + 1
    taken = f"本项目{year}年已用：{'、'.join(f'{n}号' for n in used)}" if used else f"本项目{year}年尚未用过文号"
    return line(f"# notice_number: {number}", f"调整通知文号 {content.organization.doc_number(year, number)}（{taken}；以政府办实际编号为准）")


def change_text(content, a: ChangeArgs) -> str:
    lines = [
        f"# 成员调整申请：{comment_text(a.unit.name)}提出。批准后填写 approved（批准日期），调整即从该日起生效。",
        line(f"unit: {scalar(a.unit.label)}", "提出申请的单位"),
        line(f"requested: {a.day}", "申请（函）日期"),
        line(f"reason: {scalar(a.reason)}", "调整原因"),
    ]
    if a.out and a.new:
        lines += [line("replace:", "替换：原成员离开，新成员接任其位置"), f"  - out: {scalar(a.out)}",
                  f"    in: {flow({'name': a.new, 'title': a.title})}"]
    elif a.out:
        lines.append(line(f"remove: {flow([a.out])}", "移出：成员离开，无人接任"))
    else:
        lines += [line("add:", "增补：新成员及职务，bodies 为加入的机构"),
                  f"  - {flow({'name': a.new, 'title': a.title, 'bodies': list(a.bodies)})}"]
    lines += [line("retitle: []", "同一人职务变化：- {name: 姓名, title: 新职务}"),
              line(f"# approved: {a.day}", "批准日期；未批准前保持注释"),
              _notice_hint(content, a.day.year)]
    return "\n".join(lines) + "\n"


def new_change(content, root: Path, args) -> Path:
    a = change_args(content, args)
    stem = f"{a.day}-{safe_stem(a.unit.label, 'change')}"
    if (root / "changes" / f"{stem}.yaml").exists():
        raise UsageError(f"{root / 'changes' / stem}.yaml 已存在，没有覆盖：同一单位同一天的调整请写在这一个文件中，直接编辑它")
    return write_new(root, "changes", stem, change_text(content, a))
