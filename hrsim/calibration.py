"""Calibration: the office's assumed parameters inferred from its own SKM data.

The model is simulated as the office is surveyed: after the burn-in, each fitted period is a
window of `survey_period_days` whose served visitors answer the nine elements. The statistics are
each period's element means and, where the office holds its respondents' answers, the shares
answering 4 and answering 1–2.

A model run costs about half a second, far too much for the 10⁴–10⁵ runs of a textbook ABC-SMC.
So the calibration is done in three steps, each with a maintained library:

1. a **design**: `budget_runs` model runs over a Latin hypercube of the priors (scipy's `qmc`),
   each statistic measured on everyone served (no sampling error), appended to ``design.jsonl``
   as they finish — an interrupted calibration resumes where it stopped;
2. an **emulator**: a quadratic response surface per statistic (scikit-learn), with its
   cross-validated error, which holds the model's own chance and the surface's misfit;
3. **inference**: with the emulator the likelihood is explicit — each statistic normal around the
   emulated value with the survey's sampling error (the data's s²/n) plus the emulator's error —
   so an MCMC sampler (emcee) draws the posterior in seconds; likelihood-free ABC (pyabc) on the
   model itself was tried first and, within this budget, gave degenerate weights and 90%
   intervals that held the truth for only about half the parameters.

The design does not depend on the data, only on the office and the number of periods, so one
design serves any survey of that office (and the recovery checks across synthetic offices).
Posterior-predictive checks then run the real model (`predict`).
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
from collections.abc import Callable
from concurrent.futures import as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy.linalg import block_diag, cho_factor, cho_solve

from hrsim.assumptions import draws as assumption_draws
from hrsim.assumptions import latin_hypercube
from hrsim.atomic import atomic_dir
from hrsim.elements import ELEMENTS
from hrsim.errors import InputError
from hrsim.measures.ikm import sample_answers
from hrsim.policies import Policy
from hrsim.scenarios import Scenario
from hrsim.skm import SKM, Period, Survey

# the parameters the nine elements inform, with their priors (uniform, inside the documented
# range of each `Params` field; [A] the plausible part of that range)
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
    # the level of the whole scale, the office's respondents' answering style: τ₃ is fitted
    # to one survey's respondents (Sekadau 2019), and performance_neutral is the latent scale's
    # origin;
    # offices published from ~70 to ~95 (skm-data.md §A4) need both to vary (at the defaults
    # no office above IKM ~80 could be fitted)
    "performance_neutral": (0.1, 0.6),
    "rating_cut_3": (1.0, 7.0),
}
# standard deviation of SKM answers where an office publishes only means: skm-data.md §A3
# (an NRR's standard error is about 0.1 at n = 29, so s ≈ 0.54)
ANSWER_SD = 0.54
EDGE = 0.05  # a posterior median this close to a prior's end (share of its width) is flagged
EVERYONE = 2**31  # a survey "sample" larger than any office: everyone served answers
DESIGN_FILE = "design.jsonl"  # one line per model run of the design
POSTERIOR_FILE = "posterior.parquet"
DIAGNOSTICS_FILE = "diagnostics.json"
# the office with the posterior medians (a scenario)
CALIBRATED_OFFICE_FILE = "office-calibrated.toml"
FILES = (POSTERIOR_FILE, DIAGNOSTICS_FILE, CALIBRATED_OFFICE_FILE, "report.html")


@dataclass(frozen=True)
class Target:
    """What the simulated office must reproduce: the fitted periods' statistics.

    Attributes:
        periods: Labels of the fitted periods, in time order.
        respondents: Each period's respondents (the simulated survey asks as many).
        observed: Statistic name → observed value.
        covariance: The statistics' sampling covariance, in the order of `observed`: an
            element's mean and answer shares come from the same answers, so they are correlated
            (the multinomial covariance of its answer distribution); elements and periods are
            independent.
    """

    periods: tuple[str, ...]
    respondents: tuple[int, ...]
    observed: dict[str, float]
    covariance: np.ndarray

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
        observed, blocks = {}, []
        for k, period in enumerate(chosen):
            observed |= period_statistics(k, period)
            blocks += period_covariance(period)
        return cls(tuple(p.label for p in chosen), tuple(p.survey.respondents for p in chosen),
                   observed, block_diag(*blocks))


def period_statistics(k: int, period: Period) -> dict[str, float]:
    """Statistic name → value of one period (the `k`-th fitted); errors: `period_covariance`."""
    survey, stats = period.survey, {}
    for e in ELEMENTS:
        n = survey.answered[e]
        if not n:
            continue
        stats[f"p{k}_{e}_mean"] = survey.means[e]
        if survey.distribution:
            dist = survey.distribution[e]
            stats[f"p{k}_{e}_top"] = dist[3] / n
            stats[f"p{k}_{e}_low"] = (dist[0] + dist[1]) / n
    return stats


# the statistics of an element as linear maps of its answer shares (1, 2, 3, 4)
SHARE_MAPS = np.array([[1.0, 2.0, 3.0, 4.0],  # mean
                       [0.0, 0.0, 0.0, 1.0],  # share answering 4
                       [1.0, 1.0, 0.0, 0.0]])  # share answering 1–2


def period_covariance(period: Period) -> list[np.ndarray]:
    """Per element answered, the sampling covariance of its statistics (as `period_statistics`).

    With respondents' answers: the multinomial covariance (diag(p) − ppᵀ)/n of the answer shares,
    mapped to the mean and the two shares; the shares are smoothed, (count + ½)/(n + 2), so an
    answer nobody gave still carries some uncertainty. With a published mean: its variance se².
    """
    survey, blocks = period.survey, []
    for e in ELEMENTS:
        n = survey.answered[e]
        if not n:
            continue
        if survey.distribution is None:
            blocks.append(np.array([[(ANSWER_SD / math.sqrt(n)) ** 2]]))
            continue
        p = (np.array(survey.distribution[e]) + 0.5) / (n + 2)
        blocks.append(SHARE_MAPS @ ((np.diag(p) - np.outer(p, p)) / n) @ SHARE_MAPS.T)
    return blocks


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
                        daily_series=False, **{**self.params, **theta})
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


def design_statistics(office: Office, theta: dict[str, float], periods: int,
                      seed: int) -> dict[str, float]:
    """Every statistic of one run with parameters `theta` (a task for the execution engine).

    Everyone served in each period's window answers: the office's own value, without a survey's
    sampling error, which the noise model adds (`infer`).
    """
    answers = office.simulate(theta, (EVERYONE,) * periods, seed_of(theta, seed))
    return simulated_statistics(answers, with_shares=True)


def parameter_draws(n: int, seed: int, *, assumptions: bool = False,
                    posterior: Path | None = None) -> list[dict[str, float]] | None:
    """One parameter set per replication, or None when none is asked for.

    The key assumptions (`hrsim.assumptions`) and/or a draw of the calibration posterior kept in
    folder `posterior`, whose values win where both hold a parameter.

    Raises:
        InputError: `posterior` holds no finished calibration.
    """
    if not assumptions and posterior is None:
        return None
    drawn = assumption_draws(n, seed) if assumptions else [{}] * n
    if posterior is not None:
        drawn = [{**a, **b} for a, b in zip(drawn, Posterior.read(posterior).draws(n, seed),
                                            strict=True)]
    return drawn


def run_design(office: Office, periods: int, out: Path, *, budget_runs: int, seed: int,
               workers: int = 1, scheduler: str | None = None,
               report: Callable[[int], None] = lambda _: None) -> pd.DataFrame:
    """Simulate the design points not yet in `out`; one line per run is appended as it finishes.

    An interrupted design loses nothing but the runs in flight (a torn last line is ignored).

    Returns:
        One row per finished run: the parameters, then every statistic.
    """
    from hrsim.execution import engine

    path = out / DESIGN_FILE
    done = _read_design(path)
    points = latin_hypercube(PRIORS, budget_runs, seed)
    todo = [i for i in range(budget_runs) if i not in done]
    report(len(done))
    with engine(workers, scheduler) as executor, path.open("a", encoding="utf-8") as log:
        futures = {executor.submit(design_statistics, office, points[i], periods, seed): i
                   for i in todo}
        for future in as_completed(futures):
            i = futures[future]
            done[i] = {**points[i], **future.result()}
            log.write(json.dumps({"i": i, **done[i]}) + "\n")
            log.flush()
            report(len(done))
    return pd.DataFrame([done[i] for i in sorted(done)])


def _read_design(path: Path) -> dict[int, dict[str, float]]:
    rows: dict[int, dict[str, float]] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                row = json.loads(line)
            except json.JSONDecodeError:  # the line a killed run left half-written
                continue
            rows[row.pop("i")] = row
    return rows


@dataclass(frozen=True)
class Emulator:
    """A quadratic response surface of each statistic over the priors, fitted to design runs.

    Attributes:
        keys: The statistics emulated.
        model: scikit-learn pipeline (quadratic features, ridge regression with a
            cross-validated penalty).
        error: Each statistic's cross-validated prediction error (RMSE): simulation noise plus
            the surface's misfit.
        covariance: The covariance of those errors across statistics (in the order of `keys`).
        r2: Each statistic's cross-validated R².
    """

    keys: tuple[str, ...]
    model: Any
    error: dict[str, float]
    r2: dict[str, float]
    covariance: np.ndarray

    @classmethod
    def fit(cls, design: pd.DataFrame, keys: tuple[str, ...]) -> Emulator:
        """Fit to the design runs (5-fold cross-validation for the errors)."""
        from sklearn.model_selection import cross_val_predict

        x, y = _unit(design[list(PRIORS)].to_numpy()), design[list(keys)].to_numpy()
        predicted = cross_val_predict(_surface(), x, y, cv=5)
        residual = y - predicted
        rmse = np.sqrt(np.mean(residual**2, axis=0))
        spread = np.maximum(y.var(axis=0), 1e-12)
        r2 = 1 - np.mean(residual**2, axis=0) / spread
        return cls(keys, _surface().fit(x, y), dict(zip(keys, map(float, rmse), strict=True)),
                   dict(zip(keys, map(float, r2), strict=True)),
                   np.atleast_2d(np.cov(residual, rowvar=False, bias=True)))

    def __call__(self, theta: dict[str, float]) -> dict[str, float]:
        """The statistics predicted for parameters `theta`."""
        x = _unit(np.array([[theta[k] for k in PRIORS]]))
        return dict(zip(self.keys, map(float, self.model.predict(x)[0]), strict=True))


def _surface() -> Any:
    from sklearn.linear_model import RidgeCV
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import PolynomialFeatures

    return make_pipeline(PolynomialFeatures(2), RidgeCV(alphas=np.logspace(-6, 1, 15)))


def _unit(x: np.ndarray) -> np.ndarray:
    lows, highs = np.array(list(PRIORS.values())).T
    return (x - lows) / (highs - lows)


def infer(emulator: Emulator, target: Target, *, seed: int = 0, walkers: int = 36,
          steps: int = 8000) -> Posterior:
    """MCMC on the emulator with the survey's sampling error as the likelihood.

    The statistics are jointly normal around the emulated office's values, with the survey's
    sampling covariance plus the emulator's error covariance; priors are uniform. With the emulator
    the likelihood is explicit, so an MCMC sampler is the right tool rather than likelihood-free
    ABC: emcee's affine-invariant ensemble (its walkers start at the design runs that fit best).
    """
    import emcee

    keys = list(target.observed)
    observed = np.array([target.observed[k] for k in keys])
    columns = [emulator.keys.index(k) for k in keys]
    # the survey's sampling covariance plus the emulator's error covariance: statistics of one
    # element share their answers, and their emulator errors move together
    factor = cho_factor(target.covariance + emulator.covariance[np.ix_(columns, columns)])

    def log_likelihood(x: np.ndarray) -> np.ndarray:
        inside = np.all((x >= 0) & (x <= 1), axis=1)
        d = observed - emulator.model.predict(np.clip(x, 0, 1))[:, columns]
        return np.where(inside, -0.5 * np.sum(d.T * cho_solve(factor, d.T), axis=0), -np.inf)

    rng = np.random.default_rng(seed)
    start = rng.uniform(size=(20 * walkers, len(PRIORS)))
    best = start[np.argsort(-log_likelihood(start))[:walkers]]
    sampler = emcee.EnsembleSampler(walkers, len(PRIORS), log_likelihood, vectorize=True)
    sampler.random_state = np.random.RandomState(seed).get_state()
    sampler.run_mcmc(best, steps)
    burn = steps // 4
    logging.getLogger("emcee").setLevel(logging.ERROR)  # the diagnostics say it instead
    tau = float(np.max(sampler.get_autocorr_time(discard=burn, quiet=True)))
    thin = max(int(tau / 2), 1)
    chain = sampler.get_chain(discard=burn, thin=thin, flat=True)
    lows, highs = np.array(list(PRIORS.values())).T
    particles = pd.DataFrame(lows + chain * (highs - lows), columns=list(PRIORS))
    diagnostics = {
        "walkers": walkers, "steps": steps, "burn_in_steps": burn,
        "acceptance_fraction": float(np.mean(sampler.acceptance_fraction)),
        "autocorrelation_steps": tau,
        "chain_over_50_tau": bool(steps - burn >= 50 * tau),  # emcee's rule for a reliable τ
        "effective_sample_size": float(walkers * (steps - burn) / tau),
        "emulator_rmse": emulator.error, "emulator_r2": emulator.r2,
    }
    return Posterior(particles.assign(weight=1.0 / len(particles)), diagnostics)


def calibrate(office: Office, target: Target, out: Path, *, budget_runs: int = 400,
              workers: int = 1, scheduler: str | None = None, seed: int = 0,
              resume: bool = False, report: Callable[[int], None] = lambda _: None) -> Posterior:
    """Simulate the design (or finish it), fit the emulator, and infer the posterior.

    Args:
        office: The office simulated (parameters not calibrated stay as given).
        target: The data's statistics.
        out: Folder of the calibration (the design's runs and the history database).
        budget_runs: Model runs of the design (resumed runs included).
        workers: Local worker processes (ignored with `scheduler`).
        scheduler: Address of an existing Dask scheduler.
        seed: Base seed of the design and its runs.
        resume: Continue the design in `out`.
        report: Called with the number of runs done as the design progresses.

    Returns:
        The posterior (`Posterior.write` keeps it in `out`).

    Raises:
        InputError: `out` holds a calibration and `resume` is not set, or the reverse.
    """
    out.mkdir(parents=True, exist_ok=True)
    started = (out / DESIGN_FILE).exists()
    if started and not resume:
        raise InputError(f"{out}: holds a calibration already; use --resume to continue it "
                         "or choose another --out")
    if resume and not started:
        raise InputError(f"{out}: no calibration to resume ({DESIGN_FILE} not found)")
    design = run_design(office, len(target.periods), out, budget_runs=budget_runs, seed=seed,
                        workers=workers, scheduler=scheduler, report=report)
    posterior = infer(Emulator.fit(design, tuple(target.observed)), target, seed=seed)
    posterior.diagnostics["runs"] = len(design)
    return posterior


@dataclass(frozen=True)
class Posterior:
    """Samples of the posterior, with their weights and the inference's diagnostics."""

    particles: pd.DataFrame  # one column per parameter, and "weight"
    diagnostics: dict[str, Any]

    def write(self, folder: Path) -> None:
        """Keep the posterior in `folder` (atomically): samples (Parquet) and diagnostics."""
        with atomic_dir(folder) as tmp:
            self.particles.to_parquet(tmp / POSTERIOR_FILE, index=False)
            (tmp / DIAGNOSTICS_FILE).write_text(json.dumps(self.diagnostics, indent=2) + "\n")

    @classmethod
    def read(cls, folder: Path) -> Posterior:
        """The posterior a calibration kept in `folder`.

        Raises:
            InputError: The folder holds no finished calibration.
        """
        if not (folder / POSTERIOR_FILE).exists():
            raise InputError(f"{folder}: no finished calibration there ({POSTERIOR_FILE} not "
                             "found); run 'hrsim calibrate' first")
        return cls(pd.read_parquet(folder / POSTERIOR_FILE),
                   json.loads((folder / DIAGNOSTICS_FILE).read_text()))

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

    def at_edge(self, name: str) -> bool:
        """Whether the posterior median lies in the outer `EDGE` of the prior at either end.

        The data then ask for a value the prior (the model's plausible range) barely allows.
        """
        lo, hi = PRIORS[name]
        return not lo + EDGE * (hi - lo) < self.median()[name] < hi - EDGE * (hi - lo)

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
            draws: int = 60, seed: int = 0, workers: int = 1,
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
