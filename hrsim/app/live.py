"""The demo's live tab: the simulation as it runs (placed on the page by `hrsim.web`)."""

from __future__ import annotations

import solara
from mesa.visualization.utils import update_counter

from hrsim.app.charts import Charts
from hrsim.app.community import CommunityView
from hrsim.app.monitors import Monitors
from hrsim.app.office import OfficeView
from hrsim.app.session import Session
from hrsim.i18n import t


@solara.component
def Live(session: Session):
    """The simulation as it runs: monitors, the office, the community and the charts.

    This is the one component that follows Mesa's update counter: a step then redraws its island
    once (each follower would cost a render pass of its own).
    """
    tick = update_counter.get()
    lang, model, previous = session.lang.value, session.model.value, session.previous.value
    Monitors(model, previous, tick, lang)
    with solara.Columns([1, 1]):
        with solara.Card(t("app.office.title", lang), margin=0):
            OfficeView(model, tick, lang)
        with solara.Card(t("app.community.title", lang), margin=0):
            CommunityView(model, tick, lang)
    with solara.Card(margin=0):
        Charts(model, previous, tick, lang)
