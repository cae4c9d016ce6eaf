"""Give every page (and the 404 page) its Content-Security-Policy."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from janus_kit import csp


@event_priority(-200)  # after every other plugin has changed the page
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return csp.add_policy(output)


@event_priority(-200)
def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    if not template_name.endswith(".html"):
        return output_content
    return csp.add_policy(output_content)
