"""A part of the page drawn apart, in a render context of its own (an island).

Reacton, which Solara draws with, walks the whole page on every redraw however small the part
that changed. The app's page holds the demo and the planner's four pages: without islands, each
step of the demo and each progress tick of a job would cost as much as all of them. An island's
own redraws walk only its widgets, and the page's redraws pass it by as one widget.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipyvue
import reacton
import solara


@solara.component
def Island(component: Callable[..., Any], *args: Any):
    """`component(*args)` drawn apart; drawn again when `args` change, closed with the page.

    Errors are not caught here: they reach the page's render (a test sees them raised).
    """
    box = solara.use_memo(lambda: ipyvue.Html(tag="div"), [])
    drawn = solara.use_ref(None)

    def draw() -> None:
        if drawn.current is None:
            _, drawn.current = reacton.render(component(*args), box, handle_error=False)
        else:
            drawn.current.render(component(*args), box)

    def close() -> None:
        drawn.current.close()
        box.close()

    solara.use_effect(draw, list(args))
    solara.use_effect(lambda: close, [])
    return solara.v.Html(tag="div", children=[box])
