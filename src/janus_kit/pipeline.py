"""The build pipeline of a kit, for any static-site engine.

An engine drives a build in four steps; the mkdocs adapter
(``janus_kit.adapters.mkdocs``) is one such driver, a few lines per event:

1. **load and validate** (:meth:`Pipeline.validate`, once per build): the skill model,
   every page and string of every language, the files of the content folder;
2. **decorate each page by kind** (:meth:`Pipeline.page`): the engine hands over the
   HTML it made from a page's Markdown; the pipeline sanitizes it and adds what the
   page's kind needs (grid tables, module facts, notices, the tool, download buttons);
   text values that go into templates are escaped (:meth:`Pipeline.site_texts`,
   :meth:`Pipeline.page_meta`, :meth:`Pipeline.section_title`);
3. **render the PDFs** (:meth:`Pipeline.documents`, all languages once, cached);
4. **finalize** each finished HTML file (:meth:`Pipeline.finish_html`: the CSP, an
   audit that nothing executable came from content, the page's search pointed at its
   language's index) and each language's output (:meth:`Pipeline.finish_language`:
   the PDFs into the site, the language's own search index; :meth:`Pipeline.finish_site`
   once after all languages).

A pipeline lives for one build command; the builds of the languages share it and
nothing else. Nothing here imports an engine.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup

from . import badges as open_badges
from . import csp, evaluation, events, sanitize, search, sitemap, snippets, strings, tool_data, translation, typography
from .catalogue import PageKind, relative_url
from .errors import ContentError
from .kit import Kit
from .pictures import pages as pictures

log = logging.getLogger("mkdocs.plugins.janus_kit")  # the name mkdocs shows; any engine can attach to it


@dataclass(frozen=True)
class Options:
    pdf: bool = True  # render the PDFs in this build
    pdf_languages: tuple[str, ...] = ()  # empty: every language
    cache_dir: Path | None = None  # default: <project>/.cache/pdf
    offline: bool = False  # also build the offline copies (a zip per language)
    offline_build: bool = False  # this build makes the offline copy (file URLs)

    @classmethod
    def from_env(cls, *, serving: bool = False, offline: bool = False) -> Options:
        """KIT_PDF=0 turns PDFs off (a preview never renders them), KIT_PDF_ONLY=fr,de limits them;
        KIT_OFFLINE=0 skips the offline copies that the kit's configuration asks for."""
        from . import offline as offline_copy

        def off(name: str, default: str = "1") -> bool:
            return os.environ.get(name, default).strip().lower() in {"0", "false", "no", "off"}

        only = tuple(code.strip() for code in os.environ.get("KIT_PDF_ONLY", "").split(",") if code.strip())
        cache = os.environ.get("KIT_PDF_CACHE")
        building_copy = offline_copy.is_offline_build()
        return cls(
            pdf=not (off("KIT_PDF") or serving),
            pdf_languages=only,
            cache_dir=Path(cache) if cache else None,
            offline=offline and not serving and not building_copy and not off("KIT_OFFLINE"),
            offline_build=building_copy,
        )


@dataclass(frozen=True)
class PageRef:
    """A page as the engine builds it."""

    lang: str  # the language being built
    rel: str  # its path inside a language folder, e.g. "grids/social-civic.md"
    url: str  # its site-relative URL, e.g. "fr/grids/social-civic/"
    served_from: str  # the language of the file that serves it (differs on a fallback page)


@dataclass(frozen=True)
class SiteTexts:
    """Per-language texts an engine puts into its templates, escaped for HTML
    (but ``permalink``, which goes to Python-Markdown's toc extension as plain text)."""

    name: Markup
    description: Markup
    copyright: Markup
    permalink: str
    logo_alt: Markup
    not_found: list[dict[str, Markup]]
    palette: dict[str, Markup] = field(default_factory=dict)  # scheme -> its toggle's name
    theme: dict[str, str] = field(default_factory=dict)  # the theme's words the kit says itself (strings.theme_words)


_H1_END = re.compile(r"</h1>", re.I)


def _after_title(html: str, addition: str) -> str:
    """Insert right after the page's title (its first </h1>), else at the top."""
    if not addition:
        return html
    match = _H1_END.search(html)
    if match is None:
        return addition + html
    return html[: match.end()] + addition + html[match.end() :]


@dataclass
class Pipeline:
    kit: Kit
    options: Options = field(default_factory=Options)
    issuer: open_badges.Issuer = field(default_factory=open_badges.Issuer)
    _validated: bool = False
    _badges: open_badges.Badges | None = None
    _documents: dict[str, list[Any]] | None = None
    lunr_languages: frozenset[str] = frozenset({"en"})  # languages the search can stem (search.py)
    search_scripts: bool = False  # also write each index as a script, for pages opened from file://

    @classmethod
    def at(cls, root: Path | str, options: Options | None = None) -> Pipeline:
        return cls(Kit.at(root), options or Options())

    @property
    def catalogue(self) -> Any:
        return self.kit.catalogue

    # -- 1. load and validate ------------------------------------------------
    def validate(self) -> None:
        if not self._validated:
            self.kit.validate()
            self.badges.keys()  # the issuer's public keys are content too: checked once
            self._validated = True

    @property
    def badges(self) -> open_badges.Badges:
        if self._badges is None:
            self._badges = open_badges.Badges(self.kit, self.issuer)
        return self._badges

    def _verify_url(self, lang: str) -> str | None:
        """The verification page's address in a language, if the kit has one."""
        cat = self.catalogue
        if not (self.kit.project.lang_dir(self.kit.source_language) / cat.layout.verify_page).exists():
            return None
        return str(self.kit.project.site_url + cat.page_url(lang, cat.layout.verify_page))

    # -- 2. texts and pages -----------------------------------------------------
    def site_texts(self, lang: str) -> SiteTexts:
        s = self.kit.strings(lang)
        esc = sanitize.text
        return SiteTexts(
            name=esc(s.text("site.name")),
            description=esc(s.text("site.description")),
            copyright=esc(s.text("site.copyright")),
            permalink=s.text("site.permalink"),
            logo_alt=esc(s.text("site.logo_alt")),
            not_found=[
                {
                    "lang": esc(other),
                    "title": esc(self.kit.strings(other).text("error.title")),
                    "text": esc(self.kit.strings(other).text("error.text")),
                    "home": esc(self.kit.strings(other).text("error.home")),
                    "href": esc("/" + self.catalogue.page_url(other, self.catalogue.layout.home_page)),
                }
                for other in self.kit.languages
            ],
            palette={
                "default": esc(s.text("pictures.palette.to_dark")),
                "slate": esc(s.text("pictures.palette.to_light")),
            },
            theme=strings.theme_words(s),
        )

    @staticmethod
    def page_meta(meta: Mapping[str, Any]) -> dict[str, Any]:
        """Front-matter values that templates print: escaped (templates do not escape)."""
        out = dict(meta)
        for key in ("title", "description"):
            if key in out and out[key] is not None:
                out[key] = sanitize.text(out[key])
        return out

    def section_title(self, lang: str, index_rel: str) -> str | None:
        """The navigation title of a folder: its index page's title, escaped."""
        from . import content, frontmatter

        path = self.kit.page_path(lang, index_rel)
        if not path.exists():
            return None
        doc = frontmatter.read(path)
        title = doc.meta.get("title") or content.title_of(doc.body)
        return sanitize.text(title) if title else None

    def page(self, ref: PageRef, html: str) -> str:
        """The finished body of a page: sanitized content plus what its kind needs."""
        kit, cat = self.kit, self.catalogue
        s = kit.strings(ref.lang)
        kind = cat.kind_of(ref.rel)

        def url(rel: str) -> str:
            return relative_url(cat.page_url(ref.lang, rel), ref.url)

        self._check_content_html(ref, html)
        body = snippets.scrollable_tables(sanitize.fragment(html), s)
        body = pictures.decorate(body, kind=kind, rel=ref.rel, cat=cat, s=s, lang=ref.lang, url=url)
        top = self._notice(ref, url)
        after_title = ""
        end = ""
        docs = self.documents(ref.lang) if self.options.pdf else []
        if kind == PageKind.MODULE:
            module = kit.module(ref.lang, ref.rel.split("/")[1][:-3])
            grid_url = url(cat.grid_rel(module.competence)) + f"#skill-{module.skill}"
            after_title += snippets.module_facts(module, kit.framework, s, grid_url=grid_url)
        elif kind == PageKind.GRID:
            grid = kit.grid(ref.lang, ref.rel.split("/")[1][:-3])
            module_urls = {skill.id: url(cat.module_rel(skill.id)) for skill in grid.skills}
            end += snippets.grid_table(grid, kit.framework, s, module_urls=module_urls, lang=ref.lang)
        elif kind == PageKind.TOOL:
            tool_urls = {
                other: relative_url(cat.page_url(other, cat.layout.tool_page), ref.url) for other in kit.languages
            }
            data = tool_data.document(kit, ref.lang, url_of=url, tool_urls=tool_urls)
            data["badges"] = self._badge_data(ref, url)
            data = typography.fix_data(data, ref.lang)
            end += tool_data.markup(
                data, asset=lambda path: relative_url(path, ref.url), bundled=self.options.offline_build
            ) + pictures.tool_pictures(cat, s, ref.lang)
        elif kind == PageKind.VERIFY:
            data = typography.fix_data(self._badge_data(ref, url), ref.lang)
            end += snippets.verify_markup(
                data, asset=lambda path: relative_url(path, ref.url), bundled=self.options.offline_build
            )
        elif kind == PageKind.STATUS:
            body = self._with_status_table(body, s)
        elif kind == PageKind.DOWNLOADS:
            end += self._downloads(ref, docs, s)
        asset = lambda path: relative_url(path, ref.url)  # noqa: E731 - a site asset linked from this page
        body = events.decorate(kit, kind, ref.lang, body, link=url, asset=asset)
        end += evaluation.decorate(kit, kind, ref.lang, ref.rel, asset=asset, bundled=self.options.offline_build)
        offered = [e for e in docs if e.spec.offered_on == ref.rel and e.spec.kind.id != "kit"]
        after_title += "".join(
            snippets.download_button(
                s,
                href=relative_url(e.url, ref.url),
                size=snippets.file_size(e.size, s),
                title=e.title if len(offered) > 1 else None,  # several on one page: say which is which
            )
            for e in offered
        )
        return top + _after_title(body, after_title) + end

    def _badge_data(self, ref: PageRef, url: Callable[[str], str]) -> dict[str, Any]:
        data = self.badges.page_data(ref.lang, verify_url=self._verify_url(ref.lang), url_of=url)
        s = self.kit.strings(ref.lang)
        groups = {name: s.get(name) for name in ("badges", "certification", "language", "scale", "raters", "site")}
        groups["badges"] = {k: v for k, v in groups["badges"].items() if k != "esco"}
        data["strings"] = groups
        data["bundle"] = relative_url(open_badges.BUNDLE, ref.url)
        return data

    def _check_content_html(self, ref: PageRef, html: str) -> None:
        """Tell the author (file and line) about anything unsafe Markdown made of the page."""
        from . import frontmatter, lint

        path = self.kit.page_path(ref.served_from, ref.rel)
        doc = frontmatter.read(path)
        lint.check_html(html, path=path, body=doc.body, body_line=doc.body_line)

    @staticmethod
    def toc_title(title: str) -> Markup:
        """A heading's text for the table of contents and the navigation (it is HTML there)."""
        return Markup(sanitize.inline(title))  # noqa: S704 - cleaned by the sanitizer

    @staticmethod
    def anchor(anchor_id: str) -> str:
        """A heading id as it may appear in a link: letters, digits and - _ . : only."""
        return "".join(c for c in anchor_id if c.isalnum() or c in "-_.:")

    def _notice(self, ref: PageRef, url: Callable[[str], str]) -> str:
        kit = self.kit
        if ref.lang == kit.source_language:
            return ""
        s = kit.strings(ref.lang)
        if ref.served_from != ref.lang:
            href = url(self.catalogue.layout.status_page)
            return snippets.notice("fallback", s.text("notices.fallback"), s.text("notices.fallback_link"), href)
        source = kit.project.lang_dir(kit.source_language) / ref.rel
        own = kit.project.lang_dir(ref.lang) / ref.rel
        if translation.page_state(source, own, ref.rel).state == "outdated":
            href = relative_url(self.catalogue.page_url(kit.source_language, ref.rel), ref.url)
            return snippets.notice("outdated", s.text("notices.outdated"), s.text("notices.outdated_link"), href)
        return ""

    def _with_status_table(self, body: str, s: Any) -> str:
        report = translation.status(self.kit)
        rows = []
        for lang, pages in report.items():
            counts = translation.counts(pages)
            name = self.kit.strings(lang).text("language.name")
            rows.append(
                (name, counts["translated"], counts["missing"] + counts["unmarked"], counts["outdated"], len(pages))
            )
        table = snippets.status_table(rows, s)
        head, sep, rest = body.partition("<h2")
        return head + table + sep + rest if sep else body + table

    def _downloads(self, ref: PageRef, docs: list[Any], s: Any) -> str:
        from . import moodle

        size = len(moodle.csv_text(self.kit, ref.lang).encode("utf-8"))
        href = relative_url(self.catalogue.moodle_url(ref.lang), ref.url)
        offline = snippets.moodle_section(s, href=href, size=snippets.file_size(size, s))
        if self.options.offline:
            href = relative_url(self.catalogue.offline_url(ref.lang), ref.url)
            offline += snippets.offline_section(s, href=href)
        if not docs:
            unavailable = (
                f'<p class="kit-download kit-download--off">{sanitize.text(s.text("downloads.unavailable"))}</p>'
            )
            return unavailable + offline
        from .catalogue import DOC_KINDS

        rows = [
            snippets.DownloadRow(
                s.text(kind.group),
                e.title,
                relative_url(e.url, ref.url),
                snippets.file_size(e.size, s),
                e.pages,
                *self._thumbnail(e, ref.url),
            )
            for kind in DOC_KINDS
            for e in docs
            if e.spec.kind.id == kind.id
        ]
        return snippets.downloads_table(rows, s) + offline

    @staticmethod
    def _thumbnail(entry: Any, page_url: str) -> tuple[str, tuple[int, int]]:
        """The link to a PDF's first-page picture and its size, when the build made one."""
        thumb = entry.thumbnail
        if thumb is None:
            return "", (0, 0)
        return relative_url(thumb.url, page_url), (thumb.width, thumb.height)

    # -- 3. PDFs ----------------------------------------------------------------
    def cache_dir(self) -> Path:
        return self.options.cache_dir or self.kit.project.root / ".cache" / "pdf"

    def pdf_languages(self) -> tuple[str, ...]:
        only = self.options.pdf_languages
        return tuple(lang for lang in self.kit.languages if not only or lang in only)

    def documents(self, lang: str) -> list[Any]:
        """The PDFs of a language (rendered, with every other language, on first use)."""
        if not self.options.pdf:
            return []
        if self._documents is None:
            from .pdf import build

            self.validate()
            manifests, summary = build.build_languages(
                self.kit, self.pdf_languages(), cache_dir=self.cache_dir(), progress=log.info
            )
            self._documents = dict(manifests)
            log.info(
                f"PDF summary: {summary.documents} documents, {summary.rendered} rendered, "
                f"{summary.cached} from cache, {summary.seconds:.1f} s"
            )
        return list(self._documents.get(lang, []))

    # -- 4. finalize ------------------------------------------------------------
    def finish_html(self, html: str, *, source: str, url: str = "") -> str:
        """A finished HTML file: audited (nothing executable from content), then its CSP.

        A page (``url``, site-relative) gets its language's search index. In the offline
        copy, links to the other languages (not in this language's zip) go to the
        published site."""
        if self.options.offline_build and url:
            html = self._online_language_links(html, url)
        if url or source.endswith(".md"):
            html = typography.fix_html(html, self.catalogue.lang_of_url(url))
        base = relative_url(self._lang_root(self.catalogue.lang_of_url(url)), url) if url else None
        html = search.configure_page(html, base=base)
        html = sitemap.drop_alternate_links(html)
        problem = csp.audit(html)
        if problem:
            raise ContentError(
                source,
                f"the finished page holds {problem}",
                hint="content may not carry scripts, event handlers or javascript: links; "
                "check this page's title, description and headings",
            )
        if self.options.offline_build:
            from . import offline_search

            shim = offline_search.script_hash(html)
            return csp.add_policy(html, scripts=(shim,) if shim else ())
        return csp.add_policy(html)

    _HREFLANG = re.compile(r'(<a\b[^>]*?\bhref=")([^"]*)("[^>]*\bhreflang="([a-z-]+)")')

    def _online_language_links(self, html: str, url: str) -> str:
        own = self.catalogue.lang_of_url(url)
        site = self.kit.project.site_url

        def online(match: re.Match[str]) -> str:
            if match[4] == own or match[2].startswith(("http:", "https:")):
                return match[0]
            from posixpath import dirname, join, normpath

            target = normpath(join(dirname(url), match[2])).lstrip("./")
            if target.endswith("index.html"):
                target = target[: -len("index.html")]
            elif target.endswith(".html"):
                target = target[: -len(".html")] + "/"
            return match[1] + site + target + match[3]

        return self._HREFLANG.sub(online, html)

    def _publish_data(self, lang: str, site_dir: Path) -> None:
        """The language's Open Badges files and Moodle framework; the badge code as one script."""
        from . import moodle, tool_bundle

        self.badges.write(lang, site_dir)
        target = site_dir / self.catalogue.moodle_url(lang)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(moodle.csv_text(self.kit, lang), encoding="utf-8")
        if lang == self.kit.source_language:
            bundle = site_dir / open_badges.BUNDLE
            bundle.parent.mkdir(parents=True, exist_ok=True)
            bundle.write_text(tool_bundle.bundle(open_badges.JS_DIR, open_badges.JS_ENTRY), encoding="utf-8")

    def finish_language(self, lang: str, site_dir: Path) -> None:
        """After a language's site is written: its PDFs into the site; after the last
        language, the offline copies."""
        from . import offline
        from .pdf import build

        entries = self.documents(lang)
        if entries:
            build.publish(entries, cache_dir=self.cache_dir(), site_dir=site_dir)
        if lang == self.kit.source_language:
            from . import pictures as kit_pictures

            kit_pictures.publish_licences(self.kit.framework, site_dir)
        self._publish_data(lang, site_dir)
        self._search_index(lang, site_dir)
        if self.options.offline and lang == self.kit.languages[-1]:
            texts = {
                code: (self.kit.strings(code).text("site.name"), self.kit.strings(code).text("downloads.offline_open"))
                for code in self.kit.languages
            }
            written = offline.build(self.kit.project.root, site_dir=site_dir, catalogue=self.catalogue, texts=texts)
            log.info(f"offline copies: {', '.join(p.name for p in written)}")

    def finish_site(self, site_dir: Path) -> None:
        """After every language: the source language's search index, which sits at the site
        root where the engine's index of all languages was written last."""
        self._search_index(self.kit.source_language, site_dir)

    def _lang_root(self, lang: str) -> str:
        """A language's folder, site-relative: "" or "fr/" (with either URL rule)."""
        home = str(self.catalogue.page_url(lang, self.catalogue.layout.home_page))
        if home.endswith(".html"):  # file URLs: "fr/index.html", "index.html"
            folder = home.rpartition("/")[0]
            return folder + "/" if folder else ""
        return home

    def _search_index(self, lang: str, site_dir: Path) -> None:
        search.write_language_index(
            site_dir,
            root=self._lang_root(lang),
            other_roots=[self._lang_root(other) for other in self.kit.languages if other != lang],
            lunr_lang=lang if lang in self.lunr_languages else None,
            script=self.search_scripts or self.options.offline_build,  # pages opened from file://
        )
