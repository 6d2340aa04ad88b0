"""Which files the content folder holds: every entry is read or reported by its path, none skipped.

Nothing here opens a file. Each entry is looked at with lstat first, so that a
FIFO (which would hang a read), a device such as /dev/zero, a directory, a
dangling or looping link, or a link that leaves the content folder is
reported by path instead of being read. YAML files must end in `.yaml`; a
file in a content folder that is not one is reported, never skipped quietly.
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problems
from .loader import control_character

TOP_FILES = ("organization", "units", "people", "bodies")
RECORD_FOLDERS = ("assessment", "meetings", "changes")
ALL_FOLDERS = (*RECORD_FOLDERS, "progress", "evidence")
IGNORED = {".DS_Store", "Thumbs.db", "desktop.ini", ".gitkeep", ".keep"}
MAX_NAME_BYTES = 200           # room for a prefix and a suffix within the 255 bytes a file name may have


def printable(text: str) -> str:
    """A path as the clerk can read it, even when its name is not valid UTF-8."""
    return os.fsencode(text).decode("utf-8", "replace")


@dataclass(frozen=True)
class Entry:
    """One regular file the readers may open."""
    path: Path
    shown: str            # as messages show it: content/meetings/2022-12-15-joint-1.yaml

    @property
    def stem(self) -> str:
        return self.path.name[: -len(".yaml")] if self.path.name.endswith(".yaml") else self.path.stem


@dataclass
class Layout:
    top: dict[str, Entry] = field(default_factory=dict)                 # organization → Entry
    folders: dict[str, list[Entry]] = field(default_factory=dict)       # meetings → [Entry]
    progress: list[tuple[str, Entry]] = field(default_factory=list)     # (period folder, Entry)
    evidence: set[str] = field(default_factory=set)                     # evidence/2022/x.png, safe to read
    missing: set[str] = field(default_factory=set)                      # required files not there


class Discovery:
    """Walks the content folder once, reporting every entry it cannot use."""

    def __init__(self, root: Path, problems: Problems):
        self.root, self.problems = root, problems
        self.real_root = os.path.realpath(root)
        self.layout = Layout()

    def shown(self, path: Path) -> str:
        try:
            return printable(str(self.root / path.relative_to(self.root)))
        except ValueError:
            return printable(str(path))

    def report(self, path: Path, message: str, warning: bool = False) -> None:
        where = (self.shown(path), 1)
        self.problems.warn(where, message) if warning else self.problems.error(where, message)

    # -- one entry ---------------------------------------------------------
    def kind(self, path: Path) -> str | None:
        """'file' or 'dir' for an entry that may be used; None after reporting why it may not."""
        try:
            info = os.lstat(path)
        except OSError as exc:
            self.report(path, f"无法查看（{exc.strerror}）")
            return None
        if stat.S_ISLNK(info.st_mode) and not self.link_stays_inside(path):
            return None
        try:
            info = os.stat(path)
        except OSError as exc:
            self.report(path, f"链接指向的文件不存在或链接绕成了圈（{exc.strerror}）：请删去这个链接，把文件本身放到这里")
            return None
        if stat.S_ISDIR(info.st_mode):
            return "dir"
        if stat.S_ISREG(info.st_mode):
            return "file"
        self.report(path, "不是普通文件（是管道、设备或套接字）：内容目录中只能放普通文件，请删去它")
        return None

    def link_stays_inside(self, path: Path) -> bool:
        target = os.path.realpath(path)
        if os.path.commonpath([target, self.real_root]) != self.real_root:
            self.report(path, f"是指向内容目录之外（{printable(target)}）的链接：内容不能引用目录外的文件，请把文件本身放到这里")
            return False
        return True

    def name_ok(self, path: Path) -> bool:
        name = path.name
        try:
            encoded = name.encode("utf-8")
        except UnicodeEncodeError:
            self.report(path, "文件名不是 UTF-8 编码（多半是从别的系统复制来的）：请重新命名这个文件")
            return False
        if control_character(name):
            self.report(path, f"文件名中有看不见的控制字符 {control_character(name)}：请重新命名这个文件")
            return False
        if len(encoded) > MAX_NAME_BYTES:
            self.report(path, f"文件名太长（{len(encoded)} 字节，最多 {MAX_NAME_BYTES}）：请改短")
            return False
        return True

    def listing(self, folder: Path) -> list[Path]:
        try:
            return sorted(folder / name for name in os.listdir(folder))
        except OSError as exc:
            self.report(folder, f"无法打开文件夹（{exc.strerror}）：请检查它的权限")
            return []

    def junk(self, path: Path) -> bool:
        """Files a system or an editor leaves behind: ignored, or reported as a warning."""
        if path.name in IGNORED:
            return True
        if path.name.startswith(".") or path.name.endswith(("~", ".swp", ".bak", ".tmp")):
            self.report(path, "隐藏文件或编辑器的备份文件，已忽略", warning=True)
            return True
        return False

    # -- YAML records ------------------------------------------------------
    def yaml_entry(self, path: Path, where_it_goes: str) -> Entry | None:
        if self.junk(path) or not self.name_ok(path):
            return None
        kind = self.kind(path)
        if kind is None:
            return None
        if kind == "dir":
            self.report(path, f"这里不应有文件夹：{where_it_goes}")
            return None
        if not path.name.endswith(".yaml"):
            self.report(path, self.wrong_suffix(path))
            return None
        return Entry(path, self.shown(path))

    @staticmethod
    def wrong_suffix(path: Path) -> str:
        lowered = path.name.lower()
        for suffix in (".yaml", ".yml"):
            if lowered.endswith(suffix):
                return f"内容文件的扩展名应为小写的 .yaml：请改名为 {path.name[: -len(suffix)]}.yaml"
        return "不是内容文件（内容文件以 .yaml 结尾）：请移出这个文件夹，或改名为 .yaml"

    def records(self, folder: str) -> None:
        path = self.root / folder
        entries = []
        if self.kind_of_folder(path):
            for child in self.listing(path):
                entry = self.yaml_entry(child, f"文件直接放在 {self.shown(path)}/ 下")
                if entry:
                    entries.append(entry)
        self.layout.folders[folder] = entries

    def kind_of_folder(self, path: Path) -> bool:
        if not os.path.lexists(path):
            return False
        kind = self.kind(path)
        if kind == "file":
            self.report(path, "应为文件夹，现在是文件")
        return kind == "dir"

    def progress(self) -> None:
        folder = self.root / "progress"
        if not self.kind_of_folder(folder):
            return
        for period in self.listing(folder):
            if self.junk(period) or not self.name_ok(period):
                continue
            kind = self.kind(period)
            if kind == "file":
                self.report(period, f"进展情况文件应放在报送期文件夹中，如 {self.shown(folder)}/2022-Q4/{printable(period.name)}")
            elif kind == "dir":
                for child in self.listing(period):
                    entry = self.yaml_entry(child, f"进展情况文件直接放在 {self.shown(period)}/ 下")
                    if entry:
                        self.layout.progress.append((period.name, entry))

    def evidence(self) -> None:
        folder = self.root / "evidence"
        if self.kind_of_folder(folder):
            self.evidence_folder(folder)

    def evidence_folder(self, folder: Path) -> None:
        for child in self.listing(folder):
            if child.name in IGNORED or not self.name_ok(child):
                continue
            kind = self.kind(child)
            if kind == "dir" and not child.is_symlink():
                self.evidence_folder(child)
            elif kind == "dir":
                self.report(child, "证明材料中的文件夹不能是链接：请把文件夹本身放到这里")
            elif kind == "file":
                self.layout.evidence.add(child.relative_to(self.root).as_posix())

    # -- the content folder ------------------------------------------------
    def top(self) -> None:
        for name in TOP_FILES:
            path = self.root / f"{name}.yaml"
            if not os.path.lexists(path):
                self.layout.missing.add(name)
                continue
            entry = self.yaml_entry(path, f"{name}.yaml 应为文件")
            if entry:
                self.layout.top[name] = entry
        known = {f"{name}.yaml" for name in TOP_FILES} | set(ALL_FOLDERS)
        for path in self.listing(self.root):
            if path.name not in known and not self.junk(path):
                self.unknown_top_entry(path)

    def unknown_top_entry(self, path: Path) -> None:
        expected = "、".join([*(f"{n}.yaml" for n in TOP_FILES), *(f"{n}/" for n in ALL_FOLDERS)])
        looks_like_content = path.name.lower().endswith((".yaml", ".yml")) or os.path.isdir(path)
        self.report(path, f"内容目录中不认识这个{'文件夹' if os.path.isdir(path) else '文件'}（内容目录中应有：{expected}）"
                          + ("：请放到对应的文件夹中，或改正名字" if looks_like_content else "，已忽略"),
                    warning=not looks_like_content)

    def walk(self) -> Layout:
        if not os.path.isdir(self.root):
            self.problems.error((printable(str(self.root)), 1), "找不到内容目录：请在项目文件夹（有 content/ 的那一层）中运行")
            return self.layout
        self.top()
        for folder in RECORD_FOLDERS:
            self.records(folder)
        self.progress()
        self.evidence()
        return self.layout


def discover(root: Path, problems: Problems) -> Layout:
    """Every file the readers may open, by kind; every entry that may not be opened reported."""
    return Discovery(Path(root), problems).walk()
