"""Money spent on policies, in Rupiah."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hrsim.measures import daily, summary

if TYPE_CHECKING:
    from hrsim.model import HRModel


@daily("cost_rp")
# shown in Rp million; neither direction is better: the comparison weighs cost against effects
@summary("cost_rp", digits=1, scale=1e-6, compared=True)
def cost_rp(model: HRModel) -> float:
    """Cumulative spending on policies (Rp)."""
    return model.spent_rp
