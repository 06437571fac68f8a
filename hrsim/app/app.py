"""The page of ``hrsim app`` (and ``hrsim demo``): a live kantor camat and the planner.

Like Mesa's examples, this module defines `page`; ``solara run hrsim.app.app`` serves it. The
first tab is the teaching demo: the sidebar holds the controls; the main area shows the monitors,
the office, the community and the charts; a second tab holds the guide ('Things to try'). The
planner's four tabs follow (`hrsim.planner`): the office and its SKM data, its calibration, the
policies, the reports. The demo's tabs and controls stay drawn (the live office is costly to
draw afresh and changes only while it runs; its controls are hidden on the other tabs); a
planner tab is drawn when chosen, so that following jobs costs only the page on screen.
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

DEMO_TABS = ("app.tab.live", "app.tab.guide")
PLANNER_TABS = ("office", "calibrate", "policies", "report")


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
def Planner(tab: str, lang: str):
    """One of the planner's pages (imported when first shown)."""
    from hrsim.planner.pages import PAGES
    from hrsim.planner.state import use_planner

    PAGES[tab](use_planner(lang))


@solara.component
def Page():
    """The whole page for one browser session."""
    session = use_session()
    lang = session.lang.value
    tab = solara.use_reactive(0)

    def choose(index: int) -> None:
        session.playing.set(False)  # the office does not run on unseen
        tab.set(index)

    solara.Title(t("app.title", lang))
    with solara.AppBar():
        solara.AppBarTitle(t("app.title", lang))
        LanguageToggle(session)
    with solara.Sidebar():
        # hidden, not removed, off the demo's tab: drawing the controls afresh is slow
        with solara.Div(style={"display": "block" if tab.value == 0 else "none"}):
            Controls(session)
        if tab.value >= len(DEMO_TABS):
            solara.Text(t("planner.sidebar", lang), style={"font-size": "0.9em"})
    with solara.lab.Tabs(value=tab.value, on_value=choose):
        with solara.lab.Tab(t(DEMO_TABS[0], lang)):
            Live(session)
        with solara.lab.Tab(t(DEMO_TABS[1], lang)):
            Guide(lang)
        for k, name in enumerate(PLANNER_TABS, start=len(DEMO_TABS)):
            with solara.lab.Tab(t(f"planner.tab.{name}", lang)):
                if tab.value == k:
                    Planner(name, lang)


page = Page()
