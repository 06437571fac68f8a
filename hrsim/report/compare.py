"""The comparison report: one self-contained HTML file, the summary table as CSV, provenance.

Every label and explanation comes from ``hrsim/i18n`` (Bahasa Indonesia or English); plots are
embedded as base64 PNG so the HTML file can be mailed or opened offline. Files are written
atomically: an interrupted report leaves nothing half-written.
"""

from __future__ import annotations

import base64
import functools
import inspect
import json
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hrsim.analysis.compare import EFFICIENCY, FEW_REPS, SERIES, Comparison, row_info
from hrsim.analysis.effects import GRADE_LETTERS
from hrsim.atomic import atomic_dir
from hrsim.i18n import catalogue, number, t
from hrsim.measures import compared
from hrsim.policies import REGISTRY, Policy
from hrsim.report import plots
from hrsim.report.html import render_page
from hrsim.report.tables import write_csv
from hrsim.results import clean
from hrsim.world.citizens import ELEMENTS

if TYPE_CHECKING:
    from hrsim.scenarios import Scenario

FILES = ("report.html", "summary.csv", "runs.csv", "provenance.json")


def write_report(comparison: Comparison, out: Path, lang: str = "id") -> list[Path]:
    """Write report.html, summary.csv, runs.csv and provenance.json into `out` (atomically)."""
    html = render(comparison, lang)
    with atomic_dir(out) as tmp:
        (tmp / "report.html").write_text(html, encoding="utf-8")
        write_csv(comparison.table, tmp / "summary.csv")
        write_csv(comparison.runs, tmp / "runs.csv")
        if comparison.uncertain is not None:
            write_csv(comparison.uncertain, tmp / "runs_parameters.csv")
        (tmp / "provenance.json").write_text(
            json.dumps(clean(comparison.provenance()), indent=2, ensure_ascii=False) + "\n",
            encoding="utf-8")
    return [out / name for name in FILES]


def render(comparison: Comparison, lang: str = "id") -> str:
    """The report as one HTML page in `lang`."""
    return render_page("compare.html", lang, view=ReportView(comparison, lang))


class ReportView:
    """What the template shows, formatted for one language."""

    def __init__(self, comparison: Comparison, lang: str) -> None:
        self.comparison, self.lang = comparison, lang
        self.reference = plots.label(comparison.reference, lang)
        self.others = comparison.scenarios[1:]
        self.enough_reps = FEW_REPS
        self.few_reps = comparison.reps < FEW_REPS

    def label(self, scenario: Scenario) -> str:
        """The scenario's title in the report's language."""
        return plots.label(scenario, self.lang)

    def value(self, measure: str, x: float) -> str:
        """A value of `measure` (a row of the summary table) for display, with its unit."""
        info = row_info(measure)
        text = number(x * info.scale, self.lang, info.digits)
        return text + info.unit if text != "–" else text

    def measure_label(self, measure: str) -> str:
        """The measure's name, with its element code (U1..U9) or scale (0–100) where it has one."""
        if measure in ELEMENTS:
            return f"{measure} {t(measure, self.lang)}"
        return t(measure, self.lang) + plots.scale_note(measure)

    def mean(self, scenario: Scenario, measure: str) -> str:
        """``mean [low; high]``."""
        row = self.comparison.row(scenario.name, measure)
        return self._interval(measure, row["mean"], row["ci_low"], row["ci_high"])

    def diff(self, scenario: Scenario, measure: str) -> str:
        """``+difference [low; high]`` against the reference."""
        row = self.comparison.row(scenario.name, measure)
        return self._interval(measure, row["diff"], row["diff_low"], row["diff_high"], sign=True)

    def diff_param(self, scenario: Scenario, measure: str) -> str:
        """The difference under parameter uncertainty: ``+difference [low; high]``."""
        row = self.comparison.row(scenario.name, measure)
        return self._interval(measure, row["diff_param"], row["diff_param_low"],
                              row["diff_param_high"], sign=True)

    def probability(self, scenario: Scenario, measure: str, column: str) -> str:
        """A probability of the summary table (``p_better``, ``p_best``) as a percentage."""
        return number(100 * self.comparison.row(scenario.name, measure)[column], self.lang, 0) \
            + "%"

    def deciders(self, scenario: Scenario) -> str:
        """The assumptions that decide the sign of the IKM effect, if it is unsure."""
        value = self.comparison.row(scenario.name, "ikm").get("deciders")
        return value if isinstance(value, str) else ""

    def verdict(self, scenario: Scenario, measure: str) -> str:
        """``better``, ``worse``, ``higher``, ``lower`` or ``unclear`` (CSS class and text key)."""
        return str(self.comparison.row(scenario.name, measure)["verdict"])

    def extra_cost(self, scenario: Scenario) -> str:
        """What the scenario costs beyond the reference, in Rp million."""
        return self.value("cost_rp", self.comparison.row(scenario.name, "cost_rp")["diff"])

    def _interval(self, measure: str, mid: float, low: float, high: float,
                  sign: bool = False) -> str:
        text = self.value(measure, mid)
        if sign and math.isfinite(mid) and mid > 0:
            text = "+" + text
        if math.isfinite(low) and math.isfinite(high):
            text += f" [{self.value(measure, low)}; {self.value(measure, high)}]"
        return text

    def modal_grade(self, scenario: Scenario) -> str:
        """The grade most replications got, with its share."""
        shares = {g: self.comparison.row(scenario.name, f"grade_{g}")["mean"]
                  for g in GRADE_LETTERS}
        best = max(shares, key=shares.__getitem__)
        share = self.value(f"grade_{best}", shares[best])
        return f"{best} ({t('grade.' + best, self.lang)}) · {share}"

    @property
    def measures(self) -> list[str]:
        """Every measure compared."""
        return compared()

    @property
    def grades(self) -> tuple[str, ...]:
        """Grades A–D."""
        return GRADE_LETTERS

    @property
    def efficiency(self) -> list[str]:
        """The cost-effectiveness measures."""
        return list(EFFICIENCY)

    @functools.cached_property
    def figures(self) -> dict[str, str]:
        """Every plot as a base64 PNG, by name."""
        c, lang = self.comparison, self.lang
        made = {f"bands_{column}": plots.bands_figure(c, column, lang) for column in SERIES}
        if self.others:
            made["difference"] = plots.difference_figure(c, lang=lang)
            made["cost"] = plots.cost_effect_figure(c, lang=lang)
        made["elements"] = plots.elements_figure(c, lang)
        if c.uncertain is not None:
            made["p_best"] = plots.p_best_figure(c, lang)
        return {name: base64.b64encode(plots.png(fig)).decode() for name, fig in made.items()}

    @property
    def policy_types(self) -> list[str]:
        """The policy types used by the scenarios, in order of first use."""
        return list(dict.fromkeys(p.key for s in self.comparison.scenarios for p in s.policies))

    @property
    def provenance(self) -> dict[str, Any]:
        """Provenance of the run (see `Comparison.provenance`)."""
        return self.comparison.provenance()

    def policy_note(self, key: str) -> str:
        """A plain-language note on a policy type (its docstring if it has no translated note)."""
        note = f"note.policy.{key}"
        return t(note, self.lang) if note in catalogue() else inspect.getdoc(REGISTRY[key]) or key

    def policy_fields(self, policy: Policy) -> str:
        """``field = value`` of a policy, as in its scenario file."""
        return ", ".join(f"{k} = {_toml(v)}" for k, v in policy.model_dump().items())

    def params(self, scenario: Scenario) -> str:
        """``key = value`` of the scenario's parameter overrides."""
        return ", ".join(f"{k} = {_toml(v)}" for k, v in scenario.params.items())


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer() and abs(value) >= 10_000:
        return f"{int(value):_}"
    return repr(value) if isinstance(value, str) else str(value)
