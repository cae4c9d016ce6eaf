"""The questionnaires of the evaluation phase: content/evaluation.yml, its checks, and the forms
it puts on the pages, on the real kit and on the fixture kit (any kit: two raters, a 1-3 scale).

Every text a form shows comes from strings.yml; the questions exist only as data.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from feedback_kit import OVERLAY, feedback_kit
from helpers import ROOT, InProcessBuild, build_in_process, copy_fixture, parse, resolve
from janus_kit import evaluation
from janus_kit.errors import ContentError
from janus_kit.kit import Kit


def page_data(build: InProcessBuild, rel: str) -> dict:
    html = build.read(rel)
    found = re.search(r'<script type="application/json" id="kit-feedback-data">(.*?)</script>', html, re.S)
    assert found, f"{rel} has no feedback data"
    return json.loads(found[1])


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> InProcessBuild:
    build = build_in_process(feedback_kit(tmp_path_factory.mktemp("feedback") / "kit"))
    assert build.ok, build.error
    return build


# -- the real kit ---------------------------------------------------------------
def test_the_real_questionnaires_cover_the_issue_and_have_every_text() -> None:
    kit = Kit.at(ROOT)
    ev = kit.evaluation
    assert list(ev.questionnaires) == ["module", "cycle", "event"]
    module = ev.get("module")
    assert 5 <= len(module.questions) <= 7
    assert {q.type for q in module.questions} == {"scale", "choice", "text"}
    assert {"useful", "clear", "length", "change"} <= {q.id for q in module.questions}
    cycle = {r: {q.id for q in ev.get("cycle").for_rater(r)} for r in kit.framework.raters}
    assert "time-ok" in cycle["tutor"] and "time-ok" not in cycle["trainee"]
    assert "minutes-prepare" in cycle["trainer"] and "minutes-prepare" not in cycle["tutor"]
    common = {"indicators-clear", "review-useful", "minutes-grids", "minutes-review"}
    assert all(common <= ids for ids in cycle.values())
    # Every text is in English in strings.yml, and the page data carries exactly those texts.
    strings = yaml.safe_load((ROOT / "content" / "en" / "strings.yml").read_text(encoding="utf-8"))
    for key, _line in evaluation.string_keys(ev):
        node = strings
        for part in key.split("."):
            node = node[part]
        assert isinstance(node, str) and node.strip(), key
    data = evaluation.page_data(kit, "en", mode="summary")
    for qn in data["questionnaires"]:
        for q in qn["questions"]:
            assert q["label"] == strings["evaluation"][qn["id"]]["questions"][q["id"]]


def test_the_real_kit_offers_the_new_documents() -> None:
    kit = Kit.at(ROOT)
    names = [spec.id for spec in kit.documents("en")]
    expected = [
        "module-feedback",
        "cycle-evaluation-trainee",
        "cycle-evaluation-tutor",
        "cycle-evaluation-trainer",
        "flyer",
        "deck",
        "speaker-notes",
        "event-feedback",
    ]
    assert names[-len(expected) :] == expected
    assert len(names) == len(kit.catalogue.documents("en", kit.printables())) + len(expected)


# -- the fixture kit ------------------------------------------------------------------
def test_module_pages_of_any_kit_end_with_its_feedback_form(built: InProcessBuild) -> None:
    kit = Kit.at(built.root)
    for lang in kit.languages:
        prefix = "" if lang == kit.source_language else f"{lang}/"
        for skill in kit.framework.skill_ids:
            rel = f"{prefix}{kit.catalogue.module_rel(skill)[:-3]}/index.html"
            data = page_data(built, rel)
            assert data["page"] == {"mode": "form", "questionnaire": "module", "about": skill}
            assert data["kit"] == "digital-kit" and data["format"] == "janus-kit-feedback" and data["schema"] == 1
            assert [q["id"] for q in data["questionnaires"]] == ["module", "cycle"]
            assert data["abouts"]["rater"] == [
                {"id": r, "label": kit.strings(lang).text(f"raters.{r}")} for r in kit.framework.raters
            ]
            module = data["questionnaires"][0]
            assert [q["id"] for q in module["questions"]] == ["ruolo", "utile", "durata", "cambiare"]
            assert [o["value"] for o in module["questions"][0]["options"]] == ["learner", "mentor"]
            assert [o["label"] for o in module["questions"][1]["options"]] == ["No", "In parte", "Sì"]
            assert data["language"]["decimal"] == kit.strings(lang).text("language.decimal")
            page = built.site / rel
            scripts = [a for t, a in parse(page).tags if t == "script" and a.get("type") == "module"]
            assert len(scripts) == 1
            assert resolve(built.site, page, scripts[0]["src"]).exists()
            assert "Il vostro parere sul modulo" in built.read(rel)


def test_questionnaire_pages_and_the_summary_get_their_part(built: InProcessBuild) -> None:
    cycle = page_data(built, "evaluation/cycle/index.html")
    assert cycle["page"] == {"mode": "form", "questionnaire": "cycle", "about": None}
    questions = {q["id"]: q for q in cycle["questionnaires"][1]["questions"]}
    assert questions["osservare"]["raters"] == ["mentor"]
    assert questions["minuti"] | {"label": ""} == {
        "id": "minuti",
        "type": "number",
        "label": "",
        "raters": [],
        "min": 0,
        "max": 120,
        "unit": "minuti",
    }
    assert page_data(built, "evaluation/summary/index.html")["page"]["mode"] == "summary"
    assert page_data(built, "en/evaluation/summary/index.html")["lang"] == "en"
    assert "kit-feedback-data" not in built.read("evaluation/index.html")
    assert "kit-feedback-data" not in built.read("grids/digitale/index.html")


def test_a_kit_without_questionnaires_has_no_forms_and_no_sheets(tmp_path: Path) -> None:
    plain = copy_fixture(tmp_path / "plain")
    assert Kit.at(plain).features() == frozenset()
    assert not [s for s in Kit.at(plain).documents("it") if s.kind.needs]
    build = build_in_process(plain)
    assert build.ok, build.error
    assert "kit-feedback" not in build.read("digitale/sicurezza-online/index.html")
    with_forms = Kit.at(feedback_kit(tmp_path / "forms"))
    assert [s.id for s in with_forms.documents("it") if s.kind.needs] == [
        "module-feedback",
        "cycle-evaluation-learner",
        "cycle-evaluation-mentor",
        "flyer",
        "deck",
        "speaker-notes",
    ]


def test_text_in_questions_reaches_the_page_as_inert_json(tmp_path: Path) -> None:
    kit = feedback_kit(tmp_path / "kit")
    strings = kit / "content" / "it" / "strings.yml"
    hostile = '"</script><img src=x onerror=alert(1)> & Co"'
    strings.write_text(
        strings.read_text(encoding="utf-8").replace("utile: Il modulo è utile.", f"utile: {hostile}"), encoding="utf-8"
    )
    build = build_in_process(kit)
    assert build.ok, build.error
    html = build.read("digitale/sicurezza-online/index.html")
    assert "<img src=x" not in html and "</script><img" not in html
    data = page_data(build, "digitale/sicurezza-online/index.html")
    assert data["questionnaires"][0]["questions"][1]["label"] == "</script><img src=x onerror=alert(1)> & Co"


# -- mistakes: one message naming the file and the line ------------------------------------
BAD = {
    "unknown-scale": ("{id: utile, type: scale, scale: accordo}", "{id: utile, type: scale, scale: nope}", 8,
                      "the scale 'nope' is not defined"),
    "unknown-rater": ("raters: [mentor]", "raters: [tutor]", 14, "'tutor' is not one of the raters"),
    "raters-outside-the-cycle": ("{id: utile, type: scale, scale: accordo}",
                                 "{id: utile, type: scale, scale: accordo, raters: [mentor]}", 8,
                                 "only the questions of the 'cycle' questionnaire"),
    "duplicate-question": ("{id: durata, type: choice", "{id: utile, type: choice", 9, "'utile' is used twice"),
    "min-above-max": ("min: 0, max: 120", "min: 120, max: 120", 15, "min (120) must be smaller than max (120)"),
    "unknown-type": ("{id: cambiare, type: text}\n  cycle", "{id: cambiare, type: essay}\n  cycle", 10,
                     "questionnaires/module/questions/3/type: 'essay' is not one of"),
    "unknown-key": ("{id: cambiare, type: text}\n  cycle", "{id: cambiare, type: text, label: Cambiare}\n  cycle", 10,
                    "'label' is not allowed here (allowed: id, type, raters)"),
    "unknown-questionnaire": ("  cycle:", "  survey:", 11,
                              "'survey' is not allowed here (allowed: module, cycle, event)"),
    "bad-id": ("{id: chiaro,", "{id: Chiaro!,", 13, "'Chiaro!' is not a valid id"),
    "number-without-unit": (", unit: minuti}", "}", 15, "'unit' is a required property"),
    "alias": ("  accordo: [1, 2, 3]", "  accordo: &s [1, 2, 3]\n  altro: *s", 3, "anchors and aliases"),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_mistake_in_evaluation_yml_names_its_line(case: str, tmp_path: Path) -> None:
    old, new, line, message = BAD[case]
    kit_dir = feedback_kit(tmp_path / "kit")
    path = kit_dir / "content" / "evaluation.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text, case
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        Kit.at(kit_dir).validate()
    error = caught.value
    assert Path(error.path).name == "evaluation.yml", str(error)
    assert message in error.message, str(error)
    assert error.line == line, str(error)


def test_a_mistake_stops_the_build_with_one_message(tmp_path: Path) -> None:
    kit_dir = feedback_kit(tmp_path / "kit")
    path = kit_dir / "content" / "evaluation.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("scale: accordo}", "scale: nope}", 1), encoding="utf-8")
    build = build_in_process(kit_dir)
    assert not build.ok and not build.traceback, build.error
    assert "content/evaluation.yml:8: the scale 'nope' is not defined" in build.error
    assert "use one of: accordo" in build.error


def test_a_missing_text_names_the_question_and_the_strings_file(tmp_path: Path) -> None:
    kit_dir = feedback_kit(tmp_path / "kit")
    strings = kit_dir / "content" / "it" / "strings.yml"
    strings.write_text(
        strings.read_text(encoding="utf-8").replace("      minuti: Quanti minuti?\n", ""), encoding="utf-8"
    )
    with pytest.raises(ContentError) as caught:
        Kit.at(kit_dir).validate()
    error = caught.value
    assert Path(error.path).name == "evaluation.yml" and error.line == 15, str(error)
    assert "'evaluation.cycle.questions.minuti' is missing from content/it/strings.yml" in error.message


def test_pages_of_the_evaluation_folder_must_belong(tmp_path: Path) -> None:
    kit_dir = feedback_kit(tmp_path / "kit")
    stray = kit_dir / "content" / "it" / "evaluation" / "survey.md"
    stray.write_text("# Survey\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        Kit.at(kit_dir).validate()
    assert Path(caught.value.path) == stray
    assert "evaluation/cycle.md, evaluation/index.md, evaluation/summary.md" in caught.value.message
    stray.unlink()
    (kit_dir / "content" / "it" / "evaluation" / "summary.md").unlink()
    with pytest.raises(ContentError) as caught:
        Kit.at(kit_dir).validate()
    assert Path(caught.value.path).name == "summary.md"
    assert "it needs this page (feedback-summary)" in caught.value.message
    # Without evaluation.yml the folder's pages are refused too.
    (kit_dir / "content" / "evaluation.yml").unlink()
    with pytest.raises(ContentError) as caught:
        Kit.at(kit_dir).validate()
    assert "none: the kit has no content/evaluation.yml" in caught.value.message


def test_the_overlay_is_only_data_and_pages() -> None:
    suffixes = {p.suffix for p in OVERLAY.rglob("*") if p.is_file()}
    assert suffixes <= {".md", ".yml"}, suffixes
