"""The data the online tool reads: one JSON document per language.

Built from the same grid sources as the site and the PDFs (no second copy of
the indicators), the skill model's scale and gap rules, and the language's
interface strings.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from .kit import Kit

SCHEMA_VERSION = 1
STRING_GROUPS = ("tool", "scale", "raters", "checkpoints", "flags", "language")


def document(kit: Kit, lang: str, *, url_of: Callable[[str], str]) -> dict[str, Any]:
    """``url_of`` turns a page path inside a language folder into a link from the tool page."""
    s = kit.strings(lang)
    return {
        "schema": SCHEMA_VERSION,
        "lang": lang,
        "framework": kit.framework.as_json(),
        "grids": [
            {
                "competence": grid.competence,
                "title": grid.title,
                "skills": [
                    {
                        "id": skill.id,
                        "name": skill.name,
                        "indicators": list(skill.indicators),
                        "module": url_of(kit.module_rel(skill.id)),
                    }
                    for skill in grid.skills
                ],
            }
            for grid in kit.grids(lang)
        ],
        "strings": {group: s.get(group) for group in STRING_GROUPS},
    }


SCRIPT = "assets/javascripts/tool.js"
STYLESHEET = "assets/stylesheets/tool.css"


def script_tag(data: dict[str, Any]) -> str:
    """Embed as inert JSON; '<', '>' and '&' are escaped so no text can close the tag."""
    text = (
        json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )
    return f'<script type="application/json" id="kit-tool-data">{text}</script>'


def markup(data: dict[str, Any], *, asset: Callable[[str], str]) -> str:
    """The tool on its page: its stylesheet, its container, its data and its script.

    ``asset`` turns a site-relative asset path into a link from the tool page.
    """
    return (
        f'<link rel="stylesheet" href="{asset(STYLESHEET)}">'
        '<div id="kit-tool" class="kit-tool"></div>'
        + script_tag(data)
        + f'<script src="{asset(SCRIPT)}" defer></script>'
    )
