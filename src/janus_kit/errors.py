"""One error type for bad content, written for people, not for developers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class ContentError(Exception):
    """A mistake in a content file: where it is, what is wrong, what to write."""

    path: Path | str
    message: str
    line: int | None = None
    hint: str | None = None

    def __str__(self) -> str:
        where = str(self.path) if self.line is None else f"{self.path}:{self.line}"
        text = f"{where}: {self.message}"
        if self.hint:
            text += f"\n  -> {self.hint}"
        return text


def relative(path: Path | str, root: Path | str | None) -> str:
    """Show a path relative to the project root when it is inside it."""
    if root is None:
        return str(path)
    try:
        return str(Path(path).resolve().relative_to(Path(root).resolve()))
    except ValueError:
        return str(path)
