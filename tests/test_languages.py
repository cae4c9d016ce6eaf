"""Every language is first-class: no English interface text on the pages of another language.

The interface words of a page (its <title>, meta description, alt texts, aria-labels,
tooltips, labels and buttons) come from the language's strings. Any of them that equals
an English string which the language translates differently is English left over.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from helpers import LANGS, Build, build_in_process, copy_fixture, html_pages
from janus_kit.kit import Kit

ATTRS = ("alt", "aria-label", "title", "placeholder", "content")


class Interface(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ATTRS:
            if name in values and values[name] and (name != "content" or values.get("name") == "description"):
                self.found.append(str(values[name]))
        if tag in {"title", "button", "label", "legend", "summary", "caption", "th"}:
            self._in.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data: str) -> None:
        if self._in and data.strip():
            self.found.append(data.strip())


def english_leftovers(kit: Kit, lang: str) -> set[str]:
    """English strings that the language does not translate (the reader gets the English)."""
    en = kit.strings("en").flat_effective()
    own = dict(kit.locale(lang).flat()) if kit.locale(lang) else {}
    own.update(kit.strings(lang).flat())
    return {
        re.sub(r"\s+", " ", value).strip()
        for key, value in en.items()
        if isinstance(value, str) and len(value) > 3 and "{" not in value and key not in own
    }


def test_no_english_interface_text_on_other_languages_pages(site: Build) -> None:
    kit = Kit.at(site.root)
    problems = []
    for lang in LANGS:
        if lang == "en":
            continue
        leftovers = english_leftovers(kit, lang)
        for page in html_pages(site.site / lang):
            html = page.read_text(encoding="utf-8")
            if 'data-kit-notice="fallback"' in html:
                continue  # a page not translated yet is shown in English, with a notice saying so
            parser = Interface()
            parser.feed(html)
            for text in parser.found:
                if re.sub(r"\s+", " ", text).strip() in leftovers:
                    problems.append(f"{page.relative_to(site.site)}: {text!r}")
    assert not problems, f"{len(problems)} English texts, e.g.:\n" + "\n".join(sorted(set(problems))[:40])


# -- the theme's own words (Material's search box, skip link, "back to top"...) ----------------


def _with_theme_words(kit: Path, it: str, en: str) -> None:
    for lang, word in (("it", it), ("en", en)):
        path = kit / "content" / lang / "strings.yml"
        path.write_text(
            path.read_text(encoding="utf-8") + f"\ntheme:\n  search_placeholder: '{word}'\n  action_skip: '{word}!'\n",
            encoding="utf-8",
        )


def test_a_kit_says_the_themes_words_in_its_own_register(tmp_path: Path) -> None:
    """Material's words for the search box and the skip link come from the kit's strings
    when it has them (a register rule, a better word): in the page and in the search's data."""
    kit = copy_fixture(tmp_path / "kit")
    _with_theme_words(kit, "Cerchi qualcosa?", "Looking for something?")
    build = build_in_process(kit)
    assert build.ok, build.error
    italian = (build.site / "index.html").read_text(encoding="utf-8")
    english = (build.site / "en" / "index.html").read_text(encoding="utf-8")
    assert 'placeholder="Cerchi qualcosa?"' in italian and "Cerchi qualcosa?!" in italian
    assert 'placeholder="Looking for something?"' in english and "Cerchi" not in english


def test_a_themes_word_with_markup_is_refused_with_its_file_and_line(tmp_path: Path) -> None:
    kit = copy_fixture(tmp_path / "kit")
    _with_theme_words(kit, 'Cerca" onfocus="alert(1)', "Search")
    build = build_in_process(kit)
    assert not build.ok and not build.traceback, build.error
    assert "content/it/strings.yml:" in build.error and "theme.search_placeholder" in build.error
