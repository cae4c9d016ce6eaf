"""The translation workflow on a real copy of the content: status, diff, start, refresh, checks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import copy_project, run_build

ROOT = Path(__file__).resolve().parents[1]


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
    project = copy_project(tmp_path / "project")
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "base")
    return project


def test_complete_languages_pass_the_check(repo: Path) -> None:
    result = kit(repo, "status", "--check")
    assert result.returncode == 0, result.stdout + result.stderr
    for lang in ("fr", "es", "de", "ro", "lt"):
        assert f"{lang}: 30/30 translated, 0 missing, 0 outdated" in result.stdout


def test_changed_english_page_makes_its_translations_outdated_with_a_diff(repo: Path) -> None:
    page = repo / "content" / "en" / "social-civic" / "teamwork.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            "## Key points {#key-points}",
            "## Key points {#key-points}\n\nA new sentence for the key points.",
            1,
        ),
        encoding="utf-8",
    )
    git(repo, "commit", "-qam", "change")
    result = kit(repo, "status", "--lang", "fr", "--diff", "--check")
    assert result.returncode == 1
    assert "fr: 29/30 translated, 0 missing, 1 outdated" in result.stdout
    assert "outdated  content/fr/social-civic/teamwork.md" in result.stdout
    assert "+A new sentence for the key points." in result.stdout  # git diff of the two blob hashes
    assert "not complete: fr" in result.stderr
    # The site shows the outdated notice in French, linking to the English page.
    build = run_build(repo)
    assert build.returncode == 0, build.output
    html = (build.site / "fr" / "social-civic" / "teamwork" / "index.html").read_text(encoding="utf-8")
    assert 'data-kit-notice="outdated"' in html
    assert 'href="../../../social-civic/teamwork/"' in html
    # After updating the translation, refresh records the new English version.
    refreshed = kit(repo, "translate", "refresh", "fr", "social-civic/teamwork.md")
    assert refreshed.returncode == 0, refreshed.stdout
    assert kit(repo, "status", "--lang", "fr", "--check").returncode == 0


def test_start_copies_the_english_page_with_its_marker(repo: Path) -> None:
    (repo / "content" / "lt" / "social-civic" / "teamwork.md").unlink()
    missing = kit(repo, "status", "--lang", "lt")
    assert "missing   content/lt/social-civic/teamwork.md" in missing.stdout
    started = kit(repo, "translate", "start", "lt", "social-civic/teamwork.md")
    assert started.returncode == 0, started.stdout
    copy = (repo / "content" / "lt" / "social-civic" / "teamwork.md").read_text(encoding="utf-8")
    blob = subprocess.run(
        ["git", "hash-object", "content/en/social-civic/teamwork.md"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert f"source_hash: {blob}\n" in copy
    assert kit(repo, "status", "--lang", "lt", "--check").returncode == 0
    again = kit(repo, "translate", "start", "lt", "social-civic/teamwork.md")
    assert again.returncode == 2
    assert "exists already" in again.stdout


def test_dropped_indicator_in_a_translated_grid_fails_the_check(repo: Path) -> None:
    grid = repo / "content" / "es" / "grids" / "social-civic.md"
    lines = grid.read_text(encoding="utf-8").splitlines(keepends=True)
    first = next(i for i, line in enumerate(lines) if line.strip() == "indicators:")
    del lines[first + 1]
    grid.write_text("".join(lines), encoding="utf-8")
    result = kit(repo, "check")
    assert result.returncode == 1
    assert "content/es/grids/social-civic.md:" in result.stderr
    assert "indicators here and 4 in the source grid" in result.stderr


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("{#why-tutor}", "{#por-que-tutor}", "missing heading(s) or anchor(s): ### {#why-tutor}"),
        ('!!! failure "', '!!! warning "', "should be '!!! failure'"),
        ("(../grids/", "(../grid/", "link(s) missing: ../grids/"),
    ],
)
def test_module_structure_checks_name_the_file_and_difference(repo: Path, old: str, new: str, expected: str) -> None:
    module = repo / "content" / "es" / "social-civic" / "teamwork.md"
    text = module.read_text(encoding="utf-8")
    assert old in text
    module.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = kit(repo, "check")
    assert result.returncode == 1
    assert "content/es/social-civic/teamwork.md" in result.stderr
    assert expected in result.stderr


def test_missing_ui_string_is_named(repo: Path) -> None:
    strings = repo / "content" / "de" / "strings.yml"
    strings.write_text(
        "\n".join(
            line for line in strings.read_text(encoding="utf-8").splitlines() if not line.startswith("  review_title:")
        )
        + "\n",
        encoding="utf-8",
    )
    result = kit(repo, "check")
    assert result.returncode == 1
    assert "content/de/strings.yml: 1 interface string(s) missing, first: 'pdf.review_title'" in result.stderr
