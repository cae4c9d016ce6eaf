"""Which PDFs each language gets, and the HTML of each one.

Every document is composed from the same sources as the site: grids from the
grid pages' front matter, modules and guides from their Markdown, labels from
the language's strings.yml. Templates and CSS live in ``janus_kit/print/``.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import markdown
import segno
from markupsafe import Markup

from .. import frontmatter
from ..content import title_of
from ..kit import Kit
from ..strings import Strings
from .markdown_html import to_html

PRINT_DIR = Path(__file__).resolve().parents[1] / "print"
GUIDES = ("trainee", "tutor", "trainer")
PDF_DIR = "pdf"


@dataclass
class Doc:
    id: str
    kind: str  # grid, review, module, guide, kit
    lang: str
    title: str
    html: str
    page_rel: str | None = None  # the site page that offers this PDF
    max_pages: int | None = None
    sources: list[str] = field(default_factory=list)

    @property
    def filename(self) -> str:
        return f"{self.id}-{self.lang}.pdf"


def _css_string(text: str) -> Markup:
    """Text made safe inside a CSS string in a <style> element."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("<", "\\3C ")
    return Markup(escaped)  # noqa: S704 - escaped for CSS above, not HTML


def _counters(template: str) -> Markup:
    """'Page {page} of {pages}' -> '"Page " counter(page) " of " counter(pages)'."""
    parts = re.split(r"(\{pages?\})", template)
    out = []
    for part in parts:
        if part == "{page}":
            out.append("counter(page)")
        elif part == "{pages}":
            out.append("counter(pages)")
        elif part:
            out.append(f'"{_css_string(part)}"')
    return Markup(" ".join(out) or '""')  # noqa: S704 - built from CSS-escaped parts


@cache
def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(PRINT_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
    )
    env.filters["counters"] = _counters
    env.filters["css_string"] = _css_string
    return env


def _qr(url: str) -> str:
    return segno.make(url, error="m").svg_inline(scale=1, border=0, title=url, dark="#111")


def _short(url: str) -> str:
    return re.sub(r"^https?://", "", url)


class Composer:
    """Builds the documents of one language."""

    def __init__(self, kit: Kit, lang: str) -> None:
        self.kit = kit
        self.lang = lang
        self.s: Strings = kit.strings(lang)
        self.site_url = kit.project.site_url
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        self.edition = None
        if epoch and epoch.isdigit():
            day = dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
            self.edition = self.s.format_date(day.year, day.month, day.day)

    # -- helpers ----------------------------------------------------------
    def url(self, rel: str) -> str:
        """Absolute URL of a page of this language (QR codes, printed links)."""
        return self.site_url + self.kit.page_url(self.lang, rel)

    def _render(self, template: str, **context: Any) -> str:
        return (
            _env()
            .get_template(template)
            .render(
                lang=self.lang,
                s=self.s,
                footer=f"{self.s.text('site.name')} · {self.s.text('site.copyright')}",
                description=self.s.text("pdf.cover_subtitle"),
                **context,
            )
        )

    def _scale(self) -> list[dict[str, Any]]:
        return [{"value": v, "label": self.s.text(f"scale.{v}.label")} for v in self.kit.framework.scale]

    def _raters(self) -> list[dict[str, str]]:
        return [{"id": r, "label": self.s.text(f"raters.{r}")} for r in self.kit.framework.raters]

    def _grid_context(self, competence: str, prefix: str = "") -> dict[str, Any]:
        grid = self.kit.grid(self.lang, competence)
        skills = []
        for skill in grid.skills:
            url = self.url(self.kit.module_rel(skill.id))
            skills.append(
                {
                    "id": skill.id,
                    "name": skill.name,
                    "indicators": skill.indicators,
                    "url": url,
                    "short_url": _short(url),
                    "qr": _qr(url),
                }
            )
        return {
            "grid": grid,
            "skills": skills,
            "scale": self._scale(),
            "raters": self._raters(),
            "prefix": prefix,
        }

    def _review_context(self, prefix: str = "") -> dict[str, Any]:
        groups = [
            {"title": grid.title, "skills": [{"id": s.id, "name": s.name} for s in grid.skills]}
            for grid in self.kit.grids(self.lang)
        ]
        flags = []
        for rule in self.kit.framework.flags:
            if rule["id"] not in [f["id"] for f in flags]:
                flags.append(
                    {
                        "id": rule["id"],
                        "name": self.s.text(f"flags.{rule['id']}.name"),
                        "rule": self.s.text(f"flags.{rule['id']}.rule"),
                    }
                )
        return {"review_groups": groups, "flags": flags, "raters": self._raters(), "prefix": prefix}

    def _prose(self, rel: str, kind: str, anchor: str, id_prefix: str = "") -> dict[str, Any]:
        path = self.kit.page_path(self.lang, rel)
        doc = frontmatter.read(path)
        html = to_html(doc.body, config=self.kit.project.config, page_rel=rel, url_of=self.url, id_prefix=id_prefix)
        url = self.url(rel)
        facts = []
        if kind == "module":
            module = self.kit.module(self.lang, Path(rel).stem)
            facts = [
                self.s.text("module.minutes", minutes=module.minutes),
                self.s.text("module.trade", trade=module.trade),
            ]
        return {
            "kind": kind,
            "anchor": anchor,
            "html": html,
            "qr": _qr(url),
            "short_url": _short(url),
            "facts": facts,
            "title": title_of(doc.body) or rel,
            "source": self.kit.project.rel(path),
        }

    # -- documents --------------------------------------------------------
    def grid_doc(self, competence: str) -> Doc:
        ctx = self._grid_context(competence)
        title = ctx["grid"].title
        html = self._render("grid.html", title=title, kind="grid", **ctx)
        return Doc(
            f"grid-{competence}",
            "grid",
            self.lang,
            title,
            html,
            page_rel=f"grids/{competence}.md",
            max_pages=1,
            sources=[self.kit.project.rel(ctx["grid"].path)],
        )

    def review_doc(self) -> Doc:
        title = self.s.text("pdf.review_title")
        html = self._render("review.html", title=title, kind="review", **self._review_context())
        return Doc(
            "review-sheet",
            "review",
            self.lang,
            title,
            html,
            page_rel="grids/index.md",
            max_pages=1,
            sources=[self.kit.project.rel(g.path) for g in self.kit.grids(self.lang)],
        )

    def prose_doc(self, rel: str, kind: str, doc_id: str) -> Doc:
        page = self._prose(rel, kind, anchor=doc_id)
        html = self._render("prose.html", title=page["title"], kind=kind, doc=page)
        return Doc(doc_id, kind, self.lang, page["title"], html, page_rel=rel, sources=[page["source"]])

    def kit_doc(self) -> Doc:
        framework = self.kit.framework
        guides = [self._prose(f"guides/{g}.md", "guide", f"g-{g}", id_prefix=f"g-{g}") for g in GUIDES]
        modules = [
            self._prose(self.kit.module_rel(s.id), "module", f"m-{s.id}", id_prefix=f"m-{s.id}")
            for s in framework.skills
        ]
        grids = []
        for comp in framework.competences:
            ctx = self._grid_context(comp.id, prefix=f"k-{comp.id}-")
            grids.append(
                {
                    "kind": "grid",
                    "anchor": f"k-{comp.id}-grid-{comp.id}",
                    "title": ctx["grid"].title,
                    "grid": ctx["grid"],
                    "skills": ctx["skills"],
                    "prefix": ctx["prefix"],
                }
            )
        review_ctx = self._review_context(prefix="k-")
        review = {
            "kind": "review",
            "anchor": "k-review",
            "title": self.s.text("pdf.review_title"),
            "prefix": "k-",
        }
        parts = [
            {"title": self.s.text("downloads.guides"), "items": guides},
            {"title": self.s.text("downloads.modules"), "items": modules},
            {"title": self.s.text("downloads.grids"), "items": [*grids, review]},
        ]
        title = self.s.text("site.name")
        html = self._render(
            "kit.html",
            title=title,
            kind="kit",
            parts=parts,
            edition=self.edition,
            scale=self._scale(),
            **{k: v for k, v in review_ctx.items() if k not in {"prefix", "raters"}},
            raters=self._raters(),
        )
        sources = [p["source"] for p in guides + modules] + [self.kit.project.rel(g["grid"].path) for g in grids]
        return Doc(
            "janus-kit",
            "kit",
            self.lang,
            title,
            html,
            page_rel="downloads.md",
            sources=sources,
        )

    def all(self) -> list[Doc]:
        return [plan.make() for plan in self.plan()]

    def plan(self) -> list[Plan]:
        """Every document of this language, with the files it is made from, not yet composed."""
        framework = self.kit.framework
        page = self.kit.page_path
        grids = [page(self.lang, f"grids/{c.id}.md") for c in framework.competences]
        guides = [f"guides/{g}.md" for g in GUIDES]
        modules = [self.kit.module_rel(s.id) for s in framework.skills]
        plans = [
            Plan(
                "janus-kit",
                "kit",
                self.lang,
                "downloads.md",
                None,
                [page(self.lang, r) for r in guides + modules] + grids,
                self.kit_doc,
            )
        ]
        plans += [
            Plan(
                f"grid-{c.id}",
                "grid",
                self.lang,
                f"grids/{c.id}.md",
                1,
                [path],
                functools.partial(self.grid_doc, c.id),
            )
            for c, path in zip(framework.competences, grids, strict=True)
        ]
        plans.append(Plan("review-sheet", "review", self.lang, "grids/index.md", 1, grids, self.review_doc))
        plans += [
            Plan(
                f"guide-{Path(rel).stem}",
                "guide",
                self.lang,
                rel,
                None,
                [page(self.lang, rel)],
                functools.partial(self.prose_doc, rel, "guide", f"guide-{Path(rel).stem}"),
            )
            for rel in guides
        ]
        plans += [
            Plan(
                f"module-{Path(rel).stem}",
                "module",
                self.lang,
                rel,
                None,
                [page(self.lang, rel)],
                functools.partial(self.prose_doc, rel, "module", f"module-{Path(rel).stem}"),
            )
            for rel in modules
        ]
        return plans

    def common_inputs(self) -> str:
        """What every document of this language depends on besides its own pages."""
        digest = hashlib.sha256()
        for path in (
            self.kit.project.lang_dir(self.lang) / "strings.yml",
            self.kit.framework.path,
            self.kit.project.root / "mkdocs.yml",
            *sorted(PRINT_DIR.glob("*.html")),
            *sorted(Path(__file__).parent.glob("*.py")),
        ):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
        digest.update(f"{self.site_url}|{self.edition}|{markdown.__version__}|{segno.__version__}".encode())
        return digest.hexdigest()


@dataclass(frozen=True)
class Plan:
    """A document before it is composed: enough to know whether the cache has it."""

    id: str
    kind: str
    lang: str
    page_rel: str | None
    max_pages: int | None
    inputs: list[Path]
    make: Callable[[], Doc]

    @property
    def filename(self) -> str:
        return f"{self.id}-{self.lang}.pdf"

    def key(self, common: str) -> str:
        digest = hashlib.sha256(f"{common}|{self.id}|{self.lang}|{self.max_pages}".encode())
        for path in self.inputs:
            digest.update(str(path.name).encode())
            digest.update(path.read_bytes())
        return digest.hexdigest()
