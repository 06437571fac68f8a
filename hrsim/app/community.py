"""The community view: each resident one pixel, in their kelurahan, coloured by trust in the office.

Residents of a kelurahan fill its block in the order of their ring of social ties, snaking row by
row, so that neighbours in the network are neighbours on the screen (most ties stay within the
kelurahan, ``hrsim/agents/network.py``): word of mouth after a bad day shows as a patch spreading
around the visitors who had it. The picture is one image, whatever the number of residents.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import solara
from matplotlib.axes import Axes
from matplotlib.cm import ScalarMappable
from matplotlib.colors import Normalize, TwoSlopeNorm
from matplotlib.figure import Figure
from mesa.visualization.utils import update_counter

from hrsim.app.figures import Picture
from hrsim.app.model import DemoModel
from hrsim.i18n import t

CHANGE_RANGE = 0.1  # colour scale of the change in trust since day 0: ± this much


@dataclass(frozen=True)
class Layout:
    """Where each resident is drawn.

    Attributes:
        pixel: Resident index at each pixel of the image (-1: no resident).
        row, col: Pixel of each resident.
        corners: Top-left pixel of each kelurahan's block.
    """

    pixel: np.ndarray
    row: np.ndarray
    col: np.ndarray
    corners: list[tuple[int, int]]


def layout(kelurahan: np.ndarray) -> Layout:
    """Blocks of one square per kelurahan (landscape grid); residents snake through their block.

    Args:
        kelurahan: Kelurahan of each resident; a kelurahan's residents are contiguous.
    """
    sizes = np.bincount(kelurahan)
    side = math.ceil(math.sqrt(sizes.max()))
    cols = math.ceil(math.sqrt(len(sizes) * 4 / 3))
    rows = math.ceil(len(sizes) / cols)
    step = side + max(side // 15, 1)  # block plus the gap between blocks
    pixel = np.full((rows * step, cols * step), -1, dtype=np.int64)
    first = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    rank = np.arange(len(kelurahan)) - first[kelurahan]  # place within the kelurahan
    line, along = np.divmod(rank, side)
    along = np.where(line % 2 == 0, along, side - 1 - along)  # snake: ties stay adjacent
    corners = [((k // cols) * step, (k % cols) * step) for k in range(len(sizes))]
    top = np.array([r for r, _ in corners])[kelurahan]
    left = np.array([c for _, c in corners])[kelurahan]
    row, col = top + line, left + along
    pixel[row, col] = np.arange(len(kelurahan))
    return Layout(pixel, row, col, corners)


def draw_community(model: DemoModel, where: Layout, lang: str, change: bool = True) -> Figure:
    """Residents coloured by the change in their trust since day 0 (or by the trust itself).

    Visitors who had a bad visit today (satisfaction below one half) are ringed: word of mouth
    starts from them.
    """
    pop = model.citizens
    if change:
        values, label = pop.trust_office - pop.predisposition, t("app.community.change", lang)
        colours = ScalarMappable(TwoSlopeNorm(0.0, -CHANGE_RANGE, CHANGE_RANGE), "RdBu")
    else:
        values, label = pop.trust_office, t("trust_office", lang)
        colours = ScalarMappable(Normalize(0.0, 1.0), "RdYlGn")
    pixels = colours.to_rgba(values[where.pixel], bytes=True)  # colour once, not per redraw
    pixels[where.pixel < 0] = 255  # white between the blocks
    fig = Figure(figsize=(6.4, 4.4))
    ax = fig.add_axes((0.0, 0.0, 0.86, 1.0))
    ax.imshow(pixels, interpolation="nearest")
    fig.colorbar(colours, cax=fig.add_axes((0.88, 0.1, 0.025, 0.8)), label=label,
                 ticks=colours.norm.inverse([0.0, 0.5, 1.0]))
    _mark_bad_visits(ax, model, where)
    for k, (top, left) in enumerate(where.corners):
        ax.text(left + 1, top + 1, t("app.community.kelurahan", lang, k=k + 1), fontsize=8,
                va="top")
    ax.set_axis_off()
    return fig


def _mark_bad_visits(ax: Axes, model: DemoModel, where: Layout) -> None:
    visit = model.today.encounters
    bad = visit.citizen[visit.served & (visit.satisfaction < 0.5)]
    ax.scatter(where.col[bad], where.row[bad], s=16, facecolors="none", edgecolors="black",
               linewidths=0.9)


@solara.component
def CommunityView(model: DemoModel, lang: str):
    """The community picture, a switch between trust and its change, and how to read it."""
    tick = update_counter.get()
    change = solara.use_reactive(True)
    where = solara.use_memo(lambda: layout(model.citizens.kelurahan), [model])
    Picture(lambda: draw_community(model, where, lang, change.value),
            [tick, model, lang, change.value], fmt="png")
    solara.Switch(label=t("app.community.show_change", lang), value=change)
    solara.Text(t("app.community.legend", lang), style={"font-size": "0.8em"})
