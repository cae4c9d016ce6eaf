"""The pictures on the built site, in every language (the whole real kit, HTML only): where each
kind of page gets which picture, alt texts and titles in the page's language, nothing from
another origin, and the weight they add to a module page."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from helpers import LANGS, Build, html_pages, lang_root
from janus_kit import pictures
from janus_kit.kit import Kit
from janus_kit.typography import fix_text

MAX_ADDED = 40_000  # bytes, gzipped, that pictures may add to a module page's first load


class Pictures(HTMLParser):
    """The kit's pictures of a page: images, SVG (with their titles), and where they are."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.images: list[dict[str, str]] = []
        self.svgs: list[dict[str, str]] = []  # the kit's own (class kit-icon / kit-pic), outermost
        self.titles: dict[str, str] = {}  # id -> text of an SVG <title> or <desc>
        self.h1_icons: list[str] = []
        self.stack: list[str] = []
        self._text_of: str | None = None
        self._svg_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "img":
            self.images.append(a)
        if tag == "svg":
            if self._svg_depth == 0 and re.search(r"\bkit-(icon|pic)\b", a.get("class", "")):
                self.svgs.append({**a, "inside": "/".join(self.stack[-4:])})
                if "h1" in self.stack:
                    self.h1_icons.append(a.get("class", ""))
            self._svg_depth += 1
        if tag in {"title", "desc"} and self._svg_depth and "id" in a:
            self._text_of = a["id"]
            self.titles[a["id"]] = ""
        if tag not in {"img", "br", "hr", "input", "meta", "link", "path", "rect", "circle", "line"}:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self._svg_depth -= 1
        if tag in {"title", "desc"}:
            self._text_of = None
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self._text_of:
            self.titles[self._text_of] += data


def pictures_of(path: Path) -> Pictures:
    parser = Pictures()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_each_kind_of_page_gets_its_pictures_in_every_language(site: Build) -> None:
    kit = Kit.at(site.root)
    cat, fw = kit.catalogue, kit.framework
    for lang in LANGS:
        root = site.site / lang_root(lang)

        def page(rel: str, lang: str = lang) -> str:
            return (site.site / cat.page_url(lang, rel) / "index.html").read_text(encoding="utf-8")

        home = page(cat.layout.home_page)
        assert home.count('<figure class="kit-cycle"') == 1, lang
        assert 'class="kit-pic kit-pic--cycle kit-cycle__wide"' in home
        assert 'class="kit-pic kit-pic--cycle kit-cycle__narrow"' in home
        for rater in fw.raters:  # the role cards: each rater's icon in its heading
            assert re.search(rf'<h3 id="{rater}"><svg class="kit-icon kit-icon--rater kit-icon--card', home), (
                lang,
                rater,
            )
        for guide in cat.guides:
            text = page(cat.guide_rel(guide))
            assert text.count('<figure class="kit-cycle"') == 1, (lang, guide)
            assert text.count('class="kit-pic__you"') == 2, "the guide's rater stands out in both layouts"
            assert f"kit-icon--title kit-icon--{guide}" in text
        assert page(f"{cat.layout.guides_dir}/index.md").count("kit-icon--rater") >= len(cat.guides)
        for comp in fw.competences:
            text = page(cat.competence_rel(comp.id))
            assert f"kit-icon--title kit-icon--{comp.id}" in text
            for skill in comp.skills:  # the skill cards
                assert re.search(
                    rf"<li>\s*(?:<p>\s*)?(?:<strong>\s*)?<svg class=\"kit-icon kit-icon--skill kit-icon--{skill.id}\"",
                    text,
                ), (lang, skill.id)
                module = page(cat.module_rel(skill.id))
                assert f"kit-icon--title kit-icon--{skill.id}" in module.split("</h1>", 1)[0]
            grid = page(cat.grid_rel(comp.id))
            assert grid.count('<figure class="kit-scale-picture" data-search-exclude>') == 1
            assert grid.count("kit-icon kit-icon--skill") == len(comp.skills)
        tool = page(cat.layout.tool_page)
        assert tool.count('data-kit-picture="scale"') == 1
        for skill in fw.skills:
            assert f'data-kit-icon="{skill.id}"' in tool
        assert root.is_dir()


def test_every_image_has_its_text_in_the_pages_language_or_is_decorative(site: Build) -> None:
    kit = Kit.at(site.root)
    problems: list[str] = []
    for lang in LANGS:
        s = kit.strings(lang)
        wanted = {
            fix_text(s.text("pictures.cycle.title"), lang),
            fix_text(s.text("pictures.scale.title"), lang),
        }
        seen: set[str] = set()
        others = tuple(f"{other}/" for other in LANGS if other != lang and lang == LANGS[0])
        for path in html_pages(site.site / lang_root(lang)):
            if others and path.relative_to(site.site).as_posix().startswith(others):
                continue
            found = pictures_of(path)
            where = path.relative_to(site.site).as_posix()
            for image in found.images:
                if not image.get("alt", "").strip() and image.get("role") != "presentation":
                    problems.append(f"{where}: <img src={image.get('src')!r}> has no alt text")
            for svg in found.svgs:
                if svg.get("aria-hidden") == "true":
                    continue
                if svg.get("role") != "img" or svg.get("lang") != lang:
                    problems.append(f"{where}: a picture that is neither decorative nor an image in {lang}")
                    continue
                title = found.titles.get(svg.get("aria-labelledby", ""), "").strip()
                desc = found.titles.get(svg.get("aria-describedby", ""), "").strip()
                if not title or not desc:
                    problems.append(f"{where}: a picture without its title and description")
                seen.add(title)
        assert wanted <= seen, (lang, wanted - seen)
    assert not problems, "\n".join(problems[:30])


def test_no_picture_loads_anything_from_another_site(site: Build) -> None:
    for path in html_pages(site.site):
        text = path.read_text(encoding="utf-8")
        for svg in re.findall(r"<svg\b[^>]*\bclass=\"kit-(?:icon|pic)\b.*?</svg>", text, re.S):
            assert not re.search(r"\b(?:href|src)=", svg), path
            assert not re.search(r"url\(|https?://(?!www\.w3\.org/2000/svg)", svg), path


def test_pictures_add_little_to_a_module_pages_first_load(site: Build) -> None:
    kit = Kit.at(site.root)
    css = (site.site / "assets" / "stylesheets" / "kit.css").read_text(encoding="utf-8")
    for skill in kit.framework.skill_ids:
        path = site.site / kit.catalogue.page_url("en", kit.catalogue.module_rel(skill)) / "index.html"
        in_page, in_css = pictures.added_weight(path.read_text(encoding="utf-8"), css)
        assert in_page > 0 and in_css > 0, "the pictures are there, and measured"
        assert in_page + in_css <= MAX_ADDED, (skill, in_page, in_css)


def test_the_icon_set_is_credited_and_its_licence_published(site: Build) -> None:
    licence = site.site / "assets" / "icons" / "material" / "LICENSE"
    assert "Apache" in licence.read_text(encoding="utf-8")
    about = site.read("about/index.html")
    assert "Material Design Icons" in about and "Pictogrammers" in about and "Apache" in about
