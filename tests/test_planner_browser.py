"""The planner end to end: ``hrsim app`` on 127.0.0.1, driven by Playwright in Debian's Chromium.

Like the demo's browser tests these are never skipped, and every request the pages make must stay
on 127.0.0.1. They also take the README's screenshots (``docs/planner-*.png``, kept small).
"""

from __future__ import annotations

import io
import json
import re
import time
from collections.abc import Iterator
from pathlib import Path

import PIL.Image
import pytest
from browser_helpers import Watched, chromium, serving
from cli_helpers import hrsim
from playwright.sync_api import Browser, Page, expect

from hrsim.i18n import number, t
from hrsim.planner.jobs import DONE, RUNNING, JobRecord, Workdir
from hrsim.planner.widgets import bounded
from hrsim.specs import CompareSpec

DATA = Path(__file__).parent / "data" / "skm"
SKM = DATA / "kecamatan-2023-S1.csv"
DOCS = Path(__file__).parent.parent / "docs"
pytestmark = pytest.mark.xdist_group("planner_browser")  # one server (module fixture)
expect.set_options(timeout=60_000)  # a job's first runs can take a while on a busy machine


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("work")


@pytest.fixture(scope="module")
def server(work: Path) -> Iterator[str]:
    """``hrsim app`` in Bahasa Indonesia on a free port, its jobs in `work`."""
    with serving("app", "--lang", "id", "--workdir", str(work)) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as browser:
        yield browser


def open_app(browser: Browser, server: str) -> Watched:
    """A new browser (its own cookies: another user) on the app, loaded."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    watched = Watched(context.new_page())
    watched.page.goto(server)
    expect(watched.page.get_by_role("button", name=t("app.step", "id"))).to_be_visible()
    return watched


@pytest.fixture
def app(server: str, browser: Browser) -> Iterator[Watched]:
    watched = open_app(browser, server)
    yield watched
    watched.page.context.close()


def tab(page: Page, name: str, lang: str = "id") -> None:
    page.get_by_role("tab", name=t(f"planner.tab.{name}", lang)).click()


def upload(page: Page, picker: str, *files: Path | tuple[str, bytes]) -> None:
    payload = [f if isinstance(f, Path) else {"name": f[0], "mimeType": "text/csv",
                                              "buffer": f[1]} for f in files]
    page.locator(f".{picker} input[type=file]").set_input_files(payload)


def screenshot(page: Page, name: str) -> None:
    """The visible page as docs/<name>.png, in 256 colours (small enough for git)."""
    shot = PIL.Image.open(io.BytesIO(page.screenshot())).convert("RGB")
    shot.quantize(256).save(DOCS / f"{name}.png", optimize=True)


def test_an_uploaded_skm_file_shows_the_ikm_of_hrsim_ikm(app: Watched):
    page = app.page
    tab(page, "office")
    upload(page, "hrsim-skm-upload", SKM)
    latest = page.locator(".hrsim-ikm-latest")
    expect(latest).to_be_visible()
    cli = json.loads(hrsim("ikm", SKM, "--json").stdout)
    expect(latest).to_contain_text(f"IKM {number(cli['ikm'], 'id')}, mutu {cli['grade']}")
    expect(page.locator(".hrsim-ikm-table")).to_contain_text(SKM.stem)
    screenshot(page, "planner-office")
    page.get_by_role("button", name="en", exact=True).click()
    expect(latest).to_contain_text(f"IKM {number(cli['ikm'], 'en')}, grade {cli['grade']}")
    screenshot(page, "planner-office-en")
    assert app.errors == [] and app.outside == []


@pytest.mark.parametrize(("name", "data", "says"), [
    ("formula.csv", b'U1,U2\n=HYPERLINK("http://example.com"),3\n', "formula"),
    ("binary.csv", bytes(range(256)) * 8, "UTF-8"),
    ("tool.exe", b"MZ\x90\x00", ".csv, .xlsx, .toml"),
    ("wrong.csv", b"A,B\n1,2\n", "missing column"),
])
def test_a_bad_upload_shows_its_message_and_the_app_keeps_working(app: Watched, work: Path,
                                                                   name, data, says):
    page = app.page
    tab(page, "office")
    upload(page, "hrsim-skm-upload", (name, data))
    expect(page.locator(".hrsim-upload-error")).to_contain_text(says)
    expect(page.locator(".hrsim-upload-error")).to_contain_text(name)
    assert not list(work.rglob(Path(name).stem + ".*"))  # nothing kept from a refused file
    upload(page, "hrsim-skm-upload", SKM)
    expect(page.locator(".hrsim-ikm-latest")).to_be_visible()
    expect(page.locator(".hrsim-upload-error")).to_have_count(0)
    assert app.errors == [] and app.outside == []


def start_comparison(page: Page, lever: str, reps: int = 2, days: int = 30) -> None:
    """On the Policies tab: one lever, `reps` replications of `days` days, Compare."""
    tab(page, "policies")
    row = page.locator(".hrsim-lever").filter(has_text=t(f"app.lever.{lever}", "id"))
    expect(row.locator(".hrsim-lever-editors")).to_be_hidden()  # not ticked: its costs only
    row.get_by_text(t(f"app.lever.{lever}", "id"), exact=True).click()
    expect(row.locator(".hrsim-lever-editors")).to_be_visible()  # ticked: its editors
    for label, value in ((bounded("planner.policies.reps", "id", CompareSpec, "reps"), reps),
                         (t("planner.policies.days", "id"), days)):
        field = page.get_by_label(label)
        field.fill(str(value))
        field.press("Tab")
    page.locator(".hrsim-start-compare").click()


def comparable(html: str) -> str:
    """A report without what differs between two runs of the same comparison: times, paths."""
    html = re.sub(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d)?[^\s\"<,]*", "TIME", html)
    return re.sub(r"[^\s\"<>]*/inputs/", "", html)


def download(page: Page, label: str, to: Path) -> Path:
    with page.expect_download() as caught:
        page.locator(".hrsim-downloads").first.get_by_role("button", name=label).click()
    caught.value.save_as(to)
    return to


def test_a_quick_comparison_shows_progress_results_and_the_cli_s_report(app: Watched,
                                                                        work: Path, tmp_path,
                                                                        monkeypatch):
    page = app.page
    reps, days = "4", "200"  # 8 runs of the default office: the progress is seen moving
    start_comparison(page, "training", int(reps), int(days))
    progress = page.locator(".hrsim-job-progress").first
    expect(progress).to_be_visible(timeout=60_000)
    seen = {progress.inner_text()}
    page.reload()  # the job and its progress survive a reload: they live in its folder
    expect(page.get_by_role("button", name=t("app.step", "id"))).to_be_visible()
    tab(page, "policies")
    expect(page.locator(".hrsim-job").first).to_be_visible()
    while not page.locator(".hrsim-compare-result").count():
        if progress.count():
            seen.add(progress.inner_text())
        time.sleep(0.3)
    assert len({re.match(r"\d+", text).group() for text in seen}) >= 2, seen  # it moved
    expect(page.locator(".hrsim-compare-result")).to_contain_text("training")
    page.locator(".hrsim-compare-result").scroll_into_view_if_needed()
    screenshot(page, "planner-policies")
    tab(page, "report")
    report = download(page, "report.html", tmp_path / "report.html")
    summary = download(page, "summary.csv", tmp_path / "summary.csv")
    job = next(j for j in Workdir(work).jobs(kind="compare") if j.state == DONE
               and j.id in page.locator(".hrsim-job-id").first.inner_text())
    screenshot(page, "planner-report")
    cli = tmp_path / "cli"
    monkeypatch.chdir(job.folder)  # the command line the job's folder keeps (command.txt)
    done = hrsim("compare", "inputs/training.toml", "--reps", reps, "--days", days, "--seed", "0",
                 "--lang", "id", "--out", cli)
    assert done.returncode == 0, done.stderr
    assert summary.read_text() == (cli / "summary.csv").read_text()
    assert comparable(report.read_text()) == comparable((cli / "report.html").read_text())
    assert app.errors == [] and app.outside == []


def test_two_browsers_run_jobs_at_once_and_see_only_their_own(server: str, browser: Browser,
                                                              work: Path):
    first, second = open_app(browser, server), open_app(browser, server)
    try:
        before = {j.id for j in Workdir(work).jobs()}
        start_comparison(first.page, "feedback")
        start_comparison(second.page, "standards")
        jobs = []
        while len(jobs) < 2:
            time.sleep(0.2)
            jobs = [j for j in Workdir(work).jobs() if j.id not in before]
        both_running = False
        while not all(j.state == DONE for j in jobs):
            jobs = [JobRecord.read(j.folder) for j in jobs]
            both_running |= all(j.state == RUNNING for j in jobs)
            time.sleep(0.2)
        assert both_running
        for watched, lever in ((first, "feedback"), (second, "standards")):
            expect(watched.page.locator(".hrsim-compare-result")).to_contain_text(lever)
            ids = watched.page.locator(".hrsim-job-id").all_inner_texts()
            mine = [j.id for j in jobs if (j.inputs / f"{lever}.toml").exists()]
            assert ids == mine  # only its own job: not the other browser's, nor earlier ones
            assert watched.errors == [] and watched.outside == []
    finally:
        first.page.context.close()
        second.page.context.close()
