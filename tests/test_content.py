"""The content contract and the rating model of the English source.

Modules and grids against the skill model; the levels defined once and copied word for
word; the rating rules and the gap rules consistent between ``framework.yml`` and the
text; indicators that follow the rubric of CONTRIBUTING.md; unique characters; honest
times; and, on a built site, the notices of the translations that this makes outdated.
"""

from __future__ import annotations

import itertools
import re
import statistics

import pytest

from helpers import Build, parse
from janus_kit import content, frontmatter, translation
from janus_kit.errors import ContentError
from janus_kit.kit import Kit

KIT = Kit.at()
FRAMEWORK = KIT.framework
CATALOGUE = KIT.catalogue
SOURCE = KIT.source_language
S = KIT.strings(SOURCE)
EN_DIR = KIT.project.lang_dir(SOURCE)
ROOT = KIT.project.root

RATED = [v for v in FRAMEWORK.scale if v != FRAMEWORK.not_observed]  # the levels 1-4
LABELS = {v: S.text(f"scale.{v}.label") for v in FRAMEWORK.scale}


def page(rel: str) -> str:
    return (EN_DIR / rel).read_text(encoding="utf-8")


def body(rel: str) -> str:
    return frontmatter.read(EN_DIR / rel).body


def english_pages() -> dict[str, str]:
    return {p.relative_to(EN_DIR).as_posix(): p.read_text(encoding="utf-8") for p in sorted(EN_DIR.rglob("*.md"))}


def section(text: str, anchor: str) -> str:
    """The Markdown of one ## section, from its heading to the next ## heading."""
    start = text.index("{#" + anchor + "}")
    end = text.find("\n## ", start)
    return text[start : end if end != -1 else len(text)]


def rule(key: str) -> str:
    return S.text(f"rules.{key}")


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


# -- the model ---------------------------------------------------------------------


def test_the_model_has_three_competences_and_twelve_unique_skills() -> None:
    assert len(FRAMEWORK.competences) == 3
    ids = FRAMEWORK.skill_ids
    assert len(ids) == 12
    assert len(set(ids)) == 12
    assert FRAMEWORK.scale == (0, 1, 2, 3, 4)
    for skill in FRAMEWORK.skills:
        for uri in FRAMEWORK.esco_uris(skill.id):
            assert re.fullmatch(r"http://data\.europa\.eu/esco/skill/[0-9a-f-]{36}", uri)


# The codes and names of the two JRC frameworks (LifeComp 2020, EntreComp 2016).
LIFECOMP = {
    "P1": "Self-regulation", "P2": "Flexibility", "P3": "Wellbeing",
    "S1": "Empathy", "S2": "Communication", "S3": "Collaboration",
    "L1": "Growth mindset", "L2": "Critical thinking", "L3": "Managing learning",
}  # fmt: skip
ENTRECOMP = {
    "1.1": ("Spotting opportunities", "Ideas and opportunities"),
    "1.2": ("Creativity", "Ideas and opportunities"),
    "1.3": ("Vision", "Ideas and opportunities"),
    "1.4": ("Valuing ideas", "Ideas and opportunities"),
    "1.5": ("Ethical and sustainable thinking", "Ideas and opportunities"),
    "2.1": ("Self-awareness and self-efficacy", "Resources"),
    "2.2": ("Motivation and perseverance", "Resources"),
    "2.3": ("Mobilising resources", "Resources"),
    "2.4": ("Financial and economic literacy", "Resources"),
    "2.5": ("Mobilising others", "Resources"),
    "3.1": ("Taking the initiative", "Into action"),
    "3.2": ("Planning and management", "Into action"),
    "3.3": ("Coping with uncertainty, ambiguity and risk", "Into action"),
    "3.4": ("Working with others", "Into action"),
    "3.5": ("Learning through experience", "Into action"),
}


@pytest.mark.parametrize("skill", FRAMEWORK.skills, ids=lambda s: s.id)
def test_each_frame_names_a_real_competence_of_its_framework(skill) -> None:
    found = 0
    for code, name in re.findall(r"LifeComp ([PSL][1-3]) ([A-Z][a-z]+(?: [a-z]+)?)", skill.frame):
        assert LIFECOMP[code] == name, f"{skill.id}: LifeComp {code} is '{LIFECOMP[code]}', not '{name}'"
        found += 1
    for code, name, area in re.findall(r"EntreComp (\d\.\d) ([^,(;]+?)(?:,[^(]*)? \(area ([^)]+)\)", skill.frame):
        assert ENTRECOMP[code] == (name, area), f"{skill.id}: EntreComp {code} is {ENTRECOMP[code]}"
        found += 1
    assert found, f"{skill.id}: frame '{skill.frame}' names no LifeComp or EntreComp competence with its code"


def test_the_about_page_prints_every_frame_of_the_model() -> None:
    about = page("about.md")
    for grid in KIT.grids(SOURCE):
        for skill in grid.skills:
            assert f"| {skill.name} | {FRAMEWORK.skill(skill.id).frame} |" in about, skill.id


def test_the_funding_facts_are_those_of_a_2014_2020_project() -> None:
    about = page("about.md")
    assert "2016-1-FR01-KA202-023852" in about
    assert "does not constitute an endorsement of the contents" in about
    assert "Funded by the European Union" not in about  # the 2021-2027 wording


# -- indicators (rubric: CONTRIBUTING.md, "Writing indicators") -----------------------

INDICATORS = [(grid, skill, text) for grid in KIT.grids(SOURCE) for skill in grid.skills for text in skill.indicators]
STOPWORDS = frozenset(
    {
        "a", "an", "the", "to", "of", "in", "on", "for", "with", "by", "at", "from", "that", "this",
        "their", "them", "they", "own", "is", "it", "its", "before", "after", "when", "who", "what",
        "not", "one",
    }
)  # fmt: skip


def test_indicators_hold_no_level_frequency_or_second_behaviour() -> None:
    words = content.INDICATOR_WORDS[SOURCE]
    problems = [str(e) for grid in KIT.grids(SOURCE) for e in content.indicator_wording(grid)]
    assert problems == []
    # the list is real: the old indicators that the issue named are caught
    for old in ("Looks up information for a task without being told", "Arrives on time for work",
                "Starts the next task without waiting to be told",
                "Records learning points in the logbook every week", "Keeps working calmly when plans change",
                "Notices when someone needs help before being asked", "Stays calm when someone disagrees",
                "Compares at least two possible solutions before choosing"):  # fmt: skip
        assert content.forbidden_word(old, words), old


@pytest.mark.parametrize(("grid", "skill", "text"), INDICATORS, ids=[t for _, _, t in INDICATORS])
def test_indicator_is_one_short_behaviour_starting_with_a_verb(grid, skill, text) -> None:
    first = text.split()[0]
    assert first[0].isupper(), f"'{text}' should start with a capital letter"
    assert first.endswith("s"), f"'{text}' should start with a verb like 'Asks'"
    assert first.lower() not in {"is", "feels", "knows", "understands", "wants", "stays", "remains", "seems"}
    assert len(text.split()) <= 12, f"'{text}' has more than 12 words"


def test_indicators_of_different_skills_describe_different_behaviours() -> None:
    def words(text: str) -> set[str]:
        return {w for w in re.findall(r"[a-z']+", text.lower()) if w not in STOPWORDS}

    worst = max(
        (len(words(a) & words(b)) / len(words(a) | words(b)), a, b)
        for (_, s1, a), (_, s2, b) in itertools.combinations(INDICATORS, 2)
        if s1.id != s2.id
    )
    assert worst[0] < 0.4, f"too similar across skills: '{worst[1]}' / '{worst[2]}'"


@pytest.mark.parametrize(
    ("indicator", "word"),
    [
        ("Looks up information without being told", "without being told"),
        ("Records learning points every week", "every"),
        ("Stays calm when plans change", "calm"),
        ("Listens and repeats the instruction back", "and"),
    ],
)
def test_a_forbidden_word_is_refused_with_the_file_and_the_indicators_line(tmp_path, indicator, word) -> None:
    source = EN_DIR / CATALOGUE.grid_rel("learning-to-learn")
    lines = source.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.strip().startswith("- ") and "indicators" in lines[i - 1])
    lines[number + 1] = f"      - {indicator}"
    broken = tmp_path / SOURCE / "grids" / "learning-to-learn.md"
    broken.parent.mkdir(parents=True)
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ContentError) as error:
        content.load_grid(broken, FRAMEWORK)
    assert error.value.line == number + 2
    assert f"contains '{word}'" in error.value.message
    assert "CONTRIBUTING.md" in str(error.value.hint)


@pytest.mark.parametrize("lang", KIT.languages)
def test_grids_of_every_language_match_the_model_and_english(lang: str) -> None:
    for grid, english in zip(KIT.grids(lang), KIT.grids(SOURCE), strict=True):
        assert [s.id for s in grid.skills] == [s.id for s in english.skills]
        for skill, other in zip(grid.skills, english.skills, strict=True):
            assert FRAMEWORK.indicators_min <= len(skill.indicators) <= FRAMEWORK.indicators_max
            assert len(skill.indicators) == len(other.indicators)
            assert skill.name


def test_grid_with_too_many_indicators_is_refused_with_its_line(tmp_path) -> None:
    source = EN_DIR / "grids" / "learning-to-learn.md"
    text = source.read_text(encoding="utf-8")
    extra = "\n".join(f"      - Extra behaviour {n}" for n in range(3))
    broken = tmp_path / "grids" / "learning-to-learn.md"
    broken.parent.mkdir()
    marker = "    indicators:\n"
    broken.write_text(text.replace(marker, marker + extra + "\n", 1), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        content.load_grid(broken, FRAMEWORK)
    assert "has 7 indicator(s); it needs 3 to 5" in error.value.message
    assert error.value.line == text.splitlines().index(marker.rstrip("\n")) + 1


# -- the levels, defined once --------------------------------------------------------


def test_every_level_is_defined_once_with_a_label_a_meaning_and_an_example() -> None:
    assert sorted(int(k) for k in S.get("scale")) == list(FRAMEWORK.scale)
    for value in FRAMEWORK.scale:
        for part in ("label", "meaning", "example"):
            assert S.text(f"scale.{value}.{part}").strip(), f"scale.{value}.{part}"
    assert len(set(LABELS.values())) == len(LABELS)
    assert "not a low score" in S.text(f"scale.{FRAMEWORK.not_observed}.meaning")
    # level 4 asks for new or harder situations, not for someone to teach
    top = S.text(f"scale.{max(FRAMEWORK.scale)}.meaning")
    assert "new or harder" in top
    assert "teach" not in top
    assert "help others" not in top


_LABEL_ALT = "|".join(re.escape(label) for label in LABELS.values())
_PAIR = re.compile(rf"\b([0-9])\s*(?:·|\|)\s*({_LABEL_ALT})\b")
_SCALE_ROW = re.compile(rf"^\|\s*([0-9])\s*(?:\||·)\s*({_LABEL_ALT})\s*\|(.*)\|\s*$", re.M)


@pytest.mark.parametrize("rel", sorted(english_pages()))
def test_pages_pair_each_level_with_its_label_and_copy_its_meaning_word_for_word(rel: str) -> None:
    text = page(rel)
    for number, label in _PAIR.findall(text):
        assert LABELS[int(number)] == label, f"{rel}: '{number} · {label}' should be '{number} · {LABELS[int(number)]}'"
    if CATALOGUE.kind_of(rel).value == "module":
        return  # a module's level table says what each level looks like for its skill
    for number, _, rest in _SCALE_ROW.findall(text):
        cells = [c.strip() for c in rest.split("|")]
        assert cells[0] == S.text(f"scale.{number}.meaning"), (
            f"{rel}: level {number}'s meaning differs from strings.yml"
        )
        if len(cells) > 1:
            assert cells[1] == S.text(f"scale.{number}.example"), f"{rel}: level {number}'s example differs"


@pytest.mark.parametrize(
    "rel", [CATALOGUE.guide_rel("trainee"), CATALOGUE.guide_rel("tutor"), CATALOGUE.printable_rel("tutor-sheet")]
)
def test_the_pages_for_raters_give_the_whole_scale_with_examples(rel: str) -> None:
    rows = {int(n) for n, _, _ in _SCALE_ROW.findall(page(rel))}
    assert rows == set(FRAMEWORK.scale)
    for value in FRAMEWORK.scale:
        assert S.text(f"scale.{value}.example") in page(rel)


# -- the rules, stated once ----------------------------------------------------------


def test_the_rules_name_the_scale_of_the_model() -> None:
    low, high = min(RATED), max(RATED)
    none = FRAMEWORK.not_observed
    assert f"rated {low} to {high}" in rule("skill_level")
    assert f"rated {none} are left out" in rule("skill_level")
    assert rule("not_observed").startswith(f"{none} means")
    assert f"rated all the skill's indicators {none}" in rule("agreed_level")
    assert f"only {none} needs none" in rule("evidence")
    assert "median" in rule("skill_level")
    assert "median" in rule("agreed_level")
    assert "rounded down" in rule("skill_level")
    assert "rounded down" in rule("agreed_level")


def test_the_paper_rule_gives_the_same_levels_as_the_median_rounded_down() -> None:
    text = rule("skill_level_paper")
    for a, b, level in re.findall(r"(\d) and (\d) give (\d)", text):
        assert int(statistics.median([int(a), int(b)]) // 1) == int(level)
    assert len(re.findall(r"give \d", text)) >= 2  # one example per case: a whole and a half median


# The words each gap rule's text must use for the rule it describes.
WORDING = {
    "self_above_others": ("above",),
    "self_below_another": ("below",),
    "raters_apart": ("apart",),
    "agreed_at_most": ("or lower",),
    "no_progress_below": ("below", "previous checkpoint"),
}


def test_every_gap_rule_has_a_name_and_a_text_that_match_the_model() -> None:
    ids = [flag["id"] for flag in FRAMEWORK.flags]
    assert sorted(k for k in S.get("flags") if k != "note") == sorted(ids)
    for flag in FRAMEWORK.flags:
        text = S.text(f"flags.{flag['id']}.rule")
        number = flag.get("margin", flag.get("level"))
        assert re.search(rf"\b{number}\b", text), f"{flag['id']}: '{text}' does not say {number}"
        for word in WORDING[flag["when"]]:
            assert word in text, f"{flag['id']}: '{text}' does not say '{word}'"
        assert S.text(f"flags.{flag['id']}.name")


READERS = [
    "glossary.md",
    CATALOGUE.grids_rel(),
    CATALOGUE.guide_rel("trainee"),
    CATALOGUE.guide_rel("tutor"),
    CATALOGUE.guide_rel("trainer"),
    CATALOGUE.printable_rel("tutor-sheet"),
]


@pytest.mark.parametrize("rel", READERS)
def test_the_rules_are_stated_word_for_word_where_people_read_them(rel: str) -> None:
    text = " ".join(page(rel).split())
    for key in ("skill_level", "agreed_level", "evidence"):
        assert rule(key) in text, f"{rel} lacks rules.{key} word for word"
    if rel in {"glossary.md", CATALOGUE.guide_rel("tutor"), CATALOGUE.printable_rel("tutor-sheet")}:
        assert rule("skill_level_paper").removeprefix("On paper: ") in text
    if rel in {"glossary.md", CATALOGUE.grids_rel(), CATALOGUE.guide_rel("trainer")}:
        assert rule("not_observed") in text


@pytest.mark.parametrize("rel", ["glossary.md", *[CATALOGUE.guide_rel(g) for g in CATALOGUE.guides]])
def test_the_glossary_and_the_guides_state_every_gap_rule(rel: str) -> None:
    text = " ".join(page(rel).split())
    for flag in FRAMEWORK.flags:
        words = lower_first(S.text(f"flags.{flag['id']}.rule"))
        assert words in text, f"{rel}: the rule of '{flag['id']}' is missing or worded differently"


def test_the_trainer_guides_worked_example_follows_the_rules() -> None:
    """Recompute the agreed level and the flags of every row of the worked example."""
    table = section(page(CATALOGUE.guide_rel("trainer")), "reading-gaps")
    rows = [r for r in table.splitlines() if r.startswith("| ") and not r.startswith(("| Skill", "|---"))]
    assert rows
    names = {S.text(f"flags.{f['id']}.name").lower(): f for f in FRAMEWORK.flags}
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split("|")]
        levels = [int(c) if c.isdigit() else None for c in cells[1:4]]
        rated = [v for v in levels if v is not None]
        agreed = int(statistics.median(rated) // 1)
        assert int(cells[4].split()[0]) == agreed, row
        self_level, others = levels[0], [v for v in levels[1:] if v is not None]
        fired = set()
        for name, flag in names.items():
            when = flag["when"]
            if when == "self_above_others" and self_level is not None and others:
                hit = all(self_level - o >= flag["margin"] for o in others)
            elif when == "self_below_another" and self_level is not None:
                hit = any(o - self_level >= flag["margin"] for o in others)
            elif when == "raters_apart":
                hit = max(rated) - min(rated) >= flag["margin"]
            elif when == "agreed_at_most":
                hit = agreed <= flag["level"]
            else:  # no_progress_below: the row says the previous level
                previous = re.search(r"\((\d) last time\)", cells[5])
                hit = previous is not None and agreed < flag["level"] and agreed <= int(previous[1])
            if hit:
                fired.add(name)
        said = {n for n in names if n in cells[5].lower()}
        assert said == fired, f"{cells[0]}: the table says {sorted(said)}, the rules give {sorted(fired)}"


# -- modules -------------------------------------------------------------------------

MISBEHAVIOUR = ("argues", "blames", "hides", "refuses", "shouts", "sulks", "walks away", "interrupts", "laughs")
JARGON = ("ESCO", "LifeComp", "EntreComp", "JRC", "2006/962", "Recommendation")


def level_rows(text: str) -> dict[int, str]:
    rows = re.findall(rf"^\|\s*([1-9])\s*·\s*({_LABEL_ALT})\s*\|(.+)\|\s*$", section(text, "levels"), re.M)
    for number, label, _ in rows:
        assert LABELS[int(number)] == label
    return {int(n): cell.strip() for n, _, cell in rows}


@pytest.mark.parametrize("skill_id", FRAMEWORK.skill_ids)
def test_english_module_meets_the_contract(skill_id: str) -> None:
    module = KIT.module(SOURCE, skill_id)  # raises ContentError naming file and section
    text = frontmatter.read(module.path).body
    assert 1200 <= content.count_words(text) <= 1800, f"{module.path.name}: {content.count_words(text)} words"
    assert 3 <= section(text, "objectives").count("\n- ") <= 4, "3-4 objectives"
    assert 1 <= section(text, "questions").count("\n- ") <= 3, "1-3 framing questions"
    assert "\n### " not in section(text, "why"), "the why section is for the trainee, in one part"
    for activity in ("activity-centre", "activity-work", "activity-alone"):
        assert f"{{#{activity}}}" in text
    assert len(module.activity_minutes) == 3
    notes = [(b.kind, b.value) for b in module.blocks_in("notes") if b.kind != "link"]
    assert notes == [("details", "info"), ("details", "tip"), ("details", "note")]
    assert "!!! success" in text
    assert "!!! failure" in text


@pytest.mark.parametrize("skill_id", FRAMEWORK.skill_ids)
def test_module_times_are_honest(skill_id: str) -> None:
    module = KIT.module(SOURCE, skill_id)
    expected = content.reading_minutes(module)
    assert abs(module.minutes - expected) <= 1, f"minutes: {module.minutes}, the text takes {expected:.1f}"
    text = frontmatter.read(module.path).body
    boxes = re.split(r'^\?\?\? example "[^"]*"\n', section(text, "activities"), flags=re.M)[1:]
    assert len(boxes) == len(module.activity_minutes)
    for stated, box in zip(module.activity_minutes, boxes, strict=True):
        steps = [int(n) for n in re.findall(r"\((\d+) minutes?\b", box)]
        if steps:
            assert sum(steps) == stated, f"the steps take {sum(steps)} minutes, the title says {stated}"


@pytest.mark.parametrize("skill_id", FRAMEWORK.skill_ids)
def test_module_level_table_follows_the_one_definition(skill_id: str) -> None:
    rows = level_rows(page(CATALOGUE.module_rel(skill_id)))
    assert sorted(rows) == RATED
    low, with_help, alone, top = (rows[v] for v in RATED)
    assert "even when" in low, "level 1: not yet, even when guided or reminded"
    assert not any(word in low for word in MISBEHAVIOUR), f"level 1 describes misbehaviour: {low}"
    assert "guides or reminds" in with_help
    assert "without a reminder" in alone
    assert "familiar" in alone
    assert "new or harder" in top
    assert "without a reminder" in top
    assert "trainee" not in top, "level 4 must be reachable in a firm of two: no newer trainee"
    assert "teach" not in top, "level 4 must be reachable in a firm of two: no one to teach"


@pytest.mark.parametrize("skill_id", FRAMEWORK.skill_ids)
def test_the_trainees_part_of_a_module_has_no_jargon(skill_id: str) -> None:
    text = body(CATALOGUE.module_rel(skill_id))
    trainee_part = text[: text.index("{#notes}")]
    for word in JARGON:
        assert word not in trainee_part, f"'{word}' on the trainee's part of {skill_id}; explain it in the notes"


def test_every_module_has_its_own_trade() -> None:
    trades = [KIT.module(SOURCE, s).trade for s in FRAMEWORK.skill_ids]
    assert len(set(trades)) == len(trades), trades


def test_overview_pages_state_the_modules_real_times() -> None:
    reading = round(statistics.mean(KIT.module(SOURCE, s).minutes for s in FRAMEWORK.skill_ids))
    doing = {sum(KIT.module(SOURCE, s).activity_minutes) for s in FRAMEWORK.skill_ids}
    assert len(doing) == 1, "the overview pages say one time for the activities of every module"
    activities = doing.pop()
    overviews = [CATALOGUE.competence_rel(c.id) for c in FRAMEWORK.competences] + ["index.md", "glossary.md"]
    for rel in [*overviews, CATALOGUE.guide_rel("trainee"), CATALOGUE.guide_rel("trainer")]:
        text = " ".join(page(rel).split())
        assert f"about {reading} minutes" in text, f"{rel} does not give the reading time"
        assert not re.search(r"15 ?(?:to|-) ?20 minutes", text), rel
    for rel in overviews:
        assert f"{activities} minutes more" in " ".join(page(rel).split()), f"{rel} does not give the activities' time"


def test_module_without_a_required_section_is_refused(tmp_path) -> None:
    source = EN_DIR / "social-civic" / "teamwork.md"
    broken = tmp_path / "social-civic" / "teamwork.md"
    broken.parent.mkdir()
    broken.write_text(source.read_text(encoding="utf-8").replace("{#key-points}", "{#summary}"))
    with pytest.raises(ContentError) as error:
        content.load_module(broken, FRAMEWORK)
    assert "the required section '{#key-points}' is missing" in str(error.value)
    assert str(broken) in str(error.value)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('??? example "Paper tower', '!!! example "Paper tower', "is open; boxes here are collapsed"),
        ('??? tip "For the company tutor', '!!! tip "For the company tutor', "is open; boxes here are collapsed"),
        ('"Paper tower · 20 minutes"', '"Paper tower"', "does not say how long it takes"),
        ('??? example "Paper tower', '??? info "Paper tower', "each activity is a '??? example' box"),
    ],
)
def test_module_boxes_are_checked_with_their_line(tmp_path, old: str, new: str, expected: str) -> None:
    source = EN_DIR / "social-civic" / "teamwork.md"
    text = source.read_text(encoding="utf-8")
    assert old in text
    broken = tmp_path / "social-civic" / "teamwork.md"
    broken.parent.mkdir()
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        content.load_module(broken, FRAMEWORK)
    assert expected in error.value.message
    assert error.value.line == text.splitlines().index(next(ln for ln in text.splitlines() if old in ln)) + 1


def test_an_outdated_translation_may_keep_its_open_boxes_and_still_shows_its_times() -> None:
    for lang in KIT.languages[1:]:
        path = KIT.page_path(lang, CATALOGUE.module_rel("teamwork"))
        if path.is_relative_to(EN_DIR):
            continue
        module = KIT.module(lang, "teamwork")  # no error: its boxes follow its (older) source
        assert module.activity_minutes, lang


# -- characters (CONTRIBUTING.md, "Scenes and characters") ----------------------------

TITLES = {"Mr", "Mrs", "Ms"}


def cast() -> list[tuple[str, int | None, set[str]]]:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    table = text[text.index("| Name | Age | Who | Pages |") :].split("\n\n", 1)[0]
    rows = []
    for line in table.splitlines()[2:]:
        name, age, _, pages = (c.strip() for c in line.strip("|").split("|"))
        rows.append((name, int(age) if age else None, {p.strip() for p in pages.split(",")}))
    return rows


def test_every_character_is_one_person_with_one_age_on_the_listed_pages() -> None:
    people = cast()
    assert people
    pages = english_pages()
    owners: dict[str, str] = {}
    for name, _, listed in people:
        assert listed <= set(pages), f"{name}: unknown page in {listed}"
        for token in (t for t in name.split() if t not in TITLES):
            assert token not in owners, f"'{token}' is used by both {owners[token]} and {name}"
            owners[token] = name
            found = {rel for rel, text in pages.items() if re.search(rf"(?<![\w-]){re.escape(token)}(?![\w-])", text)}
            assert found <= listed, f"'{token}' ({name}) also appears in {sorted(found - listed)}"
            assert found, f"{name} is in the cast but on no page"
    ages = {name: age for name, age, _ in people}
    for rel, text in pages.items():
        for name, age in re.findall(r"\b([A-Z][\w'\u2019-]+ [A-Z][\w'\u2019-]+), (\d{1,2})\b", text):
            assert name in ages, f"{rel}: '{name}, {age}' is not in the cast of CONTRIBUTING.md"
            assert ages[name] == int(age), f"{rel}: {name} is {ages[name]}, not {age}"


# -- printables ----------------------------------------------------------------------


def test_the_printables_the_modules_ask_for_exist_with_their_anchors() -> None:
    names = {*KIT.printables(), "index"}
    assert {"tutor-sheet", "activity-cards", "observation-log", "logbook"} <= names
    for rel, text in english_pages().items():
        for target, anchor in re.findall(r"\]\((?:\.\./)*printables/([\w-]+)\.md(?:#([\w-]+))?\)", text):
            assert target in names, f"{rel} links to a printable that does not exist: {target}"
            if anchor:
                assert f"{{#{anchor}}}" in page(CATALOGUE.printable_rel(target)), f"{rel}: no #{anchor} in {target}"
    cards = page(CATALOGUE.printable_rel("activity-cards"))
    assert cards.count('<div class="kit-cards" markdown>') >= 5
    for rel in (CATALOGUE.printable_rel("observation-log"), CATALOGUE.printable_rel("logbook")):
        assert '<table class="kit-log">' in page(rel)


@pytest.mark.pdf
def test_the_tutor_sheet_is_one_a4_page(tmp_path) -> None:
    from janus_kit.pdf import build, render
    from janus_kit.pdf.documents import PRINT_DIR, Composer

    composer = Composer(KIT, SOURCE)
    spec = next(s for s in composer.specs() if s.id == "tutor-sheet")
    doc = composer.compose(spec)
    result = render.render(
        render.Job(
            name=spec.filename,
            html=doc.html,
            target=str(tmp_path / spec.filename),
            print_dir=str(PRINT_DIR),
            font_dir=str(build.FONT_DIR),
            asset_roots=(str(KIT.project.content),),
        )
    )
    assert result.error is None, result.error
    assert result.pages == 1, f"the tutor's sheet takes {result.pages} A4 pages"


# -- the built site ------------------------------------------------------------------


def test_module_pages_show_both_times_and_collapse_activities_and_notes(site: Build) -> None:
    for skill_id in FRAMEWORK.skill_ids:
        module = KIT.module(SOURCE, skill_id)
        html = site.read(CATALOGUE.page_url(SOURCE, module.path.relative_to(EN_DIR).as_posix()) + "index.html")
        assert S.text("module.minutes", minutes=module.minutes) in html
        assert S.text("module.activities", minutes=sum(module.activity_minutes)) in html
        tags = parse(site.site / CATALOGUE.page_url(SOURCE, CATALOGUE.module_rel(skill_id)) / "index.html").tags
        details = [attrs.get("class", "") for tag, attrs in tags if tag == "details"]
        assert details.count("example") == 3
        assert {"info", "tip", "note"} <= set(details)
        assert not any("open" in attrs for tag, attrs in tags if tag == "details")


def test_translations_say_they_are_outdated_exactly_when_the_english_changed(site: Build) -> None:
    """An outdated page carries the notice, an up-to-date one does not (the notice itself, on
    a page made outdated on purpose, is tested on the fixture kit in test_translation.py)."""
    for lang in KIT.languages[1:]:
        folder = KIT.project.lang_dir(lang)
        for rel in sorted(english_pages()):
            if CATALOGUE.kind_of(rel).value == "status":
                continue
            html = site.read(CATALOGUE.page_url(lang, rel) + "index.html")
            own = folder / rel
            if not own.exists():
                assert 'data-kit-notice="fallback"' in html, f"{lang}/{rel}: no fallback notice"
                continue
            state = translation.page_state(EN_DIR / rel, own, rel).state
            if state == "outdated":
                assert 'data-kit-notice="outdated"' in html, f"{lang}/{rel}: no outdated notice"
            else:
                assert 'data-kit-notice="outdated"' not in html, f"{lang}/{rel}: up to date, yet says it is outdated"


def test_the_notes_and_cards_reach_the_page_as_html(site: Build) -> None:
    html = site.read(CATALOGUE.page_url(SOURCE, CATALOGUE.printable_rel("activity-cards")) + "index.html")
    assert html.count('class="kit-cards"') >= 5
    log = site.read(CATALOGUE.page_url(SOURCE, CATALOGUE.printable_rel("logbook")) + "index.html")
    assert 'class="kit-log"' in log


def test_the_funding_statement_is_the_one_of_the_2014_2020_programme() -> None:
    """Erasmus+ 2014-2020 projects carry the Commission's statement, not the 2021-2027 wording."""
    from janus_kit.kit import Kit

    text = Kit.at(ROOT).strings(SOURCE).text("pdf.funding")
    assert "Erasmus+ Programme" in text and "2016-1-FR01-KA202-023852" in text
    assert "does not constitute an endorsement of the contents" in text
    assert "granting authority" not in text and "Funded by the European Union" not in text


@pytest.mark.parametrize("skill", FRAMEWORK.skill_ids)
def test_each_module_says_when_to_rate_0_and_has_four_or_five_key_points(skill: str) -> None:
    text = body(CATALOGUE.module_rel(skill))
    notes = section(text, "notes")
    assert f"0 · {LABELS[FRAMEWORK.not_observed]}" in notes or f"0 ({LABELS[FRAMEWORK.not_observed]})" in notes, (
        f"{skill}: the tutor's note says when to rate 0 · {LABELS[FRAMEWORK.not_observed]}"
    )
    points = [line for line in section(text, "key-points").splitlines() if line.startswith("- ")]
    assert 4 <= len(points) <= 5, (skill, len(points))
