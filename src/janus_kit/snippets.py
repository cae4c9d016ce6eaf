"""HTML snippets the site adds to pages: grid tables, module facts, notices.

Plain functions from data to escaped HTML; the hooks only place the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

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
        f'<figure class="kit-scale-picture">{pictures.scale.svg(framework, s, lang or s.lang)}</figure>',
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
        parts.append(
            f'<section class="kit-grid__skill" id="skill-{escape(skill.id)}" data-skill="{escape(skill.id)}">'
            f"<h2>{pictures.skill_icon(framework, skill.id)}{escape(skill.name)}</h2>"
            f'<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table>'
            f'<thead><tr><th scope="col">{escape(s.text("grid.indicator"))}</th>{head}</tr></thead>'
            f"<tbody>{rows}</tbody></table></div></div>"
            f'<p class="kit-grid__evidence">{escape(s.text("grid.evidence"))} '
            f'<span class="kit-line"></span></p>{more}</section>'
        )
    parts.append("</div>")
    return "".join(parts)


def module_facts(module: Module, framework: Framework, s: Strings, *, grid_url: str) -> str:
    """The line under a module's title: reading time, activities' time, trade, ESCO concept, grid link."""
    esco = " ".join(
        f'<a href="{escape(uri)}" rel="external">{escape(s.text("module.esco"))} {i + 1 if i else ""}</a>'.replace(
            " </a>", "</a>"
        )
        for i, uri in enumerate(framework.esco_uris(module.skill))
    )
    return (
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


def download_button(s: Strings, *, href: str, size: str) -> str:
    return (
        f'<p class="kit-download"><a class="md-button" href="{escape(href)}" download>'
        f'{escape(s.text("downloads.button"))} <span class="kit-download__size">({escape(size)})</span></a></p>'
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
                '<div class="kit-downloads__wrap"><table class="kit-downloads">'
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
    return "".join(html)


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
    return (
        '<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table class="kit-status">'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div></div>"
    )


def offline_section(s: Strings, *, href: str) -> str:
    """The offline copy on the downloads page (its size is known only after the build)."""
    return (
        f'<h2 id="offline">{escape(s.text("downloads.offline"))}</h2>'
        f"<p>{escape(s.text('downloads.offline_text'))}</p>"
        f'<p class="kit-download"><a class="md-button" href="{escape(href)}" download>'
        f"{escape(s.text('downloads.offline_button'))}</a></p>"
    )
