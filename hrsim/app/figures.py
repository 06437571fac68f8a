"""Matplotlib figures on the page: drawn only when what they show changes, sent as an image.

Line drawings go out as SVG with their text left to the browser, which costs a fraction of
rasterising the text in matplotlib; pictures made of pixels (the community) go out as PNG, lightly
compressed since they only travel to a browser nearby.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable
from typing import Any, Literal

import matplotlib
import solara
from matplotlib.figure import Figure

Format = Literal["svg", "png"]
_SVG_SETTINGS = threading.Lock()  # rc_context changes global settings: one SVG at a time


def figure_bytes(fig: Figure, fmt: Format) -> bytes:
    """The figure as SVG (text as text) or PNG."""
    out = io.BytesIO()
    if fmt == "svg":
        with _SVG_SETTINGS, matplotlib.rc_context({"svg.fonttype": "none"}):
            fig.savefig(out, format="svg")
    else:
        fig.savefig(out, format="png", pil_kwargs={"compress_level": 1})
    return out.getvalue()


@solara.component
def Picture(draw: Callable[[], Figure], dependencies: list[Any], fmt: Format = "svg"):
    """A figure drawn by `draw`, redrawn only when one of `dependencies` changes."""
    image = solara.use_memo(lambda: figure_bytes(draw(), fmt), dependencies)
    solara.Image(image, format="svg+xml" if fmt == "svg" else "png", width="100%")
