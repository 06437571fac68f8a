"""The counter: visits, waiting times, probability of waiting, utilisation and people turned back.

Daily columns describe that day; summary fields pool every counter visit of the run.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from hrsim.measures import daily, summary
from hrsim.records import Outcome

if TYPE_CHECKING:
    from hrsim.model import HRModel
    from hrsim.records import QueueDay


def _waits(days: list) -> np.ndarray:
    parts = [d.counter.wait[d.counter.served] for d in days if d.counter is not None]
    return np.concatenate(parts) if parts else np.zeros(0)


def _outcomes(days: list) -> np.ndarray:
    parts = [d.counter.outcome for d in days if d.counter is not None]
    return np.concatenate(parts) if parts else np.zeros(0, np.int8)


def _mean(x: np.ndarray) -> float:
    return float(x.mean()) if len(x) else float("nan")


def _p90(x: np.ndarray) -> float:
    return float(np.percentile(x, 90)) if len(x) else float("nan")


def _utilisation(days: list, open_min: float) -> float:
    busy = sum(float(d.counter.busy_min.sum()) for d in days if d.counter is not None)
    capacity = sum(d.open_desks for d in days) * open_min
    return busy / capacity if capacity else float("nan")


def _today(model: HRModel) -> QueueDay | None:
    return model.today.counter


@daily("visits")
def visits(model: HRModel) -> int:
    """Citizens who came to the counter today."""
    return len(_outcomes([model.today]))


@daily("served")
def served(model: HRModel) -> int:
    """Citizens served at the counter today."""
    return int(np.count_nonzero(_outcomes([model.today]) == Outcome.SERVED))


@daily("gave_up")
def gave_up(model: HRModel) -> int:
    """Citizens who left the queue before being served."""
    return int(np.count_nonzero(_outcomes([model.today]) == Outcome.GAVE_UP))


@daily("sent_home")
def sent_home(model: HRModel) -> int:
    """Citizens still waiting at closing time, or turned away by rationing staff."""
    o = _outcomes([model.today])
    return int(np.count_nonzero((o == Outcome.SENT_HOME) | (o == Outcome.TURNED_AWAY)))


@daily("queue_max")
def queue_max(model: HRModel) -> int:
    """Longest queue met by an arriving citizen today."""
    day = _today(model)
    return int(day.queue_on_arrival.max()) if day is not None and len(day.arrival) else 0


@daily("wait_mean_min")
def wait_mean_today(model: HRModel) -> float:
    """Mean wait of today's served citizens (minutes)."""
    return _mean(_waits([model.today]))


@daily("utilisation")
def utilisation_today(model: HRModel) -> float:
    """Share of open desk time spent serving today."""
    return _utilisation([model.today], model.p.office_open_min)


@summary("visits")
def visits_total(model: HRModel) -> int:
    """Counter visits in the run."""
    return len(_outcomes(model.history.days))


@summary("wait_mean_min", better=-1, digits=1, compared=True)
def wait_mean(model: HRModel) -> float:
    """Mean wait of served citizens over the run (minutes)."""
    return _mean(_waits(model.history.days))


@summary("wait_p90_min")
def wait_p90(model: HRModel) -> float:
    """90th percentile of the wait of served citizens (minutes)."""
    return _p90(_waits(model.history.days))


@summary("p_wait")
def p_wait(model: HRModel) -> float:
    """Share of served citizens who had to wait at all."""
    w = _waits(model.history.days)
    return float(np.mean(w > 0)) if len(w) else float("nan")


@summary("utilisation")
def utilisation(model: HRModel) -> float:
    """Share of open desk time spent serving, over the run."""
    return _utilisation(model.history.days, model.p.office_open_min)


@summary("gave_up_rate")
def gave_up_rate(model: HRModel) -> float:
    """Share of counter visits that ended with the citizen giving up in the queue."""
    o = _outcomes(model.history.days)
    return float(np.mean(o == Outcome.GAVE_UP)) if len(o) else float("nan")


@summary("sent_home_rate")
def sent_home_rate(model: HRModel) -> float:
    """Share of counter visits sent home unserved (closing time or rationing)."""
    o = _outcomes(model.history.days)
    return float(np.mean((o == Outcome.SENT_HOME) | (o == Outcome.TURNED_AWAY))) if len(o) \
        else float("nan")
