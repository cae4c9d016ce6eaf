"""Give the online tool page its data and its script."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from _common import kit, language, page_rel, reports_content_errors
from janus_kit import tool_data

TOOL_PAGE = "tool.md"
SCRIPT = "assets/javascripts/tool.js"


@reports_content_errors
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page_rel(page) != TOOL_PAGE:
        return html
    the_kit = kit(config)
    lang = language(config)

    def url_of(rel: str) -> str:
        return get_relative_url(the_kit.page_url(lang, rel), page.url)

    data = tool_data.document(the_kit, lang, url_of=url_of)
    script = get_relative_url(SCRIPT, page.url)
    return (
        html
        + '<div id="kit-tool" class="kit-tool"></div>'
        + tool_data.script_tag(data)
        + f'<script src="{script}" defer></script>'
    )
