"""Front-line staff: competence, courtesy, motivation and exhaustion (job demands–resources).

Each staff member is a Mesa agent. Their state sets how fast they serve, how often they err and how
courteous they are; under overload they cope (Lipsky 1980; Tummers et al. 2015) and, exhausted, may
leave, to be replaced by a newcomer with low competence. Equations: ``docs/ODD.md`` §7.

The `Crew` component owns the staff and the office's job resources (the HR climate, autonomy) and
their base courtesy; policies change them only through its verbs (`Crew.train`, `Crew.recognise`,
`Crew.improve_climate`, `Crew.add_autonomy`, `Crew.hire`), service points through a clerk's own
(`Staff.work`, `Staff.lend`, `Staff.come_back`).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

import mesa
import numpy as np
from scipy.special import ndtri

from hrsim.day.component import Component, World
from hrsim.day.trust import half_life_decay
from hrsim.streams import Stream


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

    Args:
        model: The model (a Mesa model).
        crew: The component the staff member belongs to (parameters and job resources).

    Attributes:
        role: Counter, back office or mobile unit.
        desk: Desk index for counter staff (None elsewhere).
        lent_to: The service point a counter clerk is lent to today (None: at their desk).
        competence: Skill c in [0, 1] (without the decaying training boost).
        potential: The skill the staff member grows towards on the job (their own ability).
        training_boost: Extra competence from training, decaying.
        courtesy_boost: Extra courtesy from interpersonal training, decaying.
        motivation: M in [0, 1].
        recognition: Transient motivation from recognition events.
        exhaustion: X in [0, 1].
        depersonalization: Dp in [0, 1].
        load: Today's demand d (utilisation of working time).
        coping: Today's coping mode.
    """

    def __init__(self, model: Any, crew: Crew, role: Role, competence: float, motivation: float,
                 desk: int | None = None) -> None:
        super().__init__(model)
        self.crew = crew
        self.role, self.desk = role, desk
        self.lent_to: str | None = None
        self.competence = competence
        self.potential = competence  # a newcomer's is drawn once appointed (`Crew.hire`)
        self.training_boost = 0.0
        self.courtesy_boost = 0.0
        self.motivation = motivation
        self.recognition = 0.0
        self.exhaustion = 0.0
        self.depersonalization = 0.0
        self.load = 0.0
        self.coping = Coping.NONE
        self.training_decay = 1.0

    # --- verbs of the service points that post the clerk ---------------------------------------
    def work(self, load: float) -> None:
        """Today's demand on the staff member (utilisation of their working time)."""
        self.load = load

    def lend(self, point: str) -> None:
        """A counter clerk is lent to another service point for the day."""
        self.lent_to = point

    def come_back(self) -> None:
        """A lent clerk is back at their desk."""
        self.lent_to = None

    # --- effects of the staff member's state ----------------------------------------------------
    @property
    def skill(self) -> float:
        """Effective competence c (with the training boost)."""
        return min(self.competence + self.training_boost, 1.0)

    def speed(self) -> float:
        """Service-time multiplier (1 + k_c(½ − c))(1 + k_X·X); hurried when rationing."""
        p = self.crew.p
        if not p.staff_effects:
            return 1.0
        m = (1 + p.speed_competence * (0.5 - self.skill)) * (1 + p.speed_exhaustion
                                                              * self.exhaustion)
        return m * (1 - p.coping_speedup) if self.coping is Coping.AWAY else m

    def courtesy(self) -> float:
        """Courtesy (drives U7): base + k_M(M + recognition) − k_D·Dp + training, and coping.

        The HR climate acts only through motivation (it is a job resource).
        """
        crew, p = self.crew, self.crew.p
        c = (crew.courtesy_base + p.courtesy_motivation * (self.motivation + self.recognition)
             - p.courtesy_depersonalization * self.depersonalization + self.courtesy_boost)
        coping = self.coping
        c += p.coping_courtesy if coping is Coping.TOWARDS else \
            -p.coping_courtesy if coping is Coping.AGAINST else 0.0
        return min(max(c, 0.0), 1.0)

    def error_rate(self) -> float:
        """Chance a file this person handles has an error: e0(1 − c)(1 + X), more when hurried."""
        p = self.crew.p
        e = p.error_base * (1 - self.skill) * (1 + self.exhaustion)
        return min(e * p.coping_error_factor if self.coping is Coping.AWAY else e, 1.0)

    # --- daily dynamics -------------------------------------------------------------------------
    def end_of_day(self) -> None:
        """Update well-being from today's load, learn on the job, and choose tomorrow's coping."""
        crew, p = self.crew, self.crew.p
        resources = (p.resource_weight_climate * crew.hr_climate
                     + p.resource_weight_support * p.supervisor_support
                     + p.resource_weight_autonomy * crew.autonomy)
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
        self.recognition *= crew.recognition_decay
        self.training_boost *= self.training_decay
        self.courtesy_boost *= self.training_decay
        self.competence += p.learning_rate * (self.potential - self.competence)
        self.coping = self._choose_coping()

    def _draw(self, mechanism: Stream) -> float:
        """A uniform fixed by this staff member and today (the same in every scenario)."""
        return float(self.crew.world.streams.uniform(mechanism, self.unique_id,
                                                     self.crew.world.day)[0])

    def _choose_coping(self) -> Coping:
        p = self.crew.p
        if self.load <= p.coping_load:
            return Coping.NONE
        weights = np.array([p.coping_towards, p.coping_away, p.coping_against])
        if weights.sum() <= 0:
            return Coping.NONE
        k = int(np.searchsorted(np.cumsum(weights) / weights.sum(), self._draw(Stream.COPING),
                                side="right"))
        return (Coping.TOWARDS, Coping.AWAY, Coping.AGAINST)[min(k, 2)]

    def wants_to_leave(self) -> bool:
        """Exhausted staff resign with a small daily probability."""
        p = self.crew.p
        return (self.exhaustion > p.leave_exhaustion
                and self._draw(Stream.LEAVE) < p.leave_probability)


class Crew(Component):
    """The office's staff, their job resources, and the end of their day.

    At the end of each day well-being and coping update and the exhausted may leave. A leaver's
    post stays vacant for `vacancy_days`; a newcomer takes it up on that morning (a Mesa event).

    Attributes:
        hr_climate: H — recognition, participation, communication (a job resource).
        autonomy: Training and autonomy (a job resource).
        courtesy_base: Courtesy of a demotivated, rested clerk in a neutral climate.
        counter_load: Yesterday's mean utilisation of the counter clerks (drives rationing).
        recognition_decay: Daily multiplier of a recognition event's motivation boost.
    """

    name = "staff"
    params = ("staff",)
    results = ("leavers",)
    streams = (Stream.STAFF, Stream.COPING, Stream.LEAVE, Stream.POTENTIAL)

    def __init__(self, world: World) -> None:
        super().__init__(world)
        p = self.p
        self.hr_climate, self.autonomy = p.hr_climate, p.autonomy
        self.courtesy_base = p.courtesy_base
        self.counter_load = 0.0
        self.recognition_decay = half_life_decay(p.recognition_half_life_days)
        self._vacant: dict[int, list[tuple[Role, int | None]]] = {}  # by the day filled
        # staff in post, in the order they took up their posts (as Mesa's agent set has them),
        # kept here because the day asks for them by role several times (Mesa's agent set is
        # a weak-keyed dictionary: slow to walk); `_by_role` is rebuilt when they change
        self._members: list[Staff] = []
        self._by_role: dict[Role, list[Staff]] | None = None
        self._clerks: list[Staff] = []
        rng = world.streams[Stream.STAFF]
        for desk in range(p.desks):
            self._appoint(Role.COUNTER, rng.normal(p.competence_mean, p.competence_sd),
                          rng.normal(p.motivation_mean, p.motivation_sd), desk)
        for _ in range(p.back_office_staff):
            self._appoint(Role.BACK_OFFICE, rng.normal(p.competence_mean, p.competence_sd),
                          rng.normal(p.motivation_mean, p.motivation_sd))

    # --- who is in post -------------------------------------------------------------------------
    @property
    def members(self) -> list[Staff]:
        """Service staff in post, in the order they took up their posts."""
        return list(self._members)

    def in_role(self, role: Role) -> list[Staff]:
        """Staff in post in one role."""
        return list(self._roles().get(role, ()))

    @property
    def clerks(self) -> list[Staff]:
        """Counter clerks in post, by desk."""
        self._roles()
        return list(self._clerks)

    def _roles(self) -> dict[Role, list[Staff]]:
        """Staff in post by role (rebuilt, with the clerks by desk, after a change of staff)."""
        if self._by_role is None:
            self._by_role = {}
            for s in self._members:
                self._by_role.setdefault(s.role, []).append(s)
            self._clerks = sorted(self._by_role.get(Role.COUNTER, ()), key=lambda s: s.desk)
        return self._by_role

    def vacant_desks(self) -> list[int]:
        """Counter desks whose post is vacant."""
        return [desk for posts in self._vacant.values() for _, desk in posts if desk is not None]

    def desks(self) -> int:
        """Every desk the office has, staffed or vacant (a new desk gets this index)."""
        used = [s.desk for s in self.in_role(Role.COUNTER)] + self.vacant_desks()
        return max(used, default=-1) + 1

    # --- verbs ----------------------------------------------------------------------------------
    def hire(self, role: Role, desk: int | None = None) -> Staff:
        """A newcomer with low competence takes up a post (a new desk if none is given)."""
        if role is Role.COUNTER and desk is None:
            desk = self.desks()
        return self._newcomer(role, desk)

    def train(self, competence_sds: float, courtesy_gain: float, decay: float) -> int:
        """A training round: every member's boosts restored (never stacked); returns trainees.

        Args:
            competence_sds: Competence gain in staff standard deviations (`competence_sd`).
            courtesy_gain: Courtesy gain.
            decay: Daily multiplier of both gains from now on.
        """
        members = self.members
        for s in members:
            s.training_boost = max(s.training_boost, competence_sds * self.p.competence_sd)
            s.courtesy_boost = max(s.courtesy_boost, courtesy_gain)
            s.training_decay = decay
        return len(members)

    def recognise(self, boost: float) -> None:
        """A recognition event: every member's motivation gets a transient boost."""
        for s in self.members:
            s.recognition += boost

    def improve_climate(self, gain: float) -> None:
        """The HR climate (a job resource) rises by `gain`, up to 1."""
        self.hr_climate = min(self.hr_climate + gain, 1.0)

    def add_autonomy(self, gain: float) -> None:
        """Autonomy (a job resource) rises by `gain`, up to 1."""
        self.autonomy = min(self.autonomy + gain, 1)

    # --- the day --------------------------------------------------------------------------------
    def step(self) -> None:
        """Loads of the day set the counter load; well-being updates; the exhausted may leave."""
        world = self.world
        clerks = self.clerks
        self.counter_load = float(np.mean([s.load for s in clerks])) if clerks \
            and world.today.open_desks else 0.0
        members = self.members
        for s in members:
            s.end_of_day()
        for s in members:
            if s.role is not Role.BACK_OFFICE:
                s.load = 0.0
            if s.wants_to_leave():
                due = world.day + self.p.vacancy_days
                if due not in self._vacant:
                    self._vacant[due] = []
                    world.schedule_event(self.fill, at=max(world.morning(due), world.time))
                self._vacant[due].append((s.role, s.desk))
                self._leave(s)
                world.today.leavers += 1

    def fill(self) -> None:
        """Mesa event on the morning a vacancy ends: newcomers take up the posts due."""
        for role, desk in self._vacant.pop(self.world.day, []):
            self._newcomer(role, desk)

    def _newcomer(self, role: Role, desk: int | None) -> Staff:
        """A newcomer: at `newcomer_competence`, growing towards an ability of their own.

        The ability is drawn as the staff's competence is, keyed by the newcomer (the same in
        every scenario).
        """
        p = self.p
        newcomer = self._appoint(role, p.newcomer_competence, p.motivation_mean, desk)
        u = self.world.streams.uniform(Stream.POTENTIAL, newcomer.unique_id)[0]
        newcomer.potential = float(np.clip(p.competence_mean + p.competence_sd * ndtri(u), 0, 1))
        return newcomer

    def _appoint(self, role: Role, competence: float, motivation: float,
                 desk: int | None = None) -> Staff:
        staff = Staff(self.world, self, role, float(np.clip(competence, 0, 1)),
                      float(np.clip(motivation, 0, 1)), desk)
        self._members.append(staff)
        self._by_role = None
        return staff

    def _leave(self, staff: Staff) -> None:
        staff.remove()
        self._members.remove(staff)
        self._by_role = None
