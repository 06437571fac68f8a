"""The official Indeks Kepuasan Masyarakat (IKM), Permen PANRB 14/2017, and its simulated surveys.

Nine elements U1–U9 are answered 1–4; each element's average (NRR) is weighted 1/9 and the sum is
multiplied by 25, giving 25–100. The score is computed exactly (integer arithmetic) and rounded
once, to two decimals half up, before grading — offices that weight by a rounded 0.11 or 0.111
report up to ~1 point less, so those figures are given beside it for reconciliation (domain §1).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from hrsim.errors import InputError
from hrsim.measures import daily, memo, summary
from hrsim.world import services
from hrsim.world.citizens import ELEMENTS

if TYPE_CHECKING:
    from hrsim.model import HRModel

GRADES = (("A", 88.31), ("B", 76.61), ("C", 65.00), ("D", 25.00))  # on the converted score
PERFORMANCE = {"A": "Sangat Baik", "B": "Baik", "C": "Kurang Baik", "D": "Tidak Baik"}


@dataclass(frozen=True)
class IKM:
    """An IKM result.

    Attributes:
        ikm: Converted score 25–100, rounded to 2 decimals half up.
        grade: Mutu pelayanan A–D.
        elements: Average answer (NRR, 1–4) per element U1–U9.
        respondents: Respondents counted.
        ikm_weight_0_11: The score with each element weighted 0.11 (common office practice).
        ikm_weight_0_111: The score with each element weighted 0.111.
    """

    ikm: float
    grade: str
    elements: dict[str, float]
    respondents: int
    ikm_weight_0_11: float
    ikm_weight_0_111: float

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return asdict(self)


def round_half_up(x: Fraction | float, places: int = 2) -> float:
    """Round half up (not to even), as the regulation's worked examples do."""
    value = Decimal(x.numerator) / Decimal(x.denominator) if isinstance(x, Fraction) \
        else Decimal(repr(float(x)))  # float(): numpy 2's repr is 'np.float64(…)'
    return float(value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def grade(score: float) -> str:
    """Grade A–D of a converted IKM score (already rounded to 2 decimals)."""
    for letter, lower in GRADES:
        if score >= lower:
            return letter
    raise ValueError(f"IKM {score} is below 25, the lowest possible score")


def compute_ikm(answers: np.ndarray) -> IKM:
    """Compute the IKM from a respondents × 9 array of answers 1–4.

    Args:
        answers: One row per respondent, columns U1..U9, integers 1–4.

    Returns:
        Score, grade, per-element averages and the rounded-weight figures.

    Raises:
        InputError: If the array is empty, not 9 columns wide, or holds values other than 1–4.

    Example:
        >>> compute_ikm(np.full((2, 9), 3)).ikm
        75.0
    """
    a = np.asarray(answers)
    if a.ndim != 2 or a.shape[1] != len(ELEMENTS):
        raise InputError(f"answers must have 9 columns U1..U9, got shape {a.shape}")
    if a.shape[0] == 0:
        raise InputError("no respondents: the IKM needs at least one answered questionnaire")
    bad = ~np.isin(a, (1, 2, 3, 4))
    if bad.any():
        row, col = map(int, np.argwhere(bad)[0])
        raise InputError(f"respondent {row + 1}, {ELEMENTS[col]}: answer {a[row, col].item()!r} "
                         "is not one of 1, 2, 3, 4")
    n = a.shape[0]
    return ikm_from_nrr([Fraction(int(t), n) for t in a.sum(axis=0, dtype=np.int64)], n)


def ikm_from_nrr(nrr: Sequence[Fraction], respondents: int) -> IKM:
    """Compute the IKM from the nine elements' average answers (NRR), exactly.

    Args:
        nrr: NRR of U1..U9 as exact fractions: answer total / that element's respondents, or a
            published decimal such as ``Fraction("3.62")``.
        respondents: Respondents counted.

    Example:
        >>> ikm_from_nrr([Fraction(3)] * 8 + [Fraction(4)], 10).ikm
        77.78
    """
    total = sum(nrr, Fraction(0))
    score = round_half_up(total * 25 / 9)
    return IKM(
        ikm=score,
        grade=grade(score),
        elements={e: float(v) for e, v in zip(ELEMENTS, nrr, strict=True)},
        respondents=respondents,
        ikm_weight_0_11=round_half_up(total * 25 * Fraction(11, 100)),
        ikm_weight_0_111=round_half_up(total * 25 * Fraction(111, 1000)),
    )


def krejcie_morgan(population: int, *, chi2: float = 3.841, share: float = 0.5,
                   margin: float = 0.05) -> int:
    """Survey sample size for a population of served citizens (Krejcie & Morgan 1970).

    Example:
        >>> [krejcie_morgan(n) for n in (100, 1_000, 10_000, 100_000)]
        [80, 278, 370, 383]
    """
    if population <= 0:
        return 0
    s = chi2 * population * share * (1 - share) / (
        margin**2 * (population - 1) + chi2 * share * (1 - share))
    return min(math.ceil(s - 1e-9), population)


@dataclass(frozen=True)
class Respondents:
    """A survey's respondents (arrays over respondents).

    Attributes:
        citizen: Who answered.
        request: The request of the visit they rated (its service).
        answers: Their answers U1..U9, 1–4 (respondents × 9).
    """

    citizen: np.ndarray
    request: np.ndarray
    answers: np.ndarray


def sample_answers(model: HRModel, window_days: int, respondents: int | None = None
                   ) -> np.ndarray:
    """The answers (respondents × 9) of a simple random sample of recent citizens.

    See `sample_respondents`.
    """
    return sample_respondents(model, window_days, respondents).answers


def sample_respondents(model: HRModel, window_days: int, respondents: int | None = None
                       ) -> Respondents:
    """A simple random sample of recent citizens, with their answers.

    The sample is drawn from the citizens served in the last `window_days` days, each with their
    latest visit: `respondents` of them (at most everyone), or a Krejcie–Morgan sample if None.
    """
    enc = model.history.encounters(window_days)
    served = enc.served
    who, ratings, request = enc.citizen[served], enc.ratings[served], enc.request[served]
    latest = len(who) - 1 - np.unique(who[::-1], return_index=True)[1]
    n = krejcie_morgan(len(latest)) if respondents is None else respondents
    # the n smallest of keyed uniforms per citizen, so that scenarios compared with the same
    # seed ask the same residents where they can (common random numbers)
    priority = model.streams.uniform("survey", who[latest], model.day)
    sample = np.sort(latest[np.argsort(priority, kind="stable")[:n]])
    return Respondents(who[sample], request[sample], ratings[sample])


def respondents_table(model: HRModel) -> pd.DataFrame:
    """Every survey's respondents as an SKM file holds them (``hrsim ikm`` reads it).

    Columns: ``periode`` (the survey's day), ``layanan`` (the service of the visit rated),
    ``U1``..``U9`` (answers 1–4) and ``percaya_kantor``, the answer to a trust question (1: trusts
    the kantor camat, 0: does not).
    """
    frames = [pd.DataFrame({"periode": f"hari {day}",
                            "layanan": np.asarray(services.KEYS)[
                                model.requests.service[sample.request]],
                            **dict(zip(ELEMENTS, sample.answers.T, strict=True)),
                            "percaya_kantor": trusting.astype(int)})
              for day, sample, trusting in model.respondents]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
        columns=["periode", "layanan", *ELEMENTS, "percaya_kantor"])


def running_elements(model: HRModel) -> np.ndarray:
    """Average answer per element over all served visits in the running window (NaN if none)."""
    def compute() -> np.ndarray:
        totals = [d.encounters.rating_totals for d in model.history.last(model.p.ikm_window_days)]
        n = sum(count for _, count in totals)
        return sum(t for t, _ in totals) / n if n else np.full(len(ELEMENTS), np.nan)
    return memo(model, "running_elements", compute)


@daily("ikm")
def running_ikm(model: HRModel) -> float:
    """Running IKM: every served visitor of the last `ikm_window_days` days (not the survey)."""
    return float(25 * running_elements(model).mean())


def _running_element(k: int) -> Callable[[HRModel], float]:
    def element(model: HRModel) -> float:
        return float(running_elements(model)[k])
    return element


for _k, _name in enumerate(ELEMENTS):
    daily(_name)(_running_element(_k))


def closing_respondents(model: HRModel) -> Respondents:
    """The closing survey's respondents and their answers.

    The respondents are citizens served in the last survey period of the run.
    """
    return memo(model, "closing_respondents",
                lambda: sample_respondents(model, model.p.survey_period_days))


def closing_survey(model: HRModel) -> IKM | None:
    """The closing survey: citizens served in the last survey period of the run."""
    answers = closing_respondents(model).answers
    return memo(model, "closing_survey", lambda: compute_ikm(answers) if len(answers) else None)


@summary("ikm", better=1, compared=True)
def official_ikm(model: HRModel) -> float | None:
    """Official IKM (Permen PANRB 14/2017) of the closing survey."""
    result = closing_survey(model)
    return result.ikm if result else None


@summary("grade")
def official_grade(model: HRModel) -> str | None:
    """Grade A–D of the closing survey."""
    result = closing_survey(model)
    return result.grade if result else None


@summary("elements", parts=ELEMENTS, better=1, compared=True)
def official_elements(model: HRModel) -> dict[str, float | None]:
    """Average answer (1–4) per element U1–U9 in the closing survey."""
    result = closing_survey(model)
    return result.elements if result else dict.fromkeys(ELEMENTS)


@summary("respondents")
def official_respondents(model: HRModel) -> int:
    """Respondents of the closing survey (a Krejcie–Morgan sample of those served)."""
    result = closing_survey(model)
    return result.respondents if result else 0


def read_survey(path: Path) -> IKM:
    """Compute the IKM of a survey file of one period (any form `hrsim.skm.read` accepts).

    Raises:
        InputError: Naming the file, line and column of the first problem, or if the file holds
            several periods (read those with `hrsim.skm.read`).
    """
    from hrsim.skm import read  # hrsim.skm builds on this module

    periods = read([Path(path)]).periods
    if len(periods) > 1:
        raise InputError(f"{path}: {len(periods)} periods; read them with hrsim.skm.read")
    return periods[0].survey.ikm
