"""Published service standards: the Maklumat Pelayanan (UU 25/2009 Art. 21–22)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field

from hrsim.policies.base import Policy

if TYPE_CHECKING:
    from hrsim.model import HRModel


class ServiceStandards(Policy):
    """Publish requirements, procedure, completion times and fees, and pledge to meet them.

    Requirements become clearer (U1, fewer missing documents), published fees leave less room for
    unofficial payments (U4), and the posted completion times inform what visitors expect (E_U3,
    weighted by `standard_information`; they do not replace it): a kept promise then pleases, a
    missed one disappoints (domain §4).
    """

    key = "standards"
    lever_order = 4
    clarity_gain: float = Field(0.6, ge=0, le=1,
                                description="Share of the clarity gap to 0.9 closed [A].")
    fee_reduction: float = Field(0.6, ge=0, le=1,
                                 description="Relative fall in unofficial fees [A].")
    cost_once_rp: float = Field(25_000_000, ge=0,
                                description="Drafting, printing, boards, socialisation (Rp) [A].")
    cost_per_year_rp: float = Field(10_000_000, ge=0,
                                    description="Updates and annual review (Rp/yr) [A].")

    def begin(self, model: HRModel) -> None:
        """The standard is posted at the office."""
        o, k = model.office, self.intensity
        o.requirement_clarity += (0.9 - o.requirement_clarity) * self.clarity_gain * k
        o.unofficial_fee *= 1 - self.fee_reduction * k
        o.standards_published = k > 0
