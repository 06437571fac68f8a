"""Laporan / Report: every job's files to download, and earlier work to reopen.

For each job of this browser: the report (HTML), the tables (CSV), the scenario and office files
(TOML) it used or produced, the command line that re-runs it (``command.txt``, run from the
unpacked folder), and the whole folder as one ZIP archive for the office's records.
"""

from __future__ import annotations

import io
import zipfile

import solara

from hrsim.i18n import t
from hrsim.planner.jobs import COMMAND_FILE, FINISHED, LOG_FILE, JobRecord
from hrsim.planner.state import Planner
from hrsim.planner.widgets import JobCard, download, prose
from hrsim.ui.island import Island

SHOWN = (".html", ".csv", ".toml", ".png")  # files offered one by one (others: in the archive)


def archive(job: JobRecord) -> bytes:
    """The job's folder as a ZIP archive (without its owner keys)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zipped:
        for path in sorted(job.folder.rglob("*")):
            relative = path.relative_to(job.folder)
            if path.is_file() and relative.parts[0] != "owners":
                zipped.write(path, f"{job.id}/{relative}")
    return out.getvalue()


def offered(job: JobRecord) -> list:
    """The job's files worth a button: outputs first, then inputs."""
    return [p for folder in (job.outputs, job.inputs) for p in sorted(folder.rglob("*"))
            if p.is_file() and p.suffix in SHOWN]


@solara.component
def JobFiles(job: JobRecord, planner: Planner):
    """One job: its card, a button per file, its command line, the archive."""
    lang = planner.lang
    JobCard(job, planner.workdir, lang, planner.touched)
    with solara.Row(style={"flex-wrap": "wrap"}, classes=["hrsim-downloads"]):
        for path in offered(job):
            download(path, f"{path.parent.name}/{path.name}"
                     if path.parent not in (job.inputs, job.outputs) else path.name)
        solara.FileDownload(lambda: archive(job), filename=f"{job.id}.zip",
                            label=t("planner.report.archive", lang),
                            mime_type="application/zip")
        if job.state in FINISHED and job.kind != "office":
            solara.Button(t("planner.remove", lang), text=True, small=True,
                          on_click=lambda: (planner.workdir.remove(job), planner.touched()))
    if (job.folder / COMMAND_FILE).exists():
        solara.Text(t("planner.report.command", lang), style={"font-size": "0.85em"})
        solara.Preformatted(f"cd {job.folder}\n"
                            + (job.folder / COMMAND_FILE).read_text(encoding="utf-8"))
    if (job.folder / LOG_FILE).exists() and job.state == "failed":
        download(job.folder / LOG_FILE, LOG_FILE)


@solara.component
def Reopen(planner: Planner):
    """Type the name of a job (from another browser, or before a restart) to see it here."""
    lang = planner.lang
    name, message = solara.use_reactive(""), solara.use_reactive("")

    def reopen() -> None:
        job = planner.workdir.claim(name.value, planner.owner)
        message.set(t("planner.report.reopened" if job else "planner.report.unknown", lang,
                      job=name.value.strip()))
        planner.touched()

    with solara.Row(style={"align-items": "center"}, classes=["hrsim-reopen"]):
        solara.InputText(t("planner.report.reopen", lang), value=name)
        solara.Button(t("planner.report.reopen_button", lang), on_click=reopen,
                      disabled=not name.value.strip())
    if message.value:
        solara.Info(message.value, dense=True)


@solara.component
def ReportPage(planner: Planner):
    """Laporan / Report."""
    lang = planner.lang
    prose(t("planner.report.intro", lang, workdir=planner.workdir.root.resolve()))
    Reopen(planner)
    Island(JobList, planner)


@solara.component
def JobList(planner: Planner):
    """Every job of this browser, newest first; redrawn when a job's file changes (an island)."""
    planner.follow_progress()
    jobs = planner.jobs()
    if not jobs:
        solara.Info(t("planner.report.none", planner.lang))
    for job in jobs:
        JobFiles(job, planner)
