"""``kit new DIR``: a minimal kit that builds at once (one language, one competence, two skills)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

SCAFFOLD = Path(__file__).resolve().parent / "scaffold"
TEXT_SUFFIXES = frozenset({".md", ".yml"})


class ScaffoldError(Exception):
    """The folder cannot take a new kit."""


def new_kit(target: Path, *, name: str) -> list[Path]:
    """Copy the scaffold into ``target`` (which must be empty or absent) with the kit's name."""
    if target.exists() and any(target.iterdir()):
        raise ScaffoldError(f"{target} is not empty: choose a new folder for the kit")
    if not name.strip() or re.search(r'[{}<>"\n]', name):
        raise ScaffoldError("the kit's name must be one line of plain text (no braces, quotes or < >)")
    written: list[Path] = []
    for source in sorted(SCAFFOLD.rglob("*")):
        if source.is_dir() or "__pycache__" in source.parts:
            continue
        dest = target / source.relative_to(SCAFFOLD)
        dest.parent.mkdir(parents=True, exist_ok=True)
        if source.suffix in TEXT_SUFFIXES:
            dest.write_text(source.read_text(encoding="utf-8").replace("{name}", name.strip()), encoding="utf-8")
        else:
            shutil.copyfile(source, dest)
        written.append(dest)
    return written
