"""The annotated HTML report in a real browser: headless Chromium (Debian package) driven by Playwright."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any, Iterator

import pytest

from claimlint.cli import main

from conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
    "--disable-component-update", "--disable-sync",
]
OUTPUT = ROOT / "test-output"

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    """The report for fixtures/site (kept in test-output/ beside its screenshot) and the run's findings as JSON."""
    OUTPUT.mkdir(exist_ok=True)
    html, data = OUTPUT / "report-site.html", tmp_path_factory.mktemp("report") / "site.json"
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        main(["check", "--no-config", "--format", f"html:{html}", "--format", f"json:{data}", "fixtures/site"])
    return html, json.loads(data.read_text(encoding="utf-8"))["findings"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


class Watched:
    """A page with its console errors, uncaught exceptions and network requests recorded."""

    def __init__(self, browser: Any, url: str, javascript: bool = True) -> None:
        self.context = browser.new_context(viewport={"width": 1366, "height": 900}, java_script_enabled=javascript)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(url)
        self.page.wait_for_load_state("load")


def test_report_in_chromium(browser: Any, site: tuple[Path, list[dict[str, Any]]]) -> None:
    html, findings = site
    url = html.as_uri()
    view = Watched(browser, url)
    page = view.page
    marks = page.locator("mark.finding")
    assert marks.count() == len(findings) > 0
    assert page.locator("li.item[data-finding]").count() == len(findings)
    assert page.locator("#filters").is_visible()

    by_category = Counter(f["category"] for f in findings)
    chosen = by_category.most_common(1)[0][0]
    assert len(by_category) > 1, "fixtures/site has findings in several categories"
    page.select_option("#filter-category", chosen)
    states = page.eval_on_selector_all(
        "mark.finding",
        "ms => ms.map(m => [m.dataset.category, m.classList.contains('is-muted'), getComputedStyle(m).backgroundColor])",
    )
    for category, muted, background in states:
        assert muted == (category != chosen), category
        assert (background == "rgba(0, 0, 0, 0)") == (category != chosen), (category, background)
    visible_items = page.locator("li.item[data-finding]:visible")
    assert visible_items.count() == by_category[chosen]
    assert {visible_items.nth(i).get_attribute("data-category") for i in range(visible_items.count())} == {chosen}
    assert page.locator("#filter-status").inner_text().startswith(f"{by_category[chosen]} of {len(findings)}")

    page.uncheck("input[name=severity][value=error]")
    assert page.locator("li.item[data-severity=error]:visible").count() == 0
    page.click("#filter-reset")
    assert page.locator("li.item[data-finding]:visible").count() == len(findings)

    plain = page.locator("mark.finding:not(:has(mark))").first
    plain.click(position={"x": 3, "y": 5})
    assert page.locator("#popover").is_visible()
    assert page.locator("#popover .num").inner_text() == (plain.get_attribute("id") or "")[1:]
    page.keyboard.press("Escape")
    assert page.locator("#popover").is_hidden()

    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(OUTPUT / "report-site.png"), full_page=True)
    assert view.errors == []
    assert set(view.requests) == {url}, "the report makes no network requests"
    view.context.close()


def test_report_without_javascript_is_fully_readable(browser: Any, site: tuple[Path, list[dict[str, Any]]]) -> None:
    html, findings = site
    view = Watched(browser, html.as_uri(), javascript=False)
    page = view.page
    assert page.locator("#filters").is_hidden()
    assert page.locator("mark.finding").count() == len(findings)
    assert page.locator("li.item[data-finding]:visible").count() == len(findings)
    assert page.locator("section.page:visible").count() == page.locator("section.page").count()
    assert set(view.requests) == {html.as_uri()}
    view.context.close()
