"""The planner: an office's own data to a funded policy choice, in the browser (``hrsim app``).

Pages (`pages`) on top of the functions behind ``hrsim ikm``, ``office``, ``calibrate``,
``compare`` and ``optimize``; jobs in folders of a work folder (`jobs`), run by worker processes
outside the page's (`queue`, `worker`); uploads checked before anything reads them (`uploads`).
"""
