"""new-meeting and new-change: arguments checked before anything is written, Chinese on every error."""
from __future__ import annotations

import datetime as dt

import pytest

from ipdocs.read.content import load_content
from ipdocs.read.loader import load_yaml
from support import REPO


def files(project) -> set:
    return {p for p in (project / "content").rglob("*") if p.is_file()}


def refused(cli, project, args, *fragments) -> str:
    """The command fails with exit 1, says every fragment, in Chinese, and writes nothing anywhere."""
    before, outside = files(project), set(project.parent.iterdir())
    result = cli(*args)
    assert result.returncode == 1, result
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr
    assert not any(english in result.stderr for english in ("error:", "required", "usage:", "invalid", "argument"))
    assert files(project) == before and set(project.parent.iterdir()) == outside
    return result.stderr


# -- new-meeting -----------------------------------------------------------------------------------

def test_a_new_meeting_avoids_weekends_for_its_notice_and_reply_dates(cli, project):
    result = cli("new-meeting", "--body", "joint_meeting", "--date", "2023-03-13")      # a Monday
    assert result.returncode == 0 and "警告" not in result.stderr
    data = load_yaml(project / "content" / "meetings" / "2023-03-13-joint-1.yaml")
    assert (data["notice"]["reply_by"], data["notice"]["issued"]) == ("2023-03-10", "2023-03-08")   # Friday, Wednesday


def test_a_meeting_on_a_weekend_is_written_with_a_warning(cli, project):
    result = cli("new-meeting", "--body", "联席会议", "--date", "2023-03-11")          # a Saturday; the body's short name
    assert result.returncode == 0 and "2023-03-11 是星期六" in result.stderr
    text = (project / "content" / "meetings" / "2023-03-11-joint-1.yaml").read_text(encoding="utf-8")
    assert "date: 2023-03-11              # 会议日期（星期六）" in text and "reply_by: 2023-03-10" in text


def test_a_new_meeting_skips_the_holidays_and_works_the_weekend_days_organization_yaml_lists(cli, project):
    # organization.yaml's calendar: 2023-09-29 至 2023-10-06 放假, 2023-10-07 and 10-08 (a weekend) 调休上班
    assert cli("new-meeting", "--body", "joint_meeting", "--date", "2023-10-09").returncode == 0
    data = load_yaml(project / "content" / "meetings" / "2023-10-09-joint-1.yaml")
    assert (data["notice"]["reply_by"], data["notice"]["issued"]) == ("2023-10-08", "2023-09-28")
    result = cli("new-meeting", "--body", "joint_meeting", "--date", "2023-10-02")
    assert result.returncode == 0 and "2023-10-02 是节假日（星期一）" in result.stderr


def test_a_notice_dated_on_a_holiday_is_pointed_out_by_check(cli, project):
    path = project / "content" / "meetings" / "2023-03-13-joint-1.yaml"
    assert cli("new-meeting", "--body", "joint_meeting", "--date", "2023-03-13").returncode == 0
    text = path.read_text(encoding="utf-8").replace("reply_by: 2023-03-10", "reply_by: 2023-03-11")
    path.write_text(text, encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), start=1) if "reply_by:" in row)
    result = cli("check")
    assert result.returncode == 0 and f"2023-03-13-joint-1.yaml:{line}: 警告：回执截止日期 2023-03-11 是周末（星期六）" in result.stderr


def test_holidays_and_make_up_workdays_decide_the_working_days():
    calendar = load_content(REPO / "content").organization.calendar
    assert not calendar.is_workday(dt.date(2023, 10, 2)) and calendar.is_workday(dt.date(2023, 10, 7))   # 国庆, 调休
    assert calendar.workday_before(dt.date(2023, 1, 30)) == dt.date(2023, 1, 29)                   # 调休 Sunday
    assert calendar.workday_before(dt.date(2023, 1, 21), 2) == dt.date(2023, 1, 19)
    assert calendar.workday_before(dt.date(2023, 3, 13), 1) == dt.date(2023, 3, 10)                 # plain weekend


@pytest.mark.parametrize("args, fragments", [
    ([], ["缺少必填的命令"]),
    (["new-meting"], ["没有“new-meting”这个命令（最接近的是：new-meeting"]),
    (["new-meeting"], ["缺少 --body", "缺少 --date"]),
    (["new-meeting", "--body"], ["参数 --body 后面要写一个值"]),
    (["new-meeting", "--body", "joint", "--date", "2023-02-30"],
     ["--body：没有机构“joint”（最接近的是：joint_meeting", "--date 的日期“2023-02-30”无效"]),
    (["new-meeting", "--body", "joint_meeting", "--date", "0001-01-02"], ["--date 的日期“0001-01-02”无效：年份应在2000年至2099年之间"]),
    (["new-meeting", "--body", "joint_meeting", "--date", "２０２３-０３-１０"], ["--date 的日期“２０２３-０３-１０”无效：请写作 2022-11-09"]),
    (["new-meeting", "--body", "joint_meeting", "--date", "2023-03-10", "--kind", "全体会议\nheld: true"],
     ["--kind：“全体会议\\nheld: true”无效（最接近的是：全体会议"]),
    (["new-meeting", "--body", "joint_meeting", "--date", "2023-03-10", "--extra"], ["不认识的参数：--extra"]),
])
def test_new_meeting_refuses_bad_arguments(cli, project, args, fragments):
    refused(cli, project, args, *fragments)


def test_new_meeting_never_overwrites(cli, project):
    meetings = project / "content" / "meetings"
    taken = meetings / "2022-12-30-joint-3.yaml"          # the name the next joint meeting would get, used otherwise
    text = (meetings / "2022-12-22-protection-1.yaml").read_text(encoding="utf-8").replace("2022-12-22", "2022-12-30")
    taken.write_text(text.replace("number: 1", "number: 2"), encoding="utf-8")
    result = cli("new-meeting", "--body", "joint_meeting", "--date", "2022-12-30")
    assert result.returncode == 1 and "已存在，没有覆盖" in result.stderr
    assert taken.read_text(encoding="utf-8") == text.replace("number: 1", "number: 2")


def test_a_second_meeting_of_the_same_kind_on_the_same_day_is_refused_naming_the_first(cli, project):
    result = cli("new-meeting", "--body", "joint_meeting", "--date", "2022-12-15")
    assert result.returncode == 1 and "2022-12-15 已有一次联席会议全体会议（content/meetings/2022-12-15-joint-1.yaml）" in result.stderr
    assert sorted(p.name for p in (project / "content" / "meetings").iterdir()) == [
        "2022-12-15-joint-1.yaml", "2022-12-22-protection-1.yaml", "2022-12-28-joint-2.yaml"]
    other = cli("new-meeting", "--body", "joint_meeting", "--date", "2022-12-15", "--kind", "临时会议")
    assert other.returncode == 0, other.stderr


def test_check_warns_about_placeholders_in_a_meeting_with_a_notice(cli, project):
    cli("new-meeting", "--body", "joint_meeting", "--date", "2023-03-10")
    result = cli("check")
    assert result.returncode == 0
    name = "content/meetings/2023-03-10-joint-1.yaml"
    assert f"{name}:7: 警告：place 还是“待定”" in result.stderr
    assert f"{name}:11: 警告：topic 还是“待定”" in result.stderr
    assert f"{name}:16: 警告：会议通知的联系电话是空的" in result.stderr
    path = project / name
    path.write_text(path.read_text(encoding="utf-8").replace("place: 待定", "place: 区政府会议室")
                    .replace('phone: ""', 'phone: "0417-1"').replace("topic: 待定", "topic: 研究工作"), encoding="utf-8")
    assert name not in cli("check").stderr


# -- new-change ------------------------------------------------------------------------------------

def change(project, stem: str) -> dict:
    return load_yaml(project / "content" / "changes" / f"{stem}.yaml")


def test_a_replacement_on_a_given_date_suggests_the_next_free_notice_number(cli, project):
    result = cli("new-change", "--unit", "区司法局", "--out", "柳阳", "--in", "孙立", "--title", "区司法局副局长",
                 "--date", "2023-04-03")
    assert result.returncode == 0, result.stderr
    text = (project / "content" / "changes" / "2023-04-03-区司法局.yaml").read_text(encoding="utf-8")
    assert "# notice_number: 4" in text and "营西政发〔2023〕4号（本项目2023年已用：3号" in text
    assert change(project, "2023-04-03-区司法局")["replace"] == [{"out": "柳阳", "in": {"name": "孙立", "title": "区司法局副局长"}}]
    assert cli("check").returncode == 0


def test_a_member_who_leaves_with_no_successor(cli, project):
    assert cli("new-change", "--unit", "区统计局", "--out", "徐晓棠", "--date", "2023-04-03").returncode == 0
    assert change(project, "2023-04-03-区统计局")["remove"] == ["徐晓棠"]
    path = project / "content" / "changes" / "2023-04-03-区统计局.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("# approved: 2023-04-03", "approved: 2023-04-03"), encoding="utf-8")
    content = load_content(project / "content")
    assert "徐晓棠" not in content.roster("joint_meeting", dt.date(2023, 4, 3)).names()


def test_a_member_added_with_no_predecessor(cli, project):
    args = ("new-change", "--unit", "区法院", "--in", "孙立", "--title", "区法院副院长", "--bodies", "protection_mechanism",
            "--date", "2023-04-03")
    assert cli(*args).returncode == 0
    assert change(project, "2023-04-03-区法院")["add"] == [{"name": "孙立", "title": "区法院副院长", "bodies": ["protection_mechanism"]}]
    assert cli("check").returncode == 0


def test_bodies_given_twice_are_both_kept(cli, project):
    args = ("new-change", "--unit", "区法院", "--in", "孙立", "--title", "区法院副院长", "--bodies", "protection_mechanism",
            "--bodies", "joint_meeting", "--date", "2023-04-03")
    assert cli(*args).returncode == 0
    assert change(project, "2023-04-03-区法院")["add"][0]["bodies"] == ["protection_mechanism", "joint_meeting"]


def test_typed_text_stays_a_value(cli, project):
    hostile = '副院长: x\nheld: true # "引号"'
    assert cli("new-change", "--unit", "区法院", "--in", "孙立", "--title", hostile.replace("\n", " "), "--date", "2023-04-03").returncode == 0
    assert change(project, "2023-04-03-区法院")["add"][0]["title"] == hostile.replace("\n", " ")


@pytest.mark.parametrize("args, fragments", [
    (["new-change"], ["缺少 --unit", "至少写 --out（离开的成员）或 --in（新成员）"]),
    (["new-change", "--unit", "区司发局", "--out", "柳杨", "--date", "2023-04-03"],
     ["--unit：未知单位“区司发局”（最接近的是：区司法局", "--out：“柳杨”在 2023-04-03 不是任何机构的成员（最接近的是：柳阳"]),
    (["new-change", "--unit", "区司法局", "--in", "孙立", "--date", "2023-04-03"], ["--in：新成员“孙立”未在 people.yaml 登记：请加 --title"]),
    (["new-change", "--unit", "区法院", "--out", "柳阳", "--in", "孙立", "--title", "x", "--date", "2023-04-03"],
     ["--out：“柳阳”是区司法局的成员，不是区法院的：--unit 应写 区司法局"]),
    (["new-change", "--unit", "区政府", "--out", "王军", "--date", "2023-04-03"], ["“王军”是组长或副组长，不能只移出"]),
    (["new-change", "--unit", "区文旅局", "--in", "赵明", "--date", "2023-04-03"], ["--in：“赵明”在 2023-04-03 已是成员"]),
    (["new-change", "--unit", "区司法局", "--out", "../../../x", "--date", "2023-04-03"], ["--out：姓名“../../../x”中有不能用于姓名的字符"]),
    (["new-change", "--unit", "区司法局", "--out", "柳阳", "--in", "孙立", "--title", "局长\nheld: true"], ["--title 含有换行或控制字符"]),
    (["new-change", "--unit", "区司法局", "--out", "柳阳", "--date", "2023/04/03"], ["--date 的日期“2023/04/03”无效"]),
    (["new-change", "--unit", "区法院", "--in", "孙立", "--title", "x", "--bodies", "协调", "--date", "2023-04-03"],
     ["--bodies：没有机构“协调”"]),
    (["new-change", "--unit", "区法院", "--in", "孙立", "--title", "x", "--bodies", "", "--date", "2023-04-03"],
     ["--bodies：机构不能为空"]),
    (["new-change", "--unit", "区法院", "--in", "孙立", "--title", "x", "--bodies", "joint_meeting", "联席会议",
      "--date", "2023-04-03"], ["--bodies：joint_meeting 写了不止一次"]),
])
def test_new_change_refuses_bad_arguments_all_at_once(cli, project, args, fragments):
    refused(cli, project, args, *fragments)


def test_one_file_per_unit_and_day(cli, project):
    args = ("new-change", "--unit", "区司法局", "--out", "柳阳", "--date", "2023-04-03")
    assert cli(*args).returncode == 0
    again = cli(*args)
    assert again.returncode == 1 and "已存在，没有覆盖" in again.stderr


def test_help_is_chinese(cli):
    result = cli("new-change", "-h")
    assert result.returncode == 0 and result.stdout.startswith("用法：ipdocs new-change")
    assert "选项" in result.stdout and "显示这段说明" in result.stdout and "options" not in result.stdout


def test_a_content_folder_linked_elsewhere_is_never_written_through(cli, project, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside")
    meetings = project / "content" / "meetings"
    for path in meetings.iterdir():
        path.rename(outside / path.name)
    meetings.rmdir()
    meetings.symlink_to(outside, target_is_directory=True)
    before = set(outside.iterdir())
    result = cli("new-meeting", "--body", "joint_meeting", "--date", "2023-03-10")
    assert result.returncode == 1 and set(outside.iterdir()) == before      # refused here, or by the reader
