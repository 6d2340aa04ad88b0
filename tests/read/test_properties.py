"""Property: whatever one content file says, reading it either works or names every problem by file and line.

Hypothesis mutates one file of each kind (a key dropped, a value of another type, random text or unicode, a
date that is not one, a huge or non-finite number) and the content is read in-process. Either it loads, its
documents are listed and those made from the mutated file render; or ContentError lists problems, each with
the file's path, a line and a message, none twice. Anything else (a traceback) fails the test. The examples
are few and derandomized, so that CI is fast and stable.
"""
from __future__ import annotations

import shutil

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from ipdocs.documents import all_documents, render
from ipdocs.errors import ContentError
from ipdocs.read.content import load_content
from ipdocs.read.loader import load_yaml
from support import REPO, plain

KINDS = ["organization.yaml", "units.yaml", "people.yaml", "bodies.yaml", "assessment/2022.yaml",
         "meetings/2022-12-15-joint-1.yaml", "changes/2023-02-20-区文旅局.yaml", "progress/2022-Q4/区法院.yaml"]

DATES = st.one_of(st.dates().map(str), st.from_regex(r"\d{1,5}[-./]\d{1,2}[-./]\d{1,3}", fullmatch=True),
                  st.sampled_from(["2022-02-30", "0001-01-01", "9999-12-31", "2023.4.12", "2022-11-08", "2022-11-09"]))
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**20, 10**20), st.floats(), st.text(max_size=20), DATES)
VALUES = st.one_of(SCALARS, st.lists(SCALARS, max_size=3), st.dictionaries(st.text(max_size=6), SCALARS, max_size=2))


def places(value, at=()):
    """Every place in a YAML tree: the key path of each value."""
    found = [at]
    if isinstance(value, dict):
        for key, child in value.items():
            found += places(child, (*at, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            found += places(child, (*at, i))
    return found


def words_of_the_content() -> list:
    """Every scalar the shipped content holds (names, units, dates, numbers): swapping one for another
    keeps a file well-formed and reaches the rules between files."""
    found = set()
    for path in sorted((REPO / "content").rglob("*.yaml")):
        stack = [plain(load_yaml(path))]
        while stack:
            value = stack.pop()
            if isinstance(value, dict):
                stack += value.values()
            elif isinstance(value, list):
                stack += value
            elif value is not None and len(str(value)) < 40:
                found.add(value)
    return sorted(found, key=lambda v: (type(v).__name__, str(v)))


WORDS = st.sampled_from(words_of_the_content())


def mutate(data, data_draw):
    """One change at one place: drop it, or put another word of the content, a value of any type, text,
    a date or a number there."""
    where = data_draw(st.sampled_from(places(data)[1:]))
    parent = data
    for step in where[:-1]:
        parent = parent[step]
    how = data_draw(st.sampled_from(["drop", "word", "word", "value", "text", "date", "number"]))
    if how == "drop":
        del parent[where[-1]]
        return data
    parent[where[-1]] = data_draw({"word": WORDS, "value": VALUES, "text": st.text(), "date": DATES,
                                   "number": st.one_of(st.integers(), st.floats())}[how])
    return data


@pytest.fixture(scope="module")
def content_copy(tmp_path_factory):
    root = tmp_path_factory.mktemp("mutated") / "content"
    shutil.copytree(REPO / "content", root)
    return root


def assert_kept_the_promise(root, relative):
    try:
        content = load_content(root)
        documents = all_documents(content)
    except ContentError as exc:
        shown = [str(p) for p in exc.problems]
        assert exc.problems and len(shown) == len(set(shown)), shown
        for problem in exc.problems:
            assert problem.path.startswith(str(root)) and problem.line >= 1 and problem.message.strip(), problem
        return
    for doc in documents:
        if doc.source.endswith(relative):
            assert set(render(doc)) == {".docx", ".html"}


@pytest.mark.parametrize("relative", KINDS)
@settings(max_examples=25, derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(draw=st.data())
def test_any_change_to_one_file_is_read_or_reported(content_copy, relative, draw):
    path = content_copy / relative
    original = path.read_bytes()
    data = plain(load_yaml(REPO / "content" / relative))
    for _ in range(draw.draw(st.integers(1, 3), label="changes")):
        if len(places(data)) > 1:
            data = mutate(data, draw.draw)
    try:
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        assert_kept_the_promise(content_copy, relative)
    finally:
        path.write_bytes(original)
