"""Accessibility (axe-core, WCAG 2.1 AA) and the Content-Security-Policy, in a real browser."""

from __future__ import annotations

import pytest

from helpers import ROOT, lang_root, wait_until_search_is_ready
from janus_kit.catalogue import PageKind
from janus_kit.kit import Kit

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
KIT = Kit.at(ROOT)
VIEWPORTS = {"phone": {"width": 360, "height": 740}, "laptop": {"width": 1280, "height": 800}}


def page_types() -> dict[str, str]:
    """One page of every kind the catalogue knows, as a URL inside a language."""
    cat = KIT.catalogue
    found: dict[str, str] = {}
    source = KIT.project.lang_dir(KIT.source_language)
    for path in sorted(source.rglob("*.md")):
        rel = path.relative_to(source).as_posix()
        kind = cat.kind_of(rel)
        if kind not in found:
            found[kind] = cat.page_url(KIT.source_language, rel)
    return found


PAGE_TYPES = page_types()


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `npm ci` (python3 scripts/kit.py test does it)")
    return AXE.read_text(encoding="utf-8")


def test_every_kind_of_page_is_checked() -> None:
    expected = {PageKind.HOME, PageKind.COMPETENCE, PageKind.MODULE, PageKind.GRIDS, PageKind.GRID}
    expected |= {PageKind.GUIDES, PageKind.GUIDE, PageKind.TOOL, PageKind.DOWNLOADS, PageKind.STATUS, PageKind.PAGE}
    assert expected <= set(PAGE_TYPES), PAGE_TYPES


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize("lang", KIT.languages)
def test_no_serious_or_critical_axe_violations(
    browser, served_pdf_site: str, axe_source: str, lang: str, viewport: str
) -> None:
    # axe is injected as an inline script, which the site's policy forbids.
    context = browser.new_context(bypass_csp=True, viewport=VIEWPORTS[viewport])
    page = context.new_page()
    found = []
    try:
        for kind, url in PAGE_TYPES.items():
            page.goto(f"{served_pdf_site}{lang_root(lang)}{url}")
            page.wait_for_load_state("load")
            page.add_script_tag(content=axe_source)
            result = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
            for violation in result["violations"]:
                if violation["impact"] in {"serious", "critical"}:
                    targets = [n["target"] for n in violation["nodes"][:3]]
                    found.append(f"{lang} {kind}: {violation['id']} ({violation['impact']}) {targets}")
    finally:
        context.close()
    assert not found, "\n".join(found)


def test_wide_tables_scroll_from_the_keyboard_and_are_named(browser, served_site: str) -> None:
    """On a phone, Tab reaches every table that is wider than the screen, the arrow keys
    scroll it, and a screen reader hears its name."""
    context = browser.new_context(viewport=VIEWPORTS["phone"])
    page = context.new_page()
    checked = 0
    try:
        cat = KIT.catalogue
        urls = [cat.page_url(lang, cat.guide_rel(g)) for lang in KIT.languages for g in cat.guides]
        urls += [cat.page_url(KIT.source_language, cat.grid_rel(c.id)) for c in KIT.framework.competences]
        for url in urls:
            page.goto(f"{served_site}{url}")
            page.wait_for_load_state("load")
            boxes = page.evaluate(
                """() => [...document.querySelectorAll('article *')]
                  .filter(el => el.scrollWidth > el.clientWidth + 1
                         && ['auto', 'scroll'].includes(getComputedStyle(el).overflowX))
                  .map(el => ({tabindex: el.getAttribute('tabindex'), role: el.getAttribute('role'),
                               label: el.getAttribute('aria-label') || '', table: !!el.querySelector('table')}))"""
            )
            if not boxes:
                continue
            for box in boxes:
                assert box["table"], (url, box)
                assert box["tabindex"] == "0", (url, box)
                assert box["role"] == "region", (url, box)
                assert len(box["label"]) > len("Table: "), (url, box)
            # Tab to the first wide table, then scroll it with the arrow key.
            page.evaluate("() => document.activeElement && document.activeElement.blur()")
            for _ in range(200):
                page.keyboard.press("Tab")
                focused = page.evaluate(
                    "() => { const el = document.activeElement;"
                    " return el && el.classList.contains('kit-scroll') && el.scrollWidth > el.clientWidth + 1 }"
                )
                if focused:
                    break
            assert focused, f"{url}: Tab never reached a wide table"
            before = page.evaluate("() => document.activeElement.scrollLeft")
            page.keyboard.press("ArrowRight")
            page.wait_for_timeout(300)
            assert page.evaluate("() => document.activeElement.scrollLeft") > before, url
            checked += len(boxes)
    finally:
        context.close()
    assert checked >= 3, "too few tables wider than a phone screen: the test checks nothing"


@pytest.mark.allow_browser_problems(
    r"Content Security Policy",  # the page's own policy refusing the scripts this test sends it
    r"example\.org",
)
def test_policy_blocks_other_origins_and_material_still_works(browser, served_site: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    try:
        page.goto(f"{served_site}fr/social-civic/teamwork/")
        page.evaluate("""() => { window.__csp = [];
            document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective)); }""")
        # Material's own scripts run: the search finds French pages.
        page.locator("label.md-search__icon, .md-search__input").first.click()
        wait_until_search_is_ready(page)
        page.locator(".md-search__input").press_sequentially("équipe")
        page.wait_for_selector(".md-search-result__item", timeout=15000)
        assert page.locator(".md-search-result__item").count() > 0
        # A script from another origin is refused by the policy, not loaded.
        page.evaluate("""() => new Promise(resolve => {
            const s = document.createElement('script');
            s.src = 'https://cdn.example.org/x.js'; s.onerror = resolve; document.head.append(s); })""")
        blocked = page.evaluate("() => window.__csp")
        assert "script-src-elem" in blocked or "script-src" in blocked
        # So is a connection to another origin.
        page.evaluate("() => fetch('https://collect.example.org/').catch(() => null)")
        page.wait_for_timeout(300)
        assert "connect-src" in page.evaluate("() => window.__csp")
        # The online tool runs under the same policy.
        page.goto(f"{served_site}fr/tool/")
        page.wait_for_selector("#kit-tool .kit-tool__nav")
    finally:
        context.close()
    own = [v for v in violations if "example.org" not in v]
    assert not own, own
