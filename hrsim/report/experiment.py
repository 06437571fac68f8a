"""The report of a batch experiment: tables (CSV), figures (PNG) and a short HTML summary.

Written by ``hrsim analyze DIR`` into ``DIR/analysis/``, from the tables of
`hrsim.analysis.experiment.analyse`; every text comes from ``hrsim/i18n/batch.toml``.
"""

from __future__ import annotations

import html
import math
import re
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from SALib.plotting.morris import covariance_plot, horizontal_bar_plot

from hrsim.analysis.discovery import Condition, Discovery
from hrsim.analysis.discovery import discover as find_region
from hrsim.analysis.experiment import ExperimentAnalysis, analyse
from hrsim.atomic import atomic_dir
from hrsim.batch.store import ResultStore
from hrsim.i18n import catalogue, t
from hrsim.report.plots import save  # also selects matplotlib's file-only backend

GRADE_COLOURS = {"A": "#1a9850", "B": "#91cf60", "C": "#fc8d59", "D": "#d73027"}


def label(name: str, lang: str) -> str:
    """The translated name of a measure (``elements_U7``: U7's name), or the name itself."""
    if name in catalogue():
        return t(name, lang)
    part = name.rpartition("_")[2]
    return f"{t(part, lang)} ({name})" if part in catalogue() else name


def experiment_report(out: Path, lang: str = "en", discover: str | None = None) -> list[Path]:
    """Analyse the batch results in `out` and write ``out/analysis/``.

    Args:
        out: The results folder.
        lang: Language of the figures and the summary.
        discover: A condition on a measure (``ikm < 76.61``) to find, with PRIM, the region of
            factor space where it holds.

    Returns:
        The files written (the HTML summary first).
    """
    store = ResultStore.open(out)
    runs, spec = store.runs(), store.manifest["spec"]
    result = analyse(runs, store.design(), spec)
    found = None
    if discover is not None:
        numeric = [c for c in runs.columns if pd.api.types.is_numeric_dtype(runs[c])]
        found = find_region(runs, [f["name"] for f in spec["factors"]],
                            Condition.parse(discover, numeric))
    target = Path(out) / "analysis"
    with atomic_dir(target) as tmp:
        figures = _figures(result, spec, tmp, lang)
        _tables(result, tmp)
        if found is not None:
            figures["discovery"] = [_discovery(found, tmp, lang)]
        page = _html(store, result, figures, lang, found)
        (tmp / "summary.html").write_text(page, encoding="utf-8")
        written = {p.name for p in tmp.iterdir()}
    for stale in (p for p in target.iterdir() if p.name not in written):
        stale.unlink()
    return [target / "summary.html", *sorted(target / n for n in written - {"summary.html"})]


def _titled(title: str, cell: str) -> str:
    """A title with the cell it is about (none when the design has a single cell)."""
    return title if cell == "all" else f"{title} — {cell}"


def _named(kind: str, measure: str, cell: str) -> str:
    """``sobol_ikm.png``, or ``sobol_ikm_scenario-package.png`` for one cell of several."""
    return f"{kind}_{_slug(measure)}{'' if cell == 'all' else '_' + _slug(cell)}.png"


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", str(text)).strip("-")


# --- tables -----------------------------------------------------------------------------------


def _tables(result: ExperimentAnalysis, out: Path) -> None:
    for name in ("sobol", "morris", "effects", "contrasts"):
        table = getattr(result, name)
        if table is not None:
            table.to_csv(out / f"{name}.csv", index=False)
    for name, maps in (("interactions", result.interactions),
                       ("contrast_maps", result.contrast_maps)):
        if maps:
            pd.concat([_long(key, matrix) for key, matrix in maps.items()],
                      ignore_index=True).to_csv(out / f"{name}.csv", index=False)
    if result.grades is not None:
        result.grades.to_csv(out / "grades.csv", index_label="group")


def _long(key: tuple, matrix: pd.DataFrame) -> pd.DataFrame:
    """A heat map's matrix as rows: measure[, level], row/column factor, row/column level, value."""
    *head, rows, columns = key
    names = ["measure", "level"][:len(head)]
    table = (matrix.stack(future_stack=True).rename("value")
             .rename_axis(["row_level", "column_level"]).reset_index())
    table = table.assign(**dict(zip(names, head, strict=True)), row_factor=rows,
                         column_factor=columns)
    return table[[*names, "row_factor", "column_factor", "row_level", "column_level", "value"]]


# --- figures ----------------------------------------------------------------------------------


def _figures(result: ExperimentAnalysis, spec: dict, out: Path,
             lang: str) -> dict[str, list[Path]]:
    figures: dict[str, list[Path]] = {}
    for measure in result.measures:
        if result.sobol is not None:
            figures.setdefault("sobol", []).extend(_sobol(result.sobol, measure, out, lang))
        if result.morris is not None:
            figures.setdefault("morris", []).extend(_morris(result.morris, measure, out, lang))
        if result.effects is not None:
            figures.setdefault("effects", []).append(_effects(result.effects, measure, out, lang))
        if result.contrasts is not None:
            figures.setdefault("contrasts", []).append(
                _contrasts(result.contrasts, measure, spec, out, lang))
    for (measure, rows, columns), matrix in result.interactions.items():
        figures.setdefault("interactions", []).append(_heatmap(
            matrix, f"{label(measure, lang)}", rows, columns,
            out / f"interaction_{_slug(measure)}_{rows}_{columns}.png"))
    reference = _reference(spec)
    for (measure, level, rows, columns), matrix in result.contrast_maps.items():
        figures.setdefault("contrast_maps", []).append(_heatmap(
            matrix, f"{label(measure, lang)}: {level} − {reference}", rows, columns,
            out / f"contrast_{_slug(measure)}_{_slug(level)}_{rows}_{columns}.png", centred=True))
    if result.grades is not None:
        figures["grades"] = [_grades(result.grades, out, lang)]
    return figures


def _reference(spec: dict) -> str:
    compare = spec["analysis"]["compare"]
    factor = next((f for f in spec["factors"] if f["name"] == compare), None)
    return str(factor["levels"][0]) if factor else ""


def _sobol(table: pd.DataFrame, measure: str, out: Path, lang: str) -> list[Path]:
    paths = []
    for cell, part in table[table["measure"] == measure].groupby("cell", sort=False):
        fig, ax = plt.subplots(figsize=(max(5, 1.1 * len(part) + 2), 3.8))
        x = np.arange(len(part))
        ax.bar(x - 0.2, part["S1"], 0.4, yerr=part["S1_conf"], capsize=3, label="S1")
        ax.bar(x + 0.2, part["ST"], 0.4, yerr=part["ST_conf"], capsize=3, label="ST")
        ax.axhline(0, color="grey", lw=0.6)
        ax.set_xticks(x, part["factor"], rotation=30, ha="right")
        ax.set_title(f"{_titled(label(measure, lang), cell)} (N = {int(part['N'].iloc[0])})",
                     fontsize=10)
        ax.legend(fontsize=8)
        paths.append(save(fig, out / _named("sobol", measure, cell)))
    return paths


def _morris(table: pd.DataFrame, measure: str, out: Path, lang: str) -> list[Path]:
    paths = []
    for cell, part in table[table["measure"] == measure].groupby("cell", sort=False):
        si = {"names": list(part["factor"]),
              **{k: part[k].to_numpy() for k in ("mu_star", "mu_star_conf", "sigma")}}
        fig, (bars, scatter) = plt.subplots(1, 2, figsize=(10, 4))
        horizontal_bar_plot(bars, si)
        covariance_plot(scatter, si)
        for name, x, y in zip(si["names"], si["mu_star"], si["sigma"], strict=True):
            scatter.annotate(name, (x, y), fontsize=7, xytext=(3, 3),
                             textcoords="offset points")
        fig.suptitle(_titled(label(measure, lang), cell), fontsize=10)
        paths.append(save(fig, out / _named("morris", measure, cell)))
    return paths


def _effects(table: pd.DataFrame, measure: str, out: Path, lang: str) -> Path:
    part = table[table["measure"] == measure]
    factors = list(dict.fromkeys(part["factor"]))
    cols = min(len(factors), 3)
    rows = math.ceil(len(factors) / cols)
    width = max(4.2, 0.55 * part.groupby("factor").size().max())
    fig, axes = plt.subplots(rows, cols, figsize=(width * cols, 3.2 * rows), squeeze=False,
                             sharey=True)
    for ax, factor in zip(axes.flat, factors, strict=False):
        here = part[part["factor"] == factor]
        x = np.arange(len(here))
        ax.errorbar(x, here["mean"], yerr=[here["mean"] - here["ci_low"],
                                           here["ci_high"] - here["mean"]],
                    fmt="o-" if here["numeric"].all() else "o", capsize=3)
        ax.set_xticks(x, here["level"], rotation=30, ha="right", fontsize=8)
        ax.set_title(factor, fontsize=10)
    for ax in axes.flat[len(factors):]:
        ax.set_visible(False)
    axes[0][0].set_ylabel(label(measure, lang))
    fig.suptitle(f"{t('analysis.effects', lang)}: {label(measure, lang)}", fontsize=11)
    return save(fig, out / f"effects_{_slug(measure)}.png")


def _contrasts(table: pd.DataFrame, measure: str, spec: dict, out: Path, lang: str) -> Path:
    part = table[table["measure"] == measure].iloc[::-1]
    fig, ax = plt.subplots(figsize=(7, 0.45 * len(part) + 1.6))
    y = np.arange(len(part))
    ax.barh(y, part["mean"], xerr=[part["mean"] - part["ci_low"], part["ci_high"] - part["mean"]],
            capsize=3, color=np.where(part["mean"] >= 0, "tab:green", "tab:red"))
    ax.axvline(0, color="k", lw=0.8)
    ax.set_yticks(y, part["level"].astype(str))
    ax.set_xlabel(f"{t('analysis.difference', lang)}: {label(measure, lang)}")
    ax.set_title(t("analysis.contrast", lang, reference=_reference(spec)), fontsize=10)
    return save(fig, out / f"contrast_{_slug(measure)}.png")


def _heatmap(matrix: pd.DataFrame, title: str, rows: str, columns: str, path: Path,
             centred: bool = False) -> Path:
    values = matrix.to_numpy(dtype=float)
    fig, ax = plt.subplots(figsize=(1.0 * values.shape[1] + 3, 0.6 * values.shape[0] + 2))
    limit = np.nanmax(np.abs(values)) if centred and np.isfinite(values).any() else None
    image = ax.imshow(values, cmap="RdBu" if centred else "viridis", aspect="auto",
                      vmin=-limit if limit else None, vmax=limit)
    for (i, j), value in np.ndenumerate(values):
        if np.isfinite(value):
            shade = image.norm(value)  # 0–1 along the colour map: dark ends get white text
            dark = abs(shade - 0.5) > 0.3 if centred else shade < 0.6
            ax.text(j, i, f"{value:.3g}", ha="center", va="center", fontsize=7,
                    color="w" if dark else "k")
    ax.set_xticks(range(values.shape[1]), [str(c) for c in matrix.columns], rotation=30,
                  ha="right", fontsize=8)
    ax.set_yticks(range(values.shape[0]), [str(r) for r in matrix.index], fontsize=8)
    ax.set_xlabel(columns)
    ax.set_ylabel(rows)
    ax.set_title(title, fontsize=10)
    fig.colorbar(image, ax=ax)
    return save(fig, path)


def _grades(shares: pd.DataFrame, out: Path, lang: str) -> Path:
    fig, ax = plt.subplots(figsize=(7, 0.45 * len(shares) + 1.8))
    left = np.zeros(len(shares))
    y = np.arange(len(shares))[::-1]
    for grade in shares.columns:
        ax.barh(y, shares[grade], left=left, color=GRADE_COLOURS.get(grade, "lightgrey"),
                label=grade)
        left += shares[grade].to_numpy()
    ax.set_yticks(y, [str(i) for i in shares.index])
    ax.set_xlim(0, 1)
    ax.set_xlabel(t("analysis.share", lang))
    ax.set_title(t("analysis.grades", lang), fontsize=10)
    ax.legend(ncols=len(shares.columns), fontsize=8, loc="upper center",
              bbox_to_anchor=(0.5, -0.25 if len(shares) < 3 else -0.12))
    return save(fig, out / "grades.png")


# --- HTML -------------------------------------------------------------------------------------


def _discovery(found: Discovery, out: Path, lang: str) -> Path:
    """The PRIM box and trajectory as CSV files, and the trajectory plot."""
    found.limits.to_csv(out / "discovery_box.csv", index=False)
    found.trajectory.to_csv(out / "discovery_trajectory.csv", index_label="box")
    ax = found.figure.axes[0]
    ax.set_xlabel(t("analysis.discovery.coverage", lang))
    ax.set_ylabel(t("analysis.discovery.density", lang))
    ax.set_title(str(found.condition))
    return save(found.figure, out / "discovery.png")


def _discovery_html(found: Discovery, lang: str) -> list[str]:
    limits = found.limits.assign(
        range=[row.levels if isinstance(row.levels, str) else f"{row.low:.4g} – {row.high:.4g}"
               for row in found.limits.itertuples()])[["factor", "range"]]
    return [f"<h2>{_e(t('analysis.discovery', lang))}</h2>",
            f"<p>{_e(t('analysis.discovery.about', lang, condition=str(found.condition),
                          cases=found.cases, runs=found.runs, coverage=f'{found.coverage:.0%}',
                          density=f'{found.density:.0%}'))}</p>",
            limits.to_html(index=False, border=0) if len(limits)
            else f"<p>{_e(t('analysis.discovery.none', lang))}</p>",
            '<img src="discovery.png" alt="discovery">']


def _html(store: ResultStore, result: ExperimentAnalysis, figures: dict[str, list[Path]],
          lang: str, found: Discovery | None = None) -> str:
    manifest, spec = store.manifest, store.manifest["spec"]
    done, failed = len(store.finished()), len(store.failed())
    missing = manifest["runs"] - done - failed
    notes = [t(key, lang, **fields) for key, fields in result.notes]
    if failed:
        notes.insert(0, t("analysis.note.failed", lang, failed=failed))
    if missing:
        notes.insert(0, t("analysis.note.missing", lang, missing=missing))
    design = spec["design"]["method"] + (f", N = {spec['design']['samples']}"
                                         if spec["design"]["samples"] else "")
    parts = [f"<h1>{_e(t('analysis.title', lang))}: {_e(manifest['experiment'])}</h1>",
             f"<p>{_e(manifest['description'])}</p>",
             "<table>",
             *(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in (
                 (t("analysis.design", lang), f"{design}; {manifest['points']:,} × "
                                              f"{manifest['replications']:,}"),
                 (t("analysis.hash", lang), manifest["experiment_hash"]),
                 ("hrsim", manifest["hrsim_version"]))),
             "</table>",
             f"<p>{_e(t('analysis.status', lang, done=done, total=manifest['runs'],
                         failed=failed))}</p>"]
    parts += [f'<p class="note">⚠ {_e(n)}</p>' for n in notes]
    reference = _reference(spec)
    sections = (
        ("sobol", "analysis.sobol", "analysis.sobol.about", _wide(
            result.sobol, "factor", lang,
            lambda r: f"{r.S1:.2f} ± {r.S1_conf:.2f} / {r.ST:.2f} ± {r.ST_conf:.2f}")),
        ("morris", "analysis.morris", "analysis.morris.about", _wide(
            result.morris, "factor", lang,
            lambda r: f"{r.mu_star:.3g} ± {r.mu_star_conf:.3g} (σ {r.sigma:.3g})")),
        ("contrasts", "analysis.contrast", "analysis.contrast.about", _wide(
            result.contrasts, "level", lang,
            lambda r: f"{r['mean']:+.3g} ({r.ci_low:+.3g} … {r.ci_high:+.3g})")),
        ("contrast_maps", None, None, None),
        ("effects", "analysis.effects", "analysis.effects.about", None),
        ("interactions", "analysis.interaction", None, None),
        ("grades", "analysis.grades", "analysis.grades.about",
         None if result.grades is None else result.grades.map(lambda x: f"{x:.0%}")),
    )
    for name, heading, about, table in sections:
        if name not in figures and table is None:
            continue
        if heading:
            parts.append(f"<h2>{_e(t(heading, lang, reference=reference))}</h2>")
        if about:
            parts.append(f"<p>{_e(t(about, lang, reference=reference))}</p>")
        if table is not None:
            parts.append(table.to_html(border=0))
        parts += [f'<img src="{p.name}" alt="{p.stem}">' for p in figures.get(name, [])]
    if found is not None:
        parts += _discovery_html(found, lang)
    parts.append(f"<p><small>{_e(t('analysis.files', lang))}</small></p>")
    return _page(f"{t('analysis.title', lang)}: {manifest['experiment']}", "\n".join(parts),
                 lang)


def _wide(table: pd.DataFrame | None, rows: str, lang: str, text) -> pd.DataFrame | None:
    """A compact table for the summary: one row per `rows`, one column per measure (and cell)."""
    if table is None:
        return None
    columns = ["cell", "measure"] if table.get("cell", pd.Series()).nunique() > 1 else ["measure"]
    cells = table.assign(text=table.apply(text, axis=1),
                         measure=table["measure"].map(lambda m: label(m, lang)))
    wide = cells.pivot(index=rows, columns=columns, values="text")
    return wide.reindex(index=list(dict.fromkeys(cells[rows])),
                        columns=list(dict.fromkeys(map(tuple, cells[columns].to_numpy())))
                        if len(columns) > 1 else list(dict.fromkeys(cells["measure"])))


def _e(text: object) -> str:
    return html.escape(str(text))


def _page(title: str, body: str, lang: str) -> str:
    style = ("body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em}"
             "img{max-width:100%;display:block;margin:1em 0}"
             "table{border-collapse:collapse;margin:1em 0}"
             "th,td{padding:.2em .6em;text-align:right;border-bottom:1px solid #ddd}"
             ".note{background:#fff3cd;padding:.5em}")
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head><meta charset="utf-8">'
            f"<title>{_e(title)}</title><style>{style}</style></head>\n<body>\n{body}\n"
            "</body>\n</html>\n")

