"""Compare scenarios with a reference (the baseline) over replications with common random numbers.

Replication r of every scenario runs with the seed ``derive_seed(seed, r)``. The model draws each
decision from its own keyed random stream (``hrsim/streams.py``), so a policy does not shift
unrelated draws: the difference between a scenario and the reference in the same replication is
the policy's effect, not seed noise, and paired differences have a much smaller spread than
unpaired ones. Each scenario gets the mean of every measure with a 95% t interval; against the
reference, the mean paired difference with its 95% t interval and whether it excludes zero; and
the effect per Rp 100 million spent, with its interval.

Example:
    >>> from hrsim.scenarios import load
    >>> result = compare([load("training")], reps=2, days=5, params={"residents": 2_000})
    >>> result.table.query("scenario == 'training' and measure == 'ikm'")["n"].item()
    2
"""

from __future__ import annotations

import functools
import platform
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from hrsim.analysis.effects import CONFIDENCE, GRADE_LETTERS, mean_interval
from hrsim.assumptions import deciders
from hrsim.errors import InputError
from hrsim.execution import Job, JobResult, derive_seed, engine, execute
from hrsim.measures import INFO, MeasureInfo, compared, values
from hrsim.scenarios import Scenario, load
from hrsim.version import __version__

SERIES = ("ikm", "trust_office")  # daily columns brought back for the plots over time
QUANTILES = {"p10": 0.1, "p50": 0.5, "p90": 0.9}
PER_RP = 100_000_000  # cost-effectiveness: points per Rp 100 million
# effects per Rp 100 million, of a measure as shown (IKM points, trust points on 0–100), and how
# each is shown
EFFICIENCY = {"ikm_per_100m_rp": ("ikm", MeasureInfo()),
              "trust_per_100m_rp": ("trust_office", MeasureInfo(digits=3))}
GRADE_SHARE = MeasureInfo(unit="%", digits=0, scale=100)  # how the rows grade_A..grade_D are shown
# summary columns added by parameter uncertainty (`Comparison.uncertain`)
# (for the cost-effectiveness rows, diff_param* hold the effect per Rp 100 million with them)
UNCERTAIN_COLUMNS = ["diff_param", "diff_param_low", "diff_param_high", "p_better", "p_best",
                     "deciders"]
SIGN_UNSURE = (0.1, 0.9)  # P(better) between these: the sign depends on the assumptions


FEW_REPS = 3  # below this, an interval rests on two paired differences: the report warns


@dataclass
class Comparison:
    """Replicated runs of scenarios and a reference, with their provenance.

    Attributes:
        scenarios: The reference first, then the scenarios compared with it.
        reps: Replications per scenario.
        days: Working days per run.
        seed: Base seed; replication r of every scenario uses ``derive_seed(seed, r)``.
        runs: One row per scenario and replication: ``scenario``, ``rep``, ``seed``, ``grade``
            and every measure of `hrsim.measures.compared`.
        bands: Median (``p50``) and 10–90% band (``p10``, ``p90``) over replications of each
            daily series, indexed by (scenario, series, day).
        created: When the comparison was run (UTC, ISO 8601).
        uncertain: With parameter uncertainty, the same replications run again with replication
            r's parameter draw in every scenario (same columns as `runs`); else None.
        draws: The parameter draw of each replication (None without parameter uncertainty).
        draws_from: Where the draws come from (e.g. a calibration's folder).
    """

    scenarios: tuple[Scenario, ...]
    reps: int
    days: int
    seed: int
    runs: pd.DataFrame
    bands: pd.DataFrame
    created: str
    uncertain: pd.DataFrame | None = None
    draws: list[dict[str, float]] | None = None
    draws_from: str = ""

    @property
    def reference(self) -> Scenario:
        """The scenario every other one is compared with."""
        return self.scenarios[0]

    @property
    def seeds(self) -> list[int]:
        """The seed of each replication, shared by every scenario."""
        return [derive_seed(self.seed, r) for r in range(self.reps)]

    @functools.cached_property
    def table(self) -> pd.DataFrame:
        """The summary table (see `summarise`), computed once."""
        return summarise(self)

    @functools.cached_property
    def _by_key(self) -> pd.DataFrame:
        return self.table.set_index(["scenario", "measure"]).sort_index()

    def row(self, scenario: str, measure: str) -> pd.Series:
        """The summary table's row of one scenario and measure."""
        return self._by_key.loc[(scenario, measure)]

    def provenance(self) -> dict[str, Any]:
        """What was run, with which code, seeds and scenario hashes."""
        return {
            "hrsim_version": __version__, "python": platform.python_version(),
            "created": self.created, "reference": self.reference.name, "reps": self.reps,
            "days": self.days, "seed": self.seed, "seeds": self.seeds,
            "scenarios": [{**s.spec(), "hash": s.digest} for s in self.scenarios],
            "parameter_draws": self.draws, "draws_from": self.draws_from,
        }


def compare(scenarios: Iterable[Scenario], *, reference: Scenario | None = None, reps: int = 20,
            days: int = 250, seed: int = 0, params: dict[str, Any] | None = None,
            workers: int = 1, progress: str | None = None,
            draws: Sequence[dict[str, float]] | None = None, draws_from: str = "",
            scheduler: str | None = None,
            report: Callable[[int, int], None] | None = None) -> Comparison:
    """Run `reps` replications of the reference and each scenario, with common random numbers.

    Args:
        scenarios: Scenarios to compare (the reference among them is left out).
        reference: What they are compared with (the built-in baseline by default).
        reps: Replications per scenario (at least 2, for an interval).
        days: Working days per run.
        seed: Base seed of the replications.
        params: Parameter overrides applied to every scenario and the reference.
        workers: Local worker processes (1: in this process). Results do not depend on it.
        progress: Label of a progress bar on stderr (None: none).
        draws: Parameter uncertainty: parameter sets, one per extra replication of every
            scenario, with the same seed and set in every scenario (common random numbers);
            the `reps` replications with the scenarios' own parameters give the seed-only
            intervals beside them.
        draws_from: Where the draws come from, for the provenance.
        scheduler: Address of an existing Dask scheduler to run on instead of local processes.
        report: Called with (runs done, runs in all) as runs finish (e.g. a progress file).

    Raises:
        InputError: Fewer than 2 replications or draws, or two scenarios with the same name.
        RuntimeError: A run failed (the message gives its key, error and traceback).
    """
    if reps < 2:
        raise InputError(f"--reps {reps}: at least 2 replications are needed for an interval")
    reference = reference or load("baseline")
    chosen = _unique([reference, *(s for s in scenarios if s != reference)])
    if params:
        chosen = [s.with_params(**params) for s in chosen]
    if draws is not None and len(draws) < 2:
        raise InputError(f"{len(draws)} parameter draws: at least 2 are needed for an interval")
    jobs = plan(chosen, reps, days, seed) + (plan(chosen, len(draws), days, seed, draws)
                                             if draws else [])
    created = datetime.now(UTC).isoformat(timespec="seconds")
    results = []
    with engine(min(workers, len(jobs)), scheduler) as executor:
        for result in execute(jobs, executor, in_flight=max(8, 2 * workers), progress=progress,
                              total=len(jobs)):
            results.append(result)
            if report is not None:
                report(len(results), len(jobs))
    failed = [r for r in results if not r.ok]
    if failed:
        first = min(failed, key=lambda r: r.job.key)
        raise RuntimeError(f"{len(failed)} of {len(jobs)} runs failed; first {first.job.key}: "
                           f"{first.error}\n{first.traceback}")
    results.sort(key=lambda r: r.job.key)
    names = [s.name for s in chosen]
    fixed = [r for r in results if "draw" not in r.job.tags]
    drawn = [r for r in results if "draw" in r.job.tags]
    return Comparison(tuple(chosen), reps, days, seed, _runs(fixed, names),
                      _bands(fixed, names), created,
                      _runs(drawn, names) if drawn else None,
                      list(draws) if draws else None, draws_from)


def compare_on_office(scenarios: Sequence[Scenario | str], *, reference: Scenario | str,
                      office: Scenario | None, posterior: Path | None, uncertainty: int | None,
                      reps: int, days: int, seed: int, params: dict[str, Any], workers: int,
                      scheduler: str | None, lang: str, progress: str | None = None,
                      report: Callable[[int, int], None] | None = None) -> Comparison:
    """What ``hrsim compare`` runs: scenarios on an office, with its uncertainty, as a comparison.

    Called by `hrsim.specs.CompareSpec` (the command line and the planner's worker alike), which
    holds the options' defaults.

    Args:
        scenarios: Scenarios, built-in names or TOML paths (none: the whole library).
        reference: What they are compared with.
        office: The office every scenario is applied to (None: the scenarios' own).
        posterior: A calibration folder: every replication also runs with its own posterior
            draw, on the calibrated office unless `office` is given.
        uncertainty: Also run this many replications drawing the key assumptions.
        reps: Replications per scenario.
        days: Working days per run.
        seed: Base seed of the replications.
        params: Parameter overrides applied to every scenario.
        workers: Local worker processes.
        scheduler: An existing Dask scheduler to run on instead.
        lang: Language of the draws' description in the provenance.
        progress: Label of a progress bar on stderr (None: none).
        report: Called with (runs done, runs in all) as runs finish.
    """
    from hrsim.calibration import CALIBRATED_OFFICE_FILE, parameter_draws
    from hrsim.i18n import t
    from hrsim.scenarios import library, resolve

    draws = parameter_draws(uncertainty or reps, seed, assumptions=uncertainty is not None,
                            posterior=posterior)
    sources = [t("report.draws.assumptions", lang)] if uncertainty is not None else []
    if posterior is not None:
        office = office or load(posterior / CALIBRATED_OFFICE_FILE)
        sources.append(t("report.draws.posterior", lang, path=posterior))
    chosen = [resolve(s).on(office) for s in scenarios or library()]
    return compare(chosen, reference=resolve(reference).on(office), reps=reps, days=days,
                   seed=seed, params=params, workers=workers, progress=progress, draws=draws,
                   draws_from=" + ".join(sources), scheduler=scheduler, report=report)


def _unique(scenarios: list[Scenario]) -> list[Scenario]:
    names = [s.name for s in scenarios]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise InputError(f"scenario '{twice[0]}' is given twice; each scenario needs its own "
                         "'name'")
    return scenarios


def plan(scenarios: Sequence[Scenario], reps: int, days: int, seed: int,
         draws: Sequence[dict[str, float]] | None = None) -> list[Job]:
    """One job per scenario and replication, replication by replication.

    Replication r has the same seed in every scenario, and with `draws` the same parameters too:
    its scenarios, run one after another, share a burn-in (`hrsim.simulation.start`).
    """
    if draws is None:
        return [Job(f"{i:03d}-{s.name}/r{r:04d}", s, derive_seed(seed, r), days, SERIES,
                    {"scenario": s.name, "rep": r})
                for r in range(reps) for i, s in enumerate(scenarios)]
    return [Job(f"{i:03d}-{s.name}/r{r:04d}/draw", s.with_params(**draws[r]),
                derive_seed(seed, r), days, (), {"scenario": s.name, "rep": r, "draw": r})
            for r in range(reps) for i, s in enumerate(scenarios)]


def _runs(results: list[JobResult], names: list[str]) -> pd.DataFrame:
    measures = compared()
    rows = []
    for result in results:
        summary = values(result.summary)
        rows.append({**result.job.tags, "seed": result.job.seed, "grade": summary["grade"],
                     **{k: _number(summary[k]) for k in measures}})
    runs = pd.DataFrame(rows)
    runs["scenario"] = pd.Categorical(runs["scenario"], categories=names, ordered=True)
    return runs


def _number(value: Any) -> float:
    return np.nan if value is None else float(value)


def _bands(results: list[JobResult], names: list[str]) -> pd.DataFrame:
    frames = []
    for name in names:
        mine = [r.series for r in results if r.job.tags["scenario"] == name]
        for column in SERIES:
            wide = pd.concat([s[column] for s in mine], axis=1)
            band = wide.quantile(list(QUANTILES.values()), axis=1).T
            band.columns = list(QUANTILES)
            frames.append(band.assign(scenario=name, series=column))
    return pd.concat(frames).reset_index().set_index(["scenario", "series", "day"]).sort_index()


def summarise(comparison: Comparison) -> pd.DataFrame:
    """The summary table: one row per scenario and measure.

    Columns: ``scenario``, ``measure``, ``n`` (replications with a value), ``mean``,
    ``ci_low``, ``ci_high`` (95%), and against the reference ``diff``, ``diff_low``,
    ``diff_high`` (mean paired difference and its 95% interval), ``distinguishable`` (the
    interval excludes zero) and ``verdict`` (``better``, ``worse``, ``higher``, ``lower`` for
    measures without a better direction, or ``unclear``). Besides the measures compared, the rows
    ``grade_A`` .. ``grade_D`` give the share of replications in each grade (with a Wilson
    interval), and `EFFICIENCY` rows the effect per Rp 100 million spent beyond the reference.
    """
    rows = list(_rows(comparison))
    columns = ["scenario", "measure", "n", "mean", "ci_low", "ci_high", "diff", "diff_low",
               "diff_high", "distinguishable", "verdict"]
    if comparison.uncertain is not None:
        columns += UNCERTAIN_COLUMNS
    return pd.DataFrame(rows, columns=columns)


def row_info(measure: str) -> MeasureInfo:
    """How a row of the summary table is shown: as its measure declares, or as a derived row."""
    if measure in EFFICIENCY:
        return EFFICIENCY[measure][1]
    return GRADE_SHARE if measure.startswith("grade_") else INFO[measure]


def _rows(comparison: Comparison) -> Iterator[dict[str, Any]]:
    runs, uncertain = comparison.runs, comparison.uncertain
    base = runs[runs["scenario"] == comparison.reference.name].set_index("rep")
    for scenario in comparison.scenarios:
        mine = runs[runs["scenario"] == scenario.name].set_index("rep")
        is_reference = scenario is comparison.reference
        for measure in compared():
            mean, low, high = mean_interval(mine[measure])
            row = {"scenario": scenario.name, "measure": measure,
                   "n": int(mine[measure].notna().sum()), "mean": mean, "ci_low": low,
                   "ci_high": high}
            if not is_reference:
                row |= _difference(mine[measure] - base[measure], INFO[measure].better)
            if uncertain is not None:
                row |= _with_parameters(uncertain, scenario.name, comparison.reference.name,
                                        measure, is_reference, comparison.draws)
            yield row
        yield from _grade_rows(scenario.name, mine["grade"])
        if not is_reference:
            rows = _efficiency_rows(scenario.name, mine, base)
            if uncertain is None:
                yield from rows
                continue
            drawn = uncertain.set_index("rep")
            with_draws = _efficiency_rows(scenario.name, drawn[drawn["scenario"] == scenario.name],
                                          drawn[drawn["scenario"] == comparison.reference.name])
            for row, param in zip(rows, with_draws, strict=True):
                yield row | {"diff_param": param["mean"], "diff_param_low": param["ci_low"],
                             "diff_param_high": param["ci_high"]}


def _difference(diffs: pd.Series, better: int) -> dict[str, Any]:
    diff, low, high = mean_interval(diffs.to_numpy())
    distinguishable = bool(low > 0 or high < 0)  # NaN compares False: not distinguishable
    if not distinguishable:
        verdict = "unclear"
    elif better == 0:
        verdict = "higher" if diff > 0 else "lower"
    else:
        verdict = "better" if diff * better > 0 else "worse"
    return {"diff": diff, "diff_low": low, "diff_high": high,
            "distinguishable": distinguishable, "verdict": verdict}


def _with_parameters(uncertain: pd.DataFrame, name: str, reference: str, measure: str,
                     is_reference: bool,
                     draws: list[dict[str, float]] | None) -> dict[str, Any]:
    """A measure under parameter uncertainty, over replications that each have their own draw.

    The paired difference from the reference with its 95% interval, the probability that the
    scenario does better than the reference, and that it is the best of all scenarios; when the
    sign is unsure, the drawn parameters that decide it (`hrsim.assumptions.deciders`).
    """
    wide = uncertain.pivot(index="rep", columns="scenario", values=measure)
    better = INFO[measure].better or 1
    row = {"p_best": float(np.mean(wide.mul(better).idxmax(axis=1) == name))}
    if not is_reference:
        diffs = (wide[name] - wide[reference]).to_numpy()
        diff, low, high = mean_interval(diffs)
        p_better = float(np.mean(diffs * better > 0))
        row |= {"diff_param": diff, "diff_param_low": low, "diff_param_high": high,
                "p_better": p_better}
        if draws and SIGN_UNSURE[0] < p_better < SIGN_UNSURE[1]:
            row["deciders"] = "; ".join(f"{k} ({rho:+.2f})" for k, rho in
                                        deciders(diffs, [draws[r] for r in wide.index]))
    return row


def _grade_rows(name: str, grades: pd.Series) -> Iterator[dict[str, Any]]:
    n = len(grades)
    for letter in GRADE_LETTERS:
        k = int((grades == letter).sum())
        interval = stats.binomtest(k, n).proportion_ci(CONFIDENCE, method="wilson")
        yield {"scenario": name, "measure": f"grade_{letter}", "n": n, "mean": k / n,
               "ci_low": interval.low, "ci_high": interval.high}


def _efficiency_rows(name: str, mine: pd.DataFrame,
                     base: pd.DataFrame) -> Iterator[dict[str, Any]]:
    extra_cost = (mine["cost_rp"] - base["cost_rp"]).to_numpy()
    for measure, (effect_of, _) in EFFICIENCY.items():
        effect = ((mine[effect_of] - base[effect_of]) * INFO[effect_of].scale).to_numpy()
        pairs = np.isfinite(effect) & np.isfinite(extra_cost)
        mean, low, high = per_100m(effect[pairs], extra_cost[pairs])
        yield {"scenario": name, "measure": measure, "n": int(pairs.sum()), "mean": mean,
               "ci_low": low, "ci_high": high}


def per_100m(effect: np.ndarray, extra_cost: np.ndarray) -> tuple[float, float, float]:
    """Mean effect per Rp 100 million of mean extra cost (paired), with a 95% interval.

    The ratio of means R = ē / c̄ gets the t interval of its linearisation (the delta method):
    the values R + (e_i − R·c_i) / c̄ have mean R and the ratio's standard error. Written out
    because scipy's bootstrap needs more replications than a comparison usually has (with few,
    its interval came out narrower than the effect's own); when costs do not vary this is the
    effect's t interval divided by the cost. NaN when the scenario costs no more than the
    reference.
    """
    if not len(effect) or extra_cost.mean() <= 0:
        return np.nan, np.nan, np.nan
    ratio = effect.mean() / extra_cost.mean()
    linearised = ratio + (effect - ratio * extra_cost) / extra_cost.mean()
    return tuple(float(x) * PER_RP for x in mean_interval(linearised))
