"""The front-desk counter: an exact first-come-first-served multi-server queue in continuous time.

Every run and ``hrsim validate queue`` use this same code. Within a day the queue is computed
exactly by the FCFS recursion: each arrival, in order, takes the desk that frees first; it starts at
``max(arrival, desk free)``. A citizen whose start would come after their patience runs out leaves
(reneges) and never blocks anyone, which keeps the recursion exact. With giving up, closing and
staff effects switched off the counter is an M/M/c queue, checked against Erlang C.

The loop is plain Python on purpose: FCFS-with-reneging is inherently sequential, and a general
discrete-event library (e.g. SimPy) would cost ~10x more per customer for the same result.
"""

from __future__ import annotations

import heapq
import math

import numpy as np
from scipy.special import ndtri

from hrsim.params import Params
from hrsim.records import Outcome, QueueDay

# the window of `morning_share`: 08:00–11:00 of the 8-hour day (domain §2), in proportion on
# shorter or longer opening hours (a mobile unit's four hours have a 90-minute morning)
MORNING_FRACTION = 180.0 / 480.0


class FcfsQueue:
    """A service point's queue: its settings taken from the parameters, and the daily FCFS run.

    Args:
        params: Model parameters (desks, service-time distribution, patience, closing).
    """

    def __init__(self, params: Params) -> None:
        self.mean_min = params.counter_service_mean_min
        self.cv = params.counter_service_cv
        self.dist = params.service_time_dist
        self.patience_mean = params.patience_mean_min if params.giving_up else math.inf
        self.open_min = params.office_open_min
        self.close_at = params.office_open_min if params.counter_closes else math.inf
        self.morning_share = params.morning_share
        self.queue_threshold = params.queue_threshold

    def work(self, u: np.ndarray) -> np.ndarray:
        """Service times (minutes at standard speed) from uniforms, by inverse CDF."""
        if self.dist == "exponential":
            return -self.mean_min * np.log1p(-u)
        sigma = math.sqrt(math.log1p(self.cv**2))
        return np.exp(math.log(self.mean_min) - sigma**2 / 2 + sigma * ndtri(u))

    def patience(self, u: np.ndarray) -> np.ndarray:
        """Minutes each citizen will wait (exponential; infinite when giving up is off)."""
        if math.isinf(self.patience_mean):
            return np.full(len(u), math.inf)
        return -self.patience_mean * np.log1p(-u)

    def arrivals(self, u: np.ndarray) -> np.ndarray:
        """Arrival minutes from uniforms: `morning_share` of citizens come in the morning."""
        m, morning = self.morning_share, MORNING_FRACTION * self.open_min
        late = self.open_min - morning
        return np.where(u < m, morning * u / max(m, 1e-12),
                        morning + late * (u - m) / max(1.0 - m, 1e-12))

    def serve(
        self,
        arrival: np.ndarray,
        work: np.ndarray,
        speed: np.ndarray,
        patience: np.ndarray,
        ration: np.ndarray | None = None,
    ) -> QueueDay:
        """Run the FCFS recursion for one day.

        Args:
            arrival: Sorted arrival times (minutes after opening).
            work: Service time of each customer at standard speed (minutes).
            speed: Service-time multiplier of each open desk (empty: counter closed).
            patience: Minutes each customer will wait before giving up.
            ration: Per customer, True if coping staff would turn them away once the queue
                reaches `queue_threshold` (None: no rationing today).

        Returns:
            The day's counter record.
        """
        n, desks = len(arrival), len(speed)
        start = np.full(n, math.nan)
        left = np.array(arrival, dtype=float)
        desk = np.full(n, -1, dtype=np.int64)
        outcome = np.full(n, Outcome.SENT_HOME, dtype=np.int8)
        queue = np.zeros(n, dtype=np.int64)
        busy = np.zeros(desks)
        if desks:
            self._recursion(arrival.tolist(), work.tolist(), speed.tolist(), patience.tolist(),
                            None if ration is None else ration.tolist(),
                            start, left, desk, outcome, queue, busy)
        else:  # no desk opens (outage): everyone waits until patience or the day runs out
            give_up_at = arrival + patience
            left = np.minimum(give_up_at, self.close_at)
            outcome[give_up_at < self.close_at] = Outcome.GAVE_UP
        return QueueDay(arrival, start, left, desk, outcome, queue, busy)

    def _recursion(self, arrival, work, speed, patience, ration, start, left, desk, outcome,
                   queue, busy) -> None:
        free = [(0.0, d) for d in range(len(speed))]  # (time desk frees, desk), a min-heap
        leaving: list[float] = []  # times at which citizens now waiting leave the queue
        close_at, threshold = self.close_at, self.queue_threshold
        for i, a in enumerate(arrival):
            while leaving and leaving[0] <= a:
                heapq.heappop(leaving)
            queue[i] = len(leaving)
            if ration is not None and ration[i] and len(leaving) >= threshold:
                outcome[i] = Outcome.TURNED_AWAY
                continue
            t, d = free[0]
            s = t if t > a else a
            give_up_at = a + patience[i]
            if s > give_up_at or s > close_at:
                outcome[i] = Outcome.GAVE_UP if give_up_at < close_at else Outcome.SENT_HOME
                left[i] = min(give_up_at, close_at)
                heapq.heappush(leaving, left[i])
                continue
            service = work[i] * speed[d]
            heapq.heapreplace(free, (s + service, d))
            start[i], desk[i], outcome[i] = s, d, Outcome.SERVED
            busy[d] += service
            if s > a:
                heapq.heappush(leaving, s)
