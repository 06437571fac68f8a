"""Demand: needs arise, and today's visitors set out for the service point that will serve them.

New requests arise binomially among residents. Every request due today goes to the office's
counter unless another service point claims it (a mobile unit in the visitor's kelurahan today)
or asks it to wait for its next day there. Each visitor's per-visit decisions are then drawn at
once from keyed streams, so that the same visit gets the same numbers in every scenario.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from hrsim.calendar import WORKING_DAYS_PER_YEAR
from hrsim.day.component import Component, World
from hrsim.streams import Stream
from hrsim.world import services

# per-visit decisions, drawn together once a day (one keyed call instead of one per mechanism)
VISIT_DRAWS = {name: col for col, name in enumerate((
    Stream.ARRIVAL, Stream.SERVICE, Stream.PATIENCE, Stream.RATION, Stream.DOCUMENTS, Stream.FEE,
    Stream.CALO, Stream.PICKUP_AGAIN, Stream.RETRY, Stream.RETURN, Stream.COMPLAIN))}


class Demand(Component):
    """New needs and today's visitors.

    Attributes:
        arrivals: Today's visitors (request ids) of each service point, by point name.
        not_offered: For each catalogue service, whether the office does not offer it.
    """

    name = "demand"
    params = ("demand",)
    results = ("new_requests",)
    streams = (Stream.NEEDS, Stream.VISIT)

    def __init__(self, world: World) -> None:
        super().__init__(world)
        self.arrivals: dict[str, np.ndarray] = {}
        self.not_offered = np.isin(services.KEYS, self.p.services_not_offered)
        self._row = np.zeros(0, np.int64)  # request id -> row of today's draws
        self._draws = np.zeros((0, len(VISIT_DRAWS)))

    def step(self) -> None:
        """Needs arise; the requests due today are routed to service points."""
        world, book = self.world, self.world.requests
        who = self.in_need()
        service = services.draw(world.streams[Stream.NEEDS], len(who))
        if self.not_offered.any():  # needs for services the office does not offer go elsewhere
            keep = ~self.not_offered[service]
            who, service = who[keep], service[keep]
        book.add(who, service, world.component("files").route_for(service), world.day)
        world.today.new_requests = len(who)

        due = book.visiting(world.day)
        self.arrivals = {}
        for point in world.service_points:
            mine, later = point.claim(due)
            self.arrivals[point.name] = due[mine]
            due = due[~(mine | later)]
        coming = np.concatenate(list(self.arrivals.values()))  # the counter is always among them
        book.visits[coming] += 1
        self._draw_for_visitors(coming)

    def in_need(self) -> np.ndarray:
        """Residents who need a service today (a binomial number, chosen at random)."""
        residents, rng = len(self.world.citizens), self.world.streams[Stream.NEEDS]
        n = rng.binomial(residents, min(self.p.service_need_rate / WORKING_DAYS_PER_YEAR, 1.0))
        return rng.integers(0, residents, n)

    def _draw_for_visitors(self, ids: np.ndarray) -> None:
        book = self.world.requests
        self._row = np.full(len(book), -1)
        self._row[ids] = np.arange(len(ids))
        self._draws = self.world.streams.uniform(
            Stream.VISIT, ids[:, None], book.visits[ids][:, None],
            np.arange(len(VISIT_DRAWS))[None, :])

    def draw(self, mechanism: Stream, ids: np.ndarray, *keys: Any) -> np.ndarray:
        """Uniforms for requests `ids` at their current visit (CRN across scenarios)."""
        col = VISIT_DRAWS.get(mechanism)
        if col is None or keys:
            return self.world.streams.uniform(mechanism, ids, self.world.requests.visits[ids],
                                              *keys)
        rows = self._row[ids]
        if len(rows) and rows.min() < 0:
            raise RuntimeError(f"'{mechanism}' drawn for a request not visiting today")
        return self._draws[rows, col]

    def revisit_days(self, ids: np.ndarray, why: Stream) -> np.ndarray:
        """Days on which citizens told to come again return: tomorrow plus a geometric delay."""
        day = self.world.day
        extra_mean = self.p.revisit_delay_days - 1
        if extra_mean <= 0:
            return np.full(len(ids), day + 1)
        u = self.draw(why, ids)
        return day + 1 + np.floor(np.log1p(-u) / np.log1p(-1 / (1 + extra_mean))).astype(int)
