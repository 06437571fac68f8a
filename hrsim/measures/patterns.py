"""Statistics of the real patterns the model is held against (``hrsim validate patterns``).

Each is computed as the real data were collected: from the closing survey's respondents (their
nine answers and their answer to a trust question), from every visit of the run, or from what
residents told each other. ``../shared/patterns.md`` and `hrsim.analysis.patterns` give the real
figures they are compared with.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from hrsim.day.trust import trust_change
from hrsim.measures import summary
from hrsim.measures.ikm import closing_respondents

if TYPE_CHECKING:
    from hrsim.model import HRModel

BAD_VISIT_PERCENTILE = 5  # a "realistic bad visit": at or below this percentile of valence


def cronbach_alpha(answers: np.ndarray) -> float:
    """Cronbach's α of a respondents × items matrix (NaN with fewer than two respondents).

    Example:
        >>> round(cronbach_alpha(np.array([[1, 2, 2], [2, 3, 3], [3, 3, 4], [4, 4, 4]])), 3)
        0.931
    """
    a = np.asarray(answers, float)
    if len(a) < 2:
        return float("nan")
    k = a.shape[1]
    total = a.sum(axis=1).var(ddof=1)
    return float(k / (k - 1) * (1 - a.var(axis=0, ddof=1).sum() / total)) if total else \
        float("nan")


@summary("respondent_alpha", digits=2)
def respondent_alpha(model: HRModel) -> float:
    """Cronbach's α of the closing survey's nine answers (real kantor survey: 0.74)."""
    return cronbach_alpha(closing_respondents(model).answers)


@summary("respondent_sd", digits=2)
def respondent_sd(model: HRModel) -> float:
    """SD of a respondent's mean answer over the nine elements (real: 0.34)."""
    answers = closing_respondents(model).answers
    return float(answers.mean(axis=1).std(ddof=1)) if len(answers) > 1 else float("nan")


@summary("answers_4_share", unit="%", scale=100, digits=1)
def answers_4_share(model: HRModel) -> float:
    """Share of the closing survey's answers that are 4 (real: 28.6%)."""
    answers = closing_respondents(model).answers
    return float(np.mean(answers == 4)) if len(answers) else float("nan")


@summary("satisfaction_trust_pp", digits=1)
def satisfaction_trust_pp(model: HRModel) -> float:
    """Percentage points more respondents trusting the office per SD of their satisfaction.

    A survey's own cross-section: each respondent's mean answer, and their answer to a trust
    question (trusting when their trust is above `trust_threshold`); the slope of trusting on
    the standardised mean answer (OECD 2023: about +6 points).
    """
    sample = closing_respondents(model)
    who, answers = sample.citizen, sample.answers
    if len(who) < 3:
        return float("nan")
    satisfied = answers.mean(axis=1)
    trusting = model.citizens.trusting(who).astype(float)
    spread = satisfied.std(ddof=1)
    return float(100 * np.cov(satisfied, trusting)[0, 1] / spread) if spread else float("nan")


@summary("bad_visit_trust_loss", digits=3)
def bad_visit_trust_loss(model: HRModel) -> float:
    """Trust in the office a realistic bad visit costs its visitor (0–1 scale).

    The mean loss of the run's visits at or below the `BAD_VISIT_PERCENTILE`th percentile of
    valence, each from the visitor's trust before it (real: 0.03–0.10).
    """
    enc = model.history.encounters(len(model.history.days))
    if not len(enc.valence):
        return float("nan")
    bad = enc.valence <= np.percentile(enc.valence, BAD_VISIT_PERCENTILE)
    loss = -trust_change(enc.trust_before[bad], enc.valence[bad], model.p.trust_learning_office,
                         model.p.negativity_bias)
    return float(loss.mean())


@summary("word_of_mouth_balance", digits=2)
def word_of_mouth_balance(model: HRModel) -> float:
    """Good stories heard per bad one over the run (East et al. 2007: about 3)."""
    bad = model.history.total("heard_bad")
    return model.history.total("heard_good") / bad if bad else float("nan")


@summary("above_tariff_share", unit="%", scale=100, digits=1)
def above_tariff_share(model: HRModel) -> float:
    """Share of served visits that paid above the tariff: an unofficial fee or a calo.

    BPS 2024: 17.17% of users.
    """
    served = paid = 0
    for day in model.history.days:
        for visit in day.visits:
            served += int(visit.served.sum())
            paid += int(visit.above_tariff.sum())
    return paid / served if served else float("nan")
