"""Standards: the office's published service standard — requirements, fees, completion times.

The component owns how clear the requirements are (read at the counter, where incomplete files
are rejected, and by visitors rating U1), how often a visitor is asked for an unofficial payment,
and whether the Maklumat Pelayanan is posted (it informs what visitors expect of U3). It has no
daily part: policies and forums change it through its verbs.
"""

from __future__ import annotations

from hrsim.day.component import Component, World


class Standards(Component):
    """The published standard and how far it is kept.

    Attributes:
        requirement_clarity: How clear the published requirements are, 0–1.
        unofficial_fee: Chance a visitor is asked for an unofficial payment.
        published: Whether the Maklumat Pelayanan is posted at the office.
    """

    name = "standards"
    params = ("standards",)

    def __init__(self, world: World) -> None:
        super().__init__(world)
        self.requirement_clarity = self.p.requirement_clarity
        self.unofficial_fee = self.p.unofficial_fee
        self.published = False

    def publish(self, clarity_target: float, clarity_gain: float, fee_reduction: float) -> None:
        """Post the standard: requirements clearer, fewer unofficial fees, promised times known.

        Args:
            clarity_target: The clarity a published list of requirements gives.
            clarity_gain: Share of the gap to `clarity_target` closed.
            fee_reduction: Relative fall in unofficial fees.
        """
        self.requirement_clarity += (min(clarity_target, self.p.requirement_clarity_max)
                                     - self.requirement_clarity) * clarity_gain
        self.unofficial_fee *= 1 - fee_reduction
        self.published = True

    def clarify(self, gain: float) -> None:
        """Requirements become clearer by `gain` (what a forum heard), up to the ceiling."""
        self.requirement_clarity = min(self.requirement_clarity + gain,
                                       self.p.requirement_clarity_max)
