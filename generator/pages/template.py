"""The Jinja environment the pages are drawn with: every printed value escaped unless it is Markup."""

from __future__ import annotations

from functools import lru_cache

import jinja2

from .escape import FILTERS, finalize


@lru_cache(maxsize=1)
def env() -> jinja2.Environment:
    """The one environment (templates under generator/templates)."""
    # Every printed value passes escape.finalize: text unless it is Markup (made by escape.py or our code).
    environment = jinja2.Environment(loader=jinja2.PackageLoader("generator", "templates"), autoescape=False,
                                     keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
                                     undefined=jinja2.StrictUndefined, finalize=finalize)
    environment.filters.update(FILTERS)
    return environment


def draw(template: str, **values: object) -> str:
    """A template drawn with values (model objects and precomputed view values only)."""
    return env().get_template(template).render(**values)
