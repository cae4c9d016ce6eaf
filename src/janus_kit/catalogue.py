"""The catalogue: every kind of page and of PDF a kit has, where they live, and the URL rule.

This is the one place that knows that a module lives at ``<competence>/<skill>.md``,
that there is one guide per rater, which PDFs a language gets and on which page each
is offered. The engine adapters, the PDF builder, the tests and the benchmark all ask
the catalogue; nothing else counts skills, languages, raters, guides or documents.

A kit changes the catalogue through data only: the skill model (competences, skills,
raters) and the pages it has (every page under ``printables/`` becomes a printable
PDF). The folder and page names below can be changed in the engine's configuration.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import PurePosixPath

from .model import Framework


class PageKind(StrEnum):
    HOME = "home"
    COMPETENCE = "competence"  # <competence>/index.md: the competence and its skills
    MODULE = "module"  # <competence>/<skill>.md
    GRIDS = "grids"  # grids/index.md
    GRID = "grid"  # grids/<competence>.md
    GUIDES = "guides"  # guides/index.md
    GUIDE = "guide"  # guides/<rater>.md
    PRINTABLES = "printables"  # printables/index.md
    PRINTABLE = "printable"  # printables/<name>.md: a page that is also an A4 PDF
    TOOL = "tool"
    DOWNLOADS = "downloads"
    STATUS = "status"  # translation status
    FEEDBACK = "feedback"  # <evaluation>/<questionnaire>.md: a questionnaire of evaluation.yml, online
    FEEDBACK_SUMMARY = "feedback-summary"  # <evaluation>/summary.md: the trainer's summary of feedback files
    FLYER = "flyer"  # <events>/flyer.md: a page that is also the A4 flyer
    PRESENTATION = "presentation"  # <events>/presentation.md: the slides (one ## each) and their notes
    VERIFY = "verify"  # checks an Open Badges credential in the browser
    PAGE = "page"  # any other page


@dataclass(frozen=True)
class Layout:
    """Folder and page names of a kit (the engine's configuration may change them)."""

    grids_dir: str = "grids"
    guides_dir: str = "guides"
    printables_dir: str = "printables"
    home_page: str = "index.md"
    tool_page: str = "tool.md"
    downloads_page: str = "downloads.md"
    status_page: str = "translation-status.md"
    verify_page: str = "verify.md"
    badges_dir: str = "badges"  # Open Badges: issuer profile, keys, achievements (JSON)
    exports_dir: str = "exports"  # files for other systems (the Moodle competency framework)
    pdf_dir: str = "pdf"
    evaluation_dir: str = "evaluation"  # the questionnaires online and the summary (with evaluation.yml)
    events_dir: str = "events"  # the flyer and the presentation of multiplier events
    offline_dir: str = "offline"
    directory_urls: bool = True  # False for the offline copy, which opens from file://


@dataclass(frozen=True)
class DocKind:
    """A kind of PDF. ``each`` says what one document is made for."""

    id: str
    each: str | None  # None (one per language), "competence", "guide", "skill", "printable"
    group: str  # strings.yml key of the heading it is listed under on the downloads page
    max_pages: int | None = None
    needs: str | None = None  # a kit has it only with this feature (Kit.features: its files say so)


# The PDF kinds, in the order the downloads page lists them.
DOC_KINDS: tuple[DocKind, ...] = (
    DocKind("kit", None, "downloads.kit"),
    DocKind("grid", "competence", "downloads.grids", max_pages=1),
    DocKind("review", None, "downloads.review", max_pages=1),
    DocKind("guide", "guide", "downloads.guides"),
    DocKind("printable", "printable", "downloads.printables"),
    DocKind("module", "skill", "downloads.modules"),
    # The test-and-evaluation phase (content/evaluation.yml) and multiplier events (the events pages).
    DocKind("module-feedback", None, "evaluation.pdf.group", max_pages=1, needs="questionnaire:module"),
    DocKind("cycle-evaluation", "rater", "evaluation.pdf.group", max_pages=1, needs="questionnaire:cycle"),
    DocKind("flyer", None, "events.pdf.group", max_pages=1, needs="flyer"),
    DocKind("deck", None, "events.pdf.group", needs="presentation"),
    DocKind("speaker-notes", None, "events.pdf.group", needs="presentation"),
    DocKind("event-feedback", None, "events.pdf.group", max_pages=1, needs="questionnaire:event"),
)


def doc_kind(kind_id: str) -> DocKind:
    for kind in DOC_KINDS:
        if kind.id == kind_id:
            return kind
    raise KeyError(kind_id)


@dataclass(frozen=True)
class DocSpec:
    """One PDF of one language, before it is composed: what, from which page, offered where."""

    kind: DocKind
    item: str | None  # the competence, guide, skill or printable it is made for
    lang: str
    source_rel: str | None  # the page (inside a language folder) it is made from
    offered_on: str  # the page that offers it with a download button

    kit_id: str = "kit"  # the kit's own id (framework.yml), names the whole-kit PDF

    @property
    def id(self) -> str:
        if self.kind.id == "kit":
            return self.kit_id
        if self.kind.id == "review":
            return "review-sheet"
        if self.kind.id == "printable":
            return str(self.item)
        if self.item is None:
            return self.kind.id
        return f"{self.kind.id}-{self.item}"

    @property
    def filename(self) -> str:
        return f"{self.id}-{self.lang}.pdf"


@dataclass(frozen=True)
class Catalogue:
    framework: Framework
    languages: tuple[str, ...]  # the source (default) language first
    layout: Layout = field(default_factory=Layout)

    @property
    def source_language(self) -> str:
        return self.languages[0]

    # -- paths inside a language folder -------------------------------------
    def module_rel(self, skill_id: str) -> str:
        return f"{self.framework.skill(skill_id).competence}/{skill_id}.md"

    def competence_rel(self, competence_id: str) -> str:
        return f"{competence_id}/index.md"

    def grid_rel(self, competence_id: str) -> str:
        return f"{self.layout.grids_dir}/{competence_id}.md"

    def grids_rel(self) -> str:
        return f"{self.layout.grids_dir}/index.md"

    def guide_rel(self, guide_id: str) -> str:
        return f"{self.layout.guides_dir}/{guide_id}.md"

    @property
    def guides(self) -> tuple[str, ...]:
        """One guide per rater."""
        return self.framework.raters

    def printable_rel(self, name: str) -> str:
        return f"{self.layout.printables_dir}/{name}.md"

    def evaluation_rel(self, name: str) -> str:
        """A page of the evaluation folder: index, summary, or a questionnaire's id."""
        return f"{self.layout.evaluation_dir}/{name}.md"

    def events_rel(self, name: str) -> str:
        """A page of the events folder: index, flyer or presentation."""
        return f"{self.layout.events_dir}/{name}.md"

    def kind_of(self, rel: str | PurePosixPath) -> PageKind:
        """The kind of a page from its path inside a language folder."""
        path = PurePosixPath(rel)
        parts = path.parts
        text = path.as_posix()
        special = {
            self.layout.home_page: PageKind.HOME,
            self.layout.tool_page: PageKind.TOOL,
            self.layout.downloads_page: PageKind.DOWNLOADS,
            self.layout.status_page: PageKind.STATUS,
            self.layout.verify_page: PageKind.VERIFY,
        }
        if text in special:
            return special[text]
        if len(parts) != 2:
            return PageKind.PAGE
        folder, name = parts[0], parts[1]
        stem = name[:-3] if name.endswith(".md") else name
        index = name == "index.md"
        if folder == self.layout.grids_dir:
            return PageKind.GRIDS if index else PageKind.GRID
        if folder == self.layout.guides_dir:
            return PageKind.GUIDES if index else PageKind.GUIDE
        if folder == self.layout.printables_dir:
            return PageKind.PRINTABLES if index else PageKind.PRINTABLE
        if folder == self.layout.evaluation_dir and not index:
            return PageKind.FEEDBACK_SUMMARY if stem == "summary" else PageKind.FEEDBACK
        if folder == self.layout.events_dir:
            return {"flyer": PageKind.FLYER, "presentation": PageKind.PRESENTATION}.get(stem, PageKind.PAGE)
        if folder in {c.id for c in self.framework.competences}:
            if index:
                return PageKind.COMPETENCE
            return PageKind.MODULE if stem in self.framework.skill_ids else PageKind.PAGE
        return PageKind.PAGE

    def required_pages(self) -> Iterator[str]:
        """The pages every kit has in its source language."""
        yield self.layout.home_page
        for comp in self.framework.competences:
            yield self.competence_rel(comp.id)
            for skill in comp.skills:
                yield self.module_rel(skill.id)
            yield self.grid_rel(comp.id)
        yield self.grids_rel()
        for guide in self.guides:
            yield self.guide_rel(guide)
        yield self.layout.tool_page
        yield self.layout.downloads_page

    # -- the URL rule ---------------------------------------------------------
    def page_url(self, lang: str, rel: str) -> str:
        """Site-relative URL of a page: 'fr/social-civic/teamwork/' (directory URLs), or
        'fr/social-civic/teamwork.html' in the offline copy (mkdocs' two URL rules)."""
        stem = rel[:-3] if rel.endswith(".md") else rel
        prefix = "" if lang == self.source_language else f"{lang}/"
        if not self.layout.directory_urls:
            return f"{prefix}{stem}.html"
        if stem == "index":
            stem = ""
        elif stem.endswith("/index"):
            stem = stem[: -len("/index")]
        path = f"{stem}/" if stem else ""
        return prefix + path

    def offline_url(self, lang: str) -> str:
        """Where the offline copy of a language is published (a zip)."""
        return f"{self.layout.offline_dir}/{self.framework.kit_id}-{lang}-offline.zip"

    # -- Open Badges and exports (site-relative; one set for all languages) -------
    def issuer_url(self) -> str:
        return f"{self.layout.badges_dir}/issuer.json"

    def key_url(self, thumbprint: str) -> str:
        return f"{self.layout.badges_dir}/keys/{thumbprint}.json"

    def achievement_url(self, lang: str, skill_id: str) -> str:
        return f"{self.layout.badges_dir}/achievements/{lang}/{skill_id}.json"

    def moodle_url(self, lang: str) -> str:
        prefix = "" if lang == self.source_language else f"{lang}/"
        return f"{prefix}{self.layout.exports_dir}/{self.framework.kit_id}-moodle-framework-{lang}.csv"

    def pdf_url(self, spec: DocSpec) -> str:
        prefix = "" if spec.lang == self.source_language else f"{spec.lang}/"
        return f"{prefix}{self.layout.pdf_dir}/{spec.filename}"

    def thumbnail_url(self, spec: DocSpec) -> str:
        """The picture of a PDF's first page (the downloads page shows it)."""
        prefix = "" if spec.lang == self.source_language else f"{spec.lang}/"
        return f"{prefix}{self.layout.pdf_dir}/thumbnails/{spec.id}-{spec.lang}.png"

    def lang_of_url(self, url: str) -> str:
        """The language of a site-relative URL."""
        first = url.lstrip("/").split("/", 1)[0]
        return first if first in self.languages[1:] else self.source_language

    # -- documents ------------------------------------------------------------
    def documents(
        self, lang: str, printables: tuple[str, ...] = (), features: frozenset[str] = frozenset()
    ) -> list[DocSpec]:
        """Every PDF of one language, in the order of the downloads page.

        ``printables`` are the names of the pages under the printables folder, and
        ``features`` what the kit's files offer (``Kit.features``: its questionnaires,
        the flyer, the presentation); both are content, so the caller finds them.
        """
        specs: list[DocSpec] = []
        layout = self.layout
        kit_id = self.framework.kit_id

        def spec(kind: DocKind, item: str | None, source: str | None, offered_on: str) -> DocSpec:
            return DocSpec(kind, item, lang, source, offered_on, kit_id)

        # The kinds made for one page: (source page, page that offers it).
        single = {
            "module-feedback": (None, self.evaluation_rel("index")),
            "event-feedback": (None, self.evaluation_rel("event")),
            "flyer": (self.events_rel("flyer"), self.events_rel("flyer")),
            "deck": (self.events_rel("presentation"), self.events_rel("presentation")),
            "speaker-notes": (self.events_rel("presentation"), self.events_rel("presentation")),
        }
        for kind in DOC_KINDS:
            if kind.needs is not None and kind.needs not in features:
                continue
            if kind.id in single:
                specs.append(spec(kind, None, *single[kind.id]))
            elif kind.each == "rater":
                page = self.evaluation_rel("cycle")
                specs += [spec(kind, r, None, page) for r in self.framework.raters]
            elif kind.id == "kit":
                specs.append(spec(kind, None, None, layout.downloads_page))
            elif kind.id == "review":
                specs.append(spec(kind, None, None, self.grids_rel()))
            elif kind.each == "competence":
                specs += [
                    spec(kind, c.id, self.grid_rel(c.id), self.grid_rel(c.id)) for c in self.framework.competences
                ]
            elif kind.each == "guide":
                specs += [spec(kind, g, self.guide_rel(g), self.guide_rel(g)) for g in self.guides]
            elif kind.each == "printable":
                specs += [spec(kind, p, self.printable_rel(p), self.printable_rel(p)) for p in printables]
            elif kind.each == "skill":
                specs += [spec(kind, s, self.module_rel(s), self.module_rel(s)) for s in self.framework.skill_ids]
        return specs


def _norm_parts(path: str) -> list[str]:
    parts: list[str] = []
    for part in path.lstrip("/").split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part and part != ".":
            parts.append(part)
    return parts


def relative_url(target: str, page_url: str) -> str:
    """``target`` (a site-relative URL) as a link from the page at ``page_url``.

    The same rule as mkdocs' ``get_relative_url``: the last part of ``page_url`` is
    a file when it has a dot in it; going above the root has no effect.
    """
    dirname, _, basename = page_url.rpartition("/")
    if "." in basename:
        page_url = dirname
    other, dest = _norm_parts(page_url), _norm_parts(target)
    common = 0
    for a, b in zip(other, dest, strict=False):
        if a != b:
            break
        common += 1
    rel = "/".join([".."] * (len(other) - common) + dest[common:]) or "."
    return rel + "/" if target.endswith("/") else rel
