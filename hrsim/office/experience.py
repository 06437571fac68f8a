"""What a visit was like: the performance P_k the office delivered on each IKM element (domain §1).

One row per counter visit, one column per element U1..U9, each in [0, 1]. Elements a visitor did not
experience this time are marked in `experienced`; citizens rate those at their expectation.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from hrsim.agents.rules import time_performance
from hrsim.params import Params


@dataclass
class Visit:
    """Facts about today's counter visits (arrays over visitors) that shape their experience."""

    served: np.ndarray
    wait: np.ndarray  # minutes in the queue (until served, giving up or closing)
    queue_on_arrival: np.ndarray
    competence: np.ndarray  # of the clerk who served (0 if not served)
    courtesy: np.ndarray
    turned_away_by_staff: np.ndarray
    pickup: np.ndarray
    rejected_documents: np.ndarray
    completed_ok: np.ndarray
    product_error: np.ndarray
    route_stages: np.ndarray
    bounces: np.ndarray
    returns: np.ndarray
    elapsed_days: np.ndarray  # since the need arose
    promised_days: np.ndarray  # completion time the office promises for this service
    unofficial_fee: np.ndarray
    complaint_outcome: np.ndarray  # of the visitor's last complaint: +1, −1 or 0

    @property
    def achieved(self) -> np.ndarray:
        """Whether the visit achieved its purpose: a file accepted, or a correct document."""
        return self.served & np.where(self.pickup, self.completed_ok, ~self.rejected_documents)


def time_score(wait: np.ndarray, days: np.ndarray, p: Params) -> np.ndarray:
    """Perceived speed (U3): the counter wait and the completion time against what is acceptable.

    `days` is the time promised at submission, or the time taken at pickup.
    """
    return (p.wait_weight * time_performance(wait / p.acceptable_wait_min)
            + (1 - p.wait_weight) * time_performance(days / p.acceptable_days))


def performance(v: Visit, clarity: float, facilities: float, visibility: float, p: Params
                ) -> tuple[np.ndarray, np.ndarray]:
    """Performance per element and the mask of elements experienced.

    Returns:
        ``(perf, experienced)``: arrays of shape (visits, 9).
    """
    n = len(v.served)
    perf = np.zeros((n, 9))
    seen = np.zeros((n, 9), bool)
    served, pickup = v.served, v.pickup & v.served

    perf[:, 0] = clarity - p.rejection_penalty * v.rejected_documents
    perf[:, 1] = np.where(v.achieved, p.procedure_base - p.procedure_per_stage * v.route_stages
                          - p.procedure_per_bounce * v.bounces
                          - p.procedure_per_return * v.returns, p.perf_wasted_trip)
    perf[:, 2] = time_score(v.wait, np.where(pickup, v.elapsed_days, v.promised_days), p)
    perf[:, 3] = np.where(v.unofficial_fee, p.perf_bad, p.perf_as_specified)
    perf[:, 4] = np.where(v.product_error, p.perf_bad, p.perf_as_specified)
    perf[:, 5] = v.competence
    perf[:, 6] = v.courtesy
    perf[:, 7] = facilities - p.crowding_per_person * v.queue_on_arrival
    perf[:, 8] = np.where(v.complaint_outcome > 0, p.perf_good,
                          np.where(v.complaint_outcome < 0, p.perf_bad, visibility))

    seen[:, [1, 2, 7, 8]] = True
    seen[served, 0] = True
    seen[served, 3] = True
    seen[:, 4] = v.completed_ok | v.product_error
    seen[served, 5] = True
    seen[served | v.turned_away_by_staff, 6] = True
    return np.clip(perf, 0.0, 1.0), seen
