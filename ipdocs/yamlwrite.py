"""Writing content YAML: every value quoted when it must be, so that nothing typed can become structure.

The one YAML writer of the project: scaffolds, the reply import and form imports all use it.
`scalar` and `flow` write one value; `dump` writes a whole mapping in block style; `replace_key`
swaps one top-level field of an existing file and leaves every other line (comments included) as it was.
A value written here reads back, with ipdocs.read.loader, as the same value.
"""
from __future__ import annotations

import datetime as dt
import math
import unicodedata

import yaml

_RESOLVER = yaml.resolver.Resolver()
_STR = "tag:yaml.org,2002:str"
# Plain (unquoted) text: letters and digits of any script, CJK and full-width punctuation, and a few ASCII marks
# that are never YAML syntax inside a word. Anything else is written in double quotes.
_ASCII_PLAIN = set("-_.()/")
_FLOW_INLINE_LIMIT = 80
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}


class WriteError(ValueError):
    """A value YAML content cannot hold (a NaN, an unknown type)."""


def _plain_char(ch: str) -> bool:
    if ch.isascii():
        return ch.isalnum() or ch in _ASCII_PLAIN
    category = unicodedata.category(ch)
    return category[0] in "LN" or (category[0] == "P" and ch not in "\u2028\u2029") or ch == "\u3000"


def _plain_ok(text: str) -> bool:
    if not text or text[0] in "-.()/" or text[-1] == "\u3000" or text[0] == "\u3000":
        return False
    if not all(_plain_char(ch) for ch in text):
        return False
    return _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == _STR


def _printable(ch: str) -> bool:
    code = ord(ch)
    if ch in "\t\n":
        return True
    if code < 0x20 or 0x7F <= code <= 0x9F or ch in "\u2028\u2029\ufeff" or 0xD800 <= code <= 0xDFFF:
        return False
    return unicodedata.category(ch) not in ("Cn", "Co", "Cs")


def quoted(text: str) -> str:
    """A YAML double-quoted scalar; control and invisible characters escaped."""
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif not _printable(ch):
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def scalar(value) -> str:
    """One value as a YAML scalar."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise WriteError(f"不能写入非有限的数字 {value}")
        return repr(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, str):
        return value if _plain_ok(value) else quoted(value)
    raise WriteError(f"不能写入 {type(value).__name__} 类型的值")


def flow(value) -> str:
    """A value on one line: scalars, [lists] and {mappings} in flow style."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{scalar(str(k))}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    return scalar(value)


def _literal(text: str, indent: int) -> str | None:
    """A multi-line text as a literal block (|), or None when only double quotes can hold it."""
    if "\r" in text or not all(_printable(ch) for ch in text):
        return None
    body = text.rstrip("\n")
    trailing = len(text) - len(body)
    chomp = "-" if trailing == 0 else "" if trailing == 1 else "+"
    hint = "2" if body[:1] in (" ", "\t") else ""
    pad = " " * (indent + 2)
    lines = [f"{pad}{line}" if line else "" for line in body.split("\n")] + [""] * max(trailing - 1, 0)
    return f"|{hint}{chomp}\n" + "\n".join(lines)


def _is_small(value) -> bool:
    if isinstance(value, dict):
        return all(not isinstance(v, (dict, list, tuple)) for v in value.values())
    if isinstance(value, (list, tuple)):
        return all(not isinstance(v, (dict, list, tuple)) for v in value)
    return True


def _value(value, indent: int) -> str:
    """What follows 'key:' — on the same line, or on the lines below."""
    if isinstance(value, str) and "\n" in value:
        return " " + (_literal(value, indent) or quoted(value))
    if isinstance(value, (dict, list, tuple)):
        inline = flow(value)
        if not value or (_is_small(value) and len(inline) <= _FLOW_INLINE_LIMIT):
            return " " + inline
        return "\n" + block(value, indent + 2)
    return " " + scalar(value)


def block(value, indent: int = 0) -> str:
    """A mapping or a list in block style, indented by `indent` spaces (no final newline)."""
    pad = " " * indent
    if isinstance(value, dict):
        return "\n".join(f"{pad}{scalar(str(k))}:{_value(v, indent)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        lines = []
        for item in value:
            if isinstance(item, dict) and item:
                inner = block(item, indent + 2)
                lines.append(f"{pad}- {inner[indent + 2:]}")
            else:
                lines.append(f"{pad}-{_value(item, indent)}")
        return "\n".join(lines)
    return pad + scalar(value)


def dump(data: dict) -> str:
    """A whole content file: a mapping in block style, keys in the order given."""
    return block(data) + "\n"


# -- editing one field of an existing file -------------------------------------------------------

def _spans(text: str) -> dict[str, tuple[int, int, int]]:
    """Each top-level key → (first line, end line, column where the key line's own text ends), 0-based, end
    exclusive; trailing blank lines and column-0 comments are left to what follows. Raises yaml.YAMLError."""
    root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if not isinstance(root, yaml.MappingNode):
        return {}
    lines = text.split("\n")
    spans = {}
    for i, (key, value) in enumerate(root.value):
        start = key.start_mark.line
        end = root.value[i + 1][0].start_mark.line if i + 1 < len(root.value) else len(lines)
        while end - 1 > start and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
            end -= 1
        same_line = value.end_mark.line == start and value.start_mark.line == start
        tail = value.end_mark.column if same_line else lines[start].index(":", key.end_mark.column) + 1
        spans[key.value] = (start, end, tail)
    return spans


def top_level_lines(text: str) -> dict[str, tuple[int, int]]:
    """Each top-level key → (first line, end line), 0-based, end exclusive."""
    return {key: (start, end) for key, (start, end, _) in _spans(text).items()}


def _with_comment(new_first: str, old_first: str, tail: int) -> str:
    """The new key line, carrying the old line's trailing comment at the same column."""
    rest = old_first[tail:]
    if not rest.strip().startswith("#") or "#" in new_first:
        return new_first
    gap = len(rest) - len(rest.lstrip())
    column = tail + gap
    return new_first.ljust(column - 1) + " " + rest.lstrip() if len(new_first) < column else new_first + " " + rest.lstrip()


def replace_key(text: str, key: str, new_block: str, after: str | None = None) -> str:
    """The text with the top-level field `key` replaced by `new_block` (its 'key:' line and what follows).

    A missing field is inserted after the field `after` (or at the end). The original key line's trailing
    comment stays, at its column. Every other line is left exactly as it was.
    """
    lines = text.split("\n")
    spans = _spans(text)
    new_lines = new_block.rstrip("\n").split("\n")
    if key in spans:
        start, end, tail = spans[key]
        new_lines[0] = _with_comment(new_lines[0], lines[start], tail)
        lines[start:end] = new_lines
    else:
        at = spans[after][1] if after in spans else len(lines) - (1 if lines and lines[-1] == "" else 0)
        lines[at:at] = new_lines
    return "\n".join(lines)
