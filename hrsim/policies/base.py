"""The base class every policy shares: a start (and stop) day, an intensity and a cost in Rupiah.

A policy acts only through the verbs of the working day's components (``hrsim/day``: it trains
staff, publishes a standard, opens a complaint channel, schedules forums, adds a service point) —
never on an output. To add one, write a subclass in its own file in this package with a ``key``,
its fields, and `begin` (and, if it acts every day, `step`); it is registered on import. Its texts
go into ``hrsim/i18n`` (the lever registry test says what else a lever needs).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from hrsim.calendar import WORKING_DAYS_PER_YEAR

if TYPE_CHECKING:
    from hrsim.day.component import World


class Policy(BaseModel):
    """A Human Relations lever applied to the office from its start day on.

    Attributes:
        start: Working day the policy takes effect (0 = from the first day).
        stop: Working day its running part ends (None: never): no more daily actions or running
            costs; what it changed once (a standard published, a regulation) stays.
        intensity: Dose in [0, 1]; effects and costs scale with it.
        cost_once_rp: One-off cost at full intensity, paid on the start day.
        cost_per_year_rp: Running cost per year at full intensity, paid per working day.
    """

    # strict: a true/false is never a number, nor a number true/false (an integer is a real)
    model_config = ConfigDict(extra="forbid", validate_assignment=True, strict=True)

    key: ClassVar[str] = ""
    registry: ClassVar[dict[str, type[Policy]]] = {}
    # the lever as the demo and the planner show it: its place in the teaching order (people
    # first, then the office's rules and partners; the built-in levers are 10, 20, … so that a new
    # one slots in between without renumbering; None: not a lever) and whether it is a switch (a
    # discrete effect, on or off) rather than an intensity slider; its label is the translation
    # ``app.lever.<key>`` and its tooltip ``app.tip.lever.<key>`` (tests/test_contract.py lists
    # everything a lever needs)
    lever_order: ClassVar[int | None] = None
    lever_switch: ClassVar[bool] = False

    start: int = Field(0, ge=0, le=100_000, description="Working day the policy takes effect.")
    stop: int | None = Field(None, ge=1, le=100_000,
                             description="Working day the running part ends (none: never).")
    intensity: float = Field(1.0, ge=0.0, le=1.0, description="Dose in [0, 1].")
    cost_once_rp: float = Field(0.0, ge=0, description="One-off cost at full intensity (Rp).")
    cost_per_year_rp: float = Field(0.0, ge=0,
                                    description="Running cost per year at full intensity (Rp).")

    _world: Any = PrivateAttr(None)
    _active: bool = PrivateAttr(False)
    _days_active: int = PrivateAttr(0)

    @model_validator(mode="after")
    def _stops_after_start(self) -> Policy:
        if self.stop is not None and self.stop <= self.start:
            raise ValueError(f"stop ({self.stop}) must be after start ({self.start})")
        return self

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        if cls.key:
            Policy.registry[cls.key] = cls

    @classmethod
    def levers(cls) -> tuple[str, ...]:
        """Keys of the policies the demo offers as levers, in teaching order."""
        shown = [k for k, c in cls.registry.items() if c.lever_order is not None]
        return tuple(sorted(shown, key=lambda k: cls.registry[k].lever_order))

    @property
    def active(self) -> bool:
        """Whether the policy has started."""
        return self._active

    def attach(self, world: World) -> None:
        """Schedule the start (and stop) as Mesa events on the mornings of those days."""
        self._world = world
        world.schedule_event(self.activate, at=max(world.morning(self.start), world.time))
        if self.stop is not None:
            world.schedule_event(self.deactivate, at=max(world.morning(self.stop), world.time))

    def activate(self) -> None:
        """Start the policy: pay the one-off cost and apply the one-off effects."""
        self._active = True
        self._world.spend(self.cost_once_rp * self.cost_units())
        self.begin(self._world)

    def deactivate(self) -> None:
        """Stop the running part: no more daily actions or running costs."""
        self._active = False
        self.end(self._world)

    def daily(self, world: World) -> None:
        """Each working day once active: pay the running cost and act."""
        if self._active:
            self._days_active += 1
            world.spend(self.cost_per_year_rp * self.cost_units() / WORKING_DAYS_PER_YEAR)
            self.step(world)

    def every(self, interval: int) -> bool:
        """True on every `interval`-th working day after the start (never if `interval` is 0)."""
        return interval > 0 and self._days_active % interval == 0

    def cost_units(self) -> float:
        """What the costs are multiplied by: the intensity, unless a policy prices per unit."""
        return self.intensity

    def begin(self, world: World) -> None:
        """One-off effects on the start day."""

    def step(self, world: World) -> None:
        """Daily effects while active (none by default)."""

    def end(self, world: World) -> None:
        """What stops on the stop day besides `step` (nothing by default)."""

    def spec(self) -> dict[str, Any]:
        """The policy as plain data: ``{"type": key, **fields}`` (round-trips via `from_spec`)."""
        return {"type": self.key, **self.model_dump(exclude_none=True)}

    @staticmethod
    def from_spec(spec: dict[str, Any]) -> Policy:
        """Build a policy from ``{"type": key, **fields}``."""
        spec = dict(spec)
        return Policy.registry[spec.pop("type")](**spec)
