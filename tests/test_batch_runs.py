"""Running batches: resume, failures, dead workers, SIGKILL, a Dask cluster, single reruns.

Every batch runs on dask.distributed (a local cluster, or one started here on 127.0.0.1), and every
cluster is shut down when its test ends.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import dask
import distributed  # noqa: F401 (its defaults must be loaded before dask.config.set changes one)
import pandas as pd
import pytest
from batch_helpers import FAULTS, experiment, scenario
from cli_helpers import hrsim as hrsim_cli

import hrsim
from hrsim.batch import ResultStore, load_experiment, run_batch
from hrsim.errors import InputError
from hrsim.policies import REGISTRY

# provenance that differs between two runs of the same job; everything else must be identical
VARYING = ["host", "started", "finished", "run_seconds"]

FACTORS = '''[design]
method = "factorial"
[[factors]]
name = "desks"
target = "params.desks"
levels = [2, 3]
[[factors]]
name = "training"
target = "policies.training.intensity"
levels = [0, 1]
[output]
series = ["ikm"]
'''


def numbers(out: Path) -> pd.DataFrame:
    """A batch's runs without the provenance that may differ between engines."""
    return ResultStore.open(out).runs().drop(columns=VARYING)


def batch(path: Path, out: Path, **options) -> hrsim.batch.BatchOutcome:
    return run_batch(load_experiment(path), out, progress=False, **options)


@pytest.fixture
def faults():
    """The test-only failing policies, registered for the duration of one test."""
    REGISTRY.update({cls.key: cls for cls in FAULTS})
    yield
    for cls in FAULTS:
        REGISTRY.pop(cls.key, None)


@pytest.mark.slow
def test_rerun_skips_finished_runs_and_refuses_another_experiment(tmp_path):
    path = experiment(tmp_path, FACTORS)
    out = tmp_path / "out"
    first = batch(path, out, workers=2)
    assert (first.total, first.ran, first.skipped, first.failed_total) == (8, 8, 0, 0)
    complete = numbers(out)
    assert len(complete) == 8 and complete["run_id"].is_unique
    assert set(pd.read_parquet(out / "series")["run_id"]) == set(complete["run_id"])
    for key in ("p1-r0", "p3-r1"):
        (out / "runs" / f"{key}.parquet").unlink()
    again = batch(path, out, workers=1)
    assert (again.ran, again.skipped) == (2, 6)
    pd.testing.assert_frame_equal(numbers(out), complete)

    changed = experiment(tmp_path, FACTORS, replications=3)
    with pytest.raises(InputError, match=r"holds results of experiment 'tiny' .* differs in: "
                                         r"replications; results are never mixed"):
        batch(changed, out)
    assert len(numbers(out)) == 8


def test_a_results_folder_must_be_new_or_a_batch(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(InputError, match="not empty and holds no batch results"):
        batch(experiment(tmp_path, FACTORS), tmp_path)


@pytest.mark.slow
def test_a_failing_run_is_recorded_and_retry_failed_fixes_it(tmp_path, faults):
    marker = tmp_path / "fail-now"
    marker.touch()
    scenario(tmp_path, "flaky", f'[[policies]]\ntype = "test_fail_while_marked"\nstart = 2\n'
                                f'marker = "{marker}"\n')
    path = experiment(tmp_path, '''[[factors]]
name = "fail"
target = "policies.test_fail_while_marked.fail"
levels = [false, true]
''', replications=2, top='scenario = "flaky.toml"\n')
    out = tmp_path / "out"
    first = batch(path, out, workers=1)
    assert (first.ran, first.failed, first.failed_total) == (2, 2, 2)
    failures = ResultStore.open(out).failures()
    assert [f["run_id"] for f in failures] == ["p1-r0", "p1-r1"]
    assert failures[0]["error"] == "RuntimeError: failing on purpose while the marker exists"
    assert "Traceback" in failures[0]["traceback"] and failures[0]["fail"] is True

    marker.unlink()  # the cause is fixed
    assert batch(path, out, workers=1).ran == 0  # a plain rerun skips recorded failures
    fixed = batch(path, out, workers=1, retry_failed=True)
    assert (fixed.ran, fixed.failed_total) == (2, 0)
    assert not list((out / "failures").iterdir())
    runs = numbers(out).set_index("run_id")
    # the policy does nothing unless it fails, so with common random numbers p1 equals p0
    measures = ["ikm", "trust_office", "visits", "wait_mean_min"]
    for r in ("r0", "r1"):
        assert runs.loc[f"p1-{r}", measures].equals(runs.loc[f"p0-{r}", measures])


@pytest.mark.slow
def test_a_task_that_kills_its_own_worker_is_retried(tmp_path, faults):
    marker = tmp_path / "killed-once"
    scenario(tmp_path, "killer", f'[[policies]]\ntype = "test_kill_worker_once"\nstart = 1\n'
                                 f'marker = "{marker}"\n')
    path = experiment(tmp_path, FACTORS, top='scenario = "killer.toml"\n')
    out = tmp_path / "out"
    outcome = batch(path, out, workers=2)
    assert marker.exists()  # one run killed its worker process (SIGKILL) …
    assert (outcome.ran, outcome.failed_total) == (8, 0)  # … and Dask ran it again elsewhere
    again = tmp_path / "again"
    batch(path, again, workers=1)  # the marker exists now: nobody is killed
    pd.testing.assert_frame_equal(numbers(out), numbers(again))


@pytest.mark.slow
def test_a_run_dask_gives_up_on_is_recorded_as_failed(tmp_path, faults):

    marker = tmp_path / "killed-once"
    scenario(tmp_path, "killer", f'[[policies]]\ntype = "test_kill_worker_once"\nstart = 1\n'
                                 f'marker = "{marker}"\n')
    path = experiment(tmp_path, "", replications=3, top='scenario = "killer.toml"\n')
    out = tmp_path / "out"
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):  # no retry
        outcome = batch(path, out, workers=2)
    # the dying worker's queued runs count as suspects too; none of them stops the batch
    assert outcome.failed >= 1 and outcome.ran + outcome.failed == 3
    failures = ResultStore.open(out).failures()
    assert all(f["error"].startswith("KilledWorker") for f in failures)
    again = batch(path, out, workers=1, retry_failed=True)
    assert again.failed_total == 0, ResultStore.open(out).failures()


@pytest.mark.slow
def test_sigkill_midway_then_resume_equals_an_uninterrupted_batch(tmp_path):
    path = experiment(tmp_path, FACTORS, replications=6, days=40, residents=4_000)
    out = tmp_path / "out"
    killed = subprocess.Popen([sys.executable, "-m", "hrsim", "batch", str(path), "--out",
                               str(out), "--workers", "2"], start_new_session=True,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while len(list((out / "runs").glob("*.parquet"))) < 4:
            assert killed.poll() is None and time.monotonic() < deadline
            time.sleep(0.02)
    finally:
        os.killpg(killed.pid, signal.SIGKILL)  # the driver, the nannies and the workers
        killed.wait()
    done_when_killed = len(list((out / "runs").glob("*.parquet")))
    assert 4 <= done_when_killed < 24
    resumed = hrsim_cli("batch", path, "--out", out, "--workers", "2")
    assert resumed.returncode == 0, resumed.stderr
    assert f"{done_when_killed} done before" in resumed.stdout
    assert not list(out.rglob(".*"))  # no temporary file left behind

    whole = tmp_path / "whole"
    batch(path, whole, workers=2)
    result = numbers(out)
    assert len(result) == 24 and result["run_id"].is_unique
    pd.testing.assert_frame_equal(result, numbers(whole))
    pd.testing.assert_frame_equal(pd.read_parquet(out / "series"),
                                  pd.read_parquet(whole / "series"))


@pytest.mark.slow
def test_local_processes_and_a_dask_cluster_give_identical_results(tmp_path):
    path = experiment(tmp_path, FACTORS)
    dask = Path(sys.executable).with_name("dask")
    address_file = tmp_path / "scheduler.json"
    logs = [open(tmp_path / name, "w") for name in ("scheduler.log", "workers.log")]  # noqa: SIM115
    processes = [subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", "0",
                                   "--no-dashboard", "--scheduler-file", address_file],
                                  stdout=logs[0], stderr=subprocess.STDOUT)]
    try:
        deadline = time.monotonic() + 60
        while not address_file.exists():
            assert time.monotonic() < deadline, (tmp_path / "scheduler.log").read_text()
            time.sleep(0.1)
        address = json.loads(address_file.read_text())["address"]
        assert address.startswith("tcp://127.0.0.1:")
        processes.append(subprocess.Popen([dask, "worker", address, "--nworkers", "2",
                                           "--nthreads", "1", "--host", "127.0.0.1",
                                           "--no-dashboard"],
                                          stdout=logs[1], stderr=subprocess.STDOUT))
        batch(path, tmp_path / "cluster", scheduler=address)
    finally:
        for process in reversed(processes):
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for log in logs:
            log.close()
    batch(path, tmp_path / "local", workers=2)
    cluster, local = numbers(tmp_path / "cluster"), numbers(tmp_path / "local")
    assert len(cluster) == 8
    pd.testing.assert_frame_equal(cluster, local)


def test_a_malformed_scheduler_address_is_refused_before_anything_is_written(tmp_path):
    with pytest.raises(InputError, match="missing port number"):
        batch(experiment(tmp_path, FACTORS), tmp_path / "out", scheduler="tcp://nowhere")
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_an_unreachable_scheduler_is_one_line_and_exit_two(tmp_path):
    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}):
        done = hrsim_cli("batch", experiment(tmp_path, FACTORS), "--out", tmp_path / "out",
                         "--scheduler", "tcp://127.0.0.1:9")
    assert done.returncode == 2
    assert done.stderr.startswith("hrsim: error: scheduler tcp://127.0.0.1:9: cannot connect")


@pytest.mark.slow
def test_any_single_run_can_be_rerun_alone(tmp_path):
    path = experiment(tmp_path, FACTORS)
    out = tmp_path / "out"
    batch(path, out, workers=2)
    row = numbers(out).set_index("run_id").loc["p3-r1"]  # desks 3, training 1, replication 1
    alone = hrsim_cli("batch", path, "--run", "p3-r1")
    assert alone.returncode == 0, alone.stderr
    summary = json.loads(alone.stdout)
    assert summary["seed"] == row["seed"] and summary["params"] == {"residents": 2000, "desks": 3}
    for key in ("ikm", "trust_office", "visits", "wait_mean_min", "cost_rp"):
        assert summary[key] == row[key]


@pytest.mark.slow
def test_a_run_that_only_sets_parameters_is_hrsim_run_with_its_seed(tmp_path):
    path = experiment(tmp_path, FACTORS.split("[[factors]]\nname = \"training\"")[0],
                      replications=1)
    out = tmp_path / "out"
    batch(path, out, workers=1)
    row = numbers(out).set_index("run_id").loc["p1-r0"]  # desks 3
    direct = hrsim_cli("run", "--days", "12", "--seed", row["seed"], "--set", "residents=2000",
                       "--set", "desks=3", "--json")
    summary = json.loads(direct.stdout)
    for key in ("ikm", "trust_office", "visits", "wait_mean_min", "share_trusting"):
        assert summary[key] == row[key]
    wrong = hrsim_cli("batch", path, "--run", "p9-r0")
    assert wrong.returncode == 2 and "run ids look like p0-r0" in wrong.stderr
