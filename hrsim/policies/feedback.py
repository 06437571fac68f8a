"""A feedback and complaint channel with a response standard (responsiveness, accountability)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field

from hrsim.policies.base import Policy

if TYPE_CHECKING:
    from hrsim.day.component import World


class FeedbackChannel(Policy):
    """Open an easy channel (LAPOR!, WhatsApp, suggestion box) with a complaint officer.

    Dissatisfied visitors complain more easily (`propensity_gain`, domain §9); the officer resolves
    `capacity_per_day` more complaints a day; answered complaints are posted at the office; and
    more of citizens' input is visibly acted on. The lever writes no score: U9 rises only as far
    as complaints are actually filed, answered within their standard and known — to the
    complainant, to those they tell, and to visitors who read the posted answers.
    """

    key = "feedback"
    lever_order = 40
    propensity_gain: float = Field(0.10, ge=0, le=1,
                                   description="Rise in the chance of complaining [A, domain §9].")
    capacity_per_day: float = Field(3.0, ge=0, le=100,
                                    description="Complaints the officer resolves per working "
                                                "day [A].")
    post_answers: bool = Field(True, description="Post answered complaints at the office [A].")
    acted_on_target: float = Field(0.7, ge=0, le=1,
                                   description="Share of input visibly acted on [A].")
    cost_once_rp: float = Field(15_000_000, ge=0, description="Channel set-up and SOP (Rp) [A].")
    cost_per_year_rp: float = Field(60_000_000, ge=0,
                                    description="Complaint officer and follow-up (Rp/yr) [A].")

    def begin(self, world: World) -> None:
        """The channel opens, the officer starts, answers are posted."""
        complaints, k = world.component("complaints"), self.intensity
        complaints.ease_voice(self.propensity_gain * k)
        complaints.add_officer(self.capacity_per_day * k)
        if self.post_answers and k > 0:
            complaints.post_answers()
        world.component("forums").act_on_input(self.acted_on_target, k)
