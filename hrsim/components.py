"""Components: the model's working day as an explicit, ordered list of parts.

In the manner of Starsim's modules, each component owns its parameters (read from `Params`), its
state, its part of the day's record and its `step`. `HRModel.components` lists them in the order
they run each working day (``docs/ODD.md`` §3 is that list). A policy acts by changing a
component's state, or by adding a component (a second service point, for instance) with
`HRModel.add_component`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from hrsim.model import HRModel


class Component:
    """One part of the working day.

    Args:
        model: The model the component belongs to.
    """

    name: ClassVar[str] = ""

    def __init__(self, model: HRModel) -> None:
        self.model = model

    def step(self) -> None:
        """The component's part of today."""

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r}>"
