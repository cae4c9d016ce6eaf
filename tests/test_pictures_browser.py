"""The pictures in Debian's chromium, as people see them: the home page, a module, a grid, the
downloads and the tool (with a record of three checkpoints, at its review) at 360 px and
1280 px, in two languages, in the light and the dark scheme. Every test fails on a console
error, a response of 400 or more, a request that leaves the site and an image that does not
load; pages must not scroll sideways. Set KIT_TEST_SHOTS to a folder to keep the screenshots.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from helpers import LANGS, lang_root
from janus_kit.kit import Kit

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
SHOTS = os.environ.get("KIT_TEST_SHOTS")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGES = {
    "home": "",
    "module": "social-civic/teamwork/",
    "grid": "grids/social-civic/",
    "downloads": "downloads/",
    "tool": "tool/",
}
SHOWN_LANGS = ("en", "fr")
VIEWPORTS = {"phone": {"width": 360, "height": 740}, "laptop": {"width": 1280, "height": 900}}

# A record made by the tool's own code, as the three raters would fill it in: every indicator
# of a skill gets the same value, so each rater's level is that value.
MAKE_RECORD = """async (plan) => {
  const data = JSON.parse(document.getElementById("kit-tool-data").textContent);
  const root = new URL(data.assets + "javascripts/tool/", location.href).href;
  const R = await import(root + "record.js");
  const F = await import(root + "framework.js");
  const fw = F.makeFramework(data);
  const rec = R.newTrainee({ code: "K7F3", centre: "CFA Lyon" });
  const cps = plan.dates.map((d, i) => R.newCheckpoint(fw.kinds[Math.min(i, fw.kinds.length - 1)], d));
  rec.checkpoints.push(...cps);
  cps.forEach((cp, c) => fw.raters.forEach((r, k) => fw.skillIds.forEach((s, n) => {
    const v = plan.levels[c][k][n];
    fw.skills.get(s).indicators.forEach((_, i) => R.setRating(fw, rec, cp.id, r, s, i, v, "d-test00000001"));
  })));
  return R.serialize(fw, rec);
}"""
DATES = ["2025-01-15", "2025-04-02", "2025-06-20"]


def level(c: int, k: int, n: int) -> int:
    """The plan's level of rater k at checkpoint c for skill n (1-4; 0 = not observed sometimes)."""
    if (c, k, n) == (1, 1, 2):
        return 0
    return max(1, min(4, 1 + c + (n + k) % 3 - (k == 2)))


def material_sitemap(url: str) -> bool:
    """Material's language switcher asks for <page>/sitemap.xml, which the i18n build does not write."""
    return url.endswith("/sitemap.xml")


@dataclass
class Visit:
    page: Any
    base: str
    problems: list[str] = field(default_factory=list)


@pytest.fixture
def visit(browser, served_pdf_site: str) -> Iterator[Any]:
    contexts: list[Any] = []

    def make(viewport: dict[str, int], scheme: str = "light", locale: str = "en-GB") -> Visit:
        context = browser.new_context(viewport=viewport, color_scheme=scheme, locale=locale, accept_downloads=True)
        contexts.append(context)
        page = context.new_page()
        v = Visit(page, served_pdf_site)
        page.on("pageerror", lambda e: v.problems.append(f"page error: {e}"))
        page.on(
            "console",
            lambda m: (
                v.problems.append(f"console: {m.text}")
                if m.type == "error" and "sitemap.xml" not in m.text and not material_sitemap(m.location.get("url", ""))
                else None
            ),
        )
        page.on(
            "response",
            lambda r: (
                v.problems.append(f"{r.status} {r.url}") if r.status >= 400 and not material_sitemap(r.url) else None
            ),
        )
        page.on(
            "request",
            lambda r: (
                v.problems.append(f"left the site: {r.url}")
                if not r.url.startswith((served_pdf_site, "data:", "blob:"))
                else None
            ),
        )
        page.on("dialog", lambda d: d.accept())
        return v

    yield make
    for context in contexts:
        context.close()


def open_review(v: Visit, lang: str, tmp: Path, dates: list[str] = DATES) -> None:
    """The tool with a record of the plan imported as a file, at the review of its last checkpoint."""
    v.page.goto(f"{v.base}{lang_root(lang)}tool/")
    v.page.wait_for_selector("#kit-tool .kit-tool__nav")
    text = v.page.evaluate(
        MAKE_RECORD,
        {
            "dates": dates,
            "levels": [[[level(c, k, n) for n in range(12)] for k in range(3)] for c in range(len(dates))],
        },
    )
    path = tmp / f"record-{len(dates)}.json"
    path.write_text(text, encoding="utf-8")
    v.page.set_input_files("#kt-import", [str(path)])
    v.page.wait_for_selector(".kit-tool__report")
    v.page.click(".kit-tool__report button")
    v.page.click(".kit-tool__nav [data-view=review]")
    v.page.wait_for_selector(".kit-tool__review")


def settle(page: Any) -> None:
    """Every image loaded (lazy ones too) and the fonts ready."""
    page.evaluate(
        """async () => {
          for (const img of document.images) img.loading = "eager";
          await Promise.all([...document.images].map((i) => i.complete ? null
            : new Promise((done) => { i.addEventListener("load", done); i.addEventListener("error", done); })));
          await document.fonts.ready;
        }"""
    )


def check_page(v: Visit, where: str) -> list[str]:
    page = v.page
    settle(page)
    found = []
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    if overflow > 0:
        found.append(f"{where}: the page scrolls sideways by {overflow} px")
    broken = page.evaluate("() => [...document.images].filter((i) => !i.complete || !i.naturalWidth).map((i) => i.src)")
    found += [f"{where}: the image {src} did not load" for src in broken]
    empty = page.evaluate(
        """() => [...document.querySelectorAll("svg.kit-pic, svg.kit-icon")]
          .filter((s) => s.getClientRects().length && !s.closest("[hidden]"))
          .filter((s) => { const r = s.getBoundingClientRect(); return r.width < 8 || r.height < 8; }).length"""
    )
    if empty:
        found.append(f"{where}: {empty} pictures drawn with no size")
    return found


def shot(page: Any, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("lang", SHOWN_LANGS)
@pytest.mark.parametrize("device", list(VIEWPORTS))
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_pages_fit_and_load_at_two_widths_in_both_schemes(visit, lang: str, device: str, scheme: str, tmp_path: Path):
    v = visit(VIEWPORTS[device], scheme)
    problems: list[str] = []
    for kind, rel in PAGES.items():
        where = f"{lang} {device} {scheme} {kind}"
        if kind == "tool":
            open_review(v, lang, tmp_path)
            assert v.page.locator(".kit-tool__review .kit-chart").count() == 12
            ticks = v.page.locator(".kit-tool__review .kit-chart").first.locator(".kit-chart__ticks text")
            assert ticks.all_text_contents()[1] == {"en": "2 Apr", "fr": "2 avr."}[lang], "dates in the page's language"
        else:
            v.page.goto(f"{v.base}{lang_root(lang)}{rel}")
            v.page.wait_for_load_state("load")
        assert v.page.evaluate("() => document.body.dataset.mdColorScheme") == (
            "slate" if scheme == "dark" else "default"
        )
        problems += check_page(v, where)
        shot(v.page, f"{kind}-{lang}-{device}-{scheme}")
    assert not problems + v.problems, "\n".join(problems + v.problems)


TEXT_GEOMETRY = """() => {
  const out = [];
  for (const svg of document.querySelectorAll("svg.kit-pic")) {
    if (!svg.getClientRects().length) continue;  // the layout this width does not show
    const vb = svg.viewBox.baseVal;
    const boxes = [...svg.querySelectorAll(".kit-pic__box")].map((r) => r.getBBox());
    // A block of lines (g.kit-pic__text) is one text; a number or a label alone is another.
    const pieces = [...svg.querySelectorAll(".kit-pic__text, text")]
      .filter((t) => t.matches(".kit-pic__text") || !t.closest(".kit-pic__text"));
    const texts = pieces.map((t) => ({ text: t.textContent, box: t.getBBox() }));
    const inside = (b, o, slack = 0.5) => b.x >= o.x - slack && b.y >= o.y - slack
      && b.x + b.width <= o.x + o.width + slack && b.y + b.height <= o.y + o.height + slack;
    for (const t of texts) {
      const whole = { x: vb.x, y: vb.y, width: vb.width, height: vb.height };
      if (!inside(t.box, whole)) out.push(`outside the picture: ${t.text}`);
      const cx = t.box.x + t.box.width / 2, cy = t.box.y + t.box.height / 2;
      const home = boxes.find((b) => cx > b.x && cx < b.x + b.width && cy > b.y && cy < b.y + b.height);
      if (home && !inside(t.box, home)) out.push(`out of its box: ${t.text}`);
    }
    for (let i = 0; i < texts.length; i++) for (let j = i + 1; j < texts.length; j++) {
      const a = texts[i].box, b = texts[j].box;
      const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
      const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
      if (w > 1 && h > 1) out.push(`overlap: ${texts[i].text} / ${texts[j].text}`);
    }
  }
  return out;
}"""


@pytest.mark.parametrize("lang", LANGS)
def test_the_words_of_every_picture_stay_in_their_boxes(visit, lang: str) -> None:
    """Measured by the browser with the site's font, in every language: no text outside its
    picture or its box, no two texts on top of each other."""
    problems = []
    for device, viewport in VIEWPORTS.items():
        v = visit(viewport)
        for rel in ("", "grids/learning-to-learn/", "guides/tutor/"):
            v.page.goto(f"{v.base}{lang_root(lang)}{rel}")
            v.page.wait_for_load_state("load")
            v.page.evaluate("() => document.fonts.ready")
            problems += [f"{lang} {device} /{rel}: {p}" for p in v.page.evaluate(TEXT_GEOMETRY)]
        problems += v.problems
    assert not problems, "\n".join(problems)


def test_the_review_shows_each_skills_levels_over_the_checkpoints_with_a_table(visit, tmp_path: Path) -> None:
    kit = Kit.at(ROOT)
    fw = kit.framework
    first = visit(VIEWPORTS["phone"])
    open_review(first, "en", tmp_path, DATES[:1])
    assert first.page.locator(".kit-chart").count() == 0, "one checkpoint: nothing to chart yet"
    v = visit(VIEWPORTS["phone"])
    open_review(v, "en", tmp_path)
    page = v.page
    s = kit.strings("en")
    for n, skill in enumerate(fw.skill_ids):
        chart = page.locator(f".kit-tool__review .kit-chart[data-skill={skill}]")
        assert chart.count() == 1
        name = next(sk.name for g in kit.grids("en") for sk in g.skills if sk.id == skill)
        assert chart.locator("svg title").text_content() == s.text("pictures.chart.title", name=name)
        for k, rater in enumerate(fw.raters):  # one marker per checkpoint where the rater has a level
            shown = [c for c in range(len(DATES)) if level(c, k, n) != fw.not_observed]
            assert chart.locator(f'[data-rater="{rater}"] > :not(polyline)').count() == len(shown), (skill, rater)
        rows = chart.locator("table tbody tr")
        assert rows.count() == len(DATES)
        for c in range(len(DATES)):
            cells = rows.nth(c).locator("td").all_text_contents()
            levels = [level(c, k, n) for k in range(len(fw.raters))]
            shown = [s.text(f"scale.{v}.label") if v == fw.not_observed else str(v) for v in levels]
            observed = sorted(v for v in levels if v != fw.not_observed)
            mid = len(observed) // 2  # the median, rounded down (of two: halfway between, rounded down)
            agreed = observed[mid] if len(observed) % 2 else (observed[mid - 1] + observed[mid]) // 2
            assert cells == [*shown, str(agreed)], (skill, c, cells)
    # The table folds away on screen, and both are on the printed record.
    assert not page.locator(".kit-tool__review .kit-chart table").first.is_visible()
    page.emulate_media(media="print")
    printed = page.locator(".kit-record__charts .kit-chart")
    assert printed.count() == len(fw.skill_ids)
    assert printed.first.locator("table").is_visible() and printed.first.locator("svg").is_visible()
    assert page.locator(".kit-record__charts .kit-chart__key li").count() == len(fw.raters) + 1
    assert not v.problems + first.problems, v.problems + first.problems


def test_the_dark_scheme_toggle_speaks_the_language_and_every_page_keeps_its_contrast(visit, tmp_path: Path) -> None:
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `npm ci` (python3 scripts/kit.py test does it)")
    axe = AXE.read_text(encoding="utf-8")
    kit = Kit.at(ROOT)
    found = []
    for lang in SHOWN_LANGS:
        s = kit.strings(lang)
        v = visit(VIEWPORTS["laptop"], "light")
        v.page.goto(f"{v.base}{lang_root(lang)}")
        toggle = v.page.locator("form[data-md-component=palette] label:not([hidden])")
        assert toggle.get_attribute("title") == s.text("pictures.palette.to_dark").replace(" :", "\u00a0:")
        toggle.click()
        assert v.page.evaluate("() => document.body.dataset.mdColorScheme") == "slate"
        for kind, rel in PAGES.items():  # the choice stays from page to page
            if kind == "tool":
                open_review(v, lang, tmp_path)
            else:
                v.page.goto(f"{v.base}{lang_root(lang)}{rel}")
                v.page.wait_for_load_state("load")
            assert v.page.evaluate("() => document.body.dataset.mdColorScheme") == "slate", kind
            v.page.evaluate(axe)  # not a script tag: the CSP allows none
            result = v.page.evaluate(
                "() => axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] } })"
            )
            for violation in result["violations"]:
                if violation["impact"] in {"serious", "critical"}:
                    targets = [n["target"] for n in violation["nodes"][:3]]
                    found.append(f"{lang} {kind} (dark): {violation['id']} {targets}")
        found += v.problems
    assert not found, "\n".join(found)
