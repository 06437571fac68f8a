"""Policies: the first part of every working day, each active policy paying and acting."""

from __future__ import annotations

from typing import Any

from hrsim.day.component import Component


class PolicyDay(Component):
    """Each active policy pays its running cost and acts (``hrsim/policies``).

    Attributes:
        active: The run's policies (see `attach`).
    """

    name = "policies"

    def __init__(self, world: Any) -> None:
        super().__init__(world)
        self.active: list[Any] = []

    def attach(self, policies: list[Any]) -> None:
        """The run's policies take their places: each schedules its start (and stop)."""
        self.active = policies
        for policy in policies:
            policy.attach(self.world)

    def step(self) -> None:
        """Every policy's daily part."""
        for policy in self.active:
            policy.daily(self.world)
