"""A light first load: a page loads its own language's search index and only the font
files for the letters and styles it shows; the web fonts cover every letter of the site.
(The figures against stock Material are in the benchmark: python3 scripts/kit.py bench.)"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from helpers import ROOT, Build
from janus_kit import search
from janus_kit.kit import Kit

KIT = Kit.at(ROOT)
CAT = KIT.catalogue
KIT_CSS = ROOT / "src" / "janus_kit" / "theme" / "assets" / "stylesheets" / "kit.css"
FONTS = KIT_CSS.parent.parent / "fonts"
FACE = re.compile(r"@font-face\s*\{(.*?)\}", re.S)


def ranges(text: str) -> set[int]:
    points: set[int] = set()
    for part in text.split(","):
        low, _, high = part.strip().removeprefix("U+").partition("-")
        points.update(range(int(low, 16), int(high or low, 16) + 1))
    return points


def faces() -> list[dict]:
    found = []
    for body in FACE.findall(KIT_CSS.read_text(encoding="utf-8")):
        src = re.search(r'url\("\.\./([^"]+)"\)', body)[1]
        found.append(
            {
                "file": KIT_CSS.parent.parent / src,
                "style": re.search(r"font-style:\s*(\w+)", body)[1],
                "weight": re.search(r"font-weight:\s*(\d+)", body)[1],
                "range": ranges(re.search(r"unicode-range:\s*([^;]+);", body)[1]),
            }
        )
    return found


def test_web_fonts_cover_every_letter_the_site_shows(site: Build) -> None:
    declared = faces()
    assert len(declared) == 8
    shown: set[str] = set()
    for path in site.site.rglob("*.html"):
        text = re.sub(r"<(script|style)\b.*?</\1>", " ", path.read_text(encoding="utf-8"), flags=re.S)
        shown.update(html.unescape(re.sub(r"<[^>]+>", " ", text)))
    letters = {ord(c) for c in shown if ord(c) > 0x20 and not c.isspace()}
    for style, weight in (("normal", "400"), ("normal", "700"), ("italic", "400"), ("italic", "700")):
        covered: set[int] = set()
        for face in (f for f in declared if (f["style"], f["weight"]) == (style, weight)):
            cmap = set(TTFont(face["file"]).getBestCmap())
            assert cmap <= face["range"] | {0x20, 0xA0, 0x0D}, f"{face['file'].name} has letters outside its range"
            covered |= cmap & face["range"]
        # Only what the full font has (its ☐ comes from the reader's system fonts, as before).
        name = {"normal400": "Regular", "normal700": "Bold", "italic400": "Italic", "italic700": "BoldItalic"}
        full = set(TTFont(FONTS / f"NotoSans-{name[style + weight]}.woff2").getBestCmap())
        missing = sorted(chr(c) for c in (letters & full) - covered)
        assert not missing, f"{style} {weight}: no web font has {''.join(missing)!r}"
        assert len(letters & full) > 100


def font_files(requests: list[str]) -> list[str]:
    return sorted(Path(r).name for r in requests if r.endswith(".woff2"))


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "lt"])
def test_a_module_page_loads_its_languages_index_and_only_the_fonts_it_uses(
    browser, served_site: str, lang: str
) -> None:
    url = CAT.page_url(lang, CAT.module_rel(KIT.framework.skill_ids[0]))
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    requests: list[str] = []
    sizes: dict[str, int] = {}
    page.on("request", lambda r: requests.append(r.url))
    page.on("response", lambda r: sizes.__setitem__(r.url, len(r.body())) if r.ok else None)
    try:
        page.goto(served_site + url)
        page.wait_for_load_state("networkidle")
        italic = page.evaluate("() => document.querySelectorAll('article em, article i, article cite').length")
    finally:
        context.close()
    indexes = [r for r in requests if r.endswith(search.INDEX)]
    assert indexes == [served_site + CAT.page_url(lang, CAT.layout.home_page) + search.INDEX]
    fonts = font_files(requests)
    assert all("/assets/webfonts/" in r for r in requests if r.endswith(".woff2")), fonts
    assert "NotoSans-Regular-latin.woff2" in fonts
    assert not [f for f in fonts if "Italic" in f] or italic, fonts
    if lang == "lt":
        assert "NotoSans-Regular-ext.woff2" in fonts, "Lithuanian letters come from the ext files"
    assert sum(size for r, size in sizes.items() if r.endswith(".woff2")) < 60_000, fonts
    assert not [r for r in requests if "sitemap.xml" in r]
