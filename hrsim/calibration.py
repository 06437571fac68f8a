"""Calibration: the office's assumed parameters inferred from its own SKM data (ABC-SMC, pyabc).

The model is simulated as the office is surveyed: after the burn-in, each fitted period is a
window of `survey_period_days` in which as many served visitors as the period's respondents answer
the nine elements. Summary statistics are each period's element means and, where the office has
the respondents' answers, the shares answering 4 and answering 1–2; every statistic is scaled by
its survey standard error (the data's own s/√n), so the distance counts sampling errors. Sampling
stops on a budget of runs, or when the populations reach the distance that survey noise alone
would give (ε² = 2k for k statistics: both the data and the simulated survey carry noise).

pyabc (ABC-SMC) is the inference engine: its history database makes a calibration resumable, and
its multicore or Dask sampler runs the simulations.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from hrsim.elements import ELEMENTS
from hrsim.errors import InputError
from hrsim.measures.ikm import sample_answers
from hrsim.params import Params
from hrsim.policies import Policy
from hrsim.scenarios import Scenario
from hrsim.skm import SKM, Period, Survey

# the assumed parameters the nine elements inform, with their priors (uniform, inside the
# documented range of each `Params` field; [A] the plausible part of that range)
PRIORS: dict[str, tuple[float, float]] = {
    "requirement_clarity": (0.3, 0.95),  # U1
    "procedure_base": (0.5, 1.0),  # U2
    "acceptable_days": (0.5, 6.0),  # U3
    "unofficial_fee": (0.0, 0.3),  # U4
    "perf_as_specified": (0.4, 0.9),  # U4, U5
    "competence_mean": (0.3, 0.9),  # U6
    "courtesy_base": (0.3, 0.9),  # U7
    "facilities": (0.3, 0.95),  # U8
    "expectation_mean": (0.3, 0.9),  # U9: seldom experienced, so rated against expectations
}
# standard deviation of SKM answers where an office publishes only means: skm-data.md §A3
# (an NRR's standard error is about 0.1 at n = 29, so s ≈ 0.54)
ANSWER_SD = 0.54
DB_FILE = "calibration.db"
FILES = ("posterior.parquet", "diagnostics.json", "office-calibrated.toml", "report.html")


@dataclass(frozen=True)
class Target:
    """What the simulated office must reproduce: the fitted periods' statistics.

    Attributes:
        periods: Labels of the fitted periods, in time order.
        respondents: Each period's respondents (the simulated survey asks as many).
        observed: Statistic name → observed value.
        scale: Statistic name → its survey standard error.
    """

    periods: tuple[str, ...]
    respondents: tuple[int, ...]
    observed: dict[str, float]
    scale: dict[str, float]

    @classmethod
    def from_skm(cls, skm: SKM, periods: tuple[str, ...] = ()) -> Target:
        """The statistics of the chosen periods (all periods by default).

        Raises:
            InputError: A chosen period is not in the data.
        """
        labels = [p.label for p in skm.periods]
        unknown = [p for p in periods if p not in labels]
        if unknown:
            raise InputError(f"--periods: no period {unknown[0]!r} in the data; "
                             f"the periods are {', '.join(labels)}")
        chosen = [p for p in skm.periods if not periods or p.label in periods]
        observed, scale = {}, {}
        for k, period in enumerate(chosen):
            for name, (value, se) in period_statistics(k, period).items():
                observed[name], scale[name] = value, se
        return cls(tuple(p.label for p in chosen), tuple(p.survey.respondents for p in chosen),
                   observed, scale)

    @property
    def min_epsilon(self) -> float:
        """The distance survey noise alone gives: √(2k) for k statistics."""
        return math.sqrt(2 * len(self.observed))


def period_statistics(k: int, period: Period) -> dict[str, tuple[float, float]]:
    """Statistic name → (value, standard error) of one period (the `k`-th fitted)."""
    survey, stats = period.survey, {}
    for e in ELEMENTS:
        n = survey.answered[e]
        if not n:
            continue
        mean = survey.means[e]
        dist = survey.distribution[e] if survey.distribution else None
        sd = ANSWER_SD if dist is None else float(np.sqrt(
            np.dot(dist, (np.arange(1, 5) - mean) ** 2) / max(n - 1, 1)))
        stats[f"p{k}_{e}_mean"] = (mean, max(sd, ANSWER_SD / 4) / math.sqrt(n))
        if dist is not None:
            for name, share in (("top", dist[3] / n), ("low", (dist[0] + dist[1]) / n)):
                floor = min(max(share, 1 / n), 1 - 1 / n)  # no zero error from a zero share
                stats[f"p{k}_{e}_{name}"] = (share, math.sqrt(floor * (1 - floor) / n))
    return stats


def simulated_statistics(answers: list[np.ndarray], with_shares: bool) -> dict[str, float]:
    """The same statistics from simulated surveys (one array of answers per period)."""
    stats = {}
    for k, ratings in enumerate(answers):
        for j, e in enumerate(ELEMENTS):
            col = ratings[:, j]
            stats[f"p{k}_{e}_mean"] = float(col.mean()) if len(col) else 0.0
            if with_shares:
                stats[f"p{k}_{e}_top"] = float(np.mean(col == 4)) if len(col) else 0.0
                stats[f"p{k}_{e}_low"] = float(np.mean(col <= 2)) if len(col) else 0.0
    return stats


@dataclass(frozen=True)
class Office:
    """The office simulated: its parameters and policies in force (a scenario's)."""

    params: dict[str, Any] = field(default_factory=dict)
    policies: tuple[Policy, ...] = ()

    def simulate(self, theta: dict[str, float], respondents: tuple[int, ...],
                 seed: int) -> list[np.ndarray]:
        """The answers of one simulated survey per period, for parameters `theta`."""
        from hrsim.model import HRModel

        model = HRModel(rng=seed, policies=[p.model_copy() for p in self.policies],
                        **{**self.params, **theta})
        window, answers = model.p.survey_period_days, []
        for n in respondents:
            model.run_for(window)
            answers.append(sample_answers(model, window, n))
        return answers


def synthetic_skm(office: Office, theta: dict[str, float], respondents: tuple[int, ...],
                  seed: int) -> SKM:
    """SKM data of a simulated office with known parameters `theta` (for recovery checks)."""
    periods = []
    for k, answers in enumerate(office.simulate(theta, respondents, seed)):
        counts = np.stack([np.bincount(answers[:, j], minlength=5)[1:]
                           for j in range(len(ELEMENTS))])
        periods.append(Period(f"period {k + 1}", Survey.of_counts(counts, len(answers)), {}, ()))
    return SKM(tuple(periods))


def seed_of(theta: dict[str, float], base: int) -> int:
    """A seed fixed by the parameter values and the base seed (reproducible on any engine)."""
    text = json.dumps([base, sorted(theta.items())])
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:4], "little")


class Simulator:
    """The model as pyabc calls it: parameters in, statistics out (picklable for workers)."""

    def __init__(self, office: Office, target: Target, seed: int) -> None:
        self.office, self.target, self.seed = office, target, seed
        self.with_shares = any(k.endswith("_top") for k in target.observed)

    def __call__(self, theta: dict[str, float]) -> dict[str, float]:
        """The statistics of one simulation with parameters `theta`."""
        theta = {k: float(v) for k, v in theta.items()}
        answers = self.office.simulate(theta, self.target.respondents, seed_of(theta, self.seed))
        return simulated_statistics(answers, self.with_shares)


def check_priors() -> None:
    """Every prior lies inside its parameter's documented range (a programming error if not)."""
    for name, (lo, hi) in PRIORS.items():
        low, high = Params.bounds(name)
        assert low <= lo < hi <= high, name


@dataclass
class Progress:
    """What a calibration reports after each population."""

    population: int
    runs: int
    budget: int
    epsilon: float
    acceptance: float


def calibrate(office: Office, target: Target, out: Path, *, budget_runs: int = 800,
              population: int = 60, workers: int = 1, scheduler: str | None = None,
              seed: int = 0, resume: bool = False,
              report: Callable[[Progress], None] = lambda _: None) -> Path:
    """Run (or resume) ABC-SMC until the budget of runs is spent or survey noise is reached.

    Args:
        office: The office simulated (parameters not calibrated stay as given).
        target: The data's statistics.
        out: Folder of the calibration (its history database lives there).
        budget_runs: Simulations allowed in all (resumed runs included).
        population: Particles per population.
        workers: Local worker processes (ignored with `scheduler`).
        scheduler: Address of an existing Dask scheduler.
        seed: Base seed of the simulations.
        resume: Continue the calibration in `out`.
        report: Called after each population.

    Returns:
        The history database's path.
    """
    import pyabc

    logging.getLogger("ABC").setLevel(logging.WARNING)  # the progress is reported instead
    out.mkdir(parents=True, exist_ok=True)
    db = out / DB_FILE
    if db.exists() and not resume:
        raise InputError(f"{out}: holds a calibration already; use --resume to continue it "
                         "or choose another --out")
    if resume and not db.exists():
        raise InputError(f"{out}: no calibration to resume ({DB_FILE} not found)")
    prior = pyabc.Distribution(**{k: pyabc.RV("uniform", lo, hi - lo)
                                  for k, (lo, hi) in PRIORS.items()})
    # pyabc weighs differences before the power: (Σ (w·|x − y|)²)^½, so w = 1/se gives z-units
    distance = pyabc.PNormDistance(p=2, fixed_weights={k: 1 / s for k, s in target.scale.items()})

    class Reporting(pyabc.ABCSMC):
        """ABC-SMC that reports each population as it completes."""

        def run_generation(self, t: int) -> dict:
            ret = super().run_generation(t)
            pops = self.history.get_all_populations()
            last = pops.iloc[-1]
            report(Progress(int(last.t), int(self.history.total_nr_simulations), budget_runs,
                            float(last.epsilon), population / max(int(last.samples), 1)))
            return ret

    abc = Reporting(Simulator(office, target, seed), prior, distance,
                    population_size=population, sampler=_sampler(workers, scheduler))
    url = f"sqlite:///{db}"
    if resume:
        abc.load(url, 1)
    else:
        abc.new(url, target.observed)
    abc.run(minimum_epsilon=target.min_epsilon, max_total_nr_simulations=budget_runs)
    return db


def _sampler(workers: int, scheduler: str | None) -> Any:
    import pyabc

    if scheduler:
        from distributed import Client

        client = Client(scheduler)
        # pyabc caps jobs at the client's cores; on a fixed cluster that is its size
        # (skm-data.md §B1: adaptive clusters never scale up)
        return pyabc.sampler.DaskDistributedSampler(client, client_max_jobs=sum(
            client.nthreads().values()), batch_size=1)
    if workers == 1:
        return pyabc.sampler.SingleCoreSampler()
    return pyabc.sampler.MulticoreEvalParallelSampler(n_procs=workers)


@dataclass(frozen=True)
class Posterior:
    """The accepted particles of the last population, with their weights and diagnostics."""

    particles: pd.DataFrame  # one column per parameter, and "weight"
    diagnostics: dict[str, Any]

    @classmethod
    def read(cls, db: Path) -> Posterior:
        """The last population of the calibration in `db`."""
        import pyabc
        from pyabc.weighted_statistics import effective_sample_size

        history = pyabc.History(f"sqlite:///{db}")
        frame, weights = history.get_distribution(m=0, t=history.max_t)
        frame = frame[list(PRIORS)].reset_index(drop=True).assign(weight=weights)
        pops = history.get_all_populations().query("t >= 0")
        diagnostics = {
            "populations": len(pops),
            "runs": int(history.total_nr_simulations),
            "epsilon": [float(e) for e in pops.epsilon],
            "acceptance_rate": [float(n) / max(int(s), 1)
                                for n, s in zip(pops.particles, pops.samples, strict=True)],
            "effective_sample_size": float(effective_sample_size(weights)),
        }
        return cls(frame, diagnostics)

    def median(self) -> dict[str, float]:
        """Weighted median of each parameter."""
        return {k: weighted_quantile(self.particles[k], self.particles.weight, 0.5)
                for k in PRIORS}

    def interval(self, name: str, level: float = 0.9) -> tuple[float, float]:
        """Central credible interval of one parameter."""
        x, w = self.particles[name], self.particles.weight
        return (weighted_quantile(x, w, (1 - level) / 2), weighted_quantile(x, w, (1 + level) / 2))

    def informed(self, name: str) -> bool:
        """Whether the data narrowed the parameter: its 90% interval < 60% of the prior's."""
        lo, hi = PRIORS[name]
        a, b = self.interval(name)
        return (b - a) < 0.6 * 0.9 * (hi - lo)

    def draws(self, n: int, seed: int) -> list[dict[str, float]]:
        """`n` parameter sets drawn from the particles by weight."""
        rng = np.random.default_rng(seed)
        w = self.particles.weight.to_numpy()
        rows = rng.choice(len(w), size=n, p=w / w.sum())
        return [{k: float(self.particles[k].iloc[i]) for k in PRIORS} for i in rows]


def weighted_quantile(x: pd.Series, w: pd.Series, q: float) -> float:
    """The `q` quantile of `x` with weights `w` (inverse of the weighted empirical CDF)."""
    order = np.argsort(x.to_numpy())
    xs, cw = x.to_numpy()[order], np.cumsum(w.to_numpy()[order])
    return float(xs[min(np.searchsorted(cw / cw[-1], q), len(xs) - 1)])


@dataclass(frozen=True)
class Predictive:
    """Posterior-predictive surveys: element means and IKM of simulated surveys per period.

    Attributes:
        means: Array (draws, periods, 9) of simulated element means.
        ikm: Array (draws, periods) of simulated IKMs.
    """

    means: np.ndarray
    ikm: np.ndarray

    def band(self, level: float = 0.9) -> tuple[np.ndarray, np.ndarray]:
        """Central `level` band of the element means, each (periods, 9)."""
        q = (1 - level) / 2
        return np.quantile(self.means, q, axis=0), np.quantile(self.means, 1 - q, axis=0)


def predict(office: Office, posterior: Posterior, respondents: tuple[int, ...], *,
            draws: int = 20, seed: int = 0, workers: int = 1,
            scheduler: str | None = None) -> Predictive:
    """Simulate the office's surveys with parameter sets drawn from the posterior.

    Each draw has its own seed, so the band holds parameter uncertainty, seed noise and the
    survey's sampling error.
    """
    from hrsim.execution import engine
    from hrsim.measures.ikm import compute_ikm

    thetas = posterior.draws(draws, seed)
    seeds = [seed_of(theta, seed + 1 + i) for i, theta in enumerate(thetas)]
    with engine(workers, scheduler) as executor:
        runs = list(executor.map(office.simulate, thetas, [respondents] * draws, seeds))
    means = np.array([[a.mean(axis=0) for a in run] for run in runs])
    ikm = np.array([[compute_ikm(a).ikm for a in run] for run in runs])
    return Predictive(means, ikm)


def calibrated_scenario(office: Office, posterior: Posterior, name: str) -> Scenario:
    """The office with the posterior medians: a scenario base for every command."""
    params = {**office.params, **{k: round(v, 4) for k, v in posterior.median().items()}}
    return Scenario(name, params, office.policies, title={
        "id": "Kantor yang dikalibrasi dengan data SKM-nya (median posterior)",
        "en": "The office calibrated to its SKM data (posterior medians)"}, description={
        "id": "Parameter asumsi yang dibaca dari data SKM diganti median posteriornya "
              "(hrsim calibrate); yang lain seperti kantor asalnya.",
        "en": "The assumed parameters the SKM data inform are set to their posterior medians "
              "(hrsim calibrate); the rest are as in the original office."})
