"""Shared fixtures: real sites built from a copy of the project in tmp_path.

``build_copy`` copies mkdocs.yml, content/ and overrides/ into a
temporary folder (the code in scripts/ is used in place) and runs
``mkdocs build --strict`` there in a subprocess, as a user would.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from helpers import Build, copy_project, run_build


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Layers: tests on the whole real kit are `smoke`; tests on its PDFs are also `pdf`.
    The fast tier is `pytest -m "not smoke and not pdf and not browser"`."""
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if names & {"site", "served_site", "pdf_site", "served_pdf_site", "project_copy"}:
            item.add_marker(pytest.mark.smoke)
        if names & {"pdf_site", "served_pdf_site"}:
            item.add_marker(pytest.mark.pdf)
        if "browser" in names:
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A fresh, editable copy of the project for tests that break content."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The whole site in six languages, HTML only, built once per test session."""
    build = run_build(copy_project(tmp_path_factory.mktemp("site")))
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="session")
def pdf_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The whole site with every PDF, built once per test session."""
    build = run_build(copy_project(tmp_path_factory.mktemp("pdfsite")), pdf=True)
    assert build.returncode == 0, build.output
    return build


# Text that would be markup if anything on its way unescaped it (tests/test_search*.py).
HOSTILE_WORD = "zqxhostile"
HOSTILE_TEXT = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The site with an English page that shows, as text (entity-encoded in its source),
    markup that would run if any step unescaped it: in a heading and in a paragraph."""
    root = copy_project(tmp_path_factory.mktemp("hostile"))
    about = root / "content" / "en" / "about.md"
    shown = HOSTILE_TEXT.replace("<", "&lt;").replace(">", "&gt;")
    about.write_text(
        about.read_text(encoding="utf-8")
        + f"\n\n## Shown, not run: {HOSTILE_WORD} {shown} {{#shown-not-run}}\n\n"
        + f"The text {HOSTILE_WORD} {shown} and &lt;script&gt;alert(2)&lt;/script&gt; is only text.\n",
        encoding="utf-8",
    )
    build = run_build(root)
    assert build.returncode == 0, build.output
    return build


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve a built site on localhost; yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def served_site(site: Build) -> Iterator[str]:
    """The HTML site served on localhost; yields its base URL."""
    with serve(site.site) as url:
        yield url


@pytest.fixture(scope="session")
def served_pdf_site(pdf_site: Build) -> Iterator[str]:
    """The site with its PDFs served on localhost; yields its base URL."""
    with serve(pdf_site.site) as url:
        yield url


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


# Every browser test fails on a response of 400 or more, a console error or an uncaught
# exception in any page it opened, unless it names what it expects with
# @pytest.mark.allow_browser_problems("regex", ...).
BROWSER_PROBLEMS: list[str] = []


def _watch(context: Any) -> Any:
    def response(r: Any) -> None:
        if r.status >= 400:
            BROWSER_PROBLEMS.append(f"HTTP {r.status} {r.url}")

    def console(m: Any) -> None:
        if m.type == "error":
            BROWSER_PROBLEMS.append(f"console error: {m.text} ({m.location.get('url', '')})")

    context.on("response", response)
    context.on("console", console)
    context.on("weberror", lambda e: BROWSER_PROBLEMS.append(f"uncaught: {e.error}"))
    return context


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's chromium driven by Playwright (never a downloaded browser); every context
    it opens is watched for failed requests and errors (see BROWSER_PROBLEMS)."""
    if not CHROMIUM.exists():
        pytest.fail("the browser tests need /usr/bin/chromium: python3 scripts/kit.py test installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        new_context, new_page = chromium.new_context, chromium.new_page
        chromium.new_context = lambda *a, **k: _watch(new_context(*a, **k))  # type: ignore[method-assign]
        chromium.new_page = lambda *a, **k: _watch(new_page(*a, **k).context).pages[-1]  # type: ignore[method-assign]
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(autouse=True)
def _no_browser_problems(request: pytest.FixtureRequest) -> Iterator[None]:
    BROWSER_PROBLEMS.clear()
    yield
    if "browser" not in request.fixturenames:
        return
    marker = request.node.get_closest_marker("allow_browser_problems")
    allowed = [re.compile(pattern) for pattern in (marker.args if marker else ())]
    problems = [p for p in BROWSER_PROBLEMS if not any(a.search(p) for a in allowed)]
    BROWSER_PROBLEMS.clear()
    if problems:
        pytest.fail("the browser saw:\n" + "\n".join(problems[:20]), pytrace=False)
