"""The fixture kit with questionnaires and event pages (tests/fixtures/feedback-overlay)."""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers import copy_fixture

OVERLAY = Path(__file__).resolve().parent / "fixtures" / "feedback-overlay"


def feedback_kit(dest: Path) -> Path:
    """A copy of the fixture kit (Italian source, raters learner and mentor, a 0-3 scale) with
    the overlay's evaluation.yml, its evaluation and events pages and their strings."""
    kit = copy_fixture(dest)
    shutil.copytree(OVERLAY / "content", kit / "content", dirs_exist_ok=True)
    strings = kit / "content" / "it" / "strings.yml"
    extra = (OVERLAY / "strings-it.yml").read_text(encoding="utf-8")
    strings.write_text(strings.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return kit
