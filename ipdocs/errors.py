"""Problems found in the content, reported as ``path:line: message``."""
from __future__ import annotations

import difflib
import sys
from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        prefix = "" if self.severity == "error" else "警告："
        where = f"{self.path}:{self.line}" if self.line else self.path      # line 0: a file without lines (.docx)
        return f"{where}: {prefix}{self.message}"


class ContentError(Exception):
    """The content cannot be built; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(Exception):
    """A wrong command-line value; the message says what to write instead."""


def print_problems(problems, stream=None) -> None:
    """Every problem on its own line, then how many errors stop the run."""
    stream = stream or sys.stderr
    errors = [p for p in problems if p.severity == "error"]
    for problem in problems:
        print(problem, file=stream)
    if errors:
        print(f"共 {len(errors)} 处错误，请改正后再运行；已有的输出文件没有改动。", file=stream)


@dataclass
class Problems:
    """Collects problems so that one run reports all of them."""

    items: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        """Each problem once: a field read by two rules, or a file reached twice, still says it once."""
        if problem not in self.items:
            self.items.append(problem)

    def extend(self, problems) -> None:
        for problem in problems:
            self.add(problem)

    def error(self, where: tuple[str, int], message: str) -> None:
        self.add(Problem(where[0], where[1], message))

    def warn(self, where: tuple[str, int], message: str) -> None:
        self.add(Problem(where[0], where[1], message, "warning"))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "warning"]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise ContentError(self.errors)


def nearest(value: str, known, limit: int = 3) -> str:
    """The clause '（最接近的是：a、b）' naming the closest known values (never the value itself)."""
    known = [k for k in dict.fromkeys(str(k) for k in known) if k != str(value)]
    close = difflib.get_close_matches(str(value), known, n=limit, cutoff=0.3)
    if not close:
        close = [k for k in known if set(str(value)) & set(k)][:limit]
    if not close:
        return ""
    return "（最接近的是：" + "、".join(close) + "）"


def one_of(known) -> str:
    return "（可选：" + "、".join(str(k) for k in known) + "）"
