"""Regenerate the tables in docs/ODD.md that are made from the code (parameters, services).

Run ``python docs/update_odd.py`` after changing `hrsim/params.py` or the service catalogue; a test
fails while the document and the code disagree.
"""

from __future__ import annotations

from pathlib import Path

from hrsim.params import parameter_table
from hrsim.world.services import CATALOGUE

ODD = Path(__file__).with_name("ODD.md")


def service_table() -> str:
    """The service catalogue as a markdown table."""
    lines = ["| Service | Share [A] | Back office (min) | Route after the counter | Promised "
             "(days) | Fee (Rp) | Delegable under PATEN | Source |",
             "|---|---|---|---|---|---|---|---|"]
    for s in CATALOGUE:
        lines.append(f"| `{s.key}` | {s.share:.0%} | {s.back_office_min:g} | "
                     f"{' → '.join(s.route)} | {s.promised_days} | {s.fee_rp:,} | "
                     f"{', '.join(s.delegable) or '–'} | {s.source} |")
    return "\n".join(lines) + "\n"


BLOCKS = {"params": lambda: parameter_table(markdown=True), "services": service_table}


def render(text: str) -> str:
    """`text` with every generated block replaced by its current content."""
    for name, make in BLOCKS.items():
        begin, end = f"<!-- {name}:begin -->\n", f"<!-- {name}:end -->"
        head, rest = text.split(begin)
        _, tail = rest.split(end)
        text = f"{head}{begin}{make()}{end}{tail}"
    return text


if __name__ == "__main__":
    ODD.write_text(render(ODD.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"updated {ODD}")
