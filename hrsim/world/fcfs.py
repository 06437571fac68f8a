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
        if not len(speed):  # no desk opens (outage): everyone waits until patience or closing
            give_up_at = arrival + patience
            outcome = np.full(len(arrival), Outcome.SENT_HOME, dtype=np.int8)
            outcome[give_up_at < self.close_at] = Outcome.GAVE_UP
            return QueueDay(arrival, np.full(len(arrival), math.nan),
                            np.minimum(give_up_at, self.close_at),
                            np.full(len(arrival), -1, dtype=np.int64), outcome,
                            np.zeros(len(arrival), dtype=np.int64), np.zeros(0))
        start, left, desk, outcome, queue, busy = self._recursion(
            arrival.tolist(), work.tolist(), speed.tolist(), patience.tolist(),
            None if ration is None else ration.tolist())
        return QueueDay(arrival, np.array(start, dtype=float), np.array(left, dtype=float),
                        np.array(desk, dtype=np.int64),
                        np.array(outcome, dtype=np.int8), np.array(queue, dtype=np.int64),
                        np.array(busy, dtype=float))

    def _recursion(self, arrival: list[float], work: list[float], speed: list[float],
                   patience: list[float], ration: list[bool] | None) -> tuple[list, ...]:
        """The FCFS recursion on Python lists (numpy's per-element access costs more here).

        Returns start, left, desk, outcome, queue on arrival per customer and busy minutes per
        desk, as `serve` describes them.
        """
        n = len(arrival)
        start, left, desk = [math.nan] * n, list(arrival), [-1] * n
        outcome, queue, busy = [int(Outcome.SENT_HOME)] * n, [0] * n, [0.0] * len(speed)
        served, turned_away = int(Outcome.SERVED), int(Outcome.TURNED_AWAY)
        gave_up, sent_home = int(Outcome.GAVE_UP), int(Outcome.SENT_HOME)
        free = [(0.0, d) for d in range(len(speed))]  # (time desk frees, desk), a min-heap
        leaving: list[float] = []  # times at which citizens now waiting leave the queue
        close_at, threshold = self.close_at, self.queue_threshold
        push, pop, replace = heapq.heappush, heapq.heappop, heapq.heapreplace
        rationed = ration if ration is not None else [False] * n
        for i, (a, wait_limit, rations) in enumerate(zip(arrival, patience, rationed,
                                                         strict=True)):
            while leaving and leaving[0] <= a:
                pop(leaving)
            waiting = queue[i] = len(leaving)
            if rations and waiting >= threshold:
                outcome[i] = turned_away
                continue
            t, d = free[0]
            s = t if t > a else a
            give_up_at = a + wait_limit
            if s > give_up_at or s > close_at:
                outcome[i] = gave_up if give_up_at < close_at else sent_home
                left[i] = gone = min(give_up_at, close_at)
                push(leaving, gone)
                continue
            service = work[i] * speed[d]
            replace(free, (s + service, d))
            start[i], desk[i], outcome[i] = s, d, served
            busy[d] += service
            if s > a:
                push(leaving, s)
        return start, left, desk, outcome, queue, busy
