"""The fillable forms (grids and review sheet), read back from the rendered PDFs of a real build.

Filled the way other people's programs fill them (pypdf's standard call), drawn by two
different renderers (pdfium, the engine of Chromium's viewer, and poppler), flattened
by qpdf, and checked with qpdf.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pypdf
import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFont

from helpers import LANGS, Build, lang_root

FORMS = ("grid-learning-to-learn", "grid-social-civic", "grid-initiative-entrepreneurship", "review-sheet")
NAMES = {"lt": "Jūratė Šimkūnaitė", "ro": "Ștefan Țurcanu"}
EVIDENCE = "Ąžuolė pasakė: „Ačiū“. Ștefan și Țara \u2013 ŒUVRE, Ñandú, Größe."
DPI = 200


def pdf_path(build: Build, lang: str, doc: str) -> Path:
    return build.site / lang_root(lang) / "pdf" / f"{doc}-{lang}.pdf"


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"the PDF tests need {name}: python3 scripts/kit.py test installs it (poppler-utils, qpdf)")
    return path


def values_for(fields: dict[str, dict]) -> dict[str, str]:
    """A value for every field: a name with letters of several languages, a digit for the
    one-letter boxes, a text for the others, the third state of every radio group."""
    values: dict[str, str] = {}
    for name, field in fields.items():
        if field.get("/FT") == "/Tx":
            if field.get("/MaxLen") == 1:
                values[name] = "3"
            elif name.endswith(("-trainee", "-rater-name")):
                values[name] = NAMES["lt"]
            else:
                values[name] = EVIDENCE
        elif field.get("/FT") == "/Btn":
            states = [s for s in field.get("/_States_", []) if s != "/Off"]
            values[name] = states[min(2, len(states) - 1)]
    return values


def fill(source: Path, target: Path, values: dict[str, str]) -> None:
    """pypdf's standard fill call; auto_regenerate=False keeps the appearance streams pypdf draws
    (True would ask each viewer to draw the fields again with fonts of its own choice)."""
    writer = pypdf.PdfWriter(clone_from=source)
    writer.update_page_form_field_values(None, values, auto_regenerate=False)
    writer.write(target)


# -- structure -------------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
def test_one_top_level_entry_per_field_and_an_appearance_for_every_state(pdf_site: Build, lang: str) -> None:
    for doc in FORMS:
        path = pdf_path(pdf_site, lang, doc)
        with pikepdf.open(path) as pdf:
            form = pdf.Root.AcroForm
            assert "/NeedAppearances" not in form, f"{doc}: viewers would draw the fields with fonts of their own"
            fields = list(form.Fields)
            assert len({f.objgen for f in fields}) == len(fields), doc
            names = [str(f.T) for f in fields]
            assert len(set(names)) == len(names), doc
            font = form.DR.Font["/KitF"]
            assert font.DescendantFonts[0].FontDescriptor.get("/FontFile2") is not None, "the fields' font is embedded"
            widgets = 0
            for field in fields:
                assert "/Parent" not in field, f"{doc}: {field.T} is an option listed as a field"
                assert str(field.get("/TU", "")).strip(), f"{doc}: {field.T} has no tooltip"
                if field.FT == "/Btn" and "/Kids" in field:
                    states = set()
                    for kid in field.Kids:
                        widgets += 1
                        for key in ("/T", "/FT"):
                            assert key not in kid, f"{doc}: an option of {field.T} carries {key}"
                        normal = set(kid.AP.N.keys())
                        assert len(normal) == 2, (doc, str(field.T), normal)
                        assert "/Off" in normal, (doc, str(field.T), normal)
                        states |= normal - {"/Off"}
                    assert len(states) == len(field.Kids), f"{doc}: {field.T} has options with the same state"
                else:
                    widgets += 1
                    normal = field.AP.N
                    if field.FT == "/Tx":
                        assert isinstance(normal, pikepdf.Stream), f"{doc}: {field.T} has no appearance stream"
                        assert "/KitF" in normal.Resources.Font
                        assert str(field.DA).startswith("/KitF "), field.DA
                    else:
                        assert set(normal.keys()) == {"/Yes", "/Off"}, (doc, str(field.T))
            annots = [a for page in pdf.pages for a in page.get("/Annots", []) if a.get("/Subtype") == "/Widget"]
            assert len(annots) == widgets, f"{doc}: every widget belongs to one field"


@pytest.mark.parametrize("lang", ["en", "lt"])
def test_grid_fields_and_tooltips_name_what_they_ask(pdf_site: Build, lang: str) -> None:
    from janus_kit.kit import Kit

    kit = Kit.at(pdf_site.root)
    s = kit.strings(lang)
    for competence in kit.framework.competences:
        grid = kit.grid(lang, competence.id)
        pdf = pikepdf.open(pdf_path(pdf_site, lang, f"grid-{competence.id}"))
        fields = {str(f.T): f for f in pdf.Root.AcroForm.Fields}
        radios = {name for name, f in fields.items() if f.FT == "/Btn"}
        expected = {f"{skill.id}-{row}" for skill in grid.skills for row in range(1, len(skill.indicators) + 1)}
        assert radios == expected | {f"{competence.id}-rater", f"{competence.id}-checkpoint"}
        for skill in grid.skills:
            for row, indicator in enumerate(skill.indicators, 1):
                field = fields[f"{skill.id}-{row}"]
                assert str(field.TU) == f"{skill.name}: {indicator}"
                assert [str(k) for kid in field.Kids for k in kid.AP.N if k != "/Off"] == [
                    f"/{v}" for v in kit.framework.scale
                ]
            for part in ("level", "previous", "evidence"):
                assert f"{skill.id}-{part}" in fields
            assert int(fields[f"{skill.id}-level"].MaxLen) == 1
            assert int(fields[f"{skill.id}-evidence"].Ff) & (1 << 12), "evidence is multiline"
        rater = fields[f"{competence.id}-rater"]
        assert str(rater.TU) == s.text("pdf.rater")
        assert sorted(str(k) for kid in rater.Kids for k in kid.AP.N if k != "/Off") == sorted(
            f"/{r}" for r in kit.framework.raters
        )
        checkpoint = fields[f"{competence.id}-checkpoint"]
        assert sorted(str(k) for kid in checkpoint.Kids for k in kid.AP.N if k != "/Off") == sorted(
            f"/{c}" for c in kit.framework.checkpoints
        )
        for part in ("trainee", "rater-name", "company", "trade", "centre", "period", "date", "signature"):
            assert f"{competence.id}-{part}" in fields, part
        pdf.close()


@pytest.mark.parametrize("lang", LANGS)
def test_every_grid_and_review_sheet_fills_with_pypdf_and_reads_back(
    pdf_site: Build, lang: str, tmp_path: Path
) -> None:
    for doc in FORMS:
        source = pdf_path(pdf_site, lang, doc)
        fields = pypdf.PdfReader(source).get_fields()
        values = values_for(fields)
        assert len(values) == len(fields), doc
        target = tmp_path / f"{doc}.pdf"
        fill(source, target, values)
        reader = pypdf.PdfReader(target)
        back = reader.get_fields()
        for name, value in values.items():
            assert str(back[name].get("/V")) == value, (doc, name)
        with pikepdf.open(target) as pdf:
            for field in pdf.Root.AcroForm.Fields:
                if "/Kids" in field:
                    on = [str(kid.AS) for kid in field.Kids if str(kid.AS) != "/Off"]
                    assert on == [values[str(field.T)]], (doc, str(field.T), on)
                elif field.FT == "/Tx":
                    drawn = field.AP.N.read_bytes()
                    assert b"/KitF" in drawn, (doc, str(field.T))
                    assert b"Tj" in drawn, (doc, str(field.T))


# -- what a person sees -----------------------------------------------------------------
def _fields_font(path: Path, target: Path) -> Path:
    with pikepdf.open(path) as pdf:
        data = pdf.Root.AcroForm.DR.Font["/KitF"].DescendantFonts[0].FontDescriptor.FontFile2.read_bytes()
    target.write_bytes(data)
    return target


def _render_pdfium(path: Path) -> Image.Image:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(path)
    doc.init_forms()  # as Chromium's viewer does: fields are drawn by the form layer
    image = doc[0].render(scale=DPI / 72, may_draw_forms=True).to_pil().convert("L")
    doc.close()
    return image


def _render_poppler(path: Path) -> Image.Image:
    out = subprocess.run(
        [tool("pdftoppm"), "-r", str(DPI), "-gray", "-singlefile", str(path)],
        capture_output=True,
        check=True,
    ).stdout
    return Image.open(io.BytesIO(out)).convert("L")


def _field_box(path: Path, name: str) -> tuple[tuple[float, float, float, float], float, float]:
    """The field's rectangle in pixels, its font size (from the appearance pypdf drew), the page height."""
    with pikepdf.open(path) as pdf:
        height = float(pdf.pages[0].MediaBox[3])
        field = next(f for f in pdf.Root.AcroForm.Fields if str(f.T) == name)
        xa, ya, xb, yb = (float(v) for v in field.Rect)
        x1, x2, y1, y2 = min(xa, xb), max(xa, xb), min(ya, yb), max(ya, yb)
        size = float(re.search(rb"([\d.]+) Tf", field.AP.N.read_bytes())[1])
    k = DPI / 72
    return (x1 * k, (height - y2) * k, x2 * k, (height - y1) * k), size, height


def _ink(image: Image.Image) -> Image.Image:
    """The dark pixels of an image (white on black), cropped to their bounding box."""
    mask = image.point(lambda v: 255 if v < 150 else 0)
    box = mask.getbbox()
    assert box is not None, "nothing is drawn"
    return mask.crop(box)


def _typed(empty: Image.Image, filled: Image.Image, box: tuple[float, float, float, float]) -> Image.Image:
    """What filling drew inside the field: the filled page minus the empty page."""
    area = tuple(round(v) for v in box)
    added = ImageChops.subtract(empty.crop(area), filled.crop(area))  # darker when filled
    return _ink(ImageChops.invert(added))


def _reference(text: str, font: Path, size: float) -> Image.Image:
    face = ImageFont.truetype(str(font), round(size * DPI / 72))
    image = Image.new("L", (round(len(text) * size * DPI / 72) + 40, round(size * DPI / 36) + 40), 255)
    ImageDraw.Draw(image).text((20, 20), text, font=face, fill=0)
    return _ink(image)


def _likeness(drawn: Image.Image, reference: Image.Image) -> tuple[float, float]:
    """(width ratio, share of ink in common) of two ink images."""
    ratio = drawn.width / reference.width
    scaled = drawn.resize(reference.size, Image.Resampling.NEAREST)
    both = ImageChops.logical_and(scaled.convert("1"), reference.convert("1"))
    either = ImageChops.logical_or(scaled.convert("1"), reference.convert("1"))
    common = both.histogram()[255] / max(1, either.histogram()[255])
    return ratio, common


def _assert_drawn(drawn: Image.Image, text: str, font: Path, size: float, where: str) -> None:
    ratio, common = _likeness(drawn, _reference(text, font, size))
    message = f"{where}: width ratio {ratio:.2f}, ink in common {common:.2f}"
    assert 0.95 <= ratio <= 1.05, message
    assert common >= 0.45, message
    # The same comparison tells the letters-dropped rendering ("Jrat Šimknait") apart.
    dropped = "".join(c for c in text if ord(c) < 0x100 or c in "ŠšŽžŒœ")
    ratio2, common2 = _likeness(drawn, _reference(dropped, font, size))
    assert not (0.95 <= ratio2 <= 1.05 and common2 >= 0.45), f"{where}: cannot tell {text!r} from {dropped!r}"


@pytest.mark.parametrize("lang", ["lt", "ro"])
@pytest.mark.parametrize("doc", ["grid-social-civic", "review-sheet"])
def test_filled_names_are_drawn_in_pdfium_and_poppler(pdf_site: Build, lang: str, doc: str, tmp_path: Path) -> None:
    source = pdf_path(pdf_site, lang, doc)
    field = "review-trainee" if doc == "review-sheet" else "social-civic-trainee"
    filled = tmp_path / "filled.pdf"
    fill(source, filled, {field: NAMES[lang]})
    font = _fields_font(source, tmp_path / "fields.ttf")
    box, size, _ = _field_box(filled, field)
    for renderer in (_render_pdfium, _render_poppler):
        drawn = _typed(renderer(source), renderer(filled), box)
        _assert_drawn(drawn, NAMES[lang], font, size, f"{renderer.__name__} {lang} {doc}")


def test_filled_values_survive_flattening(pdf_site: Build, tmp_path: Path) -> None:
    source = pdf_path(pdf_site, "lt", "grid-social-civic")
    filled = tmp_path / "filled.pdf"
    fill(source, filled, {"social-civic-trainee": NAMES["lt"], "teamwork-2": "/4"})
    flat = tmp_path / "flat.pdf"
    result = subprocess.run(
        [tool("qpdf"), "--flatten-annotations=all", str(filled), str(flat)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    with pikepdf.open(flat) as pdf:
        assert not [a for a in pdf.pages[0].get("/Annots", []) if a.get("/Subtype") == "/Widget"]
    box, size, _ = _field_box(filled, "social-civic-trainee")
    font = _fields_font(source, tmp_path / "fields.ttf")
    drawn = _typed(_render_poppler(source), _render_poppler(flat), box)
    _assert_drawn(drawn, NAMES["lt"], font, size, "flattened")
    assert NAMES["lt"] in pypdf.PdfReader(flat).pages[0].extract_text()


# -- checks by qpdf --------------------------------------------------------------------------
def test_qpdf_finds_nothing_in_any_pdf(pdf_site: Build, tmp_path: Path) -> None:
    qpdf = tool("qpdf")
    from janus_kit.kit import Kit

    kit = Kit.at(pdf_site.root)
    paths = sorted(pdf_site.site.rglob("*.pdf"))
    assert len(paths) == sum(len(kit.documents(lang)) for lang in LANGS)
    for path in paths:
        check = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True, check=False)
        assert check.returncode == 0, (path, check.stdout)
        assert "WARNING" not in check.stdout + check.stderr, (path, check.stdout)
        if "grid-" in path.name or "review-sheet" in path.name or "janus-kit" in path.name:
            flat = subprocess.run(
                [qpdf, "--flatten-annotations=all", str(path), str(tmp_path / "flat.pdf")],
                capture_output=True,
                text=True,
                check=False,
            )
            assert flat.returncode == 0, (path, flat.stderr[:300])
            assert not flat.stderr, (path, flat.stderr[:300])
