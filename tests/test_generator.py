"""The generator is a generator: a second kit, a new kit from `kit new`, publishing, the PDF cache.

The fixture kit (tests/fixtures/digital-kit) has another framework (two digital skills in
one competence, a 0-3 scale, two raters: learner and mentor), Italian as its source
language and English as a translation, and no Python of its own.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from helpers import FIXTURE, build_in_process, copy_fixture, parse
from janus_kit.errors import ContentError
from janus_kit.kit import Kit
from janus_kit.pipeline import Options, PageRef, Pipeline


def test_the_fixture_kit_has_no_python_of_its_own() -> None:
    assert not [p for p in FIXTURE.rglob("*") if p.suffix in {".py", ".pyc"}]


@pytest.mark.pdf
def test_the_second_kit_builds_site_grids_tool_and_pdfs(tmp_path: Path) -> None:
    kit_dir = copy_fixture(tmp_path / "kit")
    build = build_in_process(kit_dir, pdf=True)
    assert build.ok, build.error
    kit = Kit.at(kit_dir)
    cat = kit.catalogue
    for lang in kit.languages:
        prefix = "" if lang == kit.source_language else f"{lang}/"
        for rel in cat.required_pages():
            assert (build.site / cat.page_url(lang, rel) / "index.html").exists(), (lang, rel)
        for spec in kit.documents(lang):
            assert (build.site / cat.pdf_url(spec)).stat().st_size > 1000, spec.filename
        grid = build.read(f"{prefix}grids/digitale/index.html")
        headers = [t for t, a in parse(build.site / f"{prefix}grids/digitale/index.html").tags if t == "th"]
        assert headers, "the grid table is there"
        for value in kit.framework.scale:
            assert kit.strings(lang).text(f"scale.{value}.label") in grid
        assert grid.count('class="kit-scale"') == len(kit.framework.scale) * 2  # a 0-3 scale: 4 columns, 2 skills
        tool = build.read(f"{prefix}tool/index.html")
        assert 'id="kit-tool-data"' in tool
        for rater in kit.framework.raters:
            assert kit.strings(lang).text(f"raters.{rater}") in tool
    assert "Tutor aziendale" in build.read("tool/index.html")
    assert "Company mentor" in build.read("en/tool/index.html")


def test_a_new_kit_builds_at_once(tmp_path: Path) -> None:
    target = tmp_path / "my-kit"
    result = subprocess.run(
        [sys.executable, "-m", "janus_kit", "new", str(target), "--name", "Kit des métiers"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "mkdocs serve" in result.stdout
    build = build_in_process(target)
    assert build.ok, build.error
    home = build.read("index.html")
    assert "Kit des métiers" in home
    assert (build.site / "skills" / "first-skill" / "index.html").exists()
    assert (build.site / "tool" / "index.html").exists()
    again = subprocess.run(
        [sys.executable, "-m", "janus_kit", "new", str(target)], capture_output=True, text=True, check=False
    )
    assert again.returncode == 2
    assert "is not empty" in again.stderr


def test_publish_refuses_a_placeholder_address_and_copies_a_real_one(tmp_path: Path) -> None:
    """As the "Make your own kit" page says: build with the real address, then publish (the
    address is read from the built site); a site built without one is refused."""
    kit_dir = copy_fixture(tmp_path / "kit")
    target = tmp_path / "host"
    (target / ".git").mkdir(parents=True)
    (target / "old.html").write_text("old")

    def publish(**env: str) -> subprocess.CompletedProcess[str]:
        environ = {k: v for k, v in __import__("os").environ.items() if k != "KIT_SITE_URL"}
        return subprocess.run(
            [sys.executable, "-m", "janus_kit", "--root", str(kit_dir), "publish", str(target)],
            capture_output=True,
            text=True,
            check=False,
            env={**environ, **env},
        )

    real = "https://digital.kit-centre.eu/"
    build = build_in_process(kit_dir, env={"KIT_SITE_URL": real})
    assert build.ok, build.error
    ok = publish()  # no address given: the built site's own
    assert ok.returncode == 0, ok.stderr
    assert (target / "index.html").exists() and (target / "en" / "index.html").exists()
    assert (target / ".git").is_dir() and not (target / "old.html").exists()
    other = publish(KIT_SITE_URL="https://other.kit-centre.eu/")
    assert other.returncode == 1 and "built for https://digital.kit-centre.eu/" in other.stderr, other.stderr
    build = build_in_process(kit_dir)  # the placeholder address of mkdocs.yml
    assert build.ok, build.error
    refused = publish()
    assert refused.returncode == 1
    assert "not a real public address" in refused.stderr and "KIT_SITE_URL=" in refused.stderr
    assert "mkdocs build" in refused.stderr and "Traceback" not in refused.stderr


def test_gh_deploy_refuses_a_placeholder_address(tmp_path: Path) -> None:
    from mkdocs.config import load_config
    from mkdocs.exceptions import PluginError

    kit_dir = copy_fixture(tmp_path / "kit")
    config = load_config(str(kit_dir / "mkdocs.yml"))
    config.plugins.on_startup(command="gh-deploy", dirty=False)
    with pytest.raises(PluginError, match="gh-deploy refuses"):
        config.plugins.on_config(config)


def test_the_pipeline_runs_without_mkdocs(tmp_path: Path) -> None:
    """Another engine hands the pipeline a page's HTML; the pipeline decorates it by kind."""
    import markdown

    kit_dir = copy_fixture(tmp_path / "kit")
    pipeline = Pipeline.at(kit_dir, Options(pdf=False))
    pipeline.validate()
    from janus_kit import frontmatter

    source = frontmatter.read(kit_dir / "content" / "en" / "grids" / "digitale.md")
    body = markdown.markdown(source.body)
    html = pipeline.page(PageRef("en", "grids/digitale.md", "en/grids/digitale/", "en"), body)
    assert 'class="kit-grid"' in html  # the grid table, from the page's front matter, in English
    assert "Checks the sender before opening an attachment" in html
    assert 'href="../../digitale/sicurezza-online/"' in html  # links by the catalogue's URL rule
    with pytest.raises(ContentError, match="'onclick=' is not allowed"):
        pipeline.page(PageRef("en", "grids/digitale.md", "en/grids/digitale/", "en"), body + "<b onclick=x>x</b>")
    assert (
        pipeline.finish_html(f"<html><head></head><body>{html}</body></html>", source="x").count(
            "Content-Security-Policy"
        )
        == 1
    )


def test_the_pdf_cache_key_covers_all_of_the_generators_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from janus_kit.pdf import build

    copy = tmp_path / "janus_kit"
    shutil.copytree(build.PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(build, "PACKAGE_DIR", copy)
    monkeypatch.setattr(build, "PRINT_DIR", copy / "print")
    monkeypatch.setattr(build, "FONT_DIR", copy / "theme" / "assets" / "fonts")
    before = build.code_digest()
    for module in ("strings.py", "content.py", "kit.py", "catalogue.py"):
        (copy / module).write_text((copy / module).read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
        after = build.code_digest()
        assert after != before, module
        before = after


def test_an_interrupt_is_not_reported_as_a_rendering_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from janus_kit.pdf import render

    class Interrupting:
        def __init__(self, **_: object) -> None:
            raise KeyboardInterrupt

    monkeypatch.setattr(render.weasyprint, "HTML", Interrupting)
    job = render.Job("x", "<p>x</p>", str(tmp_path / "x.pdf"), str(tmp_path), str(tmp_path))
    with pytest.raises(KeyboardInterrupt):
        render.render(job)
    assert not list(tmp_path.glob("*.pdf"))


@pytest.mark.pdf
@pytest.mark.browser
def test_the_offline_copy_opens_from_file_urls(tmp_path: Path, browser) -> None:
    """Each language's zip, unpacked on a laptop, works from file:// in Chromium: the pages,
    the grids, the PDFs and the online tool."""
    import zipfile

    kit_dir = copy_fixture(tmp_path / "kit")
    config = kit_dir / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("  - janus-kit\n", "  - janus-kit:\n      offline: true\n")
    )
    build = build_in_process(kit_dir, pdf=True)
    assert build.ok, build.error
    kit = Kit.at(kit_dir)
    downloads = build.read("en/downloads/index.html")
    assert 'href="../../offline/digital-kit-en-offline.zip"' in downloads
    for lang in kit.languages:
        archive = build.site / kit.catalogue.offline_url(lang)
        unpacked = tmp_path / f"unpacked-{lang}"
        with zipfile.ZipFile(archive) as zipped:
            names = zipped.namelist()
            zipped.extractall(unpacked)
        other = [code for code in kit.languages if code != lang and code != kit.source_language]
        assert not [n for n in names if any(f"/{code}/" in n for code in other)], "only this language"
        root = unpacked / f"digital-kit-{lang}"
        prefix = "" if lang == kit.source_language else f"{lang}/"
        assert (root / prefix / "pdf").is_dir() or (root / "pdf").is_dir()
        context = browser.new_context()
        page = context.new_page()
        problems: list[str] = []
        page.on("console", lambda m, seen=problems: seen.append(m.text) if m.type == "error" else None)
        # a missing file is net::ERR_FILE_NOT_FOUND; a request cut short because the test moves
        # on to the next page (the favicon, often) is net::ERR_ABORTED and not a problem
        page.on(
            "requestfailed",
            lambda r, seen=problems: (
                None if r.failure == "net::ERR_ABORTED" else seen.append(f"failed: {r.url} {r.failure}")
            ),
        )
        page.goto((root / "index.html").as_uri())
        page.wait_for_load_state("load")
        if prefix:  # the start page sends the reader on to the language's home: let it land first
            page.wait_for_url(f"**/{prefix}index.html")
            page.wait_for_load_state("load")
        page.goto((root / prefix / "grids" / "digitale.html").as_uri())
        assert page.locator(".kit-grid").count() == 1
        page.goto((root / prefix / "tool.html").as_uri())
        page.wait_for_selector("#kit-tool select, #kit-tool button", timeout=5000)
        page.goto((root / prefix / "digitale" / "sicurezza-online.html").as_uri())
        pdf_link = page.locator("a[download][href$='.pdf']").first.get_attribute("href")
        assert pdf_link
        assert (root / prefix / "digitale" / pdf_link).resolve().exists(), pdf_link
        switcher = [a.get_attribute("href") for a in page.locator("a[hreflang]").all()]
        assert any(href and href.startswith("https://") for href in switcher), switcher
        # search, from file:// too: a word of this language finds its pages
        word = {"it": "sicurezza", "en": "safety"}[lang]
        page.wait_for_function("document.querySelector('.md-search__input') !== null")
        page.wait_for_timeout(1500)  # the worker (in the shim's iframe) loads its index
        page.click(".md-search__input")
        page.keyboard.type(word, delay=40)
        page.wait_for_selector(".md-search-result__item", timeout=15000)
        assert page.locator(".md-search-result__item").count() >= 1
        context.close()
        assert not problems, problems


def test_a_new_skill_needs_content_and_model_data_only(tmp_path: Path) -> None:
    kit_dir = copy_fixture(tmp_path / "kit")
    model = kit_dir / "content" / "framework.yml"
    model.write_text(
        model.read_text(encoding="utf-8").replace(
            "      - id: comunicazione-digitale\n",
            "      - id: comunicazione-digitale\n        esco: [6f142deb-03a9-4cd7-94ce-e0f023ae2169]\n"
            "      - id: dati-clienti\n",
            1,
        ),
        encoding="utf-8",
    )
    module = kit_dir / "content" / "it" / "digitale"
    (module / "dati-clienti.md").write_text(
        (module / "sicurezza-online.md")
        .read_text(encoding="utf-8")
        .replace("skill: sicurezza-online", "skill: dati-clienti"),
        encoding="utf-8",
    )
    grid = kit_dir / "content" / "it" / "grids" / "digitale.md"
    grid.write_text(
        grid.read_text(encoding="utf-8").replace(
            "---\n\n#",
            "  - id: dati-clienti\n    name: Dati dei clienti\n    indicators:\n"
            "      - Chiude lo schermo quando si allontana\n      - Non lascia fogli con dati sul banco\n---\n\n#",
            1,
        ),
        encoding="utf-8",
    )
    config = kit_dir / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "      - digitale/comunicazione-digitale.md\n",
            "      - digitale/comunicazione-digitale.md\n      - digitale/dati-clienti.md\n",
        ),
        encoding="utf-8",
    )
    build = build_in_process(kit_dir)
    assert build.ok, build.error
    assert "Dati dei clienti" in build.read("grids/digitale/index.html")
    assert '"dati-clienti"' in build.read("tool/index.html")
    assert "Dati dei clienti" in build.read("en/grids/digitale/index.html")  # outdated English grid falls back
    kit = Kit.at(kit_dir)
    assert "module-dati-clienti" in {spec.id for spec in kit.catalogue.documents("it")}


def test_a_new_language_needs_a_folder_and_one_line_of_configuration(tmp_path: Path) -> None:
    kit_dir = copy_fixture(tmp_path / "kit")
    config = kit_dir / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "        - locale: en\n          name: English\n          build: true\n",
            "        - locale: en\n          name: English\n          build: true\n"
            "        - locale: lt\n          name: Lietuvių\n          build: true\n",
        ),
        encoding="utf-8",
    )
    (kit_dir / "content" / "lt").mkdir()
    (kit_dir / "content" / "lt" / "strings.yml").write_text(
        "raters:\n  learner: Mokinys\n  mentor: Praktikos vadovas\n", encoding="utf-8"
    )
    build = build_in_process(kit_dir)
    assert build.ok, build.error
    tool = build.read("lt/tool/index.html")
    assert '<html lang="lt"' in tool and "Praktikos vadovas" in tool
    assert "Mokinys" in tool
    assert 'data-kit-notice="fallback"' in build.read("lt/index.html")
    assert "Šis puslapis" in build.read("lt/index.html") or "lietuv" in build.read("lt/index.html").lower()


def test_the_vendored_search_shim_is_the_pinned_package_and_its_script_is_known() -> None:
    import base64
    import hashlib

    from helpers import ROOT
    from janus_kit import offline_search

    pinned = ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"
    assert pinned.read_bytes() == offline_search.SHIM_FILE.read_bytes()
    script = offline_search.inline_script("../assets/w.js")
    assert script.startswith("postMessage=function ") and 'filename:"../assets/w.js"' in script
    page = '<script id="__config" type="application/json">{"search": "../assets/w.js"}</script>'
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert offline_search.script_hash(page) == f"'sha256-{digest}'"
    assert offline_search.script_hash("<p>no config</p>") is None
