"""Small readers of built output shared by the tests (HTML parsing with the stdlib)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse


def _real_kit_languages() -> tuple[str, ...]:
    from janus_kit.project import Project

    return Project.at(Path(__file__).resolve().parents[1]).languages


LANGS = _real_kit_languages()  # the real kit's languages, from mkdocs.yml (source first)
SOURCE = LANGS[0]


def lang_root(lang: str) -> str:
    return "" if lang == SOURCE else f"{lang}/"


class Tags(HTMLParser):
    """Collects (tag, attrs) for every start tag, and the text of the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        if tag in {"script", "style"}:
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"} and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)


def parse(path: Path) -> Tags:
    parser = Tags()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def resolve(site: Path, page: Path, href: str) -> Path | None:
    """The file a same-site link points at, or None for another origin."""
    rel_page = page.relative_to(site).as_posix()
    base = "http://site.invalid/" + rel_page
    absolute = urljoin(base, href)
    parsed = urlparse(absolute)
    if parsed.netloc != "site.invalid":
        return None
    path = unquote(parsed.path).lstrip("/")
    target = site / path
    if path == "" or path.endswith("/"):
        target = target / "index.html"
    return target


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


ROOT = Path(__file__).resolve().parents[1]
COPIED = ("mkdocs.yml", "content", "overrides")


@dataclass
class Build:
    root: Path
    site: Path
    returncode: int
    output: str

    def read(self, rel: str) -> str:
        return (self.site / rel).read_text(encoding="utf-8")


def copy_project(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / name)
    return dest


def run_build(root: Path, *, pdf: bool = False, extra_env: dict[str, str] | None = None) -> Build:
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "KIT_PDF": "1" if pdf else "0",
        **(extra_env or {}),
    }
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(root / "site")],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return Build(root, root / "site", result.returncode, result.stdout + result.stderr)


FIXTURE = Path(__file__).resolve().parent / "fixtures" / "digital-kit"


@dataclass
class InProcessBuild:
    root: Path
    site: Path
    ok: bool
    error: str  # the one error message, or ""
    log: str  # what mkdocs logged
    traceback: bool  # an unexpected exception (a bug) instead of a clean error

    def read(self, rel: str) -> str:
        return (self.site / rel).read_text(encoding="utf-8")


def copy_fixture(dest: Path) -> Path:
    shutil.copytree(FIXTURE, dest)
    return dest


def build_in_process(root: Path, *, pdf: bool = False, env: dict[str, str] | None = None) -> InProcessBuild:
    """Build a kit in this process, as mkdocs-static-i18n's tests do (fast: no interpreter start)."""
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, BuildError, PluginError

    values = {"KIT_PDF": "1" if pdf else "0", "KIT_PDF_CACHE": str(root / ".cache" / "pdf"), **(env or {})}
    saved = {key: os.environ.get(key) for key in values}
    records: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(f"{record.levelname}: {record.getMessage()}")

    handler = Collect(level=logging.INFO)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    old_level = logger.level
    logger.setLevel(logging.INFO)
    site = root / "site"
    error, traceback, ok = "", False, False
    cwd = Path.cwd()
    try:
        os.environ.update(values)
        os.chdir(root)
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(site), strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
            ok = True
        finally:
            config.plugins.on_shutdown()
    except (PluginError, BuildError, Abort) as exc:
        logged = [r.removeprefix("ERROR: ") for r in records if r.startswith("ERROR: ")]
        error = "\n".join(logged) or str(exc)
    except Exception as exc:  # a bug: the user would have seen a traceback
        error, traceback = f"{type(exc).__name__}: {exc}", True
    finally:
        os.chdir(cwd)
        logger.removeHandler(handler)
        logger.setLevel(old_level)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return InProcessBuild(root, site, ok, error, "\n".join(records), traceback)


def wait_until_search_is_ready(page) -> None:
    """Material shows "type to start searching" once its worker has built the index."""
    page.wait_for_function(
        """() => { const config = JSON.parse(document.getElementById('__config').textContent);
                   const meta = document.querySelector('.md-search-result__meta');
                   return meta && meta.textContent.trim() === config.translations['search.result.placeholder'] }""",
        timeout=30000,
    )
