"""The app's whole page rendered headless with ``solara.render``, as the server renders it.

One helper, beside the root page (`hrsim.web`), for the tests (tests/test_app.py,
tests/test_planner.py) and the demo's benchmark (benchmarks/demo_step.py): the page in an
``AppLayout``, the planner's tabs included, with the sessions it asked for at hand (to step the
demo's model).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import solara

from hrsim import web
from hrsim.app.session import Session


@dataclass
class Headless:
    """A page rendered headless: its render context and the sessions the page asked for."""

    rc: Any  # reacton's RenderContext
    sessions: list[Session] = field(default_factory=list)

    @property
    def session(self) -> Session:
        """The page's session (the last one it asked for)."""
        return self.sessions[-1]


@solara.component
def Whole():  # noqa: N802 (a Solara component)
    """The page as the server shows it: in the app's layout."""
    with solara.AppLayout():
        web.Page()


@contextlib.contextmanager
def headless_page() -> Iterator[Headless]:
    """The app's page rendered now (its work folder from ``HRSIM_WORKDIR``), closed afterwards."""
    sessions: list[Session] = []
    real = web.use_session

    def recorded() -> Session:
        sessions.append(real())
        return sessions[-1]

    web.use_session = recorded
    try:
        _, rc = solara.render(Whole(), handle_error=False)
        try:
            yield Headless(rc, sessions)
        finally:
            rc.close()
    finally:
        web.use_session = real
