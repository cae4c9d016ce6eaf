"""The kit's content model: modules and grids, read from Markdown and checked.

Where modules and grids live is the catalogue's business (``catalogue.py``). Both are checked against the skill model
(``content/framework.yml``) and against the content contract: the sections a
module must have and their order, its boxes (activities and notes collapsed, each
activity with its time), the structure of a grid, and the wording of indicators
(no level, frequency or inner state; one behaviour). Every error names the file and
the line, and says what to write instead. The authors' side of the contract is in
CONTRIBUTING.md ("For authors of English pages").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from . import frontmatter, strings
from .catalogue import PageKind
from .errors import ContentError
from .model import Framework

# The sections every module has, in this order (the ids of its H2 headings).
MODULE_SECTIONS: tuple[str, ...] = (
    "questions",
    "objectives",
    "why",
    "scene",
    "levels",
    "activities",
    "self-check",
    "key-points",
    "notes",
)
SELF_CHECK_RANGE = (4, 6)
# Activities are collapsed example boxes (``??? example "Title · 20 minutes"``): on a
# phone the reader sees one line per activity, and each one states its own duration
# (the last number in its title). Notes for the adults are collapsed boxes too.
ACTIVITY_BOX = "example"
COLLAPSED_SECTIONS: tuple[str, ...] = ("activities", "notes")

# A module's ``minutes:`` is its reading time: the words above the activities plus the
# self-check and key points (activities state their own time; notes are for adults),
# read at READING_WPM words a minute, plus SECONDS_PER_QUESTION to think about each
# self-check question.
READING_WPM = 150
SECONDS_PER_QUESTION = 30
_WORD = re.compile(r"[\w'\u2019-]+")
_NOT_WORDS = re.compile(r"\{#[^}]+\}|\]\([^)]*\)")

# Words an indicator may not contain, per language folder: the 0-4 scale says how
# independently a behaviour is done, so the indicator names only the behaviour (no
# level, no frequency, no inner state). Rubric: CONTRIBUTING.md, "Writing indicators".
INDICATOR_WORDS: dict[str, tuple[str, ...]] = {
    "en": (
        # levels and autonomy: the scale says these
        "without being told", "without being asked", "before being asked", "without waiting",
        "to be told", "when asked", "when told", "if asked", "when reminded", "without a reminder", "without reminders",
        "reminder", "reminded", "without help", "with help", "on their own", "on his own",
        "on her own", "alone", "independently", "unprompted", "by themselves",
        "after one explanation", "first time", "confidently", "teaches", "newer",
        # frequency: a rater cannot say "with help" to "always"
        "always", "never", "often", "sometimes", "usually", "rarely", "seldom",
        "regularly", "constantly", "consistently", "every", "each time", "all the time",
        "at least", "on time",
        # inner states and outcomes: not what a tutor sees
        "calm", "calmly", "feels", "knows", "understands", "wants", "likes", "enjoys",
        "believes", "motivated", "willing", "attitude", "happy", "patient", "realistic",
        "successfully", "can accept",
        # two behaviours in one line
        " and ", " or ", " then ",
    ),
}  # fmt: skip

_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*(?:\{\s*#([A-Za-z0-9_-]+)[^}]*\})?\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_ADMONITION = re.compile(r'^(\s*)(!!!|\?\?\?\+?)\s+([a-z]+)\b(?:\s+"([^"]*)")?')
_NUMBER = re.compile(r"\d+")
_LINK = re.compile(r"\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    id: str | None
    line: int


@dataclass(frozen=True)
class Block:
    """A Markdown structure element a translation must keep: admonition or link."""

    kind: str  # "admonition", "details" (a collapsible box) or "link"
    value: str
    line: int
    title: str = ""  # a box's title, as written between the quotes


def scan(body: str, first_line: int) -> tuple[list[Heading], list[Block]]:
    """Headings, admonitions and links of a Markdown body, outside code fences."""
    headings: list[Heading] = []
    blocks: list[Block] = []
    in_fence = False
    for offset, line in enumerate(body.splitlines()):
        number = first_line + offset
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        if match := _HEADING.match(line):
            headings.append(Heading(len(match[1]), match[2].strip(), match[3], number))
            continue
        if match := _ADMONITION.match(line):
            marker = "details" if match[2].startswith("???") else "admonition"
            blocks.append(Block(marker, match[3], number, match[4] or ""))
        for target in _LINK.findall(line):
            blocks.append(Block("link", target, number))
    return headings, blocks


@dataclass(frozen=True)
class Module:
    path: Path
    skill: str
    competence: str
    minutes: int
    trade: str
    title: str
    headings: tuple[Heading, ...]
    blocks: tuple[Block, ...]
    meta: dict[str, Any]
    activity_minutes: tuple[int, ...] = ()  # the duration each activity states, in order

    def section(self, section_id: str) -> tuple[int, int]:
        """The first and last line of a section (its H2 heading to the next H2)."""
        h2 = [h for h in self.headings if h.level == 2]
        for index, heading in enumerate(h2):
            if heading.id == section_id:
                end = h2[index + 1].line - 1 if index + 1 < len(h2) else 1 << 30
                return heading.line, end
        raise KeyError(section_id)

    def blocks_in(self, section_id: str) -> list[Block]:
        first, last = self.section(section_id)
        return [b for b in self.blocks if first <= b.line <= last]


@dataclass(frozen=True)
class GridSkill:
    id: str
    name: str
    indicators: tuple[str, ...]
    line: int
    indicator_lines: tuple[int, ...] = ()


@dataclass(frozen=True)
class Grid:
    path: Path
    competence: str
    title: str
    skills: tuple[GridSkill, ...]
    meta: dict[str, Any]

    def skill(self, skill_id: str) -> GridSkill:
        for skill in self.skills:
            if skill.id == skill_id:
                return skill
        raise KeyError(skill_id)


def _require(doc: frontmatter.Document, key: str, kind: type, example: str) -> Any:
    value = doc.meta.get(key)
    if value is None:
        raise ContentError(
            doc.path,
            f"the front matter has no '{key}'",
            line=1,
            hint=f"add the line  {example}  between the two '---' lines",
        )
    if not isinstance(value, kind) or isinstance(value, bool):
        raise ContentError(
            doc.path,
            f"'{key}' must be {'a number' if kind is int else 'text'}, found {value!r}",
            line=doc.line(key),
            hint=f"write it like this:  {example}",
        )
    return value


def _unknown_skill(doc: frontmatter.Document, value: str, framework: Framework, *keys: Any) -> ContentError:
    return ContentError(
        doc.path,
        f"unknown skill id '{value}'",
        line=doc.line(*keys),
        hint="use one of: " + ", ".join(framework.skill_ids),
    )


def title_of(body: str) -> str | None:
    headings, _ = scan(body, 1)
    for heading in headings:
        if heading.level == 1:
            return heading.text
    return None


def load_module(path: Path, framework: Framework) -> Module:
    doc = frontmatter.read(path)
    skill_id = _require(doc, "skill", str, f"skill: {path.stem}")
    if skill_id not in framework.skill_ids:
        raise _unknown_skill(doc, skill_id, framework, "skill")
    skill = framework.skill(skill_id)
    if path.stem != skill_id or path.parent.name != skill.competence:
        raise ContentError(
            path,
            f"the module of '{skill_id}' must be the file {skill.competence}/{skill_id}.md",
            line=doc.line("skill"),
            hint="rename the file, or correct the 'skill:' line",
        )
    minutes = _require(doc, "minutes", int, "minutes: 20")
    trade = _require(doc, "trade", str, "trade: bakery")
    headings, blocks = scan(doc.body, doc.body_line)
    title = next((h.text for h in headings if h.level == 1), None)
    if title is None:
        raise ContentError(path, "the module has no title", line=doc.body_line, hint="add a line '# Title'")
    found = [h.id for h in headings if h.level == 2]
    for section in MODULE_SECTIONS:
        if section not in found:
            raise ContentError(
                path,
                f"the required section '{{#{section}}}' is missing",
                hint=f"add a heading like  ## Title {{#{section}}}  ; the sections, in order, are: "
                + ", ".join(MODULE_SECTIONS),
            )
    order = [h for h in found if h in MODULE_SECTIONS]
    if order != list(MODULE_SECTIONS):
        wrong = next(
            h
            for h in headings
            if h.level == 2 and h.id in MODULE_SECTIONS and order.index(h.id) != MODULE_SECTIONS.index(h.id)
        )
        raise ContentError(
            path,
            f"the section '{{#{wrong.id}}}' is out of order",
            line=wrong.line,
            hint="the sections, in order, are: " + ", ".join(MODULE_SECTIONS),
        )
    questions = [b for b in blocks if b.kind == "details" and b.value == "question"]
    low, high = SELF_CHECK_RANGE
    if not low <= len(questions) <= high:
        raise ContentError(
            path,
            f"the self-check has {len(questions)} questions; it needs {low} to {high}",
            line=next(h.line for h in headings if h.id == "self-check"),
            hint='write each one as  ??? question "1. Your question"  followed by the answer, indented',
        )
    module = Module(
        path=path,
        skill=skill_id,
        competence=skill.competence,
        minutes=minutes,
        trade=trade,
        title=title,
        headings=tuple(headings),
        blocks=tuple(blocks),
        meta=doc.meta,
    )
    return _with_collapsed_boxes(module)


def _with_collapsed_boxes(module: Module) -> Module:
    """Activities and notes are collapsed boxes; each activity states its duration.

    A translation (a page with a ``source_hash``) is not held to this here: while it is
    up to date, the translation check makes it keep its source page's boxes, and while
    it is outdated it may lag behind. Its activities' durations are read all the same.
    """
    translation = strings.MARKER in module.meta
    if not translation:
        _check_collapsed(module)
    minutes: list[int] = []
    for box in module.blocks_in("activities"):
        if box.kind == "link" or box.value != ACTIVITY_BOX:
            continue
        numbers = _NUMBER.findall(box.title)
        if numbers:
            minutes.append(int(numbers[-1]))
        elif not translation:
            raise ContentError(
                module.path,
                "this activity does not say how long it takes",
                line=box.line,
                hint=f'end its title with the time it takes, e.g.  ??? {ACTIVITY_BOX} "Paper tower · 20 minutes"',
            )
    return replace(module, activity_minutes=tuple(minutes))


def _check_collapsed(module: Module) -> None:
    for section_id in COLLAPSED_SECTIONS:
        boxes = [b for b in module.blocks_in(section_id) if b.kind != "link"]
        if not boxes:
            example = ACTIVITY_BOX if section_id == "activities" else "info"
            raise ContentError(
                module.path,
                f"the section '{{#{section_id}}}' has no box",
                line=module.section(section_id)[0],
                hint=f'write each part as a collapsed box:  ??? {example} "Title"  followed by its text, indented',
            )
        for box in boxes:
            if box.kind != "details":
                raise ContentError(
                    module.path,
                    f"the box '!!! {box.value}' in '{{#{section_id}}}' is open; boxes here are collapsed",
                    line=box.line,
                    hint=f"write  ??? {box.value}  instead of  !!! {box.value}  (the reader opens it with one tap)",
                )
            if section_id == "activities" and box.value != ACTIVITY_BOX:
                raise ContentError(
                    module.path,
                    f"the activities hold a '??? {box.value}' box; each activity is a '??? {ACTIVITY_BOX}' box",
                    line=box.line,
                    hint=f'write  ??? {ACTIVITY_BOX} "Paper tower · 20 minutes"',
                )


def count_words(text: str) -> int:
    """Words of Markdown text, without heading anchors and link targets."""
    return len(_WORD.findall(_NOT_WORDS.sub(" ", text)))


def reading_minutes(module: Module) -> float:
    """The reading time the contract expects for a module (see READING_WPM)."""
    lines = module.path.read_text(encoding="utf-8").splitlines()
    activities = module.section("activities")
    notes = module.section("notes")
    body_first = next(h.line for h in module.headings if h.level == 1)
    kept = [
        line
        for number, line in enumerate(lines, start=1)
        if number >= body_first and not activities[0] <= number <= activities[1] and number < notes[0]
    ]
    questions = sum(1 for b in module.blocks if b.kind == "details" and b.value == "question")
    return count_words("\n".join(kept)) / READING_WPM + questions * SECONDS_PER_QUESTION / 60


def indicator_wording(grid: Grid) -> list[ContentError]:
    """Indicators that hold a word the rubric forbids (a level, a frequency, an inner state,
    a second behaviour), one error each, with the indicator's line. The list is chosen by
    the grid's language folder; a language without a list is not checked."""
    words = INDICATOR_WORDS.get(grid.path.parent.parent.name, ())
    problems: list[ContentError] = []
    for skill in grid.skills:
        lines = skill.indicator_lines or (skill.line,) * len(skill.indicators)
        for indicator, line in zip(skill.indicators, lines, strict=True):
            word = forbidden_word(indicator, words)
            if word is not None:
                problems.append(
                    ContentError(
                        grid.path,
                        f"the indicator '{indicator}' ({skill.id}) contains '{word.strip()}'",
                        line=line,
                        hint="name one behaviour that a tutor can see, with no level, frequency or feeling in it: "
                        "the 0-4 scale says how independently it is done (CONTRIBUTING.md, 'Writing indicators')",
                    )
                )
    return problems


def forbidden_word(text: str, words: tuple[str, ...]) -> str | None:
    """The first of ``words`` that ``text`` contains as a whole word (a word with spaces
    around it, like ' and ', is matched as it is written)."""
    lowered = f" {' '.join(text.lower().split())} "
    for word in words:
        if word.startswith(" "):
            if word in lowered:
                return word
        elif re.search(r"(?<![\w'\u2019])" + re.escape(word) + r"(?![\w'\u2019])", lowered):
            return word
    return None


def load_grid(path: Path, framework: Framework) -> Grid:
    doc = frontmatter.read(path)
    competence_id = _require(doc, "competence", str, f"competence: {path.stem}")
    known = [c.id for c in framework.competences]
    if competence_id not in known:
        raise ContentError(
            path,
            f"unknown competence id '{competence_id}'",
            line=doc.line("competence"),
            hint="use one of: " + ", ".join(known),
        )
    if path.stem != competence_id:
        raise ContentError(
            path,
            f"the grid of '{competence_id}' must be the file {competence_id}.md",
            line=doc.line("competence"),
        )
    title = _require(doc, "title", str, 'title: "Learning to learn"')
    raw_skills = doc.meta.get("skills")
    if not isinstance(raw_skills, list):
        raise ContentError(
            path,
            "the front matter needs a 'skills:' list",
            line=doc.line("skills"),
            hint="write  skills:  then, for each skill,  - id: ...  name: ...  indicators: [...]",
        )
    expected = [s.id for s in framework.competence(competence_id).skills]
    skills: list[GridSkill] = []
    for index, raw in enumerate(raw_skills):
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
            raise ContentError(
                path,
                f"skill number {index + 1} has no 'id'",
                line=doc.line("skills", index),
                hint="start each skill with  - id: <skill id>",
            )
        skill_id = raw["id"]
        if skill_id not in framework.skill_ids:
            raise _unknown_skill(doc, skill_id, framework, "skills", index, "id")
        if skill_id not in expected:
            raise ContentError(
                path,
                f"the skill '{skill_id}' belongs to '{framework.skill(skill_id).competence}', not to '{competence_id}'",
                line=doc.line("skills", index, "id"),
                hint=f"this grid lists: {', '.join(expected)}",
            )
        if any(s.id == skill_id for s in skills):
            raise ContentError(
                path,
                f"the skill '{skill_id}' is listed twice",
                line=doc.line("skills", index, "id"),
            )
        name = raw.get("name")
        if not isinstance(name, str) or not name.strip():
            raise ContentError(
                path,
                f"the skill '{skill_id}' has no 'name'",
                line=doc.line("skills", index),
                hint="add  name: <the skill's name in this language>",
            )
        indicators = raw.get("indicators")
        low, high = framework.indicators_min, framework.indicators_max
        if (
            not isinstance(indicators, list)
            or not all(isinstance(i, str) and i.strip() for i in indicators)
            or not low <= len(indicators) <= high
        ):
            count = len(indicators) if isinstance(indicators, list) else 0
            raise ContentError(
                path,
                f"the skill '{skill_id}' has {count} indicator(s); it needs {low} to {high}, each a line of text",
                line=doc.line("skills", index, "indicators"),
                hint="write each indicator as a line  - Asks for help when ...",
            )
        skills.append(
            GridSkill(
                skill_id,
                name.strip(),
                tuple(i.strip() for i in indicators),
                doc.line("skills", index, "id"),
                tuple(doc.line("skills", index, "indicators", n) for n in range(len(indicators))),
            )
        )
    missing = [s for s in expected if s not in [k.id for k in skills]]
    if missing:
        raise ContentError(
            path,
            f"the grid lacks the skill '{missing[0]}'",
            line=doc.line("skills"),
            hint=f"this grid lists, in order: {', '.join(expected)}",
        )
    order = [s.id for s in skills]
    if order != expected:
        raise ContentError(
            path,
            "the skills are not in the order of the skill model",
            line=doc.line("skills"),
            hint=f"list them in this order: {', '.join(expected)}",
        )
    grid = Grid(path=path, competence=competence_id, title=title, skills=tuple(skills), meta=doc.meta)
    problems = indicator_wording(grid)
    if problems:
        raise problems[0]
    return grid


def check_page(path: Path, kind: PageKind, framework: Framework) -> Module | Grid | None:
    """Validate one Markdown page of any language folder."""
    if kind == PageKind.GRID:
        return load_grid(path, framework)
    if kind == PageKind.MODULE:
        return load_module(path, framework)
    doc = frontmatter.read(path)
    skill = doc.meta.get("skill")
    if skill is not None and skill not in framework.skill_ids:
        raise _unknown_skill(doc, str(skill), framework, "skill")
    return None
