"""Front-line staff: competence, courtesy, motivation and exhaustion (job demands–resources).

Each staff member is a Mesa agent. Their state sets how fast they serve, how often they err and how
courteous they are; under overload they cope (Lipsky 1980; Tummers et al. 2015) and, exhausted, may
leave, to be replaced by a newcomer with low competence. Equations: ``docs/ODD.md`` §7.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

import mesa
import numpy as np

from hrsim.agents.trust import half_life_decay
from hrsim.components import Component
from hrsim.streams import Stream

if TYPE_CHECKING:
    from hrsim.model import HRModel


class Role(StrEnum):
    """Where a staff member works."""

    COUNTER = "counter"
    BACK_OFFICE = "back_office"
    MOBILE = "mobile"  # the clerks of a mobile service unit


class Coping(StrEnum):
    """Street-level coping modes under overload (none when the load is bearable)."""

    NONE = "none"
    TOWARDS = "towards"  # bends the rules for clients: kinder, but wears out faster
    AWAY = "away"  # rations: turns people away, hurries (faster, more errors)
    AGAINST = "against"  # rigid: insists on every document, less courteous


class Staff(mesa.Agent):
    """A pelaksana at a desk or in the back office.

    Attributes:
        role: Counter, back office or mobile unit.
        desk: Desk index for counter staff (None elsewhere).
        lent_to: The service point a counter clerk is lent to today (None: at their desk).
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
        self.lent_to: str | None = None
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
        """Service-time multiplier (1 + k_c(½ − c))(1 + k_X·X); hurried when rationing."""
        p = self.model.p
        if not p.staff_effects:
            return 1.0
        m = (1 + p.speed_competence * (0.5 - self.skill)) * (1 + p.speed_exhaustion
                                                              * self.exhaustion)
        return m * (1 - p.coping_speedup) if self.coping is Coping.AWAY else m

    def courtesy(self) -> float:
        """Courtesy (drives U7): base + k_M(M + recognition) − k_D·Dp + training, and coping.

        The HR climate acts only through motivation (it is a job resource).
        """
        p, office = self.model.p, self.model.office
        c = (office.courtesy_base + p.courtesy_motivation * (self.motivation + self.recognition)
             - p.courtesy_depersonalization * self.depersonalization + self.courtesy_boost)
        c += {Coping.TOWARDS: p.coping_courtesy, Coping.AGAINST: -p.coping_courtesy}.get(
            self.coping, 0.0)
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
        resources = (p.resource_weight_climate * office.hr_climate
                     + p.resource_weight_support * p.supervisor_support
                     + p.resource_weight_autonomy * office.autonomy)
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
        self.recognition *= half_life_decay(p.recognition_half_life_days)
        self.training_boost *= self.training_decay
        self.courtesy_boost *= self.training_decay
        self.competence += p.learning_rate * (1 - self.competence)
        self.coping = self._choose_coping()

    def _draw(self, mechanism: Stream) -> float:
        """A uniform fixed by this staff member and today (the same in every scenario)."""
        return float(self.model.streams.uniform(mechanism, self.unique_id, self.model.day)[0])

    def _choose_coping(self) -> Coping:
        p = self.model.p
        weights = np.array([p.coping_towards, p.coping_away, p.coping_against])
        if self.load <= p.coping_load or weights.sum() <= 0:
            return Coping.NONE
        k = int(np.searchsorted(np.cumsum(weights) / weights.sum(), self._draw(Stream.COPING),
                                side="right"))
        return (Coping.TOWARDS, Coping.AWAY, Coping.AGAINST)[min(k, 2)]

    def wants_to_leave(self) -> bool:
        """Exhausted staff resign with a small daily probability."""
        p = self.model.p
        return (self.exhaustion > p.leave_exhaustion
                and self._draw(Stream.LEAVE) < p.leave_probability)


class StaffDay(Component):
    """The end of the staff's day: well-being, coping, resignations and vacancies.

    A leaver's post stays vacant for `vacancy_days`; a newcomer takes it up on that morning (a
    Mesa event).
    """

    name = "staff"

    def __init__(self, model: HRModel) -> None:
        super().__init__(model)
        self._vacant: dict[int, list[tuple[Role, int | None]]] = {}  # by the day filled

    def vacant_desks(self) -> list[int]:
        """Counter desks whose post is vacant."""
        return [desk for posts in self._vacant.values() for _, desk in posts if desk is not None]

    def step(self) -> None:
        """Loads of the day set the counter load; well-being updates; the exhausted may leave."""
        model = self.model
        clerks = model.counter_staff
        model.office.counter_load = float(np.mean([s.load for s in clerks])) if clerks \
            and model.today.open_desks else 0.0
        model.staff.do("end_of_day")
        for s in list(model.staff):
            if s.role is not Role.BACK_OFFICE:
                s.load = 0.0
            if s.wants_to_leave():
                due = model.day + model.p.vacancy_days
                if due not in self._vacant:
                    self._vacant[due] = []
                    model.schedule_event(self.fill, at=max(model.morning(due), model.time))
                self._vacant[due].append((s.role, s.desk))
                s.remove()
                model.today.leavers += 1

    def fill(self) -> None:
        """Mesa event on the morning a vacancy ends: newcomers take up the posts due."""
        for post in self._vacant.pop(self.model.day, []):
            self.model.hire(*post)
