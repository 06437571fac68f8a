"""Complaints and service recovery (domain §9).

A visitor whose visit's valence falls below `complaint_valence` may complain; the chance rises
with their trust in the office (voice needs trust; low trust means silence or exit). The office
resolves up to its capacity of complaints a day, oldest first; a complaint still open when its
response standard has passed is ignored. An answer in time is a good experience (trust recovers,
but at most to its level before the failure: de Matos et al. 2007); an ignored complaint is a
double deviation. Both are news the complainant may tell, and the office may post its answers
where visitors see them (U9).

The component owns the complaint desk (its capacity, the voice of the dissatisfied, the board of
answers) and what each resident last learnt of complaint handling; a policy changes it through
`Complaints.ease_voice`, `Complaints.add_officer` and `Complaints.post_answers`, word of mouth
through `Complaints.hear`.
"""

from __future__ import annotations

import numpy as np

from hrsim.day.component import Component, World
from hrsim.elements import N_ELEMENTS
from hrsim.records import Story
from hrsim.streams import Stream

COMPLAINT_STORY = 1  # `Story.kind` of a complaint's answer
POSTED_WINDOW_DAYS = 60  # answers a posted board shows: the last survey period's [A]


class Complaints(Component):
    """The complaint desk: open complaints, oldest first, and its daily work.

    Attributes:
        capacity: Complaints the office resolves per working day.
        propensity: Chance a dissatisfied visitor complains (voice), at the trust threshold.
        answers_posted: Whether answered complaints are posted where visitors see them.
    """

    name = "complaints"
    params = ("complaints", "trust")
    states = ("complaint_news", "complaints")
    results = ("complaints_filed", "complaints_on_time", "complaints_late")
    streams = (Stream.COMPLAIN,)

    def __init__(self, world: World) -> None:
        super().__init__(world)
        self.capacity = self.p.complaint_capacity
        self.propensity = self.p.complaint_propensity
        self.answers_posted = False
        self._credit = 0.0  # unused capacity of fractional complaints
        self._citizen = np.zeros(0, np.int64)
        self._filed = np.zeros(0, np.int64)
        self._trust_before = np.zeros(0)
        self._answered: list[tuple[int, int, int]] = []  # (day, on time, late) for the board

    @property
    def open(self) -> int:
        """Complaints waiting for an answer."""
        return len(self._citizen)

    # --- verbs --------------------------------------------------------------------------------
    def ease_voice(self, gain: float) -> None:
        """An easier channel: the chance of complaining rises by `gain` (up to 1)."""
        self.propensity = min(self.propensity + gain, 1.0)

    def add_officer(self, capacity: float) -> None:
        """A complaint officer resolves `capacity` more complaints a day."""
        self.capacity += capacity

    def post_answers(self) -> None:
        """Answered complaints are posted at the office from now on."""
        self.answers_posted = True

    def hear(self, who: np.ndarray, news: np.ndarray) -> None:
        """Residents `who` learn how a complaint was handled (+1 in time, −1 ignored)."""
        self.world.citizens.complaint_news[who] = news

    def board(self) -> float | None:
        """The share answered in time that the posted board shows (None: no board, or empty)."""
        return self.posted_on_time_share() if self.answers_posted else None

    # --- the day --------------------------------------------------------------------------------
    def step(self) -> None:
        """File today's complaints, resolve what capacity allows, and give up on the overdue."""
        self._file()
        self._credit += self.capacity
        n = min(int(self._credit), self.open)
        self._credit -= n
        self._settle(np.arange(self.open) < n, on_time=True)
        overdue = self.world.day - self._filed > self.p.complaint_standard_days
        self._settle(overdue, on_time=False)
        since = self.world.day - POSTED_WINDOW_DAYS
        self._answered = [a for a in self._answered if a[0] > since]

    def _file(self) -> None:
        world, p = self.world, self.p
        enc = world.today.encounters
        trust = enc.trust_before
        propensity = self.propensity * np.maximum(
            1 + p.complaint_trust_slope * (trust - p.trust_threshold), 0)
        voice = (enc.valence < p.complaint_valence) & (
            world.draw(Stream.COMPLAIN, enc.request) < propensity)
        who = enc.citizen[voice]
        self._citizen = np.concatenate([self._citizen, who])
        self._filed = np.concatenate([self._filed, np.full(len(who), world.day)])
        self._trust_before = np.concatenate([self._trust_before, trust[voice]])
        world.citizens.complaints[who] += 1
        world.today.complaints_filed += len(who)

    def _settle(self, done: np.ndarray, *, on_time: bool) -> None:
        """Close the complaints in `done`: answered within standard, or ignored."""
        if not done.any():
            return
        world, p = self.world, self.p
        trust = world.component("trust")
        who = self._citizen[done]
        if on_time:
            trust.learn(who, np.full(len(who), p.recovery_valence),
                              cap=self._trust_before[done])
            valence, news = p.recovery_valence, 1
            world.today.complaints_on_time += len(who)
        else:
            trust.learn(who, np.full(len(who), -p.double_deviation))
            valence, news = -p.double_deviation, -1
            world.today.complaints_late += len(who)
        self.hear(who, np.full(len(who), news, np.int8))
        world.component("word_of_mouth").tell(Story(who, np.full(len(who), COMPLAINT_STORY),
                                         np.full(len(who), valence),
                                         np.full((len(who), N_ELEMENTS), np.nan),
                                         np.full(len(who), news, np.int8)))
        self._answered.append((world.day, len(who) if on_time else 0, 0 if on_time else len(who)))
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
