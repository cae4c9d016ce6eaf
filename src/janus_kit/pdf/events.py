"""The PDFs of the evaluation phase and of multiplier events.

- ``module-feedback``, ``cycle-evaluation-<rater>``, ``event-feedback``: the
  questionnaires of ``content/evaluation.yml`` as fillable A4 sheets (radio groups
  and text fields), one page each;
- ``flyer``: the page ``events/flyer.md`` on one A4 page, with the kit's blocks and
  the QR codes to the site and to the guides;
- ``deck``: the page ``events/presentation.md`` as 16:9 slides, one page per slide
  (the render fails if a slide does not fit);
- ``speaker-notes``: the same slides on A4, each with what it shows and what to say.

Composed with the language's strings and the same sources as the site; the
templates are ``print/ev_*.html`` and the stylesheet ``print/events.css``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import content, events, frontmatter
from ..catalogue import DocSpec
from ..evaluation import Question, Questionnaire, question_json
from .documents import Composed, Composer, _short
from .markdown_html import to_html

SHEETS = {"module-feedback": "module", "cycle-evaluation": "cycle", "event-feedback": "event"}
KINDS = frozenset({*SHEETS, "flyer", "deck", "speaker-notes"})


@dataclass(frozen=True)
class Slides(Composed):
    """A document whose page limit comes from its content: the deck has one page per slide."""

    limit: int | None = None

    @property
    def max_pages(self) -> int | None:
        return self.limit


def _page(composer: Composer, rel: str) -> tuple[events.EventPage, frontmatter.Document, Path]:
    kit = composer.kit
    path = kit.page_path(composer.lang, rel)
    doc = frontmatter.read(path)
    html = to_html(
        doc.body,
        config=kit.project.config,
        page_rel=rel,
        url_of=composer.url,
        source=doc,
        content_dir=kit.project.content,
    )
    return events.read(html), doc, path


def _qr_of(composer: Composer, href: str, name: str) -> str:
    """A QR code image that says what it opens (and, in a preview copy, that it does not work yet)."""
    return str(composer._link(href, "pdf.qr_page", name=name)["qr"])


def _target(composer: Composer, *, lead: bool = False) -> events.Target:
    return events.Target(link=composer.url, qr=lambda href, name: _qr_of(composer, href, name), short=_short, lead=lead)


def _sections(composer: Composer, page: events.EventPage, target: events.Target) -> list[dict[str, Any]]:
    return [
        {
            "id": sec.id or "",
            "title": sec.title,
            "body": sec.body,
            "notes": sec.notes,
            "block": events.block(composer.kit, composer.lang, sec.block, target) if sec.block else "",
        }
        for sec in page.sections
    ]


def _block_pages(composer: Composer, rel: str) -> list[str]:
    """The pages whose text the blocks of a page show (their titles, first paragraphs...)."""
    kit, cat = composer.kit, composer.kit.catalogue
    doc = frontmatter.read(kit.page_path(composer.lang, rel))
    headings, _ = content.scan(doc.body, doc.body_line)
    rels: list[str] = []
    for heading in headings:
        name = events.block_of(heading.id) if heading.level == 2 else None
        if name == "skills":
            rels += [cat.grid_rel(c.id) for c in kit.framework.competences]
        elif name == "ways-in":
            rels += [cat.guide_rel(g) for g in cat.guides]
        elif name == "tool":
            rels.append(cat.layout.tool_page)
        elif name == "feedback":
            rels.append(cat.evaluation_rel("event"))
        elif name and name.startswith(events.MODULE_BLOCK):
            rels.append(cat.module_rel(name[len(events.MODULE_BLOCK) :]))
    return rels


# -- the feedback sheets ------------------------------------------------------------
def _sheet(composer: Composer, spec: DocSpec) -> Composed:
    kit, s, cat = composer.kit, composer.s, composer.kit.catalogue
    qn: Questionnaire = kit.evaluation.questionnaires[SHEETS[spec.kind.id]]
    rater = spec.item if qn.about == "rater" else None
    questions: tuple[Question, ...] = qn.for_rater(rater)
    if qn.about == "rater":
        title = s.text("evaluation.pdf.cycle", rater=s.text(f"raters.{rater}"))
        url = composer.url(cat.evaluation_rel(qn.id)) + f"?role={rater}"
    else:
        title = s.text(f"evaluation.pdf.{qn.id}")
        url = composer.url(cat.evaluation_rel("index" if qn.about == "skill" else qn.id))
    modules = []
    if qn.about == "skill":
        modules = [
            {"title": grid.title, "skills": [{"id": sk.id, "name": sk.name} for sk in grid.skills]}
            for grid in kit.grids(composer.lang)
        ]
    html = composer._render(
        "ev_feedback.html",
        title=title,
        kind="sheet",
        intro=s.text(f"evaluation.{qn.id}.intro"),
        give=s.text(f"evaluation.{qn.id}.give"),
        prefix=spec.id,
        modules=modules,
        questions=[question_json(s, qn, q) for q in questions],
        qr=_qr_of(composer, url, title),
        url=url,
        short_url=_short(url),
    )
    sources = [kit.project.rel(kit.evaluation.path)]
    return Composed(spec, title, html, sources=sources)


# -- the flyer, the slides, the notes ---------------------------------------------------
def _flyer(composer: Composer, spec: DocSpec) -> Composed:
    page, _, path = _page(composer, str(spec.source_rel))
    title = composer.s.text("events.pdf.flyer")
    html = composer._render(
        "ev_flyer.html",
        title=f"{title}: {composer.s.text('site.name')}",
        kind="flyer",
        page=page,
        sections=_sections(composer, page, _target(composer, lead=True)),
    )
    return Composed(spec, title, html, sources=[composer.kit.project.rel(path)])


def _slides(composer: Composer, spec: DocSpec) -> Composed:
    page, _, path = _page(composer, str(spec.source_rel))
    s = composer.s
    sections = _sections(composer, page, _target(composer))
    home = composer.url(composer.kit.catalogue.layout.home_page)
    sources = [composer.kit.project.rel(path)]
    if spec.kind.id == "deck":
        title = s.text("events.pdf.deck")
        html = composer._render(
            "ev_deck.html",
            title=f"{title}: {events.strip_tags(page.title)}",
            kind="deck",
            page=page,
            slides=sections,
            site_qr=_qr_of(composer, home, s.text("site.name")),
            site_url=home,
            site_short=_short(home),
        )
        return Slides(spec, title, html, sources=sources, limit=len(sections) + 1)
    title = s.text("events.pdf.notes")
    first = {"id": "", "title": page.title, "body": page.lead, "notes": page.lead_notes, "block": ""}
    html = composer._render(
        "ev_notes.html",
        title=f"{title}: {events.strip_tags(page.title)}",
        kind="notes",
        slides=[first, *sections],
    )
    return Composed(spec, title, html, sources=sources)


def compose(composer: Composer, spec: DocSpec) -> Composed:
    """The HTML of one document of these kinds."""
    if spec.kind.id in SHEETS:
        return _sheet(composer, spec)
    if spec.kind.id == "flyer":
        return _flyer(composer, spec)
    return _slides(composer, spec)


def inputs(composer: Composer, spec: DocSpec) -> list[Path]:
    """The content files one document is made from (its cache key reads them)."""
    kit, cat = composer.kit, composer.kit.catalogue
    page = kit.page_path
    if spec.kind.id in SHEETS:
        grids = [page(composer.lang, cat.grid_rel(c.id)) for c in kit.framework.competences]
        return [kit.evaluation.path, *(grids if spec.kind.id == "module-feedback" else [])]
    rel = str(spec.source_rel)
    return [page(composer.lang, r) for r in [rel, *_block_pages(composer, rel)]]
