"""Search in the offline copy, where Chromium starts no worker from file://.

Material's own answer is its author's ``iframe-worker`` shim (vendored, pinned in
package.json): it runs the search worker in a hidden iframe, into which it writes one
small inline script. The Content-Security-Policy allows no inline script, so the offline
copy's pages allow exactly that one, by its hash. The script is known in advance: it is
the shim's own template (read from the vendored file, never from a page) filled with the
shim's two helper functions and the page's worker address, which the kit sets itself
(``search.configure_page``). Nothing that content writes can match it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from functools import cache
from pathlib import Path

SHIM = "assets/javascripts/vendor/iframe-worker/shim.js"
SHIM_FILE = Path(__file__).resolve().parent / "theme" / SHIM
_CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)


def _function(source: str, name: str) -> str:
    """The source of ``function name(...){...}`` in the minified shim (braces matched)."""
    start = source.index(f"function {name}(")
    depth = 0
    for index in range(source.index("{", start), len(source)):
        if source[index] == "{":
            depth += 1
        elif source[index] == "}":
            depth -= 1
            if depth == 0:
                return source[start : index + 1]
    raise ValueError(f"function {name} has no end in {SHIM_FILE}")


@cache
def _template() -> tuple[str, str, str]:
    source = SHIM_FILE.read_text(encoding="utf-8")
    template = re.search(r"<html><body><script>(.*?)<\\/script>", source, re.S)
    if template is None:
        raise ValueError(f"{SHIM_FILE} is not the iframe-worker shim this module knows")
    helpers = re.search(r"postMessage=\$\{(\w)\};importScripts=\$\{(\w)\}", template[1])
    if helpers is None:
        raise ValueError(f"{SHIM_FILE} is not the iframe-worker shim this module knows")
    return template[1], _function(source, helpers[1]), _function(source, helpers[2])


def inline_script(worker_url: str) -> str:
    """The script the shim writes into its iframe for a worker at ``worker_url``."""
    template, post, imports = _template()
    helpers = re.search(r"postMessage=\$\{(\w)\};importScripts=\$\{(\w)\}", template)
    assert helpers is not None
    text = template.replace("${" + helpers[1] + "}", post).replace("${" + helpers[2] + "}", imports)
    return re.sub(r"\$\{\w\}", lambda _: worker_url, text)


def script_hash(page_html: str) -> str | None:
    """The CSP source (``'sha256-...'``) that lets the shim search on this page, or None."""
    match = _CONFIG.search(page_html)
    if match is None:
        return None
    worker = json.loads(match[1]).get("search")
    if not worker:
        return None
    digest = hashlib.sha256(inline_script(str(worker)).encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"
