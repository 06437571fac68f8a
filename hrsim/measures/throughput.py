"""Services: requests, completions, end-to-end time, promises kept, bounce-backs and abandonment."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from hrsim.measures import daily, summary

if TYPE_CHECKING:
    from hrsim.model import HRModel


def _completed_days(model: HRModel) -> np.ndarray:
    parts = [d.completed_days for d in model.history.days]
    return np.concatenate(parts) if parts else np.zeros(0)


@daily("new_requests")
def new_requests(model: HRModel) -> int:
    """Service requests that arose today."""
    return model.today.new_requests


@daily("completed")
def completed_today(model: HRModel) -> int:
    """Services completed (documents handed over) today."""
    return len(model.today.completed_days)


@daily("backlog")
def backlog(model: HRModel) -> int:
    """Files waiting in the back office and at the agencies at the end of the day."""
    return model.today.backlog


@daily("bounces")
def bounces_today(model: HRModel) -> int:
    """Files bounced back today (documents incomplete or returned by an agency)."""
    return model.today.bounces


@summary("services_completed")
def services_completed(model: HRModel) -> int:
    """Services completed in the run."""
    return len(_completed_days(model))


@summary("end_to_end_days", better=-1, compared=True)
def end_to_end_days(model: HRModel) -> float:
    """Mean working days from need to document in hand, for services completed in the run."""
    d = _completed_days(model)
    return float(d.mean()) if len(d) else float("nan")


@summary("on_time_rate")
def on_time_rate(model: HRModel) -> float:
    """Share of completed services done within their promised time."""
    n = services_completed(model)
    return model.history.total("completed_on_time") / n if n else float("nan")


@summary("bounce_rate", better=-1, unit="%", digits=1, scale=100, compared=True)
def bounce_rate(model: HRModel) -> float:
    """Share of completed services bounced back at least once on their way."""
    n = services_completed(model)
    return model.history.total("completed_bounced") / n if n else float("nan")


@summary("bounces")
def bounces_total(model: HRModel) -> int:
    """Bounce-backs in the run (a file may bounce more than once)."""
    return int(model.history.total("bounces"))


@summary("abandoned")
def abandoned(model: HRModel) -> int:
    """Requests given up by citizens after repeated failed visits."""
    return int(model.history.total("abandoned"))
