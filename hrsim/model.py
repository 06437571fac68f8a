"""HRModel: a kantor camat, its staff, the agencies its files pass through, and its residents.

One step is one working day (``model.time`` counts working days). The day's order (``docs/ODD.md``
§3): policies act; new needs arise; citizens due today come to the counter, which is an exact FCFS
queue in continuous time; submissions are checked, pickups handed over; the back office and the
agencies work their inboxes; visitors rate their visit on the nine IKM elements, update trust and
expectations, tell neighbours and may complain; staff update their well-being, may cope or resign;
every resident's trust drifts back towards their predisposition; the DataCollector records the day.
Policy starts, agency returns, complaint answers and surveys are Mesa events on the same calendar.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import mesa
import numpy as np
from mesa.time import Schedule
from scipy.special import ndtri

from hrsim import measures
from hrsim.agents import rules
from hrsim.agents.agency import Agency
from hrsim.agents.citizens import Citizens
from hrsim.agents.staff import Coping, Role, Staff
from hrsim.calendar import WORKING_DAYS_PER_YEAR
from hrsim.measures import ikm
from hrsim.office import services
from hrsim.office.complaints import ComplaintDesk
from hrsim.office.counter import Counter, CounterDay, Outcome
from hrsim.office.experience import Visit, performance, time_score
from hrsim.office.flow import FileFlow
from hrsim.office.requests import Purpose, RequestBook, Where
from hrsim.office.state import OfficeState
from hrsim.params import Params
from hrsim.policies import Policy
from hrsim.records import DayRecord, Encounters, History
from hrsim.streams import Streams, poisson_quantile

U3 = 2  # index of the time element
# per-visit decisions; drawn together once a day (one keyed call instead of one per mechanism)
VISIT_DRAWS = {name: col for col, name in enumerate((
    "arrival", "service", "patience", "ration", "documents", "rejected", "fee", "pickup again",
    "retry", "return", "complain", "complaint on time", "complaint answer", "talk", "contacts"))}


class HRModel(mesa.Model):
    """The kecamatan service model.

    Args:
        policies: Policies to apply (each starts on its own day).
        rng: Integer seed; every random stream of the run derives from it.
        **params: Overrides of `Params` (see ``hrsim params``).

    Attributes:
        p: The validated parameters.
        office: Mutable office state that policies act on.
        citizens: The resident population (numpy arrays).
        requests: Every service request of the run.
        history: One `DayRecord` per working day.
        surveys: The periodic SKM surveys.
        datacollector: Mesa DataCollector of the daily measures.
    """

    def __init__(self, *, policies: Sequence[Policy] = (), rng: int = 0, **params: Any) -> None:
        super().__init__(rng=rng)
        self.p = Params(**params)
        self.seed = int(rng)
        self.streams = Streams(self.seed)
        self.office = OfficeState.from_params(self.p)
        self.citizens = Citizens(self.p, self.streams["population"])
        self.counter = Counter(self.p)
        self.requests = RequestBook()
        self.history = History()
        self.today = DayRecord(day=0)
        self.memo: dict[tuple[str, float], Any] = {}
        self.surveys: list[dict[str, Any]] = []
        self.spent_rp = 0.0
        self._vacancies: list[tuple[int, Role, int | None]] = []  # (refill day, role, desk)
        self._clerks: list[Staff] = []  # clerks at the desks today, in desk-position order
        self._visit_row = np.zeros(0, np.int64)  # today's visitors: request id -> row of draws
        self._visit_draws = np.zeros((0, len(VISIT_DRAWS)))
        self._create_staff()
        self.agencies, self.kelurahan_offices = self._create_agencies()
        self.files = FileFlow(self, self.agencies, self.kelurahan_offices)
        self.complaints = ComplaintDesk(self)
        self.policies = [policy.model_copy(deep=True) for policy in policies]
        for policy in self.policies:
            policy.attach(self)
        self.schedule_recurring(self.survey, Schedule(interval=self.p.survey_period_days,
                                                      start=self.p.survey_period_days))
        self.datacollector = mesa.DataCollector(model_reporters=dict(measures.DAILY),
                                                tables={"surveys": SURVEY_COLUMNS})

    # --- construction ------------------------------------------------------------------------
    def _create_staff(self) -> None:
        rng, p = self.streams["staff"], self.p
        for desk in range(p.desks):
            self._new_staff(Role.COUNTER, rng.normal(p.competence_mean, p.competence_sd),
                            rng.normal(p.motivation_mean, 0.1), desk)
        for _ in range(p.back_office_staff):
            self._new_staff(Role.BACK_OFFICE, rng.normal(p.competence_mean, p.competence_sd),
                            rng.normal(p.motivation_mean, 0.1))

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

    def hire(self, role: Role, desk: int | None = None) -> Staff:
        """A newcomer with low competence takes up a post."""
        return self._new_staff(role, self.p.newcomer_competence, self.p.motivation_mean, desk)

    def open_desk(self) -> int:
        """Index for a new counter desk."""
        used = [s.desk for s in self.counter_staff] + [d for _, _, d in self._vacancies
                                                       if d is not None]
        return max(used, default=-1) + 1

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
        """Current working day (the step for day d runs at model time d)."""
        return math.ceil(self.time)

    # --- helpers used by mechanisms and policies ----------------------------------------------
    def spend(self, rupiah: float) -> None:
        """Record money spent on policies."""
        self.spent_rp += rupiah
        self.today.spent_rp += rupiah

    def draw(self, mechanism: str, ids: np.ndarray, *keys: Any) -> np.ndarray:
        """Uniforms for requests `ids` at their current visit, fixed across scenarios (CRN)."""
        col = VISIT_DRAWS.get(mechanism)
        if col is None or keys:
            return self.streams.uniform(mechanism, ids, self.requests.visits[ids], *keys)
        rows = self._visit_row[ids]
        if len(rows) and rows.min() < 0:
            raise RuntimeError(f"'{mechanism}' drawn for a request not at the counter today")
        return self._visit_draws[rows, col]

    def _draw_for_visitors(self, ids: np.ndarray) -> None:
        """Draw every per-visit decision of today's visitors at once."""
        self._visit_row = np.full(len(self.requests), -1)
        self._visit_row[ids] = np.arange(len(ids))
        self._visit_draws = self.streams.uniform(
            "visit", ids[:, None], self.requests.visits[ids][:, None],
            np.arange(len(VISIT_DRAWS))[None, :])

    def revisit_days(self, ids: np.ndarray, why: str) -> np.ndarray:
        """Days on which citizens told to come again return: tomorrow plus a geometric delay."""
        extra_mean = self.p.revisit_delay_days - 1
        if extra_mean <= 0:
            return np.full(len(ids), self.day + 1)
        u = self.draw(why, ids)
        return self.day + 1 + np.floor(np.log1p(-u) / np.log1p(-1 / (1 + extra_mean))).astype(int)

    # --- the working day -----------------------------------------------------------------------
    def step(self) -> None:
        """Simulate one working day."""
        self.memo.clear()
        self.today = DayRecord(day=self.day)
        for policy in self.policies:
            policy.daily(self)
        self._refill_vacancies()
        self._new_requests()
        ids = self.requests.visiting(self.day)
        self.requests.visits[ids] += 1
        self._draw_for_visitors(ids)
        ids, day = self._run_counter(ids)
        visit = self._handle_visits(ids, day)
        self.files.work()
        self._experience(ids, visit)
        self._staff_day(day)
        self._drift()
        self.today.backlog = int(np.count_nonzero(
            self.requests.where[:len(self.requests)] == Where.IN_PROCESS))
        self.history.append(self.today)
        self.datacollector.collect(self)

    def _new_requests(self) -> None:
        p, rng = self.p, self.streams["needs"]
        n = rng.binomial(p.residents, min(p.service_need_rate / WORKING_DAYS_PER_YEAR, 1.0))
        who = rng.integers(0, p.residents, n)
        service = services.draw(rng, n)
        self.requests.add(who, service, self.files.route_for(service), self.day)
        self.today.new_requests = n

    def _drift(self) -> None:
        """Every resident's trust drifts back towards the predisposition (vectorised)."""
        self.citizens.relax()

    def _outage(self) -> bool:
        p = self.p
        return p.outage_days > 0 and p.outage_day <= self.day < p.outage_day + p.outage_days

    def _run_counter(self, ids: np.ndarray) -> tuple[np.ndarray, CounterDay]:
        """The day's queue at the counter; returns the visitors in arrival order and the day."""
        counter = self.counter
        clerks = [] if self._outage() else self.counter_staff
        self._clerks = clerks
        self.today.open_desks = len(clerks)
        arrival = counter.arrivals(self.draw("arrival", ids))
        order = np.argsort(arrival, kind="stable")
        ids, arrival = ids[order], arrival[order]
        ration = None
        if any(s.coping is Coping.AWAY for s in clerks):
            p_ration = 1 / (1 + np.exp(-10 * (self.office.counter_load - 0.9)))
            ration = self.draw("ration", ids) < p_ration
        speed = np.array([s.speed() for s in clerks])
        day = counter.serve(arrival, counter.work(self.draw("service", ids)), speed,
                            counter.patience(self.draw("patience", ids)), ration)
        self.today.counter = day
        return ids, day

    def _handle_visits(self, ids: np.ndarray, day: CounterDay) -> Visit:
        """Submissions are checked, pickups handed over, failed visits rescheduled."""
        book, p = self.requests, self.p
        served = day.served
        pickup = book.purpose[ids] == Purpose.PICKUP
        clerk = self._clerk_table(day)
        rigid = clerk["rigid"]

        # submissions: documents complete? (clarity of requirements, rigid clerks)
        submit = served & ~pickup
        p_missing = p.incomplete_documents * (1 - self.office.requirement_clarity) \
            * np.where(rigid, p.coping_rigidity, 1.0)
        rejected = submit & (self.draw("documents", ids) < p_missing)
        accepted = submit & ~rejected
        self.files.bounce(ids[rejected], "rejected")
        self._accept(ids[accepted])

        # pickups: ready and right, ready but wrong (rework), or not ready yet
        ready = pickup & served & (book.where[ids] == Where.READY)
        wrong = ready & book.error[ids]
        done = ready & ~wrong
        not_ready = pickup & served & ~ready
        again = ids[wrong | not_ready]
        book.returns[again] += 1
        self.files.rework(ids[wrong])
        book.next_visit[again] = self.revisit_days(again, "pickup again")
        self._complete(ids[done])

        self._reschedule_failed(ids[~served])
        service = book.service[ids]
        return Visit(
            served=served,
            wait=day.time_in_queue,
            queue_on_arrival=day.queue_on_arrival,
            competence=clerk["skill"],
            courtesy=clerk["courtesy"],
            turned_away_by_staff=day.outcome == Outcome.TURNED_AWAY,
            pickup=pickup,
            rejected_documents=rejected,
            completed_ok=done,
            product_error=wrong,
            route_stages=self.files.route_len[book.route[ids]],
            bounces=book.bounces[ids],
            returns=book.returns[ids],
            elapsed_days=(self.day - book.created[ids]).astype(float),
            promised_days=services.PROMISED_DAYS[service],
            unofficial_fee=served & (self.draw("fee", ids) < self.office.unofficial_fee),
            complaint_outcome=self.citizens.complaint_outcome[book.citizen[ids]],
        )

    def _clerk_table(self, day: CounterDay) -> dict[str, np.ndarray]:
        """Per visitor, the state of the clerk who served them (0 / False if none).

        A visitor turned away by rationing meets the average courtesy of the clerks.
        """
        clerks = self._clerks
        skill = np.array([c.skill for c in clerks] + [0.0])
        courtesy = np.array([c.courtesy() for c in clerks] + [0.0])
        rigid = np.array([c.coping is Coping.AGAINST for c in clerks] + [False])
        at = day.desk  # -1 (not served) picks the trailing 0 / False
        turned_away = day.outcome == Outcome.TURNED_AWAY
        mean_courtesy = courtesy[:-1].mean() if clerks else 0.0
        return {"skill": skill[at], "rigid": rigid[at],
                "courtesy": np.where(turned_away, mean_courtesy, courtesy[at])}

    def _accept(self, ids: np.ndarray) -> None:
        """Accepted files enter their route; the citizen is told when to come back."""
        book = self.requests
        first = book.work_min[ids] == 0
        mean = services.BACK_OFFICE_MIN[book.service[ids[first]]]
        z = ndtri(self.draw("back office work", ids[first]))
        book.work_min[ids[first]] = mean * np.exp(0.5 * z - 0.125)  # lognormal, CV ≈ 0.53
        book.purpose[ids] = Purpose.PICKUP
        book.next_visit[ids] = self.day + services.PROMISED_DAYS[book.service[ids]].astype(int)
        self.files.enter(ids)

    def _complete(self, ids: np.ndarray) -> None:
        book = self.requests
        book.where[ids] = Where.DONE
        book.completed[ids] = self.day
        days = (self.day - book.created[ids]).astype(float)
        self.today.completed_days = days
        self.today.completed_on_time = int(np.sum(days <= services.PROMISED_DAYS[
            book.service[ids]]))
        self.today.completed_bounced = int(np.sum(book.bounces[ids] > 0))

    def _reschedule_failed(self, ids: np.ndarray) -> None:
        """Unserved citizens come back another day, or give up the request."""
        book, p = self.requests, self.p
        book.failed_visits[ids] += 1
        quit_ = (book.failed_visits[ids] >= p.max_failed_visits) | (
            self.draw("return", ids) >= p.return_probability)
        book.where[ids[quit_]] = Where.ABANDONED
        book.next_visit[ids[~quit_]] = self.revisit_days(ids[~quit_], "retry")
        self.today.abandoned = int(quit_.sum())

    def _experience(self, ids: np.ndarray, visit: Visit) -> None:
        """Visitors rate the visit, update trust and expectations, complain and talk."""
        o, p, pop = self.office, self.p, self.citizens
        who = self.requests.citizen[ids]
        perf, seen = performance(visit, o.requirement_clarity, o.facilities,
                                 o.complaint_visibility, p)
        if o.standards_published:  # the posted Maklumat: visitors expect the promised time
            pop.expectations[who, U3] = time_score(np.zeros(len(who)), visit.promised_days, p)
        expect = pop.expectations[who].astype(float)
        perf = np.where(seen, perf, expect)
        ratings = rules.rating(perf, expect, p)
        per_element = rules.element_satisfaction(perf, expect, p)
        s = rules.overall_satisfaction(per_element, seen, visit.achieved, p.outcome_weight)
        trust_before, s_before = pop.trust_office[who].copy(), pop.last_satisfaction[who].copy()
        np.add.at(pop.trust_office, who, p.trust_learning_office
                  * rules.trust_gain(s, p.negativity_bias))
        np.clip(pop.trust_office, 0, 1, out=pop.trust_office)
        pop.expectations[who] = expect + p.expectation_learning * (perf - expect)
        pop.last_satisfaction[who] = s
        pop.encounters[who] += 1
        self.today.encounters = Encounters(who, visit.served, perf, expect, ratings, s)
        self._complain(ids, who, s, trust_before, s_before)
        self._word_of_mouth(ids, who, s, perf, seen)

    def _complain(self, ids: np.ndarray, who: np.ndarray, s: np.ndarray,
                  trust_before: np.ndarray, s_before: np.ndarray) -> None:
        voice = (s < self.p.complaint_threshold) & (
            self.draw("complain", ids) < self.office.complaint_propensity)
        self.complaints.file(ids[voice], who[voice], s[voice], trust_before[voice],
                             s_before[voice])

    def _word_of_mouth(self, ids: np.ndarray, who: np.ndarray, s: np.ndarray, perf: np.ndarray,
                       seen: np.ndarray) -> None:
        """Tellers reach a few neighbours; listeners within ε move towards the teller's trust."""
        p, pop = self.p, self.citizens
        talks = self.draw("talk", ids) < rules.talk_probability(s, p)
        tellers = who[talks]
        counts = poisson_quantile(self.draw("contacts", ids[talks]), p.contacts_mean)
        talker_ids = ids[talks]
        teller, listener = pop.random_neighbours(
            tellers, counts, lambda j, slot: self.draw("listener", talker_ids[j], slot))
        t_teller, t_listener = pop.trust_office[tellers[teller]], pop.trust_office[listener]
        close = np.abs(t_teller - t_listener) < p.confidence_bound
        np.add.at(pop.trust_office, listener[close],
                  p.hearsay_weight * (t_teller[close] - t_listener[close]))
        heard = perf[talks][teller]
        mask = seen[talks][teller]
        e = pop.expectations[listener]
        pop.expectations[listener] = np.where(mask, e + p.expectation_hearsay * (heard - e), e)

    def _staff_day(self, day: CounterDay) -> None:
        """Counter loads from today's queue, well-being updates, resignations."""
        for clerk in self.counter_staff:
            clerk.load = 0.0
        for clerk, busy in zip(self._clerks, day.busy_min, strict=True):
            clerk.load = busy / self.p.office_open_min
        self.office.counter_load = float(np.mean(day.busy_min)) / self.p.office_open_min \
            if self._clerks else 0.0
        self.staff.do("end_of_day")
        for s in list(self.staff):
            if s.wants_to_leave():
                self._vacancies.append((self.day + self.p.vacancy_days, s.role, s.desk))
                s.remove()
                self.today.leavers += 1

    def _refill_vacancies(self) -> None:
        due = [v for v in self._vacancies if v[0] <= self.day]
        self._vacancies = [v for v in self._vacancies if v[0] > self.day]
        for _, role, desk in due:
            self.hire(role, desk)

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
                  "U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9"]
