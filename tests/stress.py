"""Stress content for the print check (issue 11): the shipped organisation with meetings, changes and
progress reports made to push every document type to its limits.

    python tests/stress.py OUT            # writes OUT/content, then runs `ipdocs check` on it

Deterministic (one seeded random.Random): from the shipped organisation, units, people, bodies and
assessment (copied by bench.copy_base, the 2022 assessment also as 2023's), the shipped member changes and
evidence, it adds
  - two approved changes adding 30 members with long titles (so a meeting can have 60 attendees), and
    a replacement whose newcomer has a long title;
  - meetings of both bodies, from 2 attendees to 60 (absent members, their delegates, observers),
    1 to 12 decisions of 20 to 300 characters, long topics and agenda items, Markdown lists (- and 1.)
    in summaries and decisions; one meeting with 4 on leave, 2 delegates and 2 observers; one not held yet
    (its notice only);
  - progress reports of a 2023 quarter (unit reports with lists, the office report with its tables).
The shipped meetings and progress reports are left out: the shipped content is checked on its own.
"""
from __future__ import annotations

import datetime as dt
import random
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from bench import SHIPPED, copy_base, write_yaml

SEED = 11
YEARS = [2022, 2023]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏晨宇浩然思远嘉怡欣悦梓轩子涵雨婷佳琪文博志宏建国海燕立新晓光"
LONG_TITLES = ("区市场监督管理局党组成员、副局长，区知识产权局局长，区知识产权保护中心主任",
               "区人民检察院党组成员、副检察长、检察委员会专职委员，第四检察部主任",
               "区政府办公室党组成员、副主任，区政务服务中心主任（兼）",
               "区委宣传部副部长、区网信办主任，区新闻出版局（版权局）局长")
PHRASES = ("组织开展知识产权保护专项执法行动", "加强商标、专利、地理标志的行政保护", "会同有关成员单位建立案件线索移送机制",
           "完善知识产权纠纷多元化解工作流程", "推动知识产权行政保护与司法保护有机衔接", "按月汇总进展情况并报联席会议办公室",
           "面向中小微企业开展知识产权咨询指导", "对重点市场、重点商品开展拉网式排查", "建立健全知识产权维权援助工作站点",
           "做好年度考核指标的佐证材料收集整理", "深入园区、企业、学校开展普法宣传", "配合上级部门做好侵权假冒案件的督查督办")
MEMBER_UNITS = ("区法院", "区检察院", "区公安局", "区司法局", "区委宣传部", "区文旅局", "区农业农村局", "区科技局",
                "区工信局", "区教育局", "区科协", "区工商联", "区贸促会", "区商务局", "区卫健局", "区统计局")
REASONS = ("公出", "参加市级会议", "外出学习", "病假", "参加省知识产权局培训")
QUARTER = "2023-Q2"
REPORTING_UNITS = ("区法院", "区检察院", "区公安局", "区委宣传部", "区文旅局")


@dataclass
class Stress:
    content: Path
    meetings: dict[str, dict] = field(default_factory=dict)     # file stem → meeting data as written


def attendees(loaded) -> dict[str, int]:
    """People each held meeting's minutes print under 出席 (delegates included) and 列席."""
    from ipdocs.documents.meetings import attendance
    return {mt.stem: len(attendance(loaded, mt)["present"]) + len(mt.observers) for mt in loaded.meetings if mt.held}


class Writer:
    """Makes names, texts and files from one seeded random generator."""

    def __init__(self, content: Path, seed: int = SEED):
        self.content = content
        self.random = random.Random(seed)
        self.taken = {p.strip().split(",")[0].split(":")[-1].strip() for p in
                      (SHIPPED / "people.yaml").read_text(encoding="utf-8").splitlines() if "name:" in p}

    def name(self) -> str:
        """A new person's name, two or three characters, not used before."""
        while True:
            given = "".join(self.random.choice(GIVEN) for _ in range(self.random.choice((1, 2, 2))))
            candidate = self.random.choice(SURNAMES) + given
            if candidate not in self.taken:
                self.taken.add(candidate)
                return candidate

    def sentence(self, length: int, units=MEMBER_UNITS) -> str:
        """Running text of exactly `length` characters, ending in 。, naming units along the way."""
        text = ""
        while len(text) < length:
            text += f"由{self.random.choice(units)}{self.random.choice(PHRASES)}，"
        return text[:length - 1] + "。"

    def markdown_list(self, lead: str, count: int, ordered: bool, label: str) -> str:
        """A lead-in line and a Markdown list; each item names itself (label and number) so it is unique."""
        items = [f"{label}第{n}项：{self.random.choice(PHRASES)}；" for n in range(1, count + 1)]
        items[-1] = items[-1][:-1] + "。"
        marks = [f"{n}." if ordered else "-" for n in range(1, count + 1)]
        return lead + "\n" + "\n".join(f"{m} {item}" for m, item in zip(marks, items))

    def write(self, relative: str, data) -> Path:
        path = self.content / relative
        write_yaml(path, data)
        return path


def copy_content(content: Path) -> None:
    """The shipped organisation (bench.copy_base: the 2022 assessment is also 2023's), changes and evidence."""
    copy_base(content, YEARS)
    shutil.copytree(SHIPPED / "changes", content / "changes")
    shutil.copytree(SHIPPED / "evidence", content / "evidence")
    (content / "evidence" / "2023").mkdir(exist_ok=True)


def write_changes(w: Writer) -> None:
    """30 members added in two approved changes, and one member replaced by a newcomer with a long title."""
    for unit, approved, count in (("区政府办", "2023-03-20", 15), ("区市场监管局", "2023-03-27", 15)):
        adds = [{"name": w.name(), "title": w.random.choice(LONG_TITLES[:3]) if k % 5 == 0 else f"{unit}四级调研员"}
                for k in range(count)]
        w.write(f"changes/{approved}-{unit}.yaml", {"unit": unit, "requested": approved, "reason": "工作需要",
                                                     "add": adds, "approved": approved})
    w.write("changes/2023-04-10-区检察院.yaml", {
        "unit": "区检察院", "requested": "2023-04-03", "reason": "工作变动",
        "replace": [{"out": "张云瑞", "in": {"name": w.name(), "title": LONG_TITLES[1]}}],
        "approved": "2023-04-10", "notice_number": 7})


@dataclass(frozen=True)
class Plan:
    """One stress meeting: its body, day, how many are away (with delegates), observers, decisions."""
    body: str
    date: str
    absent: int
    delegates: int
    observers: int
    decisions: tuple[int, ...]         # the length of each decision's text, characters
    kind: str = ""
    lists: bool = True
    held: bool = True
    entrusted: bool = False


PLANS = (
    Plan("joint_meeting", "2023-05-08", absent=4, delegates=2, observers=6, decisions=(300,) * 3 + (240, 180, 120) * 3),
    Plan("protection_mechanism", "2023-05-10", absent=9, delegates=0, observers=0, decisions=(20,), lists=False),
    Plan("joint_meeting", "2023-05-16", absent=4, delegates=2, observers=2, decisions=(60, 150, 280, 90, 200, 40),
         kind="临时会议"),
    Plan("protection_mechanism", "2023-05-24", absent=4, delegates=2, observers=2, decisions=(100, 300, 70),
         entrusted=True),
    Plan("joint_meeting", "2023-06-01", absent=30, delegates=1, observers=1, decisions=(25, 35, 45, 55, 65, 75, 85, 95)),
    Plan("protection_mechanism", "2023-06-08", absent=1, delegates=0, observers=5, decisions=(150, 150, 150, 150, 150)),
    Plan("joint_meeting", "2023-06-20", absent=0, delegates=0, observers=0, decisions=(), held=False),
)


def write_meetings(w: Writer) -> dict[str, dict]:
    """The planned meetings; attendance comes from the roster on the day (the added members included)."""
    from ipdocs.read.content import load_content
    loaded = load_content(w.content)
    numbers: dict[str, int] = {}
    written = {}
    for plan in PLANS:
        numbers[plan.body] = numbers.get(plan.body, 0) + 1
        roster = loaded.roster(plan.body, dt.date.fromisoformat(plan.date))
        stem = f"{plan.date}-{plan.body.split('_')[0]}-{numbers[plan.body]}"
        written[stem] = meeting(w, plan, numbers[plan.body], roster)
        w.write(f"meetings/{stem}.yaml", written[stem])
    return written


def meeting(w: Writer, plan: Plan, number: int, roster) -> dict:
    leader, deputy = roster.leader.person, roster.by_role("deputy")[0].person
    kind = plan.kind or ("全体会议" if plan.body == "joint_meeting" else "专题会议")
    issued = dt.date.fromisoformat(plan.date) - dt.timedelta(days=4)
    data = {
        "body": plan.body, "kind": kind, "number": number, "date": plan.date, "time": "14:30",
        "place": "区政府三楼第一会议室（区行政审批服务中心东侧）",
        "chair": deputy if plan.entrusted else leader, **({"entrusted_by": leader} if plan.entrusted else {}),
        **({"proposed_by": ["区法院", "区检察院", "区市场监管局"]} if kind == "临时会议" else {}),
        "topic": "研究部署" + w.sentence(60).rstrip("。") + "等工作",
        "agenda": [w.sentence(n).rstrip("。") for n in (18, 40, 75)],
        "notice": {"issued": str(issued), "reply_by": str(issued + dt.timedelta(days=2)),
                   "contact": {"name": "郭松", "phone": "0417-0000000"}},
        "held": plan.held,
    }
    if plan.held:
        data |= {"absent": absences(w, plan, roster), "observers": observers(w, plan.observers),
                 "summary": summary(w, plan), "decisions": decisions(w, plan, issued.year)}
    return data


def absences(w: Writer, plan: Plan, roster) -> list[dict]:
    away = w.random.sample([s for s in roster.seats if s.role == "member"], plan.absent)
    found = []
    for k, seat in enumerate(away):
        entry = {"name": seat.person, "reason": w.random.choice(REASONS)}
        if k < plan.delegates:
            entry["delegate"] = {"name": w.name(), "title": f"{seat.unit.label}办公室主任、一级主任科员"}
        found.append(entry)
    return found


def observers(w: Writer, count: int) -> list[dict]:
    return [{"name": w.name(), "unit": w.random.choice(("区营商环境建设局", "区统计局", "区财政局")),
             "title": w.random.choice(("营商环境科科长", "综合科副科长、四级主任科员", "法规科科长"))}
            for _ in range(count)]


def summary(w: Writer, plan: Plan) -> str:
    text = w.sentence(120)
    if plan.lists:
        text += "\n\n" + w.markdown_list("会议要求各成员单位：", 3, ordered=False, label="要求")
    return text + "\n\n会议指出，各成员单位要**对照考核指标逐项落实任务**，做到责任到人、材料齐全。\n"


def decisions(w: Writer, plan: Plan, year: int) -> list[dict]:
    found = []
    for n, length in enumerate(plan.decisions, start=1):
        items = ""
        if plan.lists and n % 3 == 2 and length >= 150:
            items = "\n" + w.markdown_list("具体分工如下：", 2 + n % 2, ordered=n % 2 == 1, label=f"事项{n}")
        text = w.sentence(max(20, length - len(items))) + items
        lead, *support = w.random.sample(MEMBER_UNITS, 3)
        found.append({"text": text, "lead": lead, "support": support,
                      "due": f"{year}-{9 + n % 3:02d}-{10 + n:02d}", "indicators": [w.random.choice((3, 5, 6, 11))]})
    return found


def write_progress(w: Writer, meetings: dict[str, dict]) -> None:
    """Unit reports for the quarter: every agreed item the unit leads or supports, a summary with a list."""
    for unit in REPORTING_UNITS:
        refs = [f"{stem}#{n}" for stem, m in meetings.items() if m["held"]
                for n, d in enumerate(m.get("decisions", []), start=1) if unit in (d["lead"], *d["support"])]
        evidence = f"evidence/2023/{unit}_专项行动总结.md"
        (w.content / evidence).write_text(f"# {unit}专项行动总结\n", encoding="utf-8")
        w.write(f"progress/{QUARTER}/{unit}.yaml", {
            "unit": unit, "period": QUARTER, "submitted": "2023-06-28",
            "summary": w.sentence(150) + "\n\n" + w.markdown_list("本季度重点做了以下工作：", 3, ordered=True,
                                                                label="工作"),
            "decisions": [{"ref": ref, "status": w.random.choice(("已完成", "推进中", "未启动")), "note": w.sentence(60)}
                          for ref in refs],
            "indicators": [{"no": 6, "count": 2, "text": w.sentence(80), "evidence": [evidence]},
                           {"no": 38, "text": w.sentence(40)}],
        })


def generate(content: Path, seed: int = SEED) -> Stress:
    """Write the stress content into `content` (a new folder) and check it loads; raises with the problems."""
    from ipdocs.read.content import load_content
    copy_content(content)
    w = Writer(content, seed)
    write_changes(w)
    meetings = write_meetings(w)
    write_progress(w, meetings)
    load_content(content)              # raises ContentError listing every problem
    return Stress(content, meetings)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from bench import check
    out = Path(sys.argv[1]) / "content"
    generate(out)
    print(check(out) or f"ipdocs check: {out} 通过")
