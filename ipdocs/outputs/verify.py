"""`ipdocs verify`: full validation of an archive bag (folder or .zip), naming every changed, missing or extra file.

Never raises on a damaged or hostile package: unreadable or garbled manifests, zip members outside
the bag (`../`), encrypted members and compression it cannot read are each reported, and fail the check.
A zip is never extracted as it stands: each member's name is checked before it is written to a
temporary folder. Beyond BagIt, each record's 元数据.xml is checked against its files (name, size,
SHA-256) and the 文件目录.xml against the metadata files.
"""
from __future__ import annotations

import hashlib
import re
import stat
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import bagit

from ..files import nfc

_HEX = re.compile(r"^[0-9a-fA-F]+$")
_DIGEST_LENGTH = {"md5": 32, "sha1": 40, "sha256": 64, "sha512": 128}


@dataclass
class Findings:
    changed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    metadata: list[str] = field(default_factory=list)
    other: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.lines()

    def lines(self) -> list[str]:
        return ([f"已改动：{p}" for p in self.changed] + [f"缺失：{p}" for p in self.missing]
                + [f"多出：{p}" for p in self.extra] + [f"元数据不符：{p}" for p in self.metadata] + self.other)


# --- manifests ----------------------------------------------------------------------------------

@dataclass
class Manifest:
    algorithm: str
    entries: dict[str, str]          # path relative to the bag → hex digest
    problems: list[str]


def read_manifest(path: Path) -> Manifest:
    """A BagIt manifest file, every line it cannot use reported with its number."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Manifest("", {}, [f"{path.name}：无法读取（{exc.strerror or exc}）"])
    return parse_manifest(path.name, data)


def parse_manifest(name: str, data: bytes) -> Manifest:
    algorithm = name.removesuffix(".txt").split("-", 1)[-1].lower()
    manifest = Manifest(algorithm, {}, [])
    if algorithm not in _DIGEST_LENGTH:
        manifest.problems.append(f"{name}：不支持的摘要算法“{algorithm}”")
        return manifest
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        manifest.problems.append(f"{name}：不是 UTF-8 编码的文本，无法读取")
        return manifest
    for number, line in enumerate(text.splitlines(), start=1):
        _manifest_line(manifest, name, number, line)
    return manifest


def _manifest_line(manifest: Manifest, name: str, number: int, line: str) -> None:
    if not line.strip():
        return
    parts = line.strip().split(None, 1)
    digest, target = (parts + [""])[:2]
    problem = ""
    if len(parts) != 2 or not _HEX.match(digest) or len(digest) != _DIGEST_LENGTH[manifest.algorithm]:
        problem = "无法识别（应为“摘要 路径”）"
    elif not _inside(target):
        problem = f"路径“{target}”不在档案包之内"
    if problem:
        manifest.problems.append(f"{name} 第 {number} 行{problem}：{line[:80]}")
        return
    manifest.entries[nfc(target)] = digest.lower()


def _inside(name: str) -> bool:
    path = PurePosixPath(name)
    return bool(name) and not path.is_absolute() and ".." not in path.parts and "\\" not in name and ":" not in path.parts[0]


def manifest_of(bag: Path) -> dict[str, str]:
    """The sha256 manifest of a bag folder, paths relative to data/ (empty when unreadable)."""
    entries = read_manifest(bag / "manifest-sha256.txt").entries if (bag / "manifest-sha256.txt").is_file() else {}
    return {path.removeprefix("data/"): digest for path, digest in entries.items()}


# --- a bag folder ---------------------------------------------------------------------------------

def _digest(path: Path, algorithm: str) -> str:
    return hashlib.new(algorithm, path.read_bytes()).hexdigest()


def payload_files(bag: Path) -> dict[str, Path]:
    return {nfc(p.relative_to(bag).as_posix()): p for p in (bag / "data").rglob("*") if p.is_file()}


def compare(bag: Path) -> Findings:
    """Every manifest against the files; then the metadata; bagit's own validation where nothing else was found."""
    findings = Findings()
    if not (bag / "bagit.txt").is_file():
        findings.other.append("没有 bagit.txt：不是 BagIt 档案包")
        return findings
    manifests = [read_manifest(p) for p in sorted(bag.glob("manifest-*.txt"))]
    if not manifests:
        findings.other.append("没有 manifest-*.txt 清单")
    for manifest in manifests:
        findings.other += manifest.problems
        if manifest.entries or not manifest.problems:       # an unreadable manifest is reported, not compared
            _compare_payload(bag, manifest, findings)
    for tags in sorted(bag.glob("tagmanifest-*.txt")):
        _compare_tags(bag, read_manifest(tags), findings)
    findings.metadata += metadata_problems(bag / "data")
    for name in ("changed", "missing", "extra"):
        setattr(findings, name, sorted(set(getattr(findings, name))))
    if findings.ok:
        findings.other += _bagit_verdict(bag)
    return findings


def _compare_payload(bag: Path, manifest: Manifest, findings: Findings) -> None:
    present = payload_files(bag)
    shown = lambda path: path.removeprefix("data/")
    findings.missing += [shown(p) for p in manifest.entries if p not in present]
    findings.extra += [shown(p) for p in present if p not in manifest.entries]
    findings.changed += [shown(p) for p, digest in manifest.entries.items()
                         if p in present and _digest(present[p], manifest.algorithm) != digest]


def _compare_tags(bag: Path, manifest: Manifest, findings: Findings) -> None:
    findings.other += manifest.problems
    for name, digest in manifest.entries.items():
        path = bag / name
        if not path.is_file():
            findings.missing.append(name)
        elif _digest(path, manifest.algorithm) != digest:
            findings.changed.append(name)


def _bagit_verdict(bag: Path) -> list[str]:
    try:
        bagit.Bag(str(bag)).validate()
    except bagit.BagValidationError as exc:
        return [f"BagIt 校验失败：{exc}"]
    except (bagit.BagError, ValueError, OSError) as exc:
        return [f"不是有效的 BagIt 包：{exc}"]
    return []


# --- metadata ---------------------------------------------------------------------------------------

def metadata_problems(data: Path) -> list[str]:
    """Each record's 元数据.xml against the files beside it; 文件目录.xml against the metadata files."""
    from .archive_meta import CATALOGUE_NAME, METADATA_NAME
    if not (data / CATALOGUE_NAME).is_file():
        return []                                    # a package made before per-record metadata
    problems = []
    for folder in sorted(p for p in (data / "文件").iterdir() if p.is_dir()) if (data / "文件").is_dir() else []:
        problems += _record_problems(data, folder, METADATA_NAME)
    problems += _catalogue_problems(data, data / CATALOGUE_NAME)
    return problems


def _parse(path: Path, shown: str, problems: list[str]):
    from lxml import etree

    from .archive_meta import schema
    try:
        tree = etree.parse(str(path))
    except (etree.XMLSyntaxError, OSError) as exc:
        problems.append(f"{shown}：无法读取（{exc}）")
        return None
    if not schema().validate(tree):
        problems.append(f"{shown}：不符合元数据结构（{schema().error_log.last_error.message}）")
        return None
    return tree


def _record_problems(data: Path, folder: Path, metadata_name: str) -> list[str]:
    from .archive_meta import NS
    shown = folder.relative_to(data).as_posix()
    problems: list[str] = []
    if not (folder / metadata_name).is_file():
        return [f"{shown}：没有 {metadata_name}"]
    tree = _parse(folder / metadata_name, f"{shown}/{metadata_name}", problems)
    if tree is None:
        return problems
    described = set()
    for element in tree.getroot().iter(f"{{{NS}}}电子文件"):
        field_of = lambda tag: element.findtext(f"{{{NS}}}{tag}", default="")
        name = nfc(field_of("计算机文件名"))
        described.add(name)
        problems += _file_problems(folder / name, f"{shown}/{name}", int(field_of("计算机文件大小") or -1),
                                   field_of("数字摘要").lower())
    present = {nfc(p.name) for p in folder.iterdir() if p.is_file()} - {metadata_name}
    problems += [f"{shown}/{name}：元数据中没有记载" for name in sorted(present - described)]
    return problems


def _file_problems(path: Path, shown: str, size: int, sha256: str) -> list[str]:
    if not path.is_file():
        return [f"{shown}：元数据记载的文件不存在"]
    actual = path.stat().st_size
    if actual != size:
        return [f"{shown}：元数据记载大小 {size} 字节，实际 {actual} 字节"]
    if _digest(path, "sha256") != sha256:
        return [f"{shown}：与元数据记载的 SHA-256 不符"]
    return []


def _catalogue_problems(data: Path, catalogue: Path) -> list[str]:
    from .archive_meta import NS
    problems: list[str] = []
    tree = _parse(catalogue, catalogue.name, problems)
    if tree is None:
        return problems
    for entry in tree.getroot().iter(f"{{{NS}}}条目"):
        path = entry.findtext(f"{{{NS}}}元数据", default="")
        target = data / path
        if not _inside(path) or not target.is_file():
            problems.append(f"{catalogue.name}：条目 {entry.findtext(f'{{{NS}}}档号')} 的元数据 {path} 不存在")
        elif _digest(target, "sha256") != entry.findtext(f"{{{NS}}}元数据摘要", default="").lower():
            problems.append(f"{catalogue.name}：{path} 与目录记载的 SHA-256 不符")
    return problems


# --- a zip ----------------------------------------------------------------------------------------

def _member_problem(info: zipfile.ZipInfo, root: str) -> str:
    name = info.filename
    if not _inside(name) or name.split("/", 1)[0] != root:
        return f"成员在档案包之外（不予解开）：{name}"
    if info.flag_bits & 0x1:
        return f"加密的成员（无法校验）：{name}"
    if stat.S_ISLNK(info.external_attr >> 16):
        return f"符号链接成员（不予解开）：{name}"
    return ""


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[bytes | None, str]:
    try:
        return archive.read(info), ""
    except NotImplementedError:
        return None, f"不支持的压缩方式（{info.compress_type}），无法读取：{info.filename}"
    except (zipfile.BadZipFile, zlib.error, RuntimeError, OSError, EOFError, ValueError) as exc:
        return None, f"无法读取的成员（{exc}）：{info.filename}"


def _bag_root(names: list[str]) -> str:
    """The bag's folder inside the zip: the top folder of bagit.txt."""
    tops = [n.split("/")[0] for n in names if n.count("/") == 1 and n.endswith("/bagit.txt")]
    return tops[0] if len(tops) == 1 else ""


def unpack(target: Path, into: Path) -> tuple[Path | None, list[str]]:
    """The zip's bag written under into, member by member after checking each; and what was wrong."""
    problems: list[str] = []
    with zipfile.ZipFile(target) as archive:
        infos = archive.infolist()
        root = _bag_root([i.filename for i in infos])
        if not root:
            return None, ["压缩包中没有找到（唯一的）档案包文件夹及其 bagit.txt"]
        seen: set[str] = set()
        for info in infos:
            problem = _member_problem(info, root) or (f"重复的成员：{info.filename}" if info.filename in seen else "")
            seen.add(info.filename)
            if problem or info.is_dir():
                problems += [problem] if problem else []
                continue
            data, problem = _read_member(archive, info)
            if problem:
                problems.append(problem)
                continue
            path = into.joinpath(*PurePosixPath(info.filename).parts)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    return into / root, problems


def verify(target: Path) -> Findings:
    if not target.exists():
        return Findings(other=[f"找不到 {target}"])
    if target.is_dir():
        return compare(target)
    with tempfile.TemporaryDirectory(prefix="ipdocs-verify-") as tmp:
        try:
            bag, problems = unpack(target, Path(tmp))
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError) as exc:
            return Findings(other=[f"不是完好的 .zip 压缩包，无法读取（{exc}）"])
        findings = compare(bag) if bag else Findings()
        findings.other = problems + findings.other
        return findings


def report(target: Path) -> int:
    try:
        findings = verify(target)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        print(f"无法校验 {target}：{exc}（不是完好的档案包文件夹或 .zip）")
        return 1
    if findings.ok:
        print(f"校验通过：{target} 中的全部文件与清单和元数据一致（sha256 与 sha512），没有改动、缺失或多出的文件。")
        return 0
    print(f"校验未通过：{target}")
    for line in findings.lines():
        print(f"  {line}")
    print(f"共 {len(findings.lines())} 处问题。档案包封存后不应改动；如需更新，请重新运行 doit archive 生成新版本。")
    return 1
