"""Staff well-being and capacity: exhaustion (burnout), motivation, courtesy, turnover."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from hrsim.measures import daily, summary

if TYPE_CHECKING:
    from hrsim.model import HRModel


def _mean(model: HRModel, attribute: str) -> float:
    # the crew's list rather than `model.staff.agg`: the same staff in the same order, without
    # walking Mesa's weak-keyed agent set every day
    staff = model.component("staff").members
    return float(np.mean([getattr(s, attribute) for s in staff])) if staff else float("nan")


@daily("exhaustion_mean")
@summary("exhaustion_mean", better=-1, digits=3, compared=True)
def exhaustion_mean(model: HRModel) -> float:
    """Mean exhaustion X of staff in post, 0–1."""
    return _mean(model, "exhaustion")


@daily("motivation_mean")
@summary("motivation_mean")
def motivation_mean(model: HRModel) -> float:
    """Mean motivation M of staff in post, 0–1."""
    return _mean(model, "motivation")


@daily("competence_mean")
@summary("competence_mean")
def competence_mean(model: HRModel) -> float:
    """Mean effective competence of staff in post, 0–1."""
    return _mean(model, "skill")


@daily("courtesy_mean")
@summary("courtesy_mean")
def courtesy_mean(model: HRModel) -> float:
    """Mean courtesy of the counter staff in post, 0–1."""
    return float(np.mean([s.courtesy() for s in model.counter_staff])) \
        if model.counter_staff else float("nan")


@daily("staff")
@summary("staff")
def staff_in_post(model: HRModel) -> int:
    """Service staff in post (vacancies excluded)."""
    return len(model.component("staff").members)


@daily("open_desks")
def open_desks(model: HRModel) -> int:
    """Counter desks staffed today."""
    return model.today.open_desks


@summary("turnover")
def turnover(model: HRModel) -> int:
    """Staff who resigned during the run."""
    return int(model.history.total("leavers"))
