"""Complaints filed, and how many were resolved within the response standard."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hrsim.measures import daily, summary

if TYPE_CHECKING:
    from hrsim.model import HRModel


@daily("complaints_filed")
def complaints_filed(model: HRModel) -> int:
    """Complaints filed today."""
    return model.today.complaints_filed


@daily("complaints_open")
def complaints_open(model: HRModel) -> int:
    """Complaints awaiting an answer at the end of the day."""
    return model.component("complaints").open


# neither direction is better: more complaints can mean more voice, not worse service
@summary("complaints", digits=0, compared=True)
def complaints(model: HRModel) -> int:
    """Complaints filed in the run."""
    return int(model.history.total("complaints_filed"))


@summary("complaints_resolved_on_time")
def complaints_resolved_on_time(model: HRModel) -> float:
    """Share of answered complaints resolved within the standard."""
    ok = model.history.total("complaints_on_time")
    answered = ok + model.history.total("complaints_late")
    return ok / answered if answered else float("nan")
