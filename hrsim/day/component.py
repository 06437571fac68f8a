"""Components: the parts of the model's working day, and the narrow world they live in.

In the manner of Starsim's modules, each component declares what it owns:

* ``params`` — the groups of `Params` it reads (``hrsim params`` lists them by group); its
  ``self.p`` holds those and no others, so a component cannot come to depend on another's
  parameters unseen;
* ``states`` — the residents' arrays (columns of `Citizens`) that only it writes (others read
  them, or change them through its verbs);
* ``streams`` — the random streams it draws from (keyed as `hrsim.streams` describes, so common
  random numbers hold across scenarios);
* ``results`` — the fields of the day's record (`hrsim.records.DayRecord`) it writes, which
  measures read (each field has one writer).

Policies and other components change a component only through its verbs (``staff.train``,
``complaints.add_officer``, ``standards.publish``, ``forums.schedule`` …). A component sees the
model as a `World`: the few things every part of the day needs, typed here so that no mechanism
imports the model (the model is the assembler at the top).
"""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any, ClassVar, Protocol

import numpy as np

from hrsim.params import Params
from hrsim.records import DayRecord
from hrsim.streams import Stream, Streams
from hrsim.world.citizens import Citizens
from hrsim.world.requests import RequestBook


class World(Protocol):
    """What a component may use of the model it belongs to."""

    params: Params
    streams: Streams
    citizens: Citizens
    requests: RequestBook
    today: DayRecord
    time: float

    @property
    def day(self) -> int:
        """Recorded working day (≤ 0 during the burn-in)."""

    def component(self, name: str) -> Any:
        """The component called `name`."""

    def morning(self, day: int) -> float:
        """Model time of the morning of working day `day`."""

    def schedule_event(self, function: Callable[[], Any], *, at: float) -> Any:
        """Run `function` at model time `at` (Mesa's event list)."""

    def spend(self, rupiah: float) -> None:
        """Record money spent on policies."""

    def draw(self, mechanism: Stream, ids: np.ndarray, *keys: Any) -> np.ndarray:
        """Uniforms for requests `ids` at their current visit, fixed across scenarios."""


def param_view(params: Params, groups: tuple[str, ...]) -> SimpleNamespace:
    """The parameters of `groups`, as plain attributes (as fast to read as a local name)."""
    names = [name for group in groups for name in Params.groups()[group]]
    return SimpleNamespace(**{name: getattr(params, name) for name in names})


class Component:
    """One part of the working day.

    Args:
        world: The model the component belongs to.

    Attributes:
        p: The parameters of the component's ``params`` groups (no others).
    """

    name: ClassVar[str] = ""
    params: ClassVar[tuple[str, ...]] = ()
    states: ClassVar[tuple[str, ...]] = ()
    results: ClassVar[tuple[str, ...]] = ()
    streams: ClassVar[tuple[Stream, ...]] = ()

    def __init__(self, world: World) -> None:
        self.world = world
        self.p = param_view(world.params, self.params)

    def step(self) -> None:
        """The component's part of today."""

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r}>"
