"""Which PDFs each language gets, and the HTML of each one.

Every document is composed from the same sources as the site: grids from the
grid pages' front matter, modules and guides from their Markdown, labels from
the language's strings.yml. Templates and CSS live in ``janus_kit/print/``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import segno
from markupsafe import Markup

from .. import frontmatter, pictures, strings
from ..catalogue import DocSpec
from ..content import title_of
from ..kit import Kit
from ..strings import Strings
from . import address
from .markdown_html import to_html

PRINT_DIR = Path(__file__).resolve().parents[1] / "print"
ACTION_ROWS = 4  # rows of the review sheet's action table


@dataclass(frozen=True)
class Composed:
    """A document's HTML, ready for WeasyPrint, and the files it was made from."""

    spec: DocSpec
    title: str
    html: str
    sources: list[str] = field(default_factory=list)

    @property
    def max_pages(self) -> int | None:
        return self.spec.kind.max_pages


_CSS_SAFE = re.compile(r"[\w .,:;!?'()/+·…\u2013\u2014-]", re.UNICODE)


def _css_string(text: str) -> Markup:
    """Text made safe inside a double-quoted CSS string: every other character is a CSS escape."""
    # A CSS escape ends with one space, which the CSS parser consumes.
    escaped = "".join(c if _CSS_SAFE.fullmatch(c) else f"\\{ord(c):06x} " for c in str(text))
    return Markup(escaped)  # noqa: S704 - escaped for CSS above, not HTML


def _counters(template: str, page: str = "counter(page)") -> Markup:
    """'Page {page} of {pages}' -> '"Page " counter(page) " of " counter(pages)'."""
    parts = re.split(r"(\{pages?\})", template)
    out = []
    for part in parts:
        if part == "{page}":
            out.append(page)
        elif part == "{pages}":
            out.append("counter(pages)")
        elif part:
            out.append(f'"{_css_string(part)}"')
    return Markup(" ".join(out) or '""')  # noqa: S704 - built from CSS-escaped parts


def _target_page(template: str) -> Markup:
    """'Answer on page {page}' -> '"Answer on page " target-counter(attr(href), page)'."""
    return _counters(template, page="target-counter(attr(href), page)")


@cache
def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(PRINT_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
    )
    env.filters["counters"] = _counters
    env.filters["target_page"] = _target_page
    env.filters["css_string"] = _css_string
    return env


QR_QUIET = 4  # modules of white around the symbol (ISO/IEC 18004)
QR_MIN_VERSION = 4  # 33 modules: the symbol is then at least 20.9 mm wide


def _qr(url: str, alt: str) -> Markup:
    """A QR code ``QR_WIDTH_MM`` wide, quiet zone included; ``alt`` says what it opens.

    One pixel per module (a PNG of a few hundred bytes, drawn without smoothing):
    as vector paths the four codes of a grid would weigh about 20 kB.
    """
    code = segno.make(url, error="m")
    if code.version < QR_MIN_VERSION:  # type: ignore[operator]  # an int for QR codes
        code = segno.make(url, error="m", version=QR_MIN_VERSION)
    src = code.png_data_uri(scale=1, border=QR_QUIET, dark="#000", light="#fff")
    return Markup('<img class="qr" src="{}" alt="{}">').format(src, alt)


_H1 = re.compile(r"<h1\b.*?</h1>", re.S)
_H1_OPEN = re.compile(r"<h1\b[^>]*>")


class PrintPictures:
    """The site's pictures for the print templates (janus_kit.pictures), as markup: the same
    icons, the scale and the cycle (its wide layout, which fits A4), in the document's language."""

    def __init__(self, kit: Kit, lang: str, s: Strings) -> None:
        self._fw, self._lang, self._s = kit.framework, lang, s

    def scale(self, ident: str = "pdf-scale", shape: str = "steps") -> Markup:
        svg = pictures.scale.svg(self._fw, self._s, self._lang, ident=ident, shape=shape, full_title=True)
        return Markup(svg)  # noqa: S704 - the kit's own SVG, its text escaped

    def cycle(self) -> Markup:
        svg = pictures.cycle.svg(self._fw, self._s, self._lang, layout="wide", ident="pdf-cycle", full_title=True)
        return Markup(svg)  # noqa: S704 - the kit's own SVG, its text escaped

    def skill_icon(self, skill_id: str) -> Markup:
        return _decoration(self._fw.skill(skill_id).icon or pictures.icons.DEFAULTS["skill"], skill_id)

    def competence_icon(self, competence_id: str) -> Markup:
        return _decoration(
            self._fw.competence(competence_id).icon or pictures.icons.DEFAULTS["competence"], competence_id
        )


def _decoration(icon: str, item: str) -> Markup:
    """An icon next to the words it stands for: a background image, which a tagged PDF keeps
    out of the structure (an artifact), so that a screen reader does not meet it."""
    uri = pictures.icons.load(icon).data_uri()
    return Markup('<span class="kit-icon kit-icon--{}" style="background-image: url(\'{}\')"></span>').format(item, uri)


def _with_icon(heading: Markup, icon: str) -> Markup:
    """A title (an h1) with an icon before its text."""
    text = str(heading)
    match = _H1_OPEN.search(text)
    if match is None or not icon:
        return heading
    # str(icon): a str plus a Markup would escape the str (the title would print as "<h1 ...>").
    return Markup(text[: match.end()] + str(icon) + text[match.end() :])  # noqa: S704 - both are markup


def _split_title(html: str) -> tuple[Markup, Markup]:
    """The page's title (its first h1, printed beside the QR code) and the rest of its body."""
    match = _H1.search(html)
    if match is None:
        return Markup(""), Markup(html)  # noqa: S704 - sanitized by to_html
    rest = html[: match.start()] + html[match.end() :]
    return Markup(match[0]), Markup(rest)  # noqa: S704 - sanitized by to_html


def _short(url: str) -> str:
    return re.sub(r"^https?://", "", url)


def _edition_day() -> dt.date:
    """The edition date: SOURCE_DATE_EPOCH (reproducible builds), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.datetime.now(tz=dt.UTC).date()


class Composer:
    """Builds the documents of one language."""

    def __init__(self, kit: Kit, lang: str) -> None:
        self.kit = kit
        self.lang = lang
        self.s: Strings = kit.strings(lang)
        self.site_url = kit.project.site_url
        self.preview = address.is_placeholder(self.site_url)
        day = _edition_day()
        self.edition = self.s.format_date(day.year, day.month, day.day)

    # -- helpers ----------------------------------------------------------
    def url(self, rel: str) -> str:
        """Absolute URL of a page of this language (QR codes, printed links)."""
        return self.site_url + self.kit.page_url(self.lang, rel)

    def _render(self, template: str, **context: Any) -> str:
        s = self.s
        version = s.text("pdf.version", version=self.kit.framework.version, date=self.edition)
        return (
            _env()
            .get_template(template)
            .render(
                lang=self.lang,
                s=s,
                footer=f"{s.text('site.name')} · {version} · {s.text('site.copyright')}",
                description=s.text("pdf.cover_subtitle"),
                preview=s.text("pdf.preview") if self.preview else "",
                preview_short=s.text("pdf.preview_short"),
                pictures=PrintPictures(self.kit, self.lang, s),
                **context,
            )
        )

    def _link(self, url: str, alt_key: str, **values: str) -> dict[str, str]:
        """A printed link: the QR code (with its description) and the address without scheme."""
        alt = self.s.text(alt_key, url=_short(url), **values)
        if self.preview:
            alt = f"{alt} {self.s.text('pdf.preview_qr')}"
        return {"url": url, "short_url": _short(url), "qr": _qr(url, alt)}

    def _scale(self) -> list[dict[str, Any]]:
        return [
            {
                "value": v,
                "label": self.s.text(f"scale.{v}.label"),
                "meaning": self.s.text(f"scale.{v}.meaning"),
            }
            for v in self.kit.framework.scale
        ]

    def _raters(self) -> list[dict[str, str]]:
        return [{"id": r, "label": self.s.text(f"raters.{r}")} for r in self.kit.framework.raters]

    def _checkpoints(self) -> list[dict[str, str]]:
        return [{"id": c, "label": self.s.text(f"checkpoints.{c}")} for c in self.kit.framework.checkpoints]

    def _rules(self) -> dict[str, str]:
        return {key: self.s.text(f"rules.{key}") for key in ("skill_level", "agreed_level", "not_observed", "evidence")}

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
                    **self._link(url, "pdf.qr_module", name=skill.name),
                }
            )
        return {
            "grid": grid,
            "skills": skills,
            "scale": self._scale(),
            "raters": self._raters(),
            "checkpoints": self._checkpoints(),
            "rules": self._rules(),
            "not_observed": self.kit.framework.not_observed,
            "prefix": prefix,
        }

    def _review_context(self, prefix: str = "") -> dict[str, Any]:
        groups = [
            {"title": grid.title, "skills": [{"id": s.id, "name": s.name} for s in grid.skills]}
            for grid in self.kit.grids(self.lang)
        ]
        flags: list[dict[str, str]] = []
        for rule in self.kit.framework.flags:
            if rule["id"] not in [f["id"] for f in flags]:
                flags.append(
                    {
                        "id": rule["id"],
                        "name": self.s.text(f"flags.{rule['id']}.name"),
                        "rule": self.s.text(f"flags.{rule['id']}.rule"),
                    }
                )
        return {
            "review_groups": groups,
            "flags": flags,
            "raters": self._raters(),
            "scale": self._scale(),
            "rules": self._rules(),
            "not_observed": self.kit.framework.not_observed,
            "action_rows": ACTION_ROWS,
            "prefix": prefix,
        }

    def _prose(self, rel: str, kind: str, anchor: str, id_prefix: str = "") -> dict[str, Any]:
        path = self.kit.page_path(self.lang, rel)
        doc = frontmatter.read(path)
        html = to_html(
            doc.body,
            config=self.kit.project.config,
            page_rel=rel,
            url_of=self.url,
            id_prefix=id_prefix,
            source=doc,
            content_dir=self.kit.project.content,
            labels={"answers_title": self.s.text("pdf.answers_title")},
        )
        url = self.url(rel)
        title = title_of(doc.body) or rel
        facts = []
        if kind == "module":
            module = self.kit.module(self.lang, Path(rel).stem)
            facts = [
                self.s.text("module.minutes", minutes=module.minutes),
                self.s.text("module.trade", trade=module.trade),
            ]
        heading, body = _split_title(html)
        if kind == "module":
            skill = self.kit.framework.skill(Path(rel).stem)
            heading = _with_icon(heading, _decoration(skill.icon or pictures.icons.DEFAULTS["skill"], skill.id))
        return {
            "kind": kind,
            "anchor": anchor,
            "heading": heading,
            "html": body,
            **self._link(url, "pdf.qr_page", name=title),
            "facts": facts,
            "title": title,
            "source": self.kit.project.rel(path),
        }

    # -- documents --------------------------------------------------------
    def compose(self, spec: DocSpec) -> Composed:
        """The HTML of one document of this language."""
        kind = spec.kind.id
        if kind in events.KINDS:
            return events.compose(self, spec)  # the evaluation sheets, the flyer, the slides
        if kind == "kit":
            return self.kit_doc(spec)
        if kind == "grid":
            return self.grid_doc(spec)
        if kind == "review":
            return self.review_doc(spec)
        return self.prose_doc(spec)

    def grid_doc(self, spec: DocSpec) -> Composed:
        ctx = self._grid_context(str(spec.item))
        title = ctx["grid"].title
        html = self._render("grid.html", title=title, kind="grid", **ctx)
        return Composed(spec, title, html, sources=[self.kit.project.rel(ctx["grid"].path)])

    def review_doc(self, spec: DocSpec) -> Composed:
        title = self.s.text("pdf.review_title")
        html = self._render("review.html", title=title, kind="review", **self._review_context())
        return Composed(spec, title, html, sources=[self.kit.project.rel(g.path) for g in self.kit.grids(self.lang)])

    def prose_doc(self, spec: DocSpec) -> Composed:
        rel = str(spec.source_rel)
        page = self._prose(rel, spec.kind.id, anchor=spec.id)
        html = self._render("prose.html", title=page["title"], kind=spec.kind.id, doc=page)
        return Composed(spec, page["title"], html, sources=[page["source"]])

    def kit_doc(self, spec: DocSpec) -> Composed:
        cat = self.kit.catalogue
        guides = [self._prose(cat.guide_rel(g), "guide", f"g-{g}", id_prefix=f"g-{g}") for g in cat.guides]
        modules = [
            self._prose(cat.module_rel(s.id), "module", f"m-{s.id}", id_prefix=f"m-{s.id}")
            for s in self.kit.framework.skills
        ]
        grids = []
        for comp in self.kit.framework.competences:
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
            checkpoints=self._checkpoints(),
            **{k: v for k, v in review_ctx.items() if k != "prefix"},
        )
        sources = [p["source"] for p in guides + modules] + [self.kit.project.rel(g["grid"].path) for g in grids]
        return Composed(spec, title, html, sources=sources)

    def specs(self) -> list[DocSpec]:
        """Every document of this language (the catalogue's list)."""
        return self.kit.documents(self.lang)

    def inputs(self, spec: DocSpec) -> list[Path]:
        """The content files one document is made from (its cache key reads them)."""
        cat, page = self.kit.catalogue, self.kit.page_path
        grids = [page(self.lang, cat.grid_rel(c.id)) for c in self.kit.framework.competences]
        if spec.kind.id in events.KINDS:
            return events.inputs(self, spec)
        if spec.kind.id == "kit":
            rels = [cat.guide_rel(g) for g in cat.guides] + [cat.module_rel(s) for s in self.kit.framework.skill_ids]
            return [page(self.lang, r) for r in rels] + grids
        if spec.kind.id == "review":
            return grids
        return [page(self.lang, str(spec.source_rel))]

    def common_inputs(self) -> list[Path]:
        """What every document of this language depends on besides its own pages: the kit's
        strings, the generator's own strings (package locales: the source's and this
        language's, when there is one), the model and the site's configuration."""
        source = self.kit.project.lang_dir(self.kit.source_language) / "strings.yml"
        own = self.kit.project.lang_dir(self.lang) / "strings.yml"
        locales = dict.fromkeys(strings.LOCALES_DIR / f"{lang}.yml" for lang in (strings.LOCALE_SOURCE, self.lang))
        existing = [path for path in locales if path.is_file()]
        return [source, own, *existing, self.kit.framework.path, self.kit.project.root / "mkdocs.yml"]


from . import events  # noqa: E402 - the evaluation and event documents use Composer
