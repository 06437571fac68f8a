"""The teaching demo without a browser: its model adapter, its views, and the page rendered with
``solara.render`` (as Mesa tests its own visualisation)."""

from __future__ import annotations

import io
import re
import socket

import ipyvuetify as v
import ipywidgets
import numpy as np
import PIL.Image
import pytest
import reacton
import solara

from hrsim.app.community import layout, make_community
from hrsim.app.model import LEVERS, OFFICE, SWITCHES, DemoModel, dosed, scenario_settings
from hrsim.app.monitors import format_date, readings
from hrsim.app.office import make_office
from hrsim.headless import headless_page
from hrsim.i18n import t
from hrsim.policies import REGISTRY
from hrsim.scenarios import library, load
from hrsim.ui.island import Island

SMALL = {"residents": 5_000}  # the page at classroom size: quick to build in tests


# --- the model adapter ----------------------------------------------------------------------------
def test_every_policy_has_a_lever():
    assert set(LEVERS) == {k for k, c in REGISTRY.items() if c.__module__.startswith("hrsim.")}


def test_demo_model_takes_the_controls():
    model = DemoModel(training=0.5, extra_staff=1.0, desks=2, residents=20_000, rng=3)
    assert model.p.desks == 2 and model.p.residents == 20_000 and model.seed == 3
    assert {p.key: p.intensity for p in model.policies} == {"training": 0.5, "extra_staff": 1.0}
    assert model.settings["training"] == 0.5 and model.settings["rng"] == 3


def test_a_lever_at_zero_drops_the_policy_and_others_are_kept():
    policies = (REGISTRY["training"](start=30, intensity=0.4), REGISTRY["feedback"](start=5))
    out = dosed(policies, {"training": 0.0, "standards": 0.7})
    assert [(p.key, p.start, p.intensity) for p in out] == [("feedback", 5, 1.0),
                                                             ("standards", 0, 0.7)]
    kept = dosed(policies, {"training": 0.9})
    assert kept[0].start == 30 and kept[0].intensity == 0.9  # the scenario's timing stays


def test_scenario_settings_rebuild_every_built_in_scenario():
    for name in library():
        scenario = load(name)
        model = DemoModel(**scenario_settings(name), rng=1)
        assert all(getattr(model.p, k) == v for k, v in scenario.params.items()), name
        expected = {p.key: p.intensity for p in scenario.policies}
        assert {p.key: p.intensity for p in model.policies} == expected, name


# --- views ----------------------------------------------------------------------------------------
def test_dates_skip_weekends_in_both_languages():
    assert format_date(1, "id") == "Senin, 6 Januari 2025"
    assert format_date(6, "en") == "Monday 13 January 2025"  # day 5 is Friday the 10th


def test_monitors_show_dashes_before_the_first_day_and_values_after():
    model = DemoModel(**SMALL, rng=1)
    before = {r.title: r.value for r in readings(model, "en")}
    assert before[t("ikm", "en")] == "–" and before[t("day", "en")] == "0"
    model.run_for(3)
    after = {r.title: r.value for r in readings(model, "en")}
    assert re.fullmatch(r"\d+\.\d\d [ABCD]", after[t("ikm", "en")])
    assert after[t("day", "en")] == "3"


def test_community_layout_puts_network_neighbours_side_by_side():
    model = DemoModel(**SMALL, rng=1)
    kelurahan = model.citizens.kelurahan
    where = layout(kelurahan)
    placed = where.pixel[where.pixel >= 0]
    assert np.array_equal(np.sort(placed), np.arange(len(kelurahan)))  # everyone, once
    same = kelurahan[1:] == kelurahan[:-1]
    distance = np.abs(np.diff(where.row)) + np.abs(np.diff(where.col))
    assert np.all(distance[same] == 1)  # ring neighbours are adjacent pixels


def png_spread(png: bytes) -> float:
    """Standard deviation of a picture's pixels (0 for a blank picture)."""
    return float(np.asarray(PIL.Image.open(io.BytesIO(png)).convert("L"), dtype=float).std())


def test_views_draw_something_and_change_when_the_office_does():
    model = DemoModel(**SMALL, desks=1, rng=2)
    office = make_office(model, "id")
    community = make_community(model, layout(model.citizens.kelurahan), "id", change=True)
    first_office, first_community = office(), community()
    model.run_for(5)
    assert png_spread(first_office) > 5 and png_spread(first_community) > 5
    assert office() != first_office and community() != first_community


# --- the page -------------------------------------------------------------------------------------
@pytest.fixture
def page(work):
    """The page rendered headless, with its session at hand (the planner's on a fresh folder)."""
    with headless_page() as shown:
        session = shown.session
        session.settings.set({**session.settings.value, **SMALL})
        session.reset()
        yield shown.rc, shown.sessions


def buttons(rc) -> dict[str, v.Btn]:
    return {w.children[0]: w for w in rc.find(v.Btn).widgets
            if w.children and isinstance(w.children[0], str)}


def slider(rc, label: str) -> v.Slider:
    return next(w for w in rc.find(v.Slider).widgets if w.label.startswith(f"{label}:"))


def test_the_page_has_every_control(page):
    rc, _ = page
    lang = "id"
    controls = rc.find(v.Html, class_="hrsim-demo-controls")  # the sidebar (the planner's apart)
    labels = [w.label for w in controls.find(v.Slider).widgets]
    for key in [*(k for k in LEVERS if k not in SWITCHES), *OFFICE]:
        name = t(f"app.lever.{key}" if key in LEVERS else f"app.param.{key}", lang)
        assert any(label.startswith(f"{name}:") for label in labels), name
    assert [w.label for w in controls.find(v.Checkbox).widgets] == \
        [t("app.lever.extra_staff", lang)]
    assert [w.label for w in controls.find(v.TextField).widgets] == [t("seed", lang)]
    assert controls.find(v.Select).widgets[0].label == t("scenario", lang)
    assert {t("app.play", lang), t("app.step", lang), t("app.reset", lang)} <= set(buttons(rc))
    assert len(rc.find(v.TabItem, class_="hrsim-live-tab").find(ipywidgets.Image).widgets) == 5
    # office, community, three charts


def monitors(rc) -> str:
    """The HTML of the monitors as the page shows it."""
    return next(w.unsafe_innerHTML for w in rc.find(solara.widgets.HTML).widgets
                if "hrsim-cards" in w.unsafe_innerHTML)


def test_step_advances_the_day_and_the_monitors(page):
    rc, sessions = page
    before = monitors(rc)
    assert t("app.monitor.not_started", "id") in before
    buttons(rc)[t("app.step", "id")].click()
    assert sessions[-1].model.value.day == 1
    after = monitors(rc)
    assert "Senin, 6 Januari 2025" in after and t("app.monitor.not_started", "id") not in after


def test_a_slider_changes_the_model_on_reset(page):
    rc, sessions = page
    session = sessions[-1]
    slider(rc, t("app.param.desks", "id")).v_model = 1
    assert session.pending and session.model.value.p.desks == 3
    buttons(rc)[t("app.reset", "id")].click()
    assert session.model.value.p.desks == 1 and not session.pending
    training = slider(rc, t("app.lever.training", "id"))
    training.v_model = 0.6
    buttons(rc)[t("app.reset", "id")].click()
    assert [(p.key, p.intensity) for p in session.model.value.policies] == [("training", 0.6)]


def test_a_bad_seed_is_refused_with_a_message(page):
    rc, sessions = page
    session = sessions[-1]
    controls = rc.find(v.Html, class_="hrsim-demo-controls")
    field = controls.find(v.TextField).widgets[0]
    field.v_model = "abc"
    field.fire_event("keyup.enter", None)  # the seed is taken on Enter or leaving the field
    assert session.settings.value["rng"] == 42
    assert "'abc'" in str([w.children for w in controls.find(v.Alert).widgets])
    field.v_model = "7"
    field.fire_event("keyup.enter", None)
    assert session.settings.value["rng"] == 7
    assert [w.type for w in controls.find(v.Alert).widgets] == ["warning"]  # pending, no error


def test_reset_keeps_the_previous_run_for_comparison(page):
    rc, sessions = page
    session = sessions[-1]
    for _ in range(3):
        buttons(rc)[t("app.step", "id")].click()
    buttons(rc)[t("app.reset", "id")].click()
    assert len(session.previous.value["ikm"]) == 3 and session.model.value.day == 0


def test_the_language_toggle_switches_every_text():
    """The toggle itself (the app bar shows it only in a browser, so it is rendered here alone)."""
    from hrsim.app.controls import Controls
    from hrsim.app.live import Live
    from hrsim.app.session import use_session
    from hrsim.web import LanguageToggle

    @solara.component
    def Bar():
        session = use_session()
        LanguageToggle(session)
        Controls(session)
        Live(session)

    _, rc = solara.render(Bar(), handle_error=False)
    assert t("app.step", "id") in buttons(rc)
    rc.find(v.BtnToggle).widgets[0].v_model = 1  # EN
    names = set(buttons(rc))
    assert t("app.step", "en") in names and t("app.step", "id") not in names
    assert any(w.label.startswith(t("app.lever.training", "en")) for w in
               rc.find(v.Slider).widgets)
    assert t("app.monitor.not_started", "en") in monitors(rc)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_guide_has_every_section(lang):
    from hrsim.app.guide import SECTIONS, Guide

    _, rc = solara.render(Guide(lang), handle_error=False)
    titles = [w.children[0] for w in rc.find(v.ExpansionPanelHeader).widgets]
    assert titles == [t(f"app.guide.{section}.title", lang) for section in SECTIONS]


# --- the command ----------------------------------------------------------------------------------
@pytest.mark.parametrize("args", [["--host", "999.1.1.1"], ["--lang", "fr"], ["--port", "0"]])
def test_demo_refuses_bad_input_in_one_line(args, capsys):
    from hrsim.cli import main

    with pytest.raises(SystemExit) as stop:
        main(["demo", *args])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("hrsim: error: ") and err.count("\n") == 1


def test_demo_refuses_a_port_in_use(capsys):
    from hrsim.cli import main

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(SystemExit) as stop:
            main(["demo", "--port", str(port)])
    assert stop.value.code == 2
    assert f"cannot listen on 127.0.0.1:{port}" in capsys.readouterr().err


def test_an_island_is_drawn_apart_keeps_its_state_and_follows_its_arguments():
    contexts = set()

    @solara.component
    def Part(label: str):
        contexts.add(reacton.core.get_render_context())
        clicks = solara.use_reactive(0)
        solara.Button(f"{label} {clicks.value}", on_click=lambda: clicks.set(clicks.value + 1))

    @solara.component
    def Whole():
        label = solara.use_reactive("a")
        Island(Part, label.value)
        solara.Button("b", on_click=lambda: label.set("b"))

    _, rc = solara.render(Whole(), handle_error=False)
    rc.find(v.Btn, children=["a 0"]).widget.click()
    rc.find(v.Btn, children=["a 1"]).assert_single()
    rc.find(v.Btn, children=["b"]).widget.click()
    rc.find(v.Btn, children=["b 1"]).assert_single()  # its state kept, its argument followed
    assert len(contexts) == 1 and rc not in contexts  # one render context, not the page's
    rc.close()
