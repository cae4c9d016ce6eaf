"""Accessibility (axe-core, WCAG 2.1 AA) and the Content-Security-Policy, in a real browser."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import LANGS, lang_root

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"
PAGE_TYPES = {
    "home": "",
    "module": "social-civic/teamwork/",
    "grid": "grids/learning-to-learn/",
    "guide": "guides/tutor/",
    "tool": "tool/",
    "downloads": "downloads/",
    "status": "translation-status/",
}
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `npm ci` (python3 scripts/kit.py test does it)")
    return AXE.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", LANGS)
def test_no_serious_or_critical_axe_violations(browser, served_pdf_site: str, axe_source: str, lang: str) -> None:
    context = browser.new_context(bypass_csp=True)  # axe is injected as an inline script
    page = context.new_page()
    found = []
    try:
        for kind, rel in PAGE_TYPES.items():
            page.goto(f"{served_pdf_site}{lang_root(lang)}{rel}")
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
        page.locator(".md-search__input").fill("équipe")
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
