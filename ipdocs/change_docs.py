"""Member-change documents (issue 4)."""
from __future__ import annotations


def documents(content) -> list:
    return []
