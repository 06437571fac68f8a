"""Pattern-oriented validation: the model against independent real patterns at once.

A model that reproduces several independent real patterns is more credible than one tuned to one
number (Grimm et al. 2005). Each `Pattern` holds its real figure, its source and a tolerance a
referee would accept, and computes the simulated figure *as the real data were collected*: from
simulated SKM respondents and their answer to a trust question, from every visit, from what
residents told each other, from surveys over five years, from paired runs. The real figures are
those of ``../shared/patterns.md`` (P1–P7; P3, the spread of offices across a regency, needs
regions and is not measured here). A pattern the model does not meet is reported as failing,
never loosened.

The suite runs `reps` replications of the office under its baseline and under the Human
Relations package, five years each, through the one execution path (`hrsim.execution`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.sandbox.stats.runs import runstest_1samp

from hrsim.analysis.effects import mean_interval
from hrsim.calendar import WORKING_DAYS_PER_YEAR
from hrsim.elements import ELEMENTS
from hrsim.execution import Job, JobResult, derive_seed, engine, execute
from hrsim.scenarios import Scenario, load

YEARS = 5
SHOCK = "human-relations"  # the paired scenario that moves trust in the office
INF = float("inf")


@dataclass(frozen=True)
class Runs:
    """The suite's runs, replication by replication (index r in each list is replication r).

    Attributes:
        baseline: The office as it is, five years.
        shocked: The same seeds under the `SHOCK` scenario (common random numbers).
    """

    baseline: list[JobResult]
    shocked: list[JobResult]

    def summaries(self, key: str) -> np.ndarray:
        """A summary field of every baseline run."""
        return np.array([r.summary[key] for r in self.baseline], dtype=float)

    def elements(self) -> pd.DataFrame:
        """The closing survey's element means, one row per baseline run."""
        return pd.DataFrame([r.summary["elements"] for r in self.baseline])[list(ELEMENTS)]


@dataclass(frozen=True)
class Pattern:
    """A real pattern, its tolerance and how the simulated figure is measured.

    Attributes:
        key: ``P1``–``P7`` and a letter; its texts are ``pattern.<key>`` in ``hrsim/i18n``.
        real: The real figure as published (text).
        source: Where it comes from.
        tolerance: The accepted range of the simulated mean (±inf: open).
        measure: One simulated value per replication.
        digits: Decimals shown.
        combine: How the replications' values make the simulated figure, when it is not their
            mean (which then has no interval): Fisher's combination of p-values, for instance.
    """

    key: str
    real: str
    source: str
    tolerance: tuple[float, float]
    measure: Callable[[Runs], np.ndarray] = field(repr=False)
    digits: int = 2
    combine: Callable[[np.ndarray], float] | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Verdict:
    """A pattern's simulated figure (mean and 95% interval over replications) and verdict."""

    pattern: Pattern
    mean: float
    low: float
    high: float
    values: tuple[float, ...]

    @property
    def passed(self) -> bool:
        """Whether the simulated mean lies within the tolerance."""
        lo, hi = self.pattern.tolerance
        return bool(np.isfinite(self.mean) and lo <= self.mean <= hi)

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON and CSV."""
        p = self.pattern
        return {"pattern": p.key, "real": p.real, "source": p.source,
                "tolerance_low": p.tolerance[0], "tolerance_high": p.tolerance[1],
                "simulated": self.mean, "ci_low": self.low, "ci_high": self.high,
                "reps": len(self.values), "passed": self.passed}


def _gap(element: str, lowest: bool) -> Callable[[Runs], np.ndarray]:
    """How far `element` is below (lowest) or above the nearest other element, per run."""
    def measure(runs: Runs) -> np.ndarray:
        table = runs.elements()
        others = table.drop(columns=element)
        if lowest:
            return (table[element] - others.min(axis=1)).to_numpy()
        return (table[element] - others.max(axis=1)).to_numpy()
    return measure


def _by_year(result: JobResult) -> pd.core.groupby.SeriesGroupBy:
    """The run's survey IKMs, grouped by the year of the run they fall in."""
    surveys = result.surveys
    return surveys.groupby((surveys["day"] - 1) // WORKING_DAYS_PER_YEAR)["ikm"]


def _yearly(result: JobResult) -> np.ndarray:
    """The IKM of each year's last survey (a yearly survey, as offices report it)."""
    return _by_year(result).last().to_numpy()


def _year_to_year_sd(runs: Runs) -> np.ndarray:
    return np.array([np.diff(_yearly(r)).std(ddof=1) for r in runs.baseline])


def _drift(runs: Runs) -> np.ndarray:
    """Mean survey IKM of the last year minus the first, per run."""
    means = [_by_year(r).mean() for r in runs.baseline]
    return np.array([m.iloc[-1] - m.iloc[0] for m in means])


def _runs_test(runs: Runs) -> np.ndarray:
    """Wald–Wolfowitz runs test p-value of each run's survey IKMs (statsmodels)."""
    return np.array([runstest_1samp(r.surveys["ikm"].to_numpy(), cutoff="median",
                                    correction=True)[1] for r in runs.baseline])


def _fisher(p_values: np.ndarray) -> float:
    """Fisher's combination of the replications' independent p-values (scipy)."""
    return float(stats.combine_pvalues(p_values[np.isfinite(p_values)], method="fisher")[1])


def _government_share(runs: Runs) -> np.ndarray:
    """Change of mean trust in government per change of mean trust in the office.

    At the end of the run, between the shocked and the baseline run of each replication.
    """
    out = []
    for base, shocked in zip(runs.baseline, runs.shocked, strict=True):
        change = shocked.series.iloc[-1] - base.series.iloc[-1]
        off = change["trust_office"]
        out.append(change["trust_government"] / off if off else np.nan)
    return np.array(out)


def _summary(key: str, scale: float = 1.0) -> Callable[[Runs], np.ndarray]:
    return lambda runs: scale * runs.summaries(key)


def _element(element: str) -> Callable[[Runs], np.ndarray]:
    return lambda runs: runs.elements()[element].to_numpy()


PATTERNS = (
    Pattern("P1a", "0.74 (bootstrap 95% 0.61–0.81)", "SKM Kab. Sekadau 2019, 49 respondents",
            (0.61, 0.81), _summary("respondent_alpha")),
    Pattern("P1b", "0.34", "SKM Kab. Sekadau 2019 (tolerance: 95% χ² interval of an SD from "
            "49 respondents)", (0.28, 0.42), _summary("respondent_sd")),
    Pattern("P1c", "28.6%", "SKM Kab. Sekadau 2019 (tolerance: ±2 SE of 441 answers in 49 "
            "respondents, design effect 1 + 8·0.23)", (21.3, 35.9),
            _summary("answers_4_share", 100), 1),
    Pattern("P2a", "U3 lowest: 2.30–2.94", "published kecamatan/desa tables; Medan 2016",
            (-INF, 0.0), _gap("U3", lowest=True)),
    Pattern("P2b", "U4 highest where services are free", "Bantul, MPP Pemalang, Mekarsari, "
            "Pagar Gunung, Sidomulyo, Sekadau", (0.0, INF), _gap("U4", lowest=False)),
    Pattern("P2c", "U4 3.40–3.93", "the same tables", (3.40, 3.93), _element("U4")),
    Pattern("P4", "year-to-year changes −0.16, +0.08, +1.18 (SD 0.72)",
            "DPMPTSP Kab. Bogor 2011–2014, n ≈ 150 a year (tolerance [A]: 0.2–1.5)",
            (0.2, 1.5), _year_to_year_sd),
    Pattern("P5a", "0.03–0.10", "validity §2 (Skogan 2006; Kampen et al. 2006)", (0.03, 0.10),
            _summary("bad_visit_trust_loss"), 3),
    Pattern("P5b", "≈ +6 points per SD", "OECD 2023 (tolerance [A]: 2–8, validity §2)",
            (2.0, 8.0), _summary("satisfaction_trust_pp"), 1),
    Pattern("P5c", "≈ 3 good per bad", "East et al. 2007 (15 studies; tolerance [A]: 2–4)",
            (2.0, 4.0), _summary("word_of_mouth_balance")),
    Pattern("P5d", "≤ 0.2", "Christensen & Lægreid 2005", (0.0, 0.2), _government_share),
    Pattern("P6a", "75–90%", "LSI 2021, 2023", (75.0, 90.0), _summary("share_trusting", 100), 1),
    Pattern("P6b", "15–20% (17.17%)", "BPS 2024 Indeks Perilaku Anti Korupsi", (15.0, 20.0),
            _summary("above_tariff_share", 100), 1),
    Pattern("P7a", "no trend: runs test p ≥ 0.05", "Grazzini 2012 (the replications' p-values "
            "combined by Fisher's method)", (0.05, 1.0), _runs_test, 3, _fisher),
    Pattern("P7b", "year 5 within 0.2 of year 1", "patterns.md P7", (-0.2, 0.2), _drift),
)


def run_patterns(office: Scenario | None = None, *, reps: int = 4, seed: int = 0,
                 workers: int = 1, scheduler: str | None = None, years: int = YEARS,
                 progress: str | None = None) -> list[Verdict]:
    """Run the suite and judge every pattern.

    Args:
        office: The office (its parameters and policies); None for the default office.
        reps: Replications (each a baseline and a `SHOCK` run of `years`).
        seed: Base seed; replication r uses ``derive_seed(seed, r)`` in both scenarios.
        workers: Local worker processes.
        scheduler: Address of a Dask scheduler (instead of local processes).
        years: Length of each run (five, as the patterns ask; at least three, for the yearly
            changes of P4).
        progress: Label of a progress bar (None: none).
    """
    base = load("baseline").on(office)
    shocked = load(SHOCK).on(office)
    days = years * WORKING_DAYS_PER_YEAR
    jobs = [Job(f"{scenario.name}/r{r:03d}", scenario, derive_seed(seed, r), days,
                series=("trust_office", "trust_government"), surveys=True,
                tags={"rep": r, "shocked": scenario is shocked})
            for r in range(reps) for scenario in (base, shocked)]
    with engine(workers, scheduler, dask=scheduler is not None) as executor:
        results = sorted(execute(jobs, executor, progress=progress, total=len(jobs)),
                         key=lambda result: result.job.key)
    failed = [r for r in results if not r.ok]
    if failed:
        raise RuntimeError(f"run {failed[0].job.key} failed: {failed[0].error}")
    by_kind = {kind: sorted((r for r in results if r.job.tags["shocked"] == kind),
                            key=lambda r: r.job.tags["rep"]) for kind in (False, True)}
    runs = Runs(by_kind[False], by_kind[True])
    return [judge(pattern, pattern.measure(runs)) for pattern in PATTERNS]


def judge(pattern: Pattern, values: np.ndarray) -> Verdict:
    """The pattern's verdict from its simulated values (one per replication)."""
    if pattern.combine is None:
        mean, low, high = mean_interval(values)
    else:
        mean, low, high = pattern.combine(values), np.nan, np.nan
    return Verdict(pattern, mean, low, high, tuple(float(v) for v in values))


def table(verdicts: list[Verdict]) -> pd.DataFrame:
    """One row per pattern (the CSV and JSON contract of ``hrsim validate patterns``)."""
    return pd.DataFrame([v.to_dict() for v in verdicts])


