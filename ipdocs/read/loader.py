"""Safe YAML loading that keeps line numbers and refuses duplicate keys.

Mappings load as :class:`Map` and sequences as :class:`Seq`; both know their
file and line, and the line of each key or item, so that the model can say
``path:line:`` for any field. Dates stay strings here: the model parses them,
so that an invalid date is one more problem in the list instead of a crash.
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..errors import Problem

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_BOOL = "tag:yaml.org,2002:bool"


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


class _Loader(_BaseLoader):
    # YAML 1.2 booleans only: clerks write `no: 6` (indicator number) and mean the word "no".
    yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag not in (_TIMESTAMP, _BOOL)]
        for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
    }


_Loader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def _line(node) -> int:
    return node.start_mark.line + 1


def _construct_map(loader, node):
    loader.flatten_mapping(node)
    result = Map(loader.source_path, _line(node))
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            loader.problems.append(Problem(
                loader.source_path, _line(key_node),
                f"重复的键“{key}”（第{result.lines[key]}行已经写过）：删去一处"))
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


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)


def _decode(data: bytes, shown: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise LoadError([Problem(shown, line, "文件不是 UTF-8 编码：请在编辑器中“另存为 UTF-8”")]) from None


class LoadError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))


def _yaml_message(exc: yaml.YAMLError) -> str:
    text = str(getattr(exc, "problem", "") or exc)
    if "constructor for the tag" in text or "could not determine a constructor" in str(exc):
        return "不允许的 YAML 标签（如 !!python/object）：内容文件只能写普通的文字、数字、列表和键值"
    if "mapping values are not allowed" in text:
        return "YAML 格式错误：冒号用法不对（键后面的冒号要跟一个空格；值里含冒号时请加引号）"
    if "could not find expected ':'" in text:
        return "YAML 格式错误：缺少冒号（每个键后面要写“: ”）"
    if "found character '\\t'" in text:
        return "YAML 格式错误：不能用 Tab 键缩进，请改用空格"
    return f"YAML 格式错误（{text}）：检查缩进、冒号后的空格和引号是否成对"


def load_yaml(path: Path, shown: str | None = None):
    """Load one YAML file; raise LoadError listing its problems."""
    return parse_yaml(path.read_bytes(), shown or str(path))


def parse_yaml(data: bytes, shown: str):
    """Load YAML not yet written to a file (an import checked before it is written), as load_yaml would."""
    text = _decode(data, shown)
    if not text.strip() or all(l.strip().startswith("#") or not l.strip() for l in text.splitlines()):
        raise LoadError([Problem(shown, 1, "文件是空的：请填写内容，或者删除这个文件")])
    loader = _Loader(text)
    loader.source_path, loader.problems = shown, []
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise LoadError([Problem(shown, line, _yaml_message(exc))]) from None
    except yaml.YAMLError as exc:
        raise LoadError([Problem(shown, 1, _yaml_message(exc))]) from None
    finally:
        loader.dispose()
    if loader.problems:
        raise LoadError(loader.problems)
    return data
