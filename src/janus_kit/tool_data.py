"""The data the online tool reads: one JSON document per language, and its markup.

Built from the same grid sources as the site and the PDFs (no second copy of
the indicators), the skill model's scale, raters, checkpoint kinds and gap
rules, and the language's interface strings. The tool itself is plain ES modules
in ``theme/assets/javascripts/tool/``; :func:`markup` loads them as modules, or
as one classic script made by :mod:`janus_kit.tool_bundle` (for ``file://``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from . import sanitize
from .kit import Kit

DATA_VERSION = 2
STRING_GROUPS = (
    "tool", "scale", "raters", "checkpoints", "flags", "rules", "language", "pdf", "grid", "downloads", "pictures",
)  # fmt: skip

TOOL_DIR = "assets/javascripts/tool"
ENTRY = "app.js"
BUNDLE = "assets/javascripts/tool.bundle.js"
STYLESHEET = "assets/stylesheets/tool.css"
RECORD_SCHEMA = "assets/schemas/record.schema.json"


def checkpoint_names(kit: Kit) -> dict[str, str]:
    """The name of each checkpoint kind in every language -> its kind: version-1 files
    named checkpoints in the language of the device that made them."""
    names: dict[str, str] = {}
    for lang in kit.languages:
        for kind in kit.framework.checkpoints:
            names.setdefault(kit.strings(lang).text(f"checkpoints.{kind}"), kind)
    return names


def document(
    kit: Kit,
    lang: str,
    *,
    url_of: Callable[[str], str],
    tool_urls: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """``url_of`` turns a page path inside a language folder into a link from the tool page;
    ``tool_urls`` links the tool page of each language (an invitation opens in the reader's)."""
    s = kit.strings(lang)
    return {
        "schema": DATA_VERSION,
        "lang": lang,
        "kit": {"id": kit.framework.kit_id, "version": kit.framework.version},
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
        "checkpoint_names": checkpoint_names(kit),
        "tool_urls": dict(tool_urls or {}),
        "date_locale": date_locale(kit, lang),
    }


DATE_LOCALE = "pictures.chart.date_locale"


def date_locale(kit: Kit, lang: str) -> str:
    """The language tag of the charts' short dates: the language's own (``pictures.chart.
    date_locale``, e.g. "en-GB", in the kit's strings.yml or else in the generator's locale of
    that same language), never another language's by fallback; else the language's code."""
    for strings in (kit.strings(lang), kit.locale(lang)):
        if strings is not None and strings.has(DATE_LOCALE):
            return strings.text(DATE_LOCALE)
    return lang


def script_tag(data: dict[str, Any], ident: str = "kit-tool-data") -> str:
    """The page's data as inert JSON (sanitize.json_script)."""
    return sanitize.json_script(data, ident)


def markup(data: dict[str, Any], *, asset: Callable[[str], str], bundled: bool = False) -> str:
    """The tool on its page: its stylesheet, its container, its data and its script.

    ``asset`` turns a site-relative asset path into a link from the tool page. With
    ``bundled``, the tool is one classic script (``tool.bundle.js``, which the offline copy
    writes with :func:`janus_kit.tool_bundle.write`), since browsers refuse ES modules
    from ``file://``.
    """
    data = {**data, "assets": asset("assets/")}
    script = (
        f'<script src="{asset(BUNDLE)}" defer></script>'
        if bundled
        else f'<script type="module" src="{asset(TOOL_DIR + "/" + ENTRY)}"></script>'
    )
    return (
        f'<link rel="stylesheet" href="{asset(STYLESHEET)}">'
        '<div id="kit-tool" class="kit-tool"></div>' + script_tag(data) + script
    )
