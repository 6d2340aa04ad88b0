"""Safe file names, writes kept inside their folder, atomic deterministic writes, zips with fixed times and order.

Every name that comes from the content and becomes part of a file name goes
through safe_name(); every write and delete under output/ passes the output
folder as `root`, so that nothing — a crafted name, a link planted inside
output/ — can make it touch a file outside.
"""
from __future__ import annotations

import hashlib
import io
import os
import re
import struct
import sys
import tempfile
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

ZIP_TIME = (1980, 1, 1, 0, 0, 0)
NAME_BYTES = 200            # a file name may have 255 bytes: room for a suffix (.docx) and an archive prefix (0001_)
# Characters a file name cannot hold on Linux or Windows, as the full-width forms Chinese text uses anyway.
_FULL_WIDTH = str.maketrans({"/": "／", "\\": "＼", ":": "：", "*": "＊", "?": "？", '"': "＂", "<": "＜", ">": "＞", "|": "｜"})
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


class OutsideFolder(Exception):
    """A write or delete that would leave the folder it belongs in (a bug or a planted link, never content)."""


def safe_name(text: str, limit: int = NAME_BYTES) -> str:
    """One file-name component from content text: no separators, no '..', no control characters, at most
    `limit` bytes (a longer name is cut and keeps a short hash of the whole, so it stays unique and stable)."""
    name = _CONTROL.sub("", nfc(text)).translate(_FULL_WIDTH).strip().strip(".").strip()
    name = name or "_"
    encoded = name.encode("utf-8")
    if len(encoded) <= limit:
        return name
    digest = hashlib.sha256(encoded).hexdigest()[:8]
    return encoded[: limit - len(digest) - 1].decode("utf-8", "ignore").rstrip() + "_" + digest


def output_path(*parts: str) -> str:
    """A relative output path (without suffix) from its components, each made safe."""
    return "/".join(safe_name(str(part)) for part in parts)


def contained(root: Path, path: Path) -> Path:
    """The path, after checking that it (links resolved) lies inside root; raise OutsideFolder otherwise."""
    real_root, real = os.path.realpath(root), os.path.realpath(path)
    if real == real_root or os.path.commonpath([real_root, real]) != real_root:
        raise OutsideFolder(f"拒绝改动 {root} 之外的文件：{path}（指向 {real}）")
    return Path(path)


def remove_inside(root: Path, paths) -> None:
    """Delete files (doit clean) only where they lie inside root."""
    for path in map(Path, paths):
        if os.path.lexists(path):
            contained(root, path).unlink()


def write_atomic(path: Path, data: bytes, root: Path | None = None) -> bool:
    """Write via a temporary file and rename; leave an identical file untouched. True when written.

    With `root`, the write is refused (OutsideFolder) unless the path lies inside it."""
    path = Path(path)
    if root is not None:
        contained(root, path)
    if path.exists() and path.read_bytes() == data:
        return False
    _place(path, data, os.replace)
    return True


def create_new(path: Path, data: bytes) -> Path:
    """Write a file that is not there yet, whole; FileExistsError when it is (also when two runs race, or a link
    stands there): a clerk's file is never replaced."""
    path = Path(path)
    if os.path.lexists(path):
        raise FileExistsError(path)
    _place(path, data, os.link)
    return path


def _place(path: Path, data: bytes, put) -> None:
    """data into a temporary file beside path, synced, then put(temporary, path): replace or link."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        put(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)


def nfc(text: str) -> str:
    """File names in one Unicode form, so a name typed on a Mac matches the same name typed on Windows."""
    return unicodedata.normalize("NFC", text)


@dataclass(frozen=True)
class Deflated:
    """One zip member, compressed once: a part shared by many packages (the house style's) is deflated only once."""
    name: str
    crc: int
    size: int
    data: bytes


def deflate(name: str, data: bytes, level: int = zlib.Z_DEFAULT_COMPRESSION) -> Deflated:
    """Raw deflate, as zipfile writes a member (at zipfile's level unless told)."""
    return Deflated(name, zlib.crc32(data), len(data), zlib.compress(data, level, -15))


def zip_bytes(parts: list[tuple[str, bytes] | Deflated]) -> bytes:
    """A zip of the parts in the order given, with fixed times and modes: equal parts give equal bytes.

    Written here the way zipfile writes it (the same bytes), without zipfile's per-member work;
    a zip that needs ZIP64 (a member of 4 GB, 65,535 members) is left to zipfile."""
    members = [part if isinstance(part, Deflated) else deflate(*part) for part in parts]
    if len(members) >= 0xFFFF or any(m.size * 1.05 > _ZIP64_LIMIT or len(m.data) >= _ZIP64_LIMIT for m in members):
        return _zip_by_zipfile(members)
    local, central, offset = [], [], 0
    for m in members:
        name, flags = _zip_name(m.name)
        fields = (20, 0, flags, zipfile.ZIP_DEFLATED, _DOS_TIME, _DOS_DATE, m.crc, len(m.data), m.size, len(name))
        header = _LOCAL.pack(b"PK\x03\x04", *fields, 0) + name
        central.append(_CENTRAL.pack(b"PK\x01\x02", 20, _CREATE_SYSTEM, *fields, 0, 0, 0, 0, _MODE, offset) + name)
        local += [header, m.data]
        offset += len(header) + len(m.data)
    directory = b"".join(central)
    if offset + len(directory) >= _ZIP64_LIMIT:
        return _zip_by_zipfile(members)
    end = _END.pack(b"PK\x05\x06", 0, 0, len(members), len(members), len(directory), offset, 0)
    return b"".join(local) + directory + end


_LOCAL, _CENTRAL, _END = struct.Struct("<4s2B4HL2L2H"), struct.Struct("<4s4B4HL2L5H2L"), struct.Struct("<4s4H2LH")
_DOS_DATE = (ZIP_TIME[0] - 1980) << 9 | ZIP_TIME[1] << 5 | ZIP_TIME[2]
_DOS_TIME = ZIP_TIME[3] << 11 | ZIP_TIME[4] << 5 | ZIP_TIME[5] // 2
_MODE = 0o644 << 16
_CREATE_SYSTEM = 0 if sys.platform == "win32" else 3          # as zipfile.ZipInfo says
_ZIP64_LIMIT = (1 << 31) - 1


def _zip_name(name: str) -> tuple[bytes, int]:
    try:
        return name.encode("ascii"), 0
    except UnicodeEncodeError:
        return name.encode("utf-8"), 0x800                  # the member name is UTF-8


def _zip_by_zipfile(members: list[Deflated]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for m in members:
            info = zipfile.ZipInfo(m.name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = _MODE
            archive.writestr(info, zlib.decompress(m.data, -15))
    return buffer.getvalue()
