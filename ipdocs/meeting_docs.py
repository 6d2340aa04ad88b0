"""Meeting notices and minutes."""
from __future__ import annotations


def documents(content) -> list:
    return []
