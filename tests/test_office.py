"""Office profiles: init and check, what a profile sets in the model, and --office everywhere."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from click.testing import CliRunner

import hrsim
from hrsim.batch import ResultStore
from hrsim.cli import cli
from hrsim.model import HRModel
from hrsim.params import Params
from hrsim.policies.delegation import Delegation
from hrsim.results import clean
from hrsim.scenarios import load
from hrsim.scenarios.profile import (
    default_profile,
    load_office,
    load_profile,
    office_scenario,
    parse_profile,
)
from hrsim.scenarios.profile_template import template

SMALL = '''[office]
name = "Kecamatan Contoh"
residents = 2_000

[[kelurahan]]
name = "Jauh"
travel_min = 45

[[kelurahan]]
name = "Dekat"
travel_min = 5.0

[[kelurahan]]
name = "Tengah"
travel_min = 20.0

[counter]
desks = 2
opens = "07:30"
closes = "15:00"

[back_office]
filled = 5
vacant = 1

[[services]]
service = "surat_keterangan"
promised_days = 1
fee_rp = 0

[[services]]
service = "ktp"
promised_days = 3
fee_rp = 0

[[services]]
service = "kk"
promised_days = 5
fee_rp = 10_000

[coordination]
paten = {paten}
kelurahan = 0.8
disdukcapil = 0.5
dpmptsp = 0.6

[params]
service_need_rate = 0.2
'''


def invoke(*args: str):
    return CliRunner().invoke(cli, [str(a) for a in args])


def small(tmp_path, paten: bool = False):
    path = tmp_path / "small.toml"
    path.write_text(SMALL.format(paten=str(paten).lower()), encoding="utf-8")
    return path


@pytest.mark.parametrize("lang", ["id", "en"])
def test_init_writes_a_commented_profile_that_check_accepts(tmp_path, lang):
    path = tmp_path / "office.toml"
    assert invoke("office", "init", path, "--lang", lang).exit_code == 0
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# ") and "[S]" in text and "[A]" in text
    assert ("hari kerja" if lang == "id" else "working days") in text
    result = invoke("office", "check", path)
    assert result.exit_code == 0, result.stderr
    assert "a valid office profile — Medan Area" in result.stdout
    assert "parameters: none changed (the default office)" in result.stdout


def test_the_default_profile_round_trips_to_the_default_office():
    for lang in ("id", "en"):
        assert parse_profile(template(lang, "x.toml"), "x.toml") == default_profile()
    office = office_scenario(default_profile())
    assert office.params == {} and office.policies == ()
    assert Params(**office.params) == Params()
    with_profile = hrsim.run(office.with_params(residents=3_000), days=5, seed=3)
    baseline = hrsim.run(days=5, seed=3, residents=3_000)
    assert clean(with_profile.summary) == clean(baseline.summary)  # NaN is None


def test_a_profile_maps_to_the_parameters_it_describes(tmp_path):
    office = office_scenario(load_profile(small(tmp_path)))
    assert office.name == "kecamatan-contoh"
    assert office.params == {
        "residents": 2_000, "kelurahan": 3, "kelurahan_travel_min": (5.0, 20.0, 45.0),
        "desks": 2, "office_open_min": 450.0, "back_office_staff": 5,
        "services_not_offered": ("pindah", "iumk", "imb"), "promised_days": {"ktp": 3},
        "service_fees_rp": {"kk": 10_000},  # free in the catalogue: this office prices it
        "coordination_kelurahan": 0.8, "coordination_dpmptsp": 0.6, "service_need_rate": 0.2,
    }  # disdukcapil 0.5 and kk's 5 days are the defaults: not repeated
    assert office.policies == ()


def test_the_profile_reaches_the_model(tmp_path):
    office = office_scenario(load_profile(small(tmp_path)))
    model = HRModel(rng=1, burn_in_days=0, **office.params)
    assert model.citizens.travel_min.tolist() == [5.0, 20.0, 45.0]
    assert model.component("counter").promised_days.tolist() == [1, 3, 5, 5, 3, 5]
    model.run_for(20)
    offered = [0, 1, 2]  # surat_keterangan, ktp, kk
    assert set(model.requests.service[:len(model.requests)].tolist()) == set(offered)


def test_paten_in_force_is_the_delegation_policy_from_the_start(tmp_path):
    office = office_scenario(load_profile(small(tmp_path, paten=True)))
    assert office.policies == (Delegation(start=0, cost_once_rp=0, cost_per_year_rp=0),)
    model = HRModel(policies=office.policies, rng=1, burn_in_days=0, **office.params)
    model.run_for(1)
    assert model.component("files").delegated and model.spent_rp == 0


def test_per_kelurahan_travel_times_are_checked_as_parameters():
    result = invoke("run", "--set", "kelurahan_travel_min=[5, 10]")
    assert result.exit_code == 2
    assert result.stderr == ("hrsim: error: --set: kelurahan_travel_min: 2 travel times for 12 "
                             "kelurahan; give one per kelurahan\n")


def more_kelurahan(text: str) -> str:
    extra = "".join(f'[[kelurahan]]\nname = "K{i}"\ntravel_min = 50.0\n\n' for i in range(49))
    return text.replace("[counter]", extra + "[counter]")


@pytest.mark.parametrize(("edit", "marker", "message"), [
    (lambda t: t.replace("desks = 3 ", "desks = true", 1), "desks = true",
     "counter.desks must be an integer from 1 to 20 (got True)"),
    (lambda t: t.replace("filled = 8", "filed = 8", 1), "filed = 8",
     "back_office.filed: unknown key (did you mean 'filled'?); allowed: filled, vacant"),
    (lambda t: t.replace("travel_min = 12.727272727272727", "travel_min = -5.0", 1),
     "travel_min = -5.0", "kelurahan[1].travel_min must be a number from 0 to 240 (got -5.0)"),
    (more_kelurahan, 'name = "K48"',
     "kelurahan: 61 [[kelurahan]] blocks; allowed: 1 to 60, one per kelurahan"),
    (lambda t: t.replace('service = "imb"', 'service = "imbb"', 1), 'service = "imbb"',
     "services[5].service: unknown service 'imbb' (did you mean 'imb'?); allowed: "
     "surat_keterangan, ktp, kk, pindah, iumk, imb"),
    (lambda t: t.replace('closes = "16:00"', 'closes = "08:30"', 1), 'closes = "08:30"',
     "counter.closes: the counter must be open 60 to 720 minutes a day (got 08:00–08:30, 30 "
     "minutes)"),
    (lambda t: t + "desks = 4\n", "desks = 4",
     "params.desks: the profile sets it (counter.desks); change it there"),
])
def test_a_bad_profile_is_one_line_with_file_line_and_key(tmp_path, edit, marker, message):
    path = tmp_path / "bad.toml"
    text = edit(template("en", path.name))
    path.write_text(text, encoding="utf-8")
    line = text[:text.index(marker)].count("\n") + 1
    if marker == 'name = "K48"':
        line -= 1  # the 61st [[kelurahan]] header, just above
    for args in (["office", "check", path], ["run", "--office", path, "--days", "1"]):
        result = invoke(*args)
        assert result.exit_code == 2
        assert result.stderr == f"hrsim: error: {path}, line {line}: {message}\n"


def test_init_never_overwrites_a_file(tmp_path):
    path = tmp_path / "office.toml"
    path.write_text("mine", encoding="utf-8")
    result = invoke("office", "init", path)
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert f"{path}: exists already" in result.stderr
    assert path.read_text(encoding="utf-8") == "mine"


def test_check_refuses_a_scenario_file_and_office_takes_both(tmp_path):
    scenario = tmp_path / "training.toml"
    scenario.write_text(invoke("scenarios", "show", "training").stdout, encoding="utf-8")
    result = invoke("office", "check", scenario)
    assert result.exit_code == 2 and "not an office profile" in result.stderr
    assert load_office(scenario) == load(scenario)
    assert load_office("training") == load("training")
    assert load_office(small(tmp_path)) == office_scenario(load_profile(small(tmp_path)))


def test_check_compares_visits_per_day_with_a_short_run(tmp_path):
    path = small(tmp_path)
    path.write_text(path.read_text() + "[demand]\nvisits_per_day = 1000\n", encoding="utf-8")
    result = invoke("office", "check", path)
    assert result.exit_code == 0, result.stderr
    assert "visits per day: 1000 in the profile" in result.stdout
    assert "lower" not in result.stdout and "raise service_need_rate" in result.stdout


def test_run_on_an_office_profile(tmp_path):
    path = small(tmp_path, paten=True)
    result = invoke("run", "--office", path, "--scenario", "training", "--days", "3", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    office = office_scenario(load_profile(path))
    assert data["params"] == json.loads(json.dumps(office.params))
    assert [p["type"] for p in data["policies"]] == ["delegation", "training"]
    expected = hrsim.run(load("training").on(office), days=3, seed=0)
    assert data["ikm"] == expected.summary["ikm"] and data["visits"] == expected.summary["visits"]


def test_batch_on_an_office_profile(tmp_path):
    office_path = small(tmp_path)
    experiment = tmp_path / "tiny.toml"
    experiment.write_text('name = "tiny"\nseed = 7\nreplications = 1\ndays = 3\n'
                          '[design]\nmethod = "factorial"\n[[factors]]\nname = "scenario"\n'
                          'target = "scenario"\nlevels = ["baseline", "training"]\n',
                          encoding="utf-8")
    office = office_scenario(load_profile(office_path))
    alone = invoke("batch", experiment, "--office", office_path, "--run", "p1-r0")
    assert alone.exit_code == 0, alone.stderr
    assert json.loads(alone.stdout)["params"] == json.loads(json.dumps(office.params))
    out = tmp_path / "results"
    result = invoke("batch", experiment, "--office", office_path, "--out", out, "--workers", "1")
    assert result.exit_code == 0, result.stderr
    runs = ResultStore.open(out).runs().set_index("scenario")["scenario_hash"]
    expected = {name: load(name).on(office).digest for name in ("baseline", "training")}
    pd.testing.assert_series_equal(runs.sort_index(), pd.Series(expected, name="scenario_hash")
                                   .rename_axis("scenario"), check_dtype=False)
