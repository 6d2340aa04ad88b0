"""ipdocs 的构建任务。运行 `doit list` 查看全部任务及说明。

任务由 ipdocs/tasks/definitions.py 按公文种类的登记表生成：每类公文一个任务，每份公文一个子任务。
同一文件夹中同时只能运行一个 doit（第二个会提示并退出）；损坏的构建记录 .doit.db 会自动重建。
"""
import gc

from ipdocs.tasks.definitions import DOIT_CONFIG, creators
from ipdocs.tasks.guard import hold_project_lock, repair_dependency_file

hold_project_lock()
repair_dependency_file(DOIT_CONFIG["dep_file"])
globals().update(creators())
gc.freeze()        # what is loaded now lives as long as doit: `doit -n 2` workers then share it instead of copying it
