"""What a planner page knows: the work folder, the queue, whose browser it is, and its jobs.

The work folder and the queue are one per server (``hrsim app --workdir``, ``--scheduler``, read
from the environment the command sets); the owner key and the office folder are per browser
(`hrsim.planner.jobs` explains the ownership). One thread per browser checks the jobs' files every
`POLL_S` seconds: a job's progress redraws only the job cards, a job that starts, ends or goes
redraws the pages that read the jobs; the page's process never waits for a job.
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

import solara

from hrsim.planner.jobs import INPUTS, JOB_FILE, PROFILE_FILE, JobRecord, Workdir, owner_of
from hrsim.planner.queue import Queue
from hrsim.specs import JobSpec
from hrsim.ui import DEFAULT_WORKDIR, SCHEDULER_VARIABLE, WORKDIR_VARIABLE

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
    """One browser's view of the work folder, shared by the planner's pages.

    A component that reads the jobs through it redraws when they change: `jobs` (and `office`)
    when one starts, ends or goes, or when this browser changed something (`touched`);
    `follow_progress` when any job's file changes.

    Attributes:
        workdir: The work folder.
        owner: The browser's owner key.
        lang: The page's language.
        changes: Counts the changes to this browser's jobs (set by `touched` and the watcher).
        stamps: The job files' stamps (`signature`), set by the watcher.
    """

    workdir: Workdir
    owner: str
    lang: str
    changes: solara.Reactive[int]
    stamps: solara.Reactive[tuple[tuple[str, int], ...]]

    def jobs(self, kind: str | None = None) -> list[JobRecord]:
        """This browser's jobs (of `kind`), newest first."""
        _ = self.changes.value  # read: the calling component redraws when it changes
        return self.workdir.jobs(self.owner, kind)

    def office(self) -> JobRecord | None:
        """This browser's office folder (its newest), None before anything is saved."""
        return next(iter(self.jobs("office")), None)

    def office_folder(self) -> JobRecord:
        """This browser's office folder, created on first use."""
        return self.office() or self.workdir.create("office", self.owner, {})

    def profile(self) -> Path | None:
        """The office profile this browser saved, None before it saved one."""
        office = self.office()
        saved = office.inputs / PROFILE_FILE if office is not None else None
        return saved if saved is not None and saved.exists() else None

    def profile_input(self) -> tuple[dict[str, Path], str | None]:
        """The saved profile to copy into a job's inputs, and a spec's ``office`` (None: none)."""
        profile = self.profile()
        if profile is None:
            return {}, None
        return {PROFILE_FILE: profile}, f"{INPUTS}/{PROFILE_FILE}"

    def start(self, spec: JobSpec, files: dict[str, Path | str]) -> JobRecord:
        """Queue the job `spec` of this browser with `files` in its inputs.

        Args:
            spec: The job, its paths relative to the job's folder (``inputs/NAME``).
            files: Each input's name and its source: a file copied, or a text written.
        """
        job = self.workdir.create(spec.kind, self.owner, spec.settings())
        for name, source in files.items():
            target = job.inputs / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(source, Path):
                shutil.copyfile(source, target)
            else:
                target.write_text(source, encoding="utf-8")
        job = self.workdir.submit(job, spec.command_line())
        self.touched()
        return job

    def follow_progress(self) -> None:
        """Make the calling component redraw whenever a job's file changes."""
        _ = self.stamps.value

    def touched(self) -> None:
        """Redraw the pages after a change made here."""
        self.changes.set(self.changes.value + 1)


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
    """The planner of this browser, its jobs watched in a thread (a Solara hook).

    The component that calls it does not redraw on the jobs' changes (it does not read them).
    """
    workdir = server_queue().workdir
    owner = solara.use_memo(lambda: owner_of(browser_id()), [])
    changes = solara.use_reactive(0)
    stamps = solara.use_reactive(signature(workdir))

    def watch(stop: threading.Event) -> None:
        states = job_states(workdir, owner)
        while not stop.wait(POLL_S):
            now = signature(workdir)
            if now == stamps.value:
                continue
            stamps.set(now)
            if (now_states := job_states(workdir, owner)) != states:
                states = now_states
                changes.set(changes.value + 1)

    solara.use_thread(watch, dependencies=[])
    return Planner(workdir, owner, lang, changes, stamps)


def job_states(workdir: Workdir, owner: str) -> tuple[tuple[str, str], ...]:
    """Each job of `owner` with its state."""
    return tuple((job.id, job.state) for job in workdir.jobs(owner))
