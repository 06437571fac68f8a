"""Trust in the kantor camat and in government, and the share of residents who trust the office."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hrsim.measures import daily, summary

if TYPE_CHECKING:
    from hrsim.model import HRModel


@daily("trust_office")
@summary("trust_office", better=1, scale=100, compared=True)
def trust_office(model: HRModel) -> float:
    """Mean trust of residents in the kantor camat, 0–1."""
    return float(model.citizens.trust_office.mean())


@daily("trust_government")
@summary("trust_government", better=1, scale=100, compared=True)
def trust_government(model: HRModel) -> float:
    """Mean trust of residents in government in general, 0–1."""
    return float(model.citizens.trust_government.mean())


@daily("share_trusting")
@summary("share_trusting", better=1, unit="%", scale=100, compared=True)
def share_trusting(model: HRModel) -> float:
    """Share of residents whose trust in the office is above `trust_threshold`."""
    return model.citizens.share_trusting()


@summary("trust_users")
def trust_users(model: HRModel) -> float:
    """Mean trust in the office among residents who have visited it during the run."""
    pop = model.citizens
    users = pop.encounters > 0
    return float(pop.trust_office[users].mean()) if users.any() else float("nan")
