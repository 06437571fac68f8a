"""SERVQUAL dimensions (Parasuraman, Zeithaml & Berry 1988) from the same visits the IKM rates.

Each dimension's score is the mean gap P − E (performance minus expectation) of its IKM elements
over the visits served in the last survey period; the index weights dimensions by their importance
points (Zeithaml, Parasuraman & Berry 1990). Element → dimension mapping: domain §1.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hrsim.measures import summary

if TYPE_CHECKING:
    from hrsim.model import HRModel

DIMENSIONS: dict[str, tuple[int, ...]] = {  # element indices (U1 = 0)
    "reliability": (1, 2, 4),
    "responsiveness": (2, 8),
    "assurance": (0, 3, 5),
    "empathy": (6,),
    "tangibles": (7,),
}
IMPORTANCE = {"reliability": 32, "responsiveness": 22, "assurance": 19, "empathy": 16,
              "tangibles": 11}


@summary("servqual")
def servqual(model: HRModel) -> dict[str, float]:
    """Gap score per dimension and the importance-weighted index (0 = expectations met)."""
    enc = model.history.encounters(model.p.survey_period_days)
    gap = (enc.perf - enc.expect)[enc.served]
    if not len(gap):
        return dict.fromkeys([*DIMENSIONS, "index"], float("nan"))
    scores = {d: float(gap[:, list(cols)].mean()) for d, cols in DIMENSIONS.items()}
    scores["index"] = sum(IMPORTANCE[d] * scores[d] for d in DIMENSIONS) / sum(IMPORTANCE.values())
    return scores
