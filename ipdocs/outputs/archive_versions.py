"""The sealed versions of a year's archive in output/档案: found by name, checked before a new one is numbered.

A version is `<年>年度档案_v<n>` (a folder) and/or `<年>年度档案_v<n>.zip`. A number is never used
again while any file of that version is there. Other names are left alone with a warning; a damaged
version stops the run, since a new version would be numbered and compared against it.
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..files import nfc
from .archive_records import ArchiveError

VERSION_NAME = re.compile(r"^(\d{4})年度档案_v([1-9]\d{0,5})(\.zip)?$")


@dataclass
class Version:
    year: int
    number: int
    folder: Path | None = None
    zip: Path | None = None

    @property
    def name(self) -> str:
        return f"{self.year}年度档案_v{self.number}"

    @property
    def path(self) -> Path:
        return self.folder or self.zip

    def read(self, relative: str) -> bytes | None:
        """A file of the bag by its path inside the bag folder (from the folder, else from the zip)."""
        if self.folder is not None:
            path = self.folder / relative
            return path.read_bytes() if path.is_file() else None
        with zipfile.ZipFile(self.zip) as archive:
            try:
                return archive.read(f"{self.name}/{relative}")
            except KeyError:
                return None

    def names(self, prefix: str) -> list[str]:
        """Paths inside the bag folder that start with prefix."""
        if self.folder is not None:
            return sorted(p.relative_to(self.folder).as_posix() for p in (self.folder / prefix).rglob("*") if p.is_file())
        with zipfile.ZipFile(self.zip) as archive:
            start = f"{self.name}/"
            return sorted(n[len(start):] for n in archive.namelist()
                          if n.startswith(start + prefix) and not n.endswith("/"))


def scan(folder: Path, year: int) -> tuple[list[Version], list[str]]:
    """The year's versions in number order, and a warning for every name in the folder that is not a version."""
    found: dict[int, Version] = {}
    warnings = []
    for entry in sorted(folder.iterdir()) if folder.is_dir() else []:
        name = nfc(entry.name)
        match = VERSION_NAME.match(name)
        if name.startswith("."):
            continue                                   # a staging folder left by an interrupted run
        if not match or (match.group(3) is None) != entry.is_dir():
            warnings.append(f"警告：{entry}：不是 doit archive 生成的档案包名称，已忽略（不会改动它）")
            continue
        if int(match.group(1)) != year:
            continue
        version = found.setdefault(int(match.group(2)), Version(year, int(match.group(2))))
        if entry.is_dir():
            version.folder = entry
        else:
            version.zip = entry
    return [found[n] for n in sorted(found)], warnings


def versions(folder: Path, year: int) -> list[Path]:
    """The sealed versions of a year, oldest first: each version's folder, or its zip when only that is there."""
    return [v.path for v in scan(folder, year)[0]]


def next_number(found: list[Version]) -> int:
    return max((v.number for v in found), default=0) + 1


def check_sealed(found: list[Version]) -> None:
    """Stop when a sealed version (folder or zip) no longer verifies."""
    from .verify import verify
    for version in found:
        for path in (version.folder, version.zip):
            if path is None:
                continue
            findings = verify(path)
            if not findings.ok:
                detail = "；".join(findings.lines()[:3]) + ("……" if len(findings.lines()) > 3 else "")
                raise ArchiveError(
                    f"已封存的档案包 {path} 已损坏（{detail}）。封存的版本不能改动，也不能在它之后接着编号：请用 "
                    f"ipdocs verify {path} 查看详情，从备份恢复它（或把它移出 {path.parent} 另行保存）后再运行 doit archive。")


def payload_digests(version: Version) -> dict[str, str]:
    """The version's sha256 manifest, paths relative to data/."""
    from .verify import parse_manifest
    data = version.read("manifest-sha256.txt")
    if data is None:
        return {}
    entries = parse_manifest("manifest-sha256.txt", data).entries
    return {path.removeprefix("data/"): digest for path, digest in entries.items()}


@dataclass(frozen=True)
class SealedPdf:
    """A PDF/A copy in a sealed version, with what its metadata says about it."""
    data: bytes
    pages: str
    producer: str


@dataclass
class Sealed:
    """What the latest sealed version already knows: its PDF/A copies by the sha256 of the .docx each was made
    from, and the page count of each original file by its sha256.

    A new version takes these again for an unchanged .docx or evidence file, so that a PDF made again
    (with a new creation time) does not make a new version of unchanged records, and pages once
    counted are not counted again.
    """
    pdfs: dict[str, SealedPdf] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)


def sealed_facts(version: Version | None) -> Sealed:
    from lxml import etree

    from .archive_meta import METADATA_NAME, NS, ORIGINAL
    sealed = Sealed()
    for path in (version.names("data/文件/") if version else []):
        if not path.endswith(f"/{METADATA_NAME}"):
            continue
        root = etree.fromstring(version.read(path))
        pages = root.findtext(f".//{{{NS}}}页数", default="未知")
        for element in root.iter(f"{{{NS}}}电子文件"):
            text = lambda tag: element.findtext(f"{{{NS}}}{tag}", default="")
            if element.get("用途") == ORIGINAL:
                sealed.pages[text("数字摘要")] = pages
                continue
            data = version.read(path.rsplit("/", 1)[0] + "/" + text("计算机文件名"))
            if text("来源文件摘要") and data is not None:
                sealed.pdfs[text("来源文件摘要")] = SealedPdf(data, pages, text("文档创建程序"))
    return sealed
