"""The feedback modules' unit tests (tests/js/feedback*.test.mjs), run by Node's own test runner."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

JS_TESTS = Path(__file__).resolve().parent / "js"


def test_the_feedback_modules_pass_their_node_tests() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.fail("the JavaScript unit tests need Node.js (node) on the PATH")
    files = sorted(str(p) for p in JS_TESTS.glob("feedback*.test.mjs"))
    assert files, "no tests/js/feedback*.test.mjs"
    result = subprocess.run([node, "--test", *files], capture_output=True, text=True, timeout=120, check=False)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    passed = re.search(r"^# pass (\d+)$", output, re.M)
    failed = re.search(r"^# fail (\d+)$", output, re.M)
    assert passed and int(passed[1]) >= 9, output
    assert failed and int(failed[1]) == 0, output
