"""One spec per job (`hrsim.specs`): the command, the planner's page and the re-run command line
agree with it, and the command line parses back to the same spec."""

from __future__ import annotations

import shlex
from pathlib import Path

import click
import ipyvuetify as v
import pytest
import solara
from click.testing import CliRunner
from pydantic import ValidationError

from hrsim.cli import cli, main
from hrsim.i18n import t
from hrsim.planner import state, uploads
from hrsim.planner.jobs import owner_of
from hrsim.planner.pages import PAGES
from hrsim.planner.widgets import bounded
from hrsim.specs import (
    SPECS,
    BatchSpec,
    CalibrateSpec,
    CompareSpec,
    OptimizeSpec,
    spelling,
)

SKM = Path(__file__).parent / "data" / "skm" / "kecamatan-2023-S1.csv"
# a spec of each kind with values other than the defaults wherever there is one
CHANGED = [
    CompareSpec(scenarios=("training", "inputs/mine.toml"), reference="coordination", reps=7,
                office="inputs/office.toml", posterior=Path("inputs/posterior"), uncertainty=9,
                days=30, seed=2**40, lang="en", out=Path("outputs"),
                assignments=("desks=4", "service_need_rate=0.25")),
    CalibrateSpec(skm=(Path("inputs/u-1/a.csv"), Path("inputs/u-2/b.xlsx")),
                  office="inputs/office.toml", periods=("2023-S1", "2023-S2"), sheet="Data",
                  order=("U2", "U1", "U3", "U4", "U5", "U6", "U7", "U8", "U9"),
                  out=Path("outputs"), budget_runs=25, resume=True, seed=3, lang="en"),
    OptimizeSpec(budget=(123456789.5, 1e8), office="mine.toml",
                 posterior=Path("reports/calibration"), uncertainty=True, years=2,
                 objective="trust", trials=5, reps=3, out=Path("out"), resume=True, seed=1),
    BatchSpec(experiment=Path("experiments/levers/levers.toml"), out=Path("results/levers"),
              office="mine.toml", retry_failed=True, posterior=Path("reports/calibration"),
              samples=12),
]


@pytest.mark.parametrize("kind", list(SPECS))
def test_the_command_has_the_spec_s_options_defaults_and_bounds(kind):
    spec, command = SPECS[kind], cli.commands[kind]
    params = {p.name: p for p in command.params if p.name != "help"}
    assert set(params) == set(spec.model_fields)
    for name, field in spec.model_fields.items():
        param = params[name]
        if isinstance(param, click.Option) and not param.is_flag:
            default = None if field.is_required() else spec.default(name)
            assert param.default == default, name
            assert param.required == field.is_required(), name
            assert param.help == field.description, name
        kind_of = getattr(param.type, "item", param.type)  # a comma list: its items
        if isinstance(kind_of, click.IntRange | click.FloatRange):
            assert (kind_of.min, kind_of.max) == spec.bounds(name), name


def test_compare_takes_a_scheduler_as_the_other_jobs_do():
    for kind in SPECS:
        assert "scheduler" in SPECS[kind].model_fields
        assert spelling(SPECS[kind].model_fields["scheduler"]).execution


@pytest.mark.parametrize("spec", CHANGED, ids=lambda s: s.kind)
def test_the_re_run_command_line_parses_back_to_the_same_spec(spec, monkeypatch):
    parsed = []

    class StopError(Exception):
        pass

    def run(self, *args, **kwargs):
        parsed.append(self)
        raise StopError

    monkeypatch.setattr(type(spec), "run", run)
    words = shlex.split(spec.command_line())
    assert words[:2] == ["hrsim", spec.kind]
    result = CliRunner().invoke(cli, words[1:])
    assert isinstance(result.exception, StopError), result.output
    assert parsed == [spec]


def test_where_the_runs_go_is_neither_saved_nor_in_the_command_line():
    spec = CompareSpec(workers=3, scheduler="tcp://10.0.0.5:8786")
    assert "workers" not in spec.settings() and "scheduler" not in spec.settings()
    assert "--workers" not in spec.command_line() and "--scheduler" not in spec.command_line()
    again = CompareSpec.of_settings(spec.settings(), workers=1, scheduler=None)
    assert again == spec.model_copy(update={"workers": 1, "scheduler": None})


def test_the_bounds_the_page_and_the_command_disagreed_on_are_the_command_s():
    assert CalibrateSpec.bounds("budget_runs") == (20, 10_000_000)  # the page stopped at 10,000
    assert OptimizeSpec.bounds("trials") == (2, 100_000)  # the page had no upper bound
    assert OptimizeSpec.bounds("reps") == (2, 1_000)


def test_types_are_strict_and_bounds_hold():
    with pytest.raises(ValidationError):
        CompareSpec(reps=True)  # a boolean is never an integer
    with pytest.raises(ValidationError):
        CalibrateSpec(skm=(Path("a.csv"),), budget_runs=19)
    with pytest.raises(ValidationError):
        OptimizeSpec(budget=(0.0,))
    assert OptimizeSpec(budget=(3e8, 1e8)).budget == (1e8, 3e8)


@pytest.mark.parametrize(("args", "message"), [
    (["optimize", "--budget", ","], "--budget: "),
    (["optimize", "--budget", "-1"], "--budget"),
    (["calibrate", "--skm", "a.csv", "--order", "U1,U2"], "--order: 'U1,U2' is not U1..U9"),
    (["calibrate", "--skm", "a.csv", "--budget-runs", "10000001"], "--budget-runs"),
    (["compare", "--scheduler"], "--scheduler"),
])
def test_bad_job_options_are_one_line_and_exit_two(args, message, capsys):
    with pytest.raises(SystemExit) as stop:
        main(args)
    err = capsys.readouterr().err
    assert stop.value.code == 2 and err.count("\n") == 1 and message in err


# --- the planner's pages ------------------------------------------------------------------------
def rendered(name: str):
    @solara.component
    def One():
        PAGES[name](state.use_planner("id"))

    return solara.render(One(), handle_error=False)[1]


BOUNDED = {"planner.calib.runs": (CalibrateSpec, "budget_runs"),
           "planner.policies.reps": (CompareSpec, "reps")}  # labels showing the bounds


def box(rc, label: str):
    text = bounded(label, "id", *BOUNDED[label]) if label in BOUNDED else t(label, "id")
    return rc.find(v.TextField, label=text).widget


def typed(widget, value) -> None:
    widget.v_model = str(value)
    widget.fire_event("focusout", None)  # as the browser does when the box is left


def button(rc, label: str):
    return rc.find(v.Btn, children=[t(label, "id")]).widget


def test_the_calibration_page_starts_from_the_spec_s_defaults_and_keeps_its_bounds(work):
    office = work.create("office", owner_of("local"), {})
    uploads.store(office.inputs, SKM.name, SKM.read_bytes())
    rc = rendered("calibrate")
    runs = box(rc, "planner.calib.runs")
    assert runs.v_model == str(CalibrateSpec.default("budget_runs"))
    assert box(rc, "planner.seed").v_model == str(CalibrateSpec.default("seed"))
    low, high = CalibrateSpec.bounds("budget_runs")
    for value, disabled in ((low - 1, True), (low, False), (high, False), (high + 1, True)):
        typed(runs, value)
        assert button(rc, "planner.calib.start").disabled is disabled, value
    rc.close()


def test_the_policies_page_starts_from_the_specs_defaults_and_keeps_their_bounds(work):
    rc = rendered("policies")
    rc.find(v.Checkbox, label=t("app.lever.training", "id")).widget.v_model = True
    shown = {"planner.policies.reps": CompareSpec.default("reps"),
             "planner.policies.days": CompareSpec.default("days"),
             "planner.seed": CompareSpec.default("seed"),
             "planner.policies.trials": OptimizeSpec.default("trials"),
             "planner.policies.search_reps": OptimizeSpec.default("reps")}
    for label, default in shown.items():
        assert box(rc, label).v_model == str(default), label
    budget = float(box(rc, "planner.policies.budget").v_model) * 1e6  # typed in millions
    assert (budget,) == OptimizeSpec.example("budget")
    checked = [("planner.policies.reps", CompareSpec, "reps", "planner.policies.compare"),
               ("planner.policies.days", CompareSpec, "days", "planner.policies.compare"),
               ("planner.policies.trials", OptimizeSpec, "trials", "planner.policies.search"),
               ("planner.policies.search_reps", OptimizeSpec, "reps", "planner.policies.search")]
    for label, spec, name, start in checked:
        low, high = spec.bounds(name)
        for value, disabled in ((low - 1, True), (high, False), (high + 1, True),
                                (spec.default(name), False)):
            typed(box(rc, label), value)
            assert button(rc, start).disabled is disabled, (label, value)
    rc.close()
