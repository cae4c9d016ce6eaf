"""The printable kit, read back from the rendered PDFs of a real build."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import uuid
from pathlib import Path

import pypdf
import pytest

from helpers import LANGS, Build, copy_project, lang_root, parse, resolve, run_build
from janus_kit.kit import Kit

SITE_URL = "https://janus-kit.example.org/"
LETTERS = {
    "en": "",
    "fr": "éèàçê",
    "es": "ñáéíóú",
    "de": "äöüß",
    "ro": "ășțâî",
    "lt": "ąčęėįšųūž",
}
KINDS = (
    "janus-kit",
    "grid-learning-to-learn",
    "grid-social-civic",
    "grid-initiative-entrepreneurship",
    "review-sheet",
    "guide-trainee",
    "guide-tutor",
    "guide-trainer",
    "module-teamwork",
)


def documents(build: Build, lang: str) -> int:
    """How many PDFs a language has: the catalogue's count (printables, questionnaires and
    event pages are content)."""
    return len(Kit.at(build.root).documents(lang))


def pdf_path(build: Build, lang: str, doc: str) -> Path:
    return build.site / lang_root(lang) / "pdf" / f"{doc}-{lang}.pdf"


def site_target(build: Build, url: str) -> Path:
    assert url.startswith(SITE_URL), url
    rel = url[len(SITE_URL) :].split("#")[0]
    return build.site / rel / "index.html" if rel.endswith("/") or rel == "" else build.site / rel


@pytest.mark.parametrize("lang", LANGS)
def test_every_document_exists_with_metadata_and_tags(pdf_site: Build, lang: str) -> None:
    pdfs = sorted((build_dir := pdf_site.site / lang_root(lang) / "pdf").glob("*.pdf"))
    assert len(pdfs) == documents(pdf_site, lang), build_dir
    for path in pdfs:
        reader = pypdf.PdfReader(path)
        root = reader.trailer["/Root"]
        assert root["/Lang"] == lang, path
        assert reader.metadata.title, path
        assert root["/MarkInfo"]["/Marked"], f"{path}: not tagged"
        assert "/StructTreeRoot" in root, path


@pytest.mark.parametrize("lang", LANGS)
def test_page_counts(pdf_site: Build, lang: str) -> None:
    def pages(doc: str) -> int:
        return len(pypdf.PdfReader(pdf_path(pdf_site, lang, doc)).pages)

    for grid in ("grid-learning-to-learn", "grid-social-civic", "grid-initiative-entrepreneurship"):
        assert pages(grid) == 1, f"{grid} must fit on one A4 page"
    assert pages("review-sheet") == 1
    assert 2 <= pages("module-teamwork") <= 8
    assert pages("janus-kit") >= 40


@pytest.mark.parametrize("lang", LANGS)
def test_grid_form_fields_are_unique_and_complete(pdf_site: Build, lang: str) -> None:
    reader = pypdf.PdfReader(pdf_path(pdf_site, lang, "grid-social-civic"))
    top = [f.get_object() for f in reader.trailer["/Root"]["/AcroForm"]["/Fields"]]
    assert all("/Parent" not in f for f in top), "only logical fields at the top level"
    names = [str(f["/T"]) for f in top]
    assert len(names) == len(set(names)), sorted(names)
    radios = {n for f, n in zip(top, names, strict=True) if f.get("/FT") == "/Btn"}
    texts = {n for f, n in zip(top, names, strict=True) if f.get("/FT") == "/Tx"}
    # 4 skills x 4 indicators as 0-4 radio groups, plus the rater and the checkpoint.
    assert len(radios) == 18, sorted(radios)
    for group in radios - {"social-civic-rater", "social-civic-checkpoint"}:
        kids = next(f for f in top if str(f["/T"]) == group)["/Kids"]
        assert len(kids) == 5, group
    # The identity block (8 fields), and per skill its level, its previous level and its evidence.
    assert {
        "social-civic-trainee",
        "social-civic-rater-name",
        "social-civic-company",
        "social-civic-trade",
        "social-civic-centre",
        "social-civic-period",
        "social-civic-date",
        "social-civic-signature",
        "teamwork-level",
        "teamwork-previous",
        "teamwork-evidence",
    } <= texts
    assert len(texts) == 8 + 4 * 3


def test_whole_kit_field_names_are_unique(pdf_site: Build) -> None:
    reader = pypdf.PdfReader(pdf_path(pdf_site, "fr", "janus-kit"))
    top = [f.get_object() for f in reader.trailer["/Root"]["/AcroForm"]["/Fields"]]
    names = [str(f["/T"]) for f in top if "/Parent" not in f]
    assert len(names) == len(set(names)) > 100


@pytest.mark.parametrize("lang", LANGS)
def test_language_text_and_letters_are_extractable(pdf_site: Build, lang: str) -> None:
    from janus_kit.kit import Kit

    s = Kit.at(pdf_site.root).strings(lang)  # the effective strings: the kit's, then the generator's
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(pdf_path(pdf_site, lang, "janus-kit")).pages)
    for letter in LETTERS[lang]:
        assert letter in text, f"{lang}: '{letter}' missing from the extracted text"
    if lang == "ro":
        assert not re.search("[şţŞŢ]", text), "Romanian must use comma-below ș ț"
    grid_text = pypdf.PdfReader(pdf_path(pdf_site, lang, "grid-social-civic")).pages[0].extract_text()
    assert s.text("pdf.trainee_name") in grid_text
    # In the scale picture a label may take two lines, or break at a syllable.
    assert s.text("scale.3.label") in " ".join(grid_text.replace("-\n", "").split())
    review = pypdf.PdfReader(pdf_path(pdf_site, lang, "review-sheet")).pages[0].extract_text()
    assert s.text("flags.blind-spot.name") in review


@pytest.mark.parametrize("lang", LANGS)
def test_fonts_are_embedded_and_subset(pdf_site: Build, lang: str) -> None:
    for doc in ("grid-learning-to-learn", "module-teamwork"):
        reader = pypdf.PdfReader(pdf_path(pdf_site, lang, doc))
        seen = 0
        for page in reader.pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
                descriptor = descendant["/FontDescriptor"].get_object()
                assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]
                assert re.match(r"/[A-Z]{6}\+", str(font["/BaseFont"])), font["/BaseFont"]
                seen += 1
        assert seen


def _uris(path: Path) -> list[str]:
    uris = []
    for page in pypdf.PdfReader(path).pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action and "/URI" in action:
                uris.append(str(action["/URI"]))
    return uris


@pytest.mark.parametrize("lang", LANGS)
def test_links_point_at_existing_pages_of_the_same_language(pdf_site: Build, lang: str) -> None:
    checked = 0
    for doc in KINDS:
        for uri in _uris(pdf_path(pdf_site, lang, doc)):
            if not uri.startswith(SITE_URL):
                assert uri.startswith("http://data.europa.eu/esco/") or uri.startswith("https://"), uri
                continue
            target = site_target(pdf_site, uri)
            assert target.exists(), f"{doc}-{lang}: {uri}"
            rel = uri[len(SITE_URL) :]
            if lang != "en":
                assert rel.startswith(f"{lang}/"), uri
            else:
                assert rel.split("/")[0] not in LANGS[1:], uri
            checked += 1
    assert checked >= 8


@pytest.mark.parametrize("lang", LANGS)
def test_qr_codes_open_the_module_in_the_same_language(pdf_site: Build, lang: str) -> None:
    import pypdfium2 as pdfium
    import zxingcpp

    doc = pdfium.PdfDocument(pdf_path(pdf_site, lang, "grid-initiative-entrepreneurship"))
    image = doc[0].render(scale=3).to_pil()
    found = sorted(r.text for r in zxingcpp.read_barcodes(image))
    expected = sorted(
        f"{SITE_URL}{lang_root(lang)}initiative-entrepreneurship/{skill}/"
        for skill in ("initiative", "responsibility", "problem-solving", "planning")
    )
    assert found == expected
    for url in found:
        assert site_target(pdf_site, url).exists()


def test_downloads_page_lists_every_pdf_with_size_and_pages(pdf_site: Build) -> None:
    for lang in LANGS:
        page = pdf_site.site / lang_root(lang) / "downloads" / "index.html"
        rows = re.findall(
            # each row: the first page's picture (when the build made one), the link, size, pages
            r'<tr>\s*(?:<td class="kit-downloads__picture">(?:<img [^>]*>)?</td>\s*)?'
            r'<td[^>]*><a href="([^"]+)" download>[^<]+</a></td>\s*<td[^>]*>([^<]+)</td>\s*<td[^>]*>(\d+)</td>\s*</tr>',
            page.read_text(encoding="utf-8"),
        )
        assert len(rows) == documents(pdf_site, lang), lang
        for href, size, pages in rows:
            target = resolve(pdf_site.site, page, href)
            assert target is not None, href
            assert target.exists(), href
            assert len(pypdf.PdfReader(target).pages) == int(pages)
            assert re.fullmatch(r"\d+(?:[.,]\d)? (?:kB|MB|Ko|Mo|ko)", size), size


def test_module_grid_and_guide_pages_offer_their_pdf(pdf_site: Build) -> None:
    for lang in LANGS:
        for rel, doc in (
            ("social-civic/teamwork/", "module-teamwork"),
            ("grids/social-civic/", "grid-social-civic"),
            ("guides/tutor/", "guide-tutor"),
        ):
            page = pdf_site.site / lang_root(lang) / rel / "index.html"
            links = [a["href"] for tag, a in parse(page).tags if tag == "a" and "download" in a]
            targets = [resolve(pdf_site.site, page, href) for href in links]
            assert pdf_path(pdf_site, lang, doc) in targets, (lang, rel, links)


def test_same_input_gives_the_same_bytes(pdf_site: Build, tmp_path: Path) -> None:
    from janus_kit.kit import Kit
    from janus_kit.pdf import build, documents, render

    kit = Kit.at(pdf_site.root)
    composer = documents.Composer(kit, "lt")
    spec = next(s for s in composer.specs() if s.id == "grid-social-civic")
    doc = composer.compose(spec)
    job = render.Job("lt", doc.html, str(tmp_path / "a.pdf"), str(documents.PRINT_DIR), str(build.FONT_DIR))
    assert render.render(job).error is None
    cached = pdf_path(pdf_site, "lt", "grid-social-civic").read_bytes()
    assert hashlib.sha256((tmp_path / "a.pdf").read_bytes()).digest() == hashlib.sha256(cached).digest()


def link_or_copy(src: str, dst: str) -> None:
    """A hard link where it can (the builder only adds files to its cache), else a copy."""
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def test_unchanged_build_renders_nothing_and_one_module_renders_its_documents(pdf_site: Build, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    # A copy of the cache the session's PDF build filled (KIT_PDF_CACHE when set, as on a shared
    # machine), so that what this test renders is new to it however often it runs.
    session = Path(os.environ.get("KIT_PDF_CACHE") or pdf_site.root / ".cache" / "pdf")
    cache = tmp_path / "cache"
    shutil.copytree(session, cache, copy_function=link_or_copy)
    env = {"KIT_PDF_CACHE": str(cache)}
    warm = run_build(project, pdf=True, extra_env=env)
    assert warm.returncode == 0, warm.output
    from janus_kit.kit import Kit

    kit = Kit.at(project)
    total = sum(len(kit.documents(lang)) for lang in kit.languages)
    assert f"{total} documents, 0 rendered, {total} from cache" in warm.output
    module = project / "content" / "es" / "social-civic" / "teamwork.md"
    new = f"\nUna frase nueva ({uuid.uuid4().hex[:8]}).\n"  # new to the cache, however often the test runs
    module.write_text(module.read_text(encoding="utf-8") + new, encoding="utf-8")
    changed = run_build(project, pdf=True, extra_env=env)
    assert changed.returncode == 0, changed.output
    assert f"{total} documents, 2 rendered, {total - 2} from cache" in changed.output
    rendered = sorted(re.findall(r"PDF \d+/\d+: (\S+)", changed.output))
    assert rendered == ["es/janus-kit-es.pdf", "es/module-teamwork-es.pdf"]


@pytest.mark.pdf
def test_a_grid_that_does_not_fit_stops_the_build_and_leaves_no_pdf(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    grid = project / "content" / "en" / "grids" / "social-civic.md"
    # far too long even for the tighter settings a page that runs over gets (render.with_fit)
    long = "Explains to the customer, slowly in plain words, each single step of the work done today " * 3
    text = grid.read_text(encoding="utf-8")
    text = re.sub(r"^(      - ).*$", lambda m: m[1] + long, text, flags=re.M)
    grid.write_text(text, encoding="utf-8")
    build = run_build(project, pdf=True, extra_env={"KIT_PDF_ONLY": "en"})
    assert build.returncode != 0
    assert "PDF en/grid-social-civic-en.pdf" in build.output
    assert "does not fit" in build.output
    assert "content/en/grids/social-civic.md" in build.output
    assert "Traceback" not in build.output
    cache = project / ".cache" / "pdf"
    assert not list(cache.glob(".tmp-*")), "no half-written PDF"
    assert not (build.site / "pdf" / "grid-social-civic-en.pdf").exists()


@pytest.mark.pdf
def test_a_missing_font_stops_the_build_naming_the_document(tmp_path: Path) -> None:
    from janus_kit.pdf import build as pdf_build

    project = copy_project(tmp_path / "project")
    fonts = tmp_path / "fonts"
    shutil.copytree(pdf_build.FONT_DIR, fonts)
    (fonts / "NotoSans-Bold.woff2").unlink()
    from janus_kit.kit import Kit
    from janus_kit.pdf import documents, render

    composer = documents.Composer(Kit.at(project), "en")
    doc = composer.compose(next(s for s in composer.specs() if s.kind.id == "grid"))
    result = render.render(
        render.Job("en/x.pdf", doc.html, str(tmp_path / "x.pdf"), str(documents.PRINT_DIR), str(fonts))
    )
    assert result.error is not None
    assert "NotoSans-Bold.woff2" in result.error
    assert not (tmp_path / "x.pdf").exists()


def test_pdfs_are_off_in_serve_and_with_the_environment_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    from janus_kit.pipeline import Options

    monkeypatch.delenv("KIT_PDF", raising=False)
    assert Options.from_env().pdf
    assert not Options.from_env(serving=True).pdf
    monkeypatch.setenv("KIT_PDF", "0")
    assert not Options.from_env().pdf
