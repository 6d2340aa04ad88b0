"""Where things are: the project's folders and the environment variables, read in one place."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "templates"
PACKAGE = ROOT / "ipdocs"

CONTENT = Path(os.environ.get("IPDOCS_CONTENT", "content"))
OUTPUT = Path(os.environ.get("IPDOCS_OUTPUT", "output"))
TASK_CACHE = Path(os.environ.get("IPDOCS_TASK_CACHE", ".ipdocs-tasks.json"))
# The house style the clerk edits in Word or WPS; every document takes its styles and page from it.
HOUSE_STYLE = Path(os.environ.get("IPDOCS_HOUSE_STYLE") or TEMPLATES / "公文样式.docx")     # empty: the default


def debug_enabled() -> bool:
    """IPDOCS_DEBUG=1 shows Python tracebacks instead of the one-line messages."""
    return os.environ.get("IPDOCS_DEBUG", "") not in ("", "0")
