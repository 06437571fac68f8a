"""``hrsim office``: an office's profile — write one to fill in (init), check it (check)."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

import click

from hrsim.cli import cli, lang_option
from hrsim.errors import InputError

if TYPE_CHECKING:
    from hrsim.scenarios import Scenario
    from hrsim.scenarios.profile import OfficeProfile

VISITS_CHECK_DAYS = 50  # working days simulated (after the burn-in) to compare visits per day
VISITS_TOLERANCE = 0.2  # a relative difference beyond which the check suggests a change


@cli.group()
def office() -> None:
    """An office's profile: its kelurahan, desks, staff, services and coordination.

    Use it as the base of every scenario with --office in run, compare and batch.
    """


@office.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@lang_option("Language of the file's comments: Bahasa Indonesia or English.")
def init(path: Path, lang: str) -> None:
    """Write PATH: the default office's profile (Medan Area), commented, to fill in."""
    from hrsim.scenarios.profile_template import template

    try:
        with path.open("x", encoding="utf-8") as file:
            file.write(template(lang, path.name))
    except FileExistsError:
        raise InputError(f"{path}: exists already; 'hrsim office init' never overwrites a "
                         "file (choose another name, or remove it)") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be written ({exc.strerror})") from None
    click.echo(f"Written {path}: the Medan Area office, to fill in with your office's own "
               f"values; then: hrsim office check {path}")


@office.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def check(path: Path) -> None:
    """Check the profile PATH and summarise it, with the parameters and policies it sets.

    With [demand] visits_per_day, a short run compares the model's visits per day with it.
    """
    from hrsim.scenarios.profile import load_profile, office_scenario

    profile = load_profile(path)
    scenario = office_scenario(profile)
    click.echo(summary(path, profile, scenario))
    if profile.demand.visits_per_day is not None:
        click.echo(visits_check(profile.demand.visits_per_day, scenario))


def summary(path: Path, profile: OfficeProfile, scenario: Scenario) -> str:
    """What the profile holds and what it sets in the model, a few lines."""
    travel = [k.travel_min for k in profile.kelurahan]
    days = [s.promised_days for s in profile.services]
    c = profile.coordination
    params = ", ".join(f"{k}={v!r}" for k, v in sorted(scenario.params.items()))
    policies = ", ".join(f"{p.key} from day {p.start}" for p in scenario.policies)
    lines = [
        f"{path}: a valid office profile — {profile.office.name}",
        f"  residents {profile.office.residents:,} in {len(travel)} kelurahan "
        f"({min(travel):g}–{max(travel):g} minutes from the office)",
        f"  counter: {profile.counter.desks} desks, {profile.counter.opens}–"
        f"{profile.counter.closes} ({profile.counter.open_min:g} minutes)",
        f"  back office: {profile.back_office.filled} posts filled, "
        f"{profile.back_office.vacant} vacant",
        f"  services: {len(days)} offered ({', '.join(s.service for s in profile.services)}), "
        f"promised in {min(days)}–{max(days)} working days",
        f"  coordination: PATEN {'in force' if c.paten else 'not in force'}; kelurahan "
        f"{c.kelurahan:g}, disdukcapil {c.disdukcapil:g}, dpmptsp {c.dpmptsp:g}",
        *textwrap.wrap(f"parameters: {params or 'none changed (the default office)'}", 97,
                       initial_indent="  ", subsequent_indent="    ", break_on_hyphens=False),
        f"  policies in force: {policies or 'none'}",
    ]
    return "\n".join(lines)


def visits_check(stated: float, scenario: Scenario) -> str:
    """The profile's visits per day beside those of a short run of the office (seed 0)."""
    import hrsim
    from hrsim.params import Params

    result = hrsim.run(scenario, days=VISITS_CHECK_DAYS, seed=0)
    simulated = result.summary["visits"] / VISITS_CHECK_DAYS
    change = simulated / stated - 1
    share = f"{change:+.0%}" if round(change, 2) else "±0%"
    line = (f"  visits per day: {stated:g} in the profile, {simulated:.0f} simulated "
            f"({share}; {VISITS_CHECK_DAYS} working days, seed 0)")
    if abs(change) <= VISITS_TOLERANCE:
        return line
    rate = Params(**scenario.params).service_need_rate
    return (f"{line}\n  the model's demand is {'above' if change > 0 else 'below'} yours: "
            f"{'lower' if change > 0 else 'raise'} service_need_rate in [params] (now {rate:g} "
            "requests per resident per year) and check again")
