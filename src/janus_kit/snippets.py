"""HTML snippets the site adds to pages: grid tables, module facts, notices.

Plain functions from data to escaped HTML; the hooks only place the result.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape, unescape
from typing import Any

from . import pictures
from .content import Grid, Module
from .model import Framework
from .strings import Strings


def grid_table(grid: Grid, framework: Framework, s: Strings, *, module_urls: dict[str, str], lang: str = "") -> str:
    """A readable, accessible rating table for one grid, with the scale as a picture."""
    scale = framework.scale
    head = "".join(
        f'<th scope="col" class="kit-scale"><abbr title="{escape(s.text(f"scale.{v}.meaning"))}">{v}</abbr>'
        f'<span class="kit-scale__label">{escape(s.text(f"scale.{v}.label"))}</span></th>'
        for v in scale
    )
    parts = [
        '<div class="kit-grid" data-competence="' + escape(grid.competence) + '">',
        f'<p class="kit-grid__caption">{escape(s.text("grid.scale_caption"))}</p>',
        '<figure class="kit-scale-picture" data-search-exclude>'
        + pictures.scale.svg(framework, s, lang or s.lang)
        + "</figure>",
        '<ul class="kit-grid__legend">'
        + "".join(
            f"<li><strong>{v} · {escape(s.text(f'scale.{v}.label'))}</strong>: "
            f"{escape(s.text(f'scale.{v}.meaning'))}</li>"
            for v in scale
        )
        + "</ul>",
    ]
    for skill in grid.skills:
        rows = "".join(
            f'<tr><th scope="row">{escape(indicator)}</th>'
            + "".join('<td class="kit-box" aria-hidden="true">☐</td>' for _ in scale)
            + "</tr>"
            for indicator in skill.indicators
        )
        link = module_urls.get(skill.id)
        more = (
            f'<p class="kit-grid__more"><a href="{escape(link)}">'
            f"{escape(s.text('grid.module_link', name=skill.name))}</a></p>"
            if link
            else ""
        )
        table = (
            f'<table><thead><tr><th scope="col">{escape(s.text("grid.indicator"))}</th>{head}</tr></thead>'
            f"<tbody>{rows}</tbody></table>"
        )
        parts.append(
            f'<section class="kit-grid__skill" id="skill-{escape(skill.id)}" data-skill="{escape(skill.id)}">'
            f"<h2>{pictures.skill_icon(framework, skill.id)}{escape(skill.name)}</h2>"
            + scroll_region(table, s.text("table.region", title=skill.name))
            + f'<p class="kit-grid__evidence">{escape(s.text("grid.evidence"))} '
            f'<span class="kit-line"></span></p>{more}</section>'
        )
    parts.append("</div>")
    return spaced("".join(parts))


def module_facts(module: Module, framework: Framework, s: Strings, *, grid_url: str) -> str:
    """The line under a module's title: reading time, activities' time, trade, ESCO concept, grid link."""
    esco = " ".join(
        f'<a href="{escape(uri)}" rel="external">{escape(s.text("module.esco"))} {i + 1 if i else ""}</a>'.replace(
            " </a>", "</a>"
        )
        for i, uri in enumerate(framework.esco_uris(module.skill))
    )
    return spaced(
        '<p class="kit-facts">'
        f'<span class="kit-facts__time">{escape(s.text("module.minutes", minutes=module.minutes))}</span>'
        + (
            f'<span class="kit-facts__activities">'
            f"{escape(s.text('module.activities', minutes=sum(module.activity_minutes)))}</span>"
            if module.activity_minutes
            else ""
        )
        + f'<span class="kit-facts__trade">{escape(s.text("module.trade", trade=module.trade))}</span>'
        f'<span class="kit-facts__esco">{esco}</span>'
        f'<a class="kit-facts__grid" href="{escape(grid_url)}">{escape(s.text("module.grid_link"))}</a>'
        "</p>"
    )


def download_button(s: Strings, *, href: str, size: str, title: str | None = None) -> str:
    which = f": {escape(title)}" if title else ""
    return (
        f'<p class="kit-download"><a class="md-button" href="{escape(href)}" download>'
        f'{escape(s.text("downloads.button"))}{which} <span class="kit-download__size">({escape(size)})</span></a></p>'
    )


def notice(kind: str, text: str, link_text: str, href: str) -> str:
    """A notice in the reader's language above the page content."""
    return (
        f'<div class="admonition kit-notice kit-notice--{escape(kind)}" role="note" data-kit-notice="{escape(kind)}">'
        f'<p>{escape(text)} <a href="{escape(href)}">{escape(link_text)}</a></p></div>'
    )


def file_size(size: int, s: Strings) -> str:
    """'120 kB' / '1,4 MB' in the reader's language."""
    if size < 1_000_000:
        return s.text("downloads.size_kb", size=max(1, round(size / 1000)))
    text = f"{size / 1_000_000:.1f}".replace(".", s.text("language.decimal"))
    return s.text("downloads.size_mb", size=text)


@dataclass(frozen=True)
class DownloadRow:
    """One PDF on the downloads page."""

    group: str  # the heading it is listed under
    title: str
    href: str
    size: str  # in the reader's language, e.g. "147 kB"
    pages: int
    thumbnail: str = ""  # the picture of its first page (a link from the page), or ""
    thumbnail_size: tuple[int, int] = (0, 0)  # its width and height in pixels


def downloads_table(rows: list[DownloadRow], s: Strings) -> str:
    """One table per group: a picture of the first page, the title (the download link),
    the size and the number of pages, each in its own column."""
    html = []
    current = None
    pictures_on = any(row.thumbnail for row in rows)
    for row in rows:
        if row.group != current:
            if current is not None:
                html.append("</tbody></table></div>")
            current = row.group
            picture_head = (
                f'<th scope="col" class="kit-downloads__picture"><span class="kit-sr">'
                f"{escape(s.text('pictures.thumbnail_head'))}</span></th>"
                if pictures_on
                else ""
            )
            html.append(
                f"<h2>{escape(row.group)}</h2>"
                + _region_start(s.text("table.region", title=row.group))
                + '<table class="kit-downloads">'
                f"<thead><tr>{picture_head}"
                f'<th scope="col" class="kit-downloads__title">{escape(s.text("downloads.document"))}</th>'
                f'<th scope="col" class="kit-downloads__size">{escape(s.text("downloads.size"))}</th>'
                f'<th scope="col" class="kit-downloads__pages">{escape(s.text("downloads.pages"))}</th>'
                "</tr></thead><tbody>"
            )
        picture = ""
        if pictures_on:
            width, height = row.thumbnail_size
            image = (
                f'<img src="{escape(row.thumbnail)}" alt="{escape(s.text("pictures.thumbnail_alt", title=row.title))}"'
                f' width="{width}" height="{height}" loading="lazy" decoding="async">'
                if row.thumbnail
                else ""
            )
            picture = f'<td class="kit-downloads__picture">{image}</td>'
        html.append(
            f"<tr>{picture}"
            f'<td class="kit-downloads__title"><a href="{escape(row.href)}" download>{escape(row.title)}</a></td>'
            f'<td class="kit-downloads__size">{escape(row.size)}</td>'
            f'<td class="kit-downloads__pages">{row.pages}</td></tr>'
        )
    if current is not None:
        html.append("</tbody></table></div>")
    return spaced("".join(html))


def status_table(rows: list[tuple[str, int, int, int, int]], s: Strings) -> str:
    """rows: (language name, translated, missing, outdated, total)."""
    body = "".join(
        f'<tr><th scope="row">{escape(name)}</th><td>{done}</td><td>{missing}</td><td>{outdated}</td>'
        f'<td><meter min="0" max="{total}" value="{done}" aria-label="{escape(name)}">'
        f"</meter> {escape(s.text('status.pages', done=done, total=total))}</td></tr>"
        for name, done, missing, outdated, total in rows
    )
    head = "".join(
        f'<th scope="col">{escape(s.text(key))}</th>'
        for key in (
            "status.language",
            "status.translated",
            "status.missing",
            "status.outdated",
            "status.progress",
        )
    )
    return spaced(
        scroll_region(
            f'<table class="kit-status"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>',
            s.text("table.region", title=s.text("status.title")),
            framed=True,
        )
    )


def offline_section(s: Strings, *, href: str) -> str:
    """The offline copy on the downloads page (its size is known only after the build)."""
    return (
        f'<h2 id="offline">{escape(s.text("downloads.offline"))}</h2>'
        f"<p>{escape(s.text('downloads.offline_text'))}</p>"
        f'<p class="kit-download"><a class="md-button" href="{escape(href)}" download>'
        f"{escape(s.text('downloads.offline_button'))}</a></p>"
    )


def moodle_section(s: Strings, *, href: str, size: str) -> str:
    """The Moodle competency framework (CSV) on the downloads page."""
    return (
        f'<h2 id="moodle">{escape(s.text("certification.moodle"))}</h2>'
        f"<p>{escape(s.text('certification.moodle_text'))}</p>"
        f'<p class="kit-download"><a class="md-button" href="{escape(href)}" download>'
        f"{escape(s.text('certification.moodle_button'))}</a> "
        f'<span class="kit-download__size">{escape(size)}</span></p>'
    )


def verify_markup(data: dict[str, Any], *, asset: Callable[[str], str], bundled: bool = False) -> str:
    """The verification page's container, its data (inert JSON) and its script: the ES
    module online, the one-script bundle in the offline copy (no modules from file://)."""
    from .badges import BUNDLE, VERIFY_MODULE
    from .tool_data import STYLESHEET, script_tag

    script = (
        f'<script src="{asset(BUNDLE)}" defer></script>'
        if bundled
        else f'<script type="module" src="{asset(VERIFY_MODULE)}"></script>'
    )
    return (
        f'<link rel="stylesheet" href="{asset(STYLESHEET)}">'
        '<div id="kit-verify" class="kit-tool kit-verify"></div>' + script_tag(data, "kit-verify-data") + script
    )


_BLOCK_END = re.compile(r"(</(?:t[hd]|h[1-6]|p|li|dt|dd|caption|span|abbr)>)(?=<)")


def spaced(html: str) -> str:
    """A line break after each cell, heading or span that another tag follows: the page
    looks the same, and text read from it (the search index) keeps its words apart
    ("Nestebėta 1 Dar", not "Nestebėta1Dar")."""
    return _BLOCK_END.sub("\\1\n", html)


# -- scrollable tables ---------------------------------------------------------------
# A wide table scrolls sideways on a phone. The keyboard must reach the scrolling box
# (tabindex="0", then the arrow keys scroll it) and a screen reader must name it
# (role="region" with aria-label): WCAG 2.1.1 and axe's scrollable-region-focusable.
# A table without a class is the one Material styles and wraps at run time in its own
# .md-typeset__scrollwrap; kit.css lets the kit's box do the scrolling then.


def _region_start(label: str, *, framed: bool = False) -> str:
    box = f'<div class="kit-scroll" role="region" tabindex="0" aria-label="{escape(label)}">'
    return box + ('<div class="md-typeset__table">' if framed else "")


def scroll_region(table_html: str, label: str, *, framed: bool = False) -> str:
    """A table in a scrolling box that the keyboard reaches and a screen reader names.

    ``framed`` for a table with a class of its own (Material leaves those alone)."""
    return _region_start(label, framed=framed) + table_html + ("</div></div>" if framed else "</div>")


_TABLE = re.compile(r"<table\b[^>]*>.*?</table>", re.S | re.I)
_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1>", re.S | re.I)
_HEADERLINK = re.compile(r'<a\b[^>]*class="headerlink"[^>]*>.*?</a>', re.S | re.I)
_TAGS = re.compile(r"<[^>]*>")


def _text(fragment: str) -> str:
    return " ".join(unescape(_TAGS.sub("", _HEADERLINK.sub("", fragment))).split())


def scrollable_tables(html: str, s: Strings) -> str:
    """Every table of a page's content in a scroll region named after the heading above it."""
    out: list[str] = []
    done = 0
    for match in _TABLE.finditer(html):
        headings = [_text(h[2]) for h in _HEADING.finditer(html, 0, match.start())]
        title = next((h for h in reversed(headings) if h), "")
        label = s.text("table.region", title=title) if title else s.text("table.untitled")
        out += [html[done : match.start()], scroll_region(match[0], label)]
        done = match.end()
    return "".join(out) + html[done:]
