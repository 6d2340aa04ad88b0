"""The package's shape: imports only go down the stages, and no module imports itself round in a circle.

Read from the source with ast, so a lazy import inside a function counts as much as one at the top.
"""
from __future__ import annotations

import ast
from pathlib import Path

from support import REPO

PACKAGE = REPO / "ipdocs"
# Each stage may import the stages listed for it (and itself); nothing else of the package.
BOTTOM = {"errors", "settings", "text", "files", "yamlwrite"}
ALLOWED = {
    "bottom": set(),
    "model": {"bottom"},
    "read": {"model", "bottom"},
    "render": {"bottom"},
    "documents": {"render", "model", "bottom"},
    "outputs": {"documents", "render", "model", "read", "bottom"},
    "tasks": {"outputs", "documents", "render", "model", "read", "bottom"},
    "cli": {"outputs", "documents", "render", "model", "read", "bottom"},
    "main": {"cli"},
}


def stage_of(module: str) -> str:
    """ipdocs.read.fields → read; ipdocs.errors → bottom; ipdocs.__main__ → main."""
    parts = module.split(".")[1:]
    if not parts or parts[0] in BOTTOM or parts[0] == "__init__":
        return "bottom"
    return "main" if parts[0] == "__main__" else parts[0]


def module_name(path: Path) -> str:
    relative = path.relative_to(REPO).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported(path: Path) -> set[str]:
    """The ipdocs modules a file imports, resolved to absolute names."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("ipdocs")}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            if base.startswith("ipdocs"):
                found |= {f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names}
    return found


MODULES = {module_name(p) for p in PACKAGE.rglob("*.py")}
GRAPH = {module_name(p): imported(p) for p in PACKAGE.rglob("*.py")}


def test_every_import_goes_down_the_stages():
    upward = sorted(f"{source} → {target}" for source, targets in GRAPH.items() for target in targets
                    if stage_of(target) != stage_of(source) and stage_of(target) not in ALLOWED[stage_of(source)])
    assert upward == []


def test_read_and_model_know_nothing_of_documents_or_rendering():
    for source, targets in GRAPH.items():
        if stage_of(source) in ("read", "model"):
            assert not {stage_of(t) for t in targets} & {"documents", "render", "outputs", "tasks", "cli"}, source


def test_no_module_imports_itself_round_a_circle():
    def cycle_from(start):
        stack = [(start, [start])]
        while stack:
            node, path = stack.pop()
            for nxt in GRAPH.get(node, ()):
                if nxt == start:
                    return path + [start]
                if nxt not in path and nxt in GRAPH:
                    stack.append((nxt, path + [nxt]))
        return None

    assert [c for c in map(cycle_from, GRAPH) if c] == []


def test_the_checker_sees_the_imports_it_judges():
    assert "ipdocs.model.records" in GRAPH["ipdocs.read.content"]
    assert stage_of("ipdocs.tasks.definitions") == "tasks" and stage_of("ipdocs.files") == "bottom"
