"""Inter-agency coordination: PATEN-style integration and shared information."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field

from hrsim.policies.base import Policy

if TYPE_CHECKING:
    from hrsim.model import HRModel


class Coordination(Policy):
    """Integrate the kecamatan with the agencies its files pass through.

    Shared information and agreed procedures close ``gap_closed`` of the distance between each
    agency's coordination quality q and 1 (at full intensity PATEN halves the bounce-back
    probability, domain §8), which also shortens agency delays (× (2 − q)). With authority
    delegated to the camat, new files skip delegable stages, and the sekretaris camat may sign when
    the camat is out. Co-location without authority gains little: set ``delegation = false``.
    """

    key = "coordination"
    gap_closed: float = Field(0.5, ge=0, le=1,
                              description="Share of the coordination gap 1 − q closed [A].")
    delegation: bool = Field(True, description="The walikota delegates authority (PATEN) [S].")
    cost_once_rp: float = Field(150_000_000, ge=0,
                                description="MoUs, SOPs and a shared information system (Rp) [A].")
    cost_per_year_rp: float = Field(60_000_000, ge=0,
                                    description="Liaison staff and system upkeep (Rp/yr) [A].")

    def begin(self, model: HRModel) -> None:
        """Coordination improves with every external agency."""
        k = self.gap_closed * self.intensity
        for agency in model.external_agencies:
            agency.coordination += (1 - agency.coordination) * k
        if self.delegation and self.intensity > 0:
            model.office.delegated = True
            camat = model.agencies["signature"]
            camat.availability = 1 - (1 - camat.availability) * (1 - self.intensity)
