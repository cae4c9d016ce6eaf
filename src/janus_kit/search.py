"""Search in the reader's own language: one index per language, stemmed, safe to show.

The engine's search plugin (Material for MkDocs) writes one index of the pages it
has built, and mkdocs-static-i18n merges the indexes of all languages into one file
that every page would load. This module turns that into **one index per language**,
each at its language's root (``search/search_index.json`` for the source language,
``fr/search/search_index.json`` ...), and points every page at its own:

- :func:`language_index` keeps the documents of one language, makes their locations
  relative to that language's root, and sets that language's lunr pipeline
  (trimmer, stop words, stemmer) when lunr has the language (Material ships
  lunr-languages; the kit adds Lithuanian), else plain words;
- :func:`safe_markup` re-checks every title and text: the engine's results are shown
  with ``innerHTML``, so only a few bare tags survive (``<p>``, ``<code>``, lists...)
  and every other ``<``, ``>`` or ``&`` is escaped;
- :func:`configure_page` rewrites a page's Material configuration: its ``base`` (where
  Material looks for ``search/search_index.json`` and resolves result links) becomes
  its language's root, and its search worker becomes the kit's thin wrapper
  (``theme/assets/javascripts/workers/kit-search.js``), which lets a stemmer see what
  the reader types.

Stemming happens in the browser, where lunr builds its index from the documents; the
stemmers are Snowball's (lunr-languages for fr/es/de/ro, lunr's own for en, Snowball's
Lithuanian for lt, vendored under ``theme/assets/javascripts/lunr/``). :func:`stemmer`
gives the same Snowball algorithm in Python (``snowballstemmer``), used by the tests to
prove that both sides stem Lithuanian alike and to find inflected forms, and by the
benchmark. Nothing here imports an engine.

Offline copies (pages opened from a folder, file://), by Material's conventions, need:

1. each index as a script (``search/search_index.js``: ``var __index = ...``), since a
   page cannot fetch a file there: written next to each language's index when
   Material's ``offline`` plugin is on (:func:`write_language_index`, ``script``);
2. the ``iframe-worker`` shim (npm ``iframe-worker``, MIT), because Chromium starts no
   worker from file://: Material's ``offline`` plugin adds it from unpkg.com, which the
   site may not load, so the copy must serve its own copy of ``shim/index.js`` in
   ``extra.polyfills`` instead;
3. a Content-Security-Policy that lets that shim run the one inline script it writes
   into its iframe (the page's own policy applies there): a ``'sha256-...'`` of that
   script, which names the page's worker URL and so differs with a page's depth.

Tried in Chromium on a Lithuanian module page with all three: "komandomis" finds the
8 pages with komanda, komandoje, komandos, as on the web. The kit's worker wrapper and
``lunr.lt.min.js`` find their files in the shim's iframe too.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

INDEX = "search/search_index.json"
WORKER = "kit-search.js"  # next to Material's worker, in assets/javascripts/workers/
PIPELINE = ("trimmer", "stopWordFilter", "stemmer")
KEPT_TAGS = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})
LUNR_DIR = "assets/javascripts/lunr/min"
SNOWBALL = {  # languages whose browser stemmer is a Snowball stemmer, by Snowball's name
    "en": "porter",  # lunr's own English stemmer is Porter's
    "fr": "french",
    "es": "spanish",
    "de": "german",
    "ro": "romanian",
    "lt": "lithuanian",
}

_PIECE = re.compile(
    r"<(/?)([A-Za-z][A-Za-z0-9]{0,15})>"  # a bare tag, no attributes
    r"|&(#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"  # an entity
    r"|[<>&]"
)
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
_WORDS = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")


def safe_markup(text: str) -> str:
    """``text`` with only bare kept tags and well-formed entities left as markup."""

    def piece(match: re.Match[str]) -> str:
        if match[2] is not None:
            return match[0].lower() if match[2].lower() in KEPT_TAGS else html_lib.escape(match[0])
        if match[3] is not None:
            return match[0]
        return html_lib.escape(match[0])

    return _PIECE.sub(piece, text)


def lunr_languages(theme_dirs: Iterable[str | Path]) -> frozenset[str]:
    """The languages lunr can stem in this theme: English, and every ``lunr.<lang>.min.js``."""
    found = {"en"}
    for folder in theme_dirs:
        for path in (Path(folder) / LUNR_DIR).glob("lunr.*.min.js"):
            code = path.name[len("lunr.") : -len(".min.js")]
            if code.isalpha() and code not in {"multi"}:
                found.add(code)
    return frozenset(found)


def language_index(
    data: Mapping[str, Any], *, root: str, other_roots: Sequence[str], lunr_lang: str | None
) -> dict[str, Any]:
    """The index of one language from an engine index (of that language or of all).

    ``root`` is the language's site-relative root ("" or "fr/"); documents under
    ``other_roots`` belong to other languages. ``lunr_lang`` is the lunr language of
    the pipeline, or None when lunr cannot stem it (then: words as written).
    """
    docs = []
    for doc in data.get("docs", []):
        location = str(doc.get("location", ""))
        if root and not location.startswith(root):
            continue
        if not root and any(location.startswith(other) for other in other_roots):
            continue
        entry: dict[str, Any] = {
            "location": location[len(root) :],
            "title": safe_markup(str(doc.get("title", ""))),
            "text": safe_markup(str(doc.get("text", ""))),
        }
        if isinstance(doc.get("tags"), list):
            entry["tags"] = [safe_markup(str(tag)) for tag in doc["tags"]]
        if isinstance(doc.get("boost"), int | float) and not isinstance(doc.get("boost"), bool):
            entry["boost"] = doc["boost"]
        docs.append(entry)
    config = dict(data.get("config", {}))
    config["lang"] = [lunr_lang or "en"]
    config["pipeline"] = list(PIPELINE) if lunr_lang else []
    return {"config": config, "docs": docs}


def write_language_index(
    site_dir: Path, *, root: str, other_roots: Sequence[str], lunr_lang: str | None, script: bool = False
) -> Path | None:
    """Write the language's index at its root from the engine's index at the site root.

    ``script`` also writes it as ``search_index.js`` (``var __index = ...``), which is how
    Material reads an index on a page opened from a folder (file://, its offline plugin).
    """
    engine_index = site_dir / INDEX
    if not engine_index.is_file():
        return None  # search is off
    data = json.loads(engine_index.read_text(encoding="utf-8"))
    index = language_index(data, root=root, other_roots=other_roots, lunr_lang=lunr_lang)
    target = site_dir / root / INDEX
    target.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    target.write_text(text, encoding="utf-8")
    if script:
        target.with_suffix(".js").write_text("var __index = " + text.replace("</", "<\\/"), encoding="utf-8")
    return target


def _html_safe_json(value: Any) -> str:
    """JSON that cannot end a <script> element (as Jinja's ``tojson``)."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("'", "\\u0027")


def configure_page(page_html: str, *, base: str | None) -> str:
    """Point a page's Material configuration at its language's index and the kit's worker.

    ``base`` is the language's root as a link from the page ("../../", "."); None keeps
    the page's own (the "not found" page, which is served at any address).
    """
    match = _CONFIG.search(page_html)
    if match is None:
        return page_html
    config = json.loads(match[2])
    if base is not None:
        config["base"] = base
    worker = str(config.get("search") or "")
    folder, _, name = worker.rpartition("/")
    if name and name != WORKER and not name.startswith(WORKER + "?"):
        config["search"] = f"{folder}/{WORKER}?worker={name}" if folder else f"{WORKER}?worker={name}"
    return page_html[: match.start(2)] + _html_safe_json(config) + page_html[match.end(2) :]


def words(text: str) -> list[str]:
    """The words of a text, lower-cased (letters only; apostrophes inside words kept)."""
    return [w.lower() for w in _WORDS.findall(text)]


def stemmer(lang: str) -> Callable[[str], str] | None:
    """The Snowball stemmer of a language in Python, or None."""
    name = SNOWBALL.get(lang)
    if name is None:
        return None
    import snowballstemmer

    algorithm = snowballstemmer.stemmer(name)
    return algorithm.stemWord  # type: ignore[no-any-return]
