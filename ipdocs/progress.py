"""Progress files content/progress/<period>/*.yaml (to be built: issue 5)."""
from __future__ import annotations


def read_progress_files(b) -> list:
    """Read every progress file; returns [(period folder name, stem, raw data)]."""
    return []


def check_progress(b, raw, content) -> list:
    """Validate the raw progress files against the content; returns the report records."""
    return []
