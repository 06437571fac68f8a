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
from matplotlib.cm import ScalarMappable
from matplotlib.colors import Normalize, TwoSlopeNorm
from matplotlib.figure import Figure

from hrsim.app.figures import Backdrop, Picture, Redraw
from hrsim.app.model import DemoModel
from hrsim.i18n import t

CHANGE_RANGE = 0.1  # colour scale of the change in trust since day 0: ± this much


@dataclass(frozen=True)
class Layout:
    """Where each resident is drawn.

    Attributes:
        pixel: Resident index at each pixel of the image (-1: no resident).
        row, col: Pixel of each resident.
        corners: Top-left pixel of each kelurahan's band, where its name goes.
    """

    pixel: np.ndarray
    row: np.ndarray
    col: np.ndarray
    corners: list[tuple[int, int]]


def layout(kelurahan: np.ndarray) -> Layout:
    """Blocks of one square per kelurahan (landscape grid); residents snake through their block.

    Above each block a band is left free for the kelurahan's name.

    Args:
        kelurahan: Kelurahan of each resident; a kelurahan's residents are contiguous.
    """
    sizes = np.bincount(kelurahan)
    side = math.ceil(math.sqrt(sizes.max()))
    cols = math.ceil(math.sqrt(len(sizes) * 4 / 3))
    rows = math.ceil(len(sizes) / cols)
    gap, band = max(side // 15, 1), max(side // 7, 2)
    across, down = side + gap, band + side + gap  # one block with its surroundings
    pixel = np.full((rows * down, cols * across), -1, dtype=np.int64)
    first = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    rank = np.arange(len(kelurahan)) - first[kelurahan]  # place within the kelurahan
    line, along = np.divmod(rank, side)
    along = np.where(line % 2 == 0, along, side - 1 - along)  # snake: ties stay adjacent
    corners = [((k // cols) * down, (k % cols) * across) for k in range(len(sizes))]
    top = np.array([r for r, _ in corners])[kelurahan] + band
    left = np.array([c for _, c in corners])[kelurahan]
    row, col = top + line, left + along
    pixel[row, col] = np.arange(len(kelurahan))
    return Layout(pixel, row, col, corners)


def make_community(model: DemoModel, where: Layout, lang: str, change: bool) -> Redraw:
    """Build the residents' picture, coloured by the change in trust since day 0 or by trust.

    The redraw recolours the residents and rings today's visitors who had a bad visit
    (a negative valence): word of mouth starts from them.
    """
    pop = model.citizens
    if change:
        label = t("app.community.change", lang)
        colours = ScalarMappable(TwoSlopeNorm(0.0, -CHANGE_RANGE, CHANGE_RANGE), "RdBu")
    else:
        label, colours = t("trust_office", lang), ScalarMappable(Normalize(0.0, 1.0), "RdYlGn")
    fig = Figure(figsize=(6.4, 4.4))
    ax = fig.add_axes((0.0, 0.0, 0.82, 1.0))
    ax.set_axis_off()
    image = ax.imshow(np.zeros((*where.pixel.shape, 4), np.uint8), interpolation="nearest")
    rings = ax.scatter([], [], s=16, facecolors="none", edgecolors="black", linewidths=0.9)
    fig.colorbar(colours, cax=fig.add_axes((0.84, 0.1, 0.025, 0.8)), label=label,
                 ticks=colours.norm.inverse([0.0, 0.5, 1.0]))
    for k, (top, left) in enumerate(where.corners):
        ax.text(left, top, t("app.community.kelurahan", lang, k=k + 1), fontsize=7, va="top")

    backdrop = Backdrop(fig, [image, rings])

    def redraw() -> bytes:
        values = pop.trust_office - pop.predisposition if change else pop.trust_office
        pixels = colours.to_rgba(values[where.pixel], bytes=True)  # coloured here: fast to draw
        pixels[where.pixel < 0] = 0  # transparent around the blocks: the names show through
        image.set_data(pixels)
        visit = model.today.encounters
        bad = visit.citizen[visit.served & (visit.valence < 0)]
        rings.set_offsets(np.column_stack([where.col[bad], where.row[bad]]))
        return backdrop.png()

    return redraw


@solara.component
def CommunityView(model: DemoModel, tick: int, lang: str):
    """The community picture, a switch between trust and its change, and how to read it."""
    change = solara.use_reactive(True)
    where = solara.use_memo(lambda: layout(model.citizens.kelurahan), [model])
    Picture(lambda: make_community(model, where, lang, change.value),
            [model, lang, change.value], tick)
    solara.Switch(label=t("app.community.show_change", lang), value=change)
    solara.Text(t("app.community.legend", lang), style={"font-size": "0.8em"})
