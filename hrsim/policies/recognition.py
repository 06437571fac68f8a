"""Recognition and participatory leadership: the office's Human Relations climate."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field

from hrsim.policies.base import Policy

if TYPE_CHECKING:
    from hrsim.day.component import World


class Recognition(Policy):
    """Raise the HR climate H and hold regular recognition events.

    Participatory leadership lifts H, a job resource: motivation follows resources, and
    exhaustion recovers faster (H reaches courtesy only through motivation). Each recognition
    event adds a transient motivation boost (half-life `recognition_half_life_days`), kept modest
    because the original Hawthorne effects were weak (Levitt & List 2011) and recognition lifts
    performance by at most 16–17% (Stajkovic & Luthans 1997, 2003).
    """

    key = "recognition"
    lever_order = 20
    climate_gain: float = Field(0.2, ge=0, le=1, description="Rise of the HR climate H [A].")
    boost: float = Field(0.05, ge=0, le=0.5, description="Motivation per recognition event [A].")
    interval_days: int = Field(20, ge=1, le=250,
                               description="Working days between recognition events [A].")
    cost_once_rp: float = Field(20_000_000, ge=0,
                                description="Leadership coaching for managers (Rp) [A].")
    cost_per_year_rp: float = Field(24_000_000, ge=0,
                                    description="Awards and team events per year (Rp) [A].")

    def begin(self, world: World) -> None:
        """Leadership becomes participatory: the climate improves."""
        world.component("staff").improve_climate(self.climate_gain * self.intensity)
        world.component("staff").recognise(self.boost * self.intensity)

    def step(self, world: World) -> None:
        """Hold a recognition event when one is due."""
        if self.every(self.interval_days):
            world.component("staff").recognise(self.boost * self.intensity)
