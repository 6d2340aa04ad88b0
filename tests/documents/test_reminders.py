"""催办通知: per period, the office chases the units that have not reported and the leads of overdue items."""
from __future__ import annotations

import re

import pytest

from support import NS, REPO, W, Docx, doit
from ipdocs.documents.reminders import reminder_documents
from ipdocs.outputs.archive_records import retention_terms
from ipdocs.read.content import load_content


@pytest.fixture(scope="module")
def notice(shipped):
    return Docx(shipped["reminders:2022-Q4"])


def test_the_notice_is_addressed_to_the_unit_that_did_not_report_and_the_lead_of_the_overdue_item(notice):
    texts = [text for text in notice.texts() if text]          # the paragraph after the 版记 table is empty
    assert texts[0] == "西市区人民政府知识产权联席会议办公室"
    assert "区市场监管局、区商务局：" in texts
    body = "\n".join(texts)
    assert "区商务局，共1个单位尚未报送2022年第四季度知识产权工作完成情况。" in body
    assert re.search(r"（一）联席会议〔2022〕1号纪要第一项：由区市场监管局牵头.*牵头单位：区市场监管局；配合单位：区司法局；"
                     r"完成时限：2022年12月31日；目前落实情况：推进中。", body)
    assert texts[-2:] == ["西市区人民政府知识产权联席会议办公室", "2023年1月1日"]


def test_the_notice_is_in_the_official_layout(notice):
    styles = [notice.style_of(p) for p in notice.paragraphs()]
    written = [notice.style_of(p) for p in notice.paragraphs() if notice.text_of(p)]
    assert styles[:4] == ["Mark", "DocNumber", "Title", "Addressee"] and written[-2:] == ["Signature", "SignDate"]
    assert [notice.text_of(p) for p in notice.paragraph("Heading1")] == [
        "一、尚未报送2022年第四季度工作完成情况的单位", "二、已到完成时限仍未完成的议定事项", "三、有关要求"]


def test_the_notice_ends_with_the_imprint_the_office_prints_it_on_its_date(notice):
    table = notice.document.findall(".//w:tbl", NS)[-1]
    assert table.find("w:tblPr/w:tblStyle", NS).get(f"{W}val") == "ImprintTable"
    assert [Docx.text_of(r) for r in table.findall("w:tr", NS)] == ["西市区人民政府知识产权联席会议办公室2023年1月1日印发"]


def test_a_period_with_every_report_in_and_nothing_overdue_has_no_notice(project):
    folder = project / "content" / "progress" / "2022-Q4"
    bureau = folder / "区市场监管局.yaml"
    bureau.write_text(bureau.read_text(encoding="utf-8").replace(
        "  - ref: 2022-12-15-joint-1#1\n    status: 推进中", "  - ref: 2022-12-15-joint-1#1\n    status: 已完成"), encoding="utf-8")
    (folder / "区商务局.yaml").write_text("unit: 区商务局\nperiod: 2022-Q4\nsubmitted: 2022-12-30\n", encoding="utf-8")
    assert reminder_documents(load_content(project / "content")) == []


def test_notices_are_kept_ten_years_in_the_archive():
    assert retention_terms({})["催办通知"] == "定期10年"
    docs = reminder_documents(load_content(REPO / "content"))
    assert [(d.kind, d.filing_year, d.path) for d in docs] == [
        ("催办通知", 2022, "2022/进展情况/2022-Q4_催办通知"), ("催办通知", 2022, "2022/进展情况/2022-12_催办通知")]


def test_doit_progress_makes_the_notices_too(project):
    result = doit("progress", cwd=project)
    assert result.returncode == 0, result.stderr
    assert (project / "output" / "2022" / "进展情况" / "2022-Q4_催办通知.docx").exists()
    assert "reminders:2022-Q4" in result.stdout
