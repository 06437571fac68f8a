"""The page of ``hrsim demo``: a live kantor camat, in Bahasa Indonesia or English.

Like Mesa's examples, this module defines `page`; ``solara run hrsim.app.app`` serves it. The
sidebar holds the controls; the main area shows the monitors, the office, the community and the
charts, and a second tab holds the guide ('Things to try').
"""

from __future__ import annotations

import solara
from mesa.visualization.utils import update_counter

from hrsim.app.charts import Charts
from hrsim.app.community import CommunityView
from hrsim.app.controls import Controls
from hrsim.app.guide import Guide
from hrsim.app.monitors import Monitors
from hrsim.app.office import OfficeView
from hrsim.app.session import Session, use_session
from hrsim.i18n import LANGUAGES, t


@solara.component
def LanguageToggle(session: Session):
    """Switch every text of the page between Bahasa Indonesia and English."""
    with solara.Tooltip(t("app.tip.language", session.lang.value)):
        solara.ToggleButtonsSingle(value=session.lang, values=list(LANGUAGES), dense=True)


@solara.component
def Live(session: Session):
    """The simulation as it runs: monitors, the office, the community and the charts.

    This is the one component that follows Mesa's update counter: a step then re-renders the page
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


@solara.component
def Page():
    """The whole page for one browser session."""
    session = use_session()
    lang = session.lang.value
    solara.Title(t("app.title", lang))
    with solara.AppBar():
        solara.AppBarTitle(t("app.title", lang))
        LanguageToggle(session)
    with solara.Sidebar():
        Controls(session)
    with solara.lab.Tabs():
        with solara.lab.Tab(t("app.tab.live", lang)):
            Live(session)
        with solara.lab.Tab(t("app.tab.guide", lang)):
            Guide(lang)


page = Page()
