"""The comparison report: contents, both languages, atomic writes, and the compare command."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from cli_helpers import hrsim
from markupsafe import escape

import hrsim.report.compare as report
import hrsim.report.html as pages
from hrsim.analysis.compare import compare
from hrsim.cli import main
from hrsim.i18n import LANGUAGES, catalogue, number, t
from hrsim.policies import REGISTRY, Policy
from hrsim.report import plots
from hrsim.scenarios import Scenario, library, load


def recording(used: set[str]):
    """`t`, noting each key looked up in `used`."""
    def lookup(key, lang="en", **fields):
        used.add(key)
        return t(key, lang, **fields)
    return lookup


@pytest.fixture(scope="module")
def written(tmp_path_factory, whole_library):
    """The whole library's report in each language: {lang: folder}; and under "used", the keys
    of the texts looked up for the page and for the plots while writing them."""
    folders, used = {}, {"page": set(), "plots": set()}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(report, "t", recording(used["page"]))
        patch.setattr(pages, "t", recording(used["page"]))  # the template's texts
        patch.setattr(plots, "t", recording(used["plots"]))
        for lang in LANGUAGES:
            folders[lang] = tmp_path_factory.mktemp(lang) / "report"
            report.write_report(whole_library, folders[lang], lang)
    return {**folders, "used": used}


@pytest.mark.xdist_group("whole_library")  # made once per process (conftest)
def test_the_report_shows_every_scenario_with_its_hash(written, whole_library):
    html = (written["en"] / "report.html").read_text(encoding="utf-8")
    for scenario in whole_library.scenarios:
        assert str(escape(scenario.title["en"])) in html
        assert f"<code>{scenario.name}</code>" in html
        assert scenario.digest in html
    assert len(re.findall(r'src="data:image/png;base64,[A-Za-z0-9+/=]{1000,}"', html)) == 5
    text = re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]+", "", html)  # base64 may spell "http"
    assert "http" not in text.replace("http-equiv", "")  # self-contained: nothing to fetch
    assert "Caution: only 2 replications" in html  # two paired differences make an interval


def test_three_replications_make_no_caution():
    three = compare([load("training")], reps=3, days=3, params={"residents": 1_000})
    assert "Caution" not in report.render(three, "en")


@pytest.mark.xdist_group("whole_library")  # made once per process (conftest)
def test_the_csv_table_and_provenance(written, whole_library):
    table = pd.read_csv(written["en"] / "summary.csv")
    result = whole_library
    assert list(table["scenario"].unique()) == list(library())
    ikm = table.set_index(["scenario", "measure"]).loc[("training", "ikm")]
    assert ikm["mean"] == pytest.approx(result.row("training", "ikm")["mean"])
    runs = pd.read_csv(written["en"] / "runs.csv")
    assert len(runs) == len(library()) * result.reps
    provenance = json.loads((written["en"] / "provenance.json").read_text(encoding="utf-8"))
    assert provenance["seeds"] == result.seeds
    assert {s["name"]: s["hash"] for s in provenance["scenarios"]} \
        == {s.name: s.digest for s in result.scenarios}


@pytest.mark.xdist_group("whole_library")  # made once per process (conftest)
def test_both_languages_are_complete(written, whole_library):
    """Every text the report shows exists in both languages, and each report is in its own."""
    used = written["used"]
    policies = {p.key for s in whole_library.scenarios for p in s.policies}
    assert {f"note.policy.{key}" for key in policies} <= used["page"]
    texts = catalogue()
    for key in used["page"] | used["plots"]:
        assert all(texts[key][lang].strip() for lang in LANGUAGES), key
    html = {lang: (written[lang] / "report.html").read_text(encoding="utf-8")
            for lang in LANGUAGES}
    phrases = [{lang: str(escape(texts[key][lang])) for lang in LANGUAGES}
               for key in used["page"]
               if "{" not in texts[key]["en"] and len(texts[key]["en"].split()) >= 3]
    assert len(phrases) > 40
    for text in phrases:
        assert text["id"] in html["id"] and text["en"] not in html["id"], text
        assert text["en"] in html["en"] and text["id"] not in html["en"], text


def test_numbers_follow_the_language():
    assert number(1234.567, "id") == "1.234,57"
    assert number(1234.567, "en") == "1,234.57"
    assert number(-0.001, "en") == "0.00"
    assert number(float("nan"), "id") == "–"


@pytest.mark.xdist_group("whole_library")  # made once per process (conftest)
def test_an_interrupted_report_leaves_nothing(tmp_path, monkeypatch, whole_library):
    def broken(fig):
        raise KeyboardInterrupt

    monkeypatch.setattr(plots, "png", broken)
    with pytest.raises(KeyboardInterrupt):
        report.write_report(whole_library, tmp_path / "out", "en")
    assert list(tmp_path.iterdir()) == []


# --- the command line -------------------------------------------------------------------------

def test_compare_from_the_command_line(tmp_path):
    out = tmp_path / "report"
    mine = tmp_path / "mine.toml"
    mine.write_text(library()["training"].replace('name = "training"', 'name = "mine"')
                    .replace("intensity = 1.0", "intensity = 0.5"))
    result = hrsim("compare", "training", str(mine), "--reps", "2", "--days", "5", "--workers",
                   "1", "--lang", "en", "--set", "residents=2000", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert f"Report: {out / 'report.html'}" in result.stdout
    assert "Caution: only 2 replications" in result.stdout
    assert {"baseline", "training", "mine"} <= set(re.findall(r"^(\S+) ", result.stdout, re.M))
    assert sorted(p.name for p in out.iterdir()) == sorted(report.FILES)


@pytest.mark.parametrize(("args", "message"), [
    (["trainig"], "unknown scenario 'trainig' (did you mean 'training'?); built-in: baseline,"),
    (["missing.toml"], "missing.toml: no such file"),
    (["--reps", "1"], "--reps"),
    (["--lang", "fr"], "--lang"),
    (["--set", "deskz=4"], "unknown parameter 'deskz' (did you mean 'desks'?)"),
    (["--reference", "baselin"], "unknown scenario 'baselin' (did you mean 'baseline'?)"),
])
def test_bad_input_is_one_line_exit_two_and_nothing_written(tmp_path, capsys, args, message):
    out = tmp_path / "report"
    with pytest.raises(SystemExit) as stop:
        main(["compare", "--out", str(out), "--days", "2", *args])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("hrsim: error:")
    assert message in err
    assert not out.exists()


def test_a_broken_scenario_file_names_file_line_and_key(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text(library()["training"].replace("intensity = 1.0", "intensty = 1.0"))
    with pytest.raises(SystemExit):
        main(["compare", str(bad), "--out", str(tmp_path / "out")])
    assert f"{bad}, line 16: policies[0].intensty: unknown key (did you mean 'intensity'?)" \
        in capsys.readouterr().err


def test_a_policy_without_a_translated_note_is_explained_by_its_docstring():
    class Quiet(Policy):
        """Close the complaint box (a toy lever for this test)."""

        key = "quiet_test"

        def begin(self, world) -> None:
            world.component("complaints").ease_voice(-1.0)

    try:
        mine = Scenario("quiet", policies=(Quiet(start=1),))
        html = report.render(compare([mine], reps=2, days=3, params={"residents": 1_000}), "en")
    finally:
        del REGISTRY["quiet_test"]
    assert "Close the complaint box (a toy lever for this test)." in html


def test_the_reference_alone_still_makes_a_report():
    html = report.render(compare([], reps=2, days=3, params={"residents": 1_000}), "id")
    assert html.count('src="data:image/png;base64,') == 3  # over time (2) and the elements


def test_plots_over_time_mark_the_days_policies_start():
    from hrsim.policies.training import Training

    late = Scenario("late", policies=(Training(start=6),))
    c = compare([late], reps=2, days=8, params={"residents": 2_000})
    fig = plots.bands_figure(c, "ikm")
    starts = [line.get_xdata()[0] for ax in fig.axes for line in ax.get_lines()
              if line.get_linestyle() == "--"]
    assert starts == [6]
