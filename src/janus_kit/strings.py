"""Interface strings: one ``strings.yml`` per language folder, with the keys of the source.

A translation that is up to date has every key of the source language. While a
translation is outdated (the source file changed since), a key it lacks falls back
to the source text, the way a page that is not translated falls back to the source
page; ``kit status`` shows the file as outdated until a translator catches up.

Placeholders are ``{name}`` and nothing else: no format specs, no attribute access,
so that no string can make the build do unbounded work.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ContentError
from .frontmatter import load_yaml, read_text

FILENAME = "strings.yml"
LOCALES_DIR = Path(__file__).resolve().parent / "locales"  # the generator's own strings
LOCALE_SOURCE = "en"
MARKER = "source_hash"  # which source version a translation translates
MAX_VALUE = 4000  # characters in one string

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_BRACE = re.compile(r"[{}]")


def _flatten(data: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(data, Mapping):
        for key, value in data.items():
            yield from _flatten(value, f"{prefix}.{key}" if prefix else str(key))
    else:
        yield prefix, data


def placeholders(value: Any) -> set[str]:
    if isinstance(value, list):
        return set().union(*(placeholders(item) for item in value)) if value else set()
    if not isinstance(value, str):
        return set()
    return set(_PLACEHOLDER.findall(value))


def fill(template: str, values: Mapping[str, Any]) -> str:
    """Replace each {name} by its value; anything else is left as it is."""
    return _PLACEHOLDER.sub(lambda m: str(values[m[1]]) if m[1] in values else m[0], template)


@dataclass(frozen=True)
class Strings:
    lang: str
    path: Path
    data: Mapping[str, Any]
    fallback: Strings | None = None

    def _own(self, dotted: str) -> Any:
        node: Any = self.data
        for part in dotted.split("."):
            if not isinstance(node, Mapping) or part not in node:
                raise KeyError(dotted)
            node = node[part]
        return node

    def has(self, dotted: str) -> bool:
        try:
            self._own(dotted)
        except KeyError:
            return False
        return True

    def get(self, dotted: str) -> Any:
        try:
            own = self._own(dotted)
        except KeyError:
            if self.fallback is None:
                raise ContentError(
                    self.path,
                    f"the interface string '{dotted}' is missing",
                    hint="add it to this file (the kit uses it); a new kit starts from the strings of `kit new`",
                ) from None
            return self.fallback.get(dotted)
        if isinstance(own, Mapping) and self.fallback is not None and self.fallback.has(dotted):
            merged = dict(self.fallback.get(dotted))
            merged.update(own)
            return merged
        return own

    def text(self, dotted: str, **values: Any) -> str:
        return fill(str(self.get(dotted)), values)

    def flat(self) -> dict[str, Any]:
        """Every string of this file by its dotted key (the translation marker left out)."""
        return {k: v for k, v in _flatten(self.data) if k != MARKER}

    def flat_effective(self) -> dict[str, Any]:
        """Every string the reader gets, from this file and from its fallbacks."""
        merged = self.fallback.flat_effective() if self.fallback else {}
        merged.update(self.flat())
        return merged

    def format_date(self, year: int, month: int, day: int) -> str:
        months = self.get("language.months")
        return self.text("language.date_format", day=day, month=month, month_name=months[month - 1], year=year)


# The theme's own interface words that a kit says itself (``theme:`` in the strings): the key
# is the theme's key with "_" for "." (``search_result_none`` is Material's
# ``search.result.none``). The theme prints them into HTML attributes and script data without
# escaping them, so they may not hold markup characters.
THEME_SECTION = "theme"
_THEME_UNSAFE = re.compile(r'[<>"&]')


def theme_words(s: Strings) -> dict[str, str]:
    """The theme's interface words in ``s``'s language, by the theme's own keys."""
    prefix = THEME_SECTION + "."
    return {
        key[len(prefix) :].replace("_", "."): str(value)
        for key, value in s.flat_effective().items()
        if key.startswith(prefix)
    }


def _check_values(data: Mapping[str, Any], path: Path, lines: Any) -> None:
    """Every value is text (or a list of text) with well-formed {placeholders} only."""
    for key, value in _flatten(data):
        if key == MARKER:
            continue
        items = value if isinstance(value, list) else [value]
        for item in items:
            if not isinstance(item, str | int | float) or isinstance(item, bool):
                raise ContentError(
                    path,
                    f"'{key}' must be text, found {type(item).__name__}",
                    line=lines.of(*key.split(".")),
                    hint='write the text after the colon, in double quotes if it holds ": " or starts with a quote',
                )
            text = str(item)
            if len(text) > MAX_VALUE:
                raise ContentError(
                    path,
                    f"'{key}' is {len(text)} characters long; at most {MAX_VALUE} are allowed",
                    line=lines.of(*key.split(".")),
                )
            if key.startswith(THEME_SECTION + ".") and _THEME_UNSAFE.search(text):
                raise ContentError(
                    path,
                    f"'{key}' is a word of the theme's interface and may not hold < > \" or &: {text[:80]!r}",
                    line=lines.of(*key.split(".")),
                    hint='write plain words; use typographic quotes (« » „ “) instead of "',
                )
            rest = _PLACEHOLDER.sub("", text)
            if _BRACE.search(rest):
                raise ContentError(
                    path,
                    f"'{key}' has a brace that is not a placeholder: {text[:80]!r}",
                    line=lines.of(*key.split(".")),
                    hint="a placeholder is a name in braces, exactly as in the English text, e.g. {minutes}; "
                    "remove any other { or }",
                )


def load(path: Path, lang: str, fallback: Strings | None = None) -> Strings:
    if not path.exists():
        raise ContentError(
            path,
            f"the interface strings for '{lang}' are missing",
            hint=f"copy {FILENAME} of the source language to this place and translate the text after each colon",
        )
    data, lines = load_yaml(read_text(path), path=path)
    if not isinstance(data, Mapping):
        raise ContentError(path, "the file must hold 'key: text' lines", line=1)
    _check_values(data, path, lines)
    return Strings(lang=lang, path=path, data=data, fallback=fallback)


def check_same_keys(source: Strings, other: Strings, *, complete: bool = True, generic: Strings | None = None) -> None:
    """A translation has no key the source lacks, the same list lengths and placeholders,
    and, when ``complete`` (it is up to date), every key of the source. It may also
    translate the generator's own strings (``generic``)."""
    want, have = source.flat(), other.flat()
    known = {**(generic.flat() if generic else {}), **want}
    _, lines = load_yaml(read_text(other.path), path=other.path)
    missing = [key for key in want if key not in have]
    if missing and complete:
        raise ContentError(
            other.path,
            f"{len(missing)} interface string(s) missing, first: '{missing[0]}'",
            hint=f"copy the missing key(s) from {source.path.name} of '{source.lang}' and translate them",
        )
    extra = [key for key in have if key not in known]
    if extra:
        raise ContentError(
            other.path,
            f"unknown interface string '{extra[0]}'",
            line=lines.of(*extra[0].split(".")),
            hint=f"delete it, or check its spelling against the '{source.lang}' file",
        )
    for key, value in known.items():
        if key not in have:
            continue
        if isinstance(value, list) != isinstance(have[key], list) or (
            isinstance(value, list) and len(value) != len(have[key])
        ):
            raise ContentError(
                other.path,
                f"'{key}' must be a list of {len(value)} items, like in '{source.lang}'",
                line=lines.of(*key.split(".")),
            )
        lost = placeholders(value) - placeholders(have[key])
        if lost:
            name = sorted(lost)[0]
            raise ContentError(
                other.path,
                f"'{key}' lost the placeholder {{{name}}}",
                line=lines.of(*key.split(".")),
                hint=f"keep {{{name}}} exactly as it is in the '{source.lang}' text; the build fills it in",
            )
        added = placeholders(have[key]) - placeholders(value)
        if added:
            name = sorted(added)[0]
            raise ContentError(
                other.path,
                f"'{key}' has the placeholder {{{name}}}, which the '{source.lang}' text does not have",
                line=lines.of(*key.split(".")),
                hint=f"use only the placeholders of the '{source.lang}' text: "
                + (", ".join(f"{{{p}}}" for p in sorted(placeholders(value))) or "none"),
            )
