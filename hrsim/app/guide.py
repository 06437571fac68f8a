"""The 'Things to try' tab, in the manner of NetLogo's Info tab.

What the model is, how it works, how to use the page, what to notice, guided exercises, and where
to read more. The texts are Markdown, turned into HTML here: Solara's own Markdown component
fetches a maths renderer (KaTeX) that is not among the assets served offline.
"""

from __future__ import annotations

import markdown
import solara

from hrsim.i18n import t

SECTIONS = ("what", "how", "use", "notice", "try", "extend", "credits")


@solara.component
def Guide(lang: str):
    """Every section of the guide, open on the exercises."""
    for section in SECTIONS:
        with solara.Details(t(f"app.guide.{section}.title", lang), expand=section == "try"):
            solara.HTML(tag="div", unsafe_innerHTML=markdown.markdown(t(f"app.guide.{section}",
                                                                       lang)))
