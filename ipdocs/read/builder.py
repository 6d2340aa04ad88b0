"""The reader's state: the files read so far, the names known so far, and every problem found."""
from __future__ import annotations

from pathlib import Path

from ..errors import ContentError, Problems, nearest
from ..model import records as m
from .loader import LoadError, load_yaml


def _shown(path: Path, root: Path) -> str:
    """The path as the clerk would type it: the content folder as given, then the file."""
    try:
        return str(root / path.relative_to(root))
    except ValueError:
        return str(path)


class Builder:
    """Reads content files one by one, collecting every problem instead of stopping at the first."""

    def __init__(self, root: Path):
        self.root = root
        self.problems = Problems()
        self.files: dict[str, Path] = {}
        self.units_by_name: dict[str, m.Unit] = {}
        self.unreadable = False

    def stop_if_unreadable(self) -> None:
        """A file that does not load would make every name in it look unknown: report it alone."""
        if self.unreadable:
            raise ContentError(self.problems.errors)

    # -- files -------------------------------------------------------------
    def read(self, relative: str, required=True):
        path = self.root / relative
        shown = _shown(path, self.root)
        if not path.exists():
            if required:
                self.problems.error((shown, 1), "缺少这个文件：请按 README 的说明建立它")
            return None
        return self.read_path(path)

    def read_path(self, path: Path):
        shown = _shown(path, self.root)
        self.files[shown] = path
        try:
            return load_yaml(path, shown)
        except LoadError as exc:
            self.problems.items.extend(exc.problems)
            self.unreadable = True
            return None

    def read_folder(self, relative: str) -> list[tuple[str, object]]:
        folder = self.root / relative
        paths = sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml")) if folder.is_dir() else []
        return [(p.stem, self.read_path(p)) for p in paths]

    # -- names -------------------------------------------------------------
    def unit(self, name, where) -> m.Unit | None:
        if name is None:
            return None
        found = self.units_by_name.get(str(name).strip())
        if found is None:
            self.problems.error(where, f"未知单位“{name}”{nearest(str(name), self.units_by_name)}：单位须在 content/units.yaml 中登记（全称、简称或别名）")
        return found

    def person(self, name, where, known) -> str | None:
        if name is None:
            return None
        name = str(name).strip()
        if name not in known:
            self.problems.error(where, f"未知人员“{name}”{nearest(name, known)}：人员须在 content/people.yaml 中登记")
            return None
        return name
