"""Add the generated parts of kit pages: grid tables and module facts."""

from __future__ import annotations

from pathlib import PurePosixPath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from _common import kit, language, page_rel, reports_content_errors
from janus_kit import render
from janus_kit.content import kind_of


@reports_content_errors
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    the_kit = kit(config)
    lang = language(config)
    rel = page_rel(page)
    kind = kind_of(PurePosixPath(rel), the_kit.framework)
    if kind == "page":
        return html
    s = the_kit.strings(lang)

    def url(target_rel: str) -> str:
        return get_relative_url(the_kit.page_url(lang, target_rel), page.url)

    if kind == "grid":
        competence = rel.split("/")[1][:-3]
        grid = the_kit.grid(lang, competence)
        module_urls = {skill.id: url(the_kit.module_rel(skill.id)) for skill in grid.skills}
        return html + render.grid_table(grid, the_kit.framework, s, module_urls=module_urls)
    skill_id = rel.split("/")[1][:-3]
    module = the_kit.module(lang, skill_id)
    grid_url = url(f"grids/{module.competence}.md") + f"#skill-{skill_id}"
    facts = render.module_facts(module, the_kit.framework, s, grid_url=grid_url)
    head, sep, rest = html.partition("</h1>")
    return head + sep + facts + rest if sep else facts + html
