"""The command line: the run summary contract, bad input (one line, exit 2, nothing written)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from cli_helpers import hrsim
from click.testing import CliRunner

from hrsim.cli import cli, main
from hrsim.params import parse_assignments

CONTRACT = ("ikm", "grade", "elements", "trust_office", "trust_government", "share_trusting",
            "wait_mean_min", "wait_p90_min", "p_wait", "end_to_end_days", "bounce_rate",
            "gave_up_rate", "complaints", "exhaustion_mean", "cost_rp")


def test_run_json_has_the_contract_fields():
    """Through the entry point, in a new interpreter (`python -m hrsim`)."""
    out = subprocess.run([sys.executable, "-m", "hrsim", "run", "--days", "15", "--seed", "2",
                          "--set", "residents=8000", "--json"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    for key in CONTRACT:
        assert key in data
    assert set(data["elements"]) == {f"U{k}" for k in range(1, 10)}
    assert data["seed"] == 2 and data["days"] == 15 and data["params"] == {"residents": 8000}


def test_run_prints_a_readable_summary(capsys):
    main(["run", "--days", "10", "--set", "residents=5000"])
    text = capsys.readouterr().out
    assert "IKM" in text and "U7 Staff behaviour" in text and "Trust in the kantor camat" in text


def test_run_out_writes_series_and_plots(tmp_path, capsys):
    out = tmp_path / "result"
    main(["run", "--days", "30", "--set", "residents=10000", "--out", str(out)])
    names = {p.name for p in out.iterdir()}
    assert {"summary.json", "timeseries.csv", "surveys.csv", "ikm_trust.png",
            "queue_staff.png", "elements.png"} <= names
    assert all(p.stat().st_size > 0 for p in out.iterdir())
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp left


def test_run_out_writes_nothing_if_the_plots_fail(tmp_path, monkeypatch):
    def broken(result, folder):
        raise RuntimeError("no plots today")

    monkeypatch.setattr("hrsim.report.plots.run_plots", broken)
    with pytest.raises(RuntimeError, match="no plots today"):
        main(["run", "--days", "3", "--set", "residents=1000", "--out", str(tmp_path / "out")])
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("args", "message"), [
    (["--set", "deskz=4"], "unknown parameter 'deskz' (did you mean 'desks'?)"),
    (["--set", "desks=four"], "desks must be an integer from 1 to 20 (got 'four')"),
    (["--set", "desks=0"], "desks must be an integer from 1 to 20 (got 0)"),
    (["--set", "morning_share=1.5"], "morning_share must be a number from 0 to 1"),
    (["--set", "giving_up=maybe"], "giving_up must be true or false"),
    (["--set", "desks"], "expected key=value"),
    (["--days", "0"], "--days"),
])
def test_bad_input_is_one_line_exit_two_and_nothing_written(tmp_path, args, message):
    out_dir = tmp_path / "out"
    out = hrsim("run", "--out", str(out_dir), *args)
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and out.stderr.startswith("hrsim: error:")
    assert message in out.stderr and out.stdout == ""
    assert not out_dir.exists()


def test_the_shell_sees_exit_two_and_one_line():
    """A bad input through the entry point, in a new interpreter: the status the shell sees."""
    out = subprocess.run([sys.executable, "-m", "hrsim", "run", "--set", "deskz=4"],
                         capture_output=True, text=True)
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr == ("hrsim: error: --set: unknown parameter 'deskz' (did you mean 'desks'?); "
                          "'hrsim params' lists them all\n")


def test_params_lists_every_parameter_with_its_source():
    out = hrsim("params")
    assert out.returncode == 0
    assert "residents" in out.stdout and "[S]" in out.stdout and "[A]" in out.stdout


@pytest.mark.parametrize(("assignment", "problem"), [
    ("desks=true", "desks must be an integer from 1 to 20 (got True)"),
    ("desks=4.5", "desks must be an integer from 1 to 20 (got 4.5)"),
    ('desks="4"', "desks must be an integer from 1 to 20 (got '4')"),
    ("service_need_rate=true", "service_need_rate must be a number from 0 to 2 (got True)"),
    ("giving_up=1", "giving_up must be true or false (got 1)"),
])
def test_set_refuses_a_wrong_type_in_one_line_with_exit_two(tmp_path, assignment, problem):
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["run", "--set", assignment, "--out", str(out)])
    assert result.exit_code == 2
    assert result.stderr == f"hrsim: error: --set: {problem}\n"
    assert not out.exists()


def test_set_parses_numbers_and_true_false_by_the_parameter_type():
    values = parse_assignments(["desks=4", "service_need_rate=1", "morning_share=0.5",
                                "giving_up=false", "service_time_dist=exponential"])
    assert values == {"desks": 4, "service_need_rate": 1.0, "morning_share": 0.5,
                      "giving_up": False, "service_time_dist": "exponential"}
    assert type(values["service_need_rate"]) is float


def test_set_with_an_integer_for_a_real_number_runs():
    result = CliRunner().invoke(cli, ["run", "--days", "2", "--set", "residents=1000",
                                      "--set", "service_need_rate=1", "--json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["params"]["service_need_rate"] == 1.0
