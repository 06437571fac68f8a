"""The teaching demo: a live kantor camat in the browser (Solara, with Mesa's visualisation parts).

``hrsim demo`` serves `hrsim.app.app`; every text on the page comes from ``hrsim/i18n/app.toml``.
"""

# kept in this light module so that ``hrsim demo`` can set it without importing Solara
LANGUAGE_VARIABLE = "HRSIM_LANG"  # set by ``hrsim demo --lang``
