"""HTML fragments put into built pages after Markdown: the largest generated pieces, made once as HTML.

Python-Markdown takes about a fifth of a second to pass a 200 kB block of HTML through; a page holds a
marker instead, and the MkDocs adapter replaces it with the fragment once the page is converted.
"""

from __future__ import annotations

import hashlib
import re

from .escape import html_attr

# Any attribute order: Markdown's md_in_html writes a nested element's attributes sorted.
_MARKER = re.compile(r'<div\b[^>]*?\bdata-fragment="([^"]+)"[^>]*></div>')


def marker(key: str, fragment: str) -> str:
    """The placeholder a page holds for a fragment, with a digest of it.

    The digest makes the page's source change whenever its fragment does: `mkdocs serve --dirty` rebuilds a
    page only when its source changed, and would otherwise keep showing an old fragment.
    """
    digest = hashlib.sha1(fragment.encode("utf-8")).hexdigest()[:16]
    return f'<div data-fragment="{html_attr(key)}" data-digest="{digest}"></div>'


def fill(page_html: str, fragments: dict[str, str]) -> str:
    """The page with each marker replaced by its fragment (a marker with no fragment is left as it is)."""
    if "data-fragment" not in page_html:
        return page_html
    return _MARKER.sub(lambda m: fragments.get(m.group(1), m.group(0)), page_html)
