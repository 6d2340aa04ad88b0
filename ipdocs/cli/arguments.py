"""argparse speaking Chinese: usage, help and every error message; a wrong command line exits 1.

Commands check their own values (required, allowed, nearest names), so that all problems are told at
once; argparse is left only the errors of the command line's shape, translated here.
"""
from __future__ import annotations

import argparse
import re
import sys

from ..errors import nearest

_QUOTED = re.compile(r"'([^']*)'")


def _choices(text: str) -> list[str]:
    return _QUOTED.findall(text) or [c.strip() for c in text.split(",")]


def _invalid_choice(match: re.Match) -> str:
    value, options = match.group("value").strip("'"), _choices(match.group("options"))
    return f"没有“{value}”这个命令{nearest(value, options)}（可用的命令：{'、'.join(options)}）"


_TRANSLATIONS = [
    (r"the following arguments are required: (?P<names>.*)", lambda m: f"缺少必填的{m.group('names').replace(', ', '、')}"),
    (r"unrecognized arguments: (?P<args>.*)", lambda m: f"不认识的参数：{m.group('args')}（用 -h 查看这个命令可写的参数）"),
    (r"argument (?P<arg>\S+?): expected one argument", lambda m: f"参数 {m.group('arg')} 后面要写一个值"),
    (r"argument (?P<arg>\S+?): expected at least one argument", lambda m: f"参数 {m.group('arg')} 后面至少要写一个值"),
    (r"argument (?P<arg>\S+?): invalid choice: (?P<value>.*?) \(choose from (?P<options>.*)\)", _invalid_choice),
    (r"argument (?P<arg>\S+?): invalid \S+ value: (?P<value>.*)", lambda m: f"参数 {m.group('arg')} 的值 {m.group('value')} 无效"),
    (r"argument (?P<arg>\S+?): not allowed with argument (?P<other>\S+)", lambda m: f"参数 {m.group('arg')} 不能与 {m.group('other')} 同时使用"),
    (r"argument (?P<arg>\S+?): ignored explicit argument (?P<value>.*)", lambda m: f"参数 {m.group('arg')} 后面不用写值（写了 {m.group('value')}）"),
    (r"ambiguous option: (?P<arg>\S+) could match (?P<options>.*)", lambda m: f"参数 {m.group('arg')} 不完整，可能是：{m.group('options')}"),
    (r"one of the arguments (?P<args>.*) is required", lambda m: f"须写 {m.group('args')} 中的一个"),
]


def translate(message: str) -> str:
    """argparse's English message in Chinese; an unknown one is still introduced in Chinese."""
    for pattern, words in _TRANSLATIONS:
        match = re.fullmatch(pattern, message.strip())
        if match:
            return words(match)
    return f"命令行写得不对（{message}）：用 -h 查看用法"


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose words are Chinese and whose errors exit 1 with one line each."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("add_help", False)
        kwargs.setdefault("allow_abbrev", False)
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)
        self._positionals.title, self._optionals.title = "参数", "选项"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="显示这段说明")

    def error(self, message: str):
        self.print_usage(sys.stderr)
        print(f"{self.prog}: {translate(message)}", file=sys.stderr)
        sys.exit(1)
