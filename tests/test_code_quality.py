"""Static checks that are part of the suite: ruff, and the documentation tables made by the code."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from hrsim.params import parameter_table

ROOT = Path(__file__).resolve().parents[1]


def test_ruff_is_clean():
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    folders = [f for f in ("hrsim", "tests", "benchmarks", "docs", "experiments")
               if (ROOT / f).is_dir()]
    out = subprocess.run([ruff, "check", *folders], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_odd_tables_are_generated_from_the_code():
    """docs/ODD.md holds the parameter and service tables exactly as the code makes them."""
    sys.path.insert(0, str(ROOT / "docs"))
    from update_odd import render

    odd = (ROOT / "docs" / "ODD.md").read_text(encoding="utf-8")
    assert render(odd) == odd, "regenerate with: python docs/update_odd.py"
    assert parameter_table(markdown=True) in odd
