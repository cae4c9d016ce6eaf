"""Multiplier events: the flyer's and the presentation's pages, read as slides, checked, and
decorated with blocks made from the skill model (the real kit and the fixture kit)."""

from __future__ import annotations

from pathlib import Path

import pytest

from feedback_kit import feedback_kit
from helpers import ROOT, InProcessBuild, build_in_process, parse, resolve
from janus_kit import content, events, frontmatter
from janus_kit.errors import ContentError
from janus_kit.kit import Kit

HTML = """<h1 id="t">Title<a class="headerlink" href="#t">¶</a></h1><p>Lead</p>
<details class="notes"><summary>Notes</summary><p>Say hello</p></details>
<h2 id="need">The need<a class="headerlink" href="#need">¶</a></h2><ul><li>One</li></ul>
<details class="question"><summary>Q</summary><p>Stays</p></details>
<details class="notes"><summary>Notes</summary><p>First</p>
<details class="tip"><summary>x</summary><p>Inner</p></details></details>
<h2 id="skills">Skills</h2><p>Text</p>"""


def test_a_page_splits_into_title_lead_slides_and_notes() -> None:
    page = events.read(HTML)
    assert page.title == "Title"
    assert page.lead == "<p>Lead</p>"
    assert "Say hello" in page.lead_notes
    found = [(s.id, s.title, s.block) for s in page.sections]
    assert found == [("need", "The need", None), ("skills", "Skills", "skills")]
    need = page.sections[0]
    assert "<li>One</li>" in need.body and "Stays" in need.body
    assert "First" not in need.body and "Inner" not in need.body
    assert "First" in need.notes and "Inner" in need.notes and "<summary>Notes" not in need.notes
    assert page.sections[1].notes == ""


def test_the_real_presentation_covers_the_issue() -> None:
    kit = Kit.at(ROOT)
    path = kit.project.lang_dir("en") / kit.catalogue.events_rel("presentation")
    doc = frontmatter.read(path)
    headings, blocks = content.scan(doc.body, doc.body_line)
    ids = [h.id for h in headings if h.level == 2]
    for wanted in ("need", "skills", "cycle", "tool", "start"):
        assert wanted in ids, wanted
    modules = [i for i in ids if i and i.startswith("module-")]
    assert len(modules) == 1 and modules[0][len("module-") :] in kit.framework.skill_ids
    # Every slide has its speaker notes.
    notes = [b for b in blocks if b.kind == "details" and b.value == "notes"]
    assert len(notes) == len(ids) + 1
    events.check_page(kit, path, events.PRESENTATION)
    flyer = kit.project.lang_dir("en") / kit.catalogue.events_rel("flyer")
    flyer_ids = [h.id for h in content.scan(frontmatter.read(flyer).body, 1)[0] if h.level == 2]
    assert {"skills", "ways-in", "online"} <= set(flyer_ids)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> InProcessBuild:
    build = build_in_process(feedback_kit(tmp_path_factory.mktemp("events") / "kit"))
    assert build.ok, build.error
    return build


def test_the_presentation_page_shows_each_slide_with_its_block(built: InProcessBuild) -> None:
    kit = Kit.at(built.root)
    s = kit.strings("it")
    html = built.read("events/presentation/index.html")
    assert html.count('<section class="kit-slide">') == 4
    assert html.count('<details class="notes">') == 5
    # The skills in the grid's order and words, the raters, checkpoints and the 0-3 scale.
    grid = kit.grid("it", "digitale")
    names = [skill.name for skill in grid.skills]
    positions = [html.index(f"<li>{name}</li>") for name in names]
    assert positions == sorted(positions)
    for rater in kit.framework.raters:
        assert f"<li>{s.text(f'raters.{rater}')}</li>" in html
    for checkpoint in kit.framework.checkpoints:
        assert f"<li>{s.text(f'checkpoints.{checkpoint}')}</li>" in html
    for value in kit.framework.scale:
        assert f'<span class="kit-block__num">{value}</span> {s.text(f"scale.{value}.label")}' in html
    module = kit.module("it", "sicurezza-online")
    assert module.title in html and s.text("module.minutes", minutes=module.minutes) in html
    page = built.site / "events" / "presentation" / "index.html"
    links = [a["href"] for tag, a in parse(page).tags if tag == "a" and "headerlink" not in a.get("class", "x")]
    assert "../../digitale/sicurezza-online/" in links
    for href in links:
        target = resolve(built.site, page, href)
        assert target is None or target.exists(), href
    # The block comes before the slide's notes.
    assert html.index("kit-block--module") < html.index("Aprite il modulo")
    styles = [a["href"] for tag, a in parse(page).tags if tag == "link" and "events.css" in a.get("href", "")]
    assert styles and resolve(built.site, page, styles[0]).exists()


def test_the_flyer_page_has_one_way_in_per_rater(built: InProcessBuild) -> None:
    kit = Kit.at(built.root)
    html = built.read("events/flyer/index.html")
    assert html.count('class="kit-block__way"') == len(kit.framework.raters)
    for rater in kit.framework.raters:
        assert f'href="../../guides/{rater}/"' in html
    assert "kit-slide" not in html


CHECKS = {
    "no-id": ("## Perché {#perche}", "## Perché", "the section 'Perché' has no id", "## Perché {#perch}"),
    "unknown-module": ("{#module-sicurezza-online}", "{#module-privacy}", "'{#module-privacy}' names no skill", None),
    "no-event-questionnaire": ("{#cycle}", "{#feedback}", "the section {#feedback} points to the event questionnaire",
                               None),
    "too-long": ("- Nessuno lo insegna", "- " + "parola " * 80, "the slide 'Perché' has too much text", None),
    "too-many-items": ("- Nessuno lo insegna", "\n".join(["- voce"] * 7), "8 list items", None),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(CHECKS))
def test_a_mistake_in_the_presentation_names_its_line(case: str, tmp_path: Path) -> None:
    old, new, message, hint = CHECKS[case]
    kit_dir = feedback_kit(tmp_path / "kit")
    path = kit_dir / "content" / "it" / "events" / "presentation.md"
    text = path.read_text(encoding="utf-8")
    assert old in text
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        Kit.at(kit_dir).validate()
    error = caught.value
    assert Path(error.path) == path and message in error.message, str(error)
    heading = text[: text.index(old)].rfind("\n## ")
    expected = line if old.startswith("#") or "{#" in old else text[: heading + 1].count("\n") + 1
    assert error.line == expected, str(error)
    if hint:
        assert hint in str(error.hint)


def test_too_few_slides_and_a_long_flyer_are_refused(tmp_path: Path) -> None:
    kit_dir = feedback_kit(tmp_path / "kit")
    deck = kit_dir / "content" / "it" / "events" / "presentation.md"
    deck.write_text("# Solo\n\n## Uno {#uno}\n\nTesto.\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        Kit.at(kit_dir).validate()
    assert "the presentation has 2 slides" in caught.value.message
    deck.unlink()
    flyer = kit_dir / "content" / "it" / "events" / "flyer.md"
    flyer.write_text(flyer.read_text(encoding="utf-8") + "\n" + "Molte parole qui. " * 100 + "\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        Kit.at(kit_dir).validate()
    assert Path(caught.value.path) == flyer and "one A4 page holds at most" in caught.value.message
