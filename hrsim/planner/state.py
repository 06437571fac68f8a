"""What a planner page knows: the work folder, the queue, whose browser it is, and its jobs.

The work folder and the queue are one per server (``hrsim app --workdir``, ``--scheduler``, read
from the environment the command sets); the owner key and the office folder are per browser
(`hrsim.planner.jobs` explains the ownership). The job cards re-read the jobs' files every
`POLL_S` seconds and redraw only when one changed: the page's process never waits for a job.
"""

from __future__ import annotations

import functools
import os
import threading
from dataclasses import dataclass
from pathlib import Path

import solara

from hrsim.app import DEFAULT_WORKDIR, SCHEDULER_VARIABLE, WORKDIR_VARIABLE
from hrsim.planner.jobs import JOB_FILE, Job, Workdir, owner_of
from hrsim.planner.queue import Queue

POLL_S = 1.0


@functools.cache
def server_queue() -> Queue:
    """The server's one queue, watching the work folder (started on first use)."""
    workdir = Workdir(Path(os.environ.get(WORKDIR_VARIABLE, DEFAULT_WORKDIR)))
    queue = Queue(workdir, workers=os.cpu_count() or 1,
                  scheduler=os.environ.get(SCHEDULER_VARIABLE) or None)
    queue.start()
    return queue


@dataclass(frozen=True)
class Planner:
    """One browser's view of the work folder.

    Attributes:
        workdir: The work folder.
        owner: The browser's owner key.
        lang: The page's language.
        version: Changes whenever this page changed the work folder (it redraws).
        refresh: Make the page re-read the jobs now (after it changed something).
    """

    workdir: Workdir
    owner: str
    lang: str
    version: int
    refresh: solara.Reactive[int]

    def jobs(self, kind: str | None = None) -> list[Job]:
        """This browser's jobs (of `kind`), newest first."""
        return self.workdir.jobs(self.owner, kind)

    def office(self) -> Job | None:
        """This browser's office folder (its newest), None before anything is saved."""
        return next(iter(self.jobs("office")), None)

    def office_folder(self) -> Job:
        """This browser's office folder, created on first use."""
        return self.office() or self.workdir.create("office", self.owner, {})

    def touched(self) -> None:
        """Redraw the pages after a change made here."""
        self.refresh.set(self.refresh.value + 1)


def signature(workdir: Workdir) -> tuple[tuple[str, int], ...]:
    """The job files' names and modification times: changes whenever a job's does."""
    if not workdir.root.is_dir():
        return ()
    stamps = []
    for folder in workdir.root.iterdir():
        try:
            stamps.append((folder.name, (folder / JOB_FILE).stat().st_mtime_ns))
        except OSError:
            continue
    return tuple(sorted(stamps))


def browser_id() -> str:
    """The browser's Solara session cookie; ``local`` outside a server (a notebook, a test)."""
    try:
        return solara.get_session_id()
    except RuntimeError:  # no server: one user
        return "local"


def use_planner(lang: str) -> Planner:
    """The planner of this page (a Solara hook)."""
    queue = server_queue()
    owner = solara.use_memo(lambda: owner_of(browser_id()), [])
    refresh = solara.use_reactive(0)
    return Planner(queue.workdir, owner, lang, refresh.value, refresh)


def use_job_files(workdir: Workdir) -> int:
    """A number that changes when a job file of `workdir` does (checked every `POLL_S`).

    Only the component that calls it redraws: the job cards, not their whole page.
    """
    stamp = solara.use_reactive(signature(workdir))

    def poll(stop: threading.Event) -> None:
        while not stop.wait(POLL_S):
            now = signature(workdir)
            if now != stamp.value:
                stamp.set(now)

    solara.use_thread(poll, dependencies=[])
    return hash(stamp.value)
