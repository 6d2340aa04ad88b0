"""Values typed into a form, as Excel, WPS and LibreOffice keep them: dates, numbers, file names.

A date may come back as a date, as an Excel serial number or as text (2023-06-28,
2023/6/28, 2023年6月28日); a number as a number, as text ("3", "３", "3次") or as a
percentage (0.96 shown as 96%). Each parser returns (value, None) or (None, why).
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path, PurePosixPath

from openpyxl.utils.datetime import from_excel

from ..errors import nearest
from .returned import Cell

_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_NUMBER = re.compile(r"^([+-]?\d+(?:\.\d+)?)\s*(%|次|件|个|项|家|场|人)?$")
SERIALS = (20000, 80000)          # Excel serial numbers of 1954 … 2119: a date typed as a number


def parse_date(cell: Cell) -> tuple[dt.date | None, str | None]:
    value = cell.value
    if isinstance(value, dt.datetime):
        return value.date(), None
    if isinstance(value, dt.date):
        return value, None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and SERIALS[0] <= value <= SERIALS[1]:
        return from_excel(value).date(), None
    text = unicodedata.normalize("NFKC", cell.text).replace(" ", "")
    match = _DATE.match(text) or _COMPACT_DATE.match(text)
    if match:
        try:
            return dt.date(*map(int, match.groups())), None
        except ValueError:
            pass
    return None, "请写作 2023-06-28 这样的日期，并确认月、日存在"


def parse_number(cell: Cell) -> tuple[float | None, str | None]:
    """A number, percentages as percent (0.96 formatted as % → 96)."""
    value = cell.value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (round(value * 100, 9) if "%" in (cell.number_format or "") else value), None
    match = _NUMBER.match(unicodedata.normalize("NFKC", cell.text).replace(",", "").replace(" ", ""))
    if not match:
        return None, "应为数字"
    return float(match.group(1)), None


def as_int(value: float) -> int | None:
    return int(value) if float(value).is_integer() else None


def evidence_names(text: str, separators) -> list[str]:
    return [name.strip() for name in separators.split(text) if name.strip()]


def evidence_path(name: str, year: int) -> tuple[str | None, str | None]:
    """evidence/<year>/<name> for a file name as the unit wrote it; a path must stay in that folder."""
    name = unicodedata.normalize("NFC", name.replace("\\", "/").strip())
    path = PurePosixPath(name)
    if path.parts[:1] == ("content",):
        path = PurePosixPath(*path.parts[1:])
    if path.parts[:2] != ("evidence", str(year)):
        path = PurePosixPath("evidence", str(year), *path.parts)
    if path.is_absolute() or ".." in path.parts or path.parts[:2] != ("evidence", str(year)) or len(path.parts) < 3:
        return None, f"应写文件名（如 活动签到表.pdf），文件放在 content/evidence/{year}/ 中"
    return path.as_posix(), None


def missing_evidence(root: Path, relative: str, year: int) -> str | None:
    """Why a file is not there, naming the closest names in the year's folder; None when it is."""
    if (root / relative).is_file():
        return None
    folder = root / "evidence" / str(year)
    known = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []
    name = relative.split("/", 2)[2]
    return f"content/evidence/{year}/ 中没有这个文件{nearest(name, known)}：请把文件放进该文件夹，或改正文件名"
