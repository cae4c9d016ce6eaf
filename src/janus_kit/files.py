"""What may live in the content folder, and so be published from the site's origin.

Content arrives through pull requests from many hands, and whatever lies under the
content folder is served from the site's origin, where trainees' data lives. So only
what the site needs is allowed: Markdown pages and ``strings.yml`` inside a language
folder, the skill model at the top, and images of a few safe types. Anything else
(HTML, JavaScript, SVG with scripts, unknown types) and any symbolic link stops the
build, naming the file.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from .errors import ContentError

TOP_FILES = frozenset({"framework.yml", "evaluation.yml", "README.md"})
LANG_FILES = frozenset({"strings.yml"})
PAGE_SUFFIX = ".md"
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".webp", ".gif", ".svg"})
MAX_IMAGE_BYTES = 2_000_000

# In an SVG: anything that can run code, load something, or hide a document.
_SVG_FORBIDDEN = re.compile(
    r"<\s*(script|foreignObject|iframe|embed|object|handler|listener|set|animate\w*)\b"
    r"|\son[a-z]+\s*="
    r"|<!(DOCTYPE|ENTITY)"
    r"|(?:href|src)\s*=\s*[\"']?\s*(?!#)[a-z][a-z0-9+.-]*:"
    r"|url\(\s*[\"']?\s*(?!#)[a-z][a-z0-9+.-]*:"
    r"|@import",
    re.I,
)


def _refuse(path: Path, message: str, hint: str) -> ContentError:
    return ContentError(path, message, hint=hint)


def check_svg(path: Path) -> None:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _refuse(path, "this SVG image is not UTF-8 text", "export it again as a plain SVG (UTF-8)") from None
    match = _SVG_FORBIDDEN.search(text)
    if match:
        line = text[: match.start()].count("\n") + 1
        raise ContentError(
            path,
            f"this SVG image holds something that can run or load content: {match[0].strip()[:40]!r}",
            line=line,
            hint="export a plain SVG (no scripts, no links to other files or sites), or use a PNG",
        )


def check_tree(content: Path, languages: tuple[str, ...]) -> None:
    """Every file under the content folder is one the site needs; no symbolic links."""
    for dirpath, dirnames, filenames in os.walk(content, followlinks=False):
        folder = Path(dirpath)
        for name in sorted(dirnames):
            if (folder / name).is_symlink():
                raise _refuse(
                    folder / name,
                    "symbolic links are not allowed in the content folder",
                    "replace the link by the real folder, inside the content folder",
                )
        dirnames[:] = [d for d in sorted(dirnames) if not d.startswith(".")]
        top = folder == content
        for name in sorted(filenames):
            path = folder / name
            if path.is_symlink():
                raise _refuse(
                    path,
                    "symbolic links are not allowed in the content folder",
                    "replace the link by a copy of the file, or delete it",
                )
            if name.startswith("."):
                continue  # editor and system files (.DS_Store, .gitkeep) are never published
            if top:
                if name in TOP_FILES:
                    continue
                raise _refuse(
                    path,
                    "this file does not belong at the top of the content folder",
                    "pages go into a language folder, e.g. content/"
                    f"{languages[0]}/{name}; only {', '.join(sorted(TOP_FILES))} live here",
                )
            suffix = path.suffix.lower()
            if suffix == PAGE_SUFFIX or (name in LANG_FILES and folder.parent == content):
                continue
            if suffix in IMAGE_SUFFIXES:
                if path.stat().st_size > MAX_IMAGE_BYTES:
                    raise _refuse(
                        path,
                        f"this image is larger than {MAX_IMAGE_BYTES // 1_000_000} MB",
                        "make it smaller (trainees read the kit on their phones)",
                    )
                if suffix == ".svg":
                    check_svg(path)
                continue
            raise _refuse(
                path,
                f"files of this type ({suffix or 'no extension'}) are not published by the kit",
                "content holds Markdown pages (.md), strings.yml and images "
                f"({', '.join(sorted(IMAGE_SUFFIXES))}); remove this file",
            )


def published(rel: str) -> bool:
    """Whether a file of the content folder (path relative to it) goes into the site.

    The skill model, the strings and READMEs are sources, not pages or assets.
    """
    parts = rel.split("/")
    if len(parts) == 1:
        return parts[0] not in TOP_FILES
    return not (len(parts) == 2 and parts[1] in LANG_FILES)
