"""What the PDFs print, read back from the rendered files: the text layer, sizes, QR codes,
the preview marking, the rules on the forms, pagination, accessibility (pdfua)."""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pypdf
import pytest

from helpers import LANGS, Build, copy_project, lang_root

# Characters a PDF may hold that its sources do not: page numbers, list bullets, and the
# hyphen that automatic hyphenation adds at the end of a line (U+2010);
# pdfium reports that end-of-line hyphen as U+0002.
GENERATED = set("0123456789•\u2010\x02")
LIMITS_KB = {"grid": 100, "review": 60}


def pdf_path(build: Build, lang: str, doc: str) -> Path:
    return build.site / lang_root(lang) / "pdf" / f"{doc}-{lang}.pdf"


def text_of(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in pypdf.PdfReader(path).pages]


def pdfium_text(path: Path) -> str:
    """The whole text layer as pdfium (Chromium's viewer) reads it for search and copy."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(path)
    try:
        return "\n".join(page.get_textpage().get_text_bounded() for page in document)
    finally:
        document.close()


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def printed(text: str, lang: str) -> str:
    """A string as the PDF prints it: with the language's typography (French spaces)."""
    from janus_kit import typography

    return flat(typography.fix_text(text, lang))


def figures_alt(path: Path) -> list[str]:
    with pikepdf.open(path) as pdf:
        from janus_kit.pdf.repair import _elements

        return [str(e.get("/Alt", "")) for e in _elements(pdf.Root.StructTreeRoot) if e.get("/S") == "/Figure"]


# -- the text layer ----------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
def test_extracted_text_holds_no_character_the_sources_do_not(pdf_site: Build, lang: str) -> None:
    """Ligatures (fi, fl) used to come back as combining letters ("Con dent")."""
    from janus_kit.kit import Kit
    from janus_kit.pdf.documents import Composer

    composer = Composer(Kit.at(pdf_site.root), lang)
    common = "".join(p.read_text(encoding="utf-8") for p in composer.common_inputs())
    specs = composer.specs() if lang in {"en", "lt"} else [s for s in composer.specs() if s.kind.id in {"kit", "grid"}]
    for spec in specs:
        allowed = set(common + "".join(p.read_text(encoding="utf-8") for p in composer.inputs(spec))) | GENERATED
        allowed |= {c.upper() for c in allowed if len(c.upper()) == 1}  # CSS text-transform: uppercase
        text = pdfium_text(pdf_path(pdf_site, lang, spec.id))
        strange = sorted({c for c in text if c not in allowed and not c.isspace()})
        assert not strange, f"{spec.filename}: {strange} ({[f'U+{ord(c):04X}' for c in strange]})"
        for word in ("Confident", "fluffy", "office", "first", "field"):
            broken = word.replace("fi", "").replace("fl", "").replace("ff", "")
            assert f" {broken} " not in f" {flat(text)} " or word == broken, f"{spec.filename}: {word!r} lost letters"


def test_fields_font_is_a_small_subset_that_covers_the_six_languages(pdf_site: Build) -> None:
    import io

    from fontTools.ttLib import TTFont

    letters = set("ąčęėįšųūžĄČĘĖĮŠŲŪŽșțăâîȘȚĂÂÎäöüßÄÖÜñÑœŒéèàçêÉÈÀÇÊáíóúÁÍÓÚ€„“”…")
    letters |= set("\u201a\u2018\u2019\u2013\u2014")  # quotes and dashes
    letters |= {chr(c) for c in range(0x100, 0x180)}  # all of Latin Extended-A
    for lang in ("en", "lt"):
        with pikepdf.open(pdf_path(pdf_site, lang, "grid-social-civic")) as pdf:
            font = pdf.Root.AcroForm.DR.Font["/KitF"]
            assert re.match(r"/[A-Z]{6}\+", str(font.BaseFont))
            data = font.DescendantFonts[0].FontDescriptor.FontFile2.read_bytes()
        ttf = TTFont(io.BytesIO(data))
        cmap = ttf.getBestCmap()
        missing = sorted(c for c in letters if ord(c) not in cmap)
        assert not missing, missing
        assert len(ttf.getGlyphOrder()) < 400, "the fields' font is a subset, not the whole Noto Sans (1,245 glyphs)"
        assert "GSUB" not in ttf, "no layout tables"
        assert "fpgm" not in ttf, "no hinting"


# -- sizes ---------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
def test_grids_and_review_sheets_are_small(pdf_site: Build, lang: str) -> None:
    from janus_kit.kit import Kit

    kit = Kit.at(pdf_site.root)
    for spec in kit.documents(lang):
        limit = LIMITS_KB.get(spec.kind.id)
        if limit is None:
            continue
        size = pdf_path(pdf_site, lang, spec.id).stat().st_size
        assert size <= limit * 1000, f"{spec.filename}: {size / 1000:.1f} kB, at most {limit} kB"


# -- QR codes -------------------------------------------------------------------------------
@pytest.mark.parametrize(("lang", "doc"), [("lt", "grid-initiative-entrepreneurship"), ("en", "module-teamwork")])
def test_qr_codes_are_at_least_20_mm_with_a_quiet_zone_and_say_what_they_open(
    pdf_site: Build, lang: str, doc: str
) -> None:
    import pypdfium2 as pdfium
    import zxingcpp

    dpi = 300
    path = pdf_path(pdf_site, lang, doc)
    document = pdfium.PdfDocument(path)
    image = document[0].render(scale=dpi / 72).to_pil().convert("L")
    document.close()
    codes = zxingcpp.read_barcodes(image)
    assert codes, doc
    mm = 25.4 / dpi
    for code in codes:
        p = code.position
        xs = [p.top_left.x, p.top_right.x, p.bottom_left.x, p.bottom_right.x]
        ys = [p.top_left.y, p.top_right.y, p.bottom_left.y, p.bottom_right.y]
        width, height = (max(xs) - min(xs)) * mm, (max(ys) - min(ys)) * mm
        assert min(width, height) >= 20, f"{code.text}: {width:.1f} x {height:.1f} mm"
        # The quiet zone: 4 modules (about 2.3 mm) of white all around the symbol. zxing's corners
        # may sit on the centres of the corner modules, so the symbol is grown by 0.6 mm first.
        grow, band = round(0.6 / mm), round(2.0 / mm)
        ring = image.crop((min(xs) - band, min(ys) - band, max(xs) + band, max(ys) + band))
        ring.paste(255, (band - grow, band - grow, ring.width - band + grow, ring.height - band + grow))
        assert ring.getextrema()[0] > 200, f"{code.text}: something is drawn in its quiet zone"
        assert code.text.startswith(pdf_site_url(pdf_site)), code.text
    from janus_kit.kit import Kit

    s = Kit.at(pdf_site.root).strings(lang)
    # Every figure is a QR code, but for the scale picture on a grid (its own alternative text).
    scale = printed(s.text("pictures.scale.title"), lang)
    alts = [alt for alt in figures_alt(path) if not alt.startswith(scale)]
    assert len(figures_alt(path)) - len(alts) == (1 if doc.startswith("grid-") else 0)
    assert len(alts) == len(codes)
    # what the text says before the name, whatever the language's opening quote ("“", "„", "«")
    opens = re.split(r"[\u201c\u201e\u00ab\u201a\"]", s.text("pdf.qr_page", name="", url=""))[0].strip()
    opens = opens if "module" not in doc else ""
    for alt in alts:
        assert alt.startswith(opens), alt
        assert re.search(r"\(janus-kit\.example\.org/\S+/\)", alt), alt  # the address, after what it opens
        assert s.text("pdf.preview_qr") in alt, "a preview's QR codes say so"


def pdf_site_url(build: Build) -> str:
    return "https://janus-kit.example.org/"


# -- preview marking and the site address ------------------------------------------------------
def test_placeholder_addresses() -> None:
    from janus_kit.pdf.address import is_placeholder

    for url in (
        "https://janus-kit.example.org/",
        "http://localhost:8000/",
        "https://kit.test/",
        "https://example.com",
        "http://127.0.0.1/",
        "file:///tmp/site/",
        "http://softskills.janus-plus.eu/",  # publishing needs https
        "",
    ):
        assert is_placeholder(url), url
    for url in ("https://softskills.janus-plus.eu/", "https://www.example-school.org/kit/", "https://kit.ro/"):
        assert not is_placeholder(url), url


@pytest.mark.parametrize("lang", LANGS)
def test_a_build_without_a_real_address_marks_every_page_as_a_preview(pdf_site: Build, lang: str) -> None:
    from janus_kit.kit import Kit

    assert "PDF preview:" in pdf_site.output, "the build log says the PDFs are previews"
    assert "KIT_SITE_URL=" in pdf_site.output, "the build log says how to set the address"
    line = Kit.at(pdf_site.root).strings(lang).text("pdf.preview")
    for doc in ("grid-social-civic", "review-sheet", "module-teamwork", "guide-tutor"):
        pages = text_of(pdf_path(pdf_site, lang, doc))
        for number, page in enumerate(pages, 1):
            assert line in flat(page), f"{doc} page {number}: no preview line"


@pytest.mark.pdf
def test_a_build_with_a_real_address_prints_it_with_version_and_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pypdfium2 as pdfium
    import zxingcpp

    from janus_kit.kit import Kit
    from janus_kit.pdf import build, documents, render

    monkeypatch.setenv("KIT_SITE_URL", "https://softskills.janus-plus.eu/")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 1 January 2026
    project = copy_project(tmp_path / "project")
    kit = Kit.at(project)
    for lang in ("en", "lt"):
        composer = documents.Composer(kit, lang)
        s = kit.strings(lang)
        spec = next(sp for sp in composer.specs() if sp.id == "grid-social-civic")
        doc = composer.compose(spec)
        target = tmp_path / spec.filename
        result = render.render(
            render.Job(spec.filename, doc.html, str(target), str(documents.PRINT_DIR), str(build.FONT_DIR))
        )
        assert result.error is None, result.error
        text = flat(text_of(target)[0])
        assert s.text("pdf.preview") not in text
        version = s.text("pdf.version", version=kit.framework.version, date=s.format_date(2026, 1, 1))
        assert version in text, version
        assert all(s.text("pdf.preview_qr") not in alt for alt in figures_alt(target))
        image = pdfium.PdfDocument(target)[0].render(scale=3).to_pil()
        urls = {code.text for code in zxingcpp.read_barcodes(image)}
        assert len(urls) == 4
        assert all(url.startswith(f"https://softskills.janus-plus.eu/{lang_root(lang)}social-civic/") for url in urls)


# -- what the forms print ------------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
def test_grid_prints_identity_block_rules_legend_and_level_boxes(pdf_site: Build, lang: str) -> None:
    from janus_kit.kit import Kit

    kit = Kit.at(pdf_site.root)
    s = kit.strings(lang)
    for competence in kit.framework.competences:
        pages = text_of(pdf_path(pdf_site, lang, f"grid-{competence.id}"))
        assert len(pages) == 1
        text = flat(pages[0])
        for key in ("trainee_name", "rater_name", "company", "trade", "training_centre", "period", "date", "signature"):
            assert printed(s.text(f"pdf.{key}"), lang) in text, key
        for checkpoint in kit.framework.checkpoints:
            assert printed(s.text(f"checkpoints.{checkpoint}"), lang) in text, checkpoint
        for rule in ("skill_level", "not_observed", "evidence"):
            assert printed(s.text(f"rules.{rule}"), lang).replace("-", "") in text.replace("-", "").replace(
                "\u2010 ", ""
            ), rule
        for value in kit.framework.scale:  # in the scale picture, a long label may break at a syllable
            assert printed(s.text(f"scale.{value}.label"), lang) in text.replace("- ", ""), value
        assert text.count(s.text("pdf.previous_level")) == len(kit.grid(lang, competence.id).skills)
        assert s.text("pdf.version", version=kit.framework.version, date="").split(",")[0] in text


@pytest.mark.parametrize("lang", LANGS)
def test_review_sheet_has_rules_actions_dates_and_unbroken_headers(pdf_site: Build, lang: str) -> None:
    from janus_kit.kit import Kit

    kit = Kit.at(pdf_site.root)
    s = kit.strings(lang)
    pages = text_of(pdf_path(pdf_site, lang, "review-sheet"))
    assert len(pages) == 1
    raw = pages[0]
    text = flat(raw)
    for key in ("skill_level", "agreed_level", "not_observed"):
        assert printed(s.text(f"rules.{key}"), lang) in text, key
    for key in ("action_module", "action_when", "action_who", "action_done", "previous_review", "next_review"):
        assert printed(s.text(f"pdf.{key}"), lang) in text, key
    for value in kit.framework.scale:
        assert printed(s.text(f"scale.{value}.label"), lang) in text
    assert text.count(s.text("pdf.date")) >= 1 + len(kit.framework.raters), "a date beside each signature"
    # Column headers break only between words, never inside one ("Lehr-ling").
    for label in [s.text(f"raters.{r}") for r in kit.framework.raters] + [s.text("pdf.agreed")]:
        for word in label.split():
            for cut in range(2, len(word) - 1):
                broken = re.escape(word[:cut]) + r"[-\u2010\xad]?\s*\n\s*" + re.escape(word[cut:])
                assert not re.search(broken, raw), f"{lang}: the header {word!r} is broken after {word[:cut]!r}"
    with pikepdf.open(pdf_path(pdf_site, lang, "review-sheet")) as pdf:
        fields = {str(f.T): f for f in pdf.Root.AcroForm.Fields}
        flags = [f for name, f in fields.items() if name.endswith("-flags")]
        assert len(flags) == len(kit.framework.skills)
        assert all(int(f.Ff) & (1 << 12) for f in flags), "the flags column is multiline"
        widths = {round(abs(float(f.Rect[2]) - float(f.Rect[0])), 1) for f in fields.values() if "/MaxLen" in f}
        assert len(widths) == 1, f"rating columns of equal width: {widths}"


# -- pagination ------------------------------------------------------------------------------------
def last_lines(path: Path) -> list[str]:
    """The lowest line of body text on each page (running header and footer left out)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(path)
    out = []
    try:
        for page in document:
            width, height = page.get_size()
            text = page.get_textpage()
            bottoms = [
                text.get_charbox(i)[1]
                for i in range(text.count_chars())
                if 18 / 25.4 * 72 < text.get_charbox(i)[1] < height - 16 / 25.4 * 72
                and text.get_text_range(i, 1).strip()
            ]
            low = min(bottoms)
            line = text.get_text_bounded(left=0, bottom=low - 1, right=width, top=low + 6)
            out.append(re.sub(r"\s+", " ", line).strip())
    finally:
        document.close()
    return out


def test_self_check_answers_are_on_a_later_page_and_questions_say_which(pdf_site: Build) -> None:
    pages = [flat(p) for p in text_of(pdf_path(pdf_site, "en", "module-teamwork"))]
    source = Path(pdf_site.root, "content/en/social-civic/teamwork.md").read_text(encoding="utf-8")
    questions = re.findall(r'^\?\?\? question "(.+)"\n    (.+)$', source, flags=re.M)
    assert questions
    for question, answer in questions:
        asked = next(i for i, p in enumerate(pages, 1) if question in p)
        start = flat(answer)[:40]
        answered = next(i for i, p in enumerate(pages, 1) if start in p)
        assert answered > asked, f"the answer to {question!r} is on page {answered}, the question on {asked}"
        assert f"Answer on page {answered}" in pages[asked - 1]


@pytest.mark.parametrize("doc", ["guide-trainee", "guide-trainer", "guide-tutor", "module-teamwork", "module-planning"])
def test_no_heading_at_the_foot_of_a_page_and_small_tables_kept_together(pdf_site: Build, doc: str) -> None:
    from janus_kit.kit import Kit

    kit = Kit.at(pdf_site.root)
    spec = next(s for s in kit.catalogue.documents("en", ()) if s.id == doc)
    source = kit.page_path("en", str(spec.source_rel)).read_text(encoding="utf-8")
    headings = {re.sub(r"\s*\{#.*\}$", "", h).strip() for h in re.findall(r"^#{2,4} (.+)$", source, flags=re.M)}
    path = pdf_path(pdf_site, "en", doc)
    for number, last in enumerate(last_lines(path)[:-1], 1):
        assert last not in headings, f"{doc} page {number} ends with the heading {last!r}"
    pages = text_of(path)
    rows = re.findall(r"^\| (\d) \| ([^|]+) \|", source, flags=re.M)
    if rows:  # the scale table of the guide: all its rows on one page
        holders = {i for i, p in enumerate(pages) for v, label in rows if f"{v} {label.strip()}" in flat(p)}
        assert len(holders) == 1, f"{doc}: the scale table is split over pages {sorted(holders)}"


@pytest.mark.pdf
def test_printable_cards_are_never_split_and_logs_have_tall_rows(tmp_path: Path) -> None:
    from janus_kit.catalogue import DocSpec, doc_kind
    from janus_kit.kit import Kit
    from janus_kit.pdf import build, documents, render

    project = copy_project(tmp_path / "project")
    folder = project / "content" / "en" / "printables"
    folder.mkdir(exist_ok=True)
    cards = "\n\n".join(
        f"<div markdown>\n**Card {n}**\n\n{'A line of text to read aloud. ' * 12}\n\n- one\n- two\n- three\n</div>"
        for n in range(1, 7)
    )
    rows = "\n".join("| | | |" for _ in range(30))
    (folder / "test-cards.md").write_text(
        f'# Cards\n\n<div class="kit-cards" markdown>\n\n{cards}\n\n</div>\n\n'
        f'## Log\n\n<div class="kit-log" markdown>\n\n| Date | What I did | Tutor |\n|---|---|---|\n{rows}\n\n</div>\n',
        encoding="utf-8",
    )
    kit = Kit.at(project)
    composer = documents.Composer(kit, "en")
    rel = "printables/test-cards.md"
    spec = DocSpec(doc_kind("printable"), "test-cards", "en", rel, rel, "janus-kit")
    doc = composer.compose(spec)
    target = tmp_path / "cards.pdf"
    result = render.render(render.Job("cards", doc.html, str(target), str(documents.PRINT_DIR), str(build.FONT_DIR)))
    assert result.error is None, result.error
    pages = [flat(p) for p in text_of(target)]
    for n in range(1, 7):
        holders = [i for i, p in enumerate(pages) if f"Card {n}" in p]
        assert len(holders) == 1
        page = pages[holders[0]]
        assert page.count("A line of text to read aloud.") >= 12 * page.count("Card "), f"card {n} is split"
    assert max(p.count("Card ") for p in pages) >= 2, "several cards share a page"
    log_pages = [p for p in pages if "What I did" in p]
    assert len(log_pages) >= 2, "30 rows to write in take more than one page, and the header repeats"


# -- accessibility -------------------------------------------------------------------------------
def test_pdfua_checker_finds_nothing_in_any_pdf(pdf_site: Build, monkeypatch: pytest.MonkeyPatch) -> None:
    import pdfua.document
    import pdfua.rules.structure
    from pdfua import validate

    original = pdfua.document.as_integer

    def as_integer(value: object) -> int | None:
        # pdfua 0.1.3 asks a pikepdf Array for an attribute and crashes the empty-heading
        # rule on every heading whose /K is an array; an array is not an integer.
        return None if isinstance(value, pikepdf.Array) else original(value)

    monkeypatch.setattr(pdfua.rules.structure, "as_integer", as_integer)
    from janus_kit.kit import Kit

    kit = Kit.at(pdf_site.root)
    paths = sorted(pdf_site.site.rglob("*.pdf"))
    assert len(paths) == sum(len(kit.documents(lang)) for lang in LANGS)
    for path in paths:
        report = validate(str(path))
        skipped = [(o.rule_id, o.skipped_reason) for o in report.outcomes if o.skipped_reason]
        assert not skipped, (path.name, skipped)
        findings = [(o.rule_id, f.message) for o in report.outcomes for f in o.findings]
        assert not findings, (path.name, findings[:3])
    with pikepdf.open(pdf_path(pdf_site, "lt", "review-sheet")) as pdf:
        from janus_kit.pdf.repair import _elements

        headers = [e for e in _elements(pdf.Root.StructTreeRoot) if e.get("/S") == "/TH"]
        assert headers
        assert all(e.A.Scope in ("/Column", "/Row") for e in headers)


def test_french_typography_leaves_entities_whole() -> None:
    """The French rules put a space before ';' and once broke '&#39;' into "' ;" in every PDF."""
    from janus_kit.catalogue import DocSpec, doc_kind
    from janus_kit.pdf.build import _typeset
    from janus_kit.pdf.documents import Composed

    html = '<p title="a &amp; b: c">the raters&#39; levels; &quot;ok&quot; ! &lt;x&gt; : end</p>'
    doc = Composed(DocSpec(doc_kind("grid"), "x", "fr", None, "x"), "t", html)
    out = _typeset(doc).html
    assert "raters&#39; levels\u202f;" in out
    assert "&quot;ok&quot;\u202f!" in out
    assert "&lt;x&gt;\u00a0: end" in out
    assert 'title="a &amp; b\u00a0: c"' in out
