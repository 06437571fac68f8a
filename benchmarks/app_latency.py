"""Benchmark: how fast each page of ``hrsim app`` answers while a job runs on every core.

Serves the app on 127.0.0.1 (a fresh work folder), opens it in Debian's Chromium (Playwright),
starts a long comparison from the Policies page (training against the baseline, 20 replications
of a year, on as many worker processes as CPUs), and once its model runs are going:

- clicks each of the six tabs in turn, `--rounds` times. A tab has answered when its own content
  is on screen. Timed once through the test driver (Playwright, whose own steps are included) and
  once by the page's own clock (a script in the page clicks and waits for the content, plus one
  frame): the answer without the test driver's own time;
- does the planner's actions that show or hide a part of a page, `--rounds` times each, by the
  page's clock: a lever ticked (its editors shown) and unticked, the office profile's form opened
  and closed (closing is timed to its start, not to the end of its animation).

The job is cancelled at the end. With ``--no-job`` the same is timed with no job running: the
page's own floor.

    python benchmarks/app_latency.py [--rounds 10] [--no-job]

Prints, per tab and per action, the median and the slowest answer, and the CPU use of the machine
meanwhile. Goal (issue #12): every page answers within 300 ms while a job runs on both cores, by
the page's clock (the test driver's own steps, on the same busy cores, are no part of what a user
waits for).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

import psutil
from playwright.sync_api import Page, expect

sys.path.insert(0, str(Path(__file__).parent.parent / "tests"))
from browser_helpers import Watched, chromium, serving

from hrsim.i18n import t

GOAL_MS = 300.0
LANG = "en"
# each tab, and what shows that it has answered
TABS = {"app.tab.live": ".hrsim-monitor",
        "app.tab.guide": f".v-window-item--active >> text={t('app.guide.what.title', LANG)}",
        "planner.tab.office": f"text={t('planner.office.skm_title', LANG)}",
        "planner.tab.calibrate": ".hrsim-start-calibration",
        "planner.tab.policies": ".hrsim-start-compare",
        "planner.tab.report": ".hrsim-reopen"}


# the same, for the clock in the page: a CSS selector, and a text the element holds ("" any)
SHOWN = {"app.tab.live": (".hrsim-monitor", ""),
         "app.tab.guide": (".v-window-item--active", t("app.guide.what.title", LANG)),
         "planner.tab.office": (".v-window-item--active", t("planner.office.skm_title", LANG)),
         "planner.tab.calibrate": (".hrsim-start-calibration", ""),
         "planner.tab.policies": (".hrsim-start-compare", ""),
         "planner.tab.report": (".hrsim-reopen", "")}
# clicks the tab in the page and resolves, one frame after its content is laid out, with the
# milliseconds since the click (no test driver in between)
IN_PAGE = """([tab, selector, text]) => new Promise(resolve => {
  const started = performance.now();
  [...document.querySelectorAll('[role=tab]')].find(e => e.textContent.trim() === tab).click();
  const shown = () => [...document.querySelectorAll(selector)].some(
    e => e.getClientRects().length && (!text || e.innerText.includes(text)));
  const check = () => shown()
    ? requestAnimationFrame(() => resolve(performance.now() - started))
    : requestAnimationFrame(check);
  requestAnimationFrame(check);
})"""


# the planner's actions that show or hide a part of a page: what is clicked (a CSS selector on
# the shown tab, a text it holds), and what shows the answer (a selector, a text, a part of it
# that must be shown or not)
LEVER = t("app.lever.recognition", LANG)
ACTIONS = {
    "tick a lever": ("planner.tab.policies", (".hrsim-lever label", LEVER),
                     (".hrsim-lever", LEVER, ".v-slider"), True),
    "untick it": ("planner.tab.policies", (".hrsim-lever label", LEVER),
                  (".hrsim-lever", LEVER, ".v-slider"), False),
    "open the profile form": ("planner.tab.office", (".hrsim-edit-profile", ""),
                              (".v-text-field", t("planner.office.residents", LANG), "input"),
                              True),
    "close it": ("planner.tab.office", (".hrsim-edit-profile", ""),  # not its animation
                 (".v-expansion-panel--active", "", ".v-expansion-panel-content"), False),
}
# clicks in the shown tab and resolves, one frame after the answer is laid out, with the
# milliseconds since the click
ACT_IN_PAGE = """([[click, clickText], [selector, text, part], present]) => new Promise(resolve => {
  const shown = (sel, txt) => [...document.querySelectorAll('.v-window-item--active ' + sel)]
    .filter(e => e.getClientRects().length && (!txt || e.innerText.includes(txt)));
  const started = performance.now();
  shown(click, clickText)[0].click();
  const answered = () => shown(selector, text).some(
    e => [...e.querySelectorAll(part)].some(x => x.getClientRects().length)) === present;
  const check = () => answered()
    ? requestAnimationFrame(() => resolve(performance.now() - started))
    : requestAnimationFrame(check);
  requestAnimationFrame(check);
})"""


def start_long_job(page: Page) -> None:
    """A comparison that keeps every core busy for minutes."""
    page.get_by_role("tab", name=t("planner.tab.policies", LANG)).click()
    label = t("app.lever.training", LANG)
    page.locator(".hrsim-lever").filter(has_text=label).get_by_text(label, exact=True).click()
    page.locator(".hrsim-start-compare").click()
    expect(page.locator(".hrsim-job-progress").first).to_be_visible(timeout=120_000)


def answer_ms(page: Page, name: str) -> float:
    """Milliseconds from a click on tab `name` until its content shows."""
    tab = page.get_by_role("tab", name=t(name, LANG))
    started = time.perf_counter()
    tab.click()
    page.locator(TABS[name]).first.wait_for(state="visible", timeout=30_000)
    return (time.perf_counter() - started) * 1000


def in_page_ms(page: Page, name: str) -> float:
    """The same answer timed by the page's own clock, from the click to the next frame shown."""
    return page.evaluate(IN_PAGE, [t(name, LANG), *SHOWN[name]])


def action_ms(page: Page, name: str) -> float:
    """Milliseconds from the click of action `name` until its answer shows (the page's clock)."""
    tab, click, answer, present = ACTIONS[name]
    page.get_by_role("tab", name=t(tab, LANG)).click()
    return page.evaluate(ACT_IN_PAGE, [list(click), list(answer), present])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--no-job", action="store_true",
                        help="measure with no job running (the page's own floor)")
    args = parser.parse_args()
    times: dict[str, list[float]] = {name: [] for name in TABS}
    in_page: dict[str, list[float]] = {name: [] for name in TABS}
    with tempfile.TemporaryDirectory() as work, \
            serving("app", "--lang", LANG, "--workdir", work) as url, chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        watched = Watched(page)
        page.goto(url)
        expect(page.locator(".hrsim-monitor").first).to_be_visible(timeout=120_000)
        if not args.no_job:
            start_long_job(page)
        psutil.cpu_percent(percpu=True)
        for _ in range(args.rounds):
            for name in TABS:
                times[name].append(answer_ms(page, name))
        for _ in range(args.rounds):
            for name in TABS:
                in_page[name].append(in_page_ms(page, name))
        acted: dict[str, list[float]] = {name: [] for name in ACTIONS}
        for _ in range(args.rounds):
            for name in ACTIONS:
                acted[name].append(action_ms(page, name))
        cpu = psutil.cpu_percent(percpu=True)
        if not args.no_job:
            page.get_by_role("tab", name=t("planner.tab.policies", LANG)).click()
            page.get_by_role("button", name=t("planner.cancel", LANG)).first.click()
        assert watched.outside == [], watched.outside
    when = "with no job" if args.no_job else "while a job runs"
    print(f"hrsim app page latency {when}; {os.cpu_count()} CPUs, "
          f"Python {platform.python_version()}; {args.rounds} rounds")
    print(f"CPU use during the measurement, per core: {', '.join(f'{c:.0f}%' for c in cpu)}")
    print(f"{'tab':<24}{'median ms':>10}{'max ms':>10}{'in page: median':>17}{'max':>6}")
    for name, values in times.items():
        print(f"{t(name, LANG):<24}{statistics.median(values):>10.0f}{max(values):>10.0f}"
              f"{statistics.median(in_page[name]):>17.0f}{max(in_page[name]):>6.0f}")
    print(f"{'action (page clock)':<24}{'median ms':>10}{'max ms':>10}")
    for name, values in acted.items():
        print(f"{name:<24}{statistics.median(values):>10.0f}{max(values):>10.0f}")
    worst = max(max(v) for v in (*in_page.values(), *acted.values()))
    print(f"slowest answer by the page's clock {worst:.0f} ms: goal <= {GOAL_MS:.0f} ms "
          f"{'met' if worst <= GOAL_MS else 'NOT met'} (through the test driver: "
          f"{max(max(v) for v in times.values()):.0f} ms)")


if __name__ == "__main__":
    main()
