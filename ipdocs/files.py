"""Atomic, deterministic writes: files replaced whole, zips with fixed times and order."""
from __future__ import annotations

import io
import os
import tempfile
import unicodedata
import zipfile
from pathlib import Path

ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def write_atomic(path: Path, data: bytes) -> bool:
    """Write via a temporary file and rename; leave an identical file untouched. True when written."""
    path = Path(path)
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


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
