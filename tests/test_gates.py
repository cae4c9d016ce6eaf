"""Quality gates on the built site: hostile content, link integrity, privacy, CSP."""

from __future__ import annotations

import re
from pathlib import Path

from helpers import Build, html_pages, parse, resolve
from janus_kit import lint


def test_real_content_passes_the_lint() -> None:
    for path in (Path(__file__).parents[1] / "content").rglob("*.md"):
        lint.check_file(path)


def test_every_internal_link_and_asset_resolves(site: Build) -> None:
    broken: list[str] = []
    checked = 0
    ids_cache: dict[Path, set[str]] = {}
    for page in html_pages(site.site):
        for tag, attrs in parse(page).tags:
            for attr in ("href", "src"):
                value = attrs.get(attr)
                if not value or (tag == "a" and attr == "src"):
                    continue
                if value.startswith("mailto:"):
                    continue
                target = resolve(site.site, page, value)
                if target is None:
                    continue
                checked += 1
                if value.startswith("#"):
                    target = page
                if not target.exists():
                    broken.append(f"{page.relative_to(site.site)} -> {value}")
                    continue
                fragment = value.split("#", 1)[1] if "#" in value else ""
                if fragment and target.suffix == ".html":
                    if target not in ids_cache:
                        ids_cache[target] = {a["id"] for _, a in parse(target).tags if "id" in a}
                    if fragment not in ids_cache[target]:
                        broken.append(f"{page.relative_to(site.site)} -> {value} (no such anchor)")
    assert checked > 5000
    assert not broken, "\n".join(broken[:30])


EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)", re.I)
CSS_IMPORT = re.compile(r"@import\s+['\"]([^'\"]+)", re.I)
JS_FETCH = re.compile(
    r"""(?:fetch|importScripts|new\s+(?:Worker|EventSource|WebSocket))\(\s*['"]((?:https?:)?//[^'"]+)"""
)


def test_no_external_resources_anywhere(site: Build) -> None:
    """Stylesheets, scripts, fonts, images, frames: all from the site's own origin."""
    found: list[str] = []
    resource_attrs = {
        "script": "src",
        "img": "src",
        "iframe": "src",
        "source": "src",
        "audio": "src",
        "video": "src",
        "embed": "src",
        "object": "data",
        "frame": "src",
    }
    for page in html_pages(site.site):
        for tag, attrs in parse(page).tags:
            if (
                tag == "link"
                and any(
                    r in attrs.get("rel", "")
                    for r in (
                        "stylesheet",
                        "preload",
                        "icon",
                        "prefetch",
                        "preconnect",
                        "modulepreload",
                        "manifest",
                    )
                )
                and EXTERNAL.match(attrs.get("href", ""))
            ):
                found.append(f"{page}: <link {attrs}>")
            attr = resource_attrs.get(tag)
            if attr and EXTERNAL.match(attrs.get(attr, "")):
                found.append(f"{page}: <{tag} {attr}={attrs[attr]}>")
            if "srcset" in attrs and EXTERNAL.search(attrs["srcset"]):
                found.append(f"{page}: srcset")
    for css in site.site.rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        for url in CSS_URL.findall(text) + CSS_IMPORT.findall(text):
            if EXTERNAL.match(url.strip()):
                found.append(f"{css}: {url}")
    for js in site.site.rglob("*.js"):
        text = js.read_text(encoding="utf-8", errors="replace")
        found += [f"{js}: {m}" for m in JS_FETCH.findall(text)]
    assert not found, "\n".join(found[:20])


def test_every_page_has_a_strict_content_security_policy(site: Build) -> None:
    for page in html_pages(site.site):
        metas = [
            a
            for tag, a in parse(page).tags
            if tag == "meta" and a.get("http-equiv", "").lower() == "content-security-policy"
        ]
        assert len(metas) == 1, page
        policy = dict(([*part.split(" ", 1), ""])[:2] for part in (p.strip() for p in metas[0]["content"].split(";")))
        assert policy["default-src"] == "'self'"
        assert policy["connect-src"] == "'self'"
        assert policy["script-src"].startswith("'self'")
        assert "http" not in policy["script-src"]
        assert "*" not in policy["script-src"]
        assert policy["script-src"] == "'self'", "no hash, no 'unsafe-inline': the CSP trusts no inline script"
        inline = [a for tag, a in parse(page).tags if tag == "script" and "src" not in a]
        assert all("json" in a.get("type", "") for a in inline), (page, inline)
