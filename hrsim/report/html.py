"""The reports' HTML pages: one Jinja environment and one base template (``templates/base.html``).

Each report's template extends the base (its head, the shared style) and fills its ``title``
and ``body`` blocks; pages are self-contained (plots embedded as base64 PNG).
"""

from __future__ import annotations

import functools
from typing import Any

import jinja2

from hrsim.i18n import t
from hrsim.version import __version__


@functools.cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.PackageLoader("hrsim.report", "templates"),
                              autoescape=True, undefined=jinja2.StrictUndefined,
                              trim_blocks=True, lstrip_blocks=True)


def render_page(template: str, lang: str, **context: Any) -> str:
    """The page `template` in `lang`: ``t(key, **fields)`` in it translates, `context` fills it."""
    return _environment().get_template(template).render(
        lang=lang, version=__version__, t=lambda key, **kw: t(key, lang, **kw), **context)
