"""Which template files a document depends on, found without importing Jinja (keeps `doit` start-up quick)."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..settings import TEMPLATES
_REFERENCE = re.compile(r"""{%-?\s*(?:import|include|extends|from)\s+["']([^"']+)["']""")


@lru_cache(maxsize=None)
def template_files(name: str) -> tuple[Path, ...]:
    """The template and every template it extends, includes or imports."""
    seen, todo = [], [name]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.append(current)
        todo.extend(_REFERENCE.findall((TEMPLATES / current).read_text(encoding="utf-8")))
    return tuple(TEMPLATES / t for t in seen)
