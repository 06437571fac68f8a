"""Parts the planner's pages share: a file picker, jobs with their progress, file downloads."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import markdown
import solara
from ipyvuetify.extra import FileInput

from hrsim.errors import InputError
from hrsim.i18n import number, t
from hrsim.planner.jobs import CANCELLED, DONE, FAILED, QUEUED, RUNNING, JobRecord, Workdir
from hrsim.planner.state import Planner
from hrsim.planner.uploads import ACCEPTED, check_size, shown
from hrsim.specs import JobSpec

Received = tuple[str, bytes]  # an uploaded file's name in the browser, and its content
MIME = {".html": "text/html", ".csv": "text/csv", ".toml": "application/toml",
        ".png": "image/png", ".txt": "text/plain", ".json": "application/json"}
STATE_COLOURS = {QUEUED: "grey", RUNNING: "primary", DONE: "success", FAILED: "error",
                 CANCELLED: "warning"}


@solara.component
def Upload(on_files: Callable[[list[Received]], None], on_refused: Callable[[str], None],
           accept: tuple[str, ...] = ACCEPTED, multiple: bool = True, testid: str = ""):
    """A file picker: each file's announced size is checked before any of it is read.

    Args:
        on_files: Called with the files read (name, content).
        on_refused: Called with the message of a file refused for its size.
        accept: The extensions offered by the browser's file dialog.
        multiple: Whether several files may be chosen at once.
        testid: A class name for the browser tests to find the picker.
    """
    with solara.Div(classes=["hrsim-upload", testid]):
        Picker(on_files, on_refused, accept, multiple)


@solara.component
def Picker(on_files: Callable[[list[Received]], None], on_refused: Callable[[str], None],
           accept: tuple[str, ...], multiple: bool):
    """The browser's file dialog (Vuetify's file input), read as `Upload` says."""
    info, set_info = solara.use_state(None)
    chosen, set_chosen = solara.use_state(None)  # (the picker's widget, its files)
    picker = FileInput.element(accept=",".join(accept), multiple=multiple,
                               on_file_info=set_info)

    def wire() -> None:  # as Solara's FileDrop: the widget is reached while rendering
        if info:
            widget = solara.get_widget(picker)
            set_chosen((widget, widget.get_files()))

    solara.use_effect(wire, [info])

    def receive(cancel: Any) -> None:  # in a thread: the browser sends the files meanwhile
        if not chosen:
            return
        widget, files = chosen
        received, refused = [], None
        try:
            for file in files:
                check_size(file["name"], file["size"])
                received.append((file["name"], file["file_obj"].read()))
        except InputError as exc:
            refused = str(exc)
        widget.clear()  # before answering: a file chosen next is not cleared by this one
        if refused is None:
            on_files(received)
        else:
            on_refused(refused)

    solara.use_thread(receive, [chosen])
    return picker


def eta_text(seconds: float | None, lang: str) -> str:
    """A remaining time, rounded for reading: ``12 s``, ``3 min``."""
    if seconds is None:
        return "…"
    return f"{seconds:.0f} s" if seconds < 90 else f"{seconds / 60:.0f} min"


@solara.component
def JobCard(job: JobRecord, workdir: Workdir, lang: str, on_change: Callable[[], None]):
    """A job's name, state, progress (done of total, ETA), message and cancel button."""
    p = job.progress
    with solara.Card(margin=0, classes=["hrsim-job", f"hrsim-job-{job.state}"]):
        with solara.Row(style={"align-items": "center", "flex-wrap": "wrap"}):
            solara.Text(t(f"planner.kind.{job.kind}", lang), style={"font-weight": "bold"})
            solara.Text(job.id, classes=["hrsim-job-id"], style={"font-family": "monospace",
                                                                  "font-size": "0.85em"})
            solara.v.Chip(children=[t(f"planner.state.{job.state}", lang)], small=True,
                          color=STATE_COLOURS.get(job.state, "grey"), text_color="white",
                          class_="hrsim-job-state")
            if job.state in (QUEUED, RUNNING):
                solara.Button(t("planner.cancel", lang), small=True, outlined=True,
                              on_click=lambda: (workdir.cancel(job), on_change()))
        if job.state in (RUNNING, DONE, CANCELLED) and p.get("total"):
            solara.ProgressLinear(100 * p["done"] / p["total"])
            solara.Text(t(f"planner.progress.{p['stage']}", lang, done=p["done"],
                          total=p["total"], eta=eta_text(p.get("eta_s"), lang)),
                        classes=["hrsim-job-progress"], style={"font-size": "0.85em"})
        elif job.state == RUNNING:
            solara.ProgressLinear(True)
        if job.state == FAILED:
            solara.Error(shown(job.info.get("message", "")) or t("planner.failed", lang),
                         dense=True,
                         classes=["hrsim-job-message"])


@solara.component
def Jobs(planner: Planner, kind: str, result: Callable[[JobRecord, str], Any]):
    """This browser's jobs of `kind` with their progress, and the newest finished one's result.

    Redrawn whenever a job's file changes: drawn as an island, only it is walked then.
    """
    planner.follow_progress()
    jobs = planner.jobs(kind)
    for job in jobs:
        JobCard(job, planner.workdir, planner.lang, planner.touched)
    done = next((j for j in jobs if j.state == DONE), None)
    if done is not None:
        result(done, planner.lang)


@solara.component
def StartButton(planner: Planner, label: str, spec: JobSpec | None, files: dict[str, Path | str],
                testid: str):
    """Start the job `spec` with `files` in its inputs; disabled while there is none to start."""
    solara.Button(t(label, planner.lang), color="primary", disabled=spec is None,
                  on_click=lambda: planner.start(spec, files), classes=[testid])


def bounded(key: str, lang: str, spec: type[JobSpec], name: str) -> str:
    """A form's label `key` with the bounds of the spec's field `name` (``{low}–{high}``)."""
    low, high = spec.bounds(name)
    return t(key, lang, low=number(low, lang, 0), high=number(high, lang, 0))


def download(path: Path, label: str, name: str | None = None):
    """A button that downloads the file at `path` (read when clicked)."""
    return solara.FileDownload(lambda: path.read_bytes(), filename=name or path.name,
                               label=label, mime_type=MIME.get(path.suffix,
                                                               "application/octet-stream"))


def prose(text: str):
    """Markdown text of ours as HTML (Solara's Markdown would fetch a maths renderer online)."""
    return solara.HTML(tag="div", unsafe_innerHTML=markdown.markdown(text),
                       style={"font-size": "0.9em"})
