"""The ``hrsim`` command line. Bad input prints one line and exits with status 2."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from hrsim.errors import InputError
from hrsim.i18n import t

EXIT_INPUT = 2


def fail(message: str) -> NoReturn:
    """Print a one-line error and exit with status 2."""
    click.echo(f"hrsim: error: {message}", err=True)
    sys.exit(EXIT_INPUT)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="hrsim")
def cli() -> None:
    """Human Relations in kecamatan public service: an agent-based simulation."""


@cli.command()
@click.option("--days", type=click.IntRange(1, 100_000), default=250, show_default=True,
              help="Working days to simulate (250 = one year).")
@click.option("--seed", type=click.IntRange(0, 2**63 - 1), default=0, show_default=True,
              help="Integer seed.")
@click.option("--set", "assignments", multiple=True, metavar="KEY=VALUE",
              help="Override a parameter (repeatable); see 'hrsim params'.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Write the time series, surveys, summary and plots here.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def run(days: int, seed: int, assignments: tuple[str, ...], out: Path | None,
        as_json: bool) -> None:
    """Simulate the office and print a summary."""
    import hrsim
    from hrsim.params import parse_assignments

    params = parse_assignments(list(assignments))
    result = hrsim.run(days=days, seed=seed, **params)
    if out is not None:
        result.save(out)
    if as_json:
        click.echo(result.to_json())
    else:
        click.echo(format_summary(result.to_dict()))
        if out is not None:
            click.echo(f"\nWritten to {out}/")


def format_summary(s: dict[str, Any], lang: str = "en") -> str:
    """A readable summary of a run."""
    from hrsim.agents.citizens import ELEMENTS

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


@cli.command()
@click.argument("survey", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def ikm(survey: Path, as_json: bool) -> None:
    """Official IKM (Permen PANRB 14/2017) of a survey CSV with columns U1..U9 (answers 1–4)."""
    from hrsim.measures.ikm import read_survey

    result = read_survey(survey)
    if as_json:
        click.echo(json.dumps(result.to_dict(), indent=2))
        return
    click.echo(f"IKM {result.ikm:.2f}  grade {result.grade} ({t('grade.' + result.grade, 'en')})"
               f"  {result.respondents} respondents")
    for e, v in result.elements.items():
        click.echo(f"  {e} {t(e, 'en'):<42} {v:.3f}")
    click.echo(f"  (weighted 0.11: {result.ikm_weight_0_11:.2f}; "
               f"0.111: {result.ikm_weight_0_111:.2f} — as some offices report it)")


@cli.group()
def validate() -> None:
    """Check the model against theory."""


@validate.command()
@click.option("--arrivals-per-hour", type=click.FloatRange(min=0, min_open=True),
              required=True, help="Poisson arrival rate λ per hour.")
@click.option("--service-minutes", type=click.FloatRange(min=0, min_open=True),
              required=True, help="Mean (exponential) service time in minutes.")
@click.option("--desks", type=click.IntRange(1, 200), required=True, help="Servers c.")
@click.option("--customers", type=click.IntRange(1_000, 50_000_000), default=200_000,
              show_default=True)
@click.option("--seed", type=click.IntRange(0, 2**63 - 1), default=0, show_default=True)
@click.option("--json", "as_json", is_flag=True)
def queue(arrivals_per_hour: float, service_minutes: float, desks: int, customers: int,
          seed: int, as_json: bool) -> None:
    """The model's counter (M/M/c settings) beside Erlang C."""
    from hrsim.analysis.queueing import validate_queue

    try:
        result = validate_queue(arrivals_per_hour, service_minutes, desks, customers, seed)
    except ValueError as exc:
        raise InputError(f"--arrivals-per-hour/--service-minutes/--desks: {exc}; "
                         "lower the load or add desks") from None
    if as_json:
        click.echo(json.dumps(result, indent=2))
        return
    sim, theory, err = result["simulated"], result["erlang_c"], result["relative_error"]
    click.echo(f"M/M/{desks}: λ = {arrivals_per_hour}/h, 1/μ = {service_minutes} min, "
               f"{customers:,} customers, seed {seed}")
    click.echo(f"{'':22}{'simulated':>12}{'Erlang C':>12}{'rel. error':>12}")
    for key, label in (("wait_mean_min", "mean wait (min)"), ("p_wait", "P(wait)"),
                       ("utilisation", "utilisation")):
        click.echo(f"{label:22}{sim[key]:12.4f}{theory[key]:12.4f}{100 * err[key]:11.2f}%")
    click.echo(f"(standard error of the simulated mean wait: {sim['wait_mean_se']:.4f} min)")


@cli.command()
@click.option("--markdown", is_flag=True, help="Print the table used in docs/ODD.md.")
def params(markdown: bool) -> None:
    """List every model parameter with its default, range and source."""
    from hrsim.params import parameter_table

    click.echo(parameter_table(markdown=markdown))


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI, turning bad input into one line and exit status 2."""
    try:
        cli.main(args=argv, prog_name="hrsim", standalone_mode=False)
    except InputError as exc:
        fail(str(exc))
    except click.UsageError as exc:
        hint = f" (in '{exc.ctx.command_path}')" if exc.ctx else ""
        fail(f"{exc.format_message()}{hint}")
    except click.ClickException as exc:
        fail(exc.format_message())
    except click.exceptions.Abort:
        sys.exit(130)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
