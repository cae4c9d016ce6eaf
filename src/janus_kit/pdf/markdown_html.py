"""Markdown to HTML for print, with the site's own Markdown extensions."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import markdown

from .. import lint, sanitize
from ..errors import ContentError
from ..frontmatter import Document

_HREF = re.compile(r'href="([^"#:]+\.md)(#[^"]*)?"')
_ID = re.compile(r'\b(id|for)="([^"]+)"')
_INNER_HREF = re.compile(r'href="#([^"]+)"')
_IMG_SRC = re.compile(r'(<img\b[^>]*?\bsrc=")([^"]*)(")')
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".webp", ".gif", ".svg"})


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
    source: Document | None = None,
    content_dir: Path | None = None,
) -> str:
    """Render a page body for print: checked and sanitized like the site's pages, links
    to other .md pages made absolute site URLs, images resolved to files of the content
    folder (nothing else can be embedded into a PDF).

    ``id_prefix`` keeps ids unique when several pages go into one document.
    """
    names, configs = extensions(config)
    html = markdown.Markdown(extensions=names, extension_configs=configs).convert(body)
    if source is not None:
        lint.check_html(html, path=source.path, body=source.body, body_line=source.body_line)
    html = sanitize.fragment(html)
    if source is not None and content_dir is not None:
        html = _local_images(html, source, content_dir)

    def absolute(match: re.Match[str]) -> str:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page_rel), match[1]))
        return f'href="{url_of(target)}{match[2] or ""}"'

    html = _HREF.sub(absolute, html)
    if id_prefix:
        html = _ID.sub(lambda m: f'{m[1]}="{id_prefix}-{m[2]}"', html)
        html = _INNER_HREF.sub(lambda m: f'href="#{id_prefix}-{m[1]}"', html)
    return html


def _local_images(html: str, source: Document, content_dir: Path) -> str:
    """Point each image at its file inside the content folder, or stop naming the page."""
    root = content_dir.resolve()

    def resolve(match: re.Match[str]) -> str:
        src = match[2]
        target = (source.path.parent / unquote(src)).resolve()
        if not target.is_relative_to(root) or not target.is_file() or target.suffix.lower() not in IMAGE_SUFFIXES:
            raise ContentError(
                source.path,
                f"the image '{src}' is not an image file of the content folder",
                line=lint.line_of(source.body, re.escape(src), source.body_line),
                hint="put the image next to the page (PNG, JPEG, WebP, GIF or SVG) and link to it with a relative path",
            )
        return match[1] + target.as_uri() + match[3]

    return _IMG_SRC.sub(resolve, html)
