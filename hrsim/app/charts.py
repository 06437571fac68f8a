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

from hrsim.app.figures import Picture, Redraw, figure_bytes
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


def make_chart(chart: int, current: Series, previous: Series | None, lang: str) -> Redraw:
    """Build chart number `chart` of `CHARTS`; its redraw follows `current` as it grows.

    `previous` (if given) is drawn dotted. The title and the legend are HTML, beside the figure.
    """
    title, lines = CHARTS[chart]
    fig = Figure(figsize=(4.4, 2.8))
    ax = fig.add_axes((0.13, 0.16, 0.74, 0.8))
    ax.set_xlabel(t("day", lang), fontsize=8)
    right = ax.twinx() if any(on_right for *_, on_right in lines) else None
    axes = [a for a in (ax, right) if a is not None]
    for axis in axes:
        axis.xaxis.set_major_locator(MaxNLocator(TICKS, integer=True))
        axis.yaxis.set_major_locator(MaxNLocator(TICKS))
        axis.tick_params(labelsize=8)
    if title == "app.chart.service":
        for _, lower in GRADES[:-1]:
            ax.axhline(lower, color="grey", linewidth=0.6, linestyle="--", alpha=0.6)
    solid = []
    for measure, colour, on_right in lines:
        where = right if on_right else ax
        if right is not None:  # two units: each axis takes the colour of its line
            where.tick_params(axis="y", colors=colour)
        if previous:
            where.plot(*_points(previous, measure), ":", color=colour, linewidth=1.5)
        solid.append((where.plot([], [], "-", color=colour, linewidth=1.5)[0], measure))

    def redraw() -> bytes:
        for line, measure in solid:
            line.set_data(*_points(current, measure))
        for axis in axes:
            axis.relim()
            axis.autoscale_view()
            _limit(axis, title)
        return figure_bytes(fig)

    return redraw


def _points(data: Series, measure: str) -> tuple[np.ndarray, np.ndarray]:
    """Days and values of a measure (percentages for shares)."""
    values = np.asarray(data.get(measure, ()), dtype=float)
    values = values * 100.0 if measure in PERCENT else values
    return np.arange(1, len(values) + 1), values


def _limit(ax: Axes, title: str) -> None:
    """Fixed or minimum ranges, so that small noise does not look like a trend."""
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
def Charts(model: DemoModel, previous: Series | None, tick: int, lang: str):
    """The three charts side by side, redrawn when `tick` changes."""
    current = model.datacollector.model_vars
    with solara.Columns([1, 1, 1]):
        for chart, (title, _) in enumerate(CHARTS):
            with solara.Column(gap="0px"):
                solara.Text(t(title, lang), style={"font-weight": "bold"})
                with solara.Row(gap="10px", style={"flex-wrap": "wrap"}):
                    for line, colour, label in legend(chart, previous is not None, lang):
                        solara.Text(f"{line} {label}",
                                    style={"color": colour, "font-size": "0.8em"})
                Picture(lambda chart=chart: make_chart(chart, current, previous, lang),
                        [model, lang, chart], tick)
