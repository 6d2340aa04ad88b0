"""A new kind of document is a template and one module: doit lists, builds, previews and archives it.

The preview needs LibreOffice and Chromium, as .ci/run installs them.

The test copies the project into a temporary folder, drops in a test-only family (a template and a
module that registers itself) and edits nothing else.
"""
from __future__ import annotations

import csv
import shutil
import sys
from pathlib import Path

import pytest

from support import REPO, Docx, run

MODULE = '''"""A test-only family: one 测试单 per body, listing its members on the founding date."""
from .common import roster
from .registry import Document, Family, register


def documents(content):
    day = content.founding_date
    return [Document("testsheet", body_id, "测试单", "testsheet.md.j2", {"roster": roster(content.roster(body_id, day))},
                     f"测试单/{body.short}测试单", f"{body.short}测试单", body.office.name, day)
            for body_id, body in content.bodies.items()]


register(Family("testsheet", "测试单", "测试单：每个机构一份", documents, order=99, retention={"测试单": "定期10年"}))
'''
TEMPLATE = '''{% import "_official.md.j2" as o %}
{{ o.title(roster.name ~ "测试单") }}
{% for seat in roster.members %}
{{ loop.index }}. {{ seat.title }}{{ seat.name }}
{% endfor %}
'''


@pytest.fixture(scope="module")
def copy(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("newfamily")
    for name in ("ipdocs", "templates", "content"):
        shutil.copytree(REPO / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "dodo.py", root / "dodo.py")
    (root / "ipdocs" / "documents" / "testsheet.py").write_text(MODULE, encoding="utf-8")
    (root / "templates" / "testsheet.md.j2").write_text(TEMPLATE, encoding="utf-8")
    return root


def doit_in(root: Path, *args):
    return run([sys.executable, "-m", "doit", "-f", str(root / "dodo.py"), "-d", str(root), *args], root,
               PYTHONPATH=str(root))


def test_doit_lists_the_new_family_with_its_help(copy):
    listing = doit_in(copy, "list").stdout
    assert any(line.split()[0] == "testsheet" and "每个机构一份" in line for line in listing.splitlines())


def test_doit_builds_one_document_per_body_by_default(copy):
    result = doit_in(copy)
    assert result.returncode == 0, result.stderr
    sheet = Docx(copy / "output" / "测试单" / "联席会议测试单.docx")
    assert "西市区人民政府知识产权联席会议测试单" in sheet.all_text() and "哈博" in sheet.all_text()
    assert (copy / "output" / "测试单" / "协调机制测试单.html").exists()


def test_the_archive_files_it_with_the_retention_the_family_declares(copy):
    assert doit_in(copy).returncode == 0
    result = doit_in(copy, "archive")
    assert result.returncode == 0, result.stderr
    index = copy / "output" / "档案" / "2022年度档案_v1" / "data" / "归档文件目录.csv"
    rows = list(csv.DictReader(index.read_text(encoding="utf-8-sig").splitlines()))
    sheets = [r for r in rows if r["题名"].endswith("测试单")]
    assert len(sheets) == 2 and {r["保管期限"] for r in sheets} == {"定期10年"}


def test_doit_preview_draws_page_one_of_the_new_kind_under_its_name(copy):
    result = doit_in(copy, "preview")
    assert result.returncode == 0, result.stdout + result.stderr
    png = copy / "output" / "preview" / "测试单_testsheet.png"
    assert png.read_bytes().startswith(b"\x89PNG")
