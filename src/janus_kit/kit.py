"""The kit as a whole: project, skill model, catalogue, strings, modules and grids, cached.

The pipeline, the CLI, the PDF builder and the tests all go through ``Kit``. Reads
are cached by file modification time, so ``mkdocs serve`` sees edits at once and a
six-language build parses each file once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from . import content, files, strings
from .catalogue import Catalogue, Layout, PageKind
from .errors import ContentError
from .model import Framework
from .project import Project

T = TypeVar("T")


@dataclass
class Kit:
    project: Project
    layout: Layout = field(default_factory=Layout)
    _cache: dict[tuple[str, str], tuple[int, Any]] = field(default_factory=dict)

    @classmethod
    def at(cls, root: Path | str | None = None, layout: Layout | None = None) -> Kit:
        return cls(Project.at(root), layout or Layout())

    # -- cached reads -----------------------------------------------------
    def _cached(self, kind: str, path: Path, load: Callable[[], T]) -> T:
        stamp = path.stat().st_mtime_ns if path.exists() else -1
        key = (kind, str(path))
        hit = self._cache.get(key)
        if hit is not None and hit[0] == stamp:
            return hit[1]  # type: ignore[no-any-return]
        value = load()
        self._cache[key] = (stamp, value)
        return value

    @property
    def framework(self) -> Framework:
        from . import model

        path = self.project.content / "framework.yml"
        return self._cached("framework", path, lambda: model.load(path))

    @property
    def catalogue(self) -> Catalogue:
        return Catalogue(self.framework, self.languages, self.layout)

    @property
    def languages(self) -> tuple[str, ...]:
        return self.project.languages

    @property
    def source_language(self) -> str:
        return self.project.source_language

    def locale(self, lang: str) -> strings.Strings | None:
        """The generator's own strings for a language (tool, PDFs, notices), or None."""
        path = strings.LOCALES_DIR / f"{lang}.yml"
        if not path.exists():
            return None
        fallback = None if lang == strings.LOCALE_SOURCE else self.locale(strings.LOCALE_SOURCE)
        return self._cached("locale", path, lambda: strings.load(path, lang, fallback=fallback))

    def strings(self, lang: str) -> strings.Strings:
        """A language's strings: the kit's own file first, then (for a translation whose file is
        outdated) the kit's source language, then the generator's strings for the language."""
        path = self.project.lang_dir(lang) / strings.FILENAME
        generic = self.locale(lang) or self.locale(strings.LOCALE_SOURCE)
        if lang == self.source_language:
            return self._cached("strings", path, lambda: strings.load(path, lang, fallback=generic))
        source = self.strings(self.source_language)
        chain = strings.Strings(source.lang, source.path, source.data, fallback=generic)
        return self._cached("strings", path, lambda: strings.load(path, lang, fallback=chain))

    def strings_outdated(self, lang: str) -> bool:
        from . import translation

        source_dir = self.project.lang_dir(self.source_language)
        state = translation.strings_state(source_dir / strings.FILENAME, self.project.lang_dir(lang) / strings.FILENAME)
        return state.state != "translated"

    def locale_outdated(self, lang: str) -> bool:
        from . import translation

        state = translation.strings_state(translation.locale_path(strings.LOCALE_SOURCE), translation.locale_path(lang))
        return state.state != "translated"

    def page_path(self, lang: str, rel: str) -> Path:
        """The file that serves ``rel`` in ``lang``: the translation, else the source."""
        own = self.project.lang_dir(lang) / rel
        return own if own.exists() else self.project.lang_dir(self.source_language) / rel

    def kind_of(self, rel: str) -> PageKind:
        return self.catalogue.kind_of(rel)

    def is_outdated(self, lang: str, rel: str) -> bool:
        """Whether a language's own translation of a page lags behind its source page."""
        from . import translation

        if lang == self.source_language:
            return False
        own = self.project.lang_dir(lang) / rel
        source = self.project.lang_dir(self.source_language) / rel
        if not own.exists() or not source.exists():
            return False
        return translation.page_state(source, own, rel).state == "outdated"

    def grid(self, lang: str, competence_id: str) -> content.Grid:
        """A language's grid; the source grid while the translation is missing or outdated,
        so that every device rates the same indicators in the same order."""
        rel = self.catalogue.grid_rel(competence_id)
        path = self.page_path(lang, rel)
        if self.is_outdated(lang, rel):
            path = self.project.lang_dir(self.source_language) / rel
        return self._cached("grid", path, lambda: content.load_grid(path, self.framework))

    def grids(self, lang: str) -> list[content.Grid]:
        return [self.grid(lang, comp.id) for comp in self.framework.competences]

    def module(self, lang: str, skill_id: str) -> content.Module:
        path = self.page_path(lang, self.catalogue.module_rel(skill_id))
        return self._cached("module", path, lambda: content.load_module(path, self.framework))

    def module_rel(self, skill_id: str) -> str:
        """The module's path relative to a language folder."""
        return self.catalogue.module_rel(skill_id)

    def pages(self, lang: str) -> list[Path]:
        """Markdown files of one language folder (its own files only)."""
        folder = self.project.lang_dir(lang)
        return sorted(folder.rglob("*.md")) if folder.exists() else []

    def printables(self) -> tuple[str, ...]:
        """The names of the printable pages (from the source language folder)."""
        folder = self.project.lang_dir(self.source_language) / self.layout.printables_dir
        if not folder.is_dir():
            return ()
        return tuple(sorted(p.stem for p in folder.glob("*.md") if p.name != "index.md"))

    def page_url(self, lang: str, rel: str) -> str:
        """Site-relative URL of a page (directory URLs), e.g. 'fr/social-civic/teamwork/'."""
        return self.catalogue.page_url(lang, rel)

    # -- validation ---------------------------------------------------------
    def validate(self, *, rendered: bool = False) -> None:
        """Check everything the build relies on; raise the first ContentError.

        ``rendered`` also renders every page with the kit's Markdown extensions and checks
        the HTML (the build does that on the engine's own HTML, page by page).
        """
        from . import lint

        project = self.project
        project.check_language_folders()
        files.check_tree(project.content, self.languages)
        framework = self.framework
        source = self.strings(self.source_language)
        generic = self.locale(strings.LOCALE_SOURCE)
        for lang in self.languages[1:]:
            own_locale = self.locale(lang)
            if generic is not None and own_locale is not None and lang != strings.LOCALE_SOURCE:
                strings.check_same_keys(generic, own_locale, complete=not self.locale_outdated(lang))
        for lang in self.languages[1:]:
            strings.check_same_keys(
                source, self.strings(lang), complete=not self.strings_outdated(lang), generic=self.locale("en")
            )
        source_dir = project.lang_dir(self.source_language)
        for required in self.catalogue.required_pages():
            if not (source_dir / required).exists():
                raise ContentError(
                    source_dir / required,
                    f"the kit needs this page ({self.catalogue.kind_of(required).value})",
                    hint="create it; see the 'Make your own kit' page for what each page holds",
                )
        for lang in self.languages:
            folder = project.lang_dir(lang)
            for page in self.pages(lang):
                rel = page.relative_to(folder)
                lint.check_file(page)
                if rendered:
                    self._check_rendered(page)
                if self.is_outdated(lang, rel.as_posix()):
                    continue  # shown with an "outdated" notice; it may lag behind the model too
                content.check_page(page, self.catalogue.kind_of(rel.as_posix()), framework)
                if lang != self.source_language:
                    self._check_translation_matches(lang, page, rel)

    def _check_rendered(self, page: Path) -> None:
        import markdown

        from . import frontmatter, lint
        from .pdf.markdown_html import extensions

        names, configs = extensions(self.project.config)
        doc = frontmatter.read(page)
        html = markdown.Markdown(extensions=names, extension_configs=configs).convert(doc.body)
        lint.check_html(html, path=page, body=doc.body, body_line=doc.body_line)

    def _check_translation_matches(self, lang: str, path: Path, rel: Path) -> None:
        """A translation mirrors its source: same place, same grid shape, same structure."""
        from . import translation

        source = self.project.lang_dir(self.source_language) / rel
        if not source.exists():
            raise ContentError(
                path,
                f"this page has no source page ({self.project.rel(source)} does not exist)",
                hint="a translation must have the same path as its source page; rename it",
            )
        state = translation.page_state(source, path, rel.as_posix())
        if state.state == "outdated":
            return  # shown with an "outdated" notice; its structure may lag behind
        if self.catalogue.kind_of(rel.as_posix()) == PageKind.GRID:
            mine = content.load_grid(path, self.framework)
            theirs = content.load_grid(source, self.framework)
            for skill, other in zip(mine.skills, theirs.skills, strict=True):
                if len(skill.indicators) != len(other.indicators):
                    raise ContentError(
                        path,
                        f"the skill '{skill.id}' has {len(skill.indicators)} indicators here "
                        f"and {len(other.indicators)} in the source grid",
                        line=skill.line,
                        hint="translate the indicators one to one: the online tool and the PDFs "
                        "compare ratings indicator by indicator",
                    )
        problems = translation.compare_structure(source, path)
        if problems:
            raise ContentError(
                path,
                f"the translation's structure differs from {self.project.rel(source)}: {problems[0]}",
                hint="keep the headings' {#anchors}, the boxes (!!! / ???) and the links of the "
                "source page; translate only the text",
            )
