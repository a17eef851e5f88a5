"""The seed article's page in a real browser: headless Chromium driven by selenium through the system chromedriver.

Skipped cleanly where selenium, Chromium or chromedriver is missing (CI installs Debian's
``chromium`` and ``chromium-driver``; nothing is downloaded at run time).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from eventx.cli import main
from eventx.extractor import DocumentResult, Extractor
from eventx.serialize import event_to_dict
from eventx.views.chromium import HEADLESS_FLAGS, find_chromium

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "istanbul-talks.txt"
CHROMIUM = find_chromium()
CHROMEDRIVER = shutil.which("chromedriver")

pytestmark = [
    pytest.mark.model,
    pytest.mark.skipif(CHROMIUM is None or CHROMEDRIVER is None, reason="no Chromium/chromedriver installed"),
]


def browser(profile: Path, javascript: bool = True) -> Any:
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (eventx[browser])")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*HEADLESS_FLAGS, "--window-size=1400,1000"):
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    try:
        return webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=CHROMEDRIVER))
    except Exception as exc:  # noqa: BLE001 - a browser that cannot start here is a skip, not a failure
        pytest.skip(f"Chromium did not start: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}")


@pytest.fixture(scope="module")
def seed_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    """The issue's command on the seed article, and the events its extractor found (recorded on the way)."""
    page = tmp_path_factory.mktemp("seed") / "seed.html"
    found: list[DocumentResult] = []
    results = Extractor.results

    def recording(self: Extractor, documents: Any) -> Iterator[DocumentResult]:
        for result in results(self, documents):
            found.append(result)
            yield result

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Extractor, "results", recording)
        shown = CliRunner().invoke(main, ["show", str(SEED), "-o", str(page)], prog_name="eventx")
    assert shown.exit_code == 0, shown.stderr
    events = [event_to_dict(e) for result in found for e in result.events]
    assert len(events) >= 10 and any(e["type"] == "Attack" and e["trigger"]["start"] == 577 for e in events)
    return page, events


@pytest.fixture
def driver(tmp_path: Path) -> Iterator[Any]:
    chrome = browser(tmp_path / "profile")
    yield chrome
    chrome.quit()


TRIGGERS = """
return Array.from(document.querySelectorAll('.doc mark.trigger:not(.cont)')).map(function (m) {
  var r = m.getBoundingClientRect(), s = getComputedStyle(m), tag = m.querySelector('.tag');
  return {start: +m.dataset.start, end: +m.dataset.end, types: m.dataset.types.split(' '),
          tag: tag ? tag.textContent : '', width: r.width, height: r.height,
          background: s.backgroundColor, border: s.borderTopColor, visible: s.visibility};
});
"""


def test_seed_page_shows_every_trigger_with_its_type_and_no_console_error(
    seed_page: tuple[Path, list[dict[str, Any]]], driver: Any, tmp_path: Path
) -> None:
    page, events = seed_page
    driver.get(page.as_uri())
    marks = {(m["start"], m["end"]): m for m in driver.execute_script(TRIGGERS)}
    for event in events:
        key = (event["trigger"]["start"], event["trigger"]["end"])
        assert key in marks, f"{event['type']} '{event['trigger']['text']}' at {key} is not marked"
        mark = marks[key]
        assert event["type"] in mark["types"] and event["type"] in mark["tag"], (event["type"], mark)
        assert mark["width"] > 0 and mark["height"] > 0 and mark["visible"] == "visible"
        assert mark["background"] not in ("rgba(0, 0, 0, 0)", "transparent"), "the trigger is highlighted"
    assert len(marks) == len({(e["trigger"]["start"], e["trigger"]["end"]) for e in events})
    shot = tmp_path / "seed.png"
    assert driver.save_screenshot(str(shot)) and shot.stat().st_size > 10_000
    errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == []


def test_clicking_a_row_scrolls_to_and_highlights_its_mention(
    seed_page: tuple[Path, list[dict[str, Any]]], driver: Any
) -> None:
    page, events = seed_page
    driver.get(page.as_uri())
    rows = driver.find_elements("css selector", "table.mentions tbody tr")
    assert len(rows) == len(events)
    last = rows[-1]
    driver.execute_script("arguments[0].scrollIntoView()", last)
    last.click()
    script = """
        var row = arguments[0], mark = document.getElementById(row.dataset.target);
        var r = mark.getBoundingClientRect();
        return {active: mark.classList.contains('active'), row: row.classList.contains('active'),
                focused: document.activeElement === mark, inside: 0 <= r.top && r.bottom <= innerHeight};
        """
    from selenium.webdriver.support.wait import WebDriverWait

    # The scroll is smooth (unless the reader asks for reduced motion): wait for it to end.
    WebDriverWait(driver, 5).until(lambda d: d.execute_script(script, last)["inside"])
    state = driver.execute_script(script, last)
    assert state["active"] and state["row"] and state["focused"] and state["inside"]
    assert [e for e in driver.get_log("browser") if e["level"] == "SEVERE"] == []


def test_keyboard_focus_shows_a_role_label(seed_page: tuple[Path, list[dict[str, Any]]], driver: Any) -> None:
    page, _ = seed_page
    driver.get(page.as_uri())
    from selenium.webdriver.common.keys import Keys

    driver.find_element("css selector", "body").send_keys(Keys.TAB)
    assert driver.execute_script("return document.activeElement.className") == "skip"
    shown = driver.execute_script(
        """
        var role = document.querySelector('.doc .role:not(.cont)');
        var tip = role.querySelector(':scope > .tip');
        var before = getComputedStyle(tip).display;
        role.focus();
        return [before, getComputedStyle(tip).display, tip.textContent];
        """
    )
    assert shown[0] == "none" and shown[1] == "block" and " of " in shown[2]


def test_the_marking_shows_without_javascript(seed_page: tuple[Path, list[dict[str, Any]]], tmp_path: Path) -> None:
    page, events = seed_page
    chrome = browser(tmp_path / "profile", javascript=False)
    try:
        chrome.get(page.as_uri())
        marks = chrome.find_elements("css selector", ".doc mark.trigger:not(.cont)")
        assert len(marks) == len({(e["trigger"]["start"], e["trigger"]["end"]) for e in events})
        assert all(m.value_of_css_property("background-color") != "rgba(0, 0, 0, 0)" for m in marks)
    finally:
        chrome.quit()
