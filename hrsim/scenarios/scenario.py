"""A scenario: office parameter overrides plus policies, with a name and bilingual texts."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from hrsim.params import check_params
from hrsim.policies import Policy


@dataclass(frozen=True)
class Scenario:
    """What to simulate: the office (parameter overrides) and the policies applied to it.

    Attributes:
        name: Short identifier, e.g. ``baseline`` or ``training``.
        params: Overrides of `hrsim.params.Params` (validated on construction).
        policies: Policies, each with its start, intensity and cost.
        title: Title per language code (``id``, ``en``).
        description: One-paragraph description per language code.
    """

    name: str = "baseline"
    params: dict[str, Any] = field(default_factory=dict)
    policies: tuple[Policy, ...] = ()
    title: dict[str, str] = field(default_factory=dict)
    description: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        """Validate and convert the parameters: the one check of a scenario's parameters.

        Raises:
            LocatedError: At ``("params", key)`` (a scenario file gives it its line).
        """
        object.__setattr__(self, "params", check_params(dict(self.params), ("params",)))
        object.__setattr__(self, "policies", tuple(self.policies))

    def with_params(self, **overrides: Any) -> Scenario:
        """A copy with more parameter overrides."""
        return Scenario(self.name, {**self.params, **overrides}, self.policies, self.title,
                        self.description)

    def spec(self) -> dict[str, Any]:
        """The scenario as plain data (what the hash covers)."""
        return {"name": self.name, "params": dict(sorted(self.params.items())),
                "policies": [p.spec() for p in self.policies]}

    def on(self, office: Scenario | None) -> Scenario:
        """This scenario applied to another office: its parameters and policies come first."""
        if office is None:
            return self
        return Scenario(self.name, {**office.params, **self.params},
                        (*office.policies, *self.policies), self.title, self.description)

    def to_toml(self) -> str:
        """The scenario as a scenario file (`hrsim.scenarios.load` reads it back)."""
        import tomli_w

        data: dict[str, Any] = {"name": self.name}
        for key in ("title", "description"):
            if getattr(self, key):
                data[key] = dict(getattr(self, key))
        data["params"] = dict(sorted(self.params.items()))
        data["policies"] = [{"type": p.key, **p.model_dump(mode="json", exclude_none=True)}
                            for p in self.policies]
        return tomli_w.dumps(data)

    @property
    def digest(self) -> str:
        """Short content hash of the parameters and policies, for provenance."""
        body = json.dumps({k: v for k, v in self.spec().items() if k != "name"},
                          sort_keys=True, default=str)
        return hashlib.sha256(body.encode()).hexdigest()[:12]
