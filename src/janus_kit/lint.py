"""The authors' lint: hostile or unsafe content, reported with file and line.

Content comes from many hands through pull requests. This lint tells an author
exactly what to change; it is not the guarantee (``sanitize.py`` cleans every HTML
fragment that reaches a page or a PDF, ``csp.py`` blocks any script that would slip
through). It works at two levels:

- :func:`check_text` reads the source as mkdocs does (BOM, front matter by mkdocs'
  rules) and checks the front-matter keys and values, the size of lines, and
  patterns that are wrong wherever they appear (``javascript:``, entity-encoded
  or not). Every pattern is linear in the length of the line.
- :func:`check_html` reads the HTML that Markdown made of the page (so a line that
  only looks like a code fence, an attribute list or a reference-style link
  definition cannot hide anything) and names the source line of what it finds.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

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
TEXT_KEYS = ("title", "description", "trade")  # plain text, no markup
MAX_TEXT_VALUE = 300

FORBIDDEN_TAGS = frozenset(
    {
        "script", "iframe", "object", "embed", "frame", "frameset", "applet", "base", "form", "meta",
        "link", "style", "svg", "math", "template", "noscript", "portal", "video", "audio", "source",
        "track", "canvas", "textarea", "select", "button", "dialog",
    }
)  # fmt: skip
URL_ATTRS = frozenset({"href", "src", "action", "formaction", "data", "poster", "srcset", "xlink:href", "background"})
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})

_ENTITY = re.compile(r"&(#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z]{2,8};)")


def _decoded(line: str) -> str:
    """The line with HTML entities decoded and whitespace/control characters removed,
    as a browser reads a URL (``jav&#x09;ascript:`` is ``javascript:``)."""
    text = html.unescape(line) if _ENTITY.search(line) else line
    return re.sub(r"[\x00-\x20\x7f]+", "", text)


def _refuse(path: Path, line: int, message: str, hint: str) -> ContentError:
    return ContentError(path, message, line=line, hint=hint)


def check_text(path: Path, text: str) -> None:
    """Source-level checks of one Markdown page: its front matter and the length of its lines."""
    text = text.removeprefix("\ufeff")  # as mkdocs reads it
    doc = frontmatter.split(text, path=path)
    for key in doc.meta:
        if key not in ALLOWED_KEYS:
            raise ContentError(
                path,
                f"the front-matter key '{key}' is not allowed in content files",
                line=doc.line(key),
                hint="allowed keys: " + ", ".join(sorted(ALLOWED_KEYS))
                + (" (mkdocs reads 'key: value' lines at the very top of a page as front matter)"
                   if not text.startswith("---") else ""),
            )  # fmt: skip
    for key in TEXT_KEYS:
        value = doc.meta.get(key)
        if value is None:
            continue
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            raise ContentError(path, f"'{key}' must be a line of text", line=doc.line(key))
        if len(str(value)) > MAX_TEXT_VALUE or re.search(r"[<>\x00-\x1f]", str(value)):
            raise ContentError(
                path,
                f"'{key}' must be one line of plain text (at most {MAX_TEXT_VALUE} characters, no < or >)",
                line=doc.line(key),
                hint="write the text without HTML",
            )
    _check_bounds(path, doc.body, doc.body_line)


# Limits that keep Markdown's work small: its inline parser is quadratic in the number of
# '<' and '[' of a paragraph, and its list parser recurses once per level of nesting.
MAX_BLOCK = 10_000  # characters in one paragraph (lines up to a blank line)
MAX_MARKUP = 300  # '<' and '[' in one paragraph
MAX_NESTING = 12  # levels of lists and quotes
_NESTING = re.compile(r"^((?:[ \t]{4}|[ ]{0,3}(?:>|[-*+]|\d{1,9}[.)])[ \t]*))+")


def _check_bounds(path: Path, body: str, first_line: int) -> None:
    block_start, block_chars, block_marks = first_line, 0, 0
    for offset, line in enumerate(body.split("\n")):
        number = first_line + offset
        if len(line) > frontmatter.MAX_LINE:
            raise _refuse(
                path,
                number,
                f"this line is {len(line):,} characters long; at most {frontmatter.MAX_LINE:,} are allowed",
                "break the paragraph into shorter lines (a line break inside a paragraph is fine in Markdown)",
            )
        if not line.strip():
            block_start, block_chars, block_marks = number + 1, 0, 0
            continue
        block_chars += len(line) + 1
        block_marks += line.count("<") + line.count("[")
        if block_chars > MAX_BLOCK or block_marks > MAX_MARKUP:
            raise _refuse(
                path,
                block_start,
                f"the paragraph that starts here is too long for one block ({block_chars:,} characters, "
                f"{block_marks} links or tags; at most {MAX_BLOCK:,} and {MAX_MARKUP})",
                "split it into several paragraphs with an empty line between them",
            )
        if (nest := _NESTING.match(line)) and len(re.findall(r"[ \t]{4}|>|[-*+]|\d[.)]", nest[0])) > MAX_NESTING:
            raise _refuse(
                path,
                number,
                f"lists or quotes are nested more than {MAX_NESTING} levels deep here",
                "use fewer levels of lists inside lists",
            )


def check_file(path: Path) -> None:
    check_text(path, frontmatter.read_text(path))


class _Findings(HTMLParser):
    """What in a page's HTML would be unsafe; the first finding wins."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: tuple[str, str, str] | None = None  # (message, regex to find the line, hint)

    def _flag(self, message: str, needle: str, hint: str) -> None:
        if self.found is None:
            self.found = (message, needle, hint)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in FORBIDDEN_TAGS:
            self._flag(
                f"the HTML element <{tag}> is not allowed in content",
                rf"<\s*{tag}\b",
                "write Markdown only; ask a maintainer if a page really needs something interactive",
            )
            return
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self._flag(
                    f"the inline event handler '{name}=' is not allowed",
                    rf"\b{name}\s*=",
                    "remove the attribute; content pages hold no scripts",
                )
            elif name == "style":
                self._flag("'style' attributes are not allowed in content", r"\bstyle\s*=", "remove it")
            elif name == "rel" and "attachment" in value.lower():
                self._flag(
                    'links with rel="attachment" are not allowed (they would embed files into the PDFs)',
                    r"attachment",
                    "remove the rel attribute; link to a page of the kit instead",
                )
            elif name in URL_ATTRS:
                self._check_url(tag, name, value)

    def _check_url(self, tag: str, name: str, value: str) -> None:
        plain = re.sub(r"[\x00-\x20\x7f]+", "", value)
        parts = urlsplit(plain)
        scheme = parts.scheme.lower()
        needle = re.escape(value.strip()[:40]) if value.strip() else rf"\b{name}\s*="
        if scheme and scheme not in SAFE_SCHEMES:
            self._flag(
                f"the address '{value.strip()[:60]}' uses the scheme '{scheme}:', which is not allowed",
                needle,
                "link to a page of the kit or to an ordinary https:// address",
            )
        elif tag == "img" and (scheme or parts.netloc):
            self._flag(
                f"the remote image '{value.strip()[:60]}' is not allowed (the site loads nothing from other origins)",
                needle,
                "save the image in the content folder and link to it with a relative path",
            )
        elif not scheme and not parts.netloc and (plain.startswith(("/", "\\")) or "\\" in plain):
            self._flag(
                f"the address '{value.strip()[:60]}' points outside the kit",
                needle,
                "use a relative link to a page or file inside the content folder",
            )


def line_of(source: str, needle: str, first_line: int) -> int | None:
    pattern = re.compile(needle, re.I)
    for offset, line in enumerate(source.split("\n")):
        if pattern.search(line) or pattern.search(html.unescape(line)) or pattern.search(_decoded(line)):
            return first_line + offset
    return None


def check_html(markup: str, *, path: Path, body: str, body_line: int) -> None:
    """Check the HTML that Markdown made of a page body; name the source line of a finding."""
    parser = _Findings()
    parser.feed(markup)
    parser.close()
    if parser.found is None:
        return
    message, needle, hint = parser.found
    line = line_of(body, needle, body_line)
    raise ContentError(path, message + ("" if line else " (somewhere in this page)"), line=line, hint=hint)
