"""The reader's state: the files found and read so far, the names known so far, and every problem found."""
from __future__ import annotations

import os
import stat
from pathlib import Path

from ..errors import ContentError, Problems, nearest
from ..model import records as m
from .discover import Entry, discover, printable
from .loader import LoadError, load_yaml


class Builder:
    """Reads content files one by one, collecting every problem instead of stopping at the first."""

    def __init__(self, root: Path):
        self.root = root
        self.problems = Problems()
        self.layout = discover(root, self.problems)
        self.files: dict[str, Path] = {}
        self.units_by_name: dict[str, m.Unit] = {}
        self.person_lines: dict[str, tuple[str, int]] = {}      # name → where people.yaml registers it

    def stop_if_errors(self) -> None:
        """Later rules would only repeat these problems in other words: report them alone."""
        if self.problems.errors:
            raise ContentError(self.problems.errors)

    # -- files -------------------------------------------------------------
    def read(self, name: str, required=True):
        """One of the top-level files (organization, units, people, bodies)."""
        entry = self.layout.top.get(name)
        if entry is None:
            if required and name in self.layout.missing:
                self.problems.error((str(self.root / f"{name}.yaml"), 1), "缺少这个文件：请按 README 的说明建立它")
            return None
        return self.read_entry(entry)

    def read_file(self, path: Path):
        """A YAML file named outside the content folder (a command's argument), read like the others."""
        shown = printable(str(path))
        try:
            regular = stat.S_ISREG(os.stat(path).st_mode)
        except OSError as exc:
            self.problems.error((shown, 1), f"无法读取这个文件（{exc.strerror}）")
            return None
        if not regular:
            self.problems.error((shown, 1), "不是普通文件：请给出一个 YAML 文件")
            return None
        return self.read_entry(Entry(Path(path), shown))

    def read_entry(self, entry: Entry):
        self.files[entry.shown] = entry.path
        try:
            return load_yaml(entry.path, entry.shown)
        except LoadError as exc:
            self.problems.extend(exc.problems)
        except OSError as exc:
            self.problems.error((entry.shown, 1), f"无法读取这个文件（{exc.strerror}）：请检查它的权限")
        return None

    def read_folder(self, folder: str) -> list[tuple[str, object]]:
        """(stem, data) of every YAML file in a record folder that loaded."""
        read = [(entry.stem, self.read_entry(entry)) for entry in self.layout.folders.get(folder, [])]
        return [(stem, data) for stem, data in read if data is not None]

    def read_progress(self) -> list[tuple[str, str, object]]:
        """(period folder, stem, data) of every progress file that loaded."""
        read = [(period, entry.stem, self.read_entry(entry)) for period, entry in self.layout.progress]
        return [item for item in read if item[2] is not None]

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
