"""Service points: where citizens queue and are served — the office's counter, and any other.

A service point claims today's visitors, opens its desks with the clerks posted there, runs its
exact FCFS queue (`FcfsQueue`), checks submissions, hands over documents and sends the unserved
home; it records its queue and the facts of every visit for the experience component. The office's
counter is the first; a policy may add another (``hrsim/policies/mobile_unit.py``) without
touching the model.
"""

from __future__ import annotations

import numpy as np
from scipy.special import ndtri

from hrsim.day.component import Component, World
from hrsim.day.staff import Coping, Staff
from hrsim.records import Outcome, QueueDay, Visit
from hrsim.streams import Stream
from hrsim.world import services
from hrsim.world.fcfs import FcfsQueue
from hrsim.world.requests import Purpose, Where


class ServicePoint(Component):
    """The office's counter (and the base of every other service point).

    Attributes:
        queue: The point's queue (its opening hours, service times, patience).
        promised_days: Working days the office promises for each service (catalogue order).
        free: Whether each service is free by its official tariff (catalogue order).
    """

    name = "counter"
    params = ("counter", "trust")
    results = ("points", "visits", "open_desks", "completed_days", "completed_on_time",
               "completed_bounced", "abandoned")
    streams = (Stream.ARRIVAL, Stream.SERVICE, Stream.PATIENCE, Stream.RATION, Stream.DOCUMENTS,
               Stream.REJECTED, Stream.FEE, Stream.CALO, Stream.PICKUP_AGAIN, Stream.RETRY,
               Stream.RETURN, Stream.BACK_OFFICE_WORK)

    def __init__(self, world: World) -> None:
        super().__init__(world)
        self.queue = FcfsQueue(self.p)
        self.promised_days = services.per_service("promised_days", self.p.promised_days)
        self.free = services.per_service("fee_rp", self.p.service_fees_rp) == 0

    # --- what differs between service points --------------------------------------------------
    def claim(self, due: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Which of today's due requests come here, and which wait for another day here.

        The counter takes everyone no other point has claimed.
        """
        return np.ones(len(due), bool), np.zeros(len(due), bool)

    def clerks(self) -> list[Staff]:
        """Clerks at this point's desks today, in desk order (none during an outage)."""
        p, day = self.p, self.world.day
        if p.outage_days > 0 and p.outage_day <= day < p.outage_day + p.outage_days:
            return []
        return [s for s in self.world.component("staff").clerks if s.lent_to is None]

    def pickup_day(self, ids: np.ndarray) -> np.ndarray:
        """The day citizens whose files were accepted here today come back for the documents."""
        return self.world.day + self.promised_days[self.world.requests.service[ids]].astype(int)

    def travel_min(self, ids: np.ndarray) -> np.ndarray:
        """One-way travel of each visitor to this point (minutes)."""
        pop = self.world.citizens
        return pop.travel_min[pop.kelurahan[self.world.requests.citizen[ids]]]

    # --- the day -------------------------------------------------------------------------------
    def step(self) -> None:
        """Serve today's visitors here."""
        world = self.world
        ids = world.component("demand").arrivals.get(self.name, np.zeros(0, np.int64))
        clerks = self.clerks()
        ids, day = self._queue(ids, clerks)
        for clerk, busy in zip(clerks, day.busy_min, strict=True):
            clerk.work(busy / self.queue.open_min)
        world.today.points[self.name] = day
        world.today.open_desks += len(clerks)
        world.today.visits.append(self._handle(ids, day, clerks))

    def _queue(self, ids: np.ndarray, clerks: list[Staff]) -> tuple[np.ndarray, QueueDay]:
        """The day's queue; returns the visitors in arrival order and the day."""
        world, p, queue = self.world, self.p, self.queue
        arrival = queue.arrivals(world.draw(Stream.ARRIVAL, ids))
        order = np.argsort(arrival, kind="stable")
        ids, arrival = ids[order], arrival[order]
        ration = None
        if any(s.coping is Coping.AWAY for s in clerks):
            load = world.component("staff").counter_load
            p_ration = 1 / (1 + np.exp(-p.rationing_steepness * (load - p.rationing_load)))
            ration = world.draw(Stream.RATION, ids) < p_ration
        speed = np.array([s.speed() for s in clerks])
        day = queue.serve(arrival, queue.work(world.draw(Stream.SERVICE, ids)), speed,
                          queue.patience(world.draw(Stream.PATIENCE, ids)), ration)
        return ids, day

    def _handle(self, ids: np.ndarray, day: QueueDay, clerks: list[Staff]) -> Visit:
        """Submissions are checked, pickups handed over, failed visits rescheduled."""
        world, book, p = self.world, self.world.requests, self.p
        files, standards = world.component("files"), world.component("standards")
        served = day.served
        pickup = book.purpose[ids] == Purpose.PICKUP
        clerk = clerk_table(clerks, day)

        # submissions: documents complete? (clarity of requirements, rigid clerks)
        submit = served & ~pickup
        p_missing = p.incomplete_documents * (1 - standards.requirement_clarity) \
            * np.where(clerk["rigid"], p.coping_rigidity, 1.0)
        rejected = submit & (world.draw(Stream.DOCUMENTS, ids) < p_missing)
        files.bounce(ids[rejected], Stream.REJECTED)
        self._accept(ids[submit & ~rejected])

        # pickups: ready and right, ready but wrong (rework), or not ready yet
        ready = pickup & served & (book.where[ids] == Where.READY)
        wrong = ready & book.error[ids]
        done = ready & ~wrong
        again = ids[wrong | (pickup & served & ~ready)]
        book.returns[again] += 1
        files.rework(ids[wrong])
        book.next_visit[again] = world.component("demand").revisit_days(again,
                                                                        Stream.PICKUP_AGAIN)
        self._complete(ids[done])
        self._reschedule_failed(ids[~served])

        who = book.citizen[ids]
        trust = world.citizens.trust_office[who]
        asked = world.draw(Stream.FEE, ids) < standards.unofficial_fee
        calo = world.draw(Stream.CALO, ids) < p.calo_base + p.calo_trust_slope * (
            p.trust_threshold - trust)
        return Visit(
            ids=ids,
            citizen=who,
            point=np.full(len(ids), world.service_points.index(self), np.int8),
            served=served,
            wait=day.time_in_queue,
            travel=self.travel_min(ids),
            queue_on_arrival=day.queue_on_arrival,
            facilities=np.full(len(ids), p.facilities),
            competence=clerk["skill"],
            courtesy=clerk["courtesy"],
            turned_away_by_staff=day.outcome == Outcome.TURNED_AWAY,
            pickup=pickup,
            rejected_documents=rejected,
            completed_ok=done,
            product_error=wrong,
            route_stages=files.route_len[book.route[ids]],
            returns=book.returns[ids],
            elapsed_days=(world.day - book.created[ids]).astype(float),
            promised_days=self.promised_days[book.service[ids]],
            free=self.free[book.service[ids]],
            above_tariff=served & (asked | calo),
        )

    def _accept(self, ids: np.ndarray) -> None:
        """Accepted files enter their route; the citizen is told when to come back."""
        world, book, p = self.world, self.world.requests, self.p
        first = book.work_min[ids] == 0
        mean = services.BACK_OFFICE_MIN[book.service[ids[first]]]
        sigma = np.sqrt(np.log1p(p.back_office_work_cv**2))
        z = ndtri(world.draw(Stream.BACK_OFFICE_WORK, ids[first]))
        book.work_min[ids[first]] = mean * np.exp(sigma * z - sigma**2 / 2)  # lognormal
        book.purpose[ids] = Purpose.PICKUP
        book.next_visit[ids] = self.pickup_day(ids)
        world.component("files").enter(ids)

    def _complete(self, ids: np.ndarray) -> None:
        world, book = self.world, self.world.requests
        book.where[ids] = Where.DONE
        book.completed[ids] = world.day
        days = (world.day - book.created[ids]).astype(float)
        today = world.today
        today.completed_days = np.concatenate([today.completed_days, days])
        today.completed_on_time += int(np.sum(days <= self.promised_days[book.service[ids]]))
        today.completed_bounced += int(np.sum(book.bounces[ids] > 0))

    def _reschedule_failed(self, ids: np.ndarray) -> None:
        """Unserved citizens come back another day (more likely if they trust the office)."""
        world, book, p = self.world, self.world.requests, self.p
        book.failed_visits[ids] += 1
        trust = world.citizens.trust_office[book.citizen[ids]]
        p_return = p.return_probability + p.return_trust_slope * (trust - p.trust_threshold)
        quit_ = (book.failed_visits[ids] >= p.max_failed_visits) | (
            world.draw(Stream.RETURN, ids) >= p_return)
        book.where[ids[quit_]] = Where.ABANDONED
        book.next_visit[ids[~quit_]] = world.component("demand").revisit_days(ids[~quit_],
                                                                              Stream.RETRY)
        world.today.abandoned += int(quit_.sum())


def clerk_table(clerks: list[Staff], day: QueueDay) -> dict[str, np.ndarray]:
    """Per visitor, the state of the clerk who served them (0 / False if none).

    A visitor turned away by rationing meets the average courtesy of the clerks.
    """
    skill = np.array([c.skill for c in clerks] + [0.0])
    courtesy = np.array([c.courtesy() for c in clerks] + [0.0])
    rigid = np.array([c.coping is Coping.AGAINST for c in clerks] + [False])
    at = day.desk  # -1 (not served) picks the trailing 0 / False
    turned_away = day.outcome == Outcome.TURNED_AWAY
    mean_courtesy = courtesy[:-1].mean() if clerks else 0.0
    return {"skill": skill[at], "rigid": rigid[at],
            "courtesy": np.where(turned_away, mean_courtesy, courtesy[at])}
