"""Live charts of the daily measures: IKM and trust, the queue and waiting, staff well-being.

Each chart draws the current run, and the run before the last reset as dotted lines, so that a class
can compare two settings of the same office side by side. Tick labels are what matplotlib spends
most time on, so the charts keep few of them and share an axis wherever the units agree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import solara
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator
from mesa.visualization.utils import update_counter

from hrsim.app.figures import Picture
from hrsim.app.model import DemoModel
from hrsim.i18n import t
from hrsim.measures.ikm import GRADES

Series = Mapping[str, Sequence[float]]  # daily column -> values (a DataCollector's model_vars)
# per chart: its title key, then (measure, colour, on a right-hand axis of its own?)
CHARTS = (
    ("app.chart.service", (("ikm", "#1e88e5", False), ("share_trusting", "#43a047", False))),
    ("app.chart.queue", (("queue_max", "#5c6bc0", False), ("wait_mean_min", "#fb8c00", True))),
    ("app.chart.staff", (("exhaustion_mean", "#e53935", False),
                         ("motivation_mean", "#00897b", False))),
)
PERCENT = frozenset({"share_trusting"})  # shares drawn as percentages, beside the IKM's 25–100
MIN_SPAN = {"app.chart.service": 10.0}  # the y axis shows at least this range (no magnified noise)
FIXED = {"app.chart.staff": (0.0, 1.0)}
TICKS = 4


def draw_chart(chart: int, current: Series, previous: Series | None, lang: str) -> Figure:
    """Chart number `chart` of `CHARTS`; `previous` (if given) dotted. Title and legend are HTML."""
    title, lines = CHARTS[chart]
    fig = Figure(figsize=(4.4, 2.8))
    ax = fig.add_axes((0.13, 0.16, 0.74, 0.8))
    ax.set_xlabel(t("day", lang), fontsize=8)
    right = ax.twinx() if any(on_right for *_, on_right in lines) else None
    for measure, colour, on_right in lines:
        _plot(right if on_right else ax, measure, current, previous, colour)
        if right is not None:  # two units: each axis takes the colour of its line
            (right if on_right else ax).tick_params(axis="y", colors=colour)
    for axis in (ax, right):
        if axis is not None:
            _scale(axis, title)
    if title == "app.chart.service":
        for _, lower in GRADES[:-1]:
            ax.axhline(lower, color="grey", linewidth=0.6, linestyle="--", alpha=0.6)
    return fig


def _plot(ax: Axes, measure: str, current: Series, previous: Series | None,
          colour: str) -> None:
    """One measure: the previous run dotted, the current one solid."""
    scale = 100.0 if measure in PERCENT else 1.0
    for data, style in ((previous, ":"), (current, "-")):
        values = np.asarray(data.get(measure, ()) if data else (), dtype=float) * scale
        ax.plot(np.arange(1, len(values) + 1), values, style, color=colour, linewidth=1.5)


def _scale(ax: Axes, title: str) -> None:
    """Few ticks; fixed or minimum ranges so that small noise does not look like a trend."""
    ax.xaxis.set_major_locator(MaxNLocator(TICKS, integer=True))
    ax.yaxis.set_major_locator(MaxNLocator(TICKS))
    ax.tick_params(labelsize=8)
    if title in FIXED:
        ax.set_ylim(*FIXED[title])
    elif title in MIN_SPAN:
        low, high = ax.get_ylim()
        middle, half = (low + high) / 2, max(high - low, MIN_SPAN[title]) / 2
        ax.set_ylim(middle - half, middle + half)
    else:
        ax.set_ylim(bottom=0)


def legend(chart: int, with_previous: bool, lang: str) -> list[tuple[str, str, str]]:
    """The legend of a chart as (line, colour, label)."""
    _, lines = CHARTS[chart]
    entries = [("━━", colour, t(measure, lang) + (" (%)" if measure in PERCENT else ""))
               for measure, colour, _ in lines]
    if with_previous:
        entries.append(("┅┅", "grey", t("app.chart.previous", lang)))
    return entries


@solara.component
def Charts(model: DemoModel, previous: Series | None, lang: str):
    """The three charts side by side, redrawn after each step (Mesa's update counter)."""
    tick = update_counter.get()
    current = model.datacollector.model_vars
    with solara.Columns([1, 1, 1]):
        for chart, (title, _) in enumerate(CHARTS):
            with solara.Column(gap="0px"):
                solara.Text(t(title, lang), style={"font-weight": "bold"})
                with solara.Row(gap="10px", style={"flex-wrap": "wrap"}):
                    for line, colour, label in legend(chart, previous is not None, lang):
                        solara.Text(f"{line} {label}",
                                    style={"color": colour, "font-size": "0.8em"})
                Picture(lambda chart=chart: draw_chart(chart, current, previous, lang),
                        [tick, model, lang, chart])
