"""Multiplier events: the flyer and the presentation, written as pages of the site.

``events/flyer.md`` is a site page and the one-page A4 flyer; ``events/presentation.md``
is a site page, the 16:9 slide deck (one ``##`` section per slide; the text before
the first ``##`` is the title slide) and the speaker notes (a ``??? notes "..."``
block in a slide holds what to say; it is left out of the slide).

What the kit already knows is never typed again: a section whose heading has one of
the ids below gets a block made from the skill model, the grids and the pages, on
the site, in the flyer and on the slide alike:

- ``{#skills}``: the competences and their skills (names from the grids);
- ``{#cycle}``: who rates (the raters), when (the checkpoints) and how (the scale);
- ``{#flags}``: the gap rules of the skill model, with their names and rules;
- ``{#module-<skill>}``: that module walked through: its title, time, scene and steps;
- ``{#tool}``: the online tool, with its privacy promise;
- ``{#ways-in}``: one way in per rater: their guide (with its first sentence on the flyer);
- ``{#online}``: the site's address (and a QR code on paper);
- ``{#feedback}``: the event feedback form online (a kit with the ``event`` questionnaire).

Plain functions from content to escaped HTML; the pipeline and ``pdf/events.py`` place it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape, unescape
from pathlib import Path
from typing import Any

from . import content, frontmatter
from .catalogue import PageKind
from .errors import ContentError

FLYER, PRESENTATION = "flyer", "presentation"
BLOCKS = ("skills", "cycle", "flags", "tool", "ways-in", "online", "feedback")
MODULE_BLOCK = "module-"
NOTES = "notes"  # the admonition type of speaker notes: ??? notes "Speaker notes"
STYLESHEET = "assets/stylesheets/events.css"

# What fits: a slide is read from the back of a room, the flyer is one A4 page.
SLIDES = (3, 30)
SLIDE_CHARS = 420  # characters of text on a slide (its notes left out)
SLIDE_CHARS_WITH_BLOCK = 160  # on a slide that also gets a block
SLIDE_ITEMS = 6  # list items on a slide
FLYER_CHARS = 1400
FLYER_SECTIONS = 6


def features(kit: Any) -> frozenset[str]:
    folder = kit.project.lang_dir(kit.source_language)
    return frozenset(n for n in (FLYER, PRESENTATION) if (folder / kit.catalogue.events_rel(n)).exists())


# -- reading the pages (their HTML, after Markdown and the sanitizer) ----------------
def strip_tags(markup: str) -> str:
    """The text of a little HTML (a heading's inner HTML)."""
    return unescape(re.sub(r"<[^>]*>", "", markup)).strip()


def block_of(section_id: str | None) -> str | None:
    """The block a section gets, from its heading's id (or None)."""
    if section_id in BLOCKS:
        return section_id
    if section_id and section_id.startswith(MODULE_BLOCK):
        return section_id
    return None


@dataclass
class Section:
    """One ``##`` section: a slide, or a part of the flyer."""

    id: str | None
    title: str  # the heading's inner HTML (permalink removed)
    body: str  # HTML, notes left out
    notes: str = ""  # the notes' inner HTML (their title left out)

    @property
    def block(self) -> str | None:
        return block_of(self.id)


@dataclass
class EventPage:
    title: str  # the <h1>'s inner HTML
    lead: str  # HTML between the title and the first section, notes left out
    lead_notes: str = ""
    sections: list[Section] = field(default_factory=list)


_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)
_H2 = re.compile(r"<h2\b([^>]*)>(.*?)</h2>", re.S)
_ID = re.compile(r'\bid="([^"]*)"')
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
_DETAILS = re.compile(r"<(/?)details\b([^>]*)>")
_SUMMARY = re.compile(r"^\s*<summary\b[^>]*>.*?</summary>", re.S)
_NOTES_CLASS = re.compile(rf'class="(?:[^"]*\s)?{NOTES}(?:\s[^"]*)?"')


def _split_notes(html: str) -> tuple[str, str]:
    """(the HTML without its top-level notes blocks, the notes' inner HTML)."""
    kept, notes = [], []
    depth, start, pos, in_notes = 0, 0, 0, False
    for match in _DETAILS.finditer(html):
        if match[1] != "/":
            if depth == 0 and _NOTES_CLASS.search(match[2]):
                kept.append(html[pos : match.start()])
                start, in_notes = match.end(), True
            depth += 1
        else:
            depth = max(0, depth - 1)
            if depth == 0 and in_notes:
                notes.append(_SUMMARY.sub("", html[start : match.start()], count=1).strip())
                pos, in_notes = match.end(), False
    if not in_notes:
        kept.append(html[pos:])
    return "".join(kept), "\n".join(notes)


def read(html: str) -> EventPage:
    """Split a page's HTML into its title, its lead and its ``##`` sections."""
    title_match = _H1.search(html)
    title = _HEADERLINK.sub("", title_match[1]).strip() if title_match else ""
    rest = html[title_match.end() :] if title_match else html
    parts = _H2.split(rest)  # the lead, then (attributes, title, body) per section
    lead, lead_notes = _split_notes(parts[0])
    page = EventPage(title, lead.strip(), lead_notes)
    for i in range(1, len(parts), 3):
        attrs, heading, body = parts[i], parts[i + 1], parts[i + 2]
        found = _ID.search(attrs)
        text, notes = _split_notes(body)
        page.sections.append(
            Section(found[1] if found else None, _HEADERLINK.sub("", heading).strip(), text.strip(), notes)
        )
    return page


# -- the blocks --------------------------------------------------------------------
@dataclass(frozen=True)
class Target:
    """Where a block goes: links (relative on the site, absolute on paper) and QR codes."""

    link: Callable[[str], str]  # a page inside a language folder -> the href to it
    qr: Callable[[str, str], str] | None = None  # (href, what it opens) -> a QR code image (on paper only)
    short: Callable[[str], str] = str  # an href -> the address as printed
    lead: bool = False  # the ways in with each guide's first paragraph (the flyer)


def first_sentence(body: str) -> str:
    """The first sentence of a Markdown body's first paragraph, as plain text (links and
    emphasis dropped): a guide's own words for whom it is, short in every language."""
    paragraph: list[str] = []
    for line in body.split("\n"):
        stripped = line.strip()
        if not stripped:
            if paragraph:
                break
            continue
        if not paragraph and stripped.startswith(("#", "!!!", "???", "|", "-", "*", ">", "<", "```")):
            continue
        paragraph.append(stripped)
    text = " ".join(paragraph)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)(\{[^}]*\})?", r"\1", text)
    text = re.sub(r"(\*\*|__|\*|_|`)", "", text)
    return re.split(r"(?<=[.!?])\s+(?=\S)", text, maxsplit=1)[0]


def page_title(kit: Any, lang: str, rel: str) -> str:
    doc = frontmatter.read(kit.page_path(lang, rel))
    return str(content.title_of(doc.body) or doc.meta.get("title") or rel)


def _qr_box(target: Target, href: str, name: str) -> str:
    if target.qr is None:
        return ""
    return (
        f'<div class="kit-block__qr">{target.qr(href, name)}'
        f'<span class="kit-block__url">{escape(target.short(href))}</span></div>'
    )


def _group(title: str, items: str, tag: str = "ul", extra: str = "") -> str:
    return f'<section class="kit-block__group"><h3>{escape(title)}</h3><{tag}>{items}</{tag}>{extra}</section>'


def block(kit: Any, lang: str, block_id: str, target: Target) -> str:
    """The HTML of one block, escaped."""
    s, fw, cat = kit.strings(lang), kit.framework, kit.catalogue
    if block_id == "skills":
        groups = "".join(
            _group(grid.title, "".join(f"<li>{escape(skill.name)}</li>" for skill in grid.skills))
            for grid in kit.grids(lang)
        )
        return f'<div class="kit-block kit-block--skills">{groups}</div>'
    if block_id == "cycle":
        who = "".join(f"<li>{escape(s.text(f'raters.{r}'))}</li>" for r in fw.raters)
        when = "".join(f"<li>{escape(s.text(f'checkpoints.{c}'))}</li>" for c in fw.checkpoints)
        scale = "".join(
            f'<li><span class="kit-block__num">{v}</span> {escape(s.text(f"scale.{v}.label"))}</li>' for v in fw.scale
        )
        review = f'<p class="kit-block__note">{escape(s.text("events.blocks.review"))}</p>'
        return (
            '<div class="kit-block kit-block--cycle">'
            + _group(s.text("events.blocks.who"), who)
            + _group(s.text("events.blocks.when"), when, "ol", review)
            + _group(s.text("events.blocks.scale"), scale)
            + "</div>"
        )
    if block_id == "flags":
        seen: list[str] = []
        for rule in fw.flags:
            if rule["id"] not in seen:
                seen.append(rule["id"])
        rules = "".join(
            f"<dt>{escape(s.text(f'flags.{fid}.name'))}</dt><dd>{escape(s.text(f'flags.{fid}.rule'))}</dd>"
            for fid in seen
        )
        return (
            f'<div class="kit-block kit-block--flags"><dl>{rules}</dl>'
            f'<p class="kit-block__note">{escape(s.text("flags.note"))}</p></div>'
        )
    if block_id.startswith(MODULE_BLOCK):
        skill = block_id[len(MODULE_BLOCK) :]
        module = kit.module(lang, skill)
        href = target.link(cat.module_rel(skill))
        steps = "".join(f"<li>{escape(h.text)}</li>" for h in module.headings if h.level == 2)
        facts = (
            f"{escape(s.text('module.minutes', minutes=module.minutes))} · "
            f"{escape(s.text('module.trade', trade=module.trade))}"
        )
        return (
            '<div class="kit-block kit-block--module"><div class="kit-block__main">'
            f'<h3><a href="{escape(href)}">{escape(module.title)}</a></h3>'
            f'<p class="kit-block__facts">{facts}</p>'
            f'<p class="kit-block__label">{escape(s.text("events.blocks.steps"))}</p>'
            f'<ol class="kit-block__steps">{steps}</ol></div>{_qr_box(target, href, module.title)}</div>'
        )
    if block_id == "ways-in":
        ways = []
        for rater in fw.raters:
            rel = cat.guide_rel(rater)
            href = target.link(rel)
            title = page_title(kit, lang, rel)
            lead = ""
            if target.lead:
                doc = frontmatter.read(kit.page_path(lang, rel))
                lead = f'<p class="kit-block__lead">{escape(first_sentence(doc.body))}</p>'
            ways.append(
                f'<section class="kit-block__way"><h3>{escape(s.text(f"raters.{rater}"))}</h3>{lead}'
                f'<p class="kit-block__name"><a href="{escape(href)}">{escape(title)}</a></p>'
                f"{_qr_box(target, href, title)}</section>"
            )
        return f'<div class="kit-block kit-block--ways">{"".join(ways)}</div>'
    if block_id in {"tool", "online", "feedback"}:
        rel = {
            "tool": cat.layout.tool_page,
            "online": cat.layout.home_page,
            "feedback": cat.evaluation_rel("event"),
        }[block_id]
        href = target.link(rel)
        name = s.text("site.name") if block_id == "online" else page_title(kit, lang, rel)
        note = f'<p class="kit-block__note">{escape(s.text("tool.privacy"))}</p>' if block_id == "tool" else ""
        return (
            f'<div class="kit-block kit-block--link kit-block--{block_id}">{_qr_box(target, href, name)}'
            f'<div class="kit-block__main"><p class="kit-block__name"><a href="{escape(href)}">{escape(name)}</a></p>'
            f"{note}</div></div>"
        )
    raise KeyError(block_id)


# -- on the site ---------------------------------------------------------------------
_NOTES_START = re.compile(rf"<details\b[^>]*{_NOTES_CLASS.pattern}")


def decorate(
    kit: Any, kind: PageKind, lang: str, body: str, *, link: Callable[[str], str], asset: Callable[[str], str]
) -> str:
    """The flyer's and the presentation's page on the site: each section with its block,
    before its notes; the slides as cards. Other pages are returned as they are."""
    if kind not in (PageKind.FLYER, PageKind.PRESENTATION):
        return body
    target = Target(link=link)
    parts = re.split(r"(?=<h2\b)", body)
    out = [parts[0]]
    for part in parts[1:]:
        found = _H2.match(part)
        section_id = _ID.search(found[1]) if found else None
        name = block_of(section_id[1] if section_id else None)
        if name:
            extra = block(kit, lang, name, target)
            notes = _NOTES_START.search(part)
            part = part[: notes.start()] + extra + part[notes.start() :] if notes else part + extra
        out.append(f'<section class="kit-slide">{part}</section>' if kind == PageKind.PRESENTATION else part)
    return f'<link rel="stylesheet" href="{escape(asset(STYLESHEET))}">' + "".join(out)


# -- checks (file and line) ------------------------------------------------------------
_NOTES_LINE = re.compile(rf"^(\?\?\?\+?|!!!)\s+{NOTES}\b")
_ITEM = re.compile(r"^\s*([-*+]|\d+[.)])\s")
_MARKUP = re.compile(r"\]\([^)]*\)|\{[^}]*\}|[*_`#>\[\]]")


def parts(body: str, first_line: int) -> list[tuple[content.Heading | None, str, int]]:
    """(heading, its text without notes, its list items) for each part of a Markdown body;
    the first part (before any ##) has no heading."""
    headings, _ = content.scan(body, first_line)
    h2 = [h for h in headings if h.level == 2]
    lines = body.split("\n")
    bounds = [first_line] + [h.line for h in h2] + [first_line + len(lines)]
    out: list[tuple[content.Heading | None, str, int]] = []
    for index in range(len(bounds) - 1):
        chunk = lines[bounds[index] - first_line : bounds[index + 1] - first_line]
        text: list[str] = []
        items, in_notes = 0, False
        for line in chunk:
            if _NOTES_LINE.match(line):
                in_notes = True
                continue
            if in_notes and (not line.strip() or line.startswith(("    ", "\t"))):
                continue
            in_notes = False
            if line.lstrip().startswith("#"):
                continue
            if _ITEM.match(line):
                items += 1
            text.append(_MARKUP.sub("", line).strip())
        out.append((h2[index - 1] if index else None, " ".join(t for t in text if t), items))
    return out


def _suggest_id(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:30] or "part"


def check_page(kit: Any, path: Path, name: str) -> None:
    """One flyer or presentation page (any language): ids, blocks and what fits."""
    doc = frontmatter.read(path)
    headings, _ = content.scan(doc.body, doc.body_line)
    if not any(h.level == 1 for h in headings):
        raise ContentError(path, "the page has no title", line=doc.body_line, hint="add a line '# Title' at the top")
    ev = kit.evaluation
    for h in headings:
        if h.level != 2:
            continue
        if not h.id:
            raise ContentError(
                path,
                f"the section '{h.text}' has no id",
                line=h.line,
                hint=f"end the heading with an id, e.g.  ## {h.text} {{#{_suggest_id(h.text)}}}",
            )
        if h.id.startswith(MODULE_BLOCK) and h.id[len(MODULE_BLOCK) :] not in kit.framework.skill_ids:
            raise ContentError(
                path,
                f"'{{#{h.id}}}' names no skill of the kit",
                line=h.line,
                hint="write {#module-<skill id>} with one of: " + ", ".join(kit.framework.skill_ids),
            )
        if h.id == "feedback" and (ev is None or ev.get("event") is None):
            raise ContentError(
                path,
                "the section {#feedback} points to the event questionnaire, which the kit does not have",
                line=h.line,
                hint="add an 'event:' questionnaire to content/evaluation.yml, or give the section another id",
            )
    found = parts(doc.body, doc.body_line)
    if name == PRESENTATION:
        low, high = SLIDES
        if not low <= len(found) <= high:
            raise ContentError(
                path,
                f"the presentation has {len(found)} slides (the title and one per ## section); "
                f"it needs {low} to {high}",
                line=doc.body_line,
                hint="write one ## section per slide",
            )
        for heading, text, items in found:
            limit = SLIDE_CHARS_WITH_BLOCK if heading and block_of(heading.id) else SLIDE_CHARS
            if len(text) > limit or items > SLIDE_ITEMS:
                title = heading.text if heading else "the title slide"
                raise ContentError(
                    path,
                    f"the slide '{title}' has too much text to read from the back of a room "
                    f"({len(text)} characters and {items} list items; at most {limit} and {SLIDE_ITEMS})",
                    line=heading.line if heading else doc.body_line,
                    hint='move the details into its speaker notes (??? notes "Speaker notes", then indented lines)',
                )
        return
    total = sum(len(text) for _, text, _ in found)
    if total > FLYER_CHARS or len(found) - 1 > FLYER_SECTIONS:
        raise ContentError(
            path,
            f"the flyer has {total} characters in {len(found) - 1} sections; one A4 page holds at most "
            f"{FLYER_CHARS} characters in {FLYER_SECTIONS} sections (the kit adds its blocks and QR codes)",
            line=doc.body_line,
            hint="shorten the text: a flyer makes people curious, the site tells the rest",
        )


def check(kit: Any) -> None:
    for lang in kit.languages:
        for name in (FLYER, PRESENTATION):
            path = kit.project.lang_dir(lang) / kit.catalogue.events_rel(name)
            if path.exists():
                check_page(kit, path, name)
