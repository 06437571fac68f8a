"""The page of ``hrsim app`` (and ``hrsim demo``): a live kantor camat and the planner.

The one module above both parts of the browser app: it places the teaching demo's tabs
(`hrsim.app`) and the planner's (`hrsim.planner`), which share only `hrsim.ui`. Like Mesa's
examples, it defines `page`; ``solara run hrsim.web`` serves it. The first tab is the teaching
demo: the sidebar holds the controls; the main area shows the monitors, the office, the community
and the charts; a second tab holds the guide ('Things to try'). The planner's four tabs follow:
the office and its SKM data, its calibration, the policies, the reports.

Every tab is drawn when the page opens and stays drawn. Vuetify switches the tabs in the browser
and the sidebar follows by a style rule, so choosing a tab asks nothing of the server: it answers
at once, even while a job keeps both cores busy. The live office and each planner page are
islands (`hrsim.ui.island`): a step of the demo, a change on a planner page or a job's progress
redraws its own island only, never the whole page.
"""

from __future__ import annotations

import solara
from solara import v

from hrsim.app.controls import Controls
from hrsim.app.guide import Guide
from hrsim.app.live import Live
from hrsim.app.session import Session, use_session
from hrsim.i18n import LANGUAGES, t
from hrsim.planner.pages import PAGES
from hrsim.planner.state import use_planner
from hrsim.ui.island import Island

DEMO_TABS = ("app.tab.live", "app.tab.guide")
PLANNER_TABS = tuple(PAGES)  # office, calibrate, policies, report
# the sidebar follows the tab in the browser: the demo's controls with the live office (hidden,
# not removed: drawing them afresh is slow), a note on the planner's tabs
SHOWN_WITH_TAB = """
.hrsim-planner-note, body:not(:has(.hrsim-live-tab.v-window-item--active)) .hrsim-demo-controls {
  display: none; }
body:has(.hrsim-planner-tab.v-window-item--active) .hrsim-planner-note { display: block; }
"""


@solara.component
def LanguageToggle(session: Session):
    """Switch every text of the page between Bahasa Indonesia and English."""
    with solara.Tooltip(t("app.tip.language", session.lang.value)):
        solara.ToggleButtonsSingle(value=session.lang, values=list(LANGUAGES), dense=True)


@solara.component
def Page():
    """The whole page for one browser session."""
    session = use_session()
    lang = session.lang.value
    planner = use_planner(lang)

    def choose(index: int) -> None:
        if index != 0:
            session.playing.set(False)  # the office does not run unseen

    solara.Title(t("app.title", lang))
    solara.Style(SHOWN_WITH_TAB)
    with solara.AppBar():
        solara.AppBarTitle(t("app.title", lang))
        LanguageToggle(session)
    with solara.Sidebar():
        with solara.Div(classes=["hrsim-demo-controls"]):
            Controls(session)
        solara.Text(t("planner.sidebar", lang), classes=["hrsim-planner-note"],
                    style={"font-size": "0.9em"})
    # Vuetify's tabs with their items inside switch in the browser (Solara's Tabs asks the server)
    with v.Tabs(on_v_model=choose, show_arrows=True):  # no v_model: the browser keeps it
        for name in (*DEMO_TABS, *(f"planner.tab.{name}" for name in PLANNER_TABS)):
            v.Tab(children=[t(name, lang)])
        with v.TabItem(class_="hrsim-live-tab"):
            Island(Live, session)
        with v.TabItem():
            Guide(lang)
        for name in PLANNER_TABS:
            with v.TabItem(class_="hrsim-planner-tab"):
                Island(PAGES[name], planner)


page = Page()
