"""The record site: every link resolves, and in a real browser the pages open, link and filter."""
from __future__ import annotations

import re
import shutil
import urllib.parse
from pathlib import Path

import pytest

from support import doit

CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")
needs_browser = pytest.mark.skipif(not (CHROMIUM and DRIVER),
                                   reason="没有浏览器：apt-get install -y chromium chromium-driver")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    import shutil as sh
    from support import REPO
    project = tmp_path_factory.mktemp("site")
    sh.copytree(REPO / "content", project / "content")
    result = doit(cwd=project)
    assert result.returncode == 0, result.stderr
    return project / "output" / "site"


def test_every_link_and_stylesheet_resolves(site):
    pages = list(site.rglob("*.html"))
    assert len(pages) >= 6 + 3
    for page in pages:
        for target in re.findall(r'(?:href|src)="([^"]+)"', page.read_text(encoding="utf-8")):
            assert not target.startswith(("http:", "https:", "//")), (page, target)   # nothing from the network
            path = (page.parent / urllib.parse.unquote(target.split("#")[0])).resolve()
            assert path.exists(), (page.name, target)


def test_pages_have_no_scripts_except_the_roster_date_picker(site):
    for page in site.rglob("*.html"):
        scripts = page.read_text(encoding="utf-8").count("<script")
        assert scripts == (1 if page.name == "roster.html" else 0), page


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1100,1400"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    yield driver
    driver.quit()


def visible_rows(browser):
    from selenium.webdriver.common.by import By
    return [r for r in browser.find_elements(By.CSS_SELECTOR, "table.ledger tbody tr") if r.is_displayed()]


@needs_browser
def test_from_the_index_to_a_minutes_page(site, browser, tmp_path):
    from selenium.webdriver.common.by import By
    browser.get((site / "index.html").as_uri())
    assert "工作概览" in browser.title
    browser.find_element(By.LINK_TEXT, "会议").click()
    browser.find_element(By.PARTIAL_LINK_TEXT, "联席会议全体会议").click()
    text = browser.find_element(By.TAG_NAME, "main").text
    assert "会议议定如下事项" in text and "出席：" in text
    links = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "a.file")]
    assert any(link.endswith(".docx") for link in links)
    browser.save_screenshot(str(tmp_path / "minutes.png"))


@needs_browser
def test_the_status_filter_really_filters(site, browser):
    from selenium.webdriver.common.by import By
    browser.get((site / "ledger.html").as_uri())
    everything = visible_rows(browser)
    assert len(everything) == 7
    for key, label in (("done", "已完成"), ("doing", "推进中"), ("none", "未报送")):
        browser.find_element(By.CSS_SELECTOR, f"label[for=f-{key}]").click()
        rows = visible_rows(browser)
        assert rows and len(rows) < len(everything)
        assert all(label in r.text for r in rows)
    browser.find_element(By.CSS_SELECTOR, "label[for=f-overdue]").click()
    assert [("逾期" in r.text) for r in visible_rows(browser)] == [True]
    browser.find_element(By.CSS_SELECTOR, "label[for=f-all]").click()
    assert len(visible_rows(browser)) == 7


@needs_browser
def test_the_roster_shows_the_members_on_the_chosen_day(site, browser):
    from selenium.webdriver.common.by import By
    browser.get((site / "roster.html").as_uri())
    def members_on(day):
        browser.execute_script("var d = document.getElementById('day'); d.value = arguments[0];"
                               "d.dispatchEvent(new Event('input'));", day)
        return " ".join(s.text for s in browser.find_elements(By.CSS_SELECTOR, ".state") if s.is_displayed())
    assert "修志莹" in members_on("2023-02-28") and "赵明" not in members_on("2023-02-28")
    assert "赵明" in members_on("2023-03-01") and "修志莹" not in members_on("2023-03-01")


@needs_browser
def test_pages_fit_a_phone_screen(site, browser):
    browser.set_window_size(390, 844)
    try:
        for page in ("index.html", "ledger.html", "assessment.html"):
            browser.get((site / page).as_uri())
            overflow = browser.execute_script("return document.querySelector('header').scrollWidth - window.innerWidth")
            assert overflow <= 1, page
    finally:
        browser.set_window_size(1100, 1400)
