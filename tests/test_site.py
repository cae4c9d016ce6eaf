"""The six-language site as built: trees, lang attributes, switcher, fallback (search: test_search.py)."""

from __future__ import annotations

import re
import shutil
from xml.etree import ElementTree

import yaml

from helpers import LANGS, Build, lang_root, parse, resolve, run_build


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


def test_untranslated_page_falls_back_with_notice_in_readers_language(project_copy) -> None:
    # Remove the French about page: French readers get English with a French notice.
    (project_copy / "content" / "fr" / "about.md").unlink()
    build = run_build(project_copy)
    assert build.returncode == 0, build.output
    strings = yaml.safe_load((project_copy / "content" / "fr" / "strings.yml").read_text(encoding="utf-8"))
    page = build.site / "fr" / "about" / "index.html"
    html = page.read_text(encoding="utf-8")
    notice = strings["notices"]["fallback"]
    assert notice.replace("'", "&#x27;") in html or notice in html
    assert '<html lang="fr"' in html
    english_title = (project_copy / "content" / "en" / "about.md").read_text(encoding="utf-8")
    assert "# About the kit" in english_title
    assert "About the kit" in html
    # The notice links to the translation status page, in French.
    link = next(
        a["href"] for tag, a in parse(page).tags if tag == "a" and a.get("href", "").endswith("translation-status/")
    )
    assert resolve(build.site, page, link) == build.site / "fr" / "translation-status" / "index.html"
    # A translated page carries no notice.
    assert "data-kit-notice" not in (build.site / "fr" / "index.html").read_text(encoding="utf-8")


def test_wrong_skill_id_fails_the_build_naming_the_file(project_copy) -> None:
    grid = project_copy / "content" / "de" / "grids" / "social-civic.md"
    text = grid.read_text(encoding="utf-8")
    grid.write_text(text.replace("- id: teamwork", "- id: team-work", 1), encoding="utf-8")
    build = run_build(project_copy)
    assert build.returncode != 0
    assert "content/de/grids/social-civic.md:" in build.output
    assert "unknown skill id 'team-work'" in build.output
    assert "Traceback" not in build.output


def test_unknown_skill_in_a_module_names_file_and_line(project_copy) -> None:
    module = project_copy / "content" / "en" / "social-civic" / "teamwork.md"
    module.write_text(module.read_text(encoding="utf-8").replace("skill: teamwork", "skill: teamworks", 1))
    build = run_build(project_copy)
    assert build.returncode != 0
    assert "content/en/social-civic/teamwork.md:2: unknown skill id 'teamworks'" in build.output
    assert "Traceback" not in build.output


def test_build_output_has_no_warnings(site: Build) -> None:
    assert "WARNING" not in site.output, site.output


def test_a_language_folder_that_is_not_configured_fails(project_copy) -> None:
    shutil.copytree(project_copy / "content" / "fr", project_copy / "content" / "it")
    build = run_build(project_copy)
    assert build.returncode != 0
    assert "content/it: 'it' is not one of the site's languages" in build.output


def test_footer_and_404_page_speak_every_language(site: Build) -> None:
    for lang in LANGS:
        strings = yaml.safe_load((site.root / "content" / lang / "strings.yml").read_text(encoding="utf-8"))
        html = (site.site / lang_root(lang) / "index.html").read_text(encoding="utf-8")
        assert strings["site"]["copyright"] in html, lang
        assert "Made with" not in html
        not_found = (site.site / "404.html").read_text(encoding="utf-8")
        section = re.search(rf'<section lang="{lang}" class="kit-not-found">(.*?)</section>', not_found, re.S)
        assert section, lang
        assert strings["error"]["title"] in section[1]
        assert f'href="/{lang_root(lang)}"' in section[1]


def test_site_name_is_localized(site: Build) -> None:
    for lang in LANGS:
        strings = yaml.safe_load((site.root / "content" / lang / "strings.yml").read_text(encoding="utf-8"))
        html = (site.site / lang_root(lang) / "about" / "index.html").read_text(encoding="utf-8")
        title = re.search(r"<title>(.*?)</title>", html)[1]
        assert title.endswith(strings["site"]["name"]), (lang, title)
