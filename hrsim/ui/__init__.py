"""What the browser app's two parts share, below both: the demo (`hrsim.app`) and the planner.

`hrsim.web` is the page above them; neither part imports the other. This light module holds the
server's settings, which ``hrsim app`` sets in the environment without importing Solara;
`island` draws a part of the page in a render context of its own.
"""

LANGUAGE_VARIABLE = "HRSIM_LANG"  # set by ``hrsim app --lang``
WORKDIR_VARIABLE = "HRSIM_WORKDIR"  # set by ``hrsim app --workdir``
SCHEDULER_VARIABLE = "HRSIM_SCHEDULER"  # set by ``hrsim app --scheduler``
DEFAULT_WORKDIR = "hrsim-work"  # the planner's jobs, without --workdir
