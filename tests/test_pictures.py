"""The pictures as drawn (janus_kit.pictures): words from the strings in every language, shapes
from the model, text that fits, icons that are data, and a clear message for a wrong icon.

Fast: no site is built here but the fixture kit's (in process, about a second). The pictures
on the built pages, in a browser and in the PDFs are tested in test_pictures_site.py,
test_pictures_browser.py and test_pictures_pdf.py.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pikepdf
import pytest

from helpers import FIXTURE, LANGS, ROOT, build_in_process, copy_fixture
from janus_kit import pictures
from janus_kit.errors import ContentError
from janus_kit.kit import Kit
from janus_kit.model import load
from janus_kit.pictures import cycle, icons, scale, text, thumbnails
from janus_kit.typography import fix_text

SVG = "{http://www.w3.org/2000/svg}"
KIT = Kit.at(ROOT)


def parse(markup: str) -> ET.Element:
    return ET.fromstring(markup)  # noqa: S314 - our own output


def texts(root: ET.Element) -> list[str]:
    """Each text of a picture as it reads: a block's lines joined (a hyphen at a line end joins)."""
    out = []
    blocks = [g for g in root.iter(f"{SVG}g") if "kit-pic__text" in (g.get("class") or "")]
    inside = {id(t) for g in blocks for t in g.iter(f"{SVG}text")}
    singles = [t for t in root.iter(f"{SVG}text") if id(t) not in inside]
    for lines in [[t.text or "" for t in g.iter(f"{SVG}text")] for g in blocks] + [[t.text or ""] for t in singles]:
        joined = ""
        for line in lines:
            joined = joined[:-1] + line if joined.endswith("-") and not line[:1].isupper() else f"{joined} {line}"
        out.append(" ".join(w for w in joined.split(" ") if w))
    return out


def title_and_desc(root: ET.Element) -> tuple[str, str]:
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and desc is not None
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == title.get("id")
    assert root.get("aria-describedby") == desc.get("id")
    return title.text or "", desc.text or ""


@pytest.mark.parametrize("lang", LANGS)
def test_the_scale_picture_speaks_the_language_and_climbs(lang: str) -> None:
    fw, s = KIT.framework, KIT.strings(lang)
    root = parse(scale.svg(fw, s, lang))
    assert root.get("lang") == lang
    title, desc = title_and_desc(root)
    assert title == fix_text(s.text("pictures.scale.title"), lang)
    for value in fw.scale:
        label = fix_text(s.text(f"scale.{value}.label"), lang)
        assert label in texts(root), (value, label, texts(root))
        assert f"{value} {label}" in desc
    assert [t for t in texts(root) if t.isdigit()] == [str(v) for v in sorted(fw.scale, key=lambda v: v != 0)]
    # The rated steps climb: each is taller than the one before; "not observed" is no step.
    heights = {
        int(rect.get("class", "").rsplit("--", 1)[1]): float(rect.get("height", 0))
        for rect in root.iter(f"{SVG}rect")
        if "kit-pic__step " in rect.get("class", "") + " "
    }
    assert sorted(heights) == list(range(1, len(fw.scale)))
    assert [heights[k] for k in sorted(heights)] == sorted(heights.values())
    assert len(set(heights.values())) == len(heights)
    assert len([r for r in root.iter(f"{SVG}rect") if "kit-pic__none" in r.get("class", "")]) == 1


@pytest.mark.parametrize("lang", LANGS)
def test_the_scale_in_one_line_keeps_each_label_whole_and_clear_of_the_next_step(lang: str) -> None:
    """The review sheet's shape: every label on one line at one size, none running into the
    next value's step, all inside the picture, and the alternative text says it all."""
    fw, s = KIT.framework, KIT.strings(lang)
    root = parse(scale.svg(fw, s, lang, shape="row", full_title=True))
    title, desc = title_and_desc(root)
    assert title.startswith(fix_text(s.text("pictures.scale.title"), lang)) and desc in title
    view = [float(v) for v in (root.get("viewBox") or "").split()]
    assert view[3] == scale.ROW_HEIGHT, "one line high"
    shapes = [r for r in root.iter(f"{SVG}rect") if r.get("class", "").startswith(("kit-pic__step", "kit-pic__none"))]
    starts = [float(r.get("x", 0)) for r in shapes] + [view[2]]
    blocks = [g for g in root.iter(f"{SVG}g") if g.get("class") == "kit-pic__text"]
    labels = [list(g.iter(f"{SVG}text")) for g in blocks]
    assert len(labels) == len(fw.scale) == len(shapes)
    assert all(len(lines) == 1 for lines in labels), [[t.text for t in lines] for lines in labels]
    assert len({lines[0].get("font-size") for lines in labels}) == 1, "the labels share one size"
    order = sorted(fw.scale, key=lambda v: v != fw.not_observed)
    for i, (value, (line,)) in enumerate(zip(order, labels, strict=True)):
        assert line.text == fix_text(s.text(f"scale.{value}.label"), lang)
        end = float(line.get("x", 0)) + text.width(line.text or "", float(line.get("font-size", 0)))
        assert end + 6 <= starts[i + 1], f"{line.text!r} runs into the next step ({end:.1f} > {starts[i + 1]:.1f})"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("layout", ["wide", "narrow"])
def test_the_cycle_is_drawn_from_the_model_and_the_strings(lang: str, layout: str) -> None:
    fw, s = KIT.framework, KIT.strings(lang)
    root = parse(cycle.svg(fw, s, lang, layout=layout))
    words = " | ".join(texts(root))
    title, desc = title_and_desc(root)
    assert title == fix_text(s.text("pictures.cycle.title"), lang)
    for rater in fw.raters:
        name = fix_text(s.text(f"raters.{rater}"), lang)
        assert name in words and name in desc, name
    for kind in fw.checkpoints:
        assert s.text(f"checkpoints.{kind}") in words.replace("\u00a0", " ")
    for rule in fw.flags:
        assert s.text(f"flags.{rule['id']}.name") in words
    for key in ("rate", "review", "gaps", "modules"):
        assert fix_text(s.text(f"pictures.cycle.{key}"), lang) in words
    assert fix_text(s.text("pictures.cycle.modules_detail", count=len(fw.skills)), lang) in words
    boxes = [r for r in root.iter(f"{SVG}rect") if r.get("class") == "kit-pic__box"]
    assert len(boxes) == 4
    icon_count = len([e for e in root.iter(f"{SVG}svg") if e.get("class") == "kit-pic__icon"])
    assert icon_count == len(fw.raters) + 2, "a rater icon each, one for the gaps, one for the modules"


def test_another_kit_gets_its_own_cycle_two_raters_and_default_icons() -> None:
    kit = Kit.at(FIXTURE)
    fw, lang = kit.framework, kit.source_language
    assert len(fw.raters) == 2 and not fw.rater_icons
    root = parse(cycle.svg(fw, kit.strings(lang), lang, layout="wide"))
    words = " | ".join(texts(root))
    for rater in fw.raters:
        assert kit.strings(lang).text(f"raters.{rater}") in words
    nested = [e for e in root.iter(f"{SVG}svg") if e.get("class") == "kit-pic__icon"]
    default = icons.load(icons.DEFAULTS["rater"]).paths[0]
    assert sum(1 for e in nested if e.find(f"{SVG}path").get("d") == default) == 2
    scale_root = parse(scale.svg(fw, kit.strings(lang), lang))
    assert [t for t in texts(scale_root) if t.isdigit()] == ["0", "1", "2", "3"]


def test_a_raters_guide_marks_that_rater_in_the_cycle() -> None:
    fw, s = KIT.framework, KIT.strings("en")
    for rater in fw.raters:
        root = parse(cycle.svg(fw, s, "en", layout="narrow", highlight=rater))
        marks = [c for c in root.iter(f"{SVG}circle") if c.get("class") == "kit-pic__you"]
        assert len(marks) == 1
        bold = " ".join(el.text or "" for el in root.iter(f"{SVG}text") if el.get("font-weight") == "700")
        assert s.text(f"raters.{rater}").split()[0] in bold
    plain = parse(cycle.svg(fw, s, "en", layout="narrow"))
    assert not [c for c in plain.iter(f"{SVG}circle") if c.get("class") == "kit-pic__you"]


def test_french_typography_is_in_the_pictures() -> None:
    root = parse(cycle.svg(KIT.framework, KIT.strings("fr"), "fr"))
    when = texts(root)[0]
    assert "\u00a0:" in when, when


def test_words_wrap_at_spaces_and_hyphens_shrink_a_little_and_are_never_cut() -> None:
    block = text.fit("Each person rates the same grid alone", 120, size=14)
    assert len(block.lines) > 1 and block.size == 14
    assert all(text.width(line, block.size) <= 120 for line in block.lines)
    assert " ".join(block.lines) == "Each person rates the same grid alone"
    soft = text.fit("Selbst\u00adständig", 60, size=12, min_size=11)
    assert soft.lines == ("Selbst-", "ständig"), "a soft hyphen breaks the word and shows as a hyphen"
    assert text.fit("Trainer-in", 48, size=12, min_size=11).lines == ("Trainer-", "in")
    assert text.fit("Selbstständig", 70, size=12, min_size=9).lines == ("Selbstständig",), "smaller, not cut"
    tiny = text.fit("Ausbildungsbetriebsleiterin", 50, size=12, min_size=10)
    assert "".join(line.rstrip("-") for line in tiny.lines) == "Ausbildungsbetriebsleiterin"
    assert all(text.width(line, tiny.size) <= 50 for line in tiny.lines)
    assert text.fit("", 50, size=12).lines == ()


def test_icons_are_inline_paths_from_material_and_decorative() -> None:
    fw = KIT.framework
    names = pictures.used_icons(fw)
    assert all(name.startswith("material/") for name in names)
    for comp in fw.competences:
        assert comp.icon and icons.exists(comp.icon)
    assert len({skill.icon for skill in fw.skills}) == len(fw.skills), "one icon per skill, none shared"
    markup = pictures.skill_icon(fw, "teamwork")
    root = parse(markup)
    assert root.get("aria-hidden") == "true"
    assert {child.tag for child in root} == {f"{SVG}path"}
    assert "http" not in markup.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert icons.load("material/handshake-outline").paths == (
        ET.parse(icons.icon_root() / "material/handshake-outline.svg").getroot().find(f"{SVG}path").get("d"),  # noqa: S314
    )


def test_icons_that_do_not_exist_or_leave_the_icon_folder_are_refused() -> None:
    for name in ("material/../../../../etc/passwd", "material/handshake-outlin", "/etc/passwd", "Material/School"):
        assert not icons.exists(name)
        assert icons.problem(name)
    assert icons.suggestions("material/handshake-outlin")[0] == "material/handshake-outline"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "      - id: comunicazione-digitale\n",
            "      - id: comunicazione-digitale\n        icon: material/handshake-outlin\n",
            "content/framework.yml:15: icon: there is no icon 'material/handshake-outlin'\n"
            "  -> did you mean material/handshake-outline",
        ),
        (
            "  - id: digitale\n",
            "  - id: digitale\n    icon: school\n",
            "content/framework.yml:10: icon: 'school' is not an icon name",
        ),
        (
            "raters: [learner, mentor]\n",
            "raters: [learner, mentor]\nrater_icons:\n  coach: material/account-outline\n",
            "content/framework.yml:20: rater_icons: 'coach' is not one of the raters (learner, mentor)",
        ),
    ],
    ids=["misspelt", "no-set", "unknown-rater"],
)
def test_a_wrong_icon_is_one_message_with_file_line_and_what_to_write(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    root = copy_fixture(tmp_path / "kit")
    model = root / "content" / "framework.yml"
    source = model.read_text(encoding="utf-8")
    assert old in source
    model.write_text(source.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ContentError):
        load(model)
    build = build_in_process(root)
    assert not build.ok and not build.traceback, build.error
    assert message in build.error, build.error


def test_the_licence_of_each_icon_set_is_published(tmp_path: Path) -> None:
    written = pictures.publish_licences(KIT.framework, tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in written] == ["assets/icons/material/LICENSE"]
    assert "Apache" in written[0].read_text(encoding="utf-8")


def test_the_pictures_strings_hold_no_markup_and_every_placeholder_is_filled() -> None:
    s = KIT.strings("en")
    flat = {k: v for k, v in s.flat_effective().items() if k.startswith("pictures.")}
    assert flat, "the pictures: section of the English strings (src/janus_kit/locales/en.yml)"
    for key, value in flat.items():
        assert "<" not in str(value), key
    markup = cycle.figure(KIT.framework, s, "en") + scale.svg(KIT.framework, s, "en")
    assert not re.search(r"\{[a-z_]+\}", markup)


def test_a_thumbnail_is_made_once_and_cached_under_its_pdfs_key(tmp_path: Path) -> None:
    from janus_kit.pdf import build

    key = "0" * 64
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    pdf.pages[0].Contents = pdf.make_stream(b"0 0 1 rg 50 600 300 150 re f 0 g 100 100 100 100 re f")
    pdf.save(tmp_path / f"{key}.pdf")
    first = build._thumbnail(tmp_path, key, "pdf/thumbnails/x-en.png")
    png = tmp_path / f"{key}.png"
    stamp, data = png.stat().st_mtime_ns, png.read_bytes()
    assert first.width == thumbnails.WIDTH
    assert abs(first.height - thumbnails.WIDTH * 842 / 595) <= 1, "an A4 page's proportions"
    again = build._thumbnail(tmp_path, key, "pdf/thumbnails/x-en.png")
    assert again == first and png.stat().st_mtime_ns == stamp, "made once, then read from the cache"
    png.unlink()
    build._thumbnail(tmp_path, key, "pdf/thumbnails/x-en.png")
    assert png.read_bytes() == data, "the same PDF gives the same picture, byte for byte"
    site = tmp_path / "site"
    spec = KIT.catalogue.documents("en", KIT.printables())[0]
    build.publish([build.Entry(spec, "X", "pdf/x-en.pdf", 1, 1, key, first)], cache_dir=tmp_path, site_dir=site)
    assert (site / "pdf/thumbnails/x-en.png").read_bytes() == data


def test_the_charts_dates_use_the_languages_own_tag_from_the_kit_or_the_generator(tmp_path: Path) -> None:
    from janus_kit import tool_data

    key = tool_data.DATE_LOCALE
    for lang in LANGS:  # where the generator's locale gives one (en: "en-GB"), else the language's code
        generic = KIT.locale(lang)
        expected = generic.text(key) if generic is not None and generic.has(key) else lang
        assert tool_data.date_locale(KIT, lang) == expected
    assert tool_data.date_locale(KIT, KIT.source_language) == "en-GB", "the English of the kit's partners"
    for lang in LANGS[1:]:
        tag = tool_data.date_locale(KIT, lang)
        assert tag.split("-")[0] == lang, f"{lang}: {tag}, never the English tag by fallback"
    root = copy_fixture(tmp_path / "kit")
    strings = root / "content" / "en" / "strings.yml"
    strings.write_text(
        strings.read_text(encoding="utf-8") + '\npictures:\n  chart:\n    date_locale: "en-IE"\n', encoding="utf-8"
    )
    assert tool_data.date_locale(Kit.at(root), "en") == "en-IE", "the kit's own strings come first"
