"""Published service standards: the Maklumat Pelayanan (UU 25/2009 Art. 21–22)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field

from hrsim.policies.base import Policy

if TYPE_CHECKING:
    from hrsim.day.component import World


class ServiceStandards(Policy):
    """Publish requirements, procedure, completion times and fees, and pledge to meet them.

    Requirements become clearer (U1, fewer missing documents), published fees leave less room for
    unofficial payments (U4), and the posted completion times inform what visitors expect (E_U3,
    weighted by `standard_information`; they do not replace it): a kept promise then pleases, a
    missed one disappoints (domain §4).
    """

    key = "standards"
    lever_order = 50
    clarity_target: float = Field(0.9, ge=0, le=1,
                                  description="Requirement clarity a published standard gives "
                                              "(at most requirement_clarity_max) [A].")
    clarity_gain: float = Field(0.6, ge=0, le=1,
                                description="Share of the gap to clarity_target closed [A].")
    fee_reduction: float = Field(0.6, ge=0, le=1,
                                 description="Relative fall in unofficial fees [A].")
    cost_once_rp: float = Field(25_000_000, ge=0,
                                description="Drafting, printing, boards, socialisation (Rp) [A].")
    cost_per_year_rp: float = Field(10_000_000, ge=0,
                                    description="Updates and annual review (Rp/yr) [A].")

    def begin(self, world: World) -> None:
        """The standard is posted at the office."""
        k = self.intensity
        if k > 0:
            world.component("standards").publish(self.clarity_target, self.clarity_gain * k,
                                                  self.fee_reduction * k)
