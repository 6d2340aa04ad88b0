"""`ipdocs verify`: full validation of an archive bag (folder or .zip), naming every changed, missing or extra file."""
from __future__ import annotations

import hashlib
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import bagit

from ..files import nfc
from .archive import manifest_of


@dataclass
class Findings:
    changed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    other: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.changed or self.missing or self.extra or self.other)

    def lines(self) -> list[str]:
        return ([f"已改动：{p}" for p in self.changed] + [f"缺失：{p}" for p in self.missing]
                + [f"多出：{p}" for p in self.extra] + self.other)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def compare(bag: Path) -> Findings:
    """Names what differs from the manifest; bagit's own validation gives the verdict on the rest."""
    findings = Findings()
    expected = manifest_of(bag)
    present = {nfc(p.relative_to(bag / "data").as_posix()): p for p in (bag / "data").rglob("*") if p.is_file()}
    findings.missing = sorted(set(expected) - set(present))
    findings.extra = sorted(set(present) - set(expected))
    findings.changed = sorted(n for n in set(expected) & set(present) if _sha256(present[n]) != expected[n])
    try:
        bagit.Bag(str(bag)).validate()
    except bagit.BagValidationError as exc:
        if findings.ok:
            findings.other.append(f"BagIt 校验失败：{exc}")
    except bagit.BagError as exc:
        findings.other.append(f"不是有效的 BagIt 包：{exc}")
    return findings


def _bag_in(folder: Path) -> Path:
    candidates = [p.parent for p in folder.rglob("bagit.txt")]
    if len(candidates) != 1:
        raise FileNotFoundError("压缩包中没有找到（唯一的）bagit.txt")
    return candidates[0]


def verify(target: Path) -> Findings:
    if target.is_dir():
        return compare(target)
    with tempfile.TemporaryDirectory(prefix="ipdocs-verify-") as tmp:
        with zipfile.ZipFile(target) as archive:
            archive.extractall(tmp)
        return compare(_bag_in(Path(tmp)))


def report(target: Path) -> int:
    try:
        findings = verify(target)
    except (FileNotFoundError, zipfile.BadZipFile, OSError) as exc:
        print(f"无法校验 {target}：{exc}")
        return 1
    if findings.ok:
        print(f"校验通过：{target} 中的全部文件与清单一致（sha256 与 sha512），没有改动、缺失或多出的文件。")
        return 0
    print(f"校验未通过：{target}")
    for line in findings.lines():
        print(f"  {line}")
    print(f"共 {len(findings.lines())} 处问题。档案包封存后不应改动；如需更新，请重新运行 doit archive 生成新版本。")
    return 1
