"""The evaluation sheets, the flyer, the slides and the speaker notes, read back from the PDFs
of a real build of the kit (English only: KIT_PDF_ONLY=en), as a presenter would get them."""

from __future__ import annotations

import re
from pathlib import Path

import pypdf
import pytest
import yaml

from helpers import ROOT, Build, copy_project, parse, resolve, run_build
from janus_kit import content, frontmatter
from janus_kit.kit import Kit

pytestmark = pytest.mark.pdf

SITE_URL = "https://janus-kit.example.org/"
MM = 72 / 25.4
NEW = ("module-feedback", "cycle-evaluation", "flyer", "deck", "speaker-notes", "event-feedback")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = copy_project(tmp_path_factory.mktemp("events-pdf") / "project")
    env = {"KIT_PDF_ONLY": "en", "KIT_PDF_CACHE": str(root / ".cache"), "KIT_OFFLINE": "0"}
    build = run_build(root, pdf=True, extra_env=env)
    assert build.returncode == 0, build.output
    return build


def pdf(build: Build, doc: str) -> pypdf.PdfReader:
    return pypdf.PdfReader(build.site / "pdf" / f"{doc}-en.pdf")


def text_of(reader: pypdf.PdfReader) -> list[str]:
    return [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]


def qr_codes(path: Path, page: int = 0) -> list[str]:
    import pypdfium2 as pdfium
    import zxingcpp

    image = pdfium.PdfDocument(path)[page].render(scale=3).to_pil()
    return sorted(r.text for r in zxingcpp.read_barcodes(image))


def fields(reader: pypdf.PdfReader) -> dict[str, dict]:
    """Top-level form fields by name: their type and the number of their widgets."""
    top = [f.get_object() for f in reader.trailer["/Root"]["/AcroForm"]["/Fields"]]
    out: dict[str, dict] = {}
    for f in top:
        if "/Parent" in f:
            continue
        name = str(f["/T"])
        assert name not in out, f"field {name} twice"
        out[name] = {"type": str(f.get("/FT")), "kids": len(f.get("/Kids", []))}
    return out


def skill_names() -> list[str]:
    kit = Kit.at(ROOT)
    return [skill.name for grid in kit.grids("en") for skill in grid.skills]


def slides() -> list[tuple[str, str]]:
    """(title, first words of its notes) per slide, from the page's source."""
    kit = Kit.at(ROOT)
    doc = frontmatter.read(kit.project.lang_dir("en") / kit.catalogue.events_rel("presentation"))
    headings, _ = content.scan(doc.body, doc.body_line)
    titles = [h.text for h in headings if h.level == 1] + [h.text for h in headings if h.level == 2]
    notes = re.findall(r'^\?\?\? notes "[^"]*"\n    (.+)$', doc.body, re.M)
    assert len(notes) == len(titles)
    return [(title, " ".join(note.split()[:6])) for title, note in zip(titles, notes, strict=True)]


def test_the_new_documents_are_built_listed_and_offered(built: Build) -> None:
    kit = Kit.at(built.root)
    specs = [s for s in kit.documents("en") if s.kind.id in NEW]
    assert len(specs) == 8
    page = built.site / "downloads" / "index.html"
    rows = re.findall(
        r'<td class="kit-downloads__title"><a href="([^"]+)" download>([^<]+)</a></td>\s*'
        r'<td class="kit-downloads__size">([^<]+)</td>\s*<td class="kit-downloads__pages">(\d+)</td>\s*</tr>',
        page.read_text(encoding="utf-8"),
    )
    listed = {Path(href).name: (title, int(pages)) for href, title, _, pages in rows}
    html = page.read_text(encoding="utf-8")
    assert "<h2>Feedback forms</h2>" in html and "<h2>Presenter&#x27;s pack</h2>" in html
    for spec in specs:
        path = built.site / "pdf" / spec.filename
        reader = pypdf.PdfReader(path)
        assert listed[spec.filename][1] == len(reader.pages), spec.filename
        assert reader.trailer["/Root"]["/Lang"] == "en"
        assert reader.metadata.title and "/StructTreeRoot" in reader.trailer["/Root"], spec.filename
        if spec.kind.max_pages:
            assert len(reader.pages) == spec.kind.max_pages == 1, spec.filename
    # Three questionnaires on the cycle page: each button says which one it is.
    cycle = built.site / "evaluation" / "cycle" / "index.html"
    buttons = [
        a["href"]
        for tag, a in parse(cycle).tags
        if tag == "a" and "download" in a and "md-button" in a.get("class", "")
    ]
    assert sorted(Path(b).name for b in buttons) == [
        f"cycle-evaluation-{r}-en.pdf" for r in sorted(kit.framework.raters)
    ]
    for rater in kit.framework.raters:
        label = kit.strings("en").text(f"raters.{rater}")
        assert f"Download PDF: Evaluation of the assessment cycle: {label}" in cycle.read_text(encoding="utf-8")
    presentation = built.site / "events" / "presentation" / "index.html"
    links = [a["href"] for tag, a in parse(presentation).tags if tag == "a" and "download" in a]
    assert {Path(h).name for h in links} >= {"deck-en.pdf", "speaker-notes-en.pdf"}
    assert all(resolve(built.site, presentation, h).exists() for h in links)


def test_the_deck_is_16_9_one_page_per_slide_without_notes(built: Build) -> None:
    reader = pdf(built, "deck")
    expected = slides()
    assert len(reader.pages) == len(expected) >= 8
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - 297 * MM) < 1 and abs(height - 167.06 * MM) < 1
        assert abs(width / height - 16 / 9) < 0.005
    texts = text_of(reader)
    for index, ((title, note), text) in enumerate(zip(expected, texts, strict=True)):
        assert title in text, (index, title)
        assert note not in text, f"slide {index + 1} shows its notes"
        assert f"{index + 1} / {len(expected)}" in text
    skills_slide = next(t for t in texts if "Twelve skills" in t)
    for name in skill_names():
        assert name in skills_slide.replace("- ", ""), name
    strings = yaml.safe_load((ROOT / "content" / "en" / "strings.yml").read_text(encoding="utf-8"))
    cycle = next(t for t in texts if "Three views" in t)
    for key in ("trainee", "tutor", "trainer"):
        assert strings["raters"][key] in cycle
    for value in range(5):
        assert strings["scale"][str(value)]["label"] in cycle
    module = next(t for t in texts if "One module, step by step" in t)
    assert "Accepting feedback and guidance" in module and "Scene: The torque wrench" in module
    path = built.site / "pdf" / "deck-en.pdf"
    assert qr_codes(path, 0) == [SITE_URL]
    last = len(expected) - 1
    assert qr_codes(path, last) == [f"{SITE_URL}evaluation/event/"]


def test_the_speaker_notes_say_what_to_say_for_every_slide(built: Build) -> None:
    reader = pdf(built, "speaker-notes")
    text = " ".join(text_of(reader))
    expected = slides()
    for number, (title, note) in enumerate(expected, 1):
        assert f"SLIDE {number} OF {len(expected)}" in text.upper()
        assert title in text and note in text, title
    for page in reader.pages:
        assert abs(float(page.mediabox.width) - 210 * MM) < 1 and abs(float(page.mediabox.height) - 297 * MM) < 1
    assert 3 <= len(reader.pages) <= 8


def test_the_flyer_is_one_a4_page_with_the_site_and_the_three_ways_in(built: Build) -> None:
    reader = pdf(built, "flyer")
    assert len(reader.pages) == 1
    page = reader.pages[0]
    assert abs(float(page.mediabox.width) - 210 * MM) < 1 and abs(float(page.mediabox.height) - 297 * MM) < 1
    text = text_of(reader)[0].replace("- ", "")
    assert "Soft skills for apprentices" in text
    for name in skill_names():
        assert name in text, name
    for guide in ("Guide for the trainee", "Guide for the company tutor", "Guide for the trainer"):
        assert guide in text
    strings = yaml.safe_load((ROOT / "content" / "en" / "strings.yml").read_text(encoding="utf-8"))
    assert strings["site"]["copyright"] in text
    assert " ".join(strings["pdf"]["funding"].split()[:8]) in text
    expected = sorted([SITE_URL] + [f"{SITE_URL}guides/{r}/" for r in ("trainee", "tutor", "trainer")])
    assert qr_codes(built.site / "pdf" / "flyer-en.pdf") == expected


def test_the_feedback_sheets_are_fillable_forms_of_their_questions(built: Build) -> None:
    kit = Kit.at(ROOT)
    ev = kit.evaluation
    module = fields(pdf(built, "module-feedback"))
    assert module["module-feedback-module"] == {"type": "/Btn", "kids": 12}
    assert module["module-feedback-date"]["type"] == "/Tx"
    for q in ev.get("module").questions:
        name = f"module-feedback-{q.id}"
        if q.type in {"scale", "choice"}:
            assert module[name] == {"type": "/Btn", "kids": len(q.values)}, name
        else:
            assert module[name]["type"] == "/Tx", name
    assert len(module) == len(ev.get("module").questions) + 2
    for rater in kit.framework.raters:
        sheet = fields(pdf(built, f"cycle-evaluation-{rater}"))
        mine = ev.get("cycle").for_rater(rater)
        assert set(sheet) == {f"cycle-evaluation-{rater}-{q.id}" for q in mine} | {f"cycle-evaluation-{rater}-date"}
        text = text_of(pdf(built, f"cycle-evaluation-{rater}"))[0]
        assert kit.strings("en").text(f"raters.{rater}") in text
        assert f"{SITE_URL}evaluation/cycle/?role={rater}" in qr_codes(
            built.site / "pdf" / f"cycle-evaluation-{rater}-en.pdf"
        )
    tutor = fields(pdf(built, "cycle-evaluation-tutor"))
    assert "cycle-evaluation-tutor-time-ok" in tutor and "cycle-evaluation-tutor-minutes-prepare" not in tutor
    event = fields(pdf(built, "event-feedback"))
    assert event["event-feedback-role"] == {"type": "/Btn", "kids": 4}
    assert event["event-feedback-start"]["type"] == "/Tx"
    text = text_of(pdf(built, "module-feedback"))[0]
    for name in skill_names():
        assert name in text.replace("- ", ""), name


def test_the_pdfs_are_cached_and_an_edited_presentation_renders_only_its_documents(built: Build) -> None:
    env = {"KIT_PDF_ONLY": "en", "KIT_PDF_CACHE": str(built.root / ".cache"), "KIT_OFFLINE": "0"}
    again = run_build(built.root, pdf=True, extra_env=env)
    assert again.returncode == 0, again.output
    total = len(Kit.at(built.root).documents("en"))
    assert f"{total} documents, 0 rendered, {total} from cache" in again.output
    page = built.root / "content" / "en" / "events" / "presentation.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Why soft skills matter", "Why soft skills count"))
    changed = run_build(built.root, pdf=True, extra_env=env)
    assert changed.returncode == 0, changed.output
    assert sorted(re.findall(r"PDF \d+/\d+: (\S+)", changed.output)) == ["en/deck-en.pdf", "en/speaker-notes-en.pdf"]
    assert "Why soft skills count" in text_of(pdf(changed, "deck"))[1]


@pytest.mark.parametrize("lang", Kit.at(ROOT).languages)
def test_flyer_and_deck_fit_in_every_language(lang: str, tmp_path: Path) -> None:
    """Rendered in process (no site build): the flyer is one page, the deck one page per slide,
    with the language's own words from the grids and the strings."""
    from janus_kit.pdf import build, documents, render

    kit = Kit.at(ROOT)
    composer = documents.Composer(kit, lang)
    specs = {s.id: s for s in composer.specs()}
    grids = [skill.name for grid in kit.grids(lang) for skill in grid.skills]
    for doc_id, pages in (("flyer", 1), ("deck", len(slides()))):
        doc = composer.compose(specs[doc_id])
        target = tmp_path / specs[doc_id].filename
        job = render.Job(doc_id, doc.html, str(target), str(documents.PRINT_DIR), str(build.FONT_DIR), doc.max_pages)
        result = render.render(job)
        assert result.error is None and result.pages == pages, (lang, doc_id, result)
        text = " ".join(text_of(pypdf.PdfReader(target))).replace("- ", "").replace("\u2010 ", "")
        for name in grids:
            assert name in text, (lang, doc_id, name)
