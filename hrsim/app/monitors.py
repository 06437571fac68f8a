"""Monitors, as in NetLogo: today's date, the IKM and its grade, trust, waiting, open complaints."""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass
from html import escape

import numpy as np
import solara

from hrsim.app.charts import Series
from hrsim.app.model import DemoModel
from hrsim.i18n import t
from hrsim.measures.ikm import grade, round_half_up
from hrsim.world.citizens import ELEMENTS

STYLE = """<style>
.hrsim-cards, .hrsim-elements {display: flex; flex-wrap: wrap; gap: 8px; align-items: center;
  margin-bottom: 8px}
.hrsim-card {min-width: 130px; padding: 4px 10px; border-radius: 4px;
  box-shadow: 0 1px 3px rgba(0, 0, 0, 0.3)}
.hrsim-title, .hrsim-detail {font-size: 0.8em; color: #555}
.hrsim-monitor {font-size: 1.7em; font-weight: bold}
.hrsim-element {padding: 2px 8px; border-radius: 10px}
</style>"""
GRADE_COLOURS = {"A": "#a5d6a7", "B": "#dcedc8", "C": "#ffe0b2", "D": "#ffcdd2"}
# the first simulated working day, for showing dates (Monday to Friday; holidays are not modelled)
FIRST_DAY = np.datetime64("2025-01-06")


@dataclass(frozen=True)
class Reading:
    """One monitor: what it shows, its value, a line under it and a tooltip."""

    title: str
    value: str
    detail: str
    tooltip: str


def working_date(day: int) -> datetime.date:
    """The calendar date of working day `day` (day 1 is `FIRST_DAY`; weekends are skipped)."""
    return np.busday_offset(FIRST_DAY, day - 1, roll="forward").astype(datetime.date)


def format_date(day: int, lang: str) -> str:
    """E.g. 'Senin, 6 Januari 2025' or 'Monday 6 January 2025'."""
    date = working_date(day)
    return t("app.date", lang, weekday=t(f"app.weekday.{date.weekday()}", lang), day=date.day,
             month=t(f"app.month.{date.month}", lang), year=date.year)


def latest(model: DemoModel, column: str) -> float:
    """Today's value of a daily column (NaN before the first day)."""
    values = model.datacollector.model_vars.get(column, [])
    return float(values[-1]) if values else math.nan


def number(x: float, fmt: str = ".1f") -> str:
    """A number for a monitor, or a dash when there is none (NaN)."""
    return "–" if math.isnan(x) else format(x, fmt)


def readings(model: DemoModel, lang: str) -> list[Reading]:
    """What the monitors show for the model as it is now."""
    day = model.day
    date = format_date(day, lang) if day > 0 else t("app.monitor.not_started", lang)
    ikm = latest(model, "ikm")
    letter = "" if math.isnan(ikm) else grade(round_half_up(ikm))
    survey = model.surveys[-1] if model.surveys else None
    return [
        Reading(t("day", lang), str(day), date, t("app.tip.date", lang)),
        Reading(t("ikm", lang), f"{number(ikm, '.2f')} {letter}".strip(),
                t(f"grade.{letter}", lang) if letter else "",
                t("app.tip.ikm", lang, window=model.p.ikm_window_days)),
        Reading(t("survey", lang), number(survey["ikm"], ".2f") if survey else "–",
                t("app.monitor.survey_day", lang, day=survey["day"], grade=survey["grade"])
                if survey else t("app.monitor.no_survey", lang),
                t("app.tip.survey", lang, period=model.p.survey_period_days)),
        Reading(t("share_trusting", lang), f"{100 * model.citizens.share_trusting():.1f}%", "",
                t("app.tip.share_trusting", lang, threshold=model.p.trust_threshold)),
        Reading(t("wait_mean_min", lang), number(latest(model, "wait_mean_min")), "",
                t("app.tip.wait", lang)),
        Reading(t("app.monitor.complaints_open", lang), str(model.component("complaints").open), "",
                t("app.tip.complaints_open", lang)),
    ]


def element_scores(model: DemoModel, previous: Series | None) -> list[tuple[str, float, float]]:
    """Per IKM element: (name, today's running mean answer, the previous run's on that day)."""
    day = len(model.datacollector.model_vars.get("ikm", []))
    before = previous or {}
    return [(e, latest(model, e),
             float(before[e][day - 1]) if 0 < day <= len(before.get(e, ())) else math.nan)
            for e in ELEMENTS]


def monitors_html(model: DemoModel, previous: Series | None, lang: str) -> str:
    """The monitors and element scores as HTML, each with its tooltip (a ``title``).

    One HTML block rather than a widget per number: the page updates one widget per step.
    """
    cards = "".join(
        f'<div class="hrsim-card" title="{escape(r.tooltip)}">'
        f'<div class="hrsim-title">{escape(r.title)}</div>'
        f'<div class="hrsim-monitor">{escape(r.value)}</div>'
        f'<div class="hrsim-detail">{escape(r.detail)}</div></div>'
        for r in readings(model, lang))
    chips = []
    for element, score, before in element_scores(model, previous):
        tip = f"{element} {t(element, lang)}"
        if not math.isnan(before):
            tip += " — " + t("app.monitor.previous", lang, value=f"{before:.2f}")
        colour = GRADE_COLOURS.get(_grade_of(score), "#eeeeee")
        chips.append(f'<span class="hrsim-element" title="{escape(tip)}" '
                     f'style="background:{colour}">{element} {number(score, ".2f")}</span>')
    heading = escape(t("app.monitor.elements", lang, window=model.p.ikm_window_days))
    return (f'{STYLE}<div class="hrsim-cards">{cards}</div>'
            f'<div class="hrsim-elements"><span class="hrsim-detail">{heading}</span>'
            f'{"".join(chips)}</div>')


@solara.component
def Monitors(model: DemoModel, previous: Series | None, tick: int, lang: str):
    """The monitors and element scores, re-rendered when `tick` changes."""
    solara.HTML(tag="div", unsafe_innerHTML=monitors_html(model, previous, lang))


def _grade_of(score: float) -> str:
    """The grade an element's mean answer would give as a whole IKM (its score × 25)."""
    return "" if math.isnan(score) else grade(round_half_up(25 * score))
