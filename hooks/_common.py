"""What every hook shares: the kit for this build, the language being built,
and turning a content error into a clean build failure (no traceback)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from janus_kit.errors import ContentError, relative
from janus_kit.kit import Kit

_KITS: dict[str, Kit] = {}
F = TypeVar("F", bound=Callable[..., Any])


def kit(config: MkDocsConfig) -> Kit:
    root = str(Path(config.config_file_path).resolve().parent)
    if root not in _KITS:
        _KITS[root] = Kit.at(root)
    return _KITS[root]


def language(config: MkDocsConfig) -> str:
    """The language being built (mkdocs-static-i18n sets the theme language per build)."""
    return str(config.theme.get("language") or "en")


def source_language_of(page: Any, default: str) -> str:
    """The language of the file that serves a page (differs on a fallback page)."""
    return str(getattr(page.file, "locale", default))


def page_rel(page: Any) -> str:
    """A page's path inside its language folder, e.g. 'grids/social-civic.md'.

    mkdocs-static-i18n keeps the language folder in src_uri ('fr/grids/...').
    """
    return page.file.src_uri.split("/", 1)[-1]


def reports_content_errors(func: F) -> F:
    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ContentError as error:
            error.path = relative(error.path, Path.cwd())  # as the author sees it
            raise PluginError(f"Content error in {error}") from None

    return wrapper  # type: ignore[return-value]
