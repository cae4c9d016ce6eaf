"""Where the pictures go on the site's pages, by page kind (called by the pipeline).

- every page that is about one competence, skill or rater has its icon in its title
  (module, competence, grid and guide pages);
- on the index pages (home, a competence, the grids, the guides), a list item that
  starts with a link to a module, a competence, a grid or a guide gets that thing's
  icon: the skill cards of a competence page, the guide list;
- the home page's role cards (headings whose anchor is a rater's id: ``{#trainee}``)
  get the rater's icon;
- the cycle diagram follows the first section of the home page and of the guides (before
  their second ``<h2>``, else at the end); on a rater's guide, that rater stands out.

The pipeline adds these after the content has been sanitized: the SVG is the kit's own.
Translations get the same pictures as they are, even while they are outdated.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape

from ..catalogue import Catalogue, PageKind
from ..strings import Strings
from . import competence_icon, cycle, rater_icon, skill_icon

_H1_OPEN = re.compile(r"<h1\b[^>]*>", re.I)
_H2_OPEN = re.compile(r"<h2\b", re.I)
_ITEM_LINK = re.compile(r'(<li>\s*(?:<p>\s*)?(?:<strong>\s*)?)(<a href="([^"]*)")')
_ROLE_HEADING = re.compile(r'(<h[2-4] id="([a-z][a-z0-9-]*)"[^>]*>)')


def _in_title(html: str, icon: str) -> str:
    match = _H1_OPEN.search(html)
    if match is None:
        return html
    return html[: match.end()] + icon + html[match.end() :]


def _after_first_section(html: str, addition: str) -> str:
    heads = list(_H2_OPEN.finditer(html))
    if len(heads) < 2:
        return html + addition
    at = heads[1].start()
    return html[:at] + addition + html[at:]


def _link_icons(cat: Catalogue, url: Callable[[str], str]) -> dict[str, str]:
    """The icon of each page a list item may start with, by its link from this page."""
    fw = cat.framework
    found: dict[str, str] = {}
    for comp in fw.competences:
        icon = competence_icon(fw, comp.id)
        found[url(cat.competence_rel(comp.id))] = icon
        found[url(cat.grid_rel(comp.id))] = icon
        for skill in comp.skills:
            found[url(cat.module_rel(skill.id))] = skill_icon(fw, skill.id)
    for guide in cat.guides:
        found[url(cat.guide_rel(guide))] = rater_icon(fw, guide)
    return found


def _list_icons(html: str, icons_by_link: dict[str, str]) -> str:
    def add(match: re.Match[str]) -> str:
        href = match[3].split("#", 1)[0]
        icon = icons_by_link.get(href)
        return match[1] + icon + match[2] if icon else match[0]

    return _ITEM_LINK.sub(add, html)


def _role_icons(html: str, cat: Catalogue) -> str:
    raters = set(cat.framework.raters)

    def add(match: re.Match[str]) -> str:
        rater = match[2]
        if rater not in raters:
            return match[0]
        return match[1] + rater_icon(cat.framework, rater, "kit-icon kit-icon--rater kit-icon--card")

    return _ROLE_HEADING.sub(add, html)


def cycle_figure(cat: Catalogue, s: Strings, lang: str, *, highlight: str | None = None) -> str:
    return cycle.figure(cat.framework, s, lang, highlight=highlight)


def decorate(
    html: str,
    *,
    kind: PageKind,
    rel: str,
    cat: Catalogue,
    s: Strings,
    lang: str,
    url: Callable[[str], str],
) -> str:
    """A sanitized page body with the pictures its kind gets."""
    fw = cat.framework
    stem = rel.rsplit("/", 1)[-1].removesuffix(".md")
    if kind == PageKind.MODULE:
        html = _in_title(html, skill_icon(fw, stem, "kit-icon kit-icon--skill kit-icon--title"))
    elif kind == PageKind.COMPETENCE:
        competence = rel.split("/", 1)[0]
        html = _in_title(html, competence_icon(fw, competence, "kit-icon kit-icon--competence kit-icon--title"))
    elif kind == PageKind.GRID:
        html = _in_title(html, competence_icon(fw, stem, "kit-icon kit-icon--competence kit-icon--title"))
    elif kind == PageKind.GUIDE and stem in fw.raters:
        html = _in_title(html, rater_icon(fw, stem, "kit-icon kit-icon--rater kit-icon--title"))
    if kind in {PageKind.HOME, PageKind.COMPETENCE, PageKind.GRIDS, PageKind.GUIDES}:
        html = _list_icons(html, _link_icons(cat, url))
    if kind == PageKind.HOME:
        html = _role_icons(html, cat)
    if kind in {PageKind.HOME, PageKind.GUIDES, PageKind.GUIDE}:
        highlight = stem if kind == PageKind.GUIDE and stem in fw.raters else None
        html = _after_first_section(html, cycle_figure(cat, s, lang, highlight=highlight))
    return html


def tool_pictures(cat: Catalogue, s: Strings, lang: str) -> str:
    """What the online tool draws with, hidden on its page: the scale picture and the
    icon of each skill and rater (the tool copies them; it never parses HTML)."""
    from . import scale

    fw = cat.framework
    parts = [f'<div data-kit-picture="scale" data-search-exclude>{scale.svg(fw, s, lang, ident="kt-scale-pic")}</div>']
    parts += [f'<span data-kit-icon="{escape(c.id)}">{competence_icon(fw, c.id)}</span>' for c in fw.competences]
    parts += [f'<span data-kit-icon="{escape(sk.id)}">{skill_icon(fw, sk.id)}</span>' for sk in fw.skills]
    parts += [f'<span data-kit-icon="{escape(r)}">{rater_icon(fw, r)}</span>' for r in fw.raters]
    return '<div id="kit-tool-pictures" hidden>' + "".join(parts) + "</div>"
