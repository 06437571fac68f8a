"""Community participation forums (forum konsultasi publik; co-production, domain §10)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field

from hrsim.office.forums import hold_forum
from hrsim.policies.base import Policy

if TYPE_CHECKING:
    from hrsim.model import HRModel


class ParticipationForums(Policy):
    """Hold a public consultation forum every `interval_days`.

    Intensity is how actively residents are consulted (raises attendance). Whether forums build or
    erode trust depends on how much input is visibly acted on (see the feedback policy).
    """

    key = "participation"
    interval_days: int = Field(20, ge=1, le=250, description="Working days between forums [A].")
    cost_per_forum_rp: float = Field(5_000_000, ge=0,
                                     description="Venue, snacks, facilitation per forum (Rp) [A].")

    def begin(self, model: HRModel) -> None:
        """The first forum."""
        self._forum(model)

    def step(self, model: HRModel) -> None:
        """A forum when one is due."""
        if self.every(self.interval_days):
            self._forum(model)

    def _forum(self, model: HRModel) -> None:
        hold_forum(model, consulted=self.intensity)
        model.spend(self.cost_per_forum_rp * self.intensity)
