"""HRModel: a kantor camat, its staff, the agencies its files pass through, and its residents.

One step is one working day. The day is the ordered list `HRModel.components` (``docs/ODD.md`` §3):
policies act; needs arise and today's visitors set out; each service point serves its queue; the
back office and the agencies work their files; visitors rate their visit and learn from it;
complaints are filed and answered; people tell their neighbours; trust relaxes; forums meet; staff
end their day. Agency returns, vacancies filled, policy starts and surveys are Mesa events.

Every run first simulates `burn_in_days` unrecorded days of the office as it is, so that recorded
day 1 starts in the model's steady state: Mesa's ``model.time`` counts from the start of the
burn-in, ``model.day`` counts recorded working days (≤ 0 during the burn-in).
"""

from __future__ import annotations

import math
import pickle
from collections.abc import Sequence
from typing import Any

import mesa
import numpy as np
from mesa.time import Schedule

from hrsim import measures
from hrsim.agents.agency import Agency
from hrsim.agents.citizens import Citizens
from hrsim.agents.staff import Role, Staff, StaffDay
from hrsim.agents.trust import Trust
from hrsim.agents.word_of_mouth import WordOfMouth
from hrsim.components import Component
from hrsim.elements import ELEMENTS
from hrsim.measures import ikm
from hrsim.office import services
from hrsim.office.complaints import Complaints
from hrsim.office.demand import Demand
from hrsim.office.experience import Experience
from hrsim.office.flow import FileFlow
from hrsim.office.forums import Forums
from hrsim.office.requests import RequestBook, Where
from hrsim.office.service_point import ServicePoint
from hrsim.office.state import OfficeState
from hrsim.params import Params
from hrsim.policies import Policy, PolicyDay
from hrsim.records import DayRecord, History
from hrsim.streams import Stream, Streams


class HRModel(mesa.Model):
    """The kecamatan service model.

    Args:
        policies: Policies to apply (each starts on its own day).
        rng: Integer seed; every random stream of the run derives from it.
        begin: Start the recorded run at once (False: stop after the burn-in; call `begin`).
        **params: Overrides of `Params` (see ``hrsim params``).

    Attributes:
        p: The validated parameters.
        components: The working day, in order (see `add_component`).
        office: Mutable office state that policies act on.
        citizens: The resident population (numpy arrays).
        requests: Every service request of the run.
        history: One `DayRecord` per recorded working day.
        surveys: The periodic SKM surveys.
        datacollector: Mesa DataCollector of the daily measures.
        daily_series: Whether the datacollector records the daily measures (summaries and
            surveys do not need it: a calibration's thousands of runs skip it).
    """

    def __init__(self, *, policies: Sequence[Policy] = (), rng: int = 0,
                 daily_series: bool = True, begin: bool = True, **params: Any) -> None:
        super().__init__(rng=rng)
        self.daily_series = daily_series
        self.p = Params(**params)
        self.seed = int(rng)
        self.streams = Streams(self.seed)
        self.burn_in = self.p.burn_in_days
        self.recording = False
        self.office = OfficeState.from_params(self.p)
        self.citizens = Citizens(self.p, self.streams[Stream.POPULATION])
        self.requests = RequestBook()
        self.history = History()
        self.today = DayRecord(day=self.day)
        self.memo: dict[tuple[str, float], Any] = {}
        self.surveys: list[dict[str, Any]] = []
        self.spent_rp = 0.0
        self.policies: list[Policy] = []
        self.agencies, self.kelurahan_offices = self._create_agencies()
        self.components: list[Component] = self.working_day()
        self._create_staff()
        self.datacollector = self._new_datacollector()
        if self.burn_in:
            self.run_for(self.burn_in)
        self._start_recording()
        if begin:
            self.begin(policies)

    def begin(self, policies: Sequence[Policy] = ()) -> None:
        """Start the recorded run: attach the policies and schedule the surveys.

        The burn-in before it depends only on the parameters and the seed, never on policies.
        """
        self.policies = [policy.model_copy(deep=True) for policy in policies]
        for policy in self.policies:
            policy.attach(self)
        self.schedule_recurring(self.survey, Schedule(interval=self.p.survey_period_days,
                                                      start=self.burn_in
                                                      + self.p.survey_period_days))

    def snapshot(self) -> bytes:
        """The model as it stands after the burn-in, before `begin`, as bytes (a pickle).

        The datacollector is left out: it has recorded nothing yet, and its reporters are not
        all picklable. `restore` gives it a new one.
        """
        collector, self.datacollector = self.datacollector, None
        try:
            return pickle.dumps(self, protocol=pickle.HIGHEST_PROTOCOL)
        finally:
            self.datacollector = collector

    @staticmethod
    def restore(snapshot: bytes, *, daily_series: bool = True) -> HRModel:
        """A model from `snapshot`, exactly as it was (its random streams included)."""
        model = pickle.loads(snapshot)  # noqa: S301 (bytes this process made with `snapshot`)
        model.daily_series = daily_series
        model.datacollector = model._new_datacollector()
        return model

    # --- construction ------------------------------------------------------------------------
    @staticmethod
    def _new_datacollector() -> mesa.DataCollector:
        return mesa.DataCollector(model_reporters=dict(measures.DAILY),
                                  tables={"surveys": SURVEY_COLUMNS})

    def working_day(self) -> list[Component]:
        """The components of a working day, in order (``docs/ODD.md`` §3)."""
        return [PolicyDay(self), Demand(self), ServicePoint(self), FileFlow(self),
                Experience(self), Complaints(self), WordOfMouth(self), Trust(self), Forums(self),
                StaffDay(self)]

    def _create_staff(self) -> None:
        rng, p = self.streams[Stream.STAFF], self.p
        for desk in range(p.desks):
            self._new_staff(Role.COUNTER, rng.normal(p.competence_mean, p.competence_sd),
                            rng.normal(p.motivation_mean, p.motivation_sd), desk)
        for _ in range(p.back_office_staff):
            self._new_staff(Role.BACK_OFFICE, rng.normal(p.competence_mean, p.competence_sd),
                            rng.normal(p.motivation_mean, p.motivation_sd))

    def _new_staff(self, role: Role, competence: float, motivation: float,
                   desk: int | None = None) -> Staff:
        return Staff(self, role, float(np.clip(competence, 0, 1)),
                     float(np.clip(motivation, 0, 1)), desk)

    def _create_agencies(self) -> tuple[dict[str, Agency], list[Agency]]:
        p = self.p
        agencies = {
            "signature": Agency(self, services.SIGNATURE, p.signature_capacity, 0.0, 1.0,
                                availability=p.camat_availability),
            "disdukcapil": Agency(self, services.DISDUKCAPIL, p.capacity_disdukcapil,
                                  p.delay_disdukcapil_days, p.coordination_disdukcapil),
            "dpmptsp": Agency(self, services.DPMPTSP, p.capacity_dpmptsp,
                              p.delay_dpmptsp_days, p.coordination_dpmptsp),
        }
        kelurahan = [Agency(self, services.KELURAHAN, p.capacity_kelurahan,
                            p.delay_kelurahan_days, p.coordination_kelurahan, kelurahan=k)
                     for k in range(p.kelurahan)]
        return agencies, kelurahan

    def _start_recording(self) -> None:
        """End of the burn-in: keep the state, forget the record, centre expectations."""
        self.citizens.centre_expectations(self.history.encounters(self.burn_in))
        self.citizens.encounters[:] = 0
        self.citizens.complaints[:] = 0
        self.citizens.forums[:] = 0
        self.history = History()
        self.memo.clear()
        self.recording = True

    def hire(self, role: Role, desk: int | None = None) -> Staff:
        """A newcomer with low competence takes up a post."""
        return self._new_staff(role, self.p.newcomer_competence, self.p.motivation_mean, desk)

    def open_desk(self) -> int:
        """Index for a new counter desk."""
        used = [s.desk for s in self.staff_in(Role.COUNTER)] + \
            self.component("staff").vacant_desks()
        return max(used, default=-1) + 1

    # --- components ----------------------------------------------------------------------------
    def component(self, name: str) -> Any:
        """The component called `name`.

        Raises:
            KeyError: No component has that name.
        """
        for c in self.components:
            if c.name == name:
                return c
        raise KeyError(f"no component {name!r}; the day is {[c.name for c in self.components]}")

    def add_component(self, component: Component, *, before: str) -> None:
        """Insert a component into the working day before the one called `before`."""
        if any(c.name == component.name for c in self.components):
            raise ValueError(f"the day already has a component {component.name!r}")
        at = self.components.index(self.component(before))
        self.components.insert(at, component)

    @property
    def service_points(self) -> list[ServicePoint]:
        """Where citizens are served, in the order of the day (the counter among them)."""
        return [c for c in self.components if isinstance(c, ServicePoint)]

    @property
    def trust(self) -> Trust:
        """The component that owns every change of trust."""
        return self.component("trust")

    @property
    def files(self) -> FileFlow:
        """The back office and the agencies' file flow."""
        return self.component("files")

    @property
    def complaints(self) -> Complaints:
        """The complaint desk."""
        return self.component("complaints")

    # --- views -------------------------------------------------------------------------------
    @property
    def staff(self) -> mesa.agent.AgentSet:
        """Service staff in post."""
        if Staff in self.agents_by_type:
            return self.agents_by_type[Staff]
        return mesa.agent.AgentSet([], random=self.random)

    @property
    def counter_staff(self) -> list[Staff]:
        """Counter clerks in post, by desk."""
        return sorted(self.staff_in(Role.COUNTER), key=lambda s: s.desk)

    def staff_in(self, role: Role) -> list[Staff]:
        """Staff in post in one role."""
        return [s for s in self.staff if s.role is role]

    @property
    def external_agencies(self) -> list[Agency]:
        """Agencies outside the kantor camat (coordination applies to these)."""
        return [self.agencies["disdukcapil"], self.agencies["dpmptsp"], *self.kelurahan_offices]

    @property
    def day(self) -> int:
        """Recorded working day (1 is the first day after the burn-in; ≤ 0 during it)."""
        return math.ceil(self.time) - self.burn_in

    def morning(self, day: int) -> float:
        """Model time of the morning of recorded working day `day`, before the office opens."""
        return day + self.burn_in - 0.5

    # --- helpers used by mechanisms and policies ----------------------------------------------
    def spend(self, rupiah: float) -> None:
        """Record money spent on policies."""
        self.spent_rp += rupiah
        self.today.spent_rp += rupiah

    def draw(self, mechanism: Stream, ids: np.ndarray, *keys: Any) -> np.ndarray:
        """Uniforms for requests `ids` at their current visit, fixed across scenarios (CRN)."""
        return self.component("demand").draw(mechanism, ids, *keys)

    def revisit_days(self, ids: np.ndarray, why: Stream) -> np.ndarray:
        """Days on which citizens told to come again return: tomorrow plus a geometric delay."""
        extra_mean = self.p.revisit_delay_days - 1
        if extra_mean <= 0:
            return np.full(len(ids), self.day + 1)
        u = self.draw(why, ids)
        return self.day + 1 + np.floor(np.log1p(-u) / np.log1p(-1 / (1 + extra_mean))).astype(int)

    # --- the working day -----------------------------------------------------------------------
    def step(self) -> None:
        """Simulate one working day: every component in order, then the record."""
        self.memo.clear()
        self.today = DayRecord(day=self.day)
        for component in self.components:
            component.step()
        self.today.backlog = int(np.count_nonzero(
            self.requests.where[:len(self.requests)] == Where.IN_PROCESS))
        self.history.append(self.today)
        if self.recording and self.daily_series:
            self.datacollector.collect(self)

    # --- events ------------------------------------------------------------------------------
    def survey(self) -> None:
        """Mesa event at the end of each survey period: a simulated SKM survey."""
        result = ikm.survey(self, self.p.survey_period_days)
        if result is None:
            return
        row = {"day": self.day, **result.to_dict()}
        row.update(row.pop("elements"))
        self.surveys.append(row)
        self.datacollector.add_table_row("surveys", row, ignore_missing=True)

    def summary(self) -> dict[str, Any]:
        """Every summary measure of the run so far."""
        return measures.summarise(self)


SURVEY_COLUMNS = ["day", "ikm", "grade", "respondents", "ikm_weight_0_11", "ikm_weight_0_111",
                  *ELEMENTS]
