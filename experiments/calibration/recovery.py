"""Experiment 5 — calibration: known parameters recovered, a period predicted, real data fitted.

    python experiments/calibration/recovery.py --out results/calibration \
        [--offices 20] [--runs 400] [--workers 2] [--predict-offices 6] [--seed 0]

One design of `--runs` model runs of the default office (100,000 residents, one survey period)
serves every calibration below: the design does not depend on the data (`hrsim.calibration`).

1. **Recovery**: `--offices` synthetic offices, each with parameters drawn from the middle 70% of
   the priors (as `truth()` in tests/test_calibration.py), surveyed for one period with a
   Krejcie–Morgan sample of the visitors served in it; each is calibrated and its 90% credible
   intervals are checked against the truth.
2. **Prediction**: `--predict-offices` other synthetic offices, surveyed for two periods with
   training from the first day of period 2; calibrated on period 1 only, then period 2 is
   predicted with the real model (`predict`) — with the change, and, as a control, without it.
3. **Real data**: the published tables in ``data/`` (read with `hrsim.skm.read`), each calibrated
   and checked against its posterior-predictive bands.

Everything is kept in `--out` as it finishes: the design resumes (`run_design`), and each office's
results are a JSON file that a rerun reads instead of recomputing. Figures and CSVs go to
``--out/figures`` (copy them to experiments/calibration/figures/).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
import pandas as pd

from hrsim import calibration as cal
from hrsim.elements import ELEMENTS
from hrsim.measures.ikm import grade, round_half_up
from hrsim.params import Params
from hrsim.policies.training import Training
from hrsim.skm import SKM, Period, read

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
REAL = {  # file → label in the figures
    "gaspul-triwulan-3.toml": "GASPUL (Kemenag), Triwulan III, n = 29",
    "bantul-land-office-2023.toml": "Bantul land office 2023 (n assumed 384)",
}
OFFICE = cal.Office()  # the default office: 100,000 residents, Medan Area's defaults
WINDOW = Params().survey_period_days


def truth(seed: int) -> dict[str, float]:
    """A synthetic office: parameters drawn inside the middle 70% of each prior (as the tests)."""
    rng = np.random.default_rng(seed)
    return {k: float(rng.uniform(lo + 0.15 * (hi - lo), hi - 0.15 * (hi - lo)))
            for k, (lo, hi) in cal.PRIORS.items()}


def survey(office: cal.Office, theta: dict[str, float], periods: int, seed: int) -> SKM:
    """Synthetic SKM data: each period a Krejcie–Morgan sample of the visitors it served.

    `sample_answers` draws a Krejcie–Morgan sample when it is given no respondent count, so the
    sample size follows the office's own number of visitors, as the regulation's does.
    """
    return cal.synthetic_skm(office, theta, (None,) * periods, seed)  # type: ignore[arg-type]


def cached(path: Path, compute):
    """The JSON kept in `path`, or `compute()` kept there."""
    if path.exists():
        return json.loads(path.read_text())
    value = compute()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(value, indent=1))
    tmp.replace(path)
    return value


def summary(posterior: cal.Posterior) -> dict[str, dict[str, float]]:
    """Median and 90% interval of each parameter."""
    out = {}
    for k in cal.PRIORS:
        lo, hi = posterior.interval(k)
        out[k] = {"median": posterior.median()[k], "low": lo, "high": hi,
                  "informed": bool(posterior.informed(k))}
    return out


def recover(emulator: cal.Emulator, office: int, means_only: bool = False) -> dict:
    """Calibrate one synthetic office with known parameters.

    With `means_only`, the same data are fitted on the nine element means alone, without the
    shares answering 4 and 1–2 (a diagnosis: the shares repeat much of what the means say).
    """
    known = truth(office)
    data = survey(OFFICE, known, 1, seed=10 + office)
    target = cal.Target.from_skm(data)
    if means_only:
        names = list(target.observed)
        kept = [k for k in names if k.endswith("_mean")]
        at = [names.index(k) for k in kept]
        target = cal.Target(target.periods, target.respondents,
                            {k: target.observed[k] for k in kept},
                            target.covariance[np.ix_(at, at)])
    started = time.perf_counter()
    posterior = cal.infer(emulator, target, seed=office)
    return {"office": office, "truth": known, "respondents": data.periods[0].survey.respondents,
            "posterior": summary(posterior), "inference_s": time.perf_counter() - started,
            "effective_sample_size": posterior.diagnostics["effective_sample_size"],
            "acceptance": posterior.diagnostics["acceptance_fraction"]}


def own_run(emulator: cal.Emulator, office: int) -> dict:
    """How far a synthetic office's own simulated period (everyone served answering, before the
    survey's sampling) lies from the emulator at its true parameters, in emulator errors."""
    known = truth(office)
    stats = cal.simulated_statistics(OFFICE.simulate(known, (cal.EVERYONE,), 10 + office), False)
    predicted = emulator(known)
    return {e: (stats[f"p0_{e}_mean"] - predicted[f"p0_{e}_mean"]) / emulator.error[f"p0_{e}_mean"]
            for e in ELEMENTS}


def means(period: Period) -> list[float]:
    return [period.survey.means[e] for e in ELEMENTS]


def forecast(emulator: cal.Emulator, office: int, workers: int) -> dict:
    """Calibrate on period 1, predict period 2 after a known change (training from its start)."""
    known = truth(office)
    changed = cal.Office(OFFICE.params, (Training(start=WINDOW + 1),))
    data = survey(changed, known, 2, seed=20 + office)
    target = cal.Target.from_skm(data, ("period 1",))
    posterior = cal.infer(emulator, target, seed=office)
    respondents = tuple(p.survey.respondents for p in data.periods)
    bands = {}
    for name, simulated in (("with_change", changed), ("without_change", OFFICE)):
        low, high = cal.predict(simulated, posterior, respondents, seed=office,
                                workers=workers).band()
        bands[name] = {"low": low.tolist(), "high": high.tolist()}
    return {"office": office, "truth": known, "respondents": list(respondents),
            "observed": [means(p) for p in data.periods], "bands": bands,
            "posterior": summary(posterior)}


def fit_real(emulator: cal.Emulator, name: str, workers: int) -> dict:
    """Calibrate the default office to a published table; posterior-predictive checks."""
    data = read([DATA / name])
    target = cal.Target.from_skm(data)
    posterior = cal.infer(emulator, target, seed=0)
    predictive = cal.predict(OFFICE, posterior, target.respondents, seed=0, workers=workers)
    low, high = predictive.band()
    ikm = predictive.ikm[:, 0]
    grades = pd.Series([grade(round_half_up(float(x))) for x in ikm]).value_counts(normalize=True)
    return {"file": name, "respondents": list(target.respondents),
            "observed": means(data.periods[0]), "observed_ikm": data.periods[0].ikm.ikm,
            "observed_grade": data.periods[0].ikm.grade,
            "band": {"low": low[0].tolist(), "high": high[0].tolist()},
            "ikm": {"median": float(np.median(ikm)), "low": float(np.quantile(ikm, 0.05)),
                    "high": float(np.quantile(ikm, 0.95))},
            "grades": grades.sort_index().to_dict(), "posterior": summary(posterior),
            "diagnostics": {k: v for k, v in posterior.diagnostics.items()
                            if not k.startswith("emulator")}}


def residual_correlations(design: pd.DataFrame) -> pd.DataFrame:
    """Correlation of the emulator's cross-validated errors: within each element (mean with the
    shares answering 4 and 1–2) and between the element means. The likelihood in `infer` treats
    every statistic's error as independent."""
    from sklearn.model_selection import cross_val_predict

    keys = [c for c in design.columns if c not in cal.PRIORS]
    x = cal._unit(design[list(cal.PRIORS)].to_numpy())
    y = design[keys].to_numpy()
    res = pd.DataFrame(y - cross_val_predict(cal._surface(), x, y, cv=5), columns=keys)
    corr = res.corr()
    rows = {e: {"mean_top": corr.loc[f"p0_{e}_mean", f"p0_{e}_top"],
                "mean_low": corr.loc[f"p0_{e}_mean", f"p0_{e}_low"]} for e in ELEMENTS}
    table = pd.DataFrame(rows).T
    means = corr.loc[[f"p0_{e}_mean" for e in ELEMENTS], [f"p0_{e}_mean" for e in ELEMENTS]]
    table[[f"with_{e}_mean" for e in ELEMENTS]] = means.to_numpy()
    table.index.name = "element"
    return table


def coverage_table(recovered: list[dict]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One row per office and parameter, and the per-parameter summary."""
    rows = []
    for r in recovered:
        for k, (lo, hi) in cal.PRIORS.items():
            p, t = r["posterior"][k], r["truth"][k]
            rows.append({"office": r["office"], "parameter": k, "truth": t, **p,
                         "inside": p["low"] <= t <= p["high"],
                         "width_vs_prior": (p["high"] - p["low"]) / (0.9 * (hi - lo))})
    per = pd.DataFrame(rows)
    width = per.parameter.map(lambda k: cal.PRIORS[k][1] - cal.PRIORS[k][0])
    per["abs_error_vs_prior"] = (per["median"] - per["truth"]).abs() / width
    agg = per.groupby("parameter", sort=False).agg(
        coverage=("inside", "mean"), width_vs_prior=("width_vs_prior", "mean"),
        informed=("informed", "mean"), abs_error_vs_prior=("abs_error_vs_prior", "mean"))
    return per, agg.reset_index()


def plot_recovery(per: pd.DataFrame, path: Path) -> None:
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(3, 4, figsize=(14, 10))
    for ax in axes.flat[len(cal.PRIORS):]:
        ax.axis("off")
    for ax, (k, (lo, hi)) in zip(axes.flat, cal.PRIORS.items(), strict=False):
        d = per[per.parameter == k]
        colour = np.where(d.inside, "tab:blue", "tab:red")
        ax.errorbar(d.truth, d["median"], yerr=[d["median"] - d.low, d.high - d["median"]],
                    fmt="none", ecolor=colour, alpha=0.7)
        ax.scatter(d.truth, d["median"], c=colour, s=18, zorder=3)
        ax.plot([lo, hi], [lo, hi], color="grey", lw=0.8, ls="--")
        ax.set_xlim(lo, hi)
        ax.set_ylim(lo, hi)
        ax.set_title(f"{k}: {d.inside.mean():.0%} covered", fontsize=10)
        ax.set_xlabel("truth", fontsize=8)
        ax.set_ylabel("posterior median, 90% interval", fontsize=8)
    fig.suptitle("Recovery: truth vs posterior (red: truth outside the 90% interval)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def plot_bands(ax, observed, low, high, title: str, colour: str = "tab:blue") -> None:
    x = np.arange(len(ELEMENTS))
    mid = (np.asarray(low) + np.asarray(high)) / 2
    ax.errorbar(x, mid, yerr=[mid - np.asarray(low), np.asarray(high) - mid], fmt="none",
                ecolor=colour, elinewidth=6, alpha=0.35, label="90% predictive band")
    inside = (np.asarray(low) <= observed) & (np.asarray(observed) <= np.asarray(high))
    ax.scatter(x, observed, c=np.where(inside, "black", "tab:red"), zorder=3, s=20,
               label="observed mean")
    ax.set_xticks(x, ELEMENTS, fontsize=8)
    ax.set_title(title, fontsize=9)


def plot_prediction(predicted: list[dict], path: Path) -> None:
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, len(predicted), figsize=(3.6 * len(predicted), 3.6),
                             sharey=True, squeeze=False)
    for ax, r in zip(axes[0], predicted, strict=True):
        observed = r["observed"][1]
        b = {k: np.array(v[1]) for k, v in r["bands"]["with_change"].items()}  # period 2
        c = {k: np.array(v[1]) for k, v in r["bands"]["without_change"].items()}
        x = np.arange(len(ELEMENTS)) + 0.25
        mid = (c["low"] + c["high"]) / 2
        ax.errorbar(x, mid, yerr=[mid - c["low"], c["high"] - mid], fmt="none",
                    ecolor="tab:grey", elinewidth=3, alpha=0.4, label="band without the change")
        hits = int(np.sum((b["low"] <= observed) & (observed <= b["high"])))
        plot_bands(ax, observed, b["low"], b["high"], f"office {r['office']}: {hits}/9 inside")
    axes[0][0].set_ylabel("period 2 element mean (1–4)")
    axes[0][0].legend(fontsize=7, loc="lower left")
    fig.suptitle("Prediction of period 2 (training from its first day), calibrated on period 1",
                 fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def plot_real(fits: list[dict], path: Path) -> None:
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(len(fits), 2, figsize=(11, 3.8 * len(fits)), squeeze=False)
    for row, r in zip(axes, fits, strict=True):
        hits = sum(lo <= o <= hi for o, lo, hi in
                   zip(r["observed"], r["band"]["low"], r["band"]["high"], strict=True))
        plot_bands(row[0], r["observed"], r["band"]["low"], r["band"]["high"],
                   f"{REAL[r['file']]}: {hits}/9 inside; IKM {r['observed_ikm']:.2f} vs "
                   f"{r['ikm']['low']:.1f}–{r['ikm']['high']:.1f}")
        row[0].set_ylabel("element mean (1–4)")
        row[0].legend(fontsize=7, loc="lower left")
        names = list(cal.PRIORS)
        for j, k in enumerate(names):
            lo, hi = cal.PRIORS[k]
            p = r["posterior"][k]
            scale = lambda v, lo=lo, hi=hi: (v - lo) / (hi - lo)  # noqa: E731
            row[1].plot([scale(p["low"]), scale(p["high"])], [j, j], lw=5,
                        color="tab:blue" if p["informed"] else "tab:grey", alpha=0.6)
            row[1].plot(scale(p["median"]), j, "k|", ms=10)
        row[1].set_yticks(range(len(names)), names, fontsize=8)
        row[1].set_xlim(0, 1)
        row[1].set_xlabel("position in the prior range (0 = low end, 1 = high end)", fontsize=8)
        row[1].set_title("posterior 90% intervals (grey: not informed)", fontsize=9)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("results/calibration"))
    parser.add_argument("--offices", type=int, default=20, help="Synthetic offices to recover.")
    parser.add_argument("--predict-offices", type=int, default=6,
                        help="Synthetic offices whose period 2 is predicted.")
    parser.add_argument("--runs", type=int, default=400, help="Model runs of the design.")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0, help="Base seed of the design.")
    args = parser.parse_args()
    out, figures = args.out, args.out / "figures"
    (out / "design").mkdir(parents=True, exist_ok=True)
    figures.mkdir(parents=True, exist_ok=True)

    started = time.perf_counter()
    design = cal.run_design(OFFICE, 1, out / "design", budget_runs=args.runs, seed=args.seed,
                            workers=args.workers,
                            report=lambda n: print(f"\rdesign: {n}/{args.runs} runs", end=""))
    print(f"\ndesign: {len(design)} runs ({time.perf_counter() - started:.0f} s this time)")
    keys = tuple(c for c in design.columns if c not in cal.PRIORS)
    emulator = cal.Emulator.fit(design, keys)
    r2 = pd.DataFrame({"r2": emulator.r2, "rmse": emulator.error})
    r2.index.name = "statistic"
    r2.round(4).to_csv(figures / "emulator.csv")
    residual_correlations(design).round(2).to_csv(figures / "emulator_residual_corr.csv")
    reach = design[[f"p0_{e}_mean" for e in ELEMENTS]].set_axis(list(ELEMENTS), axis=1)
    reach["IKM"] = 25 * reach.mean(axis=1)  # everyone served answering: no sampling error
    reach.describe().loc[["min", "50%", "max"]].T.round(3).to_csv(figures / "design_range.csv")
    print("design's reach:", reach.IKM.min().round(2), "–", reach.IKM.max().round(2))
    print("emulator R² of the means:", {k[3:-5]: round(v, 3) for k, v in emulator.r2.items()
                                        if k.endswith("_mean")})

    coverage = []
    for variant, means_only in (("all", False), ("means_only", True)):
        folder = out / ("recovery" if variant == "all" else "recovery-means-only")
        recovered = [cached(folder / f"office-{i:02d}.json",
                            lambda i=i, m=means_only: recover(emulator, i, m))
                     for i in range(1, args.offices + 1)]
        per, agg = coverage_table(recovered)
        suffix = "" if variant == "all" else "_means_only"
        per.round(4).to_csv(figures / f"recovery{suffix}.csv", index=False)
        plot_recovery(per, figures / f"recovery{suffix}.png")
        coverage.append(agg.assign(statistics=variant))
        print(f"{variant}:\n{agg.round(3).to_string(index=False)}")
        complete = (per.groupby("office").inside.sum() == len(cal.PRIORS)).sum()
        print(f"overall coverage: {per.inside.mean():.1%} of {len(per)} intervals; offices with "
              f"all {len(cal.PRIORS)} inside: {complete}; mean width "
              f"{per.width_vs_prior.mean():.3f} of the prior's; respondents "
              f"{min(r['respondents'] for r in recovered)}–"
              f"{max(r['respondents'] for r in recovered)}; ESS "
              f"{min(r['effective_sample_size'] for r in recovered):.0f}–"
              f"{max(r['effective_sample_size'] for r in recovered):.0f}; MCMC "
              f"{np.median([r['inference_s'] for r in recovered]):.1f} s (median)")
    pd.concat(coverage).round(3).to_csv(figures / "coverage.csv", index=False)
    offices = pd.DataFrame([cached(out / "own-run" / f"office-{i:02d}.json",
                                   lambda i=i: own_run(emulator, i))
                            for i in range(1, args.offices + 1)],
                           index=pd.RangeIndex(1, args.offices + 1, name="office"))
    for variant in ("", "_means_only"):
        per = pd.read_csv(figures / f"recovery{variant}.csv")
        offices[f"inside{variant or '_all'}"] = per.groupby("office").inside.sum()
    offices["largest_abs_z"] = offices[list(ELEMENTS)].abs().max(axis=1)
    offices.round(2).to_csv(figures / "offices.csv")
    print(offices.round(2).to_string())

    predicted = [cached(out / "prediction" / f"office-{j:02d}.json",
                        lambda j=j: forecast(emulator, j, args.workers))
                 for j in range(101, 101 + args.predict_offices)]
    rows = []
    for r in predicted:
        b, c = r["bands"]["with_change"], r["bands"]["without_change"]
        for i, e in enumerate(ELEMENTS):
            rows.append({"office": r["office"], "element": e,
                         "period1_observed": r["observed"][0][i], "period1_low": b["low"][0][i],
                         "period1_high": b["high"][0][i], "period2_observed": r["observed"][1][i],
                         "period2_low": b["low"][1][i], "period2_high": b["high"][1][i],
                         "period2_low_no_change": c["low"][1][i],
                         "period2_high_no_change": c["high"][1][i]})
    pred = pd.DataFrame(rows)
    pred["inside"] = pred.period2_low.le(pred.period2_observed) & pred.period2_observed.le(
        pred.period2_high)
    pred["inside_no_change"] = pred.period2_low_no_change.le(pred.period2_observed) & \
        pred.period2_observed.le(pred.period2_high_no_change)
    pred["inside_period1"] = pred.period1_low.le(pred.period1_observed) & \
        pred.period1_observed.le(pred.period1_high)
    pred.round(4).to_csv(figures / "prediction.csv", index=False)
    plot_prediction(predicted, figures / "prediction.png")
    print(pred.groupby("office")[["inside", "inside_no_change", "inside_period1"]].sum())

    fits = [cached(out / "real" / f"{Path(name).stem}.json",
                   lambda name=name: fit_real(emulator, name, args.workers)) for name in REAL]
    real = pd.DataFrame([{"file": r["file"], "row": e, "observed": o, "low": lo, "high": hi}
                         for r in fits for e, o, lo, hi in
                         [*zip(ELEMENTS, r["observed"], r["band"]["low"], r["band"]["high"],
                               strict=True),
                          ("IKM", r["observed_ikm"], r["ikm"]["low"], r["ikm"]["high"]),
                          *[(k, None, p["low"], p["high"]) for k, p in r["posterior"].items()]]])
    real.round(4).to_csv(figures / "real.csv", index=False)
    plot_real(fits, figures / "real.png")
    for r in fits:
        print(r["file"], "IKM", r["observed_ikm"], r["observed_grade"], "predicted", r["ikm"],
              r["grades"])
    print(f"total {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
