"""An office's profile: the kantor camat as it describes itself, and the scenario it maps to.

A profile (TOML, written by ``hrsim office init``) holds what an office knows of itself::

    [office]                 # name, residents
    [[kelurahan]]            # one block per kelurahan: name, travel_min (one way, minutes)
    [counter]                # desks, opens, closes ("08:00")
    [back_office]            # posts filled, vacant
    [[services]]             # one block per service offered: service, promised_days, fee_rp
    [demand]                 # visits_per_day (optional): compared with the model's
    [coordination]           # paten (delegation in force), quality per agency
    [params]                 # any other model parameter (optional)

`office_scenario` maps it onto the model's inputs. A TOML file with a top-level ``[office]`` table
is a profile; `load_office` reads it, or else a scenario (built-in name or file), for ``--office``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from hrsim.errors import InputError
from hrsim.i18n import LANGUAGES, t
from hrsim.params import PROMISED_DAYS, TRAVEL_MIN, Params, check_params
from hrsim.policies.delegation import Delegation
from hrsim.scenarios.files import library, load
from hrsim.scenarios.scenario import Scenario
from hrsim.validation import (
    LocatedError,
    check_model,
    dotted,
    located,
    parse_toml,
    read_text,
    suggest,
)
from hrsim.world import services

OPENS = "08:00"  # the model's day starts when the counter opens (minutes after 08:00)
MEDAN_AREA = "Medan Area"
MEDAN_AREA_KELURAHAN = (  # [S] the 12 kelurahan of Kecamatan Medan Area (Pemko Medan)
    "Kotamatsum I", "Kotamatsum II", "Kotamatsum IV", "Pandau Hulu II", "Pasar Merah Timur",
    "Sei Rengas I", "Sei Rengas Permata", "Sukaramai I", "Sukaramai II", "Tegal Sari I",
    "Tegal Sari II", "Tegal Sari III")
# the parameters a profile sets, and where: its [params] table may not set them again
MAPPED = {"residents": "office.residents", "kelurahan": "the [[kelurahan]] blocks",
          "kelurahan_travel_min": "kelurahan travel_min", "travel_min_near": "kelurahan travel_min",
          "travel_min_far": "kelurahan travel_min", "desks": "counter.desks",
          "office_open_min": "counter.opens and counter.closes",
          "back_office_staff": "back_office.filled",
          "services_not_offered": "the [[services]] blocks",
          "promised_days": "services promised_days",
          "service_fees_rp": "services fee_rp",
          "coordination_kelurahan": "coordination.kelurahan",
          "coordination_disdukcapil": "coordination.disdukcapil",
          "coordination_dpmptsp": "coordination.dpmptsp"}


def _like(param: str, doc: str) -> Any:
    """A required field with the range of parameter `param`."""
    lo, hi = Params.bounds(param)
    return Field(ge=lo, le=hi, description=doc)


class _Table(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class OfficeTable(_Table):
    """``[office]``: the kecamatan."""

    name: str = Field(min_length=1, max_length=100, description="The kecamatan's name.")
    residents: int = _like("residents", "Residents of the kecamatan.")


class Kelurahan(_Table):
    """One ``[[kelurahan]]`` block."""

    name: str = Field(min_length=1, max_length=100, description="The kelurahan's name.")
    travel_min: float = Field(ge=TRAVEL_MIN[0], le=TRAVEL_MIN[1],
                              description="One-way travel to the office (minutes).")


def _clock(example: str) -> Any:
    return Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$", description="A time of day.",
                 json_schema_extra={"allowed": f"a time of day as HH:MM (e.g. {example})"})


class CounterTable(_Table):
    """``[counter]``: the desks and their opening hours."""

    desks: int = _like("desks", "Counter desks staffed every day.")
    opens: str = _clock("08:00")
    closes: str = _clock("16:00")

    @property
    def open_min(self) -> float:
        """Minutes the counter is open a day."""
        return float(_minutes(self.closes) - _minutes(self.opens))


class BackOfficeTable(_Table):
    """``[back_office]``: the posts processing files."""

    filled: int = _like("back_office_staff", "Posts filled.")
    vacant: int = Field(ge=0, le=60, description="Posts vacant.")


class Service(_Table):
    """One ``[[services]]`` block: a service the office offers."""

    service: str = Field(description="Its key in the service catalogue.")
    promised_days: int = Field(ge=PROMISED_DAYS[0], le=PROMISED_DAYS[1],
                               description="Completion time promised (working days).")
    fee_rp: int = Field(ge=0, description="Official fee (Rp).")

    @field_validator("service")
    @classmethod
    def _in_catalogue(cls, value: str) -> str:
        if value not in services.KEYS:
            raise ValueError(f"unknown service '{value}'{suggest(value, services.KEYS)}; "
                             f"allowed: {', '.join(services.KEYS)}")
        return value


class DemandTable(_Table):
    """``[demand]``: what the office counts of its visitors."""

    visits_per_day: float | None = Field(None, gt=0, le=100_000,
                                         description="Counter visits per working day.")


class CoordinationTable(_Table):
    """``[coordination]``: the arrangements with the agencies files pass through."""

    paten: bool = Field(description="PATEN delegation to the camat in force.")
    kelurahan: float = _like("coordination_kelurahan", "Quality with the kelurahan offices.")
    disdukcapil: float = _like("coordination_disdukcapil", "Quality with the civil registry.")
    dpmptsp: float = _like("coordination_dpmptsp", "Quality with the permit office.")


class ProfileFile(_Table):
    """The top level of a profile (its arrays of tables are checked block by block)."""

    office: OfficeTable
    kelurahan: list[Any]
    counter: CounterTable
    back_office: BackOfficeTable
    services: list[Any]
    demand: DemandTable = Field(default_factory=DemandTable)
    coordination: CoordinationTable
    params: dict[str, Any] = Field(default_factory=dict)


@dataclass(frozen=True)
class OfficeProfile:
    """A validated office profile (see the module's docstring for its tables)."""

    office: OfficeTable
    kelurahan: tuple[Kelurahan, ...]
    counter: CounterTable
    back_office: BackOfficeTable
    services: tuple[Service, ...]
    coordination: CoordinationTable
    demand: DemandTable = field(default_factory=DemandTable)
    params: dict[str, Any] = field(default_factory=dict)


def default_profile() -> OfficeProfile:
    """The model's default office, Medan Area, as a profile (what ``hrsim office init`` writes)."""
    p = Params()
    closes = _minutes(OPENS) + int(p.office_open_min)
    return OfficeProfile(
        office=OfficeTable(name=MEDAN_AREA, residents=p.residents),
        kelurahan=tuple(Kelurahan(name=name, travel_min=minutes) for name, minutes
                        in zip(MEDAN_AREA_KELURAHAN, p.travel_times(), strict=True)),
        counter=CounterTable(desks=p.desks, opens=OPENS, closes=f"{closes // 60:02d}:"
                                                                 f"{closes % 60:02d}"),
        back_office=BackOfficeTable(filled=p.back_office_staff, vacant=0),
        services=tuple(Service(service=s.key, promised_days=s.promised_days, fee_rp=s.fee_rp)
                       for s in services.CATALOGUE),
        coordination=CoordinationTable(paten=False, kelurahan=p.coordination_kelurahan,
                                       disdukcapil=p.coordination_disdukcapil,
                                       dpmptsp=p.coordination_dpmptsp))


def office_scenario(profile: OfficeProfile) -> Scenario:
    """The office as a scenario: the parameters and policies its profile maps to.

    Residents, kelurahan and their travel times (nearest first), desks, opening minutes, filled
    back-office posts (vacant posts stay empty), the services not offered, promised days that
    differ from the catalogue's, coordination quality and the ``[params]`` table become
    parameters; PATEN in force is the `Delegation` policy from day 0, at no cost (the office pays
    for it already). Fees and visits per day are not model inputs. Only what differs from the
    model's defaults is kept, so the Medan Area profile is the baseline itself (and travel times
    spread evenly from ``travel_min_near`` to ``travel_min_far`` are that spread).
    """
    values = _inputs(profile)
    if values["kelurahan_travel_min"] == Params(kelurahan=values["kelurahan"]).travel_times():
        del values["kelurahan_travel_min"]
    defaults = Params()
    params = {key: value for key, value in values.items() if value != getattr(defaults, key)}
    policies = (Delegation(start=0, cost_once_rp=0, cost_per_year_rp=0),) \
        if profile.coordination.paten else ()
    name = profile.office.name
    return Scenario(re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "office", params,
                    policies, {lang: t("office.scenario.title", lang, name=name)
                               for lang in LANGUAGES},
                    {lang: t("office.scenario.description", lang) for lang in LANGUAGES})


def _inputs(profile: OfficeProfile) -> dict[str, Any]:
    """Every parameter the profile sets, whether or not it differs from the default."""
    days = {s.key: s.promised_days for s in services.CATALOGUE}
    fees = {s.key: s.fee_rp for s in services.CATALOGUE}
    offered = {s.service: s for s in profile.services}
    coordination = profile.coordination
    return {
        "residents": profile.office.residents,
        "kelurahan": len(profile.kelurahan),
        "kelurahan_travel_min": tuple(sorted(k.travel_min for k in profile.kelurahan)),
        "desks": profile.counter.desks,
        "office_open_min": profile.counter.open_min,
        "back_office_staff": profile.back_office.filled,
        "services_not_offered": tuple(k for k in services.KEYS if k not in offered),
        "promised_days": {k: s.promised_days for k, s in offered.items()
                          if s.promised_days != days[k]} or None,
        "service_fees_rp": {k: s.fee_rp for k, s in offered.items() if s.fee_rp != fees[k]}
        or None,
        "coordination_kelurahan": coordination.kelurahan,
        "coordination_disdukcapil": coordination.disdukcapil,
        "coordination_dpmptsp": coordination.dpmptsp,
        **profile.params,
    }


def parse_profile(text: str, origin: str) -> OfficeProfile:
    """Validate profile TOML `text`; `origin` names it in messages.

    Raises:
        InputError: One line: origin, line (where found), key, what is allowed.
    """
    data = parse_toml(text, origin)
    if "office" not in data:
        raise InputError(f"{origin}: not an office profile (it has no [office] table); "
                         "'hrsim office init FILE' writes one")
    try:
        return _build(data)
    except LocatedError as problem:
        raise located(problem, text, origin) from None


def load_profile(path: str | Path) -> OfficeProfile:
    """Read and validate the profile at `path` (see `parse_profile`)."""
    return parse_profile(read_text(Path(path), "TOML"), str(path))


def load_office(source: str | Path) -> Scenario:
    """The office for ``--office``: a profile's scenario, or a scenario (built-in or file).

    A TOML file with a top-level ``[office]`` table is a profile; anything else is a scenario.
    """
    path = Path(source)
    if str(source) not in library() and path.is_file():
        text = read_text(path, "TOML")
        if "office" in parse_toml(text, str(path)):
            return office_scenario(parse_profile(text, str(path)))
    return load(source)


def _build(data: dict[str, Any]) -> OfficeProfile:
    top = check_model(ProfileFile, data)
    kelurahan = tuple(check_model(Kelurahan, raw, ("kelurahan", i))
                      for i, raw in enumerate(top.kelurahan))
    lo, hi = (int(b) for b in Params.bounds("kelurahan"))
    if not lo <= len(kelurahan) <= hi:
        raise LocatedError(("kelurahan", min(len(kelurahan), hi)),
                           f"kelurahan: {len(kelurahan)} [[kelurahan]] blocks; allowed: {lo} to "
                           f"{hi}, one per kelurahan")
    offered = tuple(check_model(Service, raw, ("services", i))
                    for i, raw in enumerate(top.services))
    if not offered:
        raise LocatedError(("services",), "services: none offered; give one [[services]] "
                           f"block per service the office offers ({', '.join(services.KEYS)})")
    _unique(kelurahan, "kelurahan", "name")
    _unique(offered, "services", "service")
    _check_hours(top.counter)
    return OfficeProfile(top.office, kelurahan, top.counter, top.back_office, offered,
                         top.coordination, top.demand, _check_params(top.params))


def _unique(blocks: Sequence[BaseModel], table: str, key: str) -> None:
    seen: list[Any] = []
    for i, block in enumerate(blocks):
        value = getattr(block, key)
        if value in seen:
            raise LocatedError((table, i, key), f"{dotted((table, i, key))}: '{value}' is "
                               f"listed twice (first as {table}[{seen.index(value)}])")
        seen.append(value)


def _check_hours(counter: CounterTable) -> None:
    lo, hi = Params.bounds("office_open_min")
    if not lo <= counter.open_min <= hi:
        raise LocatedError(("counter", "closes"), f"counter.closes: the counter must be open "
                           f"{lo:g} to {hi:g} minutes a day (got {counter.opens}–"
                           f"{counter.closes}, {counter.open_min:g} minutes)")


def _check_params(values: dict[str, Any]) -> dict[str, Any]:
    for key in values:
        if key in MAPPED:
            raise LocatedError(("params", key), f"params.{key}: the profile sets it "
                               f"({MAPPED[key]}); change it there")
    return check_params(values, ("params",))


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return 60 * int(hours) + int(minutes)
