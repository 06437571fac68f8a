"""The controls: play / step / reset, the scenario picker, the policy levers and the office.

Levers and office settings are described in Mesa's ``model_params`` format and drawn by Mesa's own
`UserInputs`, one at a time so that each gets its tooltip; like in Mesa, they apply on reset.
"""

from __future__ import annotations

import asyncio
from typing import Any

import solara
from mesa.visualization.solara_viz import UserInputs

from hrsim.app.model import LEVERS, OFFICE, SWITCHES, DemoModel
from hrsim.app.session import Session
from hrsim.i18n import number, t
from hrsim.scenarios import library, load

SMALL = {"font-size": "0.8em"}


def model_params(settings: dict[str, Any], lang: str) -> dict[str, dict[str, Any]]:
    """The levers, office settings and seed in Mesa's ``model_params`` format, in `lang`.

    Each control shows its current value in its label, so that a class can read it on a projector.
    """
    params: dict[str, dict[str, Any]] = {}
    for key in LEVERS:
        label = t(f"app.lever.{key}", lang)
        if key in SWITCHES:
            params[key] = {"type": "Checkbox", "label": label, "value": settings[key] > 0}
        else:
            params[key] = {"type": "SliderFloat", "label": f"{label}: {settings[key]:.1f}",
                           "value": settings[key], "min": 0.0, "max": 1.0, "step": 0.1}
    for key, (low, high, step) in OFFICE.items():
        value = settings[key]
        shown = number(value, lang, 0) if isinstance(step, int) else f"{value:.2f}"
        params[key] = {"type": "SliderInt" if isinstance(step, int) else "SliderFloat",
                       "label": f"{t(f'app.param.{key}', lang)}: {shown}", "value": value,
                       "min": low, "max": high, "step": step}
    params["rng"] = {"type": "InputText", "label": t("seed", lang), "value": str(settings["rng"])}
    return params


def parse_control(name: str, value: Any) -> Any:
    """A control's value as the model takes it.

    Raises:
        ValueError: The seed is not a whole number from 0 up.
    """
    if name in LEVERS:
        return round(float(value), 2)  # a switch gives True / False: intensity 1 or 0
    if name == "rng":
        seed = int(str(value).strip())
        if seed < 0:
            raise ValueError(value)
        return seed
    return round(value, 4) if isinstance(value, float) else int(value)


def running_summary(model: DemoModel, lang: str) -> str:
    """What the running model was built with, in one line (the controls may have moved since)."""
    policies = ", ".join(f"{t(f'app.lever.{p.key}', lang)} {p.intensity:.1f}"
                         for p in model.policies if p.key in LEVERS)
    return t("app.running", lang, desks=model.p.desks,
             residents=number(model.p.residents, lang, 0), seed=model.seed,
             policies=policies or t("app.no_policy", lang))


@solara.component
def RunControls(session: Session):
    """Play / pause, step one day, reset, and the pause between days while playing."""
    lang, playing = session.lang.value, session.playing

    async def play() -> None:
        # on the page's own event loop, not a thread: a thread did not always see the page's
        # state (Pause went unheard, steps were not shown); clicks are handled during the pause
        while playing.value:
            session.step()
            await asyncio.sleep(session.pause_ms.value / 1000)

    player = solara.lab.use_task(play, dependencies=None, prefer_threaded=False)

    def play_or_pause() -> None:
        playing.set(not playing.value)
        if playing.value:
            player()

    with solara.Row(gap="6px"):
        with solara.Tooltip(t("app.tip.play", lang)):
            solara.Button(t("app.pause" if playing.value else "app.play", lang), color="primary",
                          on_click=play_or_pause)
        with solara.Tooltip(t("app.tip.step", lang)):
            solara.Button(t("app.step", lang), color="primary", on_click=session.step,
                          disabled=playing.value)
        with solara.Tooltip(t("app.tip.reset", lang)):
            solara.Button(t("app.reset", lang), color="primary", on_click=session.reset)
    solara.SliderInt(t("app.pause_ms", lang, ms=session.pause_ms.value), value=session.pause_ms,
                     min=0, max=1000, step=50)
    solara.Text(running_summary(session.model.value, lang), classes=["hrsim-running"],
                style=SMALL)
    if session.pending:
        solara.Warning(t("app.pending", lang), dense=True)


@solara.component
def ScenarioPicker(session: Session):
    """The built-in scenarios by title; choosing one loads its settings and resets."""
    lang = session.lang.value
    scenarios = solara.use_memo(lambda: {name: load(name) for name in library()}, [])
    current = session.settings.value["scenario"]
    with solara.Tooltip(t("app.tip.scenario", lang)), solara.Column():
        solara.v.Select(label=t("scenario", lang), v_model=current,
                        items=[{"text": s.title.get(lang, s.name), "value": s.name}
                               for s in scenarios.values()],
                        on_v_model=session.choose_scenario)
    solara.Text(scenarios[current].description.get(lang, ""), style=SMALL)


@solara.component
def Settings(session: Session, keys: tuple[str, ...]):
    """Some of the controls, each with its tooltip, in Mesa's `UserInputs`."""
    lang = session.lang.value
    error = solara.use_reactive("")
    params = model_params(session.settings.value, lang)

    def change(name: str, value: Any) -> None:
        try:
            session.change(name, parse_control(name, value))
            error.set("")
        except ValueError:
            error.set(t("app.seed_invalid", lang, value=value))

    for key in keys:
        tip = t(f"app.tip.lever.{key}" if key in LEVERS else f"app.tip.param.{key}", lang)
        with solara.Tooltip(tip), solara.Column():
            UserInputs({key: params[key]}, on_change=change)
    if error.value:
        solara.Error(error.value, dense=True)


@solara.component
def Controls(session: Session):
    """The sidebar: running, scenario, levers, office and seed."""
    lang = session.lang.value
    with solara.Card(t("app.card.run", lang), margin=0):
        RunControls(session)
    with solara.Card(t("scenario", lang), margin=0):
        ScenarioPicker(session)
    with solara.Card(t("app.card.levers", lang), margin=0):
        Settings(session, LEVERS)
    with solara.Card(t("app.card.office", lang), margin=0):
        Settings(session, (*OFFICE, "rng"))
