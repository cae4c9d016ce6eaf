"""Markdown to HTML for print, with the site's own Markdown extensions."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from typing import Any

import markdown

_HREF = re.compile(r'href="([^"#:]+\.md)(#[^"]*)?"')
_ID = re.compile(r'\b(id|for)="([^"]+)"')
_INNER_HREF = re.compile(r'href="#([^"]+)"')


def extensions(config: dict[str, Any]) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """The Markdown extensions of mkdocs.yml, minus what makes no sense on paper."""
    names: list[str] = []
    configs: dict[str, dict[str, Any]] = {}
    for item in config.get("markdown_extensions", []):
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        names.append(name)
        if options:
            configs[name] = dict(options)
    configs.setdefault("toc", {})["permalink"] = False
    return names, configs


def to_html(
    body: str,
    *,
    config: dict[str, Any],
    page_rel: str,
    url_of: Callable[[str], str],
    id_prefix: str = "",
) -> str:
    """Render a page body; turn links to other .md pages into absolute site URLs.

    ``id_prefix`` keeps ids unique when several pages go into one document.
    """
    names, configs = extensions(config)
    html = markdown.Markdown(extensions=names, extension_configs=configs).convert(body)

    def absolute(match: re.Match[str]) -> str:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page_rel), match[1]))
        return f'href="{url_of(target)}{match[2] or ""}"'

    html = _HREF.sub(absolute, html)
    if id_prefix:
        html = _ID.sub(lambda m: f'{m[1]}="{id_prefix}-{m[2]}"', html)
        html = _INNER_HREF.sub(lambda m: f'href="#{id_prefix}-{m[1]}"', html)
    return html
