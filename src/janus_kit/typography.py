"""Typography a language needs, applied by the build, not by hand.

French puts a no-break space before the high punctuation and inside guillemets, so that
a line never starts with « ; », « ! » or « » » (Lexique des règles typographiques de
l'Imprimerie nationale): a narrow no-break space (U+202F) before ; ! ? and inside « »,
a no-break space (U+00A0) before the colon. Translators type ordinary spaces (or none);
:func:`fix_html` and :func:`fix_text` put the right ones in the site, the tool's texts and
the PDFs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar, cast

T = TypeVar("T")

NNBSP = "\u202f"  # narrow no-break space
NBSP = "\u00a0"  # no-break space

_SPACES = "[ \t\u00a0\u202f\u2009]"
_FR_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    # a space (or none, after a letter, a digit or a closing mark) before ; ! ?
    (re.compile(rf"{_SPACES}+([;!?])"), NNBSP + r"\1"),
    (re.compile(r"(?<=[\w»)\]\u2019\"'])([;!?])(?=[\s<]|$)"), NNBSP + r"\1"),
    # before a colon that ends a clause (not 10:30, not https://)
    (re.compile(rf"{_SPACES}+:(?=[\s<]|$)"), NBSP + ":"),
    (re.compile(r"(?<=[\w»)\]\u2019])\s?:(?=[ \t\n]|$)"), NBSP + ":"),
    # inside guillemets
    (re.compile(rf"«{_SPACES}*"), "«" + NNBSP),
    (re.compile(rf"{_SPACES}*»"), NNBSP + "»"),
)

_SKIP = {"code", "pre", "kbd", "samp", "script", "style", "textarea"}
_TOKEN = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
_TAG_NAME = re.compile(r"^</?\s*([a-zA-Z][a-zA-Z0-9-]*)")
_TEXT_ATTR = re.compile(r"""(\s(?:title|alt|aria-label|placeholder|content)=")([^"]*)(")""")


_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def french(text: str) -> str:
    # An HTML entity's closing ";" (as in &#39;) is not punctuation: keep entities aside.
    kept: list[str] = []

    def keep(match: re.Match[str]) -> str:
        kept.append(match[0])
        return f"\x00{len(kept) - 1}\x01"

    text = _ENTITY.sub(keep, text.replace("\x00", "").replace("\x01", ""))
    for pattern, replacement in _FR_RULES:
        text = pattern.sub(replacement, text)
    return re.sub(r"\x00(\d+)\x01", lambda m: kept[int(m[1])], text)


RULES: dict[str, Callable[[str], str]] = {"fr": french}


def fix_text(text: str, lang: str) -> str:
    """Plain text (an interface string, a PDF label) with the language's spaces."""
    rule = RULES.get(lang)
    return rule(text) if rule else text


def fix_html(html: str, lang: str) -> str:
    """HTML with the language's spaces in its text and in its text attributes
    (titles, alt texts, labels), never inside code, scripts or styles."""
    rule = RULES.get(lang)
    if rule is None:
        return html
    out: list[str] = []
    skipping: list[str] = []
    for token in _TOKEN.split(html):
        if not token:
            continue
        if token.startswith("<"):
            name = _TAG_NAME.match(token)
            tag = name[1].lower() if name else ""
            if tag in _SKIP and not token.startswith("</") and not token.endswith("/>"):
                skipping.append(tag)
            elif tag in _SKIP and token.startswith("</") and skipping and skipping[-1] == tag:
                skipping.pop()
            elif not skipping and not token.startswith("<!"):
                token = _TEXT_ATTR.sub(lambda m: m[1] + rule(m[2]) + m[3], token)
            out.append(token)
        else:
            out.append(token if skipping else rule(token))
    return "".join(out)


def fix_data(value: T, lang: str) -> T:
    """Every string inside a JSON-like value (the tool's data), with the language's spaces."""
    if lang not in RULES:
        return value
    result: object = value
    if isinstance(value, str):
        result = fix_text(value, lang)
    elif isinstance(value, list):
        result = [fix_data(item, lang) for item in value]
    elif isinstance(value, dict):
        keep = {"id", "module", "url", "lang"}  # identifiers and links, not text
        result = {k: item if k in keep else fix_data(item, lang) for k, item in value.items()}
    return cast("T", result)
