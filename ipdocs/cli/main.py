"""ipdocs 命令行：构建之外的事（检查、查名单、新建会议或变更文件）。

    ipdocs check                         检查 content/ 下全部文件
    ipdocs roster --date 2023-03-10      某天的成员名单
    ipdocs new-meeting --body joint_meeting --date 2023-03-10
    ipdocs new-change --unit 区文旅局 --out 修志莹 --in 赵明 --title 区文旅局副局长 --date 2023-02-20
    ipdocs replies 2023-03-10-joint-1 回执/*.docx   把参会回执导入会议文件
    ipdocs new-year 2023                 开始新的年度
    ipdocs verify output/档案/2022年度档案_v1.zip   校验档案包
    ipdocs forms 2023-Q2                 各成员单位的进展报送表（output/表单/2023-Q2/）
    ipdocs import 报回的表/               导入单位填好的报送表（--replace 替换已有的进展文件）
    ipdocs new-progress --unit 区法院 --period 2023-Q2   新建一个进展文件

加 --debug（或设环境变量 IPDOCS_DEBUG=1）在出错时显示 Python 调用栈。
"""
from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

from ..documents import all_documents, check_house_style
from ..files import create_new, safe_name
from ..errors import ContentError, UsageError, nearest, print_problems
from ..model.records import ROLE_LABELS
from ..outputs.verify import report
from ..read.content import load_content
from ..read.fields import date_problem, parse_date
from ..settings import CONTENT, debug_enabled
from ..text import cn_date, pad_name
from .arguments import Parser
from .forms import add_form_commands
from .new_year import new_year
from .replies import import_replies
from .scaffold import new_change, new_meeting


def _content(args):
    return check_house_style(load_content(Path(args.content)))


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
    path, warnings = new_meeting(_content(args), Path(args.content), args.body, args.date, args.kind)
    for warning in warnings:
        print(f"ipdocs: 警告：{warning}", file=sys.stderr)
    print(f"已建立 {path}：请填写地点、议题、议程和联系电话，然后运行 ipdocs check。")
    return 0


def cmd_new_change(args) -> int:
    path = new_change(_content(args), Path(args.content), args)
    print(f"已建立 {path}：请核对调整原因，然后运行 ipdocs check；批准后加上 approved 日期和 notice_number。")
    return 0


def cmd_replies(args) -> int:
    return import_replies(_content(args), Path(args.content), args.meeting, [Path(p) for p in args.files])


def cmd_new_year(args) -> int:
    if args.source is not None and not args.source.strip():
        raise UsageError("--from 后面是空的：写新年度考核指标文件的路径，或不写 --from（复制上一年度的作为草稿）")
    return new_year(_content(args), Path(args.content), args.year, Path(args.source) if args.source else None)


def cmd_verify(args) -> int:
    return report(Path(args.target))          # a missing or broken target is reported there (outputs/verify.py)


def cmd_style_template(args) -> int:
    """A fresh default house-style file, for an office that wants to start again (never overwrites)."""
    from ..render.house_template import template_bytes
    target = Path(args.target)
    if target.suffix.lower() != ".docx":
        raise UsageError(f"“{target}”应以 .docx 结尾，如 templates/公文样式（默认）.docx")
    if safe_name(target.name) != target.name:
        raise UsageError(f"文件名“{target.name!r}”中有不能用在文件名里的字符：请换一个名字，如 公文样式（默认）.docx")
    if not target.resolve().is_relative_to(Path.cwd().resolve()):
        raise UsageError(f"{target} 不在当前项目文件夹中：请写项目内的路径，如 templates/公文样式（默认）.docx")
    try:
        create_new(target, template_bytes())
    except FileExistsError:
        raise UsageError(f"{target} 已存在，没有覆盖：请换一个文件名，或先把旧文件移走") from None
    print(f"已生成 {target}：这是默认的公文样式。要使用它，把它命名为 templates/公文样式.docx。")
    return 0


def _commands(sub) -> None:
    sub.add_parser("check", help="检查全部内容文件").set_defaults(run=cmd_check)
    r = sub.add_parser("roster", help="显示某天的成员名单")
    r.add_argument("--date", metavar="日期", help="日期，如 2023-03-10（默认今天）")
    r.add_argument("--body", metavar="机构", help="joint_meeting 或 protection_mechanism（默认两个都显示）")
    r.set_defaults(run=cmd_roster)
    nm = sub.add_parser("new-meeting", help="新建会议文件")
    nm.add_argument("--body", metavar="机构", help="机构：joint_meeting（联席会议）或 protection_mechanism（协调机制）")
    nm.add_argument("--date", metavar="日期", help="会议日期，如 2023-03-10")
    nm.add_argument("--kind", metavar="种类", help="全体会议（默认）、专题会议或临时会议")
    nm.set_defaults(run=cmd_new_meeting)
    nc = sub.add_parser("new-change", help="新建成员调整文件（替换、移出或增补）")
    nc.add_argument("--unit", metavar="单位", help="提出调整的单位（全称或简称）")
    nc.add_argument("--date", metavar="日期", help="申请（函）日期，如 2023-02-20（默认今天）")
    nc.add_argument("--out", metavar="姓名", help="离开的成员（只写 --out 是移出）")
    nc.add_argument("--in", dest="new", metavar="姓名", help="新成员（只写 --in 是增补）")
    nc.add_argument("--title", metavar="职务", help="新成员的职务（已在 people.yaml 登记的人可不写）")
    nc.add_argument("--reason", metavar="原因", help="调整原因（默认：工作变动）")
    nc.add_argument("--bodies", nargs="+", action="extend", metavar="机构",
                    help="增补时加入的机构（默认 joint_meeting；可写多个，或多次写 --bodies）")
    nc.set_defaults(run=cmd_new_change)
    rp = sub.add_parser("replies", help="把各单位交回的参会回执（.docx）导入会议文件")
    rp.add_argument("meeting", metavar="会议文件名", help="会议文件名（不含 .yaml），如 2023-03-10-joint-1")
    rp.add_argument("files", nargs="+", metavar="回执文件", help="回执文件（.docx），可以一次写多个")
    rp.set_defaults(run=cmd_replies)
    ny = sub.add_parser("new-year", help="开始新的年度：考核指标草稿、上年未完成事项、清单")
    ny.add_argument("year", metavar="年度", help="年度，如 2023")
    ny.add_argument("--from", dest="source", metavar="文件", help="新年度考核指标文件（YAML）；不写则复制上一年度的作为草稿")
    ny.set_defaults(run=cmd_new_year)
    v = sub.add_parser("verify", help="校验档案包（文件夹或 .zip）")
    v.add_argument("target", help="档案包文件夹或 .zip")
    v.set_defaults(run=cmd_verify)
    t = sub.add_parser("style-template", help="生成一份默认的公文样式文件（Word）")
    t.add_argument("target", help="保存到哪里，如 templates/公文样式（默认）.docx")
    t.set_defaults(run=cmd_style_template)
    add_form_commands(sub)


def parser() -> Parser:
    p = Parser(prog="ipdocs", description="西市区知识产权联席会议公文工具")
    p.add_argument("--content", default=str(CONTENT), metavar="目录", help="内容目录（默认 content）")
    p.add_argument("--debug", action="store_true", help="出错时显示调用栈")
    _commands(p.add_subparsers(title="命令", dest="command", metavar="命令", required=True, parser_class=Parser))
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
        for message in str(exc).splitlines():
            print(f"ipdocs: {message}", file=sys.stderr)
    elif isinstance(exc, OSError):
        print(f"ipdocs: 无法读写 {exc.filename or ''}（{exc.strerror or exc}）：请检查路径和权限", file=sys.stderr)
    else:
        print(f"ipdocs: 内部错误（{type(exc).__name__}: {exc}）：请加 --debug 重新运行，把显示的内容交给开发人员", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
