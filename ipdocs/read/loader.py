"""Safe YAML loading that keeps line numbers and refuses whatever the model cannot use.

Mappings load as :class:`Map` and sequences as :class:`Seq`; both know their
file and line, and the line of each key or item, so that the model can say
``path:line:`` for any field. Dates stay strings here: the reader parses them,
so that an invalid date is one more problem in the list instead of a crash.

Only plain text, numbers, true/false, lists and mappings load. Everything else
is a problem with its line, collected so that one run reports all of them:
other tags (``!!set``, ``!!binary``, ``!!python/…``), anchors and aliases,
NaN and infinities, numbers too long to be meant, control characters (a .docx
holding one does not open in Word), keys that are not text, nesting too deep.
"""
from __future__ import annotations

import math
import re
from pathlib import Path

import yaml
from yaml.constructor import SafeConstructor

from ..errors import Problem

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_BOOL = "tag:yaml.org,2002:bool"
_PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float", "str", "seq", "map")}
MAX_BYTES = 2_000_000          # the assessment file, the largest, is about 40 kB
MAX_DEPTH = 40                 # the deepest shipped file nests about 12 levels
MAX_DIGITS = 15                # a count, a number or a year; longer is a slip of the keyboard
# C0 and C1 controls except tab and line breaks, surrogates, non-characters, and the bidirectional
# overrides that make text read differently from how it is stored.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u202a-\u202e\u2066-\u2069]")


class Map(dict):
    path: str = ""
    line: int = 0

    def __init__(self, path: str = "", line: int = 0):
        super().__init__()
        self.path, self.line, self.lines = path, line, {}

    def where(self, key=None) -> tuple[str, int]:
        return (self.path, self.lines.get(key, self.line))


class Seq(list):
    def __init__(self, path: str = "", line: int = 0):
        super().__init__()
        self.path, self.line, self.lines = path, line, []

    def where(self, index=None) -> tuple[str, int]:
        if index is None or index >= len(self.lines):
            return (self.path, self.line)
        return (self.path, self.lines[index])


class LoadError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))


class _Loader(_BaseLoader):
    # YAML 1.2 booleans only: clerks write `no: 6` (indicator number) and mean the word "no".
    yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag not in (_TIMESTAMP, _BOOL)]
        for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
    }

    def refuse(self, node, message: str) -> None:
        self.problems.append(Problem(self.source_path, _line(node), message))


_Loader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def _line(node) -> int:
    return node.start_mark.line + 1


def control_character(text: str) -> str | None:
    """The first control character in a text, as U+XXXX, or None."""
    match = CONTROL.search(text)
    return f"U+{ord(match.group()):04X}" if match else None


def _construct_str(loader, node):
    value = loader.construct_scalar(node)
    found = control_character(value)
    if found:
        loader.refuse(node, f"文字中有看不见的控制字符 {found}（多半是从别处复制来的）：含有它的公文在 Word 中打不开，请删去")
        return CONTROL.sub("", value)
    return value


def _construct_int(loader, node):
    text = loader.construct_scalar(node)
    if len(text.lstrip("+-").replace("_", "")) > MAX_DIGITS:
        loader.refuse(node, f"数字“{text[:20]}…”太长（{len(text)} 位）：请核对")
        return None
    return SafeConstructor.construct_yaml_int(loader, node)


def _construct_float(loader, node):
    value = SafeConstructor.construct_yaml_float(loader, node)
    if math.isnan(value) or math.isinf(value):
        loader.refuse(node, f"“{loader.construct_scalar(node)}”不是一个数：请写具体的数字")
        return None
    return value


def _refuse_tag(loader, node):
    loader.refuse(node, f"不允许的 YAML 标签 {node.tag.replace('tag:yaml.org,2002:', '!!')}：内容文件只能写普通的文字、数字、列表和映射（键: 值）")
    return None


def _refuse_unknown_tag(loader, suffix, node):
    return _refuse_tag(loader, node)


def _key(loader, key_node):
    """A mapping key: text only (a number or true/false as a key is almost always a slip)."""
    if not isinstance(key_node, yaml.ScalarNode):
        loader.refuse(key_node, "键不能是列表或映射：每个键写一个名字，后跟“: ”")
        return None
    key = loader.construct_object(key_node, deep=True)
    if not isinstance(key, str):
        loader.refuse(key_node, f"键“{key_node.value}”应为文字：如确实要用它作键，请加引号写成 \"{key_node.value}\":")
        return None
    return key


def _construct_map(loader, node):
    result = Map(loader.source_path, _line(node))
    for key_node, value_node in node.value:
        key = _key(loader, key_node)
        if key is None:
            continue
        if key in result:
            loader.refuse(key_node, f"重复的键“{key}”（第{result.lines[key]}行已经写过）：删去一处")
            continue
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = _line(key_node)
    return result


def _construct_seq(loader, node):
    result = Seq(loader.source_path, _line(node))
    for item in node.value:
        result.append(loader.construct_object(item, deep=True))
        result.lines.append(_line(item))
    return result


_Loader.add_constructor("tag:yaml.org,2002:str", _construct_str)
_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_Loader.add_constructor("tag:yaml.org,2002:float", _construct_float)
_Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)
for _tag in ("binary", "timestamp", "omap", "pairs", "set"):
    _Loader.add_constructor(f"tag:yaml.org,2002:{_tag}", _refuse_tag)
_Loader.add_constructor(None, _refuse_tag)
_Loader.add_multi_constructor("", _refuse_unknown_tag)


def _shape_problems(root, shown: str) -> list[Problem]:
    """Anchors and aliases (one node reached twice) and nesting too deep, found before anything is built."""
    problems, seen, stack = [], set(), [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            problems.append(Problem(shown, _line(node), "不支持 YAML 的锚点与别名（&名字、*名字、<<:）：请把内容直接写出来"))
            continue
        seen.add(id(node))
        if depth > MAX_DEPTH:
            problems.append(Problem(shown, _line(node), f"嵌套超过 {MAX_DEPTH} 层：请检查缩进"))
            continue
        if isinstance(node, yaml.MappingNode):
            stack.extend((child, depth + 1) for pair in node.value for child in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
    return sorted(set(problems))


def _decode(data: bytes, shown: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise LoadError([Problem(shown, line, "文件不是 UTF-8 编码：请在编辑器中“另存为 UTF-8”")]) from None


def _yaml_message(exc: yaml.YAMLError) -> str:
    text = str(getattr(exc, "problem", "") or exc)
    if "constructor for the tag" in text or "could not determine a constructor" in str(exc):
        return "不允许的 YAML 标签（如 !!python/object）：内容文件只能写普通的文字、数字、列表和映射（键: 值）"
    if "mapping values are not allowed" in text:
        return "YAML 格式错误：冒号用法不对（键后面的冒号要跟一个空格；值里含冒号时请加引号）"
    if "could not find expected ':'" in text:
        return "YAML 格式错误：缺少冒号（每个键后面要写“: ”）"
    if "found character '\\t'" in text:
        return "YAML 格式错误：不能用 Tab 键缩进，请改用空格"
    if "special characters are not allowed" in text or "control characters are not allowed" in text:
        return "文件中有看不见的控制字符（多半是从别处复制来的）：请删去"
    return f"YAML 格式错误（{text}）：检查缩进、冒号后的空格和引号是否成对"


def _line_at(text: str, position: int) -> int:
    """The line of a reader error: libyaml counts UTF-8 bytes, the pure-Python reader characters."""
    before = text.encode("utf-8")[:position] if _BaseLoader is not yaml.SafeLoader else text[:position]
    return before.count(b"\n" if isinstance(before, bytes) else "\n") + 1


def _is_blank(text: str) -> bool:
    return all(not line.strip() or line.strip().startswith("#") for line in text.splitlines())


def _compose(text: str, shown: str):
    loader = _Loader(text)
    loader.source_path, loader.problems = shown, []
    try:
        node = loader.get_single_node()
        problems = _shape_problems(node, shown) if node is not None else []
        data = loader.construct_document(node) if node is not None and not problems else None
        return data, problems + loader.problems
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        return None, [Problem(shown, mark.line + 1 if mark else 1, _yaml_message(exc))]
    except yaml.reader.ReaderError as exc:
        return None, [Problem(shown, _line_at(text, exc.position), _yaml_message(exc))]
    except yaml.YAMLError as exc:
        return None, [Problem(shown, 1, _yaml_message(exc))]
    except RecursionError:
        return None, [Problem(shown, 1, f"嵌套超过 {MAX_DEPTH} 层：请检查缩进")]
    finally:
        loader.dispose()


def parse_yaml(data: bytes, shown: str):
    """The data of one YAML document; raise LoadError listing every problem in it."""
    if len(data) > MAX_BYTES:
        raise LoadError([Problem(shown, 1, f"文件太大（{len(data) // 1000} kB，内容文件一般不超过 100 kB）：请确认放对了文件")])
    text = _decode(data, shown)
    if _is_blank(text):
        raise LoadError([Problem(shown, 1, "文件是空的：请填写内容，或者删除这个文件")])
    result, problems = _compose(text, shown)
    if problems:
        raise LoadError(problems)
    if result is None:
        raise LoadError([Problem(shown, 1, "文件内容是空值（只写了 ~ 或 null）：请填写内容，或者删除这个文件")])
    return result


def load_yaml(path: Path, shown: str | None = None):
    """Load one YAML file (a regular file the caller has checked); raise LoadError listing its problems."""
    return parse_yaml(Path(path).read_bytes(), shown or str(path))
