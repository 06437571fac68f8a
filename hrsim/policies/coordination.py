"""Inter-agency coordination: shared information and agreed procedures with the agencies."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field

from hrsim.policies.base import Policy

if TYPE_CHECKING:
    from hrsim.day.component import World


class Coordination(Policy):
    """Integrate the kecamatan with the agencies its files pass through.

    Shared information and agreed procedures close ``gap_closed`` of the distance between each
    external agency's coordination quality q and 1: fewer bounce-backs (``bounce_max``·(1 − q);
    at full intensity PATEN-style integration halves them, domain §8) and shorter agency delays
    (× (2 − q)). The camat's own signature desk is another lever (`Delegation`).
    """

    key = "coordination"
    lever_order = 70
    gap_closed: float = Field(0.5, ge=0, le=1,
                              description="Share of the coordination gap 1 − q closed [A].")
    cost_once_rp: float = Field(120_000_000, ge=0,
                                description="MoUs, SOPs and a shared information system (Rp) [A].")
    cost_per_year_rp: float = Field(50_000_000, ge=0,
                                    description="Liaison staff and system upkeep (Rp/yr) [A].")

    def begin(self, world: World) -> None:
        """Coordination improves with every external agency."""
        world.component("files").coordinate(self.gap_closed * self.intensity)
