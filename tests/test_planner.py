"""The planner without a browser: uploads, job folders, the worker and queue, the pages.

Jobs run for real on a small office (3,000 residents) so that they take seconds; the browser
tests (test_planner_browser.py) run them through the page on the default office.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import time
import zipfile
from pathlib import Path

import ipyvuetify as v
import pandas as pd
import pytest
import solara
from click.testing import CliRunner

from hrsim.cli import cli
from hrsim.errors import InputError
from hrsim.headless import headless_page
from hrsim.i18n import t
from hrsim.planner import state, uploads, worker
from hrsim.planner.jobs import (
    CANCELLED,
    DONE,
    FAILED,
    PROFILE_FILE,
    QUEUED,
    RUNNING,
    JobRecord,
    Workdir,
    owner_of,
)
from hrsim.planner.pages import PAGES
from hrsim.planner.pages.office import check_form, parse_kelurahan, profile_data, skm_files
from hrsim.planner.queue import Queue
from hrsim.planner.widgets import bounded
from hrsim.policies import Policy
from hrsim.report.tables import neutralise, write_csv
from hrsim.scenarios import load
from hrsim.scenarios.profile import OfficeTable, default_profile, load_profile
from hrsim.scenarios.profile_template import template
from hrsim.specs import CalibrateSpec, CompareSpec

SKM = Path(__file__).parent / "data" / "skm" / "kecamatan-2023-S1.csv"
WATCHED_S = 3 * state.POLL_S  # time for a page to see a change made behind its back
SMALL_OFFICE = load("baseline").with_params(residents=3_000).to_toml()


# --- uploads --------------------------------------------------------------------------------------
def test_a_good_file_is_kept_under_a_generated_folder(tmp_path):
    path = uploads.store(tmp_path, "../../etc/Data SKM 2023 (final).csv", SKM.read_bytes())
    assert path.parent.parent == tmp_path and path.parent.name.startswith("u-")
    assert path.name == "Data-SKM-2023-final.csv" and path.read_bytes() == SKM.read_bytes()


@pytest.mark.parametrize(("name", "data", "says"), [
    ("survey.exe", b"MZ\x90\x00", "only .csv, .xlsx, .toml"),
    ("survey.csv", b"U1,U2\n\x00\x01\x02\xff\xfe", "not a text file in UTF-8"),
    ("survey.csv", b"U1,U2\n1,\x07", "control characters"),
    ("survey.csv", b"U1,U2\n=HYPERLINK(\"http://x\"),2\n", "row 2, column 1"),
    ("survey.csv", b"U1;U2\n3;@SUM(A1)\n", "formula"),
    ("survey.csv", b"U1,U2\n3,+cmd|' /C calc'!A0\n", "formula"),
    ("survey.xlsx", b"PK\x03\x04 not really a zip", "not an XLSX workbook"),
    ("office.toml", b"[office\nname = 1", "not valid TOML"),
])
def test_a_hostile_or_malformed_file_is_refused_and_nothing_kept(tmp_path, name, data, says):
    with pytest.raises(InputError, match=says.replace("(", r"\(").replace("|", r"\|")):
        uploads.store(tmp_path, name, data)
    assert list(tmp_path.iterdir()) == []


def test_numbers_and_dashes_are_not_formulas(tmp_path):
    data = b"U1,phone,note\n-,+62812345,-2\n"
    path = uploads.store(tmp_path, "ok.csv", data)
    assert path.parent.parent == tmp_path and path.name == "ok.csv"
    assert path.read_bytes() == data  # kept as sent: nothing neutralised or dropped
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == [path]


def test_an_xlsx_with_a_formula_cell_is_refused(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["U1", "U2"])
    book.active.append([3, '=HYPERLINK("http://example.com","x")'])
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(InputError, match="formula"):
        uploads.store(tmp_path, "s.xlsx", out.getvalue())


def test_a_zip_that_is_not_a_workbook_is_refused(tmp_path):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("readme.txt", "hello")
    with pytest.raises(InputError, match="not an Excel workbook"):
        uploads.store(tmp_path, "s.xlsx", out.getvalue())


def test_size_is_checked_before_reading_and_the_callers_check_keeps_nothing(tmp_path):
    with pytest.raises(InputError, match="too large; at most 20 MB"):
        uploads.check_size("big.csv", uploads.MAX_BYTES + 1)

    def refuse(path: Path) -> None:
        raise InputError(f"{path}: no")

    with pytest.raises(InputError) as caught:
        uploads.store(tmp_path, "s.csv", b"U1\n1\n", check=refuse)
    assert uploads.shown(str(caught.value)) == "s.csv: no"  # the app's folders stay private
    assert list(tmp_path.iterdir()) == []


def test_exported_csv_cells_are_neutralised(tmp_path):
    table = pd.DataFrame({"scenario": ["=HYPERLINK(1)", "@x", "+1a", "ok"],
                          "diff": [-1.5, 2.0, -0.1, 0.0]})
    text = write_csv(table, tmp_path / "t.csv").read_text()
    assert "'=HYPERLINK(1),-1.5" in text and "'@x" in text and "'+1a" in text
    assert neutralise(-2.0) == -2.0 and neutralise("ok") == "ok"


# --- job folders ------------------------------------------------------------------------------
def test_each_browser_sees_its_own_jobs_and_can_reopen_another_by_name(tmp_path):
    work = Workdir(tmp_path)
    mine, theirs = owner_of("cookie-a"), owner_of("cookie-b")
    a = work.create("compare", mine, {"reps": 2})
    b = work.create("calibrate", theirs, {})
    assert [j.id for j in work.jobs(mine)] == [a.id]
    assert [j.id for j in work.jobs(theirs)] == [b.id]
    assert "cookie" not in json.dumps(a.info)  # only a hash of the cookie is kept
    assert work.claim(b.id, mine) is not None
    assert {j.id for j in Workdir(tmp_path).jobs(mine)} == {a.id, b.id}  # after a restart too
    assert work.find("../../etc") is None and work.claim("nonsense", mine) is None


def compare_spec(days: int = 8) -> CompareSpec:
    return CompareSpec(scenarios=("inputs/training.toml",), reps=2, days=days, lang="en",
                       office=f"inputs/{PROFILE_FILE}", out=Path("outputs"))


def test_the_command_line_of_a_job_reruns_it_from_its_folder():
    assert compare_spec(30).command_line() == (
        "hrsim compare inputs/training.toml --reference baseline --reps 2 "
        "--office inputs/office.toml --days 30 --seed 0 --lang en --out outputs")


def compare_job(work: Workdir, owner: str, days: int = 8) -> JobRecord:
    spec = compare_spec(days)
    job = work.create("compare", owner, spec.settings())
    (job.inputs / "training.toml").write_text(load("training").to_toml())
    (job.inputs / PROFILE_FILE).write_text(SMALL_OFFICE)
    return work.submit(job, spec.command_line())


def test_the_worker_writes_what_the_cli_writes(tmp_path):
    job = compare_job(Workdir(tmp_path / "work"), owner_of("a"))
    assert worker.work(job.folder, workers=1, scheduler=None) == 0
    done = JobRecord.read(job.folder)
    assert done.state == DONE and done.progress["done"] == done.progress["total"] == 4
    (tmp_path / "office.toml").write_text(SMALL_OFFICE)
    cli_out = tmp_path / "cli"
    result = CliRunner().invoke(cli, ["compare", str(job.inputs / "training.toml"), "--reps",
                                      "2", "--days", "8", "--office", str(tmp_path / "office.toml"),
                                      "--lang", "en", "--workers", "1", "--out", str(cli_out)])
    assert result.exit_code == 0, result.output
    for name in ("summary.csv", "runs.csv"):
        assert (job.outputs / name).read_text() == (cli_out / name).read_text()


def test_a_bad_input_fails_the_job_with_one_line(tmp_path):
    work = Workdir(tmp_path)
    job = work.create("compare", "me", CompareSpec(scenarios=("inputs/x.toml",), reps=2,
                                                   days=5).settings())
    (job.inputs / "x.toml").write_text("name = 3\n")
    assert worker.work(job.folder, 1, None) == 1
    failed = JobRecord.read(job.folder)
    assert failed.state == FAILED and "\n" not in failed.info["message"]


def wait_for(condition, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


def test_the_queue_runs_jobs_in_worker_processes_and_cancels_them(tmp_path):
    work = Workdir(tmp_path)
    queue = Queue(work, slots=1, workers=1)
    quick, slow = compare_job(work, "a"), compare_job(work, "b", days=2_000)
    try:
        queue.tick()  # one slot: the older job starts, the other waits
        assert JobRecord.read(quick.folder).state == RUNNING
        assert JobRecord.read(slow.folder).state == QUEUED
        wait_for(lambda: queue.running[quick.id].poll() is not None)
        assert JobRecord.read(quick.folder).state == DONE
        queue.tick()
        assert JobRecord.read(slow.folder).state == RUNNING
        process = queue.running[slow.id]
        work.cancel(slow)
        queue.tick()
        assert JobRecord.read(slow.folder).state == CANCELLED and process.poll() is not None
    finally:
        queue.stop()


def test_a_job_left_running_by_a_stopped_app_is_marked_failed(tmp_path):
    work = Workdir(tmp_path)
    job = compare_job(work, "a").update(state=RUNNING)
    queue = Queue(work)
    queue.start()
    queue.stop()
    assert JobRecord.read(job.folder).state == FAILED


# --- the office form ------------------------------------------------------------------------------
def test_the_form_round_trips_the_default_profile_and_checks_like_office_check():
    data = profile_data(default_profile())
    assert check_form(data, "en") == default_profile()
    data["counter"] = {**data["counter"], "desks": 0}
    with pytest.raises(InputError, match=r"counter\.desks"):
        check_form(data, "en")
    assert parse_kelurahan("Sukaramai I; 12\nTegal Sari; 7,5", "en") == [
        {"name": "Sukaramai I", "travel_min": 12.0}, {"name": "Tegal Sari", "travel_min": 7.5}]
    with pytest.raises(InputError, match="line 1"):
        parse_kelurahan("Sukaramai I twelve", "en")


# --- the pages, rendered headless -----------------------------------------------------------------
@pytest.fixture
def open_page(work):
    """Opens the app's page headless, as a browser opening it now; closes it afterwards."""
    with contextlib.ExitStack() as opened:
        yield lambda: opened.enter_context(headless_page()).rc


def texts(rc) -> str:
    return " ".join(str(w.children) for w in rc.find(v.Html).widgets) + " ".join(
        str(getattr(w, "children", "")) for w in rc.find(v.Alert).widgets)


def test_the_office_page_shows_the_ikm_of_the_kept_files(open_page, work):
    office = work.create("office", owner_of("local"), {})
    uploads.store(office.inputs, SKM.name, SKM.read_bytes())
    rc = open_page()
    rc.find(v.Alert, children=[t("planner.office.ikm_line", "id", period="kecamatan-2023-S1",
                                 ikm="77,78", grade="B", grade_text="Baik",
                                 respondents=6)]).assert_single()
    assert skm_files(office)[0].name == SKM.name


def test_an_xlsx_sheet_named_on_the_office_page_is_read_and_reaches_the_calibration(
        open_page, work, tmp_path):
    office = work.create("office", owner_of("local"), {})
    book = tmp_path / "skm.xlsx"
    with pd.ExcelWriter(book) as sheets:
        pd.DataFrame({"Catatan": ["not SKM data"]}).to_excel(sheets, sheet_name="Catatan",
                                                             index=False)
        pd.read_csv(SKM, sep=";", encoding="utf-8-sig").to_excel(sheets, sheet_name="Data",
                                                                index=False)
    uploads.store(office.inputs, book.name, book.read_bytes())
    ikm_line = t("planner.office.ikm_line", "id", period="skm", ikm="77,78", grade="B",
                 grade_text="Baik", respondents=6)
    rc = open_page()
    assert "skm.xlsx" in texts(rc)  # the first sheet is not SKM data: its error is shown
    assert not rc.find(v.Alert, children=[ikm_line])
    sheet = rc.find(v.TextField, label=t("planner.office.sheet", "id")).widget
    sheet.v_model = "Data"
    sheet.fire_event("focusout", None)
    rc.find(v.Alert, children=[ikm_line]).assert_single()
    rc.find(v.Btn, children=[t("planner.calib.start", "id")]).widget.click()
    (job,) = work.jobs(owner_of("local"), "calibrate")
    assert job.settings["sheet"] == "Data"
    assert " --sheet Data " in (job.folder / "command.txt").read_text()
    work.cancel(job)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_planner_page_renders_in_both_languages(work, lang):
    headings = {"office": "planner.office.skm_title", "calibrate": "planner.calib.start",
                "policies": "planner.policies.compare", "report": "planner.report.reopen_button"}

    @solara.component
    def One(name: str):
        PAGES[name](state.use_planner(lang))

    for name in PAGES:
        _, rc = solara.render(One(name), handle_error=False)
        shown = [w.children[0] for w in rc.find(v.Btn).widgets if w.children] + \
            [w.children[0] for w in rc.find(v.CardTitle).widgets if w.children]
        assert t(headings[name], lang) in shown, name
        rc.close()


def test_the_policies_page_queues_a_comparison_with_its_files(open_page, work):
    rc = open_page()
    rc.find(v.Checkbox, label=t("app.lever.training", "id")).widget.v_model = True
    rc.find(v.Btn, children=[t("planner.policies.compare", "id")]).widget.click()
    (job,) = work.jobs(owner_of("local"), "compare")
    assert job.state in (QUEUED, RUNNING, DONE)
    assert (job.inputs / "training.toml").exists()
    assert load(job.inputs / "training.toml").policies[0].key == "training"
    assert (job.folder / "command.txt").read_text().startswith("hrsim compare inputs/training")
    work.cancel(job)


def test_the_profile_form_keeps_what_was_typed_and_save_writes_it(open_page, work):
    rc = open_page()
    box = rc.find(v.TextField, label=t("planner.office.residents", "id")).widget
    assert box.v_model == str(default_profile().office.residents)
    box.v_model = "80000"
    box.fire_event("focusout", None)  # as the browser does when the box is left
    rc.find(v.Btn, children=[t("planner.office.save", "id")]).widget.click()
    (office,) = work.jobs(owner_of("local"), "office")
    assert load_profile(office.inputs / PROFILE_FILE).office.residents == 80_000


def test_a_ticked_lever_shows_its_own_costs_and_the_edited_price_reaches_the_scenario(
        open_page, work):
    rc = open_page()
    per_trainee = t("planner.policies.cost_per_trainee_rp", "id")
    training = rc.find(v.Checkbox, label=t("app.lever.training", "id"))
    assert f"{per_trainee} 3.500.000" in training.widget.hint  # its costs, under its box
    training.widget.v_model = True  # its editors show (in the browser: test_planner_browser)
    price = rc.find(v.TextField, label=per_trainee).widget
    price.v_model = "2000000"
    price.fire_event("focusout", None)  # as the browser does when the box is left
    rc.find(v.Btn, children=[t("planner.policies.compare", "id")]).widget.click()
    (job,) = work.jobs(owner_of("local"), "compare")
    assert load(job.inputs / "training.toml").policies[0].cost_per_trainee_rp == 2_000_000
    work.cancel(job)


@pytest.mark.slow
def test_a_calibration_job_writes_its_fit_and_the_page_shows_it(open_page, work,
                                                               quick_calibration):
    owner = owner_of("local")
    office = work.create("office", owner, {})
    kept = uploads.store(office.inputs, SKM.name, SKM.read_bytes())
    small = dataclasses.replace(default_profile(),
                                office=OfficeTable(name="Kecil", residents=3_000))
    (office.inputs / PROFILE_FILE).write_text(template("id", PROFILE_FILE, small))  # as Save does
    rc = open_page()
    state.server_queue().stop()  # the job runs here, not in the queue's worker
    runs = rc.find(v.TextField, label=bounded("planner.calib.runs", "id", CalibrateSpec,
                                              "budget_runs")).widget
    runs.v_model = "20"
    runs.fire_event("focusout", None)  # as the browser does when the box is left
    rc.find(v.Btn, children=[t("planner.calib.start", "id")]).widget.click()
    (job,) = work.jobs(owner, "calibrate")
    assert job.settings["skm"] == [f"inputs/{kept.parent.name}/{kept.name}"]
    assert job.settings["budget_runs"] == 20  # not the page's 400: the box was left
    assert worker.work(job.folder, workers=1, scheduler=None) == 0, \
        (job.folder / "worker.log").read_text() if (job.folder / "worker.log").exists() else ""
    fit = pd.read_csv(job.outputs / "fit.csv")
    assert len(fit) == 9 and set(fit.columns) >= {"observed", "predicted_low", "predicted_high"}
    rc.find(v.CardTitle, children=[t("planner.calib.fit", "id", job=job.id)]).wait_for(
        timeout=WATCHED_S).assert_single()  # the page has seen the job end


@pytest.mark.slow
def test_a_search_job_writes_its_front_and_scenarios_and_the_page_shows_them(open_page, work):
    rc = open_page()
    owner = owner_of("local")
    state.server_queue().stop()  # the job runs here, not in the queue's worker
    for label, value in (("planner.policies.trials", "3"), ("planner.policies.search_reps", "2")):
        box = rc.find(v.TextField, label=t(label, "id")).widget
        box.v_model = value
        box.fire_event("focusout", None)
    rc.find(v.Btn, children=[t("planner.policies.search", "id")]).widget.click()
    (job,) = work.jobs(owner, "optimize")
    assert (job.settings["trials"], job.settings["reps"], job.settings["budget"]) == \
        (3, 2, [250e6])
    assert worker.work(job.folder, workers=1, scheduler=None) == 0, \
        (job.folder / "worker.log").read_text() if (job.folder / "worker.log").exists() else ""
    front = pd.read_csv(job.outputs / "pareto.csv")
    assert len(front) >= 1 and (job.outputs / "pareto.png").exists()
    chosen = load(job.outputs / "portfolio-250m.toml")  # ready for hrsim compare
    assert chosen.policies and all(p.key in Policy.levers() for p in chosen.policies)
    rc.find(v.CardTitle, children=[t("planner.result.optimize", "id", job=job.id)]).wait_for(
        timeout=WATCHED_S).assert_single()  # the page has seen the job end


# --- the command ----------------------------------------------------------------------------------
def test_app_warns_when_it_listens_on_every_address(tmp_path, monkeypatch, capsys):
    import socket

    from solara.__main__ import run

    from hrsim.cli import main

    served = []
    monkeypatch.setattr(run, "main", lambda args, **_: served.append(args))
    for variable in ("HRSIM_WORKDIR", "HRSIM_LANG"):  # set by the command: restored afterwards
        monkeypatch.setenv(variable, "")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    main(["app", "--host", "0.0.0.0", "--port", str(port), "--workdir", str(tmp_path)])
    state.server_queue().stop()
    state.server_queue.cache_clear()
    out = capsys.readouterr()
    assert "WARNING" in out.err and "anyone" in out.err and served[0][0] == "hrsim.web"


def test_app_refuses_a_workdir_that_is_a_file(tmp_path, capsys):
    import socket

    from hrsim.cli import main

    (tmp_path / "f").write_text("")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(SystemExit) as stop:
        main(["app", "--workdir", str(tmp_path / "f"), "--port", str(port)])
    assert stop.value.code == 2
    assert "is a file" in capsys.readouterr().err


def test_a_comparison_of_two_replications_is_shown_with_a_caution(tmp_path):
    from types import SimpleNamespace

    from hrsim.analysis.compare import compare
    from hrsim.planner.pages.policies import ComparisonResult
    from hrsim.report.compare import write_report

    def shown(reps: int) -> str:
        out = tmp_path / f"r{reps}"
        write_report(compare([load("training")], reps=reps, days=3,
                             params={"residents": 1_000}), out, "en")
        job = SimpleNamespace(id=f"job-{reps}", outputs=out)  # what the card reads of a job
        _, rc = solara.render(ComparisonResult(job, "en"), handle_error=False)
        try:
            return " ".join(str(alert.children) for alert in rc.find(v.Alert).widgets)
        finally:
            rc.close()

    assert "Caution: only 2 replications" in shown(2)
    assert "Caution" not in shown(3)
