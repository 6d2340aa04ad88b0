"""Safe YAML writing for files the clerk will read and edit: imports and scaffolds.

Whatever a value holds (a colon, a `#`, a line break, `!!python/object`, a quote,
a control character), it is written so that it loads back as exactly that value:
plain when that is unambiguous, as a literal block when it is clean multi-line
text, double-quoted with escapes otherwise. `dump` loads its own result back and
refuses to return text that would not, so no value can add a key or a tag.

    dump({"unit": "区法院", "note": Note("", "进展说明")}, header="区法院 2023年第二季度")
    scalar("a: b")  →  '"a: b"'       (for one value inside a hand-made template)

Mappings are dicts with identifier keys; lists of scalars print in flow style
(`[a, b]`), lists of mappings as blocks. `Note(value, comment)` adds a comment
after a value; `Off(value, comment)` writes a key or a list entry as a comment,
a menu the clerk may switch on by deleting the `# `.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Any

import yaml

INDENT = "  "
_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# Characters that mean something in YAML somewhere in a plain scalar: quoted instead.
_SPECIAL = set(":,[]{}&*!|>'\"%@`\\")
_LEADING = set("-?~# ")
_BREAKS = {"\x85", "\u2028", "\u2029"}
_BOOL = "tag:yaml.org,2002:bool"


class _CheckLoader(yaml.SafeLoader):
    """How the project reads YAML, for the check: YAML 1.2 booleans only (`no: 6` is the key "no")."""
    yaml_implicit_resolvers = {first: [(tag, rx) for tag, rx in resolvers if tag != _BOOL]
                               for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


_CheckLoader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


@dataclass(frozen=True)
class Note:
    """A value with a comment after it on its line."""
    value: Any
    comment: str


@dataclass(frozen=True)
class Off:
    """A key or a list entry written as a comment: shown to the clerk, not loaded."""
    value: Any
    comment: str = ""


def _printable(ch: str) -> bool:
    """Characters YAML lets stand as they are inside a line (no control characters, no line breaks)."""
    code = ord(ch)
    if ch in _BREAKS or code == 0xFEFF:
        return False
    return (0x20 <= code <= 0x7E or 0xA0 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD
            or 0x10000 <= code <= 0x10FFFF)


def _escape(ch: str) -> str:
    simple = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}
    if ch in simple:
        return simple[ch]
    if _printable(ch):
        return ch
    code = ord(ch)
    return f"\\x{code:02X}" if code <= 0xFF else f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}"


def quoted(text: str) -> str:
    """A double-quoted scalar: loads back as exactly `text`, whatever it holds."""
    return '"' + "".join(_escape(ch) for ch in text) + '"'


def _plain_ok(text: str) -> bool:
    if not text or text != text.strip() or text[0] in _LEADING:
        return False
    if any(ch in _SPECIAL or not _printable(ch) for ch in text) or " #" in text:
        return False
    try:
        return yaml.safe_load(text) == text     # not a number, date, boolean or null in disguise
    except yaml.YAMLError:
        return False


def _number(value) -> str:
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"cannot write {value!r} as a YAML number")
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        text = repr(value)
        mantissa, e, exponent = text.partition("e")
        return f"{mantissa if '.' in mantissa else mantissa + '.0'}{e}{exponent}"
    return str(value)


def scalar(value) -> str:
    """One value on one line, safe wherever a YAML value may stand (also inside `[...]`)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return _number(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, str):
        return value if _plain_ok(value) else quoted(value)
    raise TypeError(f"cannot write {type(value).__name__} as a YAML scalar")


def comment_text(text: str) -> str:
    """A comment on one line: line breaks and control characters become spaces."""
    return " ".join("".join(ch if _printable(ch) else " " for ch in str(text)).split())


def _with_comment(line: str, comment: str) -> str:
    text = comment_text(comment)
    return f"{line}  # {text}" if text else line


def _block_ok(text: str) -> bool:
    """Multi-line text that a literal block (`|`) keeps exactly."""
    body = text[:-1] if text.endswith("\n") else text
    lines = body.split("\n")
    if len(lines) < 2 or not lines[0] or lines[0][0] == " ":
        return False
    return all(line == line.rstrip() and all(_printable(ch) for ch in line) for line in lines) and lines[-1] != ""


def _literal(text: str, indent: str) -> list[str]:
    indicator = "|" if text.endswith("\n") else "|-"
    lines = text[:-1].split("\n") if text.endswith("\n") else text.split("\n")
    return [indicator, *(f"{indent}{line}" if line else "" for line in lines)]


def _inline(value) -> str | None:
    """The value on the key's own line, or None when it needs lines of its own."""
    if isinstance(value, dict):
        return "{}" if not value else None
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        if any(isinstance(v, (dict, list, tuple, Note, Off)) for v in value):
            return None
        return "[" + ", ".join(scalar(v) for v in value) + "]"
    if isinstance(value, str) and "\n" in value and _block_ok(value):
        return None
    return scalar(value)


def _key(key) -> str:
    if not isinstance(key, str) or not _KEY.match(key):
        raise ValueError(f"YAML keys are identifiers chosen by the program, not {key!r}")
    return key


def _mapping(data: dict, indent: str) -> list[str]:
    lines: list[str] = []
    for key, value in data.items():
        lines += _entry(_key(key), value, indent)
    return lines


def _entry(key: str, value, indent: str) -> list[str]:
    if isinstance(value, Off):
        return _commented(_entry(key, value.value, indent), indent, value.comment)
    comment = ""
    if isinstance(value, Note):
        value, comment = value.value, value.comment
    if value is None:
        return [_with_comment(f"{indent}{key}:", comment)]
    inline = _inline(value)
    if inline is not None:
        return [_with_comment(f"{indent}{key}: {inline}", comment)]
    if isinstance(value, str):
        first, *rest = _literal(value, indent + INDENT)
        return [_with_comment(f"{indent}{key}: {first}", comment), *rest]
    head = _with_comment(f"{indent}{key}:", comment)
    if isinstance(value, dict):
        return [head, *_mapping(value, indent + INDENT)]
    return [head, *_sequence(value, indent + INDENT)]


def _sequence(items, indent: str) -> list[str]:
    lines: list[str] = []
    for item in items:
        if isinstance(item, Off):
            lines += _commented(_item(item.value, indent), indent, item.comment)
        else:
            lines += _item(item, indent)
    return lines


def _item(item, indent: str) -> list[str]:
    comment = ""
    if isinstance(item, Note):
        item, comment = item.value, item.comment
    if isinstance(item, dict) and item:
        first, *rest = _mapping(item, indent + INDENT)
        return [f"{indent}- {first[len(indent) + len(INDENT):]}", *rest] if not comment else \
            [_with_comment(f"{indent}-", comment), *_mapping(item, indent + INDENT)]
    inline = scalar(item) if isinstance(item, str) else _inline(item)
    if inline is None:
        raise ValueError("list entries are scalars, flat lists or mappings")
    return [_with_comment(f"{indent}- {inline}", comment)]


def _commented(lines: list[str], indent: str, comment: str) -> list[str]:
    out = [f"{indent}# {line[len(indent):]}" if line.startswith(indent) else f"{indent}# {line}" for line in lines]
    if comment:
        out[0] = _with_comment(out[0], comment)
    return out


def plain_data(value):
    """What the written text loads back as: notes unwrapped, switched-off entries left out."""
    if isinstance(value, Note):
        return plain_data(value.value)
    if isinstance(value, dict):
        return {k: plain_data(v) for k, v in value.items() if not isinstance(v, Off)}
    if isinstance(value, (list, tuple)):
        kept = [plain_data(v) for v in value if not isinstance(v, Off)]
        return kept if kept or not value else None
    return value


def dump(data: dict, header: str | list[str] = ()) -> str:
    """A YAML document for `data`, with comment lines on top; checked to load back as `data`."""
    headers = [header] if isinstance(header, str) else list(header)
    lines = [f"# {comment_text(h)}" if comment_text(h) else "#" for h in headers] + _mapping(data, "")
    text = "\n".join(lines) + "\n"
    expected = plain_data(data)
    if yaml.load(text, Loader=_CheckLoader) != expected:
        raise ValueError(f"YAML writer: the text would not load back as the data:\n{text}")
    return text
