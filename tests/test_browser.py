"""What a person sees, in headless Chromium (Debian's chromium driven by Playwright): the served
database and the HTML report. Screenshots are kept under output/screenshots/."""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from playwright.sync_api import BrowserContext, sync_playwright

from pipeline.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "output" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser() -> Iterator[BrowserContext]:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="perfreturns-browser-") as profile, sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, args=FLAGS, viewport={"width": 1280, "height": 900})
        yield context
        context.close()


@pytest.fixture(scope="module")
def server(quarters_path: Path) -> Iterator[str]:
    """`perfreturns serve` on a free port of this machine, until the module's tests are done."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "pipeline", "serve", "--db", str(quarters_path),
                                "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):  # at most 60 s to start
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=2).close()
                break
            except OSError:
                if process.poll() is not None:
                    raise AssertionError(process.stderr.read().decode() if process.stderr else "serve exited")
                time.sleep(0.5)
        else:
            raise AssertionError("perfreturns serve did not start within 60 s")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_the_exceptions_query_shows_the_red_commitment_with_a_red_chip_that_says_red(browser, server):
    page = browser.new_page()
    page.goto(f"{server}/performance/exceptions_list?period=Q3+2007-08")
    red = page.locator("span.rag-chip.rag-red")
    assert red.count() == 1
    assert red.inner_text() == "Red"
    assert red.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(255, 0, 0)"
    row = page.locator("tr", has=red)
    assert "Sheila Rochester" in row.inner_text()
    assert "Continue to work closely with the Department for Work and Pensions" in row.inner_text()
    amber = page.locator("span.rag-chip.rag-amber")
    assert amber.count() == 6 and amber.first.inner_text() == "Amber"
    page.screenshot(path=str(SCREENSHOTS / "exceptions.png"), full_page=True)
    page.close()


def test_a_table_shows_names_for_ids_and_facets_count_each_commitment_once(browser, server):
    page = browser.new_page()
    page.goto(f"{server}/performance/current_commitments?period_label=Q3+2007-08")
    facet = " ".join(page.locator("#facet-rag").inner_text().split())
    assert "green 9" in facet and "amber 6" in facet and "red 1" in facet
    page.goto(f"{server}/performance/indicator_values?_sort=id")
    assert page.locator("td.col-indicator_id a").first.inner_text() == "NI 136"
    page.screenshot(path=str(SCREENSHOTS / "indicator_values.png"))
    page.close()


def test_the_dashboard_draws_its_charts(browser, server):
    page = browser.new_page()
    page.goto(f"{server}/-/dashboards/quarterly")
    page.wait_for_selector("#card-rag-by-period canvas, #card-rag-by-period svg", timeout=30_000)
    assert page.locator("text=Commitments and actions by status and period").count() == 1
    page.wait_for_timeout(500)
    page.screenshot(path=str(SCREENSHOTS / "dashboard.png"), full_page=True)
    page.close()


def test_the_report_shows_ni_136_trajectory_chart_with_its_target_and_actual(browser, quarters_path, tmp_path):
    result = CliRunner().invoke(cli, ["report", "--db", str(quarters_path), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    page = browser.new_page()
    page.goto((tmp_path / "report-2008-09-q2.html").as_uri())
    chart = page.locator("#chart-NI-136 svg")
    assert chart.is_visible()
    box = chart.bounding_box()
    assert box is not None and box["width"] > 400 and box["height"] > 200
    for text in ("Target 2008/09: 2656", "Actual 2008/09 Q1: 1917 (off track)", "per 100,000 population"):
        assert chart.locator("text", has_text=text).first.is_visible(), text
    page.screenshot(path=str(SCREENSHOTS / "report-2008-09-q2.png"), full_page=True)
    page.close()


def test_the_q3_report_shows_coloured_chips_and_a_chart_per_section(browser, quarters_path, tmp_path):
    result = CliRunner().invoke(cli, ["report", "--db", str(quarters_path), "--period", "2007/08 Q3",
                                      "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    page = browser.new_page()
    page.goto((tmp_path / "report-2007-08-q3.html").as_uri())
    assert page.locator(".rag-chart svg").count() == 3
    chip = page.locator("table.exceptions span.rag-chip").first
    assert chip.inner_text() == "Red"
    assert chip.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(255, 0, 0)"
    page.screenshot(path=str(SCREENSHOTS / "report-2007-08-q3.png"), full_page=True)
    page.close()
