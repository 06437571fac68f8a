"""The teaching demo end to end: ``hrsim demo`` on 127.0.0.1, driven by Playwright in Chromium.

Debian's Chromium is used (``.ci/run`` and ``make test`` install it when it is missing), started
with the flags this machine needs; every request the page makes is checked to stay on 127.0.0.1,
so the demo is shown to work with no internet. These tests are never skipped: without Chromium
they fail and say how to install it.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import numpy as np
import PIL.Image
import pytest
from browser_helpers import Watched, chromium, serving
from playwright.sync_api import Browser, Page, expect

from hrsim.i18n import t

pytestmark = pytest.mark.xdist_group("demo_browser")  # one server (module fixture)
expect.set_options(timeout=30_000)  # a redraw can take seconds when the machine is busy


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    """``hrsim demo`` in Bahasa Indonesia on a free port; stopped (by its pid) afterwards."""
    with serving("demo", "--lang", "id", "--workdir",
                 str(tmp_path_factory.mktemp("work"))) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as browser:
        yield browser


@pytest.fixture
def demo(server: str, browser: Browser) -> Iterator[Watched]:
    """A fresh page (and so a fresh session and model), loaded."""
    page = browser.new_page(viewport={"width": 1500, "height": 1000})
    watched = Watched(page)
    page.goto(server)
    expect(page.get_by_role("button", name=t("app.step", "id"))).to_be_visible(timeout=60_000)
    yield watched
    page.close()


def drawn_pictures(page: Page) -> int:
    """How many images on the page have been decoded with a size (drawn figures)."""
    return page.evaluate("[...document.images].filter(i => i.complete && i.naturalWidth > 50)"
                         ".length")


def test_the_page_loads_offline_with_its_pictures_and_no_errors(demo: Watched, tmp_path):
    page = demo.page
    page.wait_for_function("[...document.images].filter(i => i.naturalWidth > 50).length >= 5",
                           timeout=60_000)
    assert drawn_pictures(page) >= 5  # office, community, three charts
    assert demo.monitor(0) == "0"
    shot = tmp_path / "demo.png"
    page.screenshot(path=str(shot), full_page=True)
    pixels = np.asarray(PIL.Image.open(shot).convert("RGB"), dtype=float)
    assert pixels.std() > 20  # not a blank page
    assert len(np.unique(pixels.reshape(-1, 3), axis=0)) > 200  # pictures, not just text
    assert demo.errors == []
    assert demo.outside == []  # every asset came from the demo itself


def test_step_advances_the_day_and_updates_the_monitors(demo: Watched):
    page = demo.page
    ikm_before = demo.monitor(1)
    page.get_by_role("button", name=t("app.step", "id")).click()
    expect(page.locator(".hrsim-monitor").first).to_have_text("1")
    assert demo.monitor(1) != ikm_before  # the IKM now has a value and a grade
    page.get_by_role("button", name=t("app.step", "id")).click()
    expect(page.locator(".hrsim-monitor").first).to_have_text("2")
    assert demo.errors == [] and demo.outside == []


def test_a_slider_and_reset_change_the_model(demo: Watched):
    page = demo.page
    running = page.locator(".hrsim-running")
    expect(running).to_contain_text("3 loket")
    page.get_by_role("button", name=t("app.step", "id")).click()
    expect(page.locator(".hrsim-monitor").first).to_have_text("1")
    label = f"{t('app.param.desks', 'id')}: 3"
    desks = page.locator(".v-input").filter(has_text=label).get_by_role("slider")
    desks.focus()
    page.keyboard.press("Home")  # the slider's minimum: one desk
    expect(page.get_by_text(f"{t('app.param.desks', 'id')}: 1")).to_be_visible()
    expect(page.get_by_text(t("app.pending", "id"))).to_be_visible()
    expect(running).to_contain_text("3 loket")  # not applied before reset
    page.get_by_role("button", name=t("app.reset", "id")).click()
    expect(running).to_contain_text("1 loket")
    expect(page.get_by_text(t("app.pending", "id"))).to_be_hidden()
    expect(page.locator(".hrsim-monitor").first).to_have_text("0")
    assert demo.errors == [] and demo.outside == []


def test_the_language_toggle_switches_the_texts(demo: Watched):
    page = demo.page
    page.get_by_role("button", name="en", exact=True).click()
    expect(page.get_by_role("button", name=t("app.step", "en"))).to_be_visible()
    expect(page.get_by_role("button", name=t("app.step", "id"))).to_have_count(0)
    expect(page.get_by_text(t("app.monitor.not_started", "en"))).to_be_visible()
    page.get_by_role("tab", name=t("app.tab.guide", "en")).click()
    expect(page.get_by_role("button", name=t("app.guide.what.title", "en"))).to_be_visible()
    page.get_by_role("button", name="id", exact=True).click()
    expect(page.get_by_role("tab", name=t("app.tab.guide", "id"))).to_be_visible()
    assert demo.errors == [] and demo.outside == []


def test_the_pictures_change_as_the_office_runs(demo: Watched):
    """Play runs the office on; the residents' picture is redrawn (bytes of the image differ)."""
    page = demo.page
    page.wait_for_function("[...document.images].filter(i => i.naturalWidth > 50).length >= 5",
                           timeout=60_000)
    before = page.evaluate("[...document.images].map(i => i.src)")
    page.get_by_role("button", name=t("app.play", "id")).click()
    page.wait_for_function("Number(document.querySelector('.hrsim-monitor')?.innerText) >= 3",
                           timeout=60_000)
    page.get_by_role("button", name=t("app.pause", "id")).click()
    after = page.evaluate("[...document.images].map(i => i.src)")
    assert sum(a != b for a, b in zip(before, after, strict=True)) >= 5
    shot = page.screenshot()
    assert np.asarray(PIL.Image.open(io.BytesIO(shot)).convert("L"), dtype=float).std() > 20
    assert demo.errors == [] and demo.outside == []
