"""The mobile service unit (layanan jemput bola): the office comes to the far kelurahan.

The unit is a second service point. On each trip it sets up its desk at one of the kelurahan
farthest from the office, in turn; there it takes submissions and hands over documents of the simple
services. A resident of a served kelurahan who needs one of them uses the unit — with probability
`uptake` — when its next trip to their kelurahan is at most `max_wait_days` away, and waits for it;
otherwise they travel to the office as before. Files accepted by the unit come back with it on its
first trip after they are promised. Everything the unit changes is a fact of the visit — shorter
travel, its own queue, days waited, its clerks' skill and courtesy — and the ratings follow from
those facts as at the counter.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import TYPE_CHECKING

import numpy as np
from pydantic import Field, field_validator

from hrsim.calendar import WORKING_DAYS_PER_YEAR
from hrsim.day.counter import ServicePoint
from hrsim.day.staff import Role, Staff
from hrsim.policies.base import Policy
from hrsim.streams import Stream
from hrsim.world import services
from hrsim.world.fcfs import FcfsQueue

if TYPE_CHECKING:
    from hrsim.day.component import World

SERVICE_KEYS = services.KEYS


class MobileUnit(Policy):
    """A mobile service unit visiting the far kelurahan in turn.

    Intensity is the share of the `kelurahan` farthest kelurahan the unit serves (rounded).
    """

    key = "mobile_unit"
    lever_order = 90
    kelurahan: int = Field(4, ge=1, le=60, description="Farthest kelurahan served [A].")
    every_days: int = Field(1, ge=1, le=60, description="Working days between trips [A].")
    hours: float = Field(4.0, gt=0, le=8, description="Hours the unit serves on a trip [A].")
    travel_min: float = Field(5.0, ge=0, le=240,
                              description="One-way travel to the unit within the kelurahan "
                                          "(minutes) [A].")
    uptake: float = Field(0.6, ge=0, le=1,
                          description="Share of eligible residents who use the unit [A].")
    max_wait_days: int = Field(3, ge=0, le=60,
                               description="Longest wait for the unit's next trip that "
                                           "residents accept (working days) [A].")
    # not strict: a file's list becomes the tuple (its items stay strict: pydantic never turns a
    # number into a text, and the validator below allows the catalogue's keys only)
    services: tuple[str, ...] = Field(("surat_keterangan", "ktp", "kk"), strict=False,
                                      description="Services the unit offers (simple ones) [A].")
    clerks: int = Field(1, ge=1, le=5, description="Clerks at the unit's desk [A].")
    borrowed: bool = Field(False, description="Clerks are lent by the counter on trip days "
                                              "(true) or hired for the unit (false) [A].")
    clerk_salary_rp: float = Field(48_000_000, ge=0,
                                   description="Salary per hired clerk per year, ~Rp 4 million "
                                               "a month (Rp/yr) [A].")
    cost_once_rp: float = Field(250_000_000, ge=0,
                                description="Service vehicle and its equipment (Rp) [A].")
    cost_per_year_rp: float = Field(40_000_000, ge=0,
                                    description="Fuel, upkeep and field allowances (Rp/yr) [A].")

    @field_validator("services")
    @classmethod
    def _known_services(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = sorted(set(value) - set(SERVICE_KEYS))
        if unknown:
            raise ValueError(f"unknown service {unknown[0]!r}; allowed: {', '.join(SERVICE_KEYS)}")
        return value

    def begin(self, world: World) -> None:
        """The unit joins the working day before the counter, and its clerks are hired."""
        served = round(self.intensity * min(self.kelurahan, len(world.citizens.travel_min)))
        if served == 0:
            return
        world.add_component(MobileServicePoint(world, self, served), before="counter")
        if not self.borrowed:
            for _ in range(self.clerks):
                world.component("staff").hire(Role.MOBILE)

    def step(self, world: World) -> None:
        """Pay the hired clerks."""
        if not self.borrowed:
            hired = len(world.component("staff").in_role(Role.MOBILE))
            world.spend(self.clerk_salary_rp * hired / WORKING_DAYS_PER_YEAR)


class MobileServicePoint(ServicePoint):
    """The unit's desk: its own queue, clerks, trips and travel.

    Args:
        world: The model.
        policy: The policy's settings.
        served: How many of the farthest kelurahan the unit visits.
    """

    name = "mobile_unit"
    streams = (*ServicePoint.streams, Stream.MOBILE_UNIT)

    def __init__(self, world: World, policy: MobileUnit, served: int) -> None:
        super().__init__(world)
        self.policy = policy
        self.queue = FcfsQueue(SimpleNamespace(**{**vars(self.p),
                                                  "office_open_min": policy.hours * 60}))
        self.first_day = world.day  # the first trip is on the start day
        kelurahan = len(world.citizens.travel_min)
        self.rota = np.arange(kelurahan - served, kelurahan)  # farthest last
        self.position = np.full(kelurahan, -1)
        self.position[self.rota] = np.arange(served)
        self.eligible = np.isin(SERVICE_KEYS, policy.services)

    def next_trip(self, kelurahan: np.ndarray, day: int | np.ndarray) -> np.ndarray:
        """The first day on or after `day` the unit is in each served kelurahan."""
        period = len(self.rota) * self.policy.every_days
        first = self.first_day + self.position[kelurahan] * self.policy.every_days
        laps = np.maximum(np.ceil((day - first) / period), 0)
        return (first + laps * period).astype(np.int64)

    def claim(self, due: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Residents of served kelurahan who use the unit come today or wait for its next trip.

        Those who wait are told the day of the trip.
        """
        world, book = self.world, self.world.requests
        kelurahan = world.citizens.kelurahan[book.citizen[due]]
        user = (self.position[kelurahan] >= 0) & self.eligible[book.service[due]] & (
            world.streams.uniform(Stream.MOBILE_UNIT, due) < self.policy.uptake)
        trip = np.where(user, self.next_trip(kelurahan, world.day), -1)
        user &= trip - world.day <= self.policy.max_wait_days
        mine, later = user & (trip == world.day), user & (trip > world.day)
        book.next_visit[due[later]] = trip[later]
        return mine, later

    def clerks(self) -> list[Staff]:
        """The unit's clerks: hired for it, or lent by the counter's last desks for the day."""
        staff = self.world.component("staff")
        self.clerks_home()
        if self.policy.borrowed:
            lent = staff.clerks[-self.policy.clerks:]
            for s in lent:
                s.lend(self.name)
            return lent
        return staff.in_role(Role.MOBILE)

    def pickup_day(self, ids: np.ndarray) -> np.ndarray:
        """Documents come back with the unit on its first trip after they are promised."""
        kelurahan = self.world.citizens.kelurahan[self.world.requests.citizen[ids]]
        return self.next_trip(kelurahan, super().pickup_day(ids))

    def travel_min(self, ids: np.ndarray) -> np.ndarray:
        """Travel to the unit within the kelurahan."""
        return np.full(len(ids), self.policy.travel_min)

    def step(self) -> None:
        """Serve today's visitors if the unit is out; otherwise lent clerks stay at their desks."""
        if self.on_trip():
            super().step()
        else:
            self.clerks_home()

    def on_trip(self) -> bool:
        """Whether the unit makes a trip today."""
        return (self.world.day - self.first_day) % self.policy.every_days == 0

    def clerks_home(self) -> None:
        """Lent clerks are back at their desks."""
        for s in self.world.component("staff").clerks:
            if s.lent_to == self.name:
                s.come_back()
