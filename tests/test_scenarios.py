"""Scenario files: loading, built-in names, and one-line errors that say what is allowed."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from hrsim.cli import cli, main
from hrsim.errors import InputError
from hrsim.params import check_params
from hrsim.scenarios import Scenario, library, load, parse, resolve

HEAD = '''name = "mine"
[title]
id = "Milik saya"
en = "Mine"
[description]
id = "Uji."
en = "Test."
'''


def test_baseline_is_built_in():
    assert "baseline" in library()
    assert resolve(None) == load("baseline")
    assert resolve(None).policies == ()


def test_a_scenario_file_round_trips(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(HEAD + '[params]\ndesks = 4\n[[policies]]\ntype = "training"\nstart = 5\n')
    scenario = load(path)
    assert scenario.params == {"desks": 4}
    assert scenario.policies[0].key == "training" and scenario.policies[0].start == 5
    assert scenario.title == {"id": "Milik saya", "en": "Mine"}


@pytest.mark.parametrize(("body", "message"), [
    ("[params]\ndeskz = 4\n", "line 9: params: unknown parameter 'deskz' (did you mean 'desks'?)"),
    ("[params]\ndesks = 0\n", "line 9: params.desks must be an integer from 1 to 20 (got 0)"),
    ('[[policies]]\ntype = "trainng"\n', "unknown policy 'trainng' (did you mean 'training'?)"),
    ('[[policies]]\ntype = "training"\nintensty = 1\n',
     "line 10: policies[0].intensty: unknown key (did you mean 'intensity'?)"),
    ('[[policies]]\ntype = "training"\nstart = "soon"\n',
     "policies[0].start must be an integer from 0 to 100,000 (got 'soon')"),
    ("colour = 3\n", "colour: unknown key"),
    ("[params\n", "not valid TOML"),
    ('[[policies]]\ntype = "training"\nintensity = 2\n',
     "line 10: policies[0].intensity must be a number from 0 to 1 (got 2)"),
    ('[params]\ndesks = "four"\n', "params.desks must be an integer from 1 to 20 (got 'four')"),
    ('[params]\nservice_need_rate = -1\n', "params.service_need_rate must be a number from 0 to 2"),
    ('[[policies]]\nstart = 3\n', "policies[0].type: missing 'type'; allowed: coordination"),
])
def test_errors_name_file_line_key_and_what_is_allowed(tmp_path, body, message):
    path = tmp_path / "bad.toml"
    path.write_text(HEAD + body)
    with pytest.raises(InputError) as err:
        load(path)
    assert str(err.value).startswith(str(path))
    assert message in str(err.value)
    assert "\n" not in str(err.value)


def test_unknown_name_lists_the_library():
    with pytest.raises(InputError, match=r"unknown scenario 'baselin' .*built-in: baseline"):
        load("baselin")


def test_parse_needs_title_and_description():
    with pytest.raises(InputError, match="title: missing"):
        parse('name = "x"\n', "x.toml")


TEXTS = '[title]\nid = "X"\nen = "X"\n[description]\nid = "Uji."\nen = "Test."\n'


@pytest.mark.parametrize(("text", "message"), [
    ('title = "X"\n[description]\nid = "a"\nen = "b"\n',
     "line 2: title must be a table with the keys id, en (got 'X')"),
    (f"params = 3\n{TEXTS}", "line 2: params must be a table (got 3)"),
    (f"policies = 3\n{TEXTS}", "line 2: policies must be a list (got 3)"),
])
def test_a_wrong_type_at_the_top_level_says_what_is_allowed(text, message):
    with pytest.raises(InputError) as err:
        parse(f'name = "x"\n{text}', "x.toml")
    assert str(err.value) == f"x.toml, {message}"


def test_unknown_name_lists_every_built_in_scenario():
    with pytest.raises(InputError) as err:
        load("no-such-policy")
    for name in library():
        assert name in str(err.value)


# --- the built-in library -------------------------------------------------------------------

LEVERS = {"training", "recognition", "feedback", "coordination", "delegation", "standards",
          "participation", "extra-desk", "mobile-unit"}
STRESS = {"weak-coordination", "staff-shortage"}


def test_the_library_has_each_lever_the_package_and_the_stress_cases():
    names = set(library())
    assert {"baseline", "human-relations"} | LEVERS | STRESS | {f"{s}-hr" for s in STRESS} \
        == names
    assert next(iter(library())) == "baseline"


@pytest.mark.parametrize("name", list(library()))
def test_every_built_in_scenario_is_named_and_described_in_both_languages(name):
    scenario = load(name)
    assert scenario.name == name
    for texts in (scenario.title, scenario.description):
        assert set(texts) == {"id", "en"} and all(v.strip() for v in texts.values())


@pytest.mark.parametrize("name", list(library()))
def test_every_cost_is_written_out_and_marked_sourced_or_assumed(name):
    """Every cost charged is visible in the file (to copy and edit), marked [S] or [A]."""
    cost_lines = [line for line in library()[name].splitlines() if line.startswith("cost_")]
    assert all("# [A]" in line or "# [S]" in line for line in cost_lines), cost_lines
    written = [line.split("=")[0].strip() for line in cost_lines]
    charged = [field for policy in load(name).policies for field, value in policy if
               field.startswith("cost_") and value > 0]
    assert written == charged


def test_each_lever_scenario_applies_its_own_lever_only():
    keys = {"extra-desk": "extra_staff", "mobile-unit": "mobile_unit"}
    for name in LEVERS:
        scenario = load(name)
        assert [p.key for p in scenario.policies] == [keys.get(name, name)]
        assert scenario.params == {}


@pytest.mark.parametrize("stress", sorted(STRESS))
def test_the_stress_cases_with_the_package_add_exactly_the_package(stress):
    package, plain, both = load("human-relations"), load(stress), load(f"{stress}-hr")
    assert plain.policies == () and plain.params
    assert both.params == plain.params
    assert both.policies == package.policies


# --- hrsim scenarios -----------------------------------------------------------------------

def test_scenarios_lists_the_library_one_line_each(capsys):
    main(["scenarios", "--lang", "en"])
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == list(library())
    assert "Staff training" in lines[list(library()).index("training")]


@pytest.mark.parametrize("name", ["training", "staff-shortage-hr"])
def test_show_prints_toml_that_loads_back(capsys, name):
    main(["scenarios", "show", name])
    text = capsys.readouterr().out
    assert parse(text, "copy.toml") == load(name)
    assert "# [A]" in text


def test_show_an_unknown_name_lists_the_library(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["scenarios", "show", "trainig"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "(did you mean 'training'?); built-in: baseline," in err


# --- strict types: a true/false is never a number, a text never a number ----------------------

@pytest.mark.parametrize(("body", "message"), [
    ("[params]\ndesks = true\n", "line 9: params.desks must be an integer from 1 to 20 (got True)"),
    ("[params]\ndesks = 4.0\n", "line 9: params.desks must be an integer from 1 to 20 (got 4.0)"),
    ('[params]\ndesks = "4"\n', "line 9: params.desks must be an integer from 1 to 20 (got '4')"),
    ("[params]\nservice_need_rate = true\n",
     "line 9: params.service_need_rate must be a number from 0 to 2 (got True)"),
    ('[params]\nservice_need_rate = "0.5"\n',
     "line 9: params.service_need_rate must be a number from 0 to 2 (got '0.5')"),
    ("[params]\ngiving_up = 1\n", "line 9: params.giving_up must be true or false (got 1)"),
    ('[[policies]]\ntype = "participation"\ninterval_days = true\n',
     "line 10: policies[0].interval_days must be an integer from 0 to 250 (got True)"),
    ('[[policies]]\ntype = "delegation"\ndeputy_signs = 1\n',
     "line 10: policies[0].deputy_signs must be true or false (got 1)"),
    ('[[policies]]\ntype = "training"\nintensity = true\n',
     "line 10: policies[0].intensity must be a number from 0 to 1 (got True)"),
    ('[[policies]]\ntype = "mobile_unit"\nservices = ["ktp", 3]\n',
     "line 10: policies[0].services must be a list of texts (got ['ktp', 3])"),
])
def test_a_wrong_type_is_refused_not_converted(tmp_path, body, message):
    path = tmp_path / "bad.toml"
    path.write_text(HEAD + body)
    with pytest.raises(InputError) as err:
        load(path)
    assert str(err.value) == f"{path}, {message}"


def test_an_integer_is_accepted_for_a_real_number(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(HEAD + '[params]\nservice_need_rate = 1\n[[policies]]\ntype = "training"\n'
                    'intensity = 1\ncost_once_rp = 5\n[[policies]]\ntype = "mobile_unit"\n'
                    'services = ["ktp"]\n')
    scenario = load(path)
    assert scenario.params == {"service_need_rate": 1.0}
    assert type(scenario.params["service_need_rate"]) is float
    training, unit = scenario.policies
    assert type(training.intensity) is float and type(training.cost_once_rp) is float
    assert unit.services == ("ktp",)


def test_a_bad_name_says_what_a_name_may_hold():
    with pytest.raises(InputError) as err:
        parse(HEAD.replace('"mine"', '"Fuzz Base"'), "x.toml")
    assert str(err.value) == ("x.toml, line 1: name must be a text of lower-case letters, digits, "
                              "'-' and '_', starting with a letter or digit, at most 60 "
                              "characters (got 'Fuzz Base')")


def test_python_scenarios_are_as_strict_as_files():
    with pytest.raises(InputError, match=r"^params.desks must be an integer from 1 to 20 "
                                         r"\(got True\)$"):
        Scenario("mine", {"desks": True})
    with pytest.raises(InputError, match=r"^params: unknown parameter 'deskz'"):
        resolve("baseline").with_params(deskz=4)


def test_a_scenario_file_validates_its_parameters_once(tmp_path, monkeypatch):
    calls = []

    def counted(values, where=()):
        calls.append(dict(values))
        return check_params(values, where)

    monkeypatch.setattr("hrsim.scenarios.scenario.check_params", counted)
    path = tmp_path / "mine.toml"
    path.write_text(HEAD + "[params]\ndesks = 4\n")
    assert load(path).params == {"desks": 4}
    assert calls == [{"desks": 4}]


@pytest.mark.parametrize(("body", "message"), [
    ("[params]\ndesks = true\n", "line 9: params.desks must be an integer from 1 to 20 (got True)"),
    ('[[policies]]\ntype = "delegation"\ndeputy_signs = 1\n',
     "line 10: policies[0].deputy_signs must be true or false (got 1)"),
])
def test_cli_refuses_a_wrong_type_in_one_line_with_exit_two(tmp_path, body, message):
    path, out = tmp_path / "bad.toml", tmp_path / "out"
    path.write_text(HEAD + body)
    result = CliRunner().invoke(cli, ["run", "--scenario", str(path), "--out", str(out)])
    assert result.exit_code == 2
    assert result.stderr == f"hrsim: error: {path}, {message}\n"
    assert not out.exists()
