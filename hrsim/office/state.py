"""The office's mutable state: the levers policies move, read by the mechanisms every day.

Parameters (`Params`) are the inputs and never change during a run; this state starts from them and
is what policies act on (``docs/ODD.md`` §2). Coordination quality lives on each `Agency`, staff
competence and motivation on each `Staff` member.
"""

from __future__ import annotations

from dataclasses import dataclass

from hrsim.params import Params


@dataclass
class OfficeState:
    """Office-level state variables.

    Attributes:
        hr_climate: H — recognition, participation, communication (a job resource).
        autonomy: Training and autonomy (a job resource).
        courtesy_base: Courtesy of a demotivated, rested clerk in a neutral climate.
        requirement_clarity: How clear the published requirements are (U1, missing documents).
        facilities: Waiting room and queue system (U8).
        unofficial_fee: Chance a visitor is asked for an unofficial payment (U4).
        complaint_propensity: Chance a dissatisfied visitor complains (voice), at the trust
            threshold.
        acted_on_share: r — share of citizens' input visibly acted on (accountability).
        answers_posted: Answered complaints are posted where visitors see them (U9).
        standards_published: Maklumat Pelayanan posted: it informs expected completion times.
        delegated: PATEN authority delegation: delegable stages are skipped.
        counter_load: Yesterday's mean counter utilisation (drives rationing).
    """

    hr_climate: float
    autonomy: float
    courtesy_base: float
    requirement_clarity: float
    facilities: float
    unofficial_fee: float
    complaint_propensity: float
    acted_on_share: float
    answers_posted: bool = False
    standards_published: bool = False
    delegated: bool = False
    counter_load: float = 0.0

    @classmethod
    def from_params(cls, p: Params) -> OfficeState:
        """The office before any policy."""
        return cls(hr_climate=p.hr_climate, autonomy=p.autonomy, courtesy_base=p.courtesy_base,
                   requirement_clarity=p.requirement_clarity, facilities=p.facilities,
                   unofficial_fee=p.unofficial_fee, complaint_propensity=p.complaint_propensity,
                   acted_on_share=p.acted_on_share)
