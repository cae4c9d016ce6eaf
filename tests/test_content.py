"""The content contract: modules and grids of every language against the skill model."""

from __future__ import annotations

import re

import pytest

from janus_kit import content, frontmatter
from janus_kit.kit import Kit

KIT = Kit.at()
FRAMEWORK = KIT.framework


def test_the_model_has_three_competences_and_twelve_unique_skills() -> None:
    assert len(FRAMEWORK.competences) == 3
    ids = FRAMEWORK.skill_ids
    assert len(ids) == 12
    assert len(set(ids)) == 12
    assert FRAMEWORK.scale == (0, 1, 2, 3, 4)
    for skill in FRAMEWORK.skills:
        for uri in FRAMEWORK.esco_uris(skill.id):
            assert re.fullmatch(r"http://data\.europa\.eu/esco/skill/[0-9a-f-]{36}", uri)


@pytest.mark.parametrize("skill_id", FRAMEWORK.skill_ids)
def test_english_module_meets_the_contract(skill_id: str) -> None:
    module = KIT.module("en", skill_id)  # raises ContentError naming file and section
    doc = frontmatter.read(module.path)
    words = len(re.findall(r"[\w'\u2019-]+", re.sub(r"\{#[^}]+\}|\]\([^)]*\)", " ", doc.body)))
    assert 900 <= words <= 1500, f"{module.path.name}: {words} words"
    assert 15 <= module.minutes <= 20
    objectives = doc.body.split("{#objectives}")[1].split("\n## ")[0]
    assert 3 <= objectives.count("\n- ") <= 4, "3-4 objectives"
    questions = doc.body.split("{#questions}")[1].split("\n## ")[0]
    assert 1 <= questions.count("\n- ") <= 3, "1-3 framing questions"
    levels = doc.body.split("{#levels}")[1].split("\n## ")[0]
    for level in ("1", "2", "3", "4"):
        assert re.search(rf"^\|\s*{level}\b", levels, re.M), f"level {level} missing"
    for activity in ("activity-centre", "activity-work", "activity-alone"):
        assert f"{{#{activity}}}" in doc.body
    for why in ("why-trainee", "why-tutor", "why-centre"):
        assert f"{{#{why}}}" in doc.body
    assert "!!! success" in doc.body
    assert "!!! failure" in doc.body


def test_every_module_has_its_own_trade() -> None:
    trades = [KIT.module("en", s).trade for s in FRAMEWORK.skill_ids]
    assert len(set(trades)) == 12, trades


@pytest.mark.parametrize("lang", KIT.languages)
def test_grids_of_every_language_match_the_model_and_english(lang: str) -> None:
    for grid, english in zip(KIT.grids(lang), KIT.grids("en"), strict=True):
        assert [s.id for s in grid.skills] == [s.id for s in english.skills]
        for skill, other in zip(grid.skills, english.skills, strict=True):
            assert 3 <= len(skill.indicators) <= 5
            assert len(skill.indicators) == len(other.indicators)
            assert skill.name


def test_module_without_a_required_section_is_refused(tmp_path) -> None:
    source = KIT.project.content / "en" / "social-civic" / "teamwork.md"
    broken = tmp_path / "social-civic" / "teamwork.md"
    broken.parent.mkdir()
    broken.write_text(source.read_text(encoding="utf-8").replace("{#key-points}", "{#summary}"))
    with pytest.raises(content.ContentError) as error:
        content.load_module(broken, FRAMEWORK)
    assert "the required section '{#key-points}' is missing" in str(error.value)
    assert str(broken) in str(error.value)


def test_grid_with_too_many_indicators_is_refused_with_its_line(tmp_path) -> None:
    source = KIT.project.content / "en" / "grids" / "learning-to-learn.md"
    text = source.read_text(encoding="utf-8")
    extra = "\n".join(f"      - Extra behaviour {n}" for n in range(3))
    broken = tmp_path / "grids" / "learning-to-learn.md"
    broken.parent.mkdir()
    marker = "    indicators:\n"
    broken.write_text(text.replace(marker, marker + extra + "\n", 1), encoding="utf-8")
    with pytest.raises(content.ContentError) as error:
        content.load_grid(broken, FRAMEWORK)
    assert "has 7 indicator(s); it needs 3 to 5" in error.value.message
    assert error.value.line == text.splitlines().index(marker.rstrip("\n")) + 1
