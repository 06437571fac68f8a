"""Scenario files: loading, built-in names, and one-line errors that say what is allowed."""

from __future__ import annotations

import pytest

from hrsim.errors import InputError
from hrsim.scenarios import library, load, parse, resolve

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
    ("[params]\ndeskz = 4\n", "line 9: params.deskz: unknown parameter (did you mean 'desks'?)"),
    ("[params]\ndesks = 0\n", "line 9: params.desks must be an integer from 1 to 20 (got 0)"),
    ('[[policies]]\ntype = "trainng"\n', "unknown policy 'trainng' (did you mean 'training'?)"),
    ('[[policies]]\ntype = "training"\nintensty = 1\n',
     "line 10: policies[0].intensty: unknown key (did you mean 'intensity'?)"),
    ('[[policies]]\ntype = "training"\nstart = "soon"\n',
     "policies[0].start must be an integer from 0 to 100,000 (got 'soon')"),
    ("colour = 3\n", "colour: unknown key"),
    ("[params\n", "not valid TOML"),
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
