"""Show each language's translation progress on the "Translation status" page."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from _common import kit, language, page_rel, reports_content_errors
from janus_kit import render, translation

STATUS_PAGE = "translation-status.md"


@reports_content_errors
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page_rel(page) != STATUS_PAGE:
        return html
    the_kit = kit(config)
    s = the_kit.strings(language(config))
    report = translation.status(the_kit)
    rows = []
    for lang, pages in report.items():
        counts = translation.counts(pages)
        name = the_kit.strings(lang).text("language.name")
        rows.append(
            (
                name,
                counts["translated"],
                counts["missing"] + counts["unmarked"],
                counts["outdated"],
                len(pages),
            )
        )
    table = render.status_table(rows, s)
    head, sep, rest = html.partition("<h2")
    return head + table + sep + rest if sep else html + table
