"""The planner's work on disk: one folder per job under the work folder (``--workdir``).

A job folder, named ``<kind>-<YYYYMMDD-HHMMSS>-<8 random hex digits>`` by the app (never by a
user), holds everything needed to re-run or archive the job::

    job.json        what and whose it is, its state and progress (written atomically)
    inputs/         the office profile, SKM files, scenario files, a calibration's posterior
    outputs/        what the library writes: the report, the tables, the scenario files
    command.txt     the same job as an ``hrsim`` command line, run from the job's folder
    owners/<hash>   one empty file per browser that may see the job
    cancel          present when cancellation was asked for
    worker.log      the worker process's output

A job's settings are its spec (`hrsim.specs`), its paths relative to the job's folder; an
``office`` folder holds the browser's office instead: its profile (`PROFILE_FILE`) and SKM files,
and their column order and sheet as its settings.

The page process only writes inputs, owner files and the cancel flag; the worker process
(`hrsim.planner.worker`) alone writes the state and progress, so the two never race on a file.

**Whose work is it.** Each browser holds Solara's session cookie (``solara-session-id``, kept
until 2038 and sent only to this server); a job belongs to the browsers whose cookie's SHA-256
(never the cookie itself) is among its owner files. A reload or a second tab of the same browser
thus sees the same work, another browser or user does not, and a restarted app lists the earlier
jobs of each browser from their folders. The job's name doubles as a key: typed into "reopen" on
another browser (say, the secretary's), it adds that browser as an owner. A list of every folder
is deliberately not offered: with ``--host 0.0.0.0`` it would show every office's data to anyone
on the network.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import secrets
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hrsim.atomic import write_atomic

KINDS = ("office", "calibrate", "compare", "optimize")
RUNNING_KINDS = KINDS[1:]  # the kinds a worker runs (an office folder only holds inputs)
QUEUED, RUNNING, DONE, FAILED, CANCELLED = "queued", "running", "done", "failed", "cancelled"
FINISHED = (DONE, FAILED, CANCELLED)
INTERRUPTED = "interrupted: the app stopped while it ran; start it again"
JOB_FILE, CANCEL_FILE, COMMAND_FILE, LOG_FILE = "job.json", "cancel", "command.txt", "worker.log"
INPUTS, OUTPUTS = "inputs", "outputs"  # a job's folders (its spec's paths start with them)
PROFILE_FILE = "office.toml"  # the saved office profile, in an office folder's inputs
NAME = re.compile(rf"(?:{'|'.join(KINDS)})-\d{{8}}-\d{{6}}-[0-9a-f]{{8}}")


def owner_of(session_id: str) -> str:
    """The owner key of a browser: a hash of its session cookie (the cookie is not stored)."""
    return hashlib.sha256(session_id.encode()).hexdigest()[:32]


@dataclass(frozen=True)
class JobRecord:
    """One job folder and what its ``job.json`` said when read.

    Attributes:
        folder: The job's folder.
        info: ``job.json``: id, kind, created, settings, state, progress, message, pid.
    """

    folder: Path
    info: dict[str, Any]

    @classmethod
    def read(cls, folder: Path) -> JobRecord | None:
        """The job in `folder`, None if it is not a job folder (or its file is unreadable)."""
        try:
            return cls(folder, json.loads((folder / JOB_FILE).read_text(encoding="utf-8")))
        except (OSError, ValueError):
            return None

    @property
    def id(self) -> str:
        """The job's name (its folder's)."""
        return self.folder.name

    @property
    def kind(self) -> str:
        """``office``, ``calibrate``, ``compare`` or ``optimize``."""
        return self.info["kind"]

    @property
    def state(self) -> str:
        """``queued``, ``running``, ``done``, ``failed`` or ``cancelled``."""
        return self.info["state"]

    @property
    def settings(self) -> dict[str, Any]:
        """What the job was asked to do (the form's values)."""
        return self.info.get("settings", {})

    @property
    def progress(self) -> dict[str, Any]:
        """``done``, ``total`` (runs or trials), ``stage`` and ``eta_s`` (seconds, or None)."""
        return self.info.get("progress", {})

    @property
    def inputs(self) -> Path:
        """The job's inputs folder."""
        return self.folder / INPUTS

    @property
    def outputs(self) -> Path:
        """The job's outputs folder."""
        return self.folder / OUTPUTS

    @property
    def cancel_asked(self) -> bool:
        """Whether cancellation was asked for."""
        return (self.folder / CANCEL_FILE).exists()

    def owned_by(self, owner: str) -> bool:
        """Whether the browser with owner key `owner` may see the job."""
        return (self.folder / "owners" / owner).exists()

    def update(self, **fields: Any) -> JobRecord:
        """Write `fields` into ``job.json`` (atomically) and return the job as it now is."""
        info = {**self.info, **fields}
        write_atomic(self.folder / JOB_FILE, json.dumps(info, indent=2, ensure_ascii=False))
        return JobRecord(self.folder, info)


class Workdir:
    """The work folder: creates, lists and finds job folders.

    Args:
        root: The folder (created when the first job is).
    """

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def create(self, kind: str, owner: str, settings: dict[str, Any]) -> JobRecord:
        """A new job folder with empty inputs and outputs, owned by `owner`.

        Office folders start ``done`` (they only hold inputs); others start ``queued`` only when
        `submit` is called, after their inputs are in place.
        """
        if kind not in KINDS:
            raise ValueError(f"unknown job kind {kind!r}")
        stamp = datetime.now(UTC)
        folder = self.root / f"{kind}-{stamp:%Y%m%d-%H%M%S}-{secrets.token_hex(4)}"
        for sub in (INPUTS, OUTPUTS, "owners"):
            (folder / sub).mkdir(parents=True)
        (folder / "owners" / owner).touch()
        info = {"id": folder.name, "kind": kind, "created": stamp.isoformat(),
                "settings": settings, "state": DONE if kind == "office" else "new",
                "progress": {}, "message": ""}
        return JobRecord(folder, {}).update(**info)

    def submit(self, job: JobRecord, command: str) -> JobRecord:
        """Queue a job whose inputs are written; `command` re-runs it from the command line."""
        write_atomic(job.folder / COMMAND_FILE, command + "\n")
        return job.update(state=QUEUED)

    def jobs(self, owner: str | None = None, kind: str | None = None) -> list[JobRecord]:
        """The jobs (of `owner`, of `kind`), newest first."""
        if not self.root.is_dir():
            return []
        found = (JobRecord.read(f) for f in self.root.iterdir() if NAME.fullmatch(f.name))
        return sorted((j for j in found if j is not None and (kind is None or j.kind == kind)
                       and (owner is None or j.owned_by(owner))),
                      key=lambda j: j.info.get("created", ""), reverse=True)

    def find(self, job_id: str) -> JobRecord | None:
        """The job named `job_id`, None if there is none (or the name is not a job's)."""
        job_id = job_id.strip()
        return JobRecord.read(self.root / job_id) if NAME.fullmatch(job_id) else None

    def claim(self, job_id: str, owner: str) -> JobRecord | None:
        """Reopen a job on another browser: add `owner` to it. None if there is no such job."""
        job = self.find(job_id)
        if job is not None:
            (job.folder / "owners" / owner).touch()
        return job

    @staticmethod
    def cancel(job: JobRecord) -> None:
        """Ask for the job to stop (the queue stops its worker, or never starts it)."""
        (job.folder / CANCEL_FILE).touch()

    @staticmethod
    def remove(job: JobRecord) -> None:
        """Delete a finished job's folder."""
        if job.state in FINISHED or job.kind == "office":
            with contextlib.suppress(FileNotFoundError):
                shutil.rmtree(job.folder)
