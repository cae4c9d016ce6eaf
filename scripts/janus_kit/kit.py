"""The kit as a whole: project, skill model, strings, modules and grids, cached.

Hooks, the CLI, the PDF builder and the tests all go through ``Kit``. Reads are
cached by file modification time, so ``mkdocs serve`` sees edits at once and a
six-language build parses each file once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import content, strings
from .errors import ContentError
from .model import Framework
from .project import Project


@dataclass
class Kit:
    project: Project
    _cache: dict[tuple[str, str], tuple[int, Any]] = field(default_factory=dict)

    @classmethod
    def at(cls, root: Path | str | None = None) -> Kit:
        return cls(Project.at(root))

    # -- cached reads -----------------------------------------------------
    def _cached(self, kind: str, path: Path, load: Any) -> Any:
        stamp = path.stat().st_mtime_ns if path.exists() else -1
        key = (kind, str(path))
        hit = self._cache.get(key)
        if hit is not None and hit[0] == stamp:
            return hit[1]
        value = load()
        self._cache[key] = (stamp, value)
        return value

    @property
    def framework(self) -> Framework:
        from . import model

        path = self.project.content / "framework.yml"
        return self._cached("framework", path, lambda: model.load(path))

    @property
    def languages(self) -> tuple[str, ...]:
        return self.project.languages

    @property
    def source_language(self) -> str:
        return self.project.source_language

    def strings(self, lang: str) -> strings.Strings:
        path = self.project.lang_dir(lang) / strings.FILENAME
        return self._cached("strings", path, lambda: strings.load(path, lang))

    def page_path(self, lang: str, rel: str) -> Path:
        """The file that serves ``rel`` in ``lang``: the translation, else the source."""
        own = self.project.lang_dir(lang) / rel
        return own if own.exists() else self.project.lang_dir(self.source_language) / rel

    def grid(self, lang: str, competence_id: str) -> content.Grid:
        path = self.page_path(lang, f"{content.GRIDS_DIR}/{competence_id}.md")
        return self._cached("grid", path, lambda: content.load_grid(path, self.framework))

    def grids(self, lang: str) -> list[content.Grid]:
        return [self.grid(lang, comp.id) for comp in self.framework.competences]

    def module(self, lang: str, skill_id: str) -> content.Module:
        skill = self.framework.skill(skill_id)
        path = self.page_path(lang, f"{skill.competence}/{skill_id}.md")
        return self._cached("module", path, lambda: content.load_module(path, self.framework))

    def module_rel(self, skill_id: str) -> str:
        """The module's path relative to a language folder."""
        return f"{self.framework.skill(skill_id).competence}/{skill_id}.md"

    def pages(self, lang: str) -> list[Path]:
        """Markdown files of one language folder (its own files only)."""
        folder = self.project.lang_dir(lang)
        return sorted(folder.rglob("*.md")) if folder.exists() else []

    def page_url(self, lang: str, rel: str) -> str:
        """Site-relative URL of a page (directory URLs), e.g. 'fr/social-civic/teamwork/'."""
        stem = rel[:-3] if rel.endswith(".md") else rel
        if stem == "index":
            stem = ""
        elif stem.endswith("/index"):
            stem = stem[: -len("/index")]
        path = f"{stem}/" if stem else ""
        return path if lang == self.source_language else f"{lang}/{path}"

    # -- validation ---------------------------------------------------------
    def validate(self) -> None:
        """Check everything the build relies on; raise the first ContentError."""
        from . import lint

        project = self.project
        project.check_language_folders()
        framework = self.framework
        source = self.strings(self.source_language)
        for lang in self.languages[1:]:
            strings.check_same_keys(source, self.strings(lang))
        for lang in self.languages:
            folder = project.lang_dir(lang)
            for path in self.pages(lang):
                rel = path.relative_to(folder)
                lint.check_file(path)
                content.check_page(path, rel, framework)
                if lang != self.source_language:
                    self._check_translation_matches(lang, path, rel)
        for comp in framework.competences:
            grid_path = project.lang_dir(self.source_language) / content.GRIDS_DIR / f"{comp.id}.md"
            if not grid_path.exists():
                raise ContentError(grid_path, f"the grid of '{comp.id}' is missing")

    def _check_translation_matches(self, lang: str, path: Path, rel: Path) -> None:
        """A translation mirrors its source: same place, same grid shape, same structure."""
        from . import translation

        source = self.project.lang_dir(self.source_language) / rel
        if not source.exists():
            raise ContentError(
                path,
                f"this page has no English source ({self.project.rel(source)} does not exist)",
                hint="a translation must have the same path as its English page; rename it",
            )
        if content.kind_of(rel, self.framework) == "grid":
            mine = content.load_grid(path, self.framework)
            theirs = content.load_grid(source, self.framework)
            for skill, other in zip(mine.skills, theirs.skills, strict=True):
                if len(skill.indicators) != len(other.indicators):
                    raise ContentError(
                        path,
                        f"the skill '{skill.id}' has {len(skill.indicators)} indicators here "
                        f"and {len(other.indicators)} in the English grid",
                        line=skill.line,
                        hint="translate the indicators one to one: the online tool and the PDFs "
                        "compare ratings indicator by indicator",
                    )
        state = translation.page_state(source, path, rel.as_posix())
        if state.state == "outdated":
            return  # shown with an "outdated" notice; its structure may lag behind
        problems = translation.compare_structure(source, path)
        if problems:
            raise ContentError(
                path,
                f"the translation's structure differs from {self.project.rel(source)}: {problems[0]}",
                hint="keep the headings' {#anchors}, the boxes (!!! / ???) and the links of the "
                "English page; translate only the text",
            )
