"""The model's working day: its components, in the order they run (``docs/ODD.md`` §3).

`WORKING_DAY` is that order. Each component owns its parameters, state, streams and part of the
day's record (`hrsim.day.component`); none imports the model, which assembles them.
"""

from hrsim.day.complaints import Complaints
from hrsim.day.component import Component, World
from hrsim.day.counter import ServicePoint
from hrsim.day.demand import Demand
from hrsim.day.expectations import Expectations
from hrsim.day.experience import Experience
from hrsim.day.files import FileFlow
from hrsim.day.forums import Forums
from hrsim.day.policies import PolicyDay
from hrsim.day.staff import Crew
from hrsim.day.standards import Standards
from hrsim.day.trust import Trust
from hrsim.day.word_of_mouth import WordOfMouth

WORKING_DAY: tuple[type[Component], ...] = (
    PolicyDay,  # policies act (start, stop, daily actions, running costs)
    Standards,  # the published standard (no daily part: read by the counter and visitors)
    Demand,  # needs arise; today's visitors set out for their service point
    ServicePoint,  # the counter serves its queue (a policy may add another point before it)
    FileFlow,  # the back office and the agencies work their files
    Experience,  # visitors rate their visit and learn from it
    Expectations,  # what residents expect (no daily part: changed by its verbs)
    Complaints,  # complaints are filed and answered
    WordOfMouth,  # people tell their neighbours
    Trust,  # trust relaxes towards predispositions
    Forums,  # forums meet when due
    Crew,  # staff end their day: well-being, coping, leaving
)

__all__ = ["WORKING_DAY", "Component", "World"]
