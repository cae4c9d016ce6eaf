"""The tool's pure functions, called in the browser: levels, agreed level, gap rules, record checks.

``window.KitTool.evaluateFlags(current, previous, rules)`` reads the ``flags`` rules of
content/framework.yml as data; each case below names a rule, its boundary or the
not-observed case (0 = not observed, never a low score).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def tool(browser, served_site: str) -> Iterator[object]:
    context = browser.new_context()
    page = context.new_page()
    page.goto(served_site + "tool/")
    page.wait_for_function("window.KitTool !== undefined")
    try:
        yield page
    finally:
        context.close()


def flags(tool, current, previous=None, rules=None) -> list[str]:
    result = tool.evaluate(
        "([c, p, r]) => window.KitTool.evaluateFlags(c, p, r === null ? undefined : r)",
        [current, previous, rules],
    )
    return [f["id"] for f in result]


def levels(trainee: int | None, tutor: int | None, trainer: int | None) -> dict[str, int]:
    given = {"trainee": trainee, "tutor": tutor, "trainer": trainer}
    return {rater: level for rater, level in given.items() if level is not None}


def test_the_page_carries_the_rules_of_the_framework(tool) -> None:
    framework = yaml.safe_load((ROOT / "content" / "framework.yml").read_text(encoding="utf-8"))
    data = json.loads(tool.locator("#kit-tool-data").text_content())
    assert data["framework"]["flags"] == framework["flags"]
    assert data["framework"]["not_observed"] == 0


DEFAULT_RULES = [
    # blind spot: the trainee at least 1 above every other rater who observed
    pytest.param(levels(4, 3, 3), None, ["blind-spot"], id="blind-spot-at-margin"),
    pytest.param(levels(3, 3, 3), None, [], id="blind-spot-equal-is-not"),
    pytest.param(levels(4, 3, 4), None, [], id="blind-spot-not-above-all"),
    pytest.param(levels(4, 3, 0), None, ["blind-spot"], id="blind-spot-ignores-not-observed"),
    pytest.param(levels(4, 0, 0), None, [], id="blind-spot-needs-another-rater"),
    pytest.param(levels(4, None, None), None, [], id="blind-spot-trainee-alone"),
    # hidden strength: the trainee at least 2 below another rater (then also 2 apart)
    pytest.param(levels(1, 3, 3), None, ["hidden-strength", "disagreement"], id="hidden-strength-at-margin"),
    pytest.param(levels(2, 3, 3), None, [], id="hidden-strength-one-below-is-not"),
    pytest.param(levels(2, 4, 0), None, ["hidden-strength", "disagreement"], id="hidden-strength-one-other"),
    pytest.param(levels(0, 3, 3), None, [], id="hidden-strength-trainee-not-observed"),
    # disagreement: any two raters 2 or more apart
    pytest.param(levels(3, 3, 1), None, ["disagreement"], id="disagreement-at-margin"),
    pytest.param(levels(3, 4, 2), None, ["disagreement"], id="disagreement-tutor-trainer"),
    pytest.param(levels(3, 4, 3), None, [], id="disagreement-one-apart-is-not"),
    pytest.param(levels(3, 0, 1), None, ["blind-spot", "disagreement", "training-need"], id="not-observed-left-out"),
    # training need: agreed (median of the available levels) 2 or lower
    pytest.param(levels(2, 2, 2), None, ["training-need"], id="training-need-at-level"),
    pytest.param(levels(2, 2, 3), None, ["training-need"], id="training-need-median"),
    pytest.param(levels(3, 3, 3), levels(3, 3, 3), [], id="training-need-three-is-not"),
    pytest.param(levels(2, 2, 2), levels(2, 2, 2), ["training-need"], id="training-need-once-for-two-rules"),
    pytest.param(levels(0, 0, 0), None, [], id="nothing-observed"),
    pytest.param({}, None, [], id="nothing-rated"),
]


@pytest.mark.parametrize(("current", "previous", "expected"), DEFAULT_RULES)
def test_default_rules(tool, current, previous, expected) -> None:
    assert flags(tool, current, previous) == expected


NO_PROGRESS = [{"id": "training-need", "when": "no_progress_below", "level": 3}]


@pytest.mark.parametrize(
    ("current", "previous", "expected"),
    [
        pytest.param(levels(2, 2, 2), levels(2, 2, 2), ["training-need"], id="same-level-below-3"),
        pytest.param(levels(2, 2, 2), levels(3, 3, 3), ["training-need"], id="went-down"),
        pytest.param(levels(2, 2, 2), levels(1, 1, 1), [], id="progressed"),
        pytest.param(levels(3, 3, 3), levels(3, 3, 3), [], id="at-level-3-is-not"),
        pytest.param(levels(2, 2, 2), None, [], id="no-previous-checkpoint"),
        pytest.param(levels(2, 2, 2), levels(0, 0, 0), [], id="previous-not-observed"),
        pytest.param(levels(0, 0, 0), levels(2, 2, 2), [], id="now-not-observed"),
        pytest.param(levels(2, 0, None), levels(0, 2, None), ["training-need"], id="agreed-of-available-raters"),
    ],
)
def test_no_progress_rule(tool, current, previous, expected) -> None:
    assert flags(tool, current, previous, NO_PROGRESS) == expected


def test_rules_are_data(tool) -> None:
    """Margins and levels come from the rules, not from the code; unknown kinds are ignored."""
    wide = [{"id": "disagreement", "when": "any_two_raters_apart", "margin": 3}]
    assert flags(tool, levels(1, 3, 3), None, wide) == []
    assert flags(tool, levels(1, 4, 3), None, wide) == ["disagreement"]
    lower = [{"id": "training-need", "when": "agreed_at_most", "level": 1}]
    assert flags(tool, levels(1, 2, 4), None, lower) == []
    assert flags(tool, levels(1, 1, 4), None, lower) == ["training-need"]
    assert flags(tool, levels(4, 1, 1), None, [{"id": "x", "when": "no_such_rule"}]) == []


@pytest.mark.parametrize(
    ("indicators", "level"),
    [
        ([4, 4, 3, 0], 4),  # 0 = not observed is left out: median of 3, 4, 4
        ([1, 2, 3, 4], 2),  # even count: 2.5 rounded down
        ([2, 3], 2),
        ([3, 3, 4, 4], 3),
        ([None, 3, None, None], 3),  # unrated indicators are left out too
        ([0, 0, 0, 0], 0),  # nothing observed
        ([], 0),
    ],
)
def test_skill_level(tool, indicators, level) -> None:
    assert tool.evaluate("(i) => window.KitTool.skillLevel(i)", indicators) == level


@pytest.mark.parametrize(
    ("rater_levels", "expected"),
    [
        ({"trainee": 3, "tutor": 4, "trainer": 2}, 3),
        ({"trainee": 0, "tutor": 4, "trainer": 2}, 3),  # not observed left out; 3 = (2+4)/2
        ({"trainee": 1, "tutor": 2}, 1),  # 1.5 rounded down
        ({"trainee": 0, "tutor": 0}, 0),
        ({}, 0),
    ],
)
def test_agreed(tool, rater_levels, expected) -> None:
    assert tool.evaluate("(l) => window.KitTool.agreed(l)", rater_levels) == expected


def record(**changes) -> dict:
    base = {
        "format": "janus-kit-record",
        "schema": 1,
        "trainee": "T-01",
        "checkpoints": [{"id": "cp-1", "name": "Start", "date": "2025-01-15"}],
        "ratings": {"cp-1": {"tutor": {"teamwork": {"indicators": [3, 2, 0, None], "evidence": "x"}}}},
    }
    base.update(changes)
    return base


def rating(indicators, skill="teamwork", rater="tutor", **extra) -> dict:
    return {"cp-1": {rater: {skill: {"indicators": indicators, "evidence": "", **extra}}}}


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (record(), None),
        (record(ratings={}), None),
        ([], "foreign"),
        (record(format="other-tool"), "foreign"),
        (record(schema=2), "version"),
        (record(schema="1"), "version"),
        (record(trainee=""), "content"),
        (record(trainee=7), "content"),
        (record(extra=1), "content"),
        (record(checkpoints=[{"id": "__proto__", "name": "a", "date": ""}], ratings={}), "content"),
        (record(checkpoints=[{"id": "cp 1", "name": "a", "date": ""}], ratings={}), "content"),
        (record(checkpoints=[{"id": "cp-1", "name": "a", "date": "2025-02-30"}], ratings={}), "content"),
        (record(ratings={"cp-2": {}}), "content"),
        (record(ratings=rating([5, 3, 3, 3])), "content"),
        (record(ratings=rating([-1])), "content"),
        (record(ratings=rating([2.5])), "content"),
        (record(ratings=rating(["3"])), "content"),
        (record(ratings=rating([3, 3, 3, 3, 3, 3])), "content"),
        (record(ratings=rating([3], skill="flying")), "content"),
        (record(ratings=rating([3], rater="boss")), "content"),
        (record(ratings=rating([3], evidence=["x"])), "content"),
        (record(ratings=rating([3], note="x")), "content"),
    ],
)
def test_validate_record(tool, data, error) -> None:
    result = tool.evaluate("(d) => window.KitTool.validateRecord(d)", data)
    assert result["ok"] is (error is None), result
    if error:
        assert result["error"] == error


def test_prototype_keys_are_refused(tool) -> None:
    text = json.dumps(record()).replace('"tutor": {', '"tutor": {"__proto__": {"polluted": 1}, ', 1)
    result = tool.evaluate("(t) => [window.KitTool.parseRecord(t), ({}).polluted, Object.prototype.polluted]", text)
    assert result[0]["ok"] is False
    assert result[0]["error"] == "content"
    assert "__proto__" in result[0]["where"]
    assert result[1] is None
    assert result[2] is None
