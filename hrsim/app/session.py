"""What one browser session holds, and what its buttons do: step, reset, load a scenario.

Every open page has its own session, hence its own model: students at several browsers do not step
each other's office. The page redraws through Mesa's update counter, as Mesa's own controls do.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

import solara
from mesa.visualization.utils import force_update

from hrsim.app.charts import Series
from hrsim.app.model import DemoModel, scenario_settings
from hrsim.i18n import LANGUAGES
from hrsim.ui import LANGUAGE_VARIABLE

DEFAULT_SEED = 42
DEFAULT_PAUSE_MS = 100


def start_language() -> str:
    """The language the page opens in (``HRSIM_LANG``, else Bahasa Indonesia)."""
    lang = os.environ.get(LANGUAGE_VARIABLE, LANGUAGES[0])
    return lang if lang in LANGUAGES else LANGUAGES[0]


def start_settings() -> dict[str, Any]:
    """The controls as the page opens: the baseline office and a fixed seed."""
    return {**scenario_settings("baseline"), "rng": DEFAULT_SEED}


@dataclass(frozen=True)
class Session:
    """The reactive state of one page.

    Attributes:
        lang: Language of the page (``id`` or ``en``).
        settings: The controls: scenario, lever intensities, office parameters, seed. They take
            effect on reset, as in Mesa's visualisation.
        model: The running model.
        previous: The daily measures of the run before the last reset (drawn dotted).
        playing: Whether the model runs on by itself.
        pause_ms: Pause between days while playing.
    """

    lang: solara.Reactive[str]
    settings: solara.Reactive[dict[str, Any]]
    model: solara.Reactive[DemoModel]
    previous: solara.Reactive[Series | None]
    playing: solara.Reactive[bool]
    pause_ms: solara.Reactive[int]

    def step(self) -> None:
        """Simulate one working day and redraw."""
        self.model.value.step()
        force_update()

    def reset(self) -> None:
        """Stop, keep the current run for comparison, and build a new model from the controls."""
        self.playing.set(False)
        old = self.model.value
        if old.time > 0:
            self.previous.set({k: list(v) for k, v in old.datacollector.model_vars.items()})
        self.model.set(DemoModel(**self.settings.value))
        force_update()

    def change(self, name: str, value: Any) -> None:
        """Set one control (applied on the next reset)."""
        self.settings.set({**self.settings.value, name: value})

    def choose_scenario(self, name: str) -> None:
        """Load a built-in scenario's settings into the controls (keeping the seed) and reset."""
        self.settings.set({**scenario_settings(name), "rng": self.settings.value["rng"]})
        self.reset()

    @property
    def pending(self) -> bool:
        """Whether the controls differ from those the running model was built with."""
        return self.settings.value != self.model.value.settings


def use_session() -> Session:
    """The page's session: its state lives as long as the page (a Solara hook)."""
    settings = solara.use_memo(start_settings, [])
    state = {
        "lang": solara.use_reactive(solara.use_memo(start_language, [])),
        "settings": solara.use_reactive(settings),
        "model": solara.use_reactive(solara.use_memo(lambda: DemoModel(**settings), [])),
        "previous": solara.use_reactive(None),
        "playing": solara.use_reactive(False),
        "pause_ms": solara.use_reactive(DEFAULT_PAUSE_MS),
    }
    return solara.use_memo(lambda: Session(**state), [])
