"""The built site's files after MkDocs: what the site does not use is removed, the 404 page made to work anywhere."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

# Material ships these for its own search (switched off: see mkdocs.yml) and for debugging; no page loads them.
UNUSED_DIRS = ("assets/javascripts/lunr", "assets/javascripts/workers")
UNUSED_FILES = ("sitemap.xml", "sitemap.xml.gz")  # for search engines; the site is on an intranet or a USB stick
_SOURCE_MAP = re.compile(r"\n?//# sourceMappingURL=\S+\s*$")
_ROOT_URL = re.compile(r'\b(href|src)="/(?!/)')
# From a web server, a missing page anywhere (/matters/x.html) gets this page: its links then start at the site
# root, as MkDocs wrote them. From a folder (file://) they are relative to the folder holding 404.html.
_BASE = ('<script>if (location.protocol !== "file:") { document.write(\'<base href="/">\'); }</script>')


def unused(site_dir: Path) -> list[Path]:
    """Files and folders of the built site that no page uses."""
    found = [site_dir / d for d in UNUSED_DIRS if (site_dir / d).is_dir()]
    found += [site_dir / f for f in UNUSED_FILES if (site_dir / f).is_file()]
    found += sorted(p for p in site_dir.glob("assets/**/*.map")
                    if not any(p.is_relative_to(site_dir / d) for d in UNUSED_DIRS))
    return found


def strip_source_map(text: str) -> str:
    """A script without its sourceMappingURL comment (the map is not shipped)."""
    return _SOURCE_MAP.sub("\n", text)


def relative_404(html: str) -> str:
    """The 404 page with root-relative links (/assets/…) made relative, so that it works opened from a folder."""
    if _BASE in html:
        return html  # made so already (a site finished twice)
    html = _ROOT_URL.sub(r'\1="', html)
    return html.replace("<head>", "<head>\n" + _BASE, 1)


def tidy(site_dir: Path) -> None:
    """Remove what the site does not use, and fix the 404 page, in a built site."""
    for path in unused(site_dir):
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()
    for script in site_dir.glob("assets/javascripts/*.js"):
        text = script.read_text(encoding="utf-8")
        stripped = strip_source_map(text)
        if stripped != text:
            script.write_text(stripped, encoding="utf-8")
    page = site_dir / "404.html"
    if page.exists():
        page.write_text(relative_404(page.read_text(encoding="utf-8")), encoding="utf-8")
