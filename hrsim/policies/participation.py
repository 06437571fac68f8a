"""Community participation forums (forum konsultasi publik; co-production, domain §10)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field

from hrsim.policies.base import Policy

if TYPE_CHECKING:
    from hrsim.day.component import World


class ParticipationForums(Policy):
    """Hold a public consultation forum every `interval_days`.

    Intensity is how actively residents are consulted (raises attendance). Whether forums build or
    erode trust depends on how much input is visibly acted on (see the feedback policy).
    """

    key = "participation"
    lever_order = 60
    interval_days: int = Field(20, ge=0, le=250,
                               description="Working days between forums (0: none) [A].")
    cost_per_forum_rp: float = Field(5_000_000, ge=0,
                                     description="Venue, snacks, facilitation per forum (Rp) [A].")

    def begin(self, world: World) -> None:
        """Forums are scheduled from today on."""
        world.component("forums").schedule(self.interval_days, self.intensity,
                                           self.cost_per_forum_rp * self.intensity)

    def end(self, world: World) -> None:
        """No more forums."""
        world.component("forums").schedule(0, 0.0, 0.0)
