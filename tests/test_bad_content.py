"""Bad content fails the build with one clear message naming file and line; no traceback.

Every case breaks one file of a copy of the fixture kit and builds it in process; one
case goes through `mkdocs build` itself, to see exactly what an author sees.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import build_in_process, copy_fixture, run_build

# (file to break, text to replace, replacement, expected message part)
CASES = {
    "malformed-front-matter": (
        "content/en/digitale/sicurezza-online.md",
        "trade: ",
        'trade: "garage\n  oops: [',
        "content/en/digitale/sicurezza-online.md:",
    ),
    "front-matter-never-closed": (
        "content/it/guides/mentor.md",
        "---\n\n#",
        "\n#",
        "content/it/guides/mentor.md:1: the front matter starts with '---' but never ends",
    ),
    "unknown-skill-id": (
        "content/it/grids/digitale.md",
        "- id: comunicazione-digitale",
        "- id: comunicazione",
        "content/it/grids/digitale.md:10: unknown skill id 'comunicazione'",
    ),
    "duplicate-skill-id": (
        "content/it/grids/digitale.md",
        "- id: comunicazione-digitale",
        "- id: sicurezza-online",
        "the skill 'sicurezza-online' is listed twice",
    ),
    "unknown-skill-in-a-module": (
        "content/it/digitale/sicurezza-online.md",
        "skill: sicurezza-online",
        "skill: sicurezza",
        "content/it/digitale/sicurezza-online.md:2: unknown skill id 'sicurezza'",
    ),
    "duplicate-skill-in-model": (
        "content/framework.yml",
        "      - id: comunicazione-digitale",
        "      - id: sicurezza-online",
        "content/framework.yml:14: the skill id 'sicurezza-online' is used twice",
    ),
    "not-observed-off-the-scale": (
        "content/framework.yml",
        "not_observed: 0",
        "not_observed: 7",
        "content/framework.yml:17: not_observed: 7 is not a value of the scale",
    ),
    "self-rater-unknown": (
        "content/framework.yml",
        "self_rater: learner",
        "self_rater: trainee",
        "content/framework.yml:19: self_rater: 'trainee' is not one of the raters (learner, mentor)",
    ),
    "two-rules-one-flag": (
        "content/framework.yml",
        "  - id: support-needed",
        "  - id: overrating",
        "content/framework.yml:26: the flag id 'overrating' is used by two rules",
    ),
    "unknown-rule": (
        "content/framework.yml",
        "when: agreed_at_most",
        "when: agreed_below",
        "content/framework.yml:",
    ),
    "missing-required-section": (
        "content/it/digitale/comunicazione-digitale.md",
        "{#levels}",
        "{#livelli}",
        "content/it/digitale/comunicazione-digitale.md: the required section '{#levels}' is missing",
    ),
    "missing-required-page": (
        "content/it/guides/mentor.md",
        None,
        None,
        "content/it/guides/mentor.md: the kit needs this page (guide)",
    ),
    "translated-grid-drops-an-indicator": (
        "content/en/grids/digitale.md",
        "      - Reads a message again before sending it\n",
        "",
        "content/en/grids/digitale.md:10: the skill 'comunicazione-digitale' has 2 indicators here and 3",
    ),
    "yes-no-key": (
        "content/en/strings.yml",
        "  learner:",
        "  off:",
        "content/en/strings.yml:",
    ),
    "placeholder-invented": (
        "content/en/strings.yml",
        "button: Download the PDF",
        'button: "Download {file}"',
        "content/en/strings.yml:46: 'downloads.button' has the placeholder {file}",
    ),
    "language-folder-not-configured": (
        "content/de/index.md",
        None,
        "# Hallo\n",
        "content/de: 'de' is not one of the site's languages (it, en)",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_content_fails_with_one_clear_message(tmp_path: Path, case: str) -> None:
    rel, old, new, expected = CASES[case]
    kit = copy_fixture(tmp_path / "kit")
    path = kit / rel
    if old is None and new is None:
        path.unlink()
    elif old is None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(str(new), encoding="utf-8")
    else:
        text = path.read_text(encoding="utf-8")
        assert old in text, f"the case '{case}' no longer matches {rel}"
        path.write_text(text.replace(old, str(new), 1), encoding="utf-8")
    build = build_in_process(kit)
    assert not build.ok, f"{case}: the build passed"
    assert not build.traceback, build.error
    assert expected in build.error, build.error
    assert "->" in build.error or "is not one of" in build.error or "listed twice" in build.error, build.error
    assert not (build.site / "index.html").exists(), "nothing half-built is published"


def test_an_author_sees_one_error_line_and_no_traceback(tmp_path: Path) -> None:
    kit = copy_fixture(tmp_path / "kit")
    grid = kit / "content" / "it" / "grids" / "digitale.md"
    grid.write_text(grid.read_text(encoding="utf-8").replace("- id: comunicazione-digitale", "- id: comunicazione"))
    build = run_build(kit)
    assert build.returncode != 0
    assert "Traceback" not in build.output
    errors = [line for line in build.output.splitlines() if line.startswith("ERROR")]
    assert errors == ["ERROR   -  Content error in content/it/grids/digitale.md:10: unknown skill id 'comunicazione'"]
