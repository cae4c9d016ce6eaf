"""Markdown to HTML for print, with the site's own Markdown extensions.

On paper nothing folds: every collapsible block (``??? example``, ``??? info``) prints
open, and the answers of self-check questions (``??? question``) move to a section
at the end of the document, on a page of their own, so that the reader thinks
before reading them; each question says on which page its answer is.
"""

from __future__ import annotations

import copy
import posixpath
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from .. import lint, sanitize
from ..errors import ContentError
from ..frontmatter import Document

_HREF = re.compile(r'href="([^"#:]+\.md)(#[^"]*)?"')
_ID = re.compile(r'\b(id|for)="([^"]+)"')
_INNER_HREF = re.compile(r'href="#([^"]+)"')
_IMG_SRC = re.compile(r'(<img\b[^>]*?\bsrc=")([^"]*)(")')
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".webp", ".gif", ".svg"})


class _SelfCheckAnswers(Treeprocessor):
    """Move the body of each ``details.question`` to an answers section at the end."""

    def __init__(self, md: markdown.Markdown, title: str) -> None:
        super().__init__(md)
        self.title = title

    def run(self, root: etree.Element) -> None:
        found = [
            (parent, child)
            for parent in root.iter()
            for child in parent
            if child.tag == "details" and "question" in (child.get("class") or "").split()
        ]
        if not found:
            return
        # Only elements, classes and ids the sanitizer keeps (no <section>, no kit-* ids).
        section = etree.Element("div", {"class": "kit-answers"})
        heading = etree.SubElement(section, "h2", {"id": "self-check-answers"})
        heading.text = self.title
        for number, (parent, details) in enumerate(found, 1):
            summary = details.find("summary")
            body = [child for child in details if child is not summary]
            question = etree.Element("div", {"class": "kit-selfcheck"})
            asked = etree.SubElement(question, "p", {"class": "kit-selfcheck__q"})
            answer = etree.SubElement(section, "div", {"class": "kit-answer", "id": f"answer-{number}"})
            repeated = etree.SubElement(answer, "p", {"class": "kit-answer__q"})
            for target in (asked, repeated):
                if summary is not None:
                    target.text = summary.text
                    for part in summary:
                        target.append(copy.deepcopy(part))
            lines = etree.SubElement(question, "div", {"class": "kit-selfcheck__lines"})
            for _ in range(2):  # two ruled lines to write an answer on
                etree.SubElement(lines, "i")
            reference = etree.SubElement(question, "p", {"class": "kit-selfcheck__ref"})
            etree.SubElement(reference, "a", {"class": "kit-answer-ref", "href": f"#answer-{number}"})
            for part in body:
                answer.append(part)
            index = list(parent).index(details)
            parent.remove(details)
            parent.insert(index, question)
        root.append(section)


class _PrintExtension(Extension):
    def __init__(self, labels: Mapping[str, str]) -> None:
        super().__init__()
        self.labels = labels

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_SelfCheckAnswers(md, self.labels["answers_title"]), "kit_selfcheck", 4)


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
    labels: Mapping[str, str] | None = None,
) -> str:
    """Render a page body for print: checked and sanitized like the site's pages, links
    to other .md pages made absolute site URLs, images resolved to files of the content
    folder (nothing else can be embedded into a PDF).

    ``id_prefix`` keeps ids unique when several pages go into one document;
    ``labels`` (``answers_title``) turns on the print layout of self-checks.
    """
    names, configs = extensions(config)
    extra: list[Any] = [_PrintExtension(labels)] if labels else []
    html = markdown.Markdown(extensions=[*names, *extra], extension_configs=configs).convert(body)
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
