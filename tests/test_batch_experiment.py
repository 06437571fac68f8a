"""Experiment files and designs: validation with one-line errors, and the shape of every design."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from batch_helpers import RANGED, experiment, scenario
from cli_helpers import hrsim
from click.testing import CliRunner

from hrsim.batch import design_points, load_experiment
from hrsim.batch.design import run_ids, seed_of
from hrsim.cli import cli
from hrsim.errors import InputError
from hrsim.scenarios import load as scenario_load

FACTORIAL = '''[design]
method = "factorial"
[[factors]]
name = "desks"
target = "params.desks"
levels = [2, 3, 4]
[[factors]]
name = "training"
target = "policies.training.intensity"
levels = [0, 1]
'''


def sampled(method: str, samples: int, extra: str = "") -> str:
    return f'''[design]
method = "{method}"
samples = {samples}
{extra}
{RANGED}'''


def test_factorial_crosses_every_level_and_replication(tmp_path):
    exp = load_experiment(experiment(tmp_path, FACTORIAL, replications=3))
    points = design_points(exp)
    assert len(points) == 6
    assert set(zip(points["desks"], points["training"], strict=True)) == {
        (d, t) for d in (2, 3, 4) for t in (0.0, 1.0)}
    ids = run_ids(exp, points)
    assert len(ids) == len(set(ids)) == 18
    # common random numbers: one seed per replication, shared by every design point
    assert len({seed_of(exp, r, 0) for r in range(3)}) == 3


@pytest.mark.parametrize(("method", "extra", "rows"), [
    ("lhs", "", 16),
    ("sobol", "", 16 * (3 + 2)),
    ("sobol", "second_order = true", 16 * (2 * 3 + 2)),
    ("morris", "levels = 4", 16 * (3 + 1)),
])
def test_sampled_designs_have_salib_shapes_and_respect_ranges(tmp_path, method, extra, rows):
    exp = load_experiment(experiment(tmp_path, sampled(method, 16, extra)))
    points = design_points(exp)
    assert len(points) == rows
    assert points["desks"].between(1, 4).all()
    assert points["desks"].map(type).eq(int).all()  # integers are floored, not rounded up
    assert points["bias"].between(1.0, 3.0).all()
    assert points["training"].between(0.0, 1.0).all()


def test_latin_hypercube_stratifies_and_integers_are_equally_likely(tmp_path):
    exp = load_experiment(experiment(tmp_path, sampled("lhs", 40)))
    points = design_points(exp)
    strata = np.floor((points["bias"] - 1.0) / 2.0 * 40).astype(int)
    assert sorted(strata) == list(range(40))  # one sample in each of the 40 strata
    assert points["desks"].value_counts().to_dict() == {1: 10, 2: 10, 3: 10, 4: 10}


def test_levels_are_crossed_with_samples_and_share_random_numbers(tmp_path):
    body = sampled("lhs", 5, 'random_numbers = "per_sample"') + '''[[factors]]
name = "feedback"
target = "policies.feedback.intensity"
levels = [0, 0.5, 1]
'''
    exp = load_experiment(experiment(tmp_path, body))
    points = design_points(exp)
    assert len(points) == 15 and points.groupby("sample")["feedback"].nunique().eq(3).all()
    seeds = points.apply(lambda p: seed_of(exp, 0, p["sample"]), axis=1)
    assert seeds.groupby(points["sample"]).nunique().eq(1).all()
    assert seeds.nunique() == 5


def test_a_design_table_is_subsampled_reproducibly(tmp_path):
    (tmp_path / "offices.csv").write_text(
        "office,residents,desks\n" + "".join(f"k{i},{5_000 + 100 * i},{1 + i % 4}\n"
                                             for i in range(50)))
    body = '''[design]
method = "table"
table = "offices.csv"
samples = 12
[[factors]]
name = "residents"
target = "params.residents"
[[factors]]
name = "desks"
target = "params.desks"
'''
    first = design_points(load_experiment(experiment(tmp_path, body)))
    again = design_points(load_experiment(experiment(tmp_path, body)))
    assert len(first) == 12 and first.equals(again)
    assert (first["residents"] == 5_000 + 100 * first["sample"]).all()  # rows stay whole
    full = design_points(load_experiment(experiment(tmp_path, body), samples=50))
    assert len(full) == 50


def test_points_build_the_scenarios_they_describe(tmp_path):
    exp = load_experiment(experiment(tmp_path, FACTORIAL))
    point = design_points(exp).iloc[5]
    chosen = exp.scenario_for({"desks": int(point["desks"]), "training": point["training"]})
    assert chosen.params == {"residents": 2_000, "desks": 4}
    assert [(p.key, p.intensity) for p in chosen.policies] == [("training", 1.0)]


def test_a_scenario_factor_takes_built_in_names_and_files(tmp_path):
    scenario(tmp_path, "trained", '[[policies]]\ntype = "training"\nstart = 3\n')
    body = '''[[factors]]
name = "scenario"
target = "scenario"
levels = ["baseline", "trained.toml"]
[[factors]]
name = "intensity"
target = "policies.training.intensity"
levels = [0.5]
'''
    exp = load_experiment(experiment(tmp_path, body))
    assert list(design_points(exp)["scenario"]) == ["baseline", "trained"]
    trained = exp.scenario_for({"scenario": "trained", "intensity": 0.5})
    assert [(p.start, p.intensity) for p in trained.policies] == [(3, 0.5)]  # file's start kept


@pytest.mark.parametrize(("body", "message"), [
    ("[analysis]\nmeasures = []\n", "measures must be a list of texts, at least 1 (got [])"),
    ("deskz = 4\n", "line 7: params: unknown parameter 'deskz' (did you mean 'desks'?)"),
    ("desks = 0\n", "line 7: params.desks must be an integer from 1 to 20 (got 0)"),
    ('[design]\nmethod = "sobel"\n', "design.method must be one of 'factorial', 'lhs'"),
    ("[design]\nsamples = 4\n", "design.samples: a factorial design takes no samples"),
    ('[design]\nsample = 3\n', "design.sample: unknown key (did you mean 'samples'?)"),
    ('[[factors]]\nname = "d"\ntarget = "params.deskz"\nlevels = [2]\n',
     "line 9: factors[0].target: unknown parameter 'deskz' (did you mean 'desks'?)"),
    ('[[factors]]\nname = "d"\ntarget = "params.desks"\nlevels = [2, 0]\n',
     "line 10: factors[0].levels: desks must be an integer from 1 to 20 (got 0)"),
    ('[[factors]]\nname = "d"\ntarget = "policies.training.intensty"\nlevels = [1]\n',
     "policy 'training' has no field 'intensty' (did you mean 'intensity'?)"),
    ('[[factors]]\nname = "d"\ntarget = "policies.trainng.intensity"\nlevels = [1]\n',
     "unknown policy 'trainng' (did you mean 'training'?)"),
    ('[design]\nmethod = "lhs"\nsamples = 4\n[[factors]]\nname = "t"\n'
     'target = "policies.training.intensity"\nrange = [0, 2]\n',
     "line 13: factors[0].range: intensity must be a number from 0 to 1 (got 2)"),
    ('[design]\nmethod = "lhs"\nsamples = 4\n[[factors]]\nname = "d"\n'
     'target = "params.desks"\nrange = [1.5, 4]\n', "the bounds must be integers"),
    ('[design]\nmethod = "lhs"\nsamples = 4\n[[factors]]\nname = "d"\n'
     'target = "params.giving_up"\nrange = [0, 1]\n', "can have a range; use levels"),
    ('[design]\nmethod = "lhs"\nsamples = 4\n[[factors]]\nname = "d"\n'
     'target = "params.desks"\nrange = [4, 2]\n', "two numbers [low, high] with low < high"),
    ('[design]\nmethod = "sobol"\nsamples = 100\n[[factors]]\nname = "d"\n'
     'target = "params.desks"\nrange = [1, 4]\n', "Sobol sampling needs a power of 2 (got 100)"),
    ('[design]\nmethod = "sobol"\n[[factors]]\nname = "d"\ntarget = "params.desks"\n'
     'range = [1, 4]\n', "design.samples: missing (required by sobol)"),
    ('[[factors]]\nname = "d"\ntarget = "params.desks"\nrange = [1, 4]\n',
     "a factorial design needs levels for every factor"),
    ('[[factors]]\nname = "ikm"\ntarget = "params.desks"\nlevels = [2]\n',
     "'ikm' is a column of the results already"),
    ('[analysis]\nmeasures = ["ikn"]\n', "unknown numeric summary measure 'ikn' (did you mean "
     "'ikm'?)"),
    ('[analysis]\nmeasures = ["grade"]\n', "unknown numeric summary measure 'grade'"),
    ('[analysis]\ncompare = "desk"\n', "analysis.compare: no factor is named 'desk'"),
    ('[output]\nseries = ["ikm", "queue"]\n', "output.series[1]: unknown daily measure 'queue'"),
    ('[design]\nmethod = "table"\ntable = "none.csv"\n', "none.csv: no such file"),
    ("[params\n", "not valid TOML"),
])
def test_errors_name_file_line_key_and_what_is_allowed(tmp_path, body, message):
    assert_refused(experiment(tmp_path, body), message)


@pytest.mark.parametrize(("top", "message"), [
    ("replication = 3\n", "line 5: replication: unknown key (did you mean 'replications'?)"),
    ("days = 0\n", "days must be an integer from 1 to 100,000 (got 0)"),
    ('scenario = "nowhere.toml"\n', "nowhere.toml: no such file"),
    ('scenario = "baselin"\n', "line 5: scenario: unknown scenario 'baselin' (did you mean "
     "'baseline'?)"),
])
def test_errors_in_top_level_keys(tmp_path, top, message):
    path = experiment(tmp_path, "", top=top)
    if top.startswith("days"):  # replace the helper's own days line
        path.write_text(path.read_text().replace("days = 12\n", ""))
    assert_refused(path, message)


def assert_refused(path, message):
    with pytest.raises(InputError) as err:
        load_experiment(path)
    assert str(err.value).startswith(str(path))
    assert message in str(err.value)
    assert "\n" not in str(err.value)


def test_a_bad_sample_size_on_the_command_line_is_named_as_such(tmp_path):
    path = experiment(tmp_path, sampled("sobol", 16))
    with pytest.raises(InputError, match=r"^--samples 100: design.samples: Sobol sampling needs "
                                         r"a power of 2"):
        load_experiment(path, samples=100)


def test_a_bad_value_in_the_design_table_names_row_and_column(tmp_path):
    (tmp_path / "offices.csv").write_text("residents\n5000\n50\n")
    body = ('[design]\nmethod = "table"\ntable = "offices.csv"\n'
            '[[factors]]\nname = "residents"\ntarget = "params.residents"\n')
    with pytest.raises(InputError, match=r"row 3, column residents: residents must be an "
                                         r"integer from 100 to 3,000,000 \(got 50\)"):
        load_experiment(experiment(tmp_path, body))


def test_cli_bad_experiment_is_one_line_exit_two_and_nothing_written(tmp_path):
    path = experiment(tmp_path, '[design]\nmethod = "sobel"\n')
    out = tmp_path / "out"
    done = hrsim("batch", path, "--out", out)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("hrsim: error:")
    assert "design.method must be one of" in done.stderr
    assert not out.exists()


@pytest.mark.parametrize("path", sorted(
    (Path(__file__).parents[1] / "experiments").glob("*/*.toml")), ids=lambda p: p.parent.name)
def test_the_published_experiments_load(path):
    # the study's experiments are documentation users copy: they must stay valid
    assert len(design_points(load_experiment(path))) > 1


# --- strict types: a true/false is never a number, a text never a number ----------------------

@pytest.mark.parametrize(("body", "message"), [
    ('[[factors]]\nname = "d"\ntarget = "params.desks"\nlevels = [true, 3]\n',
     "line 10: factors[0].levels: desks must be an integer from 1 to 20 (got True)"),
    ('[[factors]]\nname = "d"\ntarget = "params.desks"\nlevels = [2.5]\n',
     "line 10: factors[0].levels: desks must be an integer from 1 to 20 (got 2.5)"),
    ('[[factors]]\nname = "d"\ntarget = "params.service_need_rate"\nlevels = ["0.2"]\n',
     "line 10: factors[0].levels: service_need_rate must be a number from 0 to 2 (got '0.2')"),
    ('[[factors]]\nname = "d"\ntarget = "policies.participation.interval_days"\n'
     "levels = [true]\n",
     "line 10: factors[0].levels: interval_days must be an integer from 0 to 250 (got True)"),
    ('[[factors]]\nname = "d"\ntarget = "policies.delegation.deputy_signs"\nlevels = [1]\n',
     "line 10: factors[0].levels: deputy_signs must be true or false (got 1)"),
    ('[[factors]]\nname = "s"\ntarget = "scenario"\nlevels = ["baseline", 3]\n',
     "line 10: factors[0].levels: a scenario factor needs levels that are texts (built-in names "
     "or scenario files; got ['baseline', 3])"),
    ('[[factors]]\nname = "d"\ntarget = 42\nlevels = [2]\n',
     "line 9: factors[0].target must be a text or a list of texts (got 42)"),
    ("desks = true\n", "line 7: params.desks must be an integer from 1 to 20 (got True)"),
    ("[design]\nsecond_order = 1\n", "line 8: design.second_order must be true or false (got 1)"),
])
def test_a_wrong_type_is_refused_in_one_line(tmp_path, body, message):
    path = experiment(tmp_path, body)
    with pytest.raises(InputError) as err:
        load_experiment(path)
    assert str(err.value) == f"{path}, {message}"


@pytest.mark.parametrize(("replace", "message"), [
    (("replications = 2", "replications = true"),
     "line 3: replications must be an integer from 1 to 100,000 (got True)"),
    (("seed = 7", 'seed = "7"'), "line 2: seed must be an integer from 0 to "
     "9,223,372,036,854,775,807 (got '7')"),
    (('name = "tiny"', 'name = "Fuzz Base"'), "line 1: name must be a text of lower-case "
     "letters, digits and '_', starting with a letter, at most 60 characters (got 'Fuzz Base')"),
])
def test_a_wrong_top_level_value_is_refused_in_one_line(tmp_path, replace, message):
    path = experiment(tmp_path, FACTORIAL)
    path.write_text(path.read_text().replace(*replace))
    with pytest.raises(InputError) as err:
        load_experiment(path)
    assert str(err.value) == f"{path}, {message}"


def test_an_integer_is_accepted_for_a_real_number(tmp_path):
    body = ('travel_min_near = 12\n[[factors]]\nname = "need"\n'
            'target = "params.service_need_rate"\nlevels = [1, 0.5]\n')
    exp = load_experiment(experiment(tmp_path, body))
    assert exp.factors[0].levels == (1.0, 0.5)
    assert all(type(v) is float for v in exp.factors[0].levels)
    params = exp.scenario_for({"need": 1.0}).params
    assert params["travel_min_near"] == 12.0 and type(params["travel_min_near"]) is float


@pytest.mark.parametrize(("line", "problem"), [
    ("desks = true", "params.desks must be an integer from 1 to 20 (got True)"),
    ("deskz = 3", "params: unknown parameter 'deskz' (did you mean 'desks'?); 'hrsim params' "
     "lists them all"),
])
def test_a_bad_parameter_reads_the_same_in_scenario_and_experiment_files(tmp_path, line,
                                                                          problem):
    messages = []
    for path, read in ((scenario(tmp_path, "mine", f"[params]\n{line}\n"), scenario_load),
                       (experiment(tmp_path, f"{line}\n"), load_experiment)):
        with pytest.raises(InputError) as err:
            read(path)
        messages.append(re.fullmatch(rf"{re.escape(str(path))}, line \d+: (.*)",
                                     str(err.value)).group(1))
    assert messages == [problem, problem]


@pytest.mark.parametrize(("body", "replications", "message"), [
    ('[[factors]]\nname = "d"\ntarget = "params.desks"\nlevels = [true, 3]\n', 2,
     "line 10: factors[0].levels: desks must be an integer from 1 to 20 (got True)"),
    ("", "true", "line 3: replications must be an integer from 1 to 100,000 (got True)"),
    ('[[factors]]\nname = "d"\ntarget = 42\nlevels = [2]\n', 2,
     "line 9: factors[0].target must be a text or a list of texts (got 42)"),
])
def test_cli_refuses_a_wrong_type_in_one_line_with_exit_two(tmp_path, body, replications,
                                                             message):
    path, out = experiment(tmp_path, body, replications=replications), tmp_path / "out"
    result = CliRunner().invoke(cli, ["batch", str(path), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 2
    assert result.stderr == f"hrsim: error: {path}, {message}\n"
    assert not out.exists()
