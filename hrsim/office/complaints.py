"""Complaints and service recovery (domain §9).

A visitor whose visit's valence falls below `complaint_valence` may complain; the chance rises
with their trust in the office (voice needs trust; low trust means silence or exit). The office
resolves up to its capacity of complaints a day, oldest first; a complaint still open when its
response standard has passed is ignored. An answer in time is a good experience (trust recovers,
but at most to its level before the failure: de Matos et al. 2007); an ignored complaint is a
double deviation. Both are news the complainant may tell, and the office may post its answers
where visitors see them (U9).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from hrsim.components import Component
from hrsim.elements import N_ELEMENTS
from hrsim.records import Story
from hrsim.streams import Stream

if TYPE_CHECKING:
    from hrsim.model import HRModel

COMPLAINT_STORY = 1  # `Story.kind` of a complaint's answer
POSTED_WINDOW_DAYS = 60  # answers a posted board shows: the last survey period's [A]


class Complaints(Component):
    """The complaint desk: open complaints, oldest first, and its daily work.

    Attributes:
        capacity: Complaints the office resolves per working day.
    """

    name = "complaints"

    def __init__(self, model: HRModel) -> None:
        super().__init__(model)
        self.capacity = model.p.complaint_capacity
        self._credit = 0.0  # unused capacity of fractional complaints
        self._citizen = np.zeros(0, np.int64)
        self._filed = np.zeros(0, np.int64)
        self._trust_before = np.zeros(0)
        self._answered: list[tuple[int, int, int]] = []  # (day, on time, late) for the board

    @property
    def open(self) -> int:
        """Complaints waiting for an answer."""
        return len(self._citizen)

    def step(self) -> None:
        """File today's complaints, resolve what capacity allows, and give up on the overdue."""
        self._file()
        self._credit += self.capacity
        n = min(int(self._credit), self.open)
        self._credit -= n
        self._settle(np.arange(self.open) < n, on_time=True)
        overdue = self.model.day - self._filed > self.model.p.complaint_standard_days
        self._settle(overdue, on_time=False)
        since = self.model.day - POSTED_WINDOW_DAYS
        self._answered = [a for a in self._answered if a[0] > since]

    def _file(self) -> None:
        model, p = self.model, self.model.p
        enc = model.today.encounters
        trust = enc.trust_before
        propensity = model.office.complaint_propensity * np.maximum(
            1 + p.complaint_trust_slope * (trust - p.trust_threshold), 0)
        voice = (enc.valence < p.complaint_valence) & (
            model.draw(Stream.COMPLAIN, enc.request) < propensity)
        who = enc.citizen[voice]
        self._citizen = np.concatenate([self._citizen, who])
        self._filed = np.concatenate([self._filed, np.full(len(who), model.day)])
        self._trust_before = np.concatenate([self._trust_before, trust[voice]])
        model.citizens.complaints[who] += 1
        model.today.complaints_filed += len(who)

    def _settle(self, done: np.ndarray, *, on_time: bool) -> None:
        """Close the complaints in `done`: answered within standard, or ignored."""
        if not done.any():
            return
        model, p = self.model, self.model.p
        who = self._citizen[done]
        if on_time:
            model.trust.learn(who, np.full(len(who), p.recovery_valence),
                              cap=self._trust_before[done])
            valence, news = p.recovery_valence, 1
            model.today.complaints_on_time += len(who)
        else:
            model.trust.learn(who, np.full(len(who), -p.double_deviation))
            valence, news = -p.double_deviation, -1
            model.today.complaints_late += len(who)
        model.citizens.complaint_news[who] = news
        model.today.stories.append(Story(who, np.full(len(who), COMPLAINT_STORY),
                                         np.full(len(who), valence),
                                         np.full((len(who), N_ELEMENTS), np.nan),
                                         np.full(len(who), news, np.int8)))
        self._answered.append((model.day, len(who) if on_time else 0, 0 if on_time else len(who)))
        keep = ~done
        self._citizen, self._filed = self._citizen[keep], self._filed[keep]
        self._trust_before = self._trust_before[keep]

    def posted_on_time_share(self) -> float | None:
        """Share answered in time of the complaints closed in the last `POSTED_WINDOW_DAYS`.

        None if none was closed: the board shows nothing.
        """
        ok = sum(a[1] for a in self._answered)
        total = ok + sum(a[2] for a in self._answered)
        return ok / total if total else None
