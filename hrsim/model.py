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
import time
from collections.abc import Callable, Sequence
from typing import Any

import mesa
import numpy as np
from mesa.time import Schedule

from hrsim import measures
from hrsim.day import WORKING_DAY, Component, ServicePoint
from hrsim.day.staff import Role, Staff
from hrsim.elements import ELEMENTS
from hrsim.measures import ikm
from hrsim.params import Params
from hrsim.policies import Policy
from hrsim.records import DayRecord, History
from hrsim.streams import Stream, Streams
from hrsim.world.citizens import Citizens
from hrsim.world.requests import RequestBook, Where


class HRModel(mesa.Model):
    """The kecamatan service model.

    Args:
        policies: Policies to apply (each starts on its own day).
        rng: Integer seed; every random stream of the run derives from it.
        begin: Start the recorded run at once (False: stop after the burn-in; call `begin`).
        profile: Add up each component's processor time in `cpu_seconds`, burn-in included.
        **params: Overrides of `Params` (see ``hrsim params``).

    Attributes:
        params: The validated parameters (also ``p``).
        components: The working day, in order (`hrsim.day.WORKING_DAY`; see `add_component`).
        citizens: The resident population (numpy arrays; each column owned by one component).
        requests: Every service request of the run.
        history: One `DayRecord` per recorded working day.
        surveys: The periodic SKM surveys.
        respondents: Each survey's day, respondents, and their answer to a trust question
            (whether they trust the office: trust above `trust_threshold`).
        datacollector: Mesa DataCollector of the daily measures.
        daily_series: Whether the datacollector records the daily measures (summaries and
            surveys do not need it: a calibration's thousands of runs skip it).
        cpu_seconds: Seconds of processor time each component spent, by name, and the day's
            record under ``(record)`` (None unless profiled).
    """

    def __init__(self, *, policies: Sequence[Policy] = (), rng: int = 0,
                 daily_series: bool = True, begin: bool = True, profile: bool = False,
                 **params: Any) -> None:
        super().__init__(rng=rng)
        self.daily_series = daily_series
        self.params = self.p = Params(**params)
        self.seed = int(rng)
        self.streams = Streams(self.seed)
        self.burn_in = self.p.burn_in_days
        self.recording = False
        self.cpu_seconds: dict[str, float] | None = {} if profile else None
        self.citizens = Citizens(self.p, self.streams[Stream.POPULATION])
        self.requests = RequestBook()
        self.history = History()
        self.today = DayRecord(day=self.day)
        self.memo: dict[tuple[str, float], Any] = {}
        self.surveys: list[dict[str, Any]] = []
        self.respondents: list[tuple[int, ikm.Respondents, np.ndarray]] = []
        self.spent_rp = 0.0
        self.policies: list[Policy] = []
        self.components: list[Component] = [part(self) for part in WORKING_DAY]
        self._by_name = {c.name: c for c in self.components}
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
        self.component("policies").attach(self.policies)
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

    def _start_recording(self) -> None:
        """End of the burn-in: keep the state, forget the record, centre expectations."""
        self.component("expectations").centre(self.history.encounters(self.burn_in))
        self.citizens.encounters[:] = 0
        self.citizens.complaints[:] = 0
        self.citizens.forums[:] = 0
        self.history = History()
        self.memo.clear()
        self.recording = True

    # --- components ----------------------------------------------------------------------------
    def component(self, name: str) -> Any:
        """The component called `name`.

        Raises:
            KeyError: No component has that name.
        """
        try:
            return self._by_name[name]
        except KeyError:
            raise KeyError(f"no component {name!r}; the day is "
                           f"{[c.name for c in self.components]}") from None

    def add_component(self, component: Component, *, before: str) -> None:
        """Insert a component into the working day before the one called `before`."""
        if component.name in self._by_name:
            raise ValueError(f"the day already has a component {component.name!r}")
        at = self.components.index(self.component(before))
        self.components.insert(at, component)
        self._by_name[component.name] = component

    @property
    def service_points(self) -> list[ServicePoint]:
        """Where citizens are served, in the order of the day (the counter among them)."""
        return [c for c in self.components if isinstance(c, ServicePoint)]

    # --- views for measures and the demo -------------------------------------------------------
    @property
    def staff(self) -> mesa.agent.AgentSet:
        """Service staff in post."""
        if Staff in self.agents_by_type:
            return self.agents_by_type[Staff]
        return mesa.agent.AgentSet([], random=self.random)

    @property
    def counter_staff(self) -> list[Staff]:
        """Counter clerks in post, by desk."""
        return self.component("staff").clerks

    def staff_in(self, role: Role) -> list[Staff]:
        """Staff in post in one role."""
        return self.component("staff").in_role(role)

    @property
    def day(self) -> int:
        """Recorded working day (1 is the first day after the burn-in; ≤ 0 during it)."""
        return math.ceil(self.time) - self.burn_in

    def morning(self, day: int) -> float:
        """Model time of the morning of recorded working day `day`, before the office opens."""
        return day + self.burn_in - 0.5

    # --- what components may ask of the world ------------------------------------------------
    def spend(self, rupiah: float) -> None:
        """Record money spent on policies."""
        self.spent_rp += rupiah
        self.today.spent_rp += rupiah

    def draw(self, mechanism: Stream, ids: np.ndarray, *keys: Any) -> np.ndarray:
        """Uniforms for requests `ids` at their current visit, fixed across scenarios (CRN)."""
        return self.component("demand").draw(mechanism, ids, *keys)

    # --- the working day -----------------------------------------------------------------------
    def step(self) -> None:
        """Simulate one working day: every component in order, then the record."""
        self.memo.clear()
        self.today = DayRecord(day=self.day)
        for component in self.components:
            self._timed(component.name, component.step)
        self._timed("(record)", self._record)

    def _timed(self, name: str, part: Callable[[], None]) -> None:
        """Run `part`, adding its processor time to `cpu_seconds` when the run is profiled."""
        if self.cpu_seconds is None:
            part()
            return
        started = time.process_time()
        part()
        self.cpu_seconds[name] = self.cpu_seconds.get(name, 0.0) + time.process_time() - started

    def _record(self) -> None:
        """The day's record joins the history (and the daily measures, when recording)."""
        self.today.backlog = int(np.count_nonzero(
            self.requests.where[:len(self.requests)] == Where.IN_PROCESS))
        self.history.append(self.today)
        if self.recording and self.daily_series:
            self.datacollector.collect(self)

    # --- events ------------------------------------------------------------------------------
    def survey(self) -> None:
        """Mesa event at the end of each survey period: a simulated SKM survey."""
        sample = ikm.sample_respondents(self, self.p.survey_period_days)
        if not len(sample.answers):
            return
        self.respondents.append((self.day, sample, self.citizens.trusting(sample.citizen)))
        row = {"day": self.day, **ikm.compute_ikm(sample.answers).to_dict()}
        row.update(row.pop("elements"))
        self.surveys.append(row)
        self.datacollector.add_table_row("surveys", row, ignore_missing=True)

    def summary(self) -> dict[str, Any]:
        """Every summary measure of the run so far."""
        return measures.summarise(self)


SURVEY_COLUMNS = ["day", "ikm", "grade", "respondents", "ikm_weight_0_11", "ikm_weight_0_111",
                  *ELEMENTS]
