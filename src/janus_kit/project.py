"""Where things are: the project root, the content folder, the languages.

The languages are defined once, in mkdocs.yml (the i18n plugin's list); this
module reads them from there so that the CLI and the tests agree with the site.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from . import model
from .errors import ContentError


def find_root(start: Path | None = None) -> Path:
    """The nearest folder, from ``start`` (default: the working folder) up, with a mkdocs.yml."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    return here


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, which may hold !!python/name tags, without running them."""


def _ignore_tag(loader: _AnyTagLoader, suffix: str, node: yaml.Node) -> Any:
    return None


def _env_tag(loader: _AnyTagLoader, node: yaml.Node) -> Any:
    """mkdocs' !ENV [NAME, default]: the variable's value, else the default."""
    values = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]  # type: ignore[arg-type]
    for name in values[:-1] if len(values) > 1 else values:
        if os.environ.get(str(name)):
            return os.environ[str(name)]
    return values[-1] if len(values) > 1 else None


_AnyTagLoader.add_constructor("!ENV", _env_tag)
_AnyTagLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)
_AnyTagLoader.add_multi_constructor("!", _ignore_tag)


PLACEHOLDER_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "0.0.0.0"})  # noqa: S104 - a name, not a bind
PLACEHOLDER_SUFFIXES = ("example.org", "example.com", "example.net", ".example", ".invalid", ".test", ".localhost")


def is_real_address(url: str) -> bool:
    """https, with a host that is neither a placeholder (example.org, *.test) nor this machine."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    placeholder = any(host == s.lstrip(".") or host.endswith("." + s.lstrip(".")) for s in PLACEHOLDER_SUFFIXES)
    return parts.scheme == "https" and bool(host) and host not in PLACEHOLDER_HOSTS and not placeholder


@dataclass(frozen=True)
class Project:
    root: Path

    @classmethod
    def at(cls, root: Path | str | None = None) -> Project:
        return cls(Path(root).resolve() if root else find_root())

    @cached_property
    def config(self) -> dict[str, Any]:
        path = self.root / "mkdocs.yml"
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_AnyTagLoader) or {}  # noqa: S506 - SafeLoader subclass

    @property
    def site_url(self) -> str:
        """The public address of the site (QR codes and printed links use it)."""
        url = str(self.config.get("site_url") or "http://localhost:8000/")
        return url if url.endswith("/") else url + "/"

    @property
    def site_url_is_real(self) -> bool:
        """Whether the site address is a real public one (https, not a placeholder or this machine)."""
        return is_real_address(self.site_url)

    @property
    def content(self) -> Path:
        return self.root / str(self.config.get("docs_dir", "docs"))

    @cached_property
    def languages(self) -> tuple[str, ...]:
        """All languages, the default (source) language first."""
        for plugin in self.config.get("plugins", []):
            if isinstance(plugin, dict) and "i18n" in plugin:
                langs = plugin["i18n"]["languages"]
                ordered = sorted(langs, key=lambda lang: not lang.get("default", False))
                return tuple(lang["locale"] for lang in ordered)
        return ("en",)

    @property
    def source_language(self) -> str:
        return self.languages[0]

    @property
    def translations(self) -> tuple[str, ...]:
        return self.languages[1:]

    @cached_property
    def framework(self) -> model.Framework:
        return model.load(self.content / "framework.yml")

    def lang_dir(self, lang: str) -> Path:
        return self.content / lang

    def check_language_folders(self) -> None:
        """Every folder under content/ must be a configured language."""
        for child in sorted(self.content.iterdir()):
            if child.is_dir() and child.name not in self.languages:
                raise ContentError(
                    child,
                    f"'{child.name}' is not one of the site's languages ({', '.join(self.languages)})",
                    hint="rename the folder to a language code from mkdocs.yml, "
                    "or add the language to the i18n plugin there first",
                )

    def rel(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return str(path)
