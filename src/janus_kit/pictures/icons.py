"""Icons: the open-licence sets that Material for MkDocs bundles, inlined as SVG.

A kit names an icon per competence, per skill and per rater in ``content/framework.yml``
(``icon: material/handshake-outline``), by the name Material uses for its own icons: the
set's folder, then the icon's file name without ``.svg``. The sets are those in
``material/templates/.icons/``: ``material`` (Material Design Icons by Pictogrammers,
Apache 2.0), ``fontawesome/...`` (CC BY 4.0), ``octicons`` (MIT), ``simple`` (CC0).

The kit serves no icon file and asks no other site for one: each icon goes into the page
(and the PDF) as a small inline ``<svg>`` with only its ``<path>`` data, decorative
(``aria-hidden``) because the name of the skill, competence or rater is always written
next to it. The licence of every set a kit uses is published with the site
(:func:`licences`) and credited on the About page.
"""

from __future__ import annotations

import difflib
import importlib.util
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import cache
from html import escape
from pathlib import Path

SVG_NS = "{http://www.w3.org/2000/svg}"
NAME = re.compile(r"^[a-z0-9]+(?:/[a-z0-9-]+)+$")
_VIEW_BOX = re.compile(r"^[0-9. -]{1,40}$")
_PATH = re.compile(r"^[0-9A-Za-z.,+\- ]{1,20000}$")
MAX_ICON_BYTES = 20_000

# What a thing gets when the skill model names no icon for it.
DEFAULTS = {
    "competence": "material/shape-outline",
    "skill": "material/star-four-points-outline",
    "rater": "material/account-outline",
}
# The sets Material bundles and the licence file of each (published with the site).
LICENCE_FILES = ("LICENSE", "LICENSE.txt", "LICENSE.md")


class IconError(ValueError):
    """An icon name that names no icon (the caller turns it into a ContentError)."""


@dataclass(frozen=True)
class Icon:
    name: str
    view_box: str
    paths: tuple[str, ...]  # the d attribute of each path

    def svg(self, cls: str = "kit-icon", *, label: str | None = None) -> str:
        """The icon as inline SVG: decorative, or an image named ``label``."""
        role = f' role="img" aria-label="{escape(label)}"' if label else ' aria-hidden="true" focusable="false"'
        body = "".join(f'<path d="{d}"/>' for d in self.paths)
        return (
            f'<svg class="{escape(cls)}" viewBox="{self.view_box}" width="24" height="24"'
            f' fill="currentColor"{role} xmlns="http://www.w3.org/2000/svg">{body}</svg>'
        )

    def data_uri(self, fill: str = "#283593") -> str:
        """The icon as a ``data:`` URI of a small SVG file (a PDF draws it as a decoration)."""
        import base64

        body = "".join(f'<path d="{d}"/>' for d in self.paths)
        svg = f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{self.view_box}" fill="{escape(fill)}">{body}</svg>'
        return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("ascii")).decode("ascii")

    def nested(self, *, x: float, y: float, size: float, cls: str = "kit-pic__icon") -> str:
        """The icon placed inside another SVG picture (decorative)."""
        body = "".join(f'<path d="{d}"/>' for d in self.paths)
        return (
            f'<svg class="{escape(cls)}" x="{x:g}" y="{y:g}" width="{size:g}" height="{size:g}"'
            f' viewBox="{self.view_box}" fill="currentColor" aria-hidden="true">{body}</svg>'
        )


@cache
def icon_root() -> Path | None:
    """Material's folder of bundled icon sets, found without importing Material."""
    spec = importlib.util.find_spec("material")
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        folder = Path(location) / "templates" / ".icons"
        if folder.is_dir():
            return folder
    return None


def _file(name: str) -> Path | None:
    root = icon_root()
    if root is None or not NAME.match(name):
        return None
    path = (root / f"{name}.svg").resolve()
    if not path.is_relative_to(root.resolve()) or not path.is_file():
        return None
    return path


def exists(name: str) -> bool:
    return _file(name) is not None


@cache
def _names_of(folder: Path) -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in folder.glob("*.svg")))


def suggestions(name: str, count: int = 3) -> list[str]:
    """Icon names close to ``name``, in the same set, for an author who mistyped one."""
    root = icon_root()
    if root is None or "/" not in name:
        return []
    folder_name, _, stem = name.rpartition("/")
    folder = root / folder_name
    if not NAME.match(name) or not folder.is_dir():
        sets = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_dir() and _names_of(p))
        return [f"{s}/..." for s in sets][:count]
    return [f"{folder_name}/{match}" for match in difflib.get_close_matches(stem, _names_of(folder), n=count)]


def problem(name: str) -> str | None:
    """Why ``name`` is not a usable icon, or None."""
    if icon_root() is None:
        return "the icons come from mkdocs-material's bundled sets, and mkdocs-material is not installed"
    if not NAME.match(name):
        return f"'{name}' is not an icon name (write the set, a slash and the icon, e.g. material/school-outline)"
    if _file(name) is None:
        return f"there is no icon '{name}'"
    return None


@cache
def load(name: str) -> Icon:
    """Read one icon: its view box and path data only (nothing else of the file is kept)."""
    path = _file(name)
    if path is None:
        raise IconError(problem(name) or name)
    data = path.read_bytes()
    if len(data) > MAX_ICON_BYTES:
        raise IconError(f"the icon '{name}' is larger than {MAX_ICON_BYTES} bytes")
    root = ET.fromstring(data)  # noqa: S314 - a file of the installed Material package
    view_box = root.get("viewBox", "0 0 24 24")
    paths = tuple(el.get("d", "") for el in root.iter(f"{SVG_NS}path"))
    if not _VIEW_BOX.match(view_box) or not paths or not all(_PATH.match(d) for d in paths):
        raise IconError(f"the icon '{name}' is not a plain path icon")
    return Icon(name, view_box, paths)


def licences(names: set[str] | frozenset[str]) -> dict[str, Path]:
    """The licence file of each icon set that ``names`` use: {set folder: file}."""
    root = icon_root()
    found: dict[str, Path] = {}
    if root is None:
        return found
    for name in names:
        folder = (root / name).parent
        while folder != root and folder.is_relative_to(root):
            hit = next((folder / f for f in LICENCE_FILES if (folder / f).is_file()), None)
            if hit is not None:
                found[folder.relative_to(root).as_posix()] = hit
                break
            folder = folder.parent
    return found
