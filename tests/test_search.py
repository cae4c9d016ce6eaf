"""Search as built: one index per language, safe text, the same Lithuanian stemmer on both sides.

The browser side (what a reader types, what they see) is in test_search_browser.py.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from conftest import HOSTILE_TEXT, HOSTILE_WORD
from helpers import ROOT, Build
from janus_kit import search
from janus_kit.kit import Kit

KIT = Kit.at(ROOT)
CAT = KIT.catalogue
THEME = ROOT / "src" / "janus_kit" / "theme" / "assets" / "javascripts"
VENDORED = THEME / "lunr" / "vendor" / "orama-stemmers-lt.js"
LUNR_LT = THEME / "lunr" / "min" / "lunr.lt.min.js"
NODE_SCRIPT = ROOT / "tests" / "js" / "stem-lt.cjs"
MOJIBAKE = re.compile("[øàðþèëûáæ]")  # Windows-1257 letters read as Latin-1


def root_of(lang: str) -> str:
    return CAT.page_url(lang, CAT.layout.home_page)


def index_of(site: Build, lang: str) -> dict:
    return json.loads((site.site / root_of(lang) / search.INDEX).read_text(encoding="utf-8"))


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, attrs))


def live_tags(fragment: str) -> list[tuple[str, list]]:
    """The elements a browser would make from ``fragment`` with innerHTML."""
    parser = _Tags()
    parser.feed(fragment)
    parser.close()
    return parser.tags


def test_each_language_has_its_own_index_with_its_pipeline(site: Build) -> None:
    others = {lang: [root_of(o) for o in KIT.languages if o != lang] for lang in KIT.languages}
    for lang in KIT.languages:
        index = index_of(site, lang)
        assert index["config"]["lang"] == [lang], lang
        assert index["config"]["pipeline"] == ["trimmer", "stopWordFilter", "stemmer"], lang
        assert len(index["docs"]) > 50, lang
        for doc in index["docs"]:
            location = doc["location"]
            assert not any(location.startswith(o) for o in others[lang] if o), (lang, location)
            page = site.site / root_of(lang) / location.split("#")[0] / "index.html"
            assert page.is_file(), (lang, location)
            assert f'<html lang="{lang}"' in page.read_text(encoding="utf-8")[:300], (lang, location)
    # The pages of a language are all in its index, and in no other.
    for lang in KIT.languages:
        pages = {doc["location"].split("#")[0] for doc in index_of(site, lang)["docs"]}
        assert CAT.page_url(KIT.source_language, CAT.module_rel(KIT.framework.skill_ids[0])) in pages


def test_every_page_points_at_its_languages_index_and_the_kit_worker(site: Build) -> None:
    pages = sorted(site.site.rglob("index.html"))
    assert len(pages) > 100
    for path in pages:
        html = path.read_text(encoding="utf-8")
        match = re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S)
        assert match, path
        config = json.loads(match[1])
        url = "http://site.invalid/" + path.parent.relative_to(site.site).as_posix() + "/"
        lang = CAT.lang_of_url(path.parent.relative_to(site.site).as_posix() + "/")
        base = urljoin(url, config["base"])
        assert base == "http://site.invalid/" + root_of(lang), (path, config["base"])
        assert (site.site / urlparse(urljoin(base, search.INDEX)).path.lstrip("/")).is_file()
        worker = urlparse(urljoin(url, config["search"]))
        assert worker.path.endswith("/" + search.WORKER), config["search"]
        named = re.fullmatch(r"worker=([\w.-]+\.js)", worker.query)
        assert named, config["search"]
        assert (site.site / worker.path.lstrip("/")).with_name(named[1]).is_file()


def test_indexed_words_stay_apart(site: Build) -> None:
    """Text the kit adds (grid tables, module facts) keeps its words apart in the index:
    "Nestebėta 1 Dar", not "Nestebėta1Dar", which no search would find."""
    for lang in KIT.languages:
        for doc in index_of(site, lang)["docs"]:
            text = re.sub(r"<[^>]+>", " ", doc["title"] + " " + doc["text"])
            glued = re.findall(r"\S*\d[^\W\d_]{3,}\S*", text)  # "0Nestebėta"; "python3" is a word
            assert not glued, (lang, doc["location"], glued[:5])


def test_the_not_found_page_keeps_its_base_and_uses_the_kit_worker(site: Build) -> None:
    html = site.read("404.html")
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S)[1])
    assert config["base"] == urlparse(KIT.project.site_url).path  # "/" for a site at a domain root
    assert "/" + search.WORKER + "?worker=" in config["search"]


def test_no_page_names_alternates_that_material_would_fetch_a_sitemap_for(site: Build) -> None:
    for path in site.site.rglob("*.html"):
        head = path.read_text(encoding="utf-8").split("</head>")[0]
        assert not re.search(r'<link\b[^>]*rel="alternate"[^>]*hreflang', head), path


def test_safe_markup_leaves_only_bare_kept_tags() -> None:
    hostile = [
        "<img src=x onerror=alert(1)>",
        "<p onclick=alert(1)>x</p>",
        "<P>ok</P><script>alert(1)</script>",
        "<<p>>",
        "<p <img>",
        "&lt;img src=x&gt;",
        "&#x3c;img&#x3e;",
        "<svg/onload=alert(1)>",
        "<code>a < b && c > d</code>",
        '"><img src=x>',
        "<pre>\n<b>bold</b>\n</pre>",
        "& &amp; &#; &#999999999;",
    ]
    for text in hostile:
        safe = search.safe_markup(text)
        for tag, attrs in live_tags(safe):
            assert tag in search.KEPT_TAGS, (text, safe)
            assert attrs == [], (text, safe)
    assert search.safe_markup("<p>a &amp; b</p><li>c</li>") == "<p>a &amp; b</p><li>c</li>"
    assert search.safe_markup("<img src=x>") == "&lt;img src=x&gt;"


def test_index_text_that_shows_markup_holds_none(hostile_site: Build) -> None:
    docs = index_of(hostile_site, KIT.source_language)["docs"]
    shown = [d for d in docs if HOSTILE_WORD in d["title"] + d["text"]]
    assert any(HOSTILE_WORD in d["title"] and HOSTILE_WORD in d["text"] for d in shown), "heading and text indexed"
    for doc in shown:
        for field in ("title", "text"):
            for tag, attrs in live_tags(doc[field]):
                assert tag in search.KEPT_TAGS, (tag, doc[field])
                assert attrs == [], doc[field]
    text = " ".join(d["title"] + " " + d["text"] for d in shown)
    assert HOSTILE_TEXT.replace("<", "&lt;").replace(">", "&gt;") in text
    # The hostile text reached the other languages' indexes (fallback pages) only as text too.
    for lang in KIT.languages:
        for doc in index_of(hostile_site, lang)["docs"]:
            assert "<img" not in doc["title"] + doc["text"], (lang, doc["location"])
            assert "<script" not in doc["title"] + doc["text"], (lang, doc["location"])


# -- Lithuanian: the same Snowball stemmer in Python and in the browser ------------------


def lithuanian_words() -> list[str]:
    folder = KIT.project.lang_dir("lt")
    words: set[str] = set()
    for path in sorted([*folder.rglob("*.md"), *folder.rglob("*.yml")]):
        words.update(search.words(path.read_text(encoding="utf-8")))
    return sorted(words)


def javascript_stems(words: list[str]) -> list[str]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("the stemmer test needs Node.js (node); python3 scripts/kit.py test installs npm with it")
    result = subprocess.run(
        [node, str(NODE_SCRIPT)], input=json.dumps(words), capture_output=True, text=True, check=True, timeout=60
    )
    stems = json.loads(result.stdout)
    assert len(stems) == len(words)
    return stems


def test_python_and_javascript_stemmers_agree_on_the_lithuanian_content() -> None:
    words = lithuanian_words()
    assert len(words) >= 500, len(words)
    python = search.stemmer("lt")
    assert python is not None
    js = javascript_stems(words)
    differ = [(w, python(w), j) for w, j in zip(words, js, strict=True) if python(w) != j]
    assert differ == [], f"{len(differ)} of {len(words)} words stem differently: {differ[:20]}"
    changed = sum(1 for w, j in zip(words, js, strict=True) if j != w)
    assert changed > len(words) / 2, "the stemmer changed too few words: is it really Lithuanian?"
    print(f"stemmers agree on {len(words)} Lithuanian words ({changed} changed by stemming)")


def test_the_served_stemmer_is_the_pinned_npm_package() -> None:
    package = ROOT / "node_modules" / "@orama" / "stemmers"
    if not package.exists():
        pytest.fail("@orama/stemmers is missing: run `npm ci` (python3 scripts/kit.py test does it)")
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    pinned = lock["packages"]["node_modules/@orama/stemmers"]["version"]
    assert json.loads((package / "package.json").read_text(encoding="utf-8"))["version"] == pinned
    assert VENDORED.read_bytes() == (package / "dist" / "lt.cjs").read_bytes()
    assert (VENDORED.parent / "LICENSE-orama-stemmers.txt").read_text(encoding="utf-8").count("Apache License")
    assert pinned in (VENDORED.parent / "README.md").read_text(encoding="utf-8")


def test_lithuanian_stop_words_are_lithuanian_and_named_by_source() -> None:
    source = LUNR_LT.read_text(encoding="utf-8")
    listed = re.search(r"generateStopWordFilter\(\[(.*?)\]\)", source, re.S)
    assert listed
    words = json.loads("[" + listed[1] + "]")
    assert len(words) >= 400
    assert len(set(words)) == len(words)
    assert {"ir", "kad", "bet", "arba", "į", "už", "šis", "tačiau"} <= set(words)
    for word in words:
        assert re.fullmatch(r"[a-ząčęėįšųūž]+", word), word
        assert not MOJIBAKE.search(word), word
    assert "stopwords-iso" in source
    # A stop word never hides a word that a page needs to be found by.
    for needed in ("mokinys", "komanda", "vertinimas", "praktika"):
        assert needed not in words


def test_the_site_serves_the_lithuanian_language_and_the_worker(site: Build) -> None:
    js = site.site / "assets" / "javascripts"
    for rel in (
        "lunr/min/lunr.lt.min.js",
        "lunr/vendor/orama-stemmers-lt.js",
        "lunr/vendor/LICENSE-orama-stemmers.txt",
        "workers/" + search.WORKER,
    ):
        assert (js / rel).is_file(), rel
    for lang in KIT.languages:
        if lang != "en":
            assert (js / "lunr" / "min" / f"lunr.{lang}.min.js").is_file(), lang


def test_languages_lunr_cannot_stem_get_plain_words() -> None:
    data = {"config": {"separator": "[\\s]+", "fields": {}}, "docs": [{"location": "xx/a/", "title": "A", "text": "b"}]}
    index = search.language_index(data, root="xx/", other_roots=[""], lunr_lang=None)
    assert index["config"]["lang"] == ["en"]
    assert index["config"]["pipeline"] == []
    assert index["docs"] == [{"location": "a/", "title": "A", "text": "b"}]
    assert search.lunr_languages([Path(search.__file__).parent / "theme"]) >= {"en", "lt"}


def test_an_offline_copy_gets_each_index_as_a_script_too(tmp_path: Path) -> None:
    engine = {"config": {"separator": "[\\s]+", "fields": {}}, "docs": []}
    engine["docs"] = [{"location": "a/", "title": "A", "text": "x"}, {"location": "lt/a/", "title": "Ą", "text": "y"}]
    (tmp_path / "search").mkdir()
    (tmp_path / search.INDEX).write_text(json.dumps(engine), encoding="utf-8")
    written = search.write_language_index(tmp_path, root="lt/", other_roots=[""], lunr_lang="lt", script=True)
    assert written == tmp_path / "lt" / search.INDEX
    script = written.with_suffix(".js").read_text(encoding="utf-8")
    assert script.startswith("var __index = ")
    assert json.loads(script.removeprefix("var __index = ")) == json.loads(written.read_text(encoding="utf-8"))
    assert search.write_language_index(tmp_path, root="", other_roots=["lt/"], lunr_lang="en") is not None
    assert not (tmp_path / "search" / "search_index.js").exists()
