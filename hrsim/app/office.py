"""The office view: the desks, today's longest queue, and every staff member's state.

Each staff member is a face: its colour is their exhaustion (green rested, red exhausted), its mouth
their courtesy (a smile when courteous, a frown when not); under a clerk who copes with overload
the coping mode is written. The counter clerks sit at their desks, the back office on the right.
"""

from __future__ import annotations

import numpy as np
import solara
from matplotlib import colormaps
from matplotlib.collections import LineCollection, PatchCollection
from matplotlib.figure import Figure
from matplotlib.patches import Circle, Rectangle

from hrsim.app.figures import Picture, Redraw, figure_bytes
from hrsim.app.model import DemoModel
from hrsim.day.staff import Coping, Role, Staff
from hrsim.i18n import t
from hrsim.measures.waiting import queue_max

EXHAUSTION_COLOURS = colormaps["RdYlGn_r"]
WIDTH, HEIGHT = 12.0, 4.8  # drawing units; faces have radius 0.32
COUNTER_Y = 2.2  # the counter's front edge; the public waits below it
QUEUE_SHOWN = 60  # people drawn in the queue; more are counted in the label
QUEUE_PER_ROW = 20
NEUTRAL_COURTESY = 0.6  # a straight mouth; a rested, motivated clerk is near 0.75 (ODD §7.10)


def make_office(model: DemoModel, lang: str) -> Redraw:
    """Build the office picture; its redraw shows the office today (everything in it changes)."""
    fig = Figure(figsize=(7.2, 2.88))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, WIDTH)
    ax.set_ylim(0, HEIGHT)
    ax.set_aspect("equal")
    ax.set_axis_off()

    def redraw() -> bytes:
        for artist in [*ax.patches, *ax.texts, *ax.collections]:
            artist.remove()
        faces = _desks(ax, model, lang) + _back_office(ax, model, lang)
        _draw_faces(ax, faces)
        _queue(ax, model, lang)
        return figure_bytes(fig)

    return redraw


def desk_x(desk: int, desks: int) -> float:
    """Centre of a desk along the counter (the counter takes the left two thirds)."""
    span = 7.6 / max(desks, 1)
    return 0.3 + span * (desk + 0.5)


def _desks(ax, model: DemoModel, lang: str) -> list[tuple[float, float, float, Staff]]:
    """Desks with their clerks (or 'vacant'); returns the faces to draw."""
    clerks = {s.desk: s for s in model.counter_staff}
    desks = model.component("staff").desks()  # every desk the office has, staffed or vacant
    closed = model.time > 0 and model.today.open_desks == 0
    faces = []
    for desk in range(desks):
        x = desk_x(desk, desks)
        ax.add_patch(Rectangle((x - 0.45, COUNTER_Y), 0.9, 0.35, color="#8d6e63"))
        ax.text(x, COUNTER_Y + 0.17, str(desk + 1), color="white", ha="center", va="center",
                fontsize=8)
        clerk = clerks.get(desk)
        if clerk is None or closed:
            ax.text(x, COUNTER_Y + 0.9, t("app.office.closed" if closed else "app.office.vacant",
                                          lang), ha="center", fontsize=8, color="grey")
            continue
        faces.append((x, COUNTER_Y + 0.85, 0.32, clerk))
        if clerk.coping is not Coping.NONE:
            ax.text(x, COUNTER_Y + 1.35, t(f"app.coping.{clerk.coping}", lang), ha="center",
                    fontsize=7, style="italic")
    return faces


def _back_office(ax, model: DemoModel, lang: str) -> list[tuple[float, float, float, Staff]]:
    """The back office as a room on the right; returns the faces to draw."""
    left, bottom, width, height = 8.4, 1.5, 3.4, 3.2
    ax.add_patch(Rectangle((left, bottom), width, height, facecolor="#eceff1",
                           edgecolor="#90a4ae"))
    ax.text(left + width / 2, bottom + height - 0.2, t("app.office.back_office", lang),
            ha="center", va="top", fontsize=8)
    staff = model.staff_in(Role.BACK_OFFICE)
    cols = 4
    return [(left + 0.45 + (i % cols) * 0.83, bottom + height - 0.85 - (i // cols) * 0.65, 0.24, s)
            for i, s in enumerate(staff)]


def _draw_faces(ax, faces: list[tuple[float, float, float, Staff]]) -> None:
    """Faces in three collections: heads coloured by exhaustion, eyes, and mouths by courtesy."""
    if not faces:
        return
    x, y, r = (np.array(v, dtype=float) for v in zip(*[f[:3] for f in faces], strict=True))
    staff = [f[3] for f in faces]
    exhaustion = np.array([s.exhaustion for s in staff])
    courtesy = np.array([s.courtesy() for s in staff])
    heads = PatchCollection([Circle((a, b), c) for a, b, c in zip(x, y, r, strict=True)],
                            facecolors=EXHAUSTION_COLOURS(exhaustion), edgecolors="black",
                            linewidths=0.8)
    ax.add_collection(heads)
    ax.scatter(np.concatenate([x - 0.35 * r, x + 0.35 * r]), np.tile(y + 0.25 * r, 2), s=4,
               color="black")
    along = np.linspace(-0.45, 0.45, 9)
    bend = 0.8 * np.clip((courtesy - NEUTRAL_COURTESY) / 0.3, -1, 1)  # smile > 0 > frown
    mouths = [np.column_stack([a + w * along, b - 0.35 * w + k * w * (along**2 - 0.2)])
              for a, b, w, k in zip(x, y, r, bend, strict=True)]
    ax.add_collection(LineCollection(mouths, colors="black", linewidths=1.2))


def _queue(ax, model: DemoModel, lang: str) -> None:
    """The longest queue of the day as people waiting below the counter."""
    longest = queue_max(model)
    shown = min(longest, QUEUE_SHOWN)
    place = np.arange(shown)
    ax.scatter(0.5 + (place % QUEUE_PER_ROW) * 0.38, COUNTER_Y - 0.45 - (place // QUEUE_PER_ROW)
               * 0.4, s=60, color="#5c6bc0", edgecolors="white")
    label = t("app.office.queue", lang, n=longest)
    ax.text(0.3, 0.1, label, fontsize=9)


@solara.component
def OfficeView(model: DemoModel, tick: int, lang: str):
    """The office picture, redrawn when `tick` changes, and how to read it."""
    Picture(lambda: make_office(model, lang), [model, lang], tick)
    solara.Text(t("app.office.legend", lang), style={"font-size": "0.8em"})
