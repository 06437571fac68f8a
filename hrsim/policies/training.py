"""Interpersonal and competence training for all service staff (Arthur et al. 2003)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field

from hrsim.day.trust import half_life_decay
from hrsim.policies.base import Policy

if TYPE_CHECKING:
    from hrsim.day.component import World


class Training(Policy):
    """Train every staff member; refresh the course every `refresh_days`.

    A round brings competence to ``effect_sd`` staff standard deviations above the trainee's
    own level (Arthur et al. 2003: d ≈ 0.6 on behaviour) and courtesy to the same effect on a
    courtesy spread of ``courtesy_sd``; both gains fade with a half-life of ``half_life_days``
    (6–13 months: Arthur et al. 1998; Tatel & Ackerman 2025). A refresher restores the gain, it
    never stacks on what is left: however often refreshed, the boost stays within the cited
    effect. Training is also a job resource while the programme runs.
    """

    key = "training"
    lever_order = 10
    effect_sd: float = Field(0.6, ge=0, le=3, description="Gain per round in staff SDs [S].")
    courtesy_sd: float = Field(0.1, ge=0, le=1, description="Spread of courtesy [A].")
    half_life_days: float = Field(150.0, gt=0, le=2000,
                                  description="Half-life of the gains in working days [A].")
    refresh_days: int = Field(125, ge=0, le=2000,
                              description="Working days between rounds (0 = one round) [A].")
    resource_gain: float = Field(0.2, ge=0, le=1, description="Rise of the autonomy resource [A].")
    cost_per_trainee_rp: float = Field(3_500_000, ge=0,
                                       description="Cost per trainee per round (Rp) [A].")

    def begin(self, world: World) -> None:
        """First round; training becomes a job resource."""
        world.component("staff").add_autonomy(self.resource_gain * self.intensity)
        self._round(world)

    def step(self, world: World) -> None:
        """Refresh the course when it is due."""
        if self.every(self.refresh_days):
            self._round(world)

    def _round(self, world: World) -> None:
        gain = self.effect_sd * self.intensity
        trainees = world.component("staff").train(gain, gain * self.courtesy_sd,
                                                  half_life_decay(self.half_life_days))
        world.spend(self.cost_per_trainee_rp * self.intensity * trainees)
