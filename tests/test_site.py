"""The whole six-language kit as built (the smoke test of the real kit): trees, lang attributes,
switcher, search, footer and 404. Behaviour that needs a broken or changed kit is tested on the
fixture kit (test_bad_content, test_translation, test_security, test_generator)."""

from __future__ import annotations

import re
from xml.etree import ElementTree

import yaml

from helpers import LANGS, Build, lang_root, parse, resolve


def test_six_language_trees_with_home_about_and_right_lang(site: Build) -> None:
    for lang in LANGS:
        for page in ("index.html", "about/index.html"):
            path = site.site / lang_root(lang) / page
            assert path.exists(), path
            html = path.read_text(encoding="utf-8")
            assert re.search(rf'<html lang="{lang}"', html), f"{path}: wrong <html lang>"


def test_every_page_declares_its_language(site: Build) -> None:
    for path in site.site.rglob("index.html"):
        rel = path.relative_to(site.site).parts
        lang = rel[0] if rel[0] in LANGS else "en"
        head = path.read_text(encoding="utf-8")[:300]
        assert f'<html lang="{lang}"' in head, path


def test_language_switcher_keeps_the_page_and_resolves(site: Build) -> None:
    page = site.site / "fr" / "social-civic" / "teamwork" / "index.html"
    tags = parse(page).tags
    switcher = {a["hreflang"]: a["href"] for tag, a in tags if tag == "a" and "hreflang" in a}
    assert set(switcher) == set(LANGS), switcher
    for lang, href in switcher.items():
        target = resolve(site.site, page, href)
        assert target is not None, (lang, href)
        assert target.exists(), (lang, href)
        assert target == site.site / lang_root(lang) / "social-civic" / "teamwork" / "index.html"


def test_hreflang_alternates_for_every_language(site: Build) -> None:
    # In the sitemap, not in <head>: Material fetches sitemap.xml under every head
    # alternate, which failed six times on every page (janus_kit/sitemap.py).
    tags = parse(site.site / "de" / "about" / "index.html").tags
    assert not [a for tag, a in tags if tag == "link" and a.get("rel") == "alternate" and "hreflang" in a]
    sitemap = ElementTree.fromstring(site.read("sitemap.xml"))  # noqa: S314 (our own build output)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    entries = {u.findtext("s:loc", namespaces=ns): u for u in sitemap.findall("s:url", ns)}
    about = next(u for loc, u in entries.items() if loc and loc.endswith("/de/about/"))
    alternates = {link.get("hreflang"): link.get("href") for link in about.findall("x:link", ns)}
    assert set(LANGS) <= set(alternates)
    assert all(href and href.endswith(f"/{lang_root(lang)}about/") for lang, href in alternates.items())


def test_build_output_has_no_warnings(site: Build) -> None:
    assert "WARNING" not in site.output, site.output


def test_footer_and_404_page_speak_every_language(site: Build) -> None:
    from html import escape

    from janus_kit.kit import Kit
    from janus_kit.typography import fix_text

    kit = Kit.at(site.root)
    not_found = (site.site / "404.html").read_text(encoding="utf-8")
    for lang in LANGS:
        s = kit.strings(lang)
        html = (site.site / lang_root(lang) / "index.html").read_text(encoding="utf-8")
        assert escape(fix_text(s.text("site.copyright"), lang)) in html, lang
        assert "Made with" not in html
        section = re.search(rf'<section lang="{lang}" class="kit-not-found">(.*?)</section>', not_found, re.S)
        assert section, lang
        assert escape(s.text("error.title")) in section[1]
        assert f'href="/{lang_root(lang)}"' in section[1]


def test_site_name_is_localized(site: Build) -> None:
    for lang in LANGS:
        strings = yaml.safe_load((site.root / "content" / lang / "strings.yml").read_text(encoding="utf-8"))
        html = (site.site / lang_root(lang) / "about" / "index.html").read_text(encoding="utf-8")
        title = re.search(r"<title>(.*?)</title>", html)[1]
        assert title.endswith(strings["site"]["name"]), (lang, title)
