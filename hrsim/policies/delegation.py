"""PATEN authority delegation: the camat decides and signs more services himself."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field

from hrsim.policies.base import Policy

if TYPE_CHECKING:
    from hrsim.day.component import World


class Delegation(Policy):
    """The walikota delegates authority to the camat (PATEN, Permendagri 4/2010).

    New files skip their delegable stages (the kelurahan's verification for a move or a micro-
    business licence, the permit office for a small building permit), and the sekretaris camat
    signs on days the camat is out: the signature desk works on a share `intensity` of the days it
    would otherwise be closed.
    """

    key = "delegation"
    lever_order = 80
    stages: bool = Field(True, description="Delegable stages are skipped by new files [S].")
    deputy_signs: bool = Field(True, description="The sekretaris camat signs when the camat is "
                                                 "out [A].")
    cost_once_rp: float = Field(30_000_000, ge=0,
                                description="Regulation, SOP and socialisation (Rp) [A].")
    cost_per_year_rp: float = Field(10_000_000, ge=0,
                                    description="Supervision of delegated decisions (Rp/yr) [A].")

    def begin(self, world: World) -> None:
        """The delegation takes effect."""
        if self.intensity <= 0:
            return
        files = world.component("files")
        if self.stages:
            files.delegate()
        if self.deputy_signs:
            files.deputise_signature(self.intensity)
