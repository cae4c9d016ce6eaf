"""Search as readers use it, in Chromium on a phone-sized screen: their own language only,
Lithuanian word forms that no page holds, and text that looks like markup stays text."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from conftest import HOSTILE_TEXT, HOSTILE_WORD, serve
from helpers import ROOT, Build, wait_until_search_is_ready
from janus_kit import search
from janus_kit.kit import Kit

pytestmark = pytest.mark.browser

KIT = Kit.at(ROOT)
CAT = KIT.catalogue
PHONE = {"width": 360, "height": 740}
# Lithuanian noun families: endings that show a word's family on a page, and the plural
# endings (instrumental first) a test may add to its stem to make a form of the same word.
LT_FAMILIES = (
    (("ė", "ės", "ę", "ėje"), ("ėmis", "ėms", "ėse")),  # lentelė
    (("ys", "iui", "iai", "io"), ("iais", "iams", "iuose")),  # mokinys
    (("a", "os", "oje"), ("omis", "oms", "ose")),  # komanda
    (("as", "ui", "ams"), ("ais", "ams", "uose")),  # darbas
    (("us", "umi"), ("umis", "ums", "uose")),  # sūnus
    (("is", "ies"), ("imis", "ims", "yse")),  # dalis
)


def root_of(lang: str) -> str:
    return CAT.page_url(lang, CAT.layout.home_page)


def index_of(site: Build, lang: str) -> dict:
    return json.loads((site.site / root_of(lang) / search.INDEX).read_text(encoding="utf-8"))


def vocabulary(site: Build, lang: str) -> Counter[str]:
    """How many documents of a language's index hold each word."""
    counts: Counter[str] = Counter()
    for doc in index_of(site, lang)["docs"]:
        counts.update(set(search.words(re.sub(r"<[^>]+>", " ", doc["title"] + " " + doc["text"]))))
    return counts


class Reader:
    """A reader on a phone, with every request the page makes."""

    def __init__(self, browser, base: str) -> None:
        self.base = base
        self.context = browser.new_context(viewport=PHONE)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.dialogs: list[str] = []
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def open(self, url: str) -> None:
        self.page.goto(self.base + url)
        self.page.wait_for_load_state("networkidle")

    def search(self, query: str) -> dict:
        page = self.page
        page.locator('label.md-header__button[for="__search"]').click()
        wait_until_search_is_ready(page)
        page.locator(".md-search__input").press_sequentially(query, delay=20)
        page.wait_for_function(
            "q => document.querySelector('.md-search__input').value === q"
            " && document.querySelector('.md-search-result__list').children.length > 0",
            arg=query,
            timeout=15000,
        )
        # The worker answers each keystroke; on a busy machine an earlier prefix's results can
        # still be on screen: wait until the results have stayed the same for a while.
        last, steady = None, 0
        for _ in range(40):
            page.wait_for_timeout(250)
            now = page.evaluate("() => document.querySelector('.md-search-result').innerText")
            steady = steady + 1 if now == last else 0
            last = now
            if steady >= 3:
                break
        return page.evaluate(
            """() => ({
              meta: document.querySelector('.md-search-result__meta').innerText,
              links: [...document.querySelectorAll('.md-search-result__link')].map(a => a.href),
              marks: [...document.querySelectorAll('.md-search-result mark')].map(m => m.innerText),
              text: document.querySelector('.md-search-result').innerText,
              elements: [...document.querySelectorAll('.md-search-result *')].map(e => e.tagName.toLowerCase()),
            })"""
        )

    @staticmethod
    def assert_marks_whole(found: dict) -> None:
        """Each highlight is one <mark> around one word: none garbled, none nested."""
        assert "mark" not in [e for e in found["elements"] if e != "mark"]
        assert not [m for m in found["marks"] if "<" in m or ">" in m or "mark" in m], found["marks"]
        assert all(re.fullmatch(r"[a-z][a-z0-9]*", e) for e in found["elements"]), set(found["elements"])

    def close(self) -> None:
        self.context.close()


@pytest.mark.parametrize("lang", KIT.languages)
def test_readers_get_results_in_their_own_language_only(browser, site: Build, served_site: str, lang: str) -> None:
    other = KIT.source_language if lang != KIT.source_language else KIT.languages[1]
    mine, theirs = vocabulary(site, lang), vocabulary(site, other)
    # A word both languages use (e.g. "Team" in English and German), in as many pages as can be.
    word = max((w for w in mine if w in theirs and len(w) >= 4), key=lambda w: (min(mine[w], theirs[w]), w))
    reader = Reader(browser, served_site)
    try:
        reader.open(CAT.page_url(lang, CAT.module_rel(KIT.framework.skill_ids[0])))
        found = reader.search(word)
    finally:
        reader.close()
    assert found["links"], word
    others = [served_site + root_of(o) for o in KIT.languages if o != lang and root_of(o)]
    for link in found["links"]:
        assert link.startswith(served_site + root_of(lang)), (word, link)
        assert not any(link.startswith(o) for o in others), (word, link)
    indexes = [r for r in reader.requests if r.endswith(search.INDEX)]
    assert indexes == [served_site + root_of(lang) + search.INDEX], indexes
    assert not [r for r in reader.requests if "sitemap.xml" in r]
    Reader.assert_marks_whole(found)


def lithuanian_stop_words() -> set[str]:
    """The stop words of the browser's Lithuanian search (lunr.lt's stop-word filter)."""
    source = (ROOT / "src/janus_kit/theme/assets/javascripts/lunr/min/lunr.lt.min.js").read_text(encoding="utf-8")
    block = source.split("lunr.generateStopWordFilter([", 1)[1].split("])", 1)[0]
    words = set(re.findall(r'"([^"]+)"', block))
    assert "kiekvienas" in words and len(words) > 100
    return words


def lithuanian_form_in_no_page(site: Build) -> tuple[str, str, set[str]]:
    """A Lithuanian word form that no page holds, whose stem other forms on pages share:
    (the form, its stem, the pages with a word of that stem)."""
    stem = search.stemmer("lt")
    assert stem is not None
    words = vocabulary(site, "lt")
    stop = lithuanian_stop_words()
    pages_by_stem: dict[str, set[str]] = {}
    for doc in index_of(site, "lt")["docs"]:
        page = doc["location"].split("#")[0]
        for word in search.words(re.sub(r"<[^>]+>", " ", doc["title"] + " " + doc["text"])):
            if word not in stop:  # the search leaves stop words out: a page with only "kiekvienas" is not found
                pages_by_stem.setdefault(stem(word), set()).add(page)
    forms_by_stem: dict[str, set[str]] = {}
    for word in words:
        forms_by_stem.setdefault(stem(word), set()).add(word)
    # Stems with several forms on several pages, the most widely used first.
    for s in sorted(pages_by_stem, key=lambda s: (-len(pages_by_stem[s]), s)):
        if len(s) < 4 or len(forms_by_stem.get(s, ())) < 2:
            continue
        forms = forms_by_stem[s]
        family = next((plural for shown, plural in LT_FAMILIES if any(s + e in forms for e in shown)), ())
        for ending in family:
            form = s + ending
            if form not in words and stem(form) == s:
                return form, s, pages_by_stem[s]
    raise AssertionError("no Lithuanian stem could be inflected into a form that no page holds")


def test_a_lithuanian_form_that_no_page_holds_finds_the_pages_with_the_other_forms(
    browser, site: Build, served_site: str
) -> None:
    form, stem, pages = lithuanian_form_in_no_page(site)
    text = " ".join(d["title"] + " " + d["text"] for d in index_of(site, "lt")["docs"]).lower()
    assert not re.search(rf"(?<![^\W\d_]){form}(?![^\W\d_])", text), f"{form} is on a page"
    reader = Reader(browser, served_site)
    try:
        reader.open(CAT.page_url("lt", CAT.module_rel(KIT.framework.skill_ids[0])))
        found = reader.search(form)
    finally:
        reader.close()
    Reader.assert_marks_whole(found)
    count = int(re.search(r"\d+", found["meta"])[0])
    assert count >= len(pages), (form, stem, found["meta"], len(pages))
    assert all(link.startswith(served_site + root_of("lt")) for link in found["links"])
    python = search.stemmer("lt")
    assert python is not None
    marked = {m.lower() for m in found["marks"] if len(m) > 2}
    assert marked, found
    assert {python(m) for m in marked} & {stem}, (form, stem, marked)
    assert form not in marked  # the pages hold other forms, and those are what is marked
    print(f"'{form}' (stem {stem}, in no page) found {count} pages; marked: {sorted(marked)[:8]}")


def test_text_that_looks_like_markup_stays_text_in_the_results(browser, hostile_site: Build) -> None:
    with serve(hostile_site.site) as base:
        reader = Reader(browser, base)
        try:
            reader.open(CAT.page_url(KIT.source_language, CAT.layout.home_page))
            found = reader.search(HOSTILE_WORD)
            pwned = reader.page.evaluate(
                "() => document.querySelectorAll('.md-search-result img, .md-search-result script').length"
            )
        finally:
            reader.close()
    assert HOSTILE_TEXT in found["text"], found["text"][:500]
    assert "img" not in found["elements"]
    assert "script" not in found["elements"]
    assert pwned == 0
    assert reader.dialogs == []
