"""Matplotlib figures on the page: built once, updated after each step, sent as PNG images.

A view's `make` function builds its figure (axes, legends, static parts) and returns a `Redraw`
that brings the figure up to date and returns it as PNG; only the redraw runs after each step.
Text is most of a small figure's cost: reusing the figure reuses matplotlib's cache of text
layouts, and a view whose frame never changes draws it once (`Backdrop`). The PNGs are lightly
compressed: they only travel to a browser nearby.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import numpy as np
import PIL.Image
import solara
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

Redraw = Callable[[], bytes]  # brings a figure up to date with the model; returns it as PNG
PNG_OPTIONS = {"compress_level": 1}


def figure_bytes(fig: Figure) -> bytes:
    """The figure as a PNG image, drawn on an Agg canvas that stays with it.

    Not ``savefig``: it lends the figure a new canvas for each image, and its renderer and pixel
    buffers, allocated afresh, made each step of the demo fault in megabytes of memory.
    """
    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    canvas.draw()
    return png_of(canvas)


def png_of(canvas: FigureCanvasAgg) -> bytes:
    """The canvas's pixels as PNG."""
    out = io.BytesIO()
    PIL.Image.fromarray(np.asarray(canvas.buffer_rgba())).save(out, format="png", **PNG_OPTIONS)
    return out.getvalue()


class Backdrop:
    """A figure whose frame (axes, colour bar, labels) is drawn once; only `moving` is redrawn.

    Matplotlib's blitting: the artists in `moving` are marked animated, the rest is drawn once and
    kept as pixels, and each frame draws the moving artists over a copy of those pixels.
    """

    def __init__(self, fig: Figure, moving: list[Artist]) -> None:
        self.fig, self.moving = fig, moving
        self.canvas = FigureCanvasAgg(fig)
        for artist in moving:
            artist.set_animated(True)
        self.canvas.draw()
        self.frame = self.canvas.copy_from_bbox(fig.bbox)

    def png(self) -> bytes:
        """The frame with the moving artists as they are now, as PNG."""
        self.canvas.restore_region(self.frame)
        for artist in self.moving:
            self.fig.draw_artist(artist)
        return png_of(self.canvas)


@solara.component
def Picture(make: Callable[[], Redraw], setup: list[Any], tick: int):
    """A figure built by `make` when one of `setup` changes, redrawn when `tick` changes."""
    redraw = solara.use_memo(make, setup)
    image = solara.use_memo(redraw, [*setup, tick])
    solara.Image(image, format="png", width="100%")
