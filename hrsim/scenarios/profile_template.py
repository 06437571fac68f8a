"""The commented office profile ``hrsim office init`` writes: the default office, to fill in.

Every value carries its unit and a source tag ([S] sourced, [A] assumed), as the scenario files do;
the comments are in the chosen language (``hrsim/i18n/office.toml``).
"""

from __future__ import annotations

import json
import textwrap
from typing import Any

import tomli_w

from hrsim.i18n import t
from hrsim.scenarios.profile import OfficeProfile, default_profile
from hrsim.world import services

WIDTH = 99  # the comments' line width
VALUE_WIDTH = 35  # values are padded to this width before their comment


def template(lang: str, file: str, profile: OfficeProfile | None = None) -> str:
    """An office's profile (default: Medan Area) with its comments in `lang`; `file` its name.

    The planner (``hrsim app``) saves the office filled in on its form with it, so the file it
    gives is the one ``hrsim office init`` would have written, with the office's own values.
    """
    p = profile or default_profile()
    say = _say(lang)
    lines = [*say("head", file=file), "", *say("office"), "[office]",
             _value("name", p.office.name, t("office.file.name", lang)),
             _value("residents", p.office.residents, t("office.file.residents", lang)), "",
             *say("kelurahan")]
    for kelurahan in p.kelurahan:
        lines += ["[[kelurahan]]",
                  _value("name", kelurahan.name, t("office.file.kelurahan_name", lang)),
                  _value("travel_min", kelurahan.travel_min, t("office.file.travel_min", lang)),
                  ""]
    lines += [*say("counter"), "[counter]",
              *(_value(key, getattr(p.counter, key), t(f"office.file.{key}", lang))
                for key in ("desks", "opens", "closes")), "",
              *say("back_office"), "[back_office]",
              *(_value(key, getattr(p.back_office, key), t(f"office.file.{key}", lang))
                for key in ("filled", "vacant")), "",
              *say("services", keys=", ".join(services.KEYS)), ""]
    catalogue = {s.key: s for s in services.CATALOGUE}
    for offered in p.services:
        days, fee = _tags(catalogue[offered.service])
        lines += [f"# {t(f'office.service.{offered.service}', lang)}", "[[services]]",
                  _value("service", offered.service),
                  _value("promised_days", offered.promised_days,
                         f"{t('office.file.promised_days', lang)} {days}"),
                  _value("fee_rp", offered.fee_rp, f"{t('office.file.fee_rp', lang)} {fee}"),
                  ""]
    visits = p.demand.visits_per_day
    lines += [*say("demand"), "[demand]",
              ("# " if visits is None else "")
              + _value("visits_per_day", visits or 150, t("office.file.visits_per_day", lang)),
              "", *say("coordination"), "[coordination]",
              _value("paten", p.coordination.paten, t("office.file.paten", lang)),
              *(_value(key, getattr(p.coordination, key),
                       t(f"office.file.coordination_{key}", lang))
                for key in ("kelurahan", "disdukcapil", "dpmptsp")), "",
              *say("params"), "[params]",
              *(tomli_w.dumps({key: value}).rstrip() for key, value in p.params.items())]
    return "\n".join(lines) + "\n"


def _say(lang: str) -> Any:
    """A function giving the comment lines of text ``office.file.<key>`` in `lang`."""
    def say(key: str, **fields: object) -> list[str]:
        lines = []
        for paragraph in t(f"office.file.{key}", lang, **fields).splitlines():
            lines += textwrap.wrap(paragraph, WIDTH - 2, break_on_hyphens=False) or [""]
        return [f"# {line}".rstrip() for line in lines]
    return say


def _value(key: str, value: Any, comment: str = "") -> str:
    """``key = value  # comment`` in TOML (integers of five digits or more with ``_``)."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, int):
        text = f"{value:_}" if value >= 10_000 else str(value)
    elif isinstance(value, float):
        text = repr(value)
    else:
        text = json.dumps(value, ensure_ascii=False)
    line = f"{key} = {text}"
    return f"{line:<{VALUE_WIDTH}}# {comment}" if comment else line


def _tags(service: services.ServiceType) -> tuple[str, str]:
    """Source tags of a service's promised days and fee: its source's, unless it says 'fee [A]'."""
    days = service.source[:3]
    return days, "[A]" if "fee [A]" in service.source else days
