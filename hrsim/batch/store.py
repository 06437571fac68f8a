"""A batch's results folder: manifest, design, one Parquet file per run, and failures.

Layout of ``OUT/``::

    manifest.json            experiment, its hash, hrsim version, counts, column contract
    design.parquet           one row per design point (factor values, raw SALib samples)
    runs/<run_id>.parquet    one row per finished run (see `ResultStore.columns`)
    series/<run_id>.parquet  run_id, day and the daily series of ``[output] series`` (floats)
    failures/<run_id>.json   a run that raised: its error and traceback

Every file is written under a temporary hidden name and renamed into place (`hrsim.atomic`), so
a killed batch leaves only complete files and readers (pandas, pyarrow, DuckDB) skip the hidden
ones. A folder holds one experiment: a different experiment (another hash) is refused.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from hrsim.atomic import write_atomic
from hrsim.batch.experiment import TEXT_MEASURES, Experiment, flatten, summary_columns
from hrsim.errors import InputError
from hrsim.execution import JobResult
from hrsim.results import clean
from hrsim.version import __version__

FORMAT = 1
TYPES = {"string": pa.string(), "int64": pa.int64(), "double": pa.float64(), "bool": pa.bool_(),
         "timestamp": pa.timestamp("ms", tz="UTC")}


class ResultStore:
    """The results folder of one experiment.

    Attributes:
        out: The folder.
        manifest: Its ``manifest.json``.
    """

    def __init__(self, out: Path, manifest: dict[str, Any]) -> None:
        self.out = Path(out)
        self.manifest = manifest
        self.schema = pa.schema([(name, TYPES[kind]) for name, kind in manifest["columns"].items()])

    # --- opening ---------------------------------------------------------------------------

    @classmethod
    def create(cls, out: Path, experiment: Experiment, points: pd.DataFrame) -> ResultStore:
        """Open `out` for `experiment`, writing its manifest and design the first time.

        Raises:
            InputError: `out` holds another experiment's results, or files that are not results.
        """
        out = Path(out)
        manifest = _manifest(experiment, points)
        old = _read_manifest(out)
        if old is None and out.exists() and any(out.iterdir()):
            raise InputError(f"--out {out}: the folder is not empty and holds no batch results "
                             "(no manifest.json); choose a new or empty folder")
        if old is not None:
            _refuse_mismatch(out, old, manifest)
            manifest["created"] = old["created"]
        store = cls(out, manifest)
        for sub in ("runs", "series", "failures"):
            (out / sub).mkdir(parents=True, exist_ok=True)
        write_atomic(out / "design.parquet", _parquet(pa.Table.from_pandas(points,
                                                                            preserve_index=False)))
        write_atomic(out / "manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False))
        store.tidy()
        return store

    @classmethod
    def open(cls, out: Path) -> ResultStore:
        """Open the results folder `out` for reading.

        Raises:
            InputError: `out` is not a results folder.
        """
        manifest = _read_manifest(Path(out))
        if manifest is None:
            raise InputError(f"{out}: not a batch results folder (no manifest.json); "
                             "make one with 'hrsim batch EXPERIMENT.toml --out DIR'")
        return cls(out, manifest)

    # --- state -----------------------------------------------------------------------------

    def finished(self) -> set[str]:
        """Run ids with a result file."""
        return {p.stem for p in (self.out / "runs").glob("[!.]*.parquet")}

    def failed(self) -> set[str]:
        """Run ids recorded as failed."""
        return {p.stem for p in (self.out / "failures").glob("[!.]*.json")}

    def tidy(self) -> None:
        """Remove what a killed batch may leave: temporary files, failures that later succeeded."""
        for sub in ("runs", "series", "failures"):
            for tmp in (self.out / sub).glob(".*"):
                tmp.unlink(missing_ok=True)
        for key in self.failed() & self.finished():
            (self.out / "failures" / f"{key}.json").unlink(missing_ok=True)

    # --- writing ---------------------------------------------------------------------------

    def record(self, result: JobResult) -> None:
        """Write one run's row (and series), or its failure record."""
        key = result.job.key
        if not result.ok:
            write_atomic(self.out / "failures" / f"{key}.json",
                         json.dumps(self._failure(result), indent=2, ensure_ascii=False))
            return
        if result.series is not None:  # floats, so every file has the same schema
            series = result.series.astype("float64").reset_index()
            series.insert(0, "run_id", key)
            write_atomic(self.out / "series" / f"{key}.parquet",
                         _parquet(pa.Table.from_pandas(series, preserve_index=False)))
        row = pa.Table.from_pylist([self._row(result)], schema=self.schema)
        write_atomic(self.out / "runs" / f"{key}.parquet", _parquet(row))
        (self.out / "failures" / f"{key}.json").unlink(missing_ok=True)

    def _row(self, result: JobResult) -> dict[str, Any]:
        job = result.job
        return {"run_id": job.key, **job.tags, "seed": job.seed, "days": job.days,
                **clean(flatten(result.summary)),
                "scenario": job.scenario.name, "scenario_hash": job.scenario.digest,
                "hrsim_version": __version__,
                "experiment_hash": self.manifest["experiment_hash"], "host": result.host,
                "started": _utc(result.started), "finished": _utc(result.finished),
                "run_seconds": result.finished - result.started}

    def _failure(self, result: JobResult) -> dict[str, Any]:
        job = result.job
        return clean({"run_id": job.key, **job.tags, "seed": job.seed, "days": job.days,
                      "error": result.error, "traceback": result.traceback, "host": result.host,
                      "started": _utc(result.started).isoformat(),
                      "finished": _utc(result.finished).isoformat()})

    # --- reading ---------------------------------------------------------------------------

    def runs(self) -> pd.DataFrame:
        """Every finished run, one row each, sorted by run id."""
        if next((self.out / "runs").glob("[!.]*.parquet"), None) is None:
            return self.schema.empty_table().to_pandas()
        table = pq.read_table(self.out / "runs", schema=self.schema)
        return table.to_pandas().sort_values("run_id", ignore_index=True)

    def design(self) -> pd.DataFrame:
        """The design points."""
        return pd.read_parquet(self.out / "design.parquet")

    def failures(self) -> list[dict[str, Any]]:
        """The failure records, sorted by run id."""
        return [json.loads(p.read_text(encoding="utf-8"))
                for p in sorted((self.out / "failures").glob("[!.]*.json"))]


def columns(experiment: Experiment, points: pd.DataFrame) -> dict[str, str]:
    """The column contract of ``runs/*.parquet``: name → Arrow type."""
    factors = {f.name: _kind(points[f.name]) for f in experiment.factors}
    return {"run_id": "string", "point": "int64", "sample": "int64", "replication": "int64",
            **factors, "seed": "int64", "days": "int64",
            **{name: "string" if name in TEXT_MEASURES else "double" for name in summary_columns()},
            "scenario": "string", "scenario_hash": "string", "hrsim_version": "string",
            "experiment_hash": "string", "host": "string",
            "started": "timestamp", "finished": "timestamp", "run_seconds": "double"}


def _kind(values: pd.Series) -> str:
    """The contract type of a factor's values."""
    if pd.api.types.is_bool_dtype(values):
        return "bool"
    if pd.api.types.is_integer_dtype(values):
        return "int64"
    return "double" if pd.api.types.is_float_dtype(values) else "string"


def _manifest(experiment: Experiment, points: pd.DataFrame) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "experiment": experiment.name,
        "description": experiment.spec.description,
        "source": experiment.source,
        "experiment_hash": experiment.digest,
        "hrsim_version": __version__,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "points": len(points),
        "replications": experiment.spec.replications,
        "runs": len(points) * experiment.spec.replications,
        "spec": experiment.to_dict(),
        "identity": experiment.identity(),
        "columns": columns(experiment, points),
    }


def _read_manifest(out: Path) -> dict[str, Any] | None:
    try:
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (ValueError, UnicodeDecodeError):
        raise InputError(f"{out}/manifest.json: not a batch manifest") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise InputError(f"{out}/manifest.json: not a batch manifest of this hrsim version")
    return manifest


def _refuse_mismatch(out: Path, old: dict[str, Any], new: dict[str, Any]) -> None:
    if old["hrsim_version"] != new["hrsim_version"]:
        raise InputError(f"--out {out}: holds results of hrsim {old['hrsim_version']}, this is "
                         f"{new['hrsim_version']}; results of two model versions are never mixed "
                         "— choose another --out folder")
    if old["experiment_hash"] != new["experiment_hash"]:
        changed = [k for k in new["identity"] if old["identity"].get(k) != new["identity"][k]]
        raise InputError(f"--out {out}: holds results of experiment '{old['experiment']}' "
                         f"(hash {old['experiment_hash']}); this experiment (hash "
                         f"{new['experiment_hash']}) differs in: {', '.join(changed)}; results "
                         "are never mixed — choose another --out folder or delete this one")


def _parquet(table: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink)
    return sink.getvalue().to_pybytes()


def _utc(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)
