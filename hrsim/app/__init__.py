"""The browser app: the teaching demo (a live kantor camat) and the planner (`hrsim.planner`).

``hrsim app`` (alias ``hrsim demo``) serves `hrsim.app.app`; every text on the page comes from
``hrsim/i18n/app.toml`` and ``planner.toml``.
"""

# kept in this light module so that ``hrsim app`` can set them without importing Solara
LANGUAGE_VARIABLE = "HRSIM_LANG"  # set by ``hrsim app --lang``
WORKDIR_VARIABLE = "HRSIM_WORKDIR"  # set by ``hrsim app --workdir``
SCHEDULER_VARIABLE = "HRSIM_SCHEDULER"  # set by ``hrsim app --scheduler``
DEFAULT_WORKDIR = "hrsim-work"  # the planner's jobs, without --workdir
