"""The translation workflow: status, diff, start, refresh and the structure checks.

The workflow is played on a git copy of the fixture kit (Italian source, English
translation), so that it is tested whatever state the real kit's translations are in;
one test checks the real kit's state itself.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT, build_in_process, copy_fixture

# What the fixture kit leaves untranslated in English (its fallback pages).
UNTRANSLATED = (
    "digitale/comunicazione-digitale.md",
    "guides/index.md",
    "guides/mentor.md",
    "translation-status.md",
    "verify.md",
)


def kit(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    code = "import sys; from janus_kit import cli; sys.exit(cli.main(sys.argv[1:]))"
    return subprocess.run(
        [sys.executable, "-c", code, "--root", str(project), *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def git(project: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
        cwd=project,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    project = copy_fixture(tmp_path / "kit")
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "base")
    return project


def test_the_real_kit_is_fully_translated() -> None:
    """Every page and string of every language is translated and up to date."""
    result = kit(ROOT, "status", "--check")
    assert result.returncode == 0, result.stdout + result.stderr


def test_status_counts_translated_and_missing_pages(repo: Path) -> None:
    result = kit(repo, "status")
    total = len(list((repo / "content" / "it").rglob("*.md"))) + 1  # + strings.yml
    assert (
        f"en: {total - len(UNTRANSLATED)}/{total} translated, {len(UNTRANSLATED)} missing, 0 outdated" in result.stdout
    )
    for rel in UNTRANSLATED:
        assert f"missing   content/en/{rel}" in result.stdout


def test_changed_source_page_makes_its_translation_outdated_with_a_diff(repo: Path) -> None:
    page = repo / "content" / "it" / "digitale" / "sicurezza-online.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("- Fermati, guarda, chiedi.", "- Fermati, guarda, chiedi.\n- Una frase nuova."))
    git(repo, "commit", "-qam", "change")
    result = kit(repo, "status", "--diff", "--check")
    assert result.returncode == 1
    assert "outdated  content/en/digitale/sicurezza-online.md" in result.stdout
    assert "+- Una frase nuova." in result.stdout  # git diff of the two blob hashes
    assert "not complete: en" in result.stderr
    build = build_in_process(repo)
    assert build.ok, build.error
    html = build.read("en/digitale/sicurezza-online/index.html")
    assert 'data-kit-notice="outdated"' in html
    assert 'href="../../../digitale/sicurezza-online/"' in html
    assert "The original of this page changed after it was translated." in html  # the kit's own English notice
    refreshed = kit(repo, "translate", "refresh", "en", "digitale/sicurezza-online.md")
    assert refreshed.returncode == 0, refreshed.stdout
    assert ", 0 outdated," in kit(repo, "status").stdout


def test_an_untranslated_page_falls_back_with_a_notice_in_the_readers_language(repo: Path) -> None:
    build = build_in_process(repo)
    assert build.ok, build.error
    html = build.read("en/guides/mentor/index.html")
    assert '<html lang="en"' in html
    assert 'data-kit-notice="fallback"' in html
    assert "This page is not translated yet: you are reading the original." in html
    assert "Guida per il tutor aziendale" in html
    assert "data-kit-notice" not in build.read("en/guides/learner/index.html")


def test_start_copies_the_source_page_with_its_marker(repo: Path) -> None:
    started = kit(repo, "translate", "start", "en", "guides/mentor.md")
    assert started.returncode == 0, started.stdout
    copy = (repo / "content" / "en" / "guides" / "mentor.md").read_text(encoding="utf-8")
    blob = subprocess.run(
        ["git", "hash-object", "content/it/guides/mentor.md"], cwd=repo, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert f"source_hash: {blob}\n" in copy
    assert "missing   content/en/guides/mentor.md" not in kit(repo, "status").stdout
    again = kit(repo, "translate", "start", "en", "guides/mentor.md")
    assert again.returncode == 2
    assert "exists already" in again.stdout


def test_dropped_indicator_in_a_translated_grid_fails_the_check(repo: Path) -> None:
    grid = repo / "content" / "en" / "grids" / "digitale.md"
    text = grid.read_text(encoding="utf-8")
    grid.write_text(text.replace("      - Reads a message again before sending it\n", ""))
    result = kit(repo, "check")
    assert result.returncode == 1
    assert "content/en/grids/digitale.md:" in result.stderr
    assert "has 2 indicators here and 3 in the source grid" in result.stderr


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("{#why}", "{#perche}", "the required section '{#why}' is missing"),
        ('!!! failure "', '!!! warning "', "should be '!!! failure'"),
        ("(../grids/digitale.md)", "(../grid/digitale.md)", "link(s) missing: ../grids/digitale.md"),
    ],
)
def test_module_structure_checks_name_the_file_and_difference(repo: Path, old: str, new: str, expected: str) -> None:
    module = repo / "content" / "en" / "digitale" / "sicurezza-online.md"
    text = module.read_text(encoding="utf-8")
    assert old in text
    module.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = kit(repo, "check")
    assert result.returncode == 1
    assert "content/en/digitale/sicurezza-online.md" in result.stderr
    assert expected in result.stderr


def test_missing_string_in_an_up_to_date_translation_is_named(repo: Path) -> None:
    strings = repo / "content" / "en" / "strings.yml"
    lines = strings.read_text(encoding="utf-8").splitlines()
    strings.write_text("\n".join(line for line in lines if not line.startswith("  mentor:")) + "\n")
    result = kit(repo, "check")
    assert result.returncode == 1
    assert "content/en/strings.yml: 1 interface string(s) missing, first: 'raters.mentor'" in result.stderr


def test_while_strings_are_outdated_a_missing_key_falls_back_to_the_source(repo: Path) -> None:
    source = repo / "content" / "it" / "strings.yml"
    source.write_text(source.read_text(encoding="utf-8").replace("  mentor: Tutor aziendale\n", "  mentor: Tutor\n"))
    strings = repo / "content" / "en" / "strings.yml"
    lines = strings.read_text(encoding="utf-8").splitlines()
    strings.write_text("\n".join(line for line in lines if not line.startswith("  mentor:")) + "\n")
    assert kit(repo, "check").returncode == 0
    assert "outdated  content/en/strings.yml" in kit(repo, "status").stdout
    build = build_in_process(repo)
    assert build.ok, build.error
    assert "Tutor" in build.read("en/tool/index.html")


def test_a_translation_page_without_source_is_named(repo: Path) -> None:
    (repo / "content" / "en" / "extra.md").write_text("# Extra\n", encoding="utf-8")
    result = kit(repo, "check")
    assert result.returncode == 1
    assert "content/en/extra.md: this page has no source page" in result.stderr
