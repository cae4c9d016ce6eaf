"""The output guarantee: every HTML fragment made from content passes an allow-list sanitizer.

Content comes from many hands; the source lint (``lint.py``) tells authors what is
wrong, with file and line, but it reads Markdown, and Markdown has many ways to
produce HTML. So the HTML that content produces (a page body with its raw HTML,
attribute lists, footnotes, tables, admonitions, tooltips) is cleaned here by
nh3, the Python binding of the Rust crate ammonia, an HTML5 parser-based
allow-list sanitizer, before it reaches a page or a PDF. Only the elements and
attributes that the kit's Markdown produces survive; URLs keep only the schemes
below; images must come from the site itself.

Text that is not HTML (front matter, strings.yml values, titles) is escaped by
:func:`text` wherever it goes into HTML.
"""

from __future__ import annotations

import html
import json
import re
from urllib.parse import urlsplit

import nh3
from markupsafe import Markup

TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
        "details", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6",
        "hr", "i", "img", "input", "ins", "kbd", "label", "li", "mark", "ol", "p", "pre", "q", "s",
        "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
        "thead", "tr", "u", "ul",
    }
)  # fmt: skip
_COMMON = {"class", "id", "title", "lang", "dir"}
ATTRIBUTES: dict[str, set[str]] = {
    "*": _COMMON,
    "a": {"href"},
    "abbr": set(),
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "scope", "style"},
    "ol": {"start", "type"},
    "details": {"open"},
    "input": {"type", "checked", "disabled"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
STYLE_PROPERTIES = frozenset({"text-align"})  # Markdown tables align columns with it

# Ids and classes the site's own code relies on: content may not imitate them
# (DOM clobbering of the tool's data, Material's components).
_RESERVED_ID = re.compile(r"^(kit-|kt-|__|md-)", re.I)
_CLASS = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,63}$")
_RESERVED_CLASS = re.compile(r"^(kit-tool|md-(?!button|typeset__))")


def _is_local(url: str) -> bool:
    parts = urlsplit(url.strip())
    return not parts.scheme and not parts.netloc and not url.strip().startswith(("/", "\\"))


def _filter(tag: str, attr: str, value: str) -> str | None:
    if attr == "id":
        return None if _RESERVED_ID.match(value) else value
    if attr == "class":
        kept = [c for c in value.split() if _CLASS.match(c) and not _RESERVED_CLASS.match(c)]
        return " ".join(kept) or None
    if tag == "img" and attr == "src":
        return value if _is_local(value) else None
    if tag == "input":
        if attr == "type":
            return value if value == "checkbox" else None
        return value
    return value


def fragment(markup: str) -> str:
    """Clean an HTML fragment made from content."""
    return nh3.clean(
        markup,
        tags=set(TAGS),
        clean_content_tags={"script", "style", "template", "noscript", "iframe", "object", "svg", "math"},
        attributes={tag: set(attrs) for tag, attrs in ATTRIBUTES.items()},
        attribute_filter=_filter,
        strip_comments=True,
        link_rel=None,
        url_schemes=set(URL_SCHEMES),
        filter_style_properties=set(STYLE_PROPERTIES),
        set_tag_attribute_values={"input": {"disabled": ""}},
    )


INLINE_TAGS = frozenset({"abbr", "b", "code", "em", "i", "kbd", "mark", "s", "small", "span", "strong", "sub", "sup"})


def inline(markup: str) -> str:
    """Clean a title (a heading as HTML): inline elements only, no links, no ids."""
    return nh3.clean(markup, tags=set(INLINE_TAGS), attributes={}, link_rel=None, strip_comments=True)


def text(value: object) -> Markup:
    """Plain text made safe for HTML content and quoted attributes.

    The result is a ``Markup`` string, so that a template that escapes again (Jinja's
    ``|e``) does not escape it twice.
    """
    return Markup(html.escape(str(value), quote=True))  # noqa: S704 - escaped on this line


def json_script(data: object, ident: str) -> str:
    """Data for a page's script, embedded as inert JSON: '<', '>' and '&' are escaped, so no
    text in it can close the tag or start markup."""
    text = (
        json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )
    return f'<script type="application/json" id="{html.escape(ident)}">{text}</script>'
