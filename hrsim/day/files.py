"""File flow: moves accepted files along their routes through the back office and the agencies.

Each working day the back office works through its backlog in order, then every agency takes up to
its capacity and decides each file (bounced back incomplete, or passed on after its delay).
Returns are Mesa events on the morning they are due, so a citizen coming that day finds the file.
"""

from __future__ import annotations

import numpy as np

from hrsim.day.component import Component, World
from hrsim.day.staff import Role
from hrsim.streams import Stream
from hrsim.world import services
from hrsim.world.agency import Agency
from hrsim.world.fifo import Fifo
from hrsim.world.requests import Purpose, Where

BO, SIGN, KEL, DUKCAPIL, PTSP = range(len(services.STAGES))


class FileFlow(Component):
    """Routes, stage handlers, the back office of the kantor camat and the agencies.

    Route ids ``0..k-1`` are the catalogue's full routes and ``k..2k-1`` the delegated (PATEN)
    ones; ``stage_code[route, stage]`` indexes `services.STAGES` (−1 past the end).

    Attributes:
        agencies: The camat's signature desk, Disdukcapil and DPMPTSP, by key.
        kelurahan_offices: The kelurahan offices, one per kelurahan.
        delegated: Whether PATEN delegation is in force (new files skip delegable stages).
    """

    name = "files"
    params = ("files", "agencies")
    results = ("bounces",)
    streams = (Stream.AGENCY, Stream.AVAILABLE, Stream.BACK_OFFICE_ERROR, Stream.BOUNCED)

    def __init__(self, world: World) -> None:
        super().__init__(world)
        self.book = world.requests
        self.delegated = False
        agencies, kelurahan_offices = self._create_agencies()
        all_routes = services.routes(delegated=False) + services.routes(delegated=True)
        self.route_len = np.array([len(r) for r in all_routes])
        self.stage_code = np.full((len(all_routes), self.route_len.max() + 1), -1)
        for i, route in enumerate(all_routes):
            self.stage_code[i, :len(route)] = [services.STAGES.index(s) for s in route]
        self.back_office = Fifo()
        self.agencies = agencies
        self.kelurahan_offices = kelurahan_offices
        # inbox of each stage code; kelurahan office k is code len(STAGES) + k
        by_stage = {BO: self.back_office, SIGN: agencies["signature"].inbox,
                    DUKCAPIL: agencies["disdukcapil"].inbox, PTSP: agencies["dpmptsp"].inbox}
        self._inboxes = [by_stage.get(c) for c in range(len(services.STAGES))] + \
            [office.inbox for office in kelurahan_offices]
        self.bo_load = 0.0
        self._due: dict[int, list[tuple[np.ndarray, np.ndarray]]] = {}  # files out at agencies

    def _create_agencies(self) -> tuple[dict[str, Agency], list[Agency]]:
        world, p = self.world, self.p
        agencies = {
            "signature": Agency(world, services.SIGNATURE, p.signature_capacity, 0.0, 1.0,
                                p.bounce_max, availability=p.camat_availability),
            "disdukcapil": Agency(world, services.DISDUKCAPIL, p.capacity_disdukcapil,
                                  p.delay_disdukcapil_days, p.coordination_disdukcapil,
                                  p.bounce_max),
            "dpmptsp": Agency(world, services.DPMPTSP, p.capacity_dpmptsp,
                              p.delay_dpmptsp_days, p.coordination_dpmptsp, p.bounce_max),
        }
        kelurahan = [Agency(world, services.KELURAHAN, p.capacity_kelurahan,
                            p.delay_kelurahan_days, p.coordination_kelurahan, p.bounce_max,
                            kelurahan=k)
                     for k in range(len(world.citizens.travel_min))]
        return agencies, kelurahan

    @property
    def external_agencies(self) -> list[Agency]:
        """Agencies outside the kantor camat (coordination applies to these)."""
        return [self.agencies["disdukcapil"], self.agencies["dpmptsp"], *self.kelurahan_offices]

    # --- verbs ----------------------------------------------------------------------------------
    def delegate(self) -> None:
        """PATEN delegation takes effect: new files skip their delegable stages."""
        self.delegated = True

    def coordinate(self, gap_share: float) -> None:
        """Coordination with every external agency closes `gap_share` of its gap 1 − q."""
        for agency in self.external_agencies:
            agency.coordinate(gap_share)

    def deputise_signature(self, share: float) -> None:
        """The sekretaris camat signs on a `share` of the days the camat is out."""
        self.agencies["signature"].deputise(share)

    def route_for(self, service: np.ndarray) -> np.ndarray:
        """Route ids for new files of the given service types under today's authority."""
        return service + (len(services.CATALOGUE) if self.delegated else 0)

    def enter(self, ids: np.ndarray) -> None:
        """Put files into the inbox of their current stage."""
        if not len(ids):
            return
        book = self.book
        book.where[ids] = Where.IN_PROCESS
        code = self.stage_code[book.route[ids], book.stage[ids]]
        kel = code == KEL  # a kelurahan stage goes to the citizen's own kelurahan office
        if kel.any():
            code[kel] = len(services.STAGES) \
                + self.world.citizens.kelurahan[book.citizen[ids[kel]]]
        if (code == code[0]).all():  # the usual case: one destination for the whole batch
            self._inboxes[code[0]].push(ids)
            return
        order = np.argsort(code, kind="stable")
        code, ids = code[order], ids[order]
        starts = np.flatnonzero(np.concatenate(([True], code[1:] != code[:-1])))
        for start, end in zip(starts, [*starts[1:], len(ids)], strict=True):
            self._inboxes[code[start]].push(ids[start:end])

    def advance(self, ids: np.ndarray) -> None:
        """Files finished their stage: on to the next, or ready for pickup."""
        if not len(ids):
            return
        book = self.book
        book.stage[ids] += 1
        ready = book.stage[ids] >= self.route_len[book.route[ids]]
        book.where[ids[ready]] = Where.READY
        self.enter(ids[~ready])

    def bounce(self, ids: np.ndarray, why: Stream = Stream.BOUNCED) -> None:
        """Files returned incomplete: the citizen is called back to complete them."""
        if not len(ids):
            return
        book = self.book
        book.where[ids] = Where.WITH_CITIZEN
        book.bounces[ids] += 1
        book.purpose[ids] = Purpose.SUBMIT
        book.next_visit[ids] = self.world.component("demand").revisit_days(ids, why)
        self.world.today.bounces += len(ids)

    def rework(self, ids: np.ndarray) -> None:
        """Files found wrong at pickup go back to the back office for correction."""
        if not len(ids):
            return
        book = self.book
        book.error[ids] = False
        book.stage[ids] = np.argmax(self.stage_code[book.route[ids]] == BO, axis=1)
        book.work_min[ids] = self.p.rework_share * services.BACK_OFFICE_MIN[
            book.service[ids]]
        self.enter(ids)

    def step(self) -> None:
        """A working day: the back office, then every agency takes and decides its files."""
        self._back_office_day()
        agencies = [*self.kelurahan_offices, *self.agencies.values()]
        taken = [agency.take() for agency in agencies]
        ids = np.concatenate(taken)
        if not len(ids):
            return
        passes = self.book.bounces[ids] + self.book.returns[ids]
        which = np.repeat(np.arange(len(agencies)), [len(t) for t in taken])
        u = self.world.draw(Stream.AGENCY, ids[:, None], passes[:, None], which[:, None],
                            np.array([[0, 1]]))
        bounced = u[:, 0] < np.array([a.bounce_probability for a in agencies])[which]
        # random rounding keeps each agency's mean delay exact in whole working days
        days = np.floor(np.array([a.delay for a in agencies])[which] + u[:, 1]).astype(np.int64)
        now = days == 0
        self._hand_back(ids[now], bounced[now])
        for d in np.unique(days[~now]):
            due, mask = self.world.day + int(d), days == d
            if due not in self._due:
                self._due[due] = []
                self.world.schedule_event(self.deliver, at=self.world.morning(due))
            self._due[due].append((ids[mask], bounced[mask]))

    def deliver(self) -> None:
        """Mesa event on the morning of a due day: agencies hand back the files due today.

        The batches due today are handed back together: a file is in one batch at most, and
        each inbox receives the advanced files in the batches' order, as one by one.
        """
        batches = self._due.pop(self.world.day, [])
        if batches:
            self._hand_back(np.concatenate([ids for ids, _ in batches]),
                            np.concatenate([bounced for _, bounced in batches]))

    def _hand_back(self, ids: np.ndarray, bounced: np.ndarray) -> None:
        self.bounce(ids[bounced])
        self.advance(ids[~bounced])

    def _back_office_day(self) -> None:
        """Staff work through the backlog in order; files finished today move on."""
        staff = self.world.component("staff").in_role(Role.BACK_OFFICE)
        minutes = self.p.staff_minutes_per_day
        capacity = sum(minutes / s.speed() for s in staff)
        queue = self.back_office.peek()
        work = self.book.work_min[queue].astype(float)
        demand = float(work.sum())
        self.bo_load = demand / (minutes * len(staff)) if staff else 0.0
        for s in staff:
            s.work(min(self.bo_load, 2.0))
        done_n = int(np.searchsorted(np.cumsum(work), capacity, side="right"))
        done = self.back_office.pop(done_n)
        if done_n < len(queue):  # partial progress on the next file
            self.book.work_min[queue[done_n]] -= capacity - float(work[:done_n].sum())
        if staff:
            error = np.mean([s.error_rate() for s in staff])
            passes = self.book.bounces[done] + self.book.returns[done]
            self.book.error[done] |= self.world.draw(Stream.BACK_OFFICE_ERROR, done,
                                                     passes) < error
        self.advance(done)
