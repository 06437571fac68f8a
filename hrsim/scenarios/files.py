"""Scenario files (TOML) and the built-in scenario library.

A scenario file::

    name = "training"
    [title]
    id = "Pelatihan pegawai"
    en = "Staff training"
    [description]
    id = "..."
    en = "..."
    [params]                 # overrides of the office parameters (see `hrsim params`)
    desks = 3
    [[policies]]             # any number of policies, each with its fields
    type = "training"
    start = 20
    intensity = 1.0

Every command that takes a scenario takes a built-in name or a path. Errors name the file, the line
where it can be found, the key, what is allowed, and the nearest valid name of a misspelt key.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from hrsim.errors import InputError
from hrsim.policies import REGISTRY, Policy
from hrsim.scenarios.scenario import Scenario
from hrsim.validation import (
    LocatedError,
    check_model,
    dotted,
    identifier,
    located,
    parse_toml,
    read_text,
    suggest,
)

BUILTIN = "builtin"  # the library's folder of TOML files (package data beside this module)


class LocalText(BaseModel):
    """A text in Bahasa Indonesia and English."""

    model_config = ConfigDict(extra="forbid", strict=True)

    id: str = Field(min_length=1, description="Bahasa Indonesia.")
    en: str = Field(min_length=1, description="English.")


class ScenarioFile(BaseModel):
    """The top level of a scenario file."""

    model_config = ConfigDict(extra="forbid", strict=True)

    name: str = identifier(r"^[a-z0-9][a-z0-9_\-]*$", "lower-case letters, digits, '-' and '_', "
                           "starting with a letter or digit", max_length=60)
    title: LocalText
    description: LocalText
    params: dict[str, Any] = Field(default_factory=dict)
    policies: list[dict[str, Any]] = Field(default_factory=list)


def parse(text: str, origin: str) -> Scenario:
    """Validate scenario TOML `text`; `origin` names it in messages.

    Raises:
        InputError: One line: origin, line (where found), key, what is allowed.
    """
    data = parse_toml(text, origin)
    try:
        return _build(data)
    except LocatedError as problem:
        raise located(problem, text, origin) from None


def _build(data: dict[str, Any]) -> Scenario:
    top = check_model(ScenarioFile, data)
    policies = tuple(_policy(spec, i) for i, spec in enumerate(top.policies))
    # the Scenario checks its parameters (once), raising at ("params", key) for `located`
    return Scenario(top.name, top.params, policies, top.title.model_dump(),
                    top.description.model_dump())


def _policy(spec: dict[str, Any], index: int) -> Policy:
    where = ("policies", index)
    kind = spec.get("type")
    if not isinstance(kind, str) or kind not in REGISTRY:
        known = ", ".join(sorted(REGISTRY))
        problem = "missing 'type'" if kind is None else f"unknown policy {kind!r}"
        raise LocatedError((*where, "type"), f"{dotted(where)}.type: {problem}"
                           f"{suggest(str(kind), list(REGISTRY)) if kind else ''}; "
                           f"allowed: {known}")
    fields = {k: v for k, v in spec.items() if k != "type"}
    return check_model(REGISTRY[kind], fields, where)


@functools.cache
def library() -> dict[str, str]:
    """Built-in scenarios: name → TOML text (package data, sorted with the baseline first)."""
    folder = resources.files(__package__).joinpath(BUILTIN)
    files = {p.name.removesuffix(".toml"): p.read_text(encoding="utf-8")
             for p in folder.iterdir() if p.name.endswith(".toml")}
    return dict(sorted(files.items(), key=lambda kv: (kv[0] != "baseline", kv[0])))


def load(source: str | Path) -> Scenario:
    """A built-in scenario by name, or a scenario file by path.

    Raises:
        InputError: Unknown name (listing the built-in names) or an invalid file.
    """
    text = library().get(str(source))
    if text is not None:
        return parse(text, f"built-in scenario '{source}'")
    path = Path(source)
    if path.suffix == ".toml" or path.exists():
        return parse(read_text(path, "TOML"), str(path))
    names = ", ".join(library())
    raise InputError(f"unknown scenario '{source}'{suggest(str(source), list(library()))}; "
                     f"built-in: {names} (or give the path of a .toml file)")
