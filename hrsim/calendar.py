"""The model's calendar: time counts working days, each with the counter's office hours.

Mesa's ``model.time`` advances by 1.0 per working day and the step for day d runs at time d. Events
scheduled at ``d - 0.5`` happen on the morning of day d, before the office opens (policy starts,
agency returns, complaint answers); events at ``d`` with default priority run after the day's step
(surveys).
"""

WORKING_DAYS_PER_YEAR = 250


def morning_of(day: int) -> float:
    """Model time of the morning of working day `day`, before the office opens."""
    return day - 0.5
