"""The wheel stays installable: built from a copy of the sources, installed into a new environment
and run from another folder, package data (scenarios, translations, report templates) included.

The new environment sees this one's site-packages through a ``.pth`` file (no download of the
dependencies); a path listed in a ``.pth`` file has its own ``.pth`` files left unread, so the
editable install of the checkout stays hidden and the ``hrsim`` imported is the wheel's.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from importlib import metadata
from pathlib import Path

import pytest

pytestmark = pytest.mark.xdist_group("wheel")  # one wheel (module fixture)
ROOT = Path(__file__).resolve().parent.parent


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True,
                          text=True, check=False)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A new environment with the wheel installed; its ``bin`` folder."""
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "source"  # a copy: building leaves build/ and *.egg-info in its folder
    shutil.copytree(ROOT / "hrsim", source / "hrsim",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    built = run(sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "--no-build-isolation",
                "--quiet", "-w", tmp / "dist", cwd=source)
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp / "dist").glob("hrsim-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "hrsim/scenarios/builtin/training.toml" in names
    assert "hrsim/report/templates/compare.html" in names and "hrsim/i18n/core.toml" in names
    assert not [n for n in names if n.startswith("tests/")]
    venv = tmp / "venv"
    made = run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp)
    assert made.returncode == 0, made.stderr
    python = venv / "bin" / "python"
    site = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))",
                    cwd=tmp).stdout.strip())
    (site / "outer.pth").write_text(sysconfig.get_path("purelib") + "\n")
    done = run(sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps",
               "--no-index", wheel, cwd=tmp)
    assert done.returncode == 0, done.stderr
    return venv / "bin"


def test_the_installed_hrsim_is_the_wheels(installed, tmp_path):
    where = run(installed / "python", "-c", "import hrsim; print(hrsim.__file__)", cwd=tmp_path)
    assert where.returncode == 0, where.stderr
    assert Path(where.stdout.strip()).is_relative_to(installed.parent)


def test_the_installed_command_runs_from_another_folder(installed, tmp_path):
    out = run(installed / "hrsim", "run", "--days", "5", "--json", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert (data["scenario"], data["days"], data["seed"], data["params"]) == ("baseline", 5, 0, {})
    assert set(data["elements"]) == {f"U{k}" for k in range(1, 10)}
    assert 25 <= data["ikm"] <= 100 and data["grade"] in ("A", "B", "C", "D")
    assert data["hrsim_version"] == metadata.version("hrsim")


def test_the_installed_package_has_its_data(installed, tmp_path):
    """A built-in scenario, the translations and the report's templates, read from the wheel."""
    out = run(installed / "hrsim", "compare", "training", "--reps", "2", "--days", "3",
              "--set", "residents=1000", "--workers", "1", "--lang", "en", "--out", "report",
              cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    html = (tmp_path / "report" / "report.html").read_text()
    assert "Comparing Human Relations policies in the kantor camat" in html  # i18n, template
    assert "training" in (tmp_path / "report" / "summary.csv").read_text()  # the built-in file
    listed = run(installed / "hrsim", "scenarios", "--lang", "en", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert "human-relations" in listed.stdout and "staff-shortage" in listed.stdout
