"""The model's calendar: time counts working days, each with the counter's office hours.

Mesa's ``model.time`` advances by 1.0 per working day, counted from the start of the burn-in;
``HRModel.day`` counts recorded days. Events scheduled half a day before a step
(`HRModel.morning`) happen on that morning, before the office opens (policy starts, agency
returns, vacancies filled); events at a whole time with default priority run after that day's
step (surveys).
"""

WORKING_DAYS_PER_YEAR = 250
