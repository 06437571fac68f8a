"""The command line: the run summary contract, bad input (one line, exit 2, nothing written)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from hrsim.cli import main

CONTRACT = ("ikm", "grade", "elements", "trust_office", "trust_government", "share_trusting",
            "wait_mean_min", "wait_p90_min", "p_wait", "end_to_end_days", "bounce_rate",
            "gave_up_rate", "complaints", "exhaustion_mean", "cost_rp")


def hrsim(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hrsim", *args], capture_output=True, text=True)


def test_run_json_has_the_contract_fields():
    out = hrsim("run", "--days", "15", "--seed", "2", "--set", "residents=8000", "--json")
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
    assert message in out.stderr
    assert not out_dir.exists()


def test_params_lists_every_parameter_with_its_source():
    out = hrsim("params")
    assert out.returncode == 0
    assert "residents" in out.stdout and "[S]" in out.stdout and "[A]" in out.stdout
