"""The online monitoring tool, used as people would: in Debian's chromium, on the built site.

Every visible text the tests look for is taken from the page's own kit-tool-data JSON,
so the same flow runs in every language. No request may leave the served site.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

PATH = " \u203a "  # how the tool names a place in a file
HTML_NAME = '<img src="x" onerror="window.__pwned = 1">T-<b>9</b>'


@dataclass
class Tool:
    page: Any
    base: str
    lang: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    data: dict = field(default_factory=dict)

    # -- texts of this language -------------------------------------------
    def s(self, key: str, **values: object) -> str:
        node = self.data["strings"]
        for part in key.split(".") if "." in key else ["tool", key]:
            node = node[part]
        return re.sub(r"\{(\w+)\}", lambda m: str(values.get(m.group(1), m.group(0))), node)

    def skills(self) -> list[dict]:
        return [skill for grid in self.data["grids"] for skill in grid["skills"]]

    # -- navigation --------------------------------------------------------
    def open(self) -> None:
        prefix = "" if self.lang == "en" else f"{self.lang}/"
        self.page.goto(f"{self.base}{prefix}tool/")
        self.page.wait_for_selector("#kt-trainee", state="attached")
        self.data = json.loads(self.page.locator("#kit-tool-data").text_content())

    def storage(self) -> dict[str, str]:
        return self.page.evaluate("() => Object.fromEntries(Object.entries(localStorage))")

    def alert(self) -> str:
        return self.page.locator(".kit-tool__alert").inner_text().strip()

    # -- actions -----------------------------------------------------------
    def add_trainee(self, name: str) -> None:
        self.page.get_by_label(self.s("trainee"), exact=True).fill(name)
        self.page.get_by_role("button", name=self.s("trainee_new")).click()

    def rater(self, rater: str) -> None:
        self.page.get_by_label(self.s("rater"), exact=True).select_option(rater)

    def checkpoint(self, index: int) -> None:
        self.page.locator("#kt-checkpoint").select_option(index=index)

    def add_checkpoint(self, name: str, date: str) -> None:
        self.page.get_by_label(self.s("checkpoint_name"), exact=True).fill(name)
        self.page.get_by_label(self.s("checkpoint_date"), exact=True).fill(date)
        self.page.get_by_role("button", name=self.s("checkpoint_add")).click()

    def rate_all(self, value: int) -> None:
        """Every indicator of every skill, by clicking its radio button (fast path)."""
        self.page.evaluate(
            """(v) => { for (const r of document.querySelectorAll(`#kt-form input[type=radio][value="${v}"]`))
                r.click(); }""",
            value,
        )

    def rate(self, skill_id: str, values: list[int] | int) -> None:
        skill = next(s for s in self.skills() if s["id"] == skill_id)
        if isinstance(values, int):
            values = [values] * len(skill["indicators"])
        box = self.page.locator(f"#kt-skill-{skill_id}")
        for i, value in enumerate(values):
            group = box.get_by_role("group", name=skill["indicators"][i], exact=True)
            group.get_by_label(f"{value} {self.s(f'scale.{value}.label')}", exact=True).check()

    def flags(self) -> dict[str, dict]:
        found = self.page.eval_on_selector_all(
            ".kit-tool__flag",
            """els => els.map(e => ({skill: e.dataset.skill,
                 flags: [...e.querySelectorAll('[data-flag]')].map(f => f.dataset.flag),
                 names: [...e.querySelectorAll('.kit-tool__flagname')].map(f => f.textContent),
                 link: e.querySelector('a').href, linkText: e.querySelector('a').textContent}))""",
        )
        return {f["skill"]: f for f in found}

    def table(self, skill_id: str) -> list[list[str]]:
        return self.page.eval_on_selector_all(
            f'table[data-skill="{skill_id}"] tbody tr',
            "rows => rows.map(r => [...r.querySelectorAll('td')]"
            "  .map(c => c.classList.contains('kit-tool__none') ? '' : c.textContent.trim()))",
        )


@pytest.fixture
def make_tool(browser, served_site: str) -> Iterator[Any]:
    contexts = []
    tools: list[Tool] = []

    def make(lang: str = "en", *, init_script: str | None = None, width: int = 1280) -> Tool:
        context = browser.new_context(accept_downloads=True, viewport={"width": width, "height": 900})
        if init_script:
            context.add_init_script(init_script)
        contexts.append(context)
        page = context.new_page()
        tool = Tool(page, served_site, lang)
        page.on("request", lambda r: tool.requests.append(r.url))
        page.on("pageerror", lambda e: tool.errors.append(f"{e.message}\n{e.stack}"))
        page.on("dialog", lambda d: d.accept())
        tool.open()
        tools.append(tool)
        return tool

    yield make
    for context in contexts:
        context.close()
    for tool in tools:
        assert tool.errors == [], tool.errors
        assert tool.requests, "no request was seen"
        outside = [url for url in tool.requests if not url.startswith(tool.base)]
        assert outside == [], f"requests left the site: {outside}"


# Levels each rater gives at each checkpoint; every other skill gets 3 from everyone.
PLAN = {
    0: {
        "trainee": {"communicating": 4, "self-reflection": 1},
        "tutor": {"communicating": 2},
        "trainer": {"communicating": 2},
    },
    1: {
        "trainee": {"teamwork": 2, "willingness-to-learn": 4, "initiative": [4, 4, 3, 0]},
        "tutor": {"teamwork": [2, 2, 0, 2], "willingness-to-learn": 3, "planning": 1},
        "trainer": {"teamwork": 2, "willingness-to-learn": 0},
    },
}
EXPECTED_FLAGS = {
    0: {
        "communicating": ["blind-spot", "disagreement", "training-need"],
        "self-reflection": ["hidden-strength", "disagreement"],
    },
    1: {
        "willingness-to-learn": ["blind-spot"],
        "teamwork": ["training-need"],
        "initiative": ["blind-spot"],
        "planning": ["disagreement"],
    },
}


def fill_plan(tool: Tool, trainee: str) -> None:
    tool.add_trainee(trainee)
    tool.add_checkpoint(tool.s("checkpoints.period"), "2100-03-01")
    for rater in tool.data["framework"]["raters"]:
        tool.rater(rater)
        for index, plan in PLAN.items():
            tool.checkpoint(index)
            tool.rate_all(3)
            for skill_id, values in plan[rater].items():
                tool.rate(skill_id, values)


def module_file(site, url: str, base: str) -> Path:
    rel = url[len(base) :].split("#")[0]
    return site.site / rel / "index.html"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_main_flow(make_tool, site, lang: str) -> None:
    tool = make_tool(lang)
    page = tool.page
    assert page.locator("html").get_attribute("lang") == lang
    assert tool.data["lang"] == lang
    # Built from the embedded grids: one radio group per indicator, one option per scale value.
    skills = tool.skills()
    assert len(skills) == 12
    indicators = sum(len(s["indicators"]) for s in skills)
    assert page.locator("#kt-form fieldset").count() == indicators
    options = len(tool.data["framework"]["scale"])
    assert page.locator("#kt-form input[type=radio]").count() == indicators * options
    first = skills[0]
    legend = page.locator("#kt-form fieldset legend").first
    assert legend.text_content() == first["indicators"][0]
    assert page.locator("#kt-form h3").first.text_content() == first["name"]

    fill_plan(tool, "T-01")
    page.get_by_label(tool.s("evidence"), exact=True).first.fill("Asked why the order matters, 12 March.")

    # Three raters side by side: communicating at the first checkpoint is 4 / 2 / 2, agreed 2.
    assert tool.table("communicating")[0] == ["4", "2", "2", "2"]
    # initiative at the second: trainee 4 (median of 4, 4, 3; 0 left out), tutor 3, trainer 3.
    assert tool.table("initiative")[1] == ["4", "3", "3", "3"]
    # willingness-to-learn at the second: the trainer rated 0 = not observed: left out of agreed.
    assert tool.table("willingness-to-learn")[1] == ["4", "3", "0", "3"]

    # Flags at the selected (second) checkpoint, then at the first one.
    for index in (1, 0):
        tool.checkpoint(index)
        found = tool.flags()
        assert {k: v["flags"] for k, v in found.items()} == EXPECTED_FLAGS[index]
        for skill_id, flag in found.items():
            assert flag["names"] == [tool.s(f"flags.{f}.name") for f in flag["flags"]]
            assert flag["linkText"] == tool.s("open_module")
            prefix = tool.base + ("" if lang == "en" else f"{lang}/")
            assert flag["link"].startswith(prefix), flag["link"]
            assert re.search(rf"/{skill_id}/$", flag["link"]), flag["link"]
            assert module_file(site, flag["link"], tool.base).is_file(), flag["link"]
    link = page.locator(".kit-tool__flag a").first
    href = link.get_attribute("href")
    assert page.request.get(link.evaluate("a => a.href")).ok, href

    # Progress: an SVG chart with a title and description, and the same values as a table.
    chart = page.locator("svg.kit-tool__chart")
    assert chart.get_attribute("role") == "img"
    assert chart.locator("title").text_content() == tool.s("chart_title")
    assert chart.locator("desc").text_content() == tool.s("chart_desc")
    assert page.locator("table.kit-tool__progress caption").text_content() == tool.s("table_alt")
    progress = page.eval_on_selector_all(
        "table.kit-tool__progress tbody tr",
        "rows => rows.map(r => r.querySelector('td:last-child').textContent)",
    )
    assert progress[[s["id"] for s in skills].index("teamwork")].strip() == "2"

    # Saved as you go, and still there after a reload.
    stored = tool.storage()
    assert "janus-kit:record:T-01" in stored
    record = json.loads(stored["janus-kit:record:T-01"])
    assert len(record["checkpoints"]) == 2
    assert set(record["ratings"][record["checkpoints"][0]["id"]]) == {"trainee", "tutor", "trainer"}
    page.reload()
    assert page.locator("#kt-trainee").input_value() == "T-01"
    assert tool.table("communicating")[0] == ["4", "2", "2", "2"]
    assert page.locator(".kit-tool__status").text_content() in ("", tool.s("saved"))


def test_every_control_has_a_label_and_works_with_the_keyboard(make_tool) -> None:
    tool = make_tool()
    page = tool.page
    tool.add_trainee("K-1")
    unlabelled = page.evaluate(
        """() => [...document.querySelectorAll('#kit-tool input, #kit-tool select, #kit-tool textarea')]
              .filter(el => !el.labels || el.labels.length === 0).map(el => el.outerHTML)"""
    )
    assert unlabelled == []
    nameless = page.evaluate(
        "() => [...document.querySelectorAll('#kit-tool button')].filter(b => !b.textContent.trim()).length"
    )
    assert nameless == 0
    no_legend = page.evaluate(
        """() => [...document.querySelectorAll('#kit-tool input[type=radio]')]
              .filter(r => !r.closest('fieldset')?.querySelector('legend')).length"""
    )
    assert no_legend == 0
    # Keyboard only: tab to the rater, choose the tutor with the arrow keys, rate with arrows.
    page.locator("#kt-rater").focus()
    page.keyboard.press("ArrowDown")
    assert page.locator("#kt-rater").input_value() == "tutor"
    first = page.locator("#kt-form input[type=radio]").first
    first.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    skill = tool.skills()[0]["id"]
    record = json.loads(tool.storage()["janus-kit:record:K-1"])
    cp = record["checkpoints"][0]["id"]
    assert record["ratings"][cp]["tutor"][skill]["indicators"][0] == 2
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == f"kt-{skill}-1"


def test_export_then_import_again_and_merge_raters(make_tool, tmp_path: Path) -> None:
    tool = make_tool()
    page = tool.page
    fill_plan(tool, "T-01")
    with page.expect_download() as info:
        page.get_by_role("button", name=tool.s("export")).click()
    path = tmp_path / "export.json"
    info.value.save_as(path)
    exported = json.loads(path.read_text(encoding="utf-8"))
    assert exported["format"] == "janus-kit-record"
    assert exported["schema"] == 1
    assert exported["trainee"] == "T-01"
    assert [set(cp) for cp in exported["checkpoints"]] == [{"id", "name", "date"}] * 2
    first = exported["checkpoints"][0]["id"]
    entry = exported["ratings"][first]["trainee"]["communicating"]
    assert entry == {"indicators": [4, 4, 4, 4], "evidence": ""}
    assert exported == json.loads(tool.storage()["janus-kit:record:T-01"])

    # Delete, then import the file again: the same record comes back.
    page.get_by_role("button", name=tool.s("trainee_delete")).click()
    assert "janus-kit:record:T-01" not in tool.storage()
    page.locator("#kt-import").set_input_files(str(path))
    page.wait_for_function("() => localStorage.getItem('janus-kit:record:T-01') !== null")
    assert json.loads(tool.storage()["janus-kit:record:T-01"]) == exported
    assert page.locator("#kt-trainee").input_value() == "T-01"

    # The tutor rates on another device; the trainer imports that file into the trainer's record.
    tutor = make_tool()
    tutor.add_trainee("T-02")
    tutor.rater("tutor")
    tutor.rate("teamwork", 4)
    tutor.page.locator("#kt-ev-teamwork").fill("Helped a colleague unload, 3 May.")
    with tutor.page.expect_download() as info:
        tutor.page.get_by_role("button", name=tutor.s("export")).click()
    tutor_file = tmp_path / "tutor.json"
    info.value.save_as(tutor_file)

    tool.add_trainee("T-02")
    tool.rater("trainer")
    tool.rate("teamwork", 2)
    page.locator("#kt-import").set_input_files(str(tutor_file))
    done = tool.s("import_done", count=1)
    page.wait_for_function("(t) => document.querySelector('.kit-tool__status').textContent === t", arg=done)
    merged = json.loads(tool.storage()["janus-kit:record:T-02"])
    assert len(merged["checkpoints"]) == 1  # matched by name and date
    by_rater = merged["ratings"][merged["checkpoints"][0]["id"]]
    assert by_rater["trainer"]["teamwork"]["indicators"] == [2, 2, 2, 2]
    assert by_rater["tutor"]["teamwork"] == {
        "indicators": [4, 4, 4, 4],
        "evidence": "Helped a colleague unload, 3 May.",
    }
    assert tool.table("teamwork")[0] == ["", "4", "2", "3"]
    # Importing the same file again adds nothing and deletes nothing.
    page.locator("#kt-import").set_input_files(str(tutor_file))
    page.wait_for_function(
        "(t) => document.querySelector('.kit-tool__status').textContent === t",
        arg=tool.s("import_done", count=0),
    )
    assert json.loads(tool.storage()["janus-kit:record:T-02"]) == merged
    # Several trainees on one device stay apart.
    assert json.loads(tool.storage()["janus-kit:record:T-01"]) == exported
    assert sorted(page.locator("#kt-trainee option").all_text_contents()) == ["T-01", "T-02"]


def bad_files(tool: Tool) -> list[tuple[str, bytes, str]]:
    """(file name, content, expected message) for files that must be refused."""
    good = {
        "format": "janus-kit-record",
        "schema": 1,
        "trainee": "T-01",
        "checkpoints": [{"id": "cp-x", "name": "x", "date": "2025-01-01"}],
        "ratings": {},
    }
    hostile = dict(good)
    hostile_text = json.dumps(hostile).replace(
        '"ratings": {}',
        '"ratings": {"cp-x": {"tutor": {"__proto__": {"indicators": [9]}, '
        '"teamwork": {"indicators": [7, -1, "<script>"], "evidence": "<img src=x>"}}}}',
    )
    s = tool.s
    in_file = lambda name, error: s("error_in_file", file=name, error=error)  # noqa: E731
    return [
        (
            "broken.json",
            b'{"format": "janus-kit-record", "schema": 1,',
            in_file("broken.json", s("error_syntax")),
        ),
        (
            "future.json",
            json.dumps({**good, "schema": 2}).encode(),
            in_file("future.json", s("error_version", version=2)),
        ),
        (
            "hostile.json",
            hostile_text.encode(),
            in_file("hostile.json", s("error_json", detail=PATH.join(["ratings", "cp-x", "tutor", "__proto__"]))),
        ),
        (
            "other.json",
            json.dumps({"format": "something", "schema": 1}).encode(),
            in_file("other.json", s("error_foreign")),
        ),
        ("huge.json", b" " * (1024 * 1024 + 1), in_file("huge.json", s("error_size"))),
    ]


def test_bad_files_are_refused_and_change_nothing(make_tool) -> None:
    tool = make_tool()
    page = tool.page
    tool.add_trainee("T-01")
    tool.rate("teamwork", 3)
    before = tool.storage()
    for name, content, message in bad_files(tool):
        page.locator("#kt-import").set_input_files(
            files=[{"name": name, "mimeType": "application/json", "buffer": content}]
        )
        page.wait_for_function("(m) => document.querySelector('.kit-tool__alert').textContent === m", arg=message)
        assert page.locator(".kit-tool__alert").get_attribute("role") == "alert"
        assert tool.storage() == before, name
    assert page.evaluate("() => [({}).indicators, Object.prototype.indicators]") == [None, None]
    assert page.locator("#kit-tool img, #kit-tool script").count() == 0


def test_html_in_data_is_shown_as_text(make_tool) -> None:
    tool = make_tool()
    page = tool.page
    record = {
        "format": "janus-kit-record",
        "schema": 1,
        "trainee": HTML_NAME,
        "checkpoints": [{"id": "cp-1", "name": "<i>Start</i>", "date": "2025-01-15"}],
        "ratings": {"cp-1": {"tutor": {"teamwork": {"indicators": [1, 2, 3, 4], "evidence": "<b>bold</b>"}}}},
    }
    page.locator("#kt-import").set_input_files(
        files=[{"name": "html.json", "mimeType": "application/json", "buffer": json.dumps(record).encode()}]
    )
    page.wait_for_function("() => document.querySelector('#kt-trainee option') !== null")
    assert page.locator("#kt-trainee option").first.text_content() == HTML_NAME
    assert page.locator("#kt-checkpoint option").first.text_content().startswith("<i>Start</i>")
    tool.rater("tutor")
    assert page.locator("#kt-ev-teamwork").input_value() == "<b>bold</b>"
    assert page.locator("#kit-tool img, #kit-tool b, #kit-tool i").count() == 0
    assert page.evaluate("window.__pwned") is None
    assert page.locator(".kit-tool__who dd").first.text_content() == HTML_NAME


@pytest.mark.parametrize(
    "init_script",
    [
        pytest.param(
            "Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };",
            id="full",
        ),
        pytest.param(
            "Object.defineProperty(window, 'localStorage', "
            "{ get() { throw new DOMException('blocked', 'SecurityError'); } });",
            id="blocked",
        ),
    ],
)
@pytest.mark.allow_browser_problems(r"^uncaught: blocked$")  # scripts that find no localStorage
def test_storage_errors_are_reported(make_tool, init_script: str) -> None:
    tool = make_tool(init_script=init_script)
    page = tool.page
    tool.add_trainee("T-01")
    tool.rate("teamwork", 3)
    assert tool.alert() == tool.s("error_storage")
    assert page.locator(".kit-tool__status").text_content() != tool.s("saved")
    # The work of this visit is still on screen, so it can be exported.
    assert tool.table("teamwork")[0][0] == "3"
    # The theme's own scripts do not catch a blocked storage; the tool does (it works above).
    tool.errors[:] = [e for e in tool.errors if not e.startswith("blocked")]


def test_trainees_stay_apart_and_can_be_deleted(make_tool) -> None:
    tool = make_tool()
    page = tool.page
    tool.add_trainee("A-1")
    tool.rate("planning", 4)
    tool.add_trainee("B-2")
    tool.rate("planning", 1)
    assert tool.table("planning")[0][0] == "1"
    page.locator("#kt-trainee").select_option("A-1")
    assert tool.table("planning")[0][0] == "4"
    page.get_by_role("button", name=tool.s("trainee_delete")).click()
    assert sorted(k for k in tool.storage() if k.startswith("janus-kit:record:")) == ["janus-kit:record:B-2"]
    assert page.locator("#kt-trainee").input_value() == "B-2"
    # An empty name is refused with a message.
    tool.add_trainee("   ")
    assert tool.alert() == tool.s("error_trainee")


def test_narrow_screen_and_print(make_tool) -> None:
    tool = make_tool(width=320)
    page = tool.page
    fill_plan(tool, "T-01")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.emulate_media(media="print")
    assert page.locator("#kt-form").is_hidden()
    assert page.locator("#kt-trainee").is_hidden()
    assert page.locator(".kit-tool__results").is_visible()
    assert page.locator("svg.kit-tool__chart").is_visible()
