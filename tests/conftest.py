"""Shared fixtures: real sites built from a copy of the project in tmp_path.

``build_copy`` copies mkdocs.yml, content/ and overrides/ into a
temporary folder (the code in scripts/ is used in place) and runs
``mkdocs build --strict`` there in a subprocess, as a user would.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

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


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's chromium driven by Playwright (never a downloaded browser)."""
    if not CHROMIUM.exists():
        pytest.fail("the browser tests need /usr/bin/chromium: python3 scripts/kit.py test installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
