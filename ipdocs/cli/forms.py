"""The progress round trip on the command line: forms out (`forms`), data in (`import`), and `new-progress`."""
from __future__ import annotations

import sys
from pathlib import Path

from ..errors import UsageError
from ..files import OutsideFolder
from ..outputs.forms import FOLDER, write_forms
from ..read.content import load_content
from ..settings import OUTPUT
from .importer import apply, forms_in, passed_over, plan_imports
from .lookup import find_period
from .progress_scaffold import new_progress


def cmd_forms(args) -> int:
    content = load_content(Path(args.content))
    period = find_period(args.period)
    if period.year not in content.assessments:
        print(f"警告：没有{period.year}年度考核指标（content/assessment/{period.year}.yaml），表中“考核指标”一页暂不填写。",
              file=sys.stderr)
    try:
        paths = write_forms(content, period, OUTPUT)
    except OutsideFolder as exc:             # a link planted in output/ leading elsewhere
        raise UsageError(f"{exc}：没有生成报送表") from None
    print(f"已生成 {len(paths)} 份报送表，在 {OUTPUT / FOLDER / period.name}：发给各成员单位填写，报回后运行 ipdocs import。")
    return 0


def cmd_import(args) -> int:
    content = load_content(Path(args.content))
    for warning in passed_over(Path(args.source)):
        print(f"警告：{warning}", file=sys.stderr)
    planned, problems = plan_imports(content, forms_in(Path(args.source)), args.replace)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"共 {len(problems)} 处错误，请改正后再导入；没有导入任何表，content/ 没有改动。", file=sys.stderr)
        return 1
    for line in apply(planned):
        print(line)
    print("导入完成：运行 doit progress 生成进展报告。" if planned else "没有可导入的表。")
    return 0


def cmd_new_progress(args) -> int:
    path = new_progress(load_content(Path(args.content)), args.unit, args.period)
    print(f"已建立 {path}：按单位报来的内容改报送日期，删去报了的各项行首的“# ”并填写，然后运行 ipdocs check。")
    return 0


def add_form_commands(sub) -> None:
    fm = sub.add_parser("forms", help="生成各成员单位的进展报送表（.xlsx）")
    fm.add_argument("period", help="报送期，如 2023-Q2、2023 或 2023-06")
    fm.set_defaults(run=cmd_forms)
    im = sub.add_parser("import", help="导入单位填好的报送表（.xlsx 文件或文件夹）")
    im.add_argument("source", help="一个 .xlsx 文件，或放报回的表的文件夹")
    im.add_argument("--replace", action="store_true", help="替换已有的进展文件（会列出改动）")
    im.set_defaults(run=cmd_import)
    npg = sub.add_parser("new-progress", help="新建一个进展文件（按报送表的内容预填）")
    npg.add_argument("--unit", required=True)
    npg.add_argument("--period", required=True)
    npg.set_defaults(run=cmd_new_progress)
