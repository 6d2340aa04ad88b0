"""The progress round trip on the command line: forms out (`forms`)."""
from __future__ import annotations

import sys
from pathlib import Path

from ..outputs.forms import FOLDER, write_forms
from ..read.content import load_content
from ..settings import OUTPUT
from .lookup import find_period


def cmd_forms(args) -> int:
    content = load_content(Path(args.content))
    period = find_period(args.period)
    if period.year not in content.assessments:
        print(f"警告：没有{period.year}年度考核指标（content/assessment/{period.year}.yaml），表中“考核指标”一页暂不填写。",
              file=sys.stderr)
    paths = write_forms(content, period, OUTPUT)
    print(f"已生成 {len(paths)} 份报送表，在 {OUTPUT / FOLDER / period.name}：发给各成员单位填写，报回后运行 ipdocs import。")
    return 0


def add_form_commands(sub) -> None:
    fm = sub.add_parser("forms", help="生成各成员单位的进展报送表（.xlsx）")
    fm.add_argument("period", help="报送期，如 2023-Q2、2023 或 2023-06")
    fm.set_defaults(run=cmd_forms)
