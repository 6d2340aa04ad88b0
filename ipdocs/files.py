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
import tempfile
import unicodedata
import zipfile
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


def zip_bytes(parts: list[tuple[str, bytes]]) -> bytes:
    """A zip of (name, data) in the order given, with fixed times and modes: equal parts give equal bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts:
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()
