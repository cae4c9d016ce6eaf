"""Hostile-content lint: content comes from many hands through pull requests.

Rejects what could run code, load something from another origin or change how
a page is built: raw <script>, <iframe>, <object>, <embed>, inline event
handlers, javascript: and data: URLs, remote images, and front-matter keys
outside the list below. Each finding names the file and the line.
"""

from __future__ import annotations

import re
from pathlib import Path

from . import frontmatter
from .errors import ContentError

# Front-matter keys a content file may set. Anything else (template, hide,
# extra, ...) could change how the page is built, so it is refused.
ALLOWED_KEYS = frozenset(
    {
        "title",
        "description",
        "skill",
        "trade",
        "minutes",
        "competence",
        "skills",
        "guide",
        "page",
        "source_hash",
    }
)

_RULES: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (
        re.compile(r"<\s*/?\s*(script|iframe|object|embed|frame|frameset|applet|base|form|meta|link|style)\b", re.I),
        "the HTML element <{0}> is not allowed in content",
        "write Markdown only; ask a maintainer if a page really needs something interactive",
    ),
    (
        re.compile(r"<[^>]*\s(on[a-z]+)\s*=", re.I),
        "the inline event handler '{0}=' is not allowed",
        "remove the attribute; content pages hold no scripts",
    ),
    (
        re.compile(r"(javascript)\s*:", re.I),
        "'javascript:' links are not allowed",
        "link to a page of the kit or to an ordinary https:// address",
    ),
    (
        re.compile(r"""(?:\(|=\s*["']?|<)\s*(data)\s*:""", re.I),
        "'data:' URLs are not allowed",
        "put the file in the content folder and link to it",
    ),
    (
        re.compile(r"!\[[^\]]*\]\(\s*<?((?:https?:)?//[^)\s>]+)", re.I),
        "the remote image '{0}' is not allowed (the site loads nothing from other origins)",
        "save the image in the content folder and link to it with a relative path",
    ),
    (
        re.compile(r"<img\b[^>]*\ssrc\s*=\s*[\"']?((?:https?:)?//[^\"'\s>]+)", re.I),
        "the remote image '{0}' is not allowed (the site loads nothing from other origins)",
        "save the image in the content folder and link to it with a Markdown image",
    ),
)

_FENCE = re.compile(r"^\s*(```|~~~)")


def check_text(path: Path, text: str) -> None:
    doc = frontmatter.split(text, path=path)
    for key in doc.meta:
        if key not in ALLOWED_KEYS:
            raise ContentError(
                path,
                f"the front-matter key '{key}' is not allowed in content files",
                line=doc.line(key),
                hint="allowed keys: " + ", ".join(sorted(ALLOWED_KEYS)),
            )
    in_fence = False
    for offset, line in enumerate(doc.body.splitlines()):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        for pattern, message, hint in _RULES:
            match = pattern.search(line)
            if match:
                raise ContentError(path, message.format(match.group(1)), line=doc.body_line + offset, hint=hint)


def check_file(path: Path) -> None:
    check_text(path, path.read_text(encoding="utf-8"))
