"""The skill model: competences, skills, the scale, the raters, the gap rules.

``content/framework.yml`` is the one source of truth. This module reads it,
checks it against ``schema/framework.schema.json`` and against the rules a
schema cannot say (unique ids, every skill in exactly one competence), and
hands out plain, immutable objects.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from .errors import ContentError
from .frontmatter import load_yaml, read_text

SCHEMA_PATH = Path(__file__).with_name("schema") / "framework.schema.json"


@dataclass(frozen=True)
class Skill:
    id: str
    competence: str
    esco: tuple[str, ...]
    frame: str
    icon: str = ""  # an icon bundled with Material, e.g. "material/handshake-outline"


@dataclass(frozen=True)
class Competence:
    id: str
    name_2018: str
    skills: tuple[Skill, ...]
    icon: str = ""


@dataclass(frozen=True)
class BadgeRule:
    """When a skill earns its Open Badge: an agreed ``level`` or more at a review where
    at least ``raters`` raters rated the skill (framework.yml, ``badges``)."""

    level: int
    raters: int
    key_competences_url: str  # where the key competences are defined ({LANG}: the reader's, in capitals)

    def key_competences(self, lang: str) -> str:
        return self.key_competences_url.replace("{LANG}", lang.upper())


@dataclass(frozen=True)
class Framework:
    path: Path
    kit_id: str
    version: str
    esco_version: str
    esco_prefix: str
    competences: tuple[Competence, ...]
    scale: tuple[int, ...]
    not_observed: int
    raters: tuple[str, ...]
    self_rater: str
    checkpoints: tuple[str, ...]
    indicators_min: int
    indicators_max: int
    flags: tuple[dict[str, Any], ...]
    rater_icons: tuple[tuple[str, str], ...] = ()  # (rater, icon) for the raters that have one
    badges: BadgeRule | None = None  # None: the kit issues no badges

    @property
    def skills(self) -> tuple[Skill, ...]:
        return tuple(skill for comp in self.competences for skill in comp.skills)

    @property
    def skill_ids(self) -> tuple[str, ...]:
        return tuple(skill.id for skill in self.skills)

    def skill(self, skill_id: str) -> Skill:
        for skill in self.skills:
            if skill.id == skill_id:
                return skill
        raise KeyError(skill_id)

    def competence(self, competence_id: str) -> Competence:
        for comp in self.competences:
            if comp.id == competence_id:
                return comp
        raise KeyError(competence_id)

    def rater_icon(self, rater: str) -> str:
        """The icon of a rater ("" when the model names none)."""
        return dict(self.rater_icons).get(rater, "")

    def esco_uris(self, skill_id: str) -> list[str]:
        return [self.esco_prefix + uuid for uuid in self.skill(skill_id).esco]

    def as_json(self) -> dict[str, Any]:
        """What the online tool needs, language-neutral."""
        return {
            "competences": [{"id": c.id, "skills": [s.id for s in c.skills]} for c in self.competences],
            "scale": list(self.scale),
            "not_observed": self.not_observed,
            "raters": list(self.raters),
            "self_rater": self.self_rater,
            "checkpoints": list(self.checkpoints),
            "flags": [dict(rule) for rule in self.flags],
            "badges": {"level": self.badges.level, "raters": self.badges.raters} if self.badges else None,
        }


@cache
def _schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return schema


def _explain(error: jsonschema.ValidationError) -> str:
    where = "/".join(str(p) for p in error.absolute_path) or "the top level"
    if error.validator == "pattern":
        return f"{where}: {error.instance!r} is not a valid value (expected the form {error.validator_value})"
    if error.validator == "const":
        return f"{where}: expected {error.validator_value}, found {error.instance!r}"
    if error.validator == "required":
        return f"{where}: {error.message}"
    if error.validator == "additionalProperties":
        return f"{where}: {error.message}"
    return f"{where}: {error.message}"


def load(path: Path) -> Framework:
    """Read, validate and return the framework; raise ContentError naming file and line."""
    if not path.exists():
        raise ContentError(path, "the skill model file is missing")
    text = read_text(path)
    data, lines = load_yaml(text, path=path)
    validator = jsonschema.Draft202012Validator(_schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        first = errors[0]
        raise ContentError(
            path,
            _explain(first),
            line=lines.of(*first.absolute_path),
            hint="compare with the schema in scripts/janus_kit/schema/framework.schema.json",
        )
    seen: dict[str, tuple[str, ...]] = {}
    competences: list[Competence] = []
    for ci, comp in enumerate(data["competences"]):
        if comp["id"] in seen:
            raise ContentError(
                path,
                f"the id '{comp['id']}' is used twice",
                line=lines.of("competences", ci, "id"),
                hint="every competence and every skill needs its own id",
            )
        seen[comp["id"]] = ("competences", str(ci))
        skills: list[Skill] = []
        for si, skill in enumerate(comp["skills"]):
            if skill["id"] in seen:
                raise ContentError(
                    path,
                    f"the skill id '{skill['id']}' is used twice: a skill belongs to exactly one competence",
                    line=lines.of("competences", ci, "skills", si, "id"),
                    hint="remove the second entry or give it another id",
                )
            seen[skill["id"]] = ("skills",)
            skills.append(
                Skill(
                    id=skill["id"],
                    competence=comp["id"],
                    esco=tuple(skill["esco"]),
                    frame=skill.get("frame", ""),
                    icon=_icon(skill, path, lines, "competences", ci, "skills", si),
                )
            )
        competences.append(
            Competence(
                id=comp["id"],
                name_2018=comp["name_2018"],
                skills=tuple(skills),
                icon=_icon(comp, path, lines, "competences", ci),
            )
        )
    if data["not_observed"] not in data["scale"]:
        raise ContentError(
            path,
            f"not_observed: {data['not_observed']} is not a value of the scale {data['scale']}",
            line=lines.of("not_observed"),
            hint="use the scale's value for 'not observed', usually 0",
        )
    if data["self_rater"] not in data["raters"]:
        raise ContentError(
            path,
            f"self_rater: '{data['self_rater']}' is not one of the raters ({', '.join(data['raters'])})",
            line=lines.of("self_rater"),
            hint="name the rater who rates their own skills",
        )
    flag_ids = [rule["id"] for rule in data["flags"]]
    for index, flag_id in enumerate(flag_ids):
        if flag_ids.index(flag_id) != index:
            raise ContentError(
                path,
                f"the flag id '{flag_id}' is used by two rules",
                line=lines.of("flags", index, "id"),
                hint="give each rule its own id, so that each can raise its own flag",
            )
    rater_icons = data.get("rater_icons", {})
    for rater in rater_icons:
        if rater not in data["raters"]:
            raise ContentError(
                path,
                f"rater_icons: '{rater}' is not one of the raters ({', '.join(data['raters'])})",
                line=lines.of("rater_icons", rater),
                hint="give icons to the raters listed under raters:, with the same ids",
            )
        _icon(rater_icons, path, lines, "rater_icons", key=rater)
    limits = data["indicators_per_skill"]
    if limits["min"] > limits["max"]:
        raise ContentError(
            path,
            "indicators_per_skill: min is larger than max",
            line=lines.of("indicators_per_skill"),
        )
    badges = _badge_rule(data, path, lines)
    return Framework(
        path=path,
        kit_id=data["kit"]["id"],
        version=str(data["kit"]["version"]),
        esco_version=data["esco"]["version"],
        esco_prefix=data["esco"]["prefix"],
        competences=tuple(competences),
        scale=tuple(data["scale"]),
        not_observed=data["not_observed"],
        raters=tuple(data["raters"]),
        self_rater=data["self_rater"],
        checkpoints=tuple(data["checkpoints"]),
        indicators_min=limits["min"],
        indicators_max=limits["max"],
        flags=tuple(data["flags"]),
        rater_icons=tuple((r, rater_icons[r]) for r in data["raters"] if r in rater_icons),
        badges=badges,
    )


KEY_COMPETENCES_URL = "https://eur-lex.europa.eu/legal-content/{LANG}/TXT/?uri=CELEX:32018H0604(01)"


def _badge_rule(data: dict[str, Any], path: Path, lines: Any) -> BadgeRule | None:
    rule = data.get("badges")
    if rule is None:
        return None
    levels = [v for v in data["scale"] if v != data["not_observed"]]
    if rule["level"] not in levels:
        raise ContentError(
            path,
            f"badges: level {rule['level']} is not a level of the scale ({', '.join(map(str, levels))})",
            line=lines.of("badges", "level"),
            hint="choose the lowest agreed level that earns a badge, e.g. the level 'does it alone'",
        )
    raters = len(data["raters"]) if rule["raters"] == "all" else rule["raters"]
    if raters > len(data["raters"]):
        raise ContentError(
            path,
            f"badges: raters {raters} is more than the {len(data['raters'])} raters of the kit",
            line=lines.of("badges", "raters"),
            hint="write 'all' (every rater rated the skill at that review) or a smaller number",
        )
    return BadgeRule(rule["level"], raters, rule.get("key_competences_url", KEY_COMPETENCES_URL))


def _icon(item: dict[str, Any], path: Path, lines: Any, *where: Any, key: str = "icon") -> str:
    """An item's icon name, checked against the icons Material bundles ("" when it has none)."""
    from .pictures import icons

    name = item.get(key)
    if name is None:
        return ""
    trouble = icons.problem(name)
    if trouble:
        close = icons.suggestions(name)
        raise ContentError(
            path,
            f"{'icon' if key == 'icon' else 'rater_icons: ' + key}: {trouble}",
            line=lines.of(*where, key),
            hint=(f"did you mean {' or '.join(close)}? " if close else "")
            + "pick an icon bundled with Material for MkDocs (search them at "
            "https://squidfunk.github.io/mkdocs-material/reference/icons-emojis/) and write it as "
            "set/name, e.g. material/school-outline",
        )
    return str(name)
