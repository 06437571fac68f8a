"""The best policy portfolios for a budget: multi-objective search with Optuna (MOTPE).

A portfolio sets, for each lever of the library (`Policy.levers`), an intensity (0 = not funded)
and a start day. Each candidate runs `reps` replications with common random numbers against the
baseline (the same seeds, and with `draws` the same assumption or posterior draw per
replication), and is scored robustly: the mean and the 10% quantile of its paired gains in the
IKM and in trust, and its cost per year as the runs spent it. The annual budget is a constraint
(Optuna's `Trial.set_constraint`). The sampler is Optuna's multi-objective TPE with multivariate
densities: on a toy case with a known optimum (tests) it found the best pair of
levers within 200 trials for every seed tried, where NSGA-II, NSGA-III (one seed of two) did not.
The search starts from each lever alone, in full. Optuna's journal file makes a search
resumable; trials run one after another, each trial's replications in parallel on one engine that
stays up for the whole search (``benchmarks/optimize.py`` measures the parallel efficiency and
compares the front with an exhaustive grid).
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from hrsim.calendar import WORKING_DAYS_PER_YEAR
from hrsim.execution import Job, derive_seed, engine, execute
from hrsim.policies import REGISTRY, Policy
from hrsim.scenarios import Scenario

QUANTILE = 0.1  # the robust score: the gain in the worst 10% of replications
OBJECTIVES = {"ikm": "ikm", "trust": "trust_office"}  # --objective name → summary measure
STUDY_FILE = "study.log"  # Optuna's journal: the search resumes from it


@dataclass(frozen=True)
class Space:
    """The portfolios searched: for each lever, an intensity (0 = not funded) and a start day.

    Attributes:
        intensities: The doses a lever may get.
        starts: Working days it may start on: at once, after a quarter, after half a year.
    """

    intensities: tuple[float, ...] = (0.0, 0.5, 1.0)
    starts: tuple[int, ...] = (0, 60, 125)

    def choices(self) -> Iterator[dict[str, Any]]:
        """Every distinct portfolio, as trial parameters (an unfunded lever starts at day 0)."""
        options = [(0.0, self.starts[0])] + [(i, s) for i in self.intensities if i > 0
                                             for s in self.starts]
        for combo in itertools.product(options, repeat=len(Policy.levers())):
            yield {name: value for key, (dose, start) in zip(Policy.levers(), combo, strict=True)
                   for name, value in ((f"{key}_intensity", dose), (f"{key}_start", start))}


def portfolio(choices: dict[str, Any]) -> tuple[Policy, ...]:
    """The policies a trial funds, from its ``<lever>_intensity`` and ``<lever>_start``."""
    return tuple(REGISTRY[key](intensity=choices[f"{key}_intensity"],
                               start=choices[f"{key}_start"])
                 for key in Policy.levers() if choices[f"{key}_intensity"] > 0)


@dataclass(frozen=True)
class Score:
    """A portfolio's paired gains over the baseline, and what it costs.

    Attributes:
        gains: Measure → gain in each replication.
        cost_per_year: Mean money spent per year (Rp).
    """

    gains: dict[str, np.ndarray]
    cost_per_year: float

    def robust(self, measure: str) -> float:
        """The gain in the worst `QUANTILE` of replications."""
        return float(np.quantile(self.gains[measure], QUANTILE))

    def mean(self, measure: str) -> float:
        """The mean gain."""
        return float(np.mean(self.gains[measure]))


class Evaluator(contextlib.AbstractContextManager):
    """Runs portfolios on the office against its baseline, with common random numbers.

    Its engine (worker processes or a Dask client) stays up until `close` (or the end of a
    ``with`` block), so a search does not pay a pool start-up per trial.

    Args:
        office: The office (a scenario whose parameters and policies are the base).
        years: Years simulated per run.
        reps: Replications per portfolio.
        seed: Base seed (replication r has seed ``derive_seed(seed, r)`` for every portfolio).
        draws: Optional parameter draw per replication (assumptions or a posterior).
        workers: Local worker processes; scheduler: an existing Dask scheduler.
    """

    def __init__(self, office: Scenario, *, years: int, reps: int, seed: int,
                 draws: Sequence[dict[str, float]] | None = None, workers: int = 1,
                 scheduler: str | None = None) -> None:
        self.office, self.days, self.reps, self.seed = office, years * WORKING_DAYS_PER_YEAR, \
            reps, seed
        self.draws = draws
        self.measures = list(OBJECTIVES.values())
        self._engine = contextlib.ExitStack()
        self._executor = self._engine.enter_context(engine(workers, scheduler))
        self.baseline = self._runs([office.policies])[0]

    def __call__(self, policies: tuple[Policy, ...]) -> Score:
        """The score of a portfolio."""
        return self.scores([policies])[0]

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Shut the engine down."""
        self._engine.close()

    def scores(self, portfolios: Sequence[tuple[Policy, ...]]) -> list[Score]:
        """The scores of several portfolios, their runs in parallel together."""
        scores = []
        for runs in self._runs([(*self.office.policies, *p) for p in portfolios]):
            gains = {m: runs[m] - self.baseline[m] for m in self.measures}
            extra = runs["cost_rp"] - self.baseline["cost_rp"]
            scores.append(Score(gains, float(np.mean(extra)) * WORKING_DAYS_PER_YEAR / self.days))
        return scores

    def _runs(self, portfolios: Sequence[tuple[Policy, ...]]) -> list[pd.DataFrame]:
        """Each portfolio's replications (a table each, in replication order).

        Replication by replication, so that the portfolios of one replication share a burn-in.
        """
        jobs = [Job(f"p{i:06d}/r{r:04d}",
                    Scenario("portfolio", self.office.params, policies)
                    .with_params(**(self.draws[r] if self.draws else {})),
                    derive_seed(self.seed, r), self.days, tags={"portfolio": i})
                for r in range(self.reps) for i, policies in enumerate(portfolios)]
        results = sorted(execute(jobs, self._executor), key=lambda r: r.job.key)
        failed = next((r for r in results if not r.ok), None)
        if failed:
            raise RuntimeError(f"a run of the search failed: {failed.error}\n{failed.traceback}")
        table = pd.DataFrame([{**r.summary, **r.job.tags} for r in results])
        return [rows[[*self.measures, "cost_rp"]].reset_index(drop=True)
                for _, rows in table.groupby("portfolio", sort=True)]


def search(evaluate: Callable[[tuple[Policy, ...]], Score], budget: float, out: Path, *,
           objectives: Sequence[str] = ("ikm", "trust"), trials: int = 60, seed: int = 0,
           resume: bool = False, space: Space = Space(),
           progress: Callable[[int], None] = lambda _: None) -> Any:
    """Search portfolios under the annual `budget`; the study lives in ``out/study.log``.

    The objectives: maximise the robust gain of each measure in `objectives`, minimise the cost
    per year. Trials already in the journal count towards `trials`.

    Returns:
        The Optuna study.
    """
    import optuna
    from optuna.storages import JournalStorage
    from optuna.storages.journal import JournalFileBackend

    optuna.logging.set_verbosity(optuna.logging.WARNING)  # the progress bar reports instead
    out.mkdir(parents=True, exist_ok=True)
    journal = out / STUDY_FILE
    if journal.exists() and not resume:
        from hrsim.errors import InputError

        raise InputError(f"{out}: holds a search already; use --resume to continue it or "
                         "choose another --out")
    sampler = optuna.samplers.TPESampler(seed=seed, multivariate=True)
    study = optuna.create_study(
        study_name="portfolios", storage=JournalStorage(JournalFileBackend(str(journal))),
        directions=[*(["maximize"] * len(objectives)), "minimize"], sampler=sampler,
        load_if_exists=True)

    def objective(trial: Any) -> tuple[float, ...]:
        choices = {}
        for key in Policy.levers():
            choices[f"{key}_intensity"] = trial.suggest_categorical(f"{key}_intensity",
                                                                    space.intensities)
            choices[f"{key}_start"] = trial.suggest_categorical(f"{key}_start", space.starts)
        score = evaluate(portfolio(choices))
        trial.set_user_attr("cost_per_year", score.cost_per_year)
        trial.set_constraint("budget", score.cost_per_year - budget)  # feasible when ≤ 0
        for name in objectives:
            trial.set_user_attr(f"{name}_mean", score.mean(OBJECTIVES[name]))
        return (*(score.robust(OBJECTIVES[name]) for name in objectives), score.cost_per_year)

    if not study.trials:  # start from what a planner would try first: each lever alone, in full
        for key in Policy.levers():
            study.enqueue_trial({**{f"{k}_intensity": 0.0 for k in Policy.levers()},
                                 **{f"{k}_start": space.starts[0] for k in Policy.levers()},
                                 f"{key}_intensity": max(space.intensities)})
    done = evaluated(study)
    progress(done)
    for _ in range(max(trials - done, 0)):
        study.optimize(objective, n_trials=1)
        progress(evaluated(study))
    return study


def evaluated(study: Any) -> int:
    """Trials run so far (not those only queued)."""
    import optuna

    return len(study.get_trials(states=(optuna.trial.TrialState.COMPLETE,
                                        optuna.trial.TrialState.FAIL)))


def front(study: Any, objectives: Sequence[str], budget: float) -> pd.DataFrame:
    """The feasible Pareto front: one row per portfolio, its levers, gains and cost."""
    rows = []
    for trial in study.best_trials:
        cost = trial.user_attrs["cost_per_year"]
        if cost > budget:
            continue
        rows.append({"trial": trial.number, "cost_per_year_rp": cost,
                     **{f"{name}_robust": v for name, v in zip(objectives, trial.values,
                                                              strict=False)},
                     **{f"{name}_mean": trial.user_attrs[f"{name}_mean"] for name in objectives},
                     "portfolio": describe(portfolio(trial.params))})
    table = pd.DataFrame(rows)
    return table.sort_values("cost_per_year_rp").reset_index(drop=True) if rows else table


def recommend(study: Any, objectives: Sequence[str], budget: float) -> Any | None:
    """The feasible trial with the best robust gain in the first objective (None if none)."""
    feasible = [t for t in study.best_trials if t.user_attrs["cost_per_year"] <= budget]
    return max(feasible, key=lambda t: (t.values[0], -t.values[-1]), default=None)


def describe(policies: tuple[Policy, ...]) -> str:
    """``training 1.0 @0 + feedback 0.5 @60`` (intensity and start day), or ``–``."""
    return " + ".join(f"{p.key} {p.intensity:g} @{p.start}" for p in policies) or "–"
