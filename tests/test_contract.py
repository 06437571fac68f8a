"""The component contract: who owns what, checked over the code.

Each component of the working day declares its parameter groups, the residents' states it owns
and its random streams (`hrsim.day.component`); no mechanism imports the model; every parameter
is read by a component that declares its group; every lever has all a lever needs. Each test
names what is wrong and where, so that adding a lever or a mechanism says what else to write.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from hrsim.day import WORKING_DAY, Component
from hrsim.i18n import LANGUAGES, catalogue
from hrsim.params import Params
from hrsim.policies import REGISTRY, Policy
from hrsim.policies.mobile_unit import MobileServicePoint
from hrsim.scenarios import library, load
from hrsim.streams import Stream

ROOT = Path(__file__).resolve().parents[1]
MECHANISMS = [*sorted((ROOT / "hrsim" / "day").glob("*.py")),
              *sorted((ROOT / "hrsim" / "world").glob("*.py")),
              *sorted((ROOT / "hrsim" / "policies").glob("*.py"))]
COMPONENTS: list[type[Component]] = [*WORKING_DAY, MobileServicePoint]
# groups read by the world the components share (the residents, the model's calendar and survey)
WORLD_GROUPS = {"setting": ["world/citizens.py", "world/network.py", "params.py", "model.py"],
                "survey": ["model.py", "measures/ikm.py"]}
# streams drawn outside the working day: the population (the world), the survey (a measure), and
# the validation of the queue against Erlang C (`hrsim validate queue`)
OUTSIDE_THE_DAY = {Stream.POPULATION, Stream.SURVEY, Stream.ARRIVALS, Stream.COUNTER}


def module_text(module: str) -> str:
    """The text of a module of hrsim."""
    return Path(__import__(module, fromlist=["_"]).__file__).read_text(encoding="utf-8")


def source(cls: type, *, engines: bool = False) -> str:
    """The text of the modules that define `cls` and the components it derives from.

    With `engines`, also the modules of ``hrsim.world`` they import (a component hands its
    parameters to the queue engine it runs, for instance).
    """
    modules = {base.__module__ for base in cls.__mro__ if issubclass(base, Component)}
    if engines:
        modules |= {node.module for m in list(modules)
                    for node in ast.walk(ast.parse(module_text(m)))
                    if isinstance(node, ast.ImportFrom) and node.module
                    and node.module.startswith("hrsim.world.")}
    return "".join(module_text(m) for m in sorted(modules))


def test_no_mechanism_imports_the_model():
    for path in MECHANISMS:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                    for alias in node.names}
        imported |= {node.module for node in ast.walk(tree)
                     if isinstance(node, ast.ImportFrom) and node.module}
        assert "hrsim.model" not in imported, f"{path.relative_to(ROOT)} imports hrsim.model"


def test_every_parameter_is_read_by_a_component_of_its_group():
    groups = Params.groups()
    readers: dict[str, str] = {}
    for cls in COMPONENTS:
        for group in cls.params:
            assert group in groups, f"{cls.__name__} declares an unknown group {group!r}"
            readers[group] = readers.get(group, "") + source(cls, engines=True)
    for group, files in WORLD_GROUPS.items():
        readers[group] = "".join((ROOT / "hrsim" / f).read_text(encoding="utf-8")
                                 for f in files)
    for group, names in groups.items():
        assert group in readers, f"parameter group {group!r} is declared by no component"
        for name in names:
            assert re.search(rf"\.{name}\b", readers[group]), (
                f"parameter {name!r} (group {group!r}) is read by no component that declares "
                "its group: read it, or remove it")


def test_a_component_reads_only_the_parameters_of_its_groups():
    from hrsim.model import HRModel

    model = HRModel(residents=1_000, burn_in_days=0)
    trust = model.component("trust")
    assert trust.p.negativity_bias == model.params.negativity_bias
    with pytest.raises(AttributeError, match="desks"):
        _ = trust.p.desks


def test_each_resident_state_has_one_owner_and_only_it_writes_it():
    owners: dict[str, str] = {}
    for cls in COMPONENTS:
        for state in cls.states:
            assert state not in owners, f"{state!r} is owned by {owners[state]} and {cls.__name__}"
            owners[state] = cls.__module__
    for state, owner in owners.items():
        write = re.compile(rf"\.{state}\[[^\]]*\]\s*[-+*/|]?=(?!=)")
        for path in MECHANISMS:
            module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            if module != owner:
                text = path.read_text(encoding="utf-8")
                assert not write.search(text), (
                    f"{path.relative_to(ROOT)} writes {state!r}, owned by {owner}: use its verbs")


def test_each_field_of_the_days_record_has_one_writer():
    from dataclasses import fields

    from hrsim.records import DayRecord

    writers = {"spent_rp": "hrsim.model", "backlog": "hrsim.model"}
    for cls in (c for c in COMPONENTS if "results" in vars(c)):  # not the inherited ones
        for name in cls.results:
            assert name not in writers or writers[name] == cls.__module__, \
                f"{name!r} is written by {writers[name]} and {cls.__name__}"
            writers[name] = cls.__module__
    assert set(writers) == {f.name for f in fields(DayRecord)} - {"day"}, \
        "every field of DayRecord is some component's result"
    write = re.compile(r"today\.(\w+)(?:\[[^\]]*\])?\s*(?:[-+]?=(?!=)|\.append\()")
    for path in [*MECHANISMS, ROOT / "hrsim" / "model.py"]:
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for name in write.findall(path.read_text(encoding="utf-8")):
            assert writers.get(name) == module, \
                f"{path.relative_to(ROOT)} writes today.{name}, a result of {writers.get(name)}"


def test_every_stream_of_the_day_is_declared_by_one_component():
    declared: dict[Stream, str] = {}
    for cls in WORKING_DAY:
        for stream in cls.streams:
            assert stream not in declared, f"{stream} declared by {declared[stream]} and " \
                                           f"{cls.__name__}"
            declared[stream] = cls.__name__
    missing = set(Stream) - set(declared) - OUTSIDE_THE_DAY - set(MobileServicePoint.streams)
    assert not missing, f"streams no component declares: {sorted(missing)}"
    for cls in COMPONENTS:
        for stream in cls.streams:
            assert f"Stream.{stream.name}" in source(cls), \
                f"{cls.__name__} declares {stream} but never draws it"


def test_every_lever_has_what_a_lever_needs():
    texts = catalogue()
    odd = (ROOT / "docs" / "ODD.md").read_text(encoding="utf-8")
    scenarios = {p.key for name in library() for p in load(name).policies}
    orders = {}
    for key in Policy.levers():
        cls = REGISTRY[key]
        wanted = [f"app.lever.{key}", f"app.tip.lever.{key}", f"note.policy.{key}",
                  *(f"planner.policies.{field}" for field in cls.model_fields
                    if field.startswith("cost_") and field.endswith("_rp"))]
        for text in wanted:
            for lang in LANGUAGES:
                assert lang in texts.get(text, {}), \
                    f"lever {key!r}: no {lang!r} text {text!r} in hrsim/i18n"
        assert key in scenarios, f"lever {key!r}: no built-in scenario uses it " \
                                 "(hrsim/scenarios/builtin)"
        assert f"(`{key}`)" in odd, f"lever {key!r}: no row in docs/ODD.md's policy table"
        assert cls.lever_order not in orders, \
            f"lever {key!r}: display order {cls.lever_order} taken by {orders[cls.lever_order]!r}"
        orders[cls.lever_order] = key
        assert cls.__doc__, f"lever {key!r}: no docstring"


def test_the_lever_test_fails_for_a_lever_without_its_texts():
    class Untranslated(Policy):
        """A lever nobody translated (a toy for this test)."""

        key = "untranslated_test"
        lever_order = 999

    try:
        with pytest.raises(AssertionError, match="lever 'untranslated_test': no 'id' text"):
            test_every_lever_has_what_a_lever_needs()
    finally:
        del REGISTRY["untranslated_test"]


def test_run_profile_times_every_component_and_adds_up():
    from click.testing import CliRunner

    from hrsim.cli import cli
    from hrsim.scenarios import load
    from hrsim.simulation import profile

    seconds = profile(load("mobile-unit").with_params(residents=2_000), days=10, seed=1)
    assert {cls.name for cls in COMPONENTS} | {"(record)"} <= set(seconds)
    parts = sum(v for k, v in seconds.items() if k != "total")
    assert parts == pytest.approx(seconds["total"], rel=1e-9)
    assert all(v >= 0 for k, v in seconds.items() if k != "events and Mesa")
    out = CliRunner().invoke(cli, ["run", "--profile", "--days", "3", "--set",
                                    "residents=1000"])
    assert out.exit_code == 0, out.output
    assert "counter" in out.output and "total" in out.output and "100.0%" in out.output
