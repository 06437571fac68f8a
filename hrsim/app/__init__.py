"""The teaching demo: a live kantor camat in the browser (``hrsim demo``, and ``hrsim app``).

Its tab (`live.Live`), guide and controls are placed on the page by `hrsim.web`, beside the
planner's (`hrsim.planner`); every text comes from ``hrsim/i18n/app.toml``.
"""
