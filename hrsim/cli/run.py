"""``hrsim run``: simulate one scenario and print (or save) its summary."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from hrsim.cli import cli, days_option, office_option, seed_option, set_option
from hrsim.i18n import t

if TYPE_CHECKING:
    from hrsim.scenarios import Scenario


@cli.command()
@click.option("--scenario", default=None, metavar="NAME|PATH",
              help="A built-in scenario ('hrsim scenarios') or a scenario TOML file.")
@office_option()
@days_option("Working days to simulate (250 = one year).")
@seed_option("Integer seed.")
@set_option("Override a parameter (repeatable); see 'hrsim params'.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Write the time series, surveys, summary and plots here.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--profile", "profiled", is_flag=True,
              help="Print the processor time each component of the day took, instead of the "
                   "summary.")
def run(scenario: str | None, office: Scenario | None, days: int, seed: int,
        assignments: tuple[str, ...], out: Path | None, as_json: bool, profiled: bool) -> None:
    """Simulate the office (the baseline, or a scenario) and print a summary."""
    import hrsim
    from hrsim.params import parse_assignments
    from hrsim.scenarios import load

    params = parse_assignments(list(assignments))
    if profiled:
        from hrsim.simulation import profile

        chosen = load(scenario or "baseline").on(office).with_params(**params)
        click.echo(format_profile(profile(chosen, days=days, seed=seed), days))
        return
    result = hrsim.run(load(scenario or "baseline").on(office), days=days, seed=seed, **params)
    if out is not None:
        from hrsim.report.plots import run_plots

        result.save(out, also=functools.partial(run_plots, result))
    if as_json:
        click.echo(result.to_json())
    else:
        click.echo(format_summary(result.to_dict()))
        if out is not None:
            click.echo(f"\nWritten to {out}/")


def format_summary(s: dict[str, Any], lang: str = "en") -> str:
    """A readable summary of a run."""
    from hrsim.world.citizens import ELEMENTS

    def pct(x: float | None) -> str:
        return "–" if x is None else f"{100 * x:.1f}%"

    def num(x: float | None, fmt: str = ".2f") -> str:
        return "–" if x is None else format(x, fmt)

    grade = s["grade"]
    lines = [
        f"{t('heading.run', lang)}: {t('scenario', lang)} {s['scenario']}, "
        f"{s['days']} {t('day', lang).lower()}s, seed {s['seed']}",
        "",
        f"  {t('ikm', lang)}: {num(s['ikm'])}  "
        f"{t('grade', lang)} {grade or '–'}"
        + (f" ({t('grade.' + grade, lang)})" if grade else "")
        + f"  [{s['respondents']} {t('respondents', lang).lower()}]",
        f"  {t('heading.elements', lang)}:",
    ]
    for e in ELEMENTS:
        lines.append(f"    {e} {t(e, lang):<42} {num(s['elements'][e])}")
    rows = [
        ("heading.trust", [("trust_office", num), ("trust_users", num),
                           ("trust_government", num), ("share_trusting", pct)]),
        ("heading.queue", [("visits", lambda x: f"{x:,}"), ("wait_mean_min", num),
                           ("wait_p90_min", num), ("p_wait", pct), ("utilisation", pct),
                           ("gave_up_rate", pct), ("sent_home_rate", pct)]),
        ("heading.service", [("services_completed", lambda x: f"{x:,}"),
                             ("end_to_end_days", num), ("on_time_rate", pct),
                             ("bounce_rate", pct), ("abandoned", lambda x: f"{x:,}"),
                             ("complaints", lambda x: f"{x:,}"),
                             ("complaints_resolved_on_time", pct)]),
        ("heading.staff", [("exhaustion_mean", num), ("motivation_mean", num),
                           ("courtesy_mean", num), ("competence_mean", num),
                           ("turnover", lambda x: f"{x:,}")]),
    ]
    for heading, fields in rows:
        lines += ["", f"  {t(heading, lang)}:"]
        lines += [f"    {t(k, lang):<44} {fmt(s[k])}" for k, fmt in fields]
    lines += ["", f"  {t('cost_rp', lang):<46} {s['cost_rp']:,.0f}"]
    return "\n".join(lines)


def format_profile(seconds: dict[str, float], days: int) -> str:
    """The processor time of each part of a run, slowest component first, with its share."""
    total = seconds["total"]
    first, last = ["set-up"], ["events and Mesa", "total"]
    parts = sorted((k for k in seconds if k not in first + last), key=seconds.get, reverse=True)
    lines = [f"processor time of one run ({days} working days after the burn-in)",
             f"  {'part':<18} {'seconds':>8} {'share':>6}"]
    for name in first + parts + last:
        lines.append(f"  {name:<18} {seconds[name]:8.3f} {100 * seconds[name] / total:5.1f}%")
    return "\n".join(lines)
