"""No sitemap requests that fail: language alternates live in the sitemap, not in <head>.

Material for MkDocs reads every ``<link rel="alternate">`` of a page as the root of
another version of the site and fetches ``sitemap.xml`` under it (to keep the reader
on the same page when they follow a link there). mkdocs-static-i18n fills those links
with each language's version of *this page*, so every page asked for six
``…/this-page/sitemap.xml`` files, all missing: six 404s and six console errors on
every page load.

The per-page language alternates stay where search engines read them as well: in
``sitemap.xml`` (``<xhtml:link rel="alternate" hreflang>`` for every page, written by
mkdocs-static-i18n) and in the language switcher (``<a hreflang>``). The language
switcher already links each language's version of the page, so Material's alternate
handling has nothing to add. :func:`drop_alternate_links` removes the head links.
"""

from __future__ import annotations

import re

_HEAD = re.compile(r"<head\b.*?</head>", re.S | re.I)
_ALTERNATE = re.compile(r"""\s*<link\b(?=[^>]*\brel=["']?alternate["'\s>])(?=[^>]*\bhreflang=)[^>]*>""", re.I)


def drop_alternate_links(html: str) -> str:
    """``html`` without ``<link rel="alternate" hreflang>`` in its head (feeds keep theirs)."""
    match = _HEAD.search(html)
    if match is None:
        return html
    head = _ALTERNATE.sub("", match[0])
    return html[: match.start()] + head + html[match.end() :]
