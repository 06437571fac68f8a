"""Front-line staff: competence, courtesy, motivation and exhaustion (job demands–resources).

Each staff member is a Mesa agent. Their state sets how fast they serve, how often they err and how
courteous they are; under overload they cope (Lipsky 1980; Tummers et al. 2015) and, exhausted, may
leave, to be replaced by a newcomer with low competence. Equations: ``docs/ODD.md`` §7.
"""

from __future__ import annotations

import math
from enum import StrEnum
from typing import TYPE_CHECKING

import mesa
import numpy as np

if TYPE_CHECKING:
    from hrsim.model import HRModel


class Role(StrEnum):
    """Where a staff member works."""

    COUNTER = "counter"
    BACK_OFFICE = "back_office"


class Coping(StrEnum):
    """Street-level coping modes under overload (none when the load is bearable)."""

    NONE = "none"
    TOWARDS = "towards"  # bends the rules for clients: kinder, but wears out faster
    AWAY = "away"  # rations: turns people away, hurries (faster, more errors)
    AGAINST = "against"  # rigid: insists on every document, less courteous


def half_life_decay(half_life_days: float) -> float:
    """Daily multiplier of a stock that halves every `half_life_days`."""
    return math.exp(-math.log(2) / half_life_days)


RECOGNITION_DECAY = half_life_decay(20.0)  # Hawthorne-type boosts fade (domain §7)


class Staff(mesa.Agent):
    """A pelaksana at a desk or in the back office.

    Attributes:
        role: Counter or back office.
        desk: Desk index for counter staff (None in the back office).
        competence: Skill c in [0, 1] (without the decaying training boost).
        training_boost: Extra competence from training, decaying.
        courtesy_boost: Extra courtesy from interpersonal training, decaying.
        motivation: M in [0, 1].
        recognition: Transient motivation from recognition events.
        exhaustion: X in [0, 1].
        depersonalization: Dp in [0, 1].
        load: Today's demand d (utilisation of working time).
        coping: Today's coping mode.
    """

    def __init__(self, model: HRModel, role: Role, competence: float, motivation: float,
                 desk: int | None = None) -> None:
        super().__init__(model)
        self.role, self.desk = role, desk
        self.competence = competence
        self.training_boost = 0.0
        self.courtesy_boost = 0.0
        self.motivation = motivation
        self.recognition = 0.0
        self.exhaustion = 0.0
        self.depersonalization = 0.0
        self.load = 0.0
        self.coping = Coping.NONE
        self.training_decay = 1.0

    # --- effects of the staff member's state ----------------------------------------------------
    @property
    def skill(self) -> float:
        """Effective competence c (with the training boost)."""
        return min(self.competence + self.training_boost, 1.0)

    def speed(self) -> float:
        """Service-time multiplier (1.2 − 0.4c)(1 + 0.3X); hurried when rationing."""
        if not self.model.p.staff_effects:
            return 1.0
        m = (1.2 - 0.4 * self.skill) * (1 + 0.3 * self.exhaustion)
        return m * (1 - self.model.p.coping_speedup) if self.coping is Coping.AWAY else m

    def courtesy(self) -> float:
        """Courtesy (drives U7): base + 0.4M + 0.2H − 0.4Dp, shifted by coping and training."""
        office, shift = self.model.office, self.model.p.coping_courtesy
        c = (office.courtesy_base + 0.4 * (self.motivation + self.recognition)
             + 0.2 * office.hr_climate - 0.4 * self.depersonalization + self.courtesy_boost)
        c += {Coping.TOWARDS: shift, Coping.AGAINST: -shift}.get(self.coping, 0.0)
        return min(max(c, 0.0), 1.0)

    def error_rate(self) -> float:
        """Chance a file this person handles has an error: e0(1 − c)(1 + X), more when hurried."""
        p = self.model.p
        e = p.error_base * (1 - self.skill) * (1 + self.exhaustion)
        return min(e * p.coping_error_factor if self.coping is Coping.AWAY else e, 1.0)

    # --- daily dynamics -------------------------------------------------------------------------
    def end_of_day(self) -> None:
        """Update well-being from today's load, learn on the job, and choose tomorrow's coping."""
        p, office = self.model.p, self.model.office
        resources = (0.4 * office.hr_climate + 0.3 * p.supervisor_support
                     + 0.3 * office.autonomy)
        x = self.exhaustion
        x += (p.exhaustion_gain * max(self.load - p.load_threshold, 0.0)
              - p.exhaustion_recovery * resources * x - p.exhaustion_decay)
        if self.coping is Coping.TOWARDS:
            x += p.coping_strain
        self.exhaustion = min(max(x, 0.0), 1.0)
        self.depersonalization += p.depersonalization_rate * (self.exhaustion
                                                              - self.depersonalization)
        m = self.motivation + p.motivation_rate * (resources - self.motivation)
        self.motivation = min(max(m - p.motivation_exhaustion_loss * self.exhaustion, 0.0), 1.0)
        self.recognition *= RECOGNITION_DECAY
        self.training_boost *= self.training_decay
        self.courtesy_boost *= self.training_decay
        self.competence += p.learning_rate * (1 - self.competence)
        self.coping = self._choose_coping()

    def _draw(self, mechanism: str) -> float:
        """A uniform fixed by this staff member and today (the same in every scenario)."""
        return float(self.model.streams.uniform(mechanism, self.unique_id, self.model.day)[0])

    def _choose_coping(self) -> Coping:
        p = self.model.p
        weights = np.array([p.coping_towards, p.coping_away, p.coping_against])
        if self.load <= p.coping_load or weights.sum() <= 0:
            return Coping.NONE
        k = int(np.searchsorted(np.cumsum(weights) / weights.sum(), self._draw("coping"),
                                side="right"))
        return (Coping.TOWARDS, Coping.AWAY, Coping.AGAINST)[min(k, 2)]

    def wants_to_leave(self) -> bool:
        """Exhausted staff resign with a small daily probability."""
        p = self.model.p
        return self.exhaustion > p.leave_exhaustion and self._draw("leave") < p.leave_probability
