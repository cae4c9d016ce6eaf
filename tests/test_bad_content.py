"""Bad content fails the build with one clear message naming file and line; no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import run_build
from janus_kit import translation

# (file to break, text to replace, replacement, expected message part)
CASES = {
    "malformed-front-matter": (
        "content/fr/social-civic/teamwork.md",
        "trade: ",
        'trade: "chantier\n  oops: [',
        "content/fr/social-civic/teamwork.md:",
    ),
    "front-matter-never-closed": (
        "content/es/about.md",
        "---\n\n#",
        "\n#",
        "content/es/about.md:1: the front matter starts with '---' but never ends",
    ),
    "unknown-skill-id": (
        "content/en/grids/social-civic.md",
        "- id: empathy-respect",
        "- id: empathy",
        "content/en/grids/social-civic.md:",
    ),
    "duplicate-skill-id": (
        "content/en/grids/social-civic.md",
        "- id: empathy-respect",
        "- id: teamwork",
        "the skill 'teamwork' is listed twice",
    ),
    "duplicate-skill-in-model": (
        "content/framework.yml",
        "      - id: planning",
        "      - id: teamwork",
        "content/framework.yml:",
    ),
    "wrong-scale-in-model": (
        "content/framework.yml",
        "scale: [0, 1, 2, 3, 4]",
        "scale: [1, 2, 3, 4, 5]",
        "content/framework.yml:",
    ),
    "missing-required-section": (
        "content/en/learning-to-learn/self-reflection.md",
        "{#levels}",
        "{#level-table}",
        "content/en/learning-to-learn/self-reflection.md: the required section '{#levels}' is missing",
    ),
    "translated-grid-drops-an-indicator": (
        "content/de/grids/learning-to-learn.md",
        None,
        None,
        "content/de/grids/learning-to-learn.md:",
    ),
    "yes-no-key": (
        "content/ro/strings.yml",
        "  unavailable:",
        "  off:",
        "content/ro/strings.yml:",
    ),
    "placeholder-lost": (
        "content/lt/strings.yml",
        "{minutes}",
        "minutes",
        "lost the placeholder {minutes}",
    ),
}


def _drop_first_indicator(text: str) -> str:
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.strip() == "indicators:")
    del lines[start + 1]
    return "".join(lines)


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_content_fails_with_one_clear_message(project_copy: Path, case: str) -> None:
    rel, old, new, expected = CASES[case]
    path = project_copy / rel
    text = path.read_text(encoding="utf-8")
    if old is None:
        # Only an up-to-date translation must mirror its source grid: mark this one up to date.
        source = project_copy / "content" / "en" / Path(rel).relative_to("content/de")
        translation.set_marker(path, translation.file_hash(source))
        text = path.read_text(encoding="utf-8")
        changed = _drop_first_indicator(text)
    else:
        assert old in text, f"the case '{case}' no longer matches {rel}"
        changed = text.replace(old, new, 1)
    path.write_text(changed, encoding="utf-8")
    build = run_build(project_copy)
    assert build.returncode != 0, f"{case}: the build passed"
    assert expected in build.output, build.output
    assert "Traceback" not in build.output
    errors = [line for line in build.output.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1, errors
    assert not (build.site / "index.html").exists(), "nothing half-built is published"
