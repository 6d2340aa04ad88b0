"""Smoke test of the benchmark (issue 8) at N = 10: it runs end to end and reports what it measured.

No time limits are asserted here; the targets are judged by `python tests/bench.py` on the full sizes.
"""
from __future__ import annotations

import importlib.util
import json
import shutil
import sys

import pytest

import bench

HAS_DOCXTPL = importlib.util.find_spec("docxtpl") is not None


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    return tmp_path_factory.mktemp("bench")


@pytest.fixture(scope="module")
def results(work) -> dict:
    out = work / "results.json"
    bench.main(["--sizes", "10", "--jobs", "1,2", "--repeat", "5", "--pdf-jobs", "2", "--json", str(out),
                "--workdir", str(work / "runs")])
    return json.loads(out.read_text(encoding="utf-8"))


def test_synthetic_content_passes_the_check(work, results):
    assert bench.check(work / "runs" / "content-10" / "content") == ""
    assert len(list((work / "runs" / "content-10" / "content" / "meetings").glob("*.yaml"))) == 10


def test_cold_build_makes_everything_noop_nothing_edit_only_that_meeting(results):
    size = results["sizes"][0]
    assert size["n"] == 10 and size["documents"] >= 20          # minutes and notice per meeting, and more
    assert [b["jobs"] for b in size["builds"]] == [1, 2]
    for build in size["builds"]:
        assert build["cold"]["tasks_run"] >= size["documents"]
        assert build["noop"]["tasks_run"] == 0
        edited = {f"minutes:{build['edited']}", f"notices:{build['edited']}"}
        assert edited <= set(build["edit"]["ran"])
        assert build["edit"]["tasks_run"] < size["documents"] // 2   # documents, not everything


def test_every_run_has_time_and_memory(results):
    runs = [results["shipped"][k] for k in ("cold", "noop", "list")]
    runs += [b[k] for s in results["sizes"] for b in s["builds"] for k in ("cold", "noop", "edit")]
    assert all(r["seconds"] > 0 and r["peak_mb"] > 0 for r in runs)


def test_ipdocs_render_is_timed_by_stage(results):
    render = results["render"]
    assert render["decisions"] == 10 and render["repeat"] == 5
    assert render["ipdocs_ms"] > 0
    assert set(render["stages_ms"]) == {"jinja_markdown", "markdown_html", "html_wordml", "zip_floor", "html_page"}


def test_targets_are_listed(results):
    names = [t["target"] for t in results["targets"]]
    assert "minutes render ipdocs/docxtpl" in names and "no-op doit, shipped content (s)" in names
    assert next(t for t in results["targets"] if t["target"] == "minutes render ipdocs/docxtpl")["limit"] == 0.25


@pytest.mark.skipif(shutil.which("soffice") is None, reason="没有 LibreOffice：apt-get install -y libreoffice-writer-nogui")
def test_pdf_throughput_is_measured_and_an_edit_converts_only_its_documents(results):
    run, = results["pdf"]["runs"]
    assert run["jobs"] == 2 and run["soffice_calls"] == 2 and run["documents"] >= 30 and run["per_second"] > 0
    edit = results["pdf"]["edit"]
    assert edit["documents"] == edit["changed_docx"] >= 2 and edit["soffice_calls"] == 1
    verdicts = {t["target"]: t["ok"] for t in results["targets"]}
    assert verdicts["PDFs converted beyond the edited documents"] is True


@pytest.mark.skipif(not HAS_DOCXTPL, reason="docxtpl not installed: pip install -e '.[bench]'")
def test_docxtpl_renders_the_same_minutes(results):
    render = results["render"]
    assert render["docxtpl_ms"] > 0 and render["ratio"] > 0
    assert render["same_text"] is True


def test_without_docxtpl_the_ipdocs_part_still_runs(work, results, monkeypatch):
    monkeypatch.setitem(sys.modules, "docxtpl", None)            # import docxtpl → ImportError
    render = bench.render_comparison(work / "runs" / "render" / "content", work, repeat=2)
    assert render["ipdocs_ms"] > 0
    assert render["docxtpl_ms"] is None and "pip install" in render["note"]
