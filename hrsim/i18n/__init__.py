"""Every user-facing text in Bahasa Indonesia and English, in one place: the TOML files here.

Each ``*.toml`` file in this folder maps keys to ``{ id = "...", en = "..." }`` (one file per area:
``core.toml`` for the model and run summary, others for reports and the app). `t(key, lang)` looks a
text up; a test checks that every key has both languages and that no key is defined twice.
"""

from __future__ import annotations

import functools
import math
import tomllib
from importlib import resources

LANGUAGES = ("id", "en")


@functools.cache
def catalogue() -> dict[str, dict[str, str]]:
    """All texts, merged from every TOML file of this package."""
    texts: dict[str, dict[str, str]] = {}
    for item in sorted(resources.files(__name__).iterdir(), key=lambda p: p.name):
        if item.name.endswith(".toml"):
            for key, value in tomllib.loads(item.read_text(encoding="utf-8")).items():
                if key in texts:
                    raise ValueError(f"text key '{key}' is defined twice (in {item.name})")
                texts[key] = value
    return texts


def t(key: str, lang: str = "en", **fields: object) -> str:
    """The text for `key` in `lang` (``id`` or ``en``), with ``{field}`` placeholders filled."""
    if lang not in LANGUAGES:
        raise ValueError(f"language {lang!r} is not one of {', '.join(LANGUAGES)}")
    text = catalogue()[key][lang]
    return text.format(**fields) if fields else text


def number(value: float | None, lang: str, decimals: int = 2) -> str:
    """`value` with thousands separators in the conventions of `lang` (–, if missing).

    Indonesian writes 1.234,5 where English writes 1,234.5; Python's locale module would need
    the system locales installed, so the two separators are swapped here.
    """
    if value is None or not math.isfinite(value):
        return "–"
    if round(value, decimals) == 0:
        value = 0.0  # not "-0.00"
    text = f"{value:,.{decimals}f}"
    return text.translate(str.maketrans(",.", ".,")) if lang == "id" else text
