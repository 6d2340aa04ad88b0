"""New content files, prefilled and commented in Chinese; never overwrites."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..errors import UsageError

SLUGS = {"joint_meeting": "joint", "protection_mechanism": "protection"}     # meeting file names: 2023-03-10-joint-1.yaml

MEETING = """\
# {body_name} 会议文件。填好后运行 doit：召开前生成会议通知，召开后生成纪要。
body: {body}                 # 机构：joint_meeting（联席会议）或 protection_mechanism（协调机制）
kind: {kind}                 # 全体会议 | 专题会议 | 临时会议
number: {number}                    # 本年度纪要期号：〔{year}〕{number}号
date: {date}              # 会议日期
time: "09:30"                # 开始时间，请保留引号
place: 待定                  # 会议地点
chair: {leader}                  # 主持人：组长；副组长主持时写副组长姓名，并填写 entrusted_by
entrusted_by: null           # 副组长受组长委托主持时写组长姓名：{leader}
proposed_by: []              # 临时会议：提议召开的成员单位，如 [区法院, 区检察院]
topic: 待定                  # 会议议题（一句话）
agenda: []                   # 议程，每项一行，以“- ”开头
notice:                      # 会议通知；不需要通知时删去这一段
  issued: {issued}           # 通知印发日期
  reply_by: {reply_by}         # 回执截止日期
  contact: {{name: {director}, phone: ""}}
held: false                  # 会议开过后改为 true，并填写下面各项
absent: []                   # 请假人员：- {{name: 姓名, reason: 原因, delegate: {{name: 代参会人, title: 职务}}}}
observers: []                # 列席人员：- {{name: 姓名, unit: 单位, title: 职务}}
summary: ""                  # 会议情况（可用 Markdown：**加粗**、列表、分段）
decisions: []                # 议定事项：- {{text: 内容, lead: 牵头单位, support: [配合单位], due: 完成日期, indicators: [考核指标序号]}}
"""

CHANGE = """\
# 成员调整申请：{unit} 提出。批准后填写 approved（批准日期），调整即从该日起生效。
unit: {unit}                 # 提出申请的单位
requested: {today}            # 申请（函）日期
reason: 工作变动             # 调整原因
replace:
  - out: {out}               # 原成员
    in: {{name: {new}, title: {title}}}   # 新成员及职务
retitle: []                  # 同一人职务变化：- {{name: 姓名, title: 新职务}}
# approved: {today}           # 批准日期；未批准前保持注释
# notice_number: 1            # 调整通知文号：营西政发〔年〕N号
"""


def _write_new(path: Path, text: str) -> Path:
    if path.exists():
        raise UsageError(f"{path} 已存在，没有覆盖：请换一个日期，或直接编辑该文件")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as handle:
        handle.write(text)
    return path


def new_meeting(content, root: Path, body_id: str, day: dt.date, kind: str) -> Path:
    if body_id not in content.bodies:
        raise UsageError(f"没有机构“{body_id}”（可选：{'、'.join(content.bodies)}）")
    numbers = [m.number for m in content.meetings if m.body == body_id and m.date.year == day.year]
    number = max(numbers, default=0) + 1
    roster = content.roster(body_id, day)
    body = content.bodies[body_id]
    text = MEETING.format(body_name=body.name, body=body_id, kind=kind, number=number, year=day.year, date=day,
                          leader=roster.leader.person, issued=day - dt.timedelta(days=3),
                          reply_by=day - dt.timedelta(days=1), director=body.office.director)
    return _write_new(root / "meetings" / f"{day}-{SLUGS.get(body_id, body_id)}-{number}.yaml", text)


def new_change(root: Path, unit: str, out: str, new: str, title: str) -> Path:
    today = dt.date.today()
    text = CHANGE.format(unit=unit, today=today, out=out, new=new, title=title)
    return _write_new(root / "changes" / f"{today}-{out}-{new}.yaml", text)
