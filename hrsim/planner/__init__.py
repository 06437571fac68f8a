"""The planner: an office's own data to a funded policy choice, in the browser (``hrsim app``).

Pages, one module per tab (`pages`), on top of the functions behind ``hrsim ikm`` and ``office``
and the specs of ``hrsim calibrate``, ``compare`` and ``optimize`` (`hrsim.specs`); jobs in
folders of a work folder (`jobs`), run by worker processes outside the page's (`queue`,
`worker`); uploads checked before anything reads them (`uploads`). `hrsim.web` places the pages
beside the demo's; the two share only `hrsim.ui`.
"""
