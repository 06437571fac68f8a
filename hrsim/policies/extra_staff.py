"""Extra staff: more front desks and back-office posts (the HR-capacity challenge)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field

from hrsim.day.staff import Role
from hrsim.policies.base import Policy

if TYPE_CHECKING:
    from hrsim.day.component import World


class ExtraStaff(Policy):
    """Open `desks` new counters and add `back_office` posts, filled by newcomers.

    Intensity is the share of the posts actually filled (rounded). Costs are per post.
    """

    key = "extra_staff"
    lever_order = 30
    lever_switch = True
    desks: int = Field(1, ge=0, le=20, description="New counter desks, one clerk each.")
    back_office: int = Field(0, ge=0, le=50, description="New back-office posts.")
    cost_once_rp: float = Field(15_000_000, ge=0,
                                description="Desk, computer and queue display per post (Rp) [A].")
    cost_per_year_rp: float = Field(48_000_000, ge=0,
                                    description="Salary per post per year, ~Rp 4 million a month "
                                                "(Rp/yr) [A].")

    def cost_units(self) -> float:
        """Costs are per post filled."""
        return round(self.intensity * self.desks) + round(self.intensity * self.back_office)

    def begin(self, world: World) -> None:
        """Hire the newcomers (each counter clerk at a new desk)."""
        staff = world.component("staff")
        for _ in range(round(self.intensity * self.desks)):
            staff.hire(Role.COUNTER)
        for _ in range(round(self.intensity * self.back_office)):
            staff.hire(Role.BACK_OFFICE)
