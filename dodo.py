"""ipdocs 的构建任务。运行 `doit list` 查看全部任务及说明。"""
from ipdocs import tasks

DOIT_CONFIG = {
    "default_tasks": ["notice", "minutes", "notices", "changes", "roster", "progress", "site"],
    "verbosity": 1,
    "dep_file": ".doit.db",
    "action_string_formatting": "new",
}


def task_check():
    """检查 content/ 下的全部文件，列出所有问题（不生成任何文件）。"""
    return {"actions": [tasks.check], "uptodate": [False], "verbosity": 2}


def task_notice():
    """组建通知（营西政发〔2022〕12号）：.docx 与 .html。"""
    yield from tasks.document_tasks("notice")


def task_minutes():
    """会议纪要：每个已召开的会议一份；doit minutes:<会议文件名> 只生成一份。"""
    yield from tasks.document_tasks("minutes")


def task_notices():
    """会议通知：会议文件写了 notice 的，各生成一份。"""
    yield from tasks.document_tasks("notices")


def task_changes():
    """成员调整：调整申请（函）与批准后的调整通知。"""
    yield from tasks.document_tasks("changes")


def task_roster():
    """成员名单：两个机构当前的组成人员。"""
    yield from tasks.document_tasks("roster")


def task_progress():
    """进展情况：各单位工作完成情况报告、办公室进展情况报告与差距清单（按报送期）。"""
    yield from tasks.document_tasks("progress")


def task_site():
    """记录网站：output/site/index.html，浏览会议、议定事项、成员名单、考核进展和归档目录（可直接双击打开）。"""
    return tasks.site_task()


def task_archive():
    """考核档案：doit archive 按年度打包（归档文件目录、证明材料索引、BagIt 校验和、zip）。"""
    yield from tasks.archive_tasks()


def task_pdf():
    """PDF：用 LibreOffice 把全部 .docx 转成 PDF（需先安装 LibreOffice，见 README）。"""
    return tasks.pdf_task()


def task_preview():
    """预览图：每类公文第 1 页和网站主要页面的 PNG，放在 output/preview/（需要 LibreOffice 和 Chromium）。"""
    return tasks.preview_task()
