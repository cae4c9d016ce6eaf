"""Tell readers when a page is shown in English or its translation is outdated."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from _common import kit, language, page_rel, reports_content_errors, source_language_of
from janus_kit import render, translation

STATUS_PAGE = "translation-status.md"


@reports_content_errors
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    the_kit = kit(config)
    lang = language(config)
    source = the_kit.source_language
    if lang == source:
        return html
    s = the_kit.strings(lang)
    rel = page_rel(page)
    if source_language_of(page, lang) != lang:
        href = get_relative_url(the_kit.page_url(lang, STATUS_PAGE), page.url)
        return render.notice("fallback", s.text("notices.fallback"), s.text("notices.fallback_link"), href) + html
    state = translation.page_state(the_kit.project.lang_dir(source) / rel, Path(page.file.abs_src_path), rel)
    if state.state == "outdated":
        href = get_relative_url(the_kit.page_url(source, rel), page.url)
        return render.notice("outdated", s.text("notices.outdated"), s.text("notices.outdated_link"), href) + html
    return html
