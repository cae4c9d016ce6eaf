"""Content-Security-Policy: scripts, styles, fonts and connections from this origin only.

Material puts a few small inline scripts in every page. Each page gets a
policy that allows exactly those, by their SHA-256 hash, so no other inline
script (and none from another origin) can run.
"""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S | re.I)
_JSON_TYPE = re.compile(r"""\btype\s*=\s*["']?application/(?:ld\+)?json""", re.I)

BASE_POLICY = (
    "default-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)


def policy_for(html: str) -> str:
    hashes = []
    for attrs, body in _INLINE_SCRIPT.findall(html):
        if _JSON_TYPE.search(attrs):
            continue  # data, never executed
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        hashes.append(f"'sha256-{digest}'")
    script = " ".join(["script-src 'self'", *sorted(set(hashes))])
    return "; ".join([BASE_POLICY[0], script, *BASE_POLICY[1:]])


def add_policy(html: str) -> str:
    """Insert the policy as the first element of <head>."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html)}">'
    return re.sub(r"<head([^>]*)>", lambda m: f"<head{m[1]}>{meta}", html, count=1, flags=re.I)
