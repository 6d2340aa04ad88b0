"""Writing content YAML: every value quoted when it must be, so that nothing typed can become structure.

The one YAML writer of the project: scaffolds, the reply import and form imports all use it.
Whatever a value holds (a colon, a `#`, a line break, `!!python/object`, a quote, a control
character), it is written so that it loads back as exactly that value: plain when that is
unambiguous, as a literal block when it is clean multi-line text, double-quoted with escapes otherwise.

    scalar("a: b")  →  '"a: b"'                  one value, for a line made by hand
    flow({"name": "李明", "title": "副院长"})      one value on one line: {name: 李明, title: 副院长}
    dump({"unit": "区法院", "note": Note("", "进展说明")}, header="区法院 2023年第二季度")

`dump` writes a whole file (mappings in block style, lists of scalars in flow style, lists of
mappings as blocks) and loads its own result back, refusing text that would not. `Note(value,
comment)` adds a comment after a value; `Off(value, comment)` writes a key or a list entry as a
comment, a menu the clerk may switch on by deleting the `# `. `replace_key` swaps one top-level
field of an existing file and leaves every other line (comments included) as it was.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Any
import unicodedata

import yaml

_RESOLVER = yaml.resolver.Resolver()
_STR = "tag:yaml.org,2002:str"
# Plain (unquoted) text: letters and digits of any script, CJK and full-width punctuation, and a few ASCII marks
# that are never YAML syntax inside a word (`#` starts a comment only after a space, and spaces are quoted, so an
# agreed item's reference 2022-12-15-joint-1#2 stays plain as clerks write it). Anything else is written in double quotes.
_ASCII_PLAIN = set("-_.()/#")
INDENT = "  "
_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_BOOL = "tag:yaml.org,2002:bool"
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}


class WriteError(ValueError, TypeError):
    """A value YAML content cannot hold (a NaN, an unknown type, a key that is not an identifier)."""


def _plain_char(ch: str) -> bool:
    if ch.isascii():
        return ch.isalnum() or ch in _ASCII_PLAIN
    category = unicodedata.category(ch)
    return category[0] in "LN" or (category[0] == "P" and ch not in "\u2028\u2029") or ch == "\u3000"


def _plain_ok(text: str) -> bool:
    if not text or text[0] in "-.()/#" or text[-1] == "\u3000" or text[0] == "\u3000":
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


def _float(value: float) -> str:
    if not math.isfinite(value):
        raise WriteError(f"不能写入非有限的数字 {value}")
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    mantissa, e, exponent = repr(value).partition("e")
    return f"{mantissa if '.' in mantissa else mantissa + '.0'}{e}{exponent}"


def scalar(value) -> str:
    """One value as a YAML scalar."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float(value)
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


# -- whole files ------------------------------------------------------------------------------

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


def comment_text(text: str) -> str:
    """A comment on one line: line breaks and control characters become spaces."""
    return " ".join("".join(ch if _printable(ch) and ch not in "\t\n" else " " for ch in str(text)).split())


def _with_comment(line: str, comment: str) -> str:
    text = comment_text(comment)
    return f"{line}  # {text}" if text else line


def _block_ok(text: str) -> bool:
    """Multi-line text that a literal block (`|`) keeps exactly."""
    body = text[:-1] if text.endswith("\n") else text
    lines = body.split("\n")
    if len(lines) < 2 or not lines[0] or lines[0][0] == " ":
        return False
    return all(line == line.rstrip() and "\r" not in line and all(_printable(ch) for ch in line) for line in lines) \
        and lines[-1] != ""


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
        raise WriteError(f"YAML keys are identifiers chosen by the program, not {key!r}")
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
        raise WriteError("list entries are scalars, flat lists or mappings")
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
    if yaml.load(text, Loader=_CheckLoader) != plain_data(data):
        raise WriteError(f"YAML writer: the text would not load back as the data:\n{text}")
    return text


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


def item_lines(text: str, key: str) -> list[tuple[int, int]] | None:
    """The lines of each item of the top-level block list `key` (0-based, end exclusive); None when the
    field is missing, not a list, or written in flow style ([…])."""
    root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if not isinstance(root, yaml.MappingNode):
        return None
    value = next((v for k, v in root.value if k.value == key), None)
    if not isinstance(value, yaml.SequenceNode) or value.flow_style:
        return None
    lines, spans = text.split("\n"), []
    for i, item in enumerate(value.value):
        end = value.value[i + 1].start_mark.line if i + 1 < len(value.value) else _spans(text)[key][1]
        while end - 1 > item.start_mark.line and not lines[end - 1].strip():
            end -= 1
        spans.append((item.start_mark.line, end))
    return spans


def top_level_lines(text: str) -> dict[str, tuple[int, int]]:
    """Each top-level key → (first line, end line), 0-based, end exclusive."""
    return {key: (start, end) for key, (start, end, _) in _spans(text).items()}


def _keep_comment(new_first: str, old_first: str, tail: int) -> str:
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
        new_lines[0] = _keep_comment(new_lines[0], lines[start], tail)
        lines[start:end] = new_lines
    else:
        at = spans[after][1] if after in spans else len(lines) - (1 if lines and lines[-1] == "" else 0)
        lines[at:at] = new_lines
    return "\n".join(lines)
