"""The pictures of the PDFs, read back from the rendered files: the thumbnail of each PDF's first
page (made from the PDF, cached with it, shown on the downloads page with its alt text), the
cycle on the whole kit's cover, the scale on the grids and the review sheet, icons that are
decorations. Tests that read every PDF keep to one language where they can."""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pypdf
import pytest

from helpers import Build, lang_root, parse, resolve
from janus_kit.kit import Kit
from janus_kit.pictures import thumbnails
from janus_kit.typography import fix_text

pytestmark = pytest.mark.pdf


def grey(image: object) -> list[int]:
    return list(image.convert("L").tobytes())  # type: ignore[attr-defined]


def difference(a: object, b: object) -> float:
    """Mean absolute difference of two images of one size, 0-255."""
    pa, pb = grey(a), grey(b)
    assert len(pa) == len(pb)
    return sum(abs(x - y) for x, y in zip(pa, pb, strict=True)) / len(pa)


def figures(path: Path) -> list[str]:
    """The alternative text of every figure in a PDF's structure."""
    from janus_kit.pdf.repair import _elements

    with pikepdf.open(path) as pdf:
        return [str(e.get("/Alt", "")) for e in _elements(pdf.Root.StructTreeRoot) if e.get("/S") == "/Figure"]


def test_every_pdf_has_a_picture_of_its_own_first_page(pdf_site: Build) -> None:
    from PIL import Image

    kit = Kit.at(pdf_site.root)
    lang = kit.source_language
    specs = kit.documents(lang)
    assert len(specs) > 20
    for spec in specs:
        pdf = pdf_site.site / kit.catalogue.pdf_url(spec)
        picture = pdf_site.site / kit.catalogue.thumbnail_url(spec)
        assert picture.exists(), picture
        thumb = Image.open(picture).convert("RGB")
        assert thumb.width == thumbnails.WIDTH
        first = thumbnails.render(pdf, width=thumb.width)
        assert first.size == thumb.size, spec.id  # type: ignore[attr-defined]
        same = difference(first, thumb)
        assert same < 3, f"{spec.id}: the picture is not its first page ({same:.1f})"
        pages = len(pypdf.PdfReader(pdf).pages)
        if pages > 1:  # ...and it can tell: the second page is much further from it
            import pypdfium2 as pdfium

            document = pdfium.PdfDocument(str(pdf))
            page = document[1]
            second = page.render(scale=thumb.width / page.get_size()[0]).to_pil().convert("RGB")
            document.close()
            if second.size == thumb.size:
                assert difference(second, thumb) > 2 * same + 1, spec.id
        assert picture.stat().st_size < 20_000, f"{spec.id}: {picture.stat().st_size} bytes"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_downloads_page_shows_each_first_page_with_its_alt_text_in_the_pages_language(
    pdf_site: Build, lang: str
) -> None:
    kit = Kit.at(pdf_site.root)
    s = kit.strings(lang)
    page = pdf_site.site / lang_root(lang) / "downloads" / "index.html"
    images = [a for tag, a in parse(page).tags if tag == "img" and "thumbnails/" in a.get("src", "")]
    specs = kit.documents(lang)
    assert len(images) == len(specs)
    html = page.read_text(encoding="utf-8")
    marker = "QQTITLEQQ"  # the alternative text's words around the document's title, as the page prints them
    alt = re.escape(fix_text(s.text("pictures.thumbnail_alt", title=marker), lang)).replace(marker, "(.+)")
    for image in images:
        target = resolve(pdf_site.site, page, image["src"])
        assert target is not None and target.exists(), image["src"]
        assert (int(image["width"]), int(image["height"])) == thumbnails.size_of(target)
        assert image["loading"] == "lazy"
        assert re.fullmatch(alt, image["alt"]), (alt, image["alt"])
    # Size and pages in their own cells, so they never run together ("147 ko1").
    rows = re.findall(
        r'<td class="kit-downloads__size">([^<]+)</td>\s*<td class="kit-downloads__pages">(\d+)</td>', html
    )
    assert len(rows) == len(specs)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_cover_shows_the_cycle_and_the_forms_show_the_scale_with_their_words(pdf_site: Build, lang: str) -> None:
    kit = Kit.at(pdf_site.root)
    s, fw = kit.strings(lang), kit.framework

    def pdf(doc: str) -> Path:
        return pdf_site.site / lang_root(lang) / "pdf" / f"{doc}-{lang}.pdf"

    cover = " ".join(pypdf.PdfReader(pdf(fw.kit_id)).pages[0].extract_text().split())
    for key in ("rate", "review", "gaps", "modules"):
        words = fix_text(s.text(f"pictures.cycle.{key}"), lang).split()
        assert all(word in cover for word in words), (key, cover)
    for rater in fw.raters:
        assert fix_text(s.text(f"raters.{rater}"), lang).split()[0] in cover
    assert fix_text(s.text("pdf.funding"), lang).split()[0] in cover, "the funding statement stays on the cover"
    alts = figures(pdf(fw.kit_id))
    assert alts[0].startswith(fix_text(s.text("pictures.cycle.title"), lang)), alts[0]
    scale_title = fix_text(s.text("pictures.scale.title"), lang)
    for doc in [f"grid-{c.id}" for c in fw.competences] + ["review-sheet"]:
        alts = figures(pdf(doc))
        assert all(alts), f"{doc}: a figure without alternative text (icons are decorations)"
        scale = [a for a in alts if a.startswith(scale_title)]
        assert len(scale) == 1, (doc, alts)
        for value in fw.scale:  # the alternative text says every step in words
            assert f"{value} {fix_text(s.text(f'scale.{value}.label'), lang)}" in scale[0]


@pytest.mark.parametrize("lang", ["en", "lt"])
def test_a_modules_title_prints_as_words_with_its_icon_drawn_beside_it(pdf_site: Build, lang: str) -> None:
    """The icon goes into the title's markup; once, the whole title printed as "<h1 id=...>"."""
    kit = Kit.at(pdf_site.root)
    icon_colour = b"0.156863 0.207843 0.576471 rg"  # the icons' #283593, drawn as a background
    for skill in kit.framework.skills:
        path = pdf_site.site / lang_root(lang) / "pdf" / f"module-{skill.id}-{lang}.pdf"
        first = pypdf.PdfReader(path).pages[0]
        text = " ".join(first.extract_text().split())
        title = fix_text(kit.module(lang, skill.id).title, lang)
        assert "<h1" not in text and "kit-icon" not in text, f"{path.name}: markup printed as text"
        assert title.split()[0] in text, (path.name, text[:200])
        with pikepdf.open(path) as pdf:
            forms = [x for x in pdf.pages[0].Resources.get("/XObject", {}).values() if x.get("/Subtype") == "/Form"]
            assert any(icon_colour in x.read_bytes() for x in forms), f"{path.name}: no icon in the title"
