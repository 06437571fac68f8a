"""Money spent on policies, in Rupiah."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hrsim.measures import daily, summary

if TYPE_CHECKING:
    from hrsim.model import HRModel


@daily("cost_rp")
@summary("cost_rp")
def cost_rp(model: HRModel) -> float:
    """Cumulative spending on policies (Rp)."""
    return model.spent_rp
