"""Names that documents print and that become parts of output file names: units, bodies, people."""
from __future__ import annotations

SEPARATORS = ("/", "\\")


def name_problem(name: str) -> str | None:
    """Why a name cannot be used, or None: a path separator or a bare '..' would move the file it names."""
    if any(sep in name for sep in SEPARATORS):
        return "中不能有“/”或“\\”：名称会成为输出文件名的一部分"
    if name.strip(".") == "":
        return "不能只由“.”组成"
    return None
