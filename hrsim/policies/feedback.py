"""A feedback and complaint channel with a response standard (responsiveness, accountability)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field

from hrsim.policies.base import Policy

if TYPE_CHECKING:
    from hrsim.model import HRModel


class FeedbackChannel(Policy):
    """Open an easy channel (LAPOR!, WhatsApp, suggestion box) and answer within the standard.

    Dissatisfied visitors complain more often (0.05 → 0.15 at full intensity, domain §9), complaints
    are resolved within the standard more often, visitors see that complaints are handled (U9), and
    more of citizens' input is visibly acted on.
    """

    key = "feedback"
    propensity_gain: float = Field(0.10, ge=0, le=1,
                                   description="Rise in the chance of complaining [A, domain §9].")
    on_time_target: float = Field(0.9, ge=0, le=1,
                                  description="Share resolved within standard at full intensity "
                                              "[A].")
    visibility_target: float = Field(0.85, ge=0, le=1,
                                     description="Visibility of complaint handling [A].")
    acted_on_target: float = Field(0.7, ge=0, le=1,
                                   description="Share of input visibly acted on [A].")
    cost_once_rp: float = Field(15_000_000, ge=0, description="Channel set-up and SOP (Rp) [A].")
    cost_per_year_rp: float = Field(60_000_000, ge=0,
                                    description="Complaint officer and follow-up (Rp/yr) [A].")

    def begin(self, model: HRModel) -> None:
        """The channel opens and the response standard applies."""
        o, k = model.office, self.intensity
        o.complaint_propensity = min(o.complaint_propensity + self.propensity_gain * k, 1.0)
        o.complaint_on_time += (self.on_time_target - o.complaint_on_time) * k
        o.complaint_visibility += (self.visibility_target - o.complaint_visibility) * k
        o.acted_on_share += (self.acted_on_target - o.acted_on_share) * k
