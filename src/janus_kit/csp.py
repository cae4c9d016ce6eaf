"""Content-Security-Policy: scripts, styles, fonts and connections from this origin only.

No inline script is allowed at all. Material's few inline scripts are served as
files instead (the kit's theme overrides ``partials/javascripts/*.html`` with
``<script src>`` tags), so the policy needs no hash and trusts nothing that the
finished page holds: a script that content managed to inject is blocked by the
browser. The kit's own data blocks are ``type="application/json"``, which a
browser never executes.

:func:`audit` is the last check of every finished HTML file: an executable inline
script, an event-handler attribute or a ``javascript:`` URL fails the build.
"""

from __future__ import annotations

import re
from html import unescape

POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "frame-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    )
)

_SCRIPT = re.compile(r"<script\b([^>]*)>", re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)
_DATA_TYPE = re.compile(r"""\btype\s*=\s*["']?application/(?:ld\+)?json["'\s>]""", re.I)
_TAG = re.compile(r"<[a-zA-Z][^>]*>")
_QUOTED = re.compile(r""""[^"]*"|'[^']*'""")
_HANDLER = re.compile(r"""[\s/]on[a-z]+\s*=""", re.I)
_URL_ATTR = re.compile(r"""\s(?:href|src|action|formaction|data|xlink:href)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", re.I)
_SCRIPT_URL = re.compile(r"^(?:javascript|vbscript|livescript):|^data:text/html", re.I)
_BASE = re.compile(r"<base\b", re.I)


def audit(html: str) -> str | None:
    """What executable thing a finished page holds, or None."""
    for match in _SCRIPT.finditer(html):
        attrs = match[1] + ">"
        if not _SRC.search(attrs) and not _DATA_TYPE.search(attrs):
            return "an inline <script>"
    if _BASE.search(html):
        return "a <base> element"
    for tag in _TAG.finditer(html):
        text = tag[0]
        if _HANDLER.search(_QUOTED.sub('""', text)):  # outside quoted attribute values
            return f"an event handler in {text[:60]!r}"
        for value in _URL_ATTR.findall(text):
            plain = re.sub(r"[\x00-\x20\x7f]+", "", unescape(value.strip("\"'")))
            if _SCRIPT_URL.search(plain):
                return f"a script URL in {text[:60]!r}"
    return None


def add_policy(html: str, *, scripts: tuple[str, ...] = ()) -> str:
    """Insert the policy as the first element of <head>.

    ``scripts`` are hashes of inline scripts that the site's own code writes (the offline
    copy's search shim), never of anything in the page."""
    policy = POLICY.replace("script-src 'self'", " ".join(("script-src 'self'", *scripts))) if scripts else POLICY
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return re.sub(r"<head([^>]*)>", lambda m: f"<head{m[1]}>{meta}", html, count=1, flags=re.I)
