"""Document families: one module each. Importing this package registers every family module in it."""
from __future__ import annotations

import importlib
import pkgutil

from .registry import (Document, Family, all_documents, check_house_style, families, family, register, render)

_NOT_FAMILIES = {"registry", "common"}

for _module in pkgutil.iter_modules(__path__):
    if _module.name not in _NOT_FAMILIES:
        importlib.import_module(f"{__name__}.{_module.name}")

__all__ = ["Document", "Family", "all_documents", "check_house_style", "families", "family", "register", "render"]
