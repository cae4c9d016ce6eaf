"""Interface strings: one ``strings.yml`` per language folder, same keys everywhere."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ContentError
from .frontmatter import load_yaml

FILENAME = "strings.yml"
MARKER = "source_hash"  # which English version a translation translates


def _flatten(data: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(data, Mapping):
        for key, value in data.items():
            yield from _flatten(value, f"{prefix}.{key}" if prefix else str(key))
    else:
        yield prefix, data


@dataclass(frozen=True)
class Strings:
    lang: str
    path: Path
    data: Mapping[str, Any]

    def get(self, dotted: str) -> Any:
        node: Any = self.data
        for part in dotted.split("."):
            node = node[part]
        return node

    def text(self, dotted: str, **values: Any) -> str:
        value = self.get(dotted)
        return str(value).format(**values) if values else str(value)

    def flat(self) -> dict[str, Any]:
        """Every string by its dotted key (the translation marker left out)."""
        return {k: v for k, v in _flatten(self.data) if k != MARKER}

    def format_date(self, year: int, month: int, day: int) -> str:
        months = self.get("language.months")
        return self.text("language.date_format", day=day, month=month, month_name=months[month - 1], year=year)


def load(path: Path, lang: str) -> Strings:
    if not path.exists():
        raise ContentError(
            path,
            f"the interface strings for '{lang}' are missing",
            hint=f"copy content/en/{FILENAME} to this place and translate the text after each colon",
        )
    data, _ = load_yaml(path.read_text(encoding="utf-8"), path=path)
    if not isinstance(data, Mapping):
        raise ContentError(path, "the file must hold 'key: text' lines", line=1)
    return Strings(lang=lang, path=path, data=data)


def check_same_keys(source: Strings, other: Strings) -> None:
    """A translation has every key of the source, no other, and the same placeholders."""
    want, have = source.flat(), other.flat()
    _, lines = load_yaml(other.path.read_text(encoding="utf-8"), path=other.path)
    missing = [key for key in want if key not in have]
    if missing:
        raise ContentError(
            other.path,
            f"{len(missing)} interface string(s) missing, first: '{missing[0]}'",
            hint=f"copy the missing key(s) from {source.path.name} of '{source.lang}' and translate them",
        )
    extra = [key for key in have if key not in want]
    if extra:
        raise ContentError(
            other.path,
            f"unknown interface string '{extra[0]}'",
            line=lines.of(*extra[0].split(".")),
            hint=f"delete it, or check its spelling against the '{source.lang}' file",
        )
    for key, value in want.items():
        if isinstance(value, list) != isinstance(have[key], list) or (
            isinstance(value, list) and len(value) != len(have[key])
        ):
            raise ContentError(
                other.path,
                f"'{key}' must be a list of {len(value)} items, like in '{source.lang}'",
                line=lines.of(*key.split(".")),
            )
        for placeholder in _placeholders(value):
            if placeholder not in _placeholders(have[key]):
                raise ContentError(
                    other.path,
                    f"'{key}' lost the placeholder {{{placeholder}}}",
                    line=lines.of(*key.split(".")),
                    hint=f"keep {{{placeholder}}} exactly as it is in the '{source.lang}' text; the build fills it in",
                )


def _placeholders(value: Any) -> set[str]:
    import string

    if not isinstance(value, str):
        return set()
    return {name for _, name, _, _ in string.Formatter().parse(value) if name}
