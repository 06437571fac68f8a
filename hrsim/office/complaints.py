"""Complaints and service recovery (domain §9).

A dissatisfied visitor may complain. At filing the office's responsiveness decides whether the
complaint will be resolved within its standard; the answer reaches the citizen as a Mesa event on
the morning it is due. A timely resolution restores satisfaction but trust only up to its pre-
failure level (de Matos et al. 2007); an ignored or late complaint is a double deviation and costs
extra trust.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from hrsim.agents.rules import trust_gain
from hrsim.calendar import morning_of

if TYPE_CHECKING:
    from hrsim.model import HRModel


class ComplaintDesk:
    """Open complaints, grouped by the day their answer is due."""

    def __init__(self, model: HRModel) -> None:
        self.model = model
        self._due: dict[int, list[dict[str, np.ndarray]]] = {}
        self.open = 0

    def file(self, ids: np.ndarray, citizens: np.ndarray, satisfaction: np.ndarray,
             trust_before: np.ndarray, satisfaction_before: np.ndarray) -> None:
        """Register today's complaints about requests `ids` and schedule their answers."""
        n = len(citizens)
        if not n:
            return
        model = self.model
        standard = model.p.complaint_standard_days
        on_time = model.draw("complaint on time", ids) < model.office.complaint_on_time
        # timely answers come within the standard; the others are noticed when it has passed
        within = 1 + np.floor(model.draw("complaint answer", ids) * standard).astype(int)
        days = np.where(on_time, within, standard + 1)
        today = model.day
        for d in np.unique(days):
            due, m = today + int(d), days == d
            if due not in self._due:
                self._due[due] = []
                model.schedule_event(self.answer, at=morning_of(due))
            self._due[due].append({"citizen": citizens[m], "s": satisfaction[m],
                                   "trust_before": trust_before[m],
                                   "s_before": satisfaction_before[m], "on_time": on_time[m]})
        model.citizens.complaints[citizens] += 1
        model.today.complaints_filed += n
        self.open += n

    def answer(self) -> None:
        """Mesa event: the complaints due this morning are resolved, or found ignored."""
        model = self.model
        for batch in self._due.pop(model.day, []):
            self._settle(batch)

    def _settle(self, b: dict[str, np.ndarray]) -> None:
        model, pop = self.model, self.model.citizens
        p, ok = model.p, b["on_time"]
        who = b["citizen"]
        # recovery: satisfaction back above its pre-failure level, trust capped at pre-failure
        s_pre = np.nan_to_num(b["s_before"], nan=0.5)
        recovered = np.maximum(b["s"], s_pre + p.recovery_bonus)
        t = pop.trust_office[who]
        lifted = np.minimum(b["trust_before"],
                            t + p.trust_learning_office * trust_gain(recovered, p.negativity_bias))
        dropped = np.clip(t - p.trust_learning_office * p.double_deviation, 0, 1)
        pop.trust_office[who] = np.where(ok, np.maximum(t, lifted), dropped)
        pop.last_satisfaction[who[ok]] = recovered[ok]
        pop.complaint_outcome[who] = np.where(ok, 1, -1)
        model.today.complaints_on_time += int(ok.sum())
        model.today.complaints_late += int((~ok).sum())
        self.open -= len(who)
