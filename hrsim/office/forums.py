"""Community participation forums (co-production, domain §10).

Invited residents attend with p = 0.1 + 0.3·self-efficacy + 0.2·consulted. Attending changes trust
by ``forum_trust_effect``·(r − ½), where r is the share of citizens' input visibly acted on: forums
whose input is ignored erode trust (Fledderus 2015). Attendees learn the requirements and the office
hears what is unclear, which narrows the U1/U2 gaps.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from hrsim.model import HRModel

U1, U2 = 0, 1


def hold_forum(model: HRModel, consulted: float) -> int:
    """Hold one forum; returns the number of residents who attended."""
    p, pop, office = model.p, model.citizens, model.office
    rng = model.streams["forums"]
    invited = rng.choice(len(pop), size=min(p.forum_size, len(pop)), replace=False)
    attend_p = 0.1 + 0.3 * pop.self_efficacy[invited] + 0.2 * consulted
    came = invited[rng.random(len(invited)) < attend_p]
    r = office.acted_on_share
    pop.trust_office[came] = np.clip(pop.trust_office[came] + p.forum_trust_effect * (r - 0.5),
                                     0, 1)
    efficacy = pop.self_efficacy[came] + p.forum_efficacy_effect * (r - 0.5)
    pop.self_efficacy[came] = np.clip(efficacy, 0, 1)
    pop.forums[came] += 1
    office.requirement_clarity = min(
        office.requirement_clarity + p.forum_clarity_gain * r * len(came) / max(p.forum_size, 1),
        0.95)
    pop.expectations[np.ix_(came, [U1, U2])] = office.requirement_clarity
    return len(came)
