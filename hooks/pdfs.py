"""PDFs: render them before the pages, list and offer them on the pages, copy them
into the site after. Off in `mkdocs serve` and with KIT_PDF=0; KIT_PDF_ONLY=fr,de
limits them to some languages."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from _common import kit, language, page_rel, reports_content_errors
from janus_kit import render
from janus_kit.pdf import build

log = logging.getLogger("mkdocs.hooks.pdfs")
DOWNLOADS_PAGE = "downloads.md"
GROUPS = (
    ("kit", "downloads.kit"),
    ("grid", "downloads.grids"),
    ("review", "downloads.review"),
    ("guide", "downloads.guides"),
    ("module", "downloads.modules"),
)

_state: dict[str, object] = {"command": "build", "entries": {}}


def on_startup(*, command: str, dirty: bool) -> None:
    _state["command"] = command


def enabled() -> bool:
    if os.environ.get("KIT_PDF", "1").strip().lower() in {"0", "false", "no", "off"}:
        return False
    return _state["command"] != "serve"


def cache_dir(config: MkDocsConfig) -> Path:
    default = Path(config.config_file_path).parent / ".cache" / "pdf"
    return Path(os.environ.get("KIT_PDF_CACHE", default))


@reports_content_errors
def on_pre_build(*, config: MkDocsConfig) -> None:
    """Before the first language's pages: render every language's PDFs in one pool."""
    the_kit = kit(config)
    if language(config) != the_kit.source_language:
        return
    _state["entries"] = {}
    if not enabled():
        return
    only = [code.strip() for code in os.environ.get("KIT_PDF_ONLY", "").split(",") if code.strip()]
    langs = [lang for lang in the_kit.languages if not only or lang in only]
    manifests, summary = build.build_languages(the_kit, langs, cache_dir=cache_dir(config), progress=log.info)
    _state["entries"] = manifests
    log.info(
        f"PDF summary: {summary.documents} documents, {summary.rendered} rendered, "
        f"{summary.cached} from cache, {summary.seconds:.1f} s"
    )


@reports_content_errors
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    the_kit = kit(config)
    lang = language(config)
    s = the_kit.strings(lang)
    rel = page_rel(page)
    entries: list[build.Entry] | None = _state["entries"].get(lang)  # type: ignore[union-attr]
    if rel == DOWNLOADS_PAGE and not entries:
        return html + f'<p class="kit-download kit-download--off">{s.text("downloads.unavailable")}</p>'
    if not entries:
        return html
    if rel == DOWNLOADS_PAGE:
        rows = [
            (s.text(key), e.title, get_relative_url(e.url, page.url), render.file_size(e.size, s), e.pages)
            for kind, key in GROUPS
            for e in entries
            if e.kind == kind
        ]
        return html + render.downloads_table(rows, s)
    offered = [e for e in entries if e.page_rel == rel and e.kind != "kit"]
    buttons = "".join(
        render.download_button(s, href=get_relative_url(e.url, page.url), size=render.file_size(e.size, s))
        for e in offered
    )
    head, sep, rest = html.partition("</h1>")
    return head + sep + buttons + rest if sep else buttons + html


def on_post_build(*, config: MkDocsConfig) -> None:
    """Runs once per language (mkdocs-static-i18n builds each on its own)."""
    entries: list[build.Entry] | None = _state["entries"].get(language(config))  # type: ignore[union-attr]
    if entries:
        build.publish(entries, cache_dir=cache_dir(config), site_dir=Path(config.site_dir))
