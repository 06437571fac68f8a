"""The pattern-oriented validation as a table for the terminal and a report page."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from hrsim.analysis.patterns import Verdict, table
from hrsim.atomic import atomic_dir
from hrsim.i18n import number, t
from hrsim.report.html import render_page


def _tolerance(verdict: Verdict, lang: str) -> str:
    lo, hi = verdict.pattern.tolerance
    digits = verdict.pattern.digits
    if math.isinf(lo):
        return f"≤ {number(hi, lang, digits)}"
    if math.isinf(hi):
        return f"≥ {number(lo, lang, digits)}"
    return f"{number(lo, lang, digits)} – {number(hi, lang, digits)}"


def _simulated(verdict: Verdict, lang: str) -> str:
    digits = verdict.pattern.digits
    shown = number(verdict.mean, lang, digits)
    if math.isfinite(verdict.low):
        shown += f" [{number(verdict.low, lang, digits)}; {number(verdict.high, lang, digits)}]"
    return shown


def rows(verdicts: list[Verdict], lang: str) -> list[dict[str, Any]]:
    """Each pattern as shown: key, real figure, tolerance, simulated figure, verdict, source."""
    return [{"key": v.pattern.key, "real": v.pattern.real, "source": v.pattern.source,
             "tolerance": _tolerance(v, lang), "simulated": _simulated(v, lang),
             "passed": v.passed} for v in verdicts]


def text(verdicts: list[Verdict], lang: str) -> str:
    """The verdicts as a table for the terminal."""
    shown = rows(verdicts, lang)
    lines = [f"{'':5}{t('pattern.tolerance', lang):>16}  {t('pattern.simulated', lang):<28}"
             f"{t('pattern.verdict', lang)}"]
    for row in shown:
        verdict = t("pattern.pass", lang) if row["passed"] else t("pattern.fail", lang)
        lines.append(f"{row['key']:<5}{row['tolerance']:>16}  {row['simulated']:<28}{verdict}"
                     f"  {t('pattern.' + row['key'], lang)}")
    passed = sum(row["passed"] for row in shown)
    lines.append(t("pattern.summary", lang, passed=passed, total=len(shown)))
    return "\n".join(lines)


def write(out: Path, verdicts: list[Verdict], settings: dict[str, Any], lang: str) -> None:
    """Write ``patterns.csv``, ``patterns.json`` and ``report.html`` into `out`, atomically."""
    shown = rows(verdicts, lang)
    with atomic_dir(out) as tmp:
        frame = table(verdicts)
        frame.to_csv(tmp / "patterns.csv", index=False)
        (tmp / "patterns.json").write_text(json.dumps(
            {"settings": settings, "patterns": frame.to_dict(orient="records")}, indent=2,
            default=float), encoding="utf-8")
        (tmp / "report.html").write_text(render_page(
            "patterns.html", lang, rows=shown, settings=settings,
            passed=sum(row["passed"] for row in shown)), encoding="utf-8")
