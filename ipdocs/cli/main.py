"""ipdocs 命令行：构建之外的事（检查、查名单、新建会议或变更文件）。

    ipdocs check                         检查 content/ 下全部文件
    ipdocs roster --date 2023-03-10      某天的成员名单
    ipdocs new-meeting --body joint_meeting --date 2023-03-10
    ipdocs new-change --unit 区文旅局 --out 修志莹 --in 赵明 --title 区文旅局副局长
    ipdocs verify output/档案/2022年度档案_v1.zip   校验档案包

加 --debug（或设环境变量 IPDOCS_DEBUG=1）在出错时显示 Python 调用栈。
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from ..documents import all_documents
from ..errors import ContentError, UsageError, nearest, print_problems
from ..model.records import ROLE_LABELS
from ..outputs.verify import report
from ..read.content import load_content
from ..read.fields import date_problem, parse_date
from ..settings import CONTENT, debug_enabled
from ..text import cn_date, pad_name
from .scaffold import new_change, new_meeting


def _content(args):
    return load_content(Path(args.content))


def cmd_check(args) -> int:
    content = _content(args)
    all_documents(content)          # two documents sharing one output file is a content error too
    print_problems(content.warnings)
    print(content.summary())
    return 0


def _date(text: str | None) -> dt.date:
    if text is None:
        return dt.date.today()
    day = parse_date(text)
    if day is None:
        raise UsageError(date_problem(text))
    return day


def cmd_roster(args) -> int:
    day = _date(args.date)
    content = _content(args)
    bodies = [args.body] if args.body else list(content.bodies)
    unknown = [b for b in bodies if b not in content.bodies]
    if unknown:
        raise UsageError(f"没有机构“{unknown[0]}”{nearest(unknown[0], content.bodies)}（可选：{'、'.join(content.bodies)}）")
    if day < content.founding_date:
        raise UsageError(f"{day} 早于组建日期 {content.founding_date}：那时还没有成员名单")
    for body_id in bodies:
        roster = content.roster(body_id, day)
        print(f"{roster.body.name}（{cn_date(day)}）")
        for seat in roster.seats:
            print(f"  {ROLE_LABELS[seat.role]:　<3}  {pad_name(seat.person):　<3}  {seat.title}")
        print()
    return 0


def cmd_new_meeting(args) -> int:
    path = new_meeting(_content(args), Path(args.content), args.body, _date(args.date), args.kind)
    print(f"已建立 {path}：请填写时间、地点、议题和议程。")
    return 0


def cmd_new_change(args) -> int:
    path = new_change(Path(args.content), args.unit, args.out, args.new, args.title)
    print(f"已建立 {path}：请填写调整原因，然后运行 ipdocs check；批准后加上 approved 日期。")
    return 0


def cmd_verify(args) -> int:
    target = Path(args.target)
    if not target.exists():
        raise UsageError(f"找不到“{args.target}”：请写档案包文件夹或 .zip 文件的路径，如 output/档案/2022年度档案_v1.zip")
    if not (target.is_dir() or (target.is_file() and target.suffix.lower() == ".zip")):
        raise UsageError(f"“{args.target}”不是档案包：请写档案包文件夹或 .zip 文件的路径")
    return report(target)


class _Parser(argparse.ArgumentParser):
    """argparse that says what is wrong in Chinese and exits 1, like every other error."""

    def error(self, message: str):
        self.print_usage(sys.stderr)
        print(f"ipdocs: 命令写得不对（{message}）：用 ipdocs --help 查看用法", file=sys.stderr)
        raise SystemExit(1)


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="ipdocs", description="西市区知识产权联席会议公文工具")
    p.add_argument("--content", default=str(CONTENT), help="内容目录（默认 content）")
    p.add_argument("--debug", action="store_true", help="出错时显示调用栈")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    sub.add_parser("check", help="检查全部内容文件").set_defaults(run=cmd_check)
    r = sub.add_parser("roster", help="显示某天的成员名单")
    r.add_argument("--date", help="日期，如 2023-03-10（默认今天）")
    r.add_argument("--body", help="joint_meeting 或 protection_mechanism（默认两个都显示）")
    r.set_defaults(run=cmd_roster)
    nm = sub.add_parser("new-meeting", help="新建会议文件")
    nm.add_argument("--body", required=True)
    nm.add_argument("--date", required=True)
    nm.add_argument("--kind", default="全体会议")
    nm.set_defaults(run=cmd_new_meeting)
    nc = sub.add_parser("new-change", help="新建成员调整文件")
    nc.add_argument("--unit", required=True)
    nc.add_argument("--out", required=True)
    nc.add_argument("--in", dest="new", required=True)
    nc.add_argument("--title", required=True)
    nc.set_defaults(run=cmd_new_change)
    v = sub.add_parser("verify", help="校验档案包（文件夹或 .zip）")
    v.add_argument("target", help="档案包文件夹或 .zip")
    v.set_defaults(run=cmd_verify)
    return p


def _quietly_closed_pipe() -> int:
    """`ipdocs roster | head -1`: the reader has gone; stop without a word (and without Python's own)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return 0


def main(argv=None) -> int:
    args = parser().parse_args(argv)
    debug = args.debug or debug_enabled()
    try:
        status = args.run(args)
        sys.stdout.flush()          # a closed pipe shows here, not in Python's exit
        return status
    except BrokenPipeError:
        return _quietly_closed_pipe()
    except Exception as exc:
        if debug:
            raise
        _explain(exc)
        return 1


def _explain(exc: Exception) -> None:
    """One Chinese message for every failure; the traceback only with --debug."""
    if isinstance(exc, ContentError):
        print_problems(exc.problems)
    elif isinstance(exc, UsageError):
        print(f"ipdocs: {exc}", file=sys.stderr)
    elif isinstance(exc, OSError):
        print(f"ipdocs: 无法读写 {exc.filename or ''}（{exc.strerror or exc}）：请检查路径和权限", file=sys.stderr)
    else:
        print(f"ipdocs: 内部错误（{type(exc).__name__}: {exc}）：请加 --debug 重新运行，把显示的内容交给开发人员", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
