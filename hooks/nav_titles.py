"""Name each navigation section after its index page, in the language built."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from _common import reports_content_errors
from janus_kit.content import title_of
from janus_kit.frontmatter import read


@reports_content_errors
def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    for item in nav.items:
        if not isinstance(item, Section):
            continue
        index = next((c for c in item.children if isinstance(c, Page) and c.file.name == "index"), None)
        if index is None:
            continue
        doc = read(Path(index.file.abs_src_path))
        title = doc.meta.get("title") or title_of(doc.body)
        if title:
            item.title = str(title)
    return nav
