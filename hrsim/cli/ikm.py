"""``hrsim ikm``: the official IKM of an office's SKM data, per period and service."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from hrsim.cli import cli
from hrsim.elements import ELEMENTS
from hrsim.i18n import t

if TYPE_CHECKING:
    from hrsim.skm import Period, Survey


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--sheet", metavar="NAME", help="The XLSX sheet to read (default: the first).")
@click.option("--order", metavar="U1,...,U9",
              help="The element each of the files' columns U1..U9 holds, when not their own "
                   "(e.g. U1,U2,U3,U4,U5,U6,U7,U9,U8 where U8 and U9 are swapped).")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def ikm(files: tuple[Path, ...], sheet: str | None, order: str | None, as_json: bool) -> None:
    """Official IKM (Permen PANRB 14/2017) of SKM FILES, per period and service.

    FILES are respondent files (CSV, XLSX: a row per respondent, columns U1..U9, answers 1–4 or
    the questionnaire's texts) or published tables (CSV, XLSX, TOML: period, respondents and the
    NRR of U1..U9). A file without a period column is one period, named after the file.
    """
    from hrsim.skm import parse_order, read

    data = read(files, sheet=sheet, order=parse_order(order) if order else ELEMENTS)
    if as_json:
        click.echo(json.dumps(data.to_dict(), indent=2))
        return
    for k, period in enumerate(data.periods):
        click.echo(("\n" if k else "") + _period_text(period))


def _period_text(period: Period) -> str:
    ikm, survey = period.ikm, period.survey
    lines = [f"{period.label}: IKM {ikm.ikm:.2f}  grade {ikm.grade} "
             f"({t('grade.' + ikm.grade, 'en')})  {ikm.respondents} respondents"]
    for e, v in ikm.elements.items():
        n = survey.answered[e]
        shown = f"  ({n} answered)" if n != survey.respondents else ""
        lines.append(f"  {e} {t(e, 'en'):<22} {v:.3f}{shown}")
    lines.append(f"  (weighted 0.11: {ikm.ikm_weight_0_11:.2f}; 0.111: "
                 f"{ikm.ikm_weight_0_111:.2f} — as some offices report it)")
    if period.services:
        lines += _services_text(period.services)
    return "\n".join(lines)


def _services_text(services: dict[str | None, Survey]) -> list[str]:
    names = {name: name or "(not given)" for name in services}
    width = max(len("per service"), *map(len, names.values()))
    lines = [f"  {'per service':<{width}}     IKM grade  resp." +
             "".join(f"{e:>6}" for e in ELEMENTS)]
    for name, survey in services.items():
        ikm = survey.ikm
        score = f"{ikm.ikm:8.2f} {ikm.grade:>5}" if ikm else f"{'–':>8} {'–':>5}"
        means = "".join(f"{'–':>6}" if v is None else f"{v:6.2f}" for v in survey.means.values())
        lines.append(f"  {names[name]:<{width}} {score} {survey.respondents:6d}{means}")
    return lines

