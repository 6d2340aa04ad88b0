"""ipdocs 的构建任务。运行 `doit list` 查看全部任务及说明。

任务由 ipdocs/tasks/definitions.py 按公文种类的登记表生成：每类公文一个任务，每份公文一个子任务。
"""
from ipdocs.tasks.definitions import DOIT_CONFIG, creators

globals().update(creators())
