"""The online monitoring tool, played as its users would, in Debian's chromium on the built site.

Three people on three devices in three languages run the whole cycle: the trainer (English,
laptop) starts a checkpoint and sends the invitation; the trainee (French, 360 px phone) and
the company tutor (German, laptop) open it, rate and send their files; the trainer imports
them, settles a conflict, holds the review, prints the record and starts the next checkpoint.
Texts are read from each page's own strings. Every test fails on a request that leaves the
site, on a console error and on a response of 400 or more.
"""

from __future__ import annotations

import io
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "src/janus_kit/theme/assets/schemas/record.schema.json").read_text(encoding="utf-8"))
SHOTS = os.environ.get("KIT_TEST_SHOTS")  # a folder: keep the screenshots and the PDF to look at
PHONE = {"width": 360, "height": 740}
LAPTOP = {"width": 1280, "height": 900}


def material_sitemap(url: str) -> bool:
    """Material's language switcher asks for <page>/sitemap.xml, which the i18n build does not
    write (on main too, on every page): not the tool's request, ignored here."""
    return url.endswith("/sitemap.xml")


@dataclass
class Device:
    page: Any
    base: str
    lang: str
    problems: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    @property
    def data(self) -> dict:
        return json.loads(self.page.locator("#kit-tool-data").text_content())

    def s(self, key: str, **values: object) -> str:
        node: Any = self.data["strings"]
        for part in key.split(".") if "." in key else ["tool", key]:
            node = node[part]
        return re.sub(r"\{(\w+)\}", lambda m: str(values.get(m.group(1), m.group(0))), str(node))

    def open(self, url: str | None = None) -> None:
        self.page.goto(url or f"{self.base}{'' if self.lang == 'en' else self.lang + '/'}tool/")
        self.page.wait_for_selector("#kit-tool .kit-tool__nav")

    def view(self, name: str) -> None:
        self.page.click(f".kit-tool__nav [data-view={name}]")

    def shot(self, name: str, *, full: bool = False) -> None:
        if SHOTS:
            Path(SHOTS).mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=full)

    def rate_skill(self, values: list[int]) -> None:
        """Rate the skill on screen (fast path: one script, the same clicks a person makes)."""
        self.page.evaluate(
            """(values) => document.querySelectorAll('#kt-form fieldset').forEach((f, i) =>
                 f.querySelector(`input[value="${values[i % values.length]}"]`).click())""",
            values,
        )

    def rate_all(self, plan: dict[str, list[int]], default: int = 3) -> None:
        skills = [s for g in self.data["grids"] for s in g["skills"]]
        for skill in skills:
            assert self.page.locator("#kt-skill-title").text_content().endswith(skill["name"])
            self.rate_skill(plan.get(skill["id"], [default]))
            self.page.click("#kt-next")

    def export(self, tmp: Path, name: str) -> Path:
        self.view("share")
        with self.page.expect_download() as info:
            self.page.click("#kt-export")
        path = tmp / name
        info.value.save_as(path)
        jsonschema.validate(json.loads(path.read_text(encoding="utf-8")), SCHEMA)
        return path

    def import_files(self, *paths: Path) -> str:
        share = self.page.locator(".kit-tool__nav [data-view=share]")
        self.view("overview" if share.is_disabled() else "share")
        self.page.set_input_files("#kt-import", [str(p) for p in paths])
        self.page.wait_for_selector(".kit-tool__report")
        return self.page.locator(".kit-tool__report").inner_text()

    def record(self) -> dict:
        stored = self.page.evaluate("() => Object.entries(localStorage).filter(([k]) => k.includes(':v2:t:'))")
        assert len(stored) == 1, [k for k, _ in stored]
        return json.loads(stored[0][1])


@pytest.fixture
def devices(browser, served_site: str) -> Iterator[Any]:
    made: list[tuple[Any, Device]] = []

    def make(lang: str, viewport: dict, *, locale: str, init_script: str | None = None, **options: Any) -> Device:
        context = browser.new_context(accept_downloads=True, viewport=viewport, locale=locale, **options)
        if init_script:
            context.add_init_script(init_script)
        page = context.new_page()
        device = Device(page, served_site, lang)
        page.on("request", lambda r: device.requests.append(r.url))
        page.on("pageerror", lambda e: device.problems.append(f"page error: {e}"))
        page.on(
            "console",
            lambda m: (
                device.problems.append(f"console: {m.text} {m.location}")
                if m.type == "error" and not material_sitemap(m.location.get("url", "")) and "sitemap.xml" not in m.text
                else None
            ),
        )
        page.on(
            "response",
            lambda r: (
                device.problems.append(f"{r.status} {r.url}")
                if r.status >= 400 and not material_sitemap(r.url)
                else None
            ),
        )
        page.on("dialog", lambda d: d.accept())
        made.append((context, device))
        return device

    yield make
    for context, device in made:
        context.close()
        assert device.problems == [], device.problems
        outside = [u for u in device.requests if not u.startswith(device.base) and not u.startswith(("blob:", "data:"))]
        assert outside == [], f"requests left the site: {outside}"


def strings(lang: str) -> dict:
    """The words a reader of ``lang`` gets: the generator's locale, with the kit's own over it."""

    def merged(base: dict, over: dict) -> dict:
        out = dict(base)
        for key, value in over.items():
            out[key] = merged(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
        return out

    locale = yaml.safe_load((ROOT / "src" / "janus_kit" / "locales" / f"{lang}.yml").read_text(encoding="utf-8"))
    return merged(locale, yaml.safe_load((ROOT / "content" / lang / "strings.yml").read_text(encoding="utf-8")))


def in_view(page: Any, locator: Any) -> bool:
    box = locator.bounding_box()
    height = page.viewport_size["height"]
    return box is not None and box["y"] >= -1 and box["y"] + box["height"] <= height + 1


def tap(page: Any, locator: Any, counts: dict) -> None:
    """One action of a person on the phone; a target out of sight costs a swipe first."""
    if not in_view(page, locator):
        counts["swipes"] += 1
        counts.setdefault("where", []).append((locator.evaluate("e => e.closest('[id]')?.id"), locator.bounding_box()))
        locator.scroll_into_view_if_needed()
    box = locator.bounding_box()
    assert box["height"] >= 44, box
    assert box["width"] >= 44, box
    counts["min"] = min(counts["min"], box["height"], box["width"])
    locator.click()
    counts["taps"] += 1


def decode_qr(page: Any) -> str:
    import zxingcpp
    from PIL import Image

    page.wait_for_selector("svg.kit-tool__qr")
    image = Image.open(io.BytesIO(page.locator("svg.kit-tool__qr").screenshot()))
    found = zxingcpp.read_barcodes(image)
    assert len(found) == 1
    return found[0].text


TUTOR_PLAN = {"communicating": [2], "teamwork": [4], "self-reflection": [3, 3, 4, 4], "planning": [0]}
TRAINER_PLAN = {"communicating": [2], "teamwork": [2], "self-reflection": [3], "planning": [1, 2, 2, 1]}
TRAINEE_PLAN = {"communicating": [4], "teamwork": [2], "self-reflection": [1], "planning": [2]}


def test_the_three_party_cycle(devices, tmp_path: Path) -> None:
    fr, de, en = strings("fr"), strings("de"), strings("en")
    # -- The trainer starts: a trainee, a checkpoint, an invitation.
    trainer = devices("en", LAPTOP, locale="en-GB")
    trainer.open()
    page = trainer.page
    page.fill("#kt-new-code", "K7F3")
    page.fill("#kt-new-name", "Léa Martin")
    page.fill("#kt-new-centre", "CFA Lyon")
    page.click("#kt-trainee-add")
    page.click("#kt-cp-add")
    link = page.input_value("#kt-invite-link")
    assert "#invite?" in link
    assert "Martin" not in link
    assert decode_qr(page) == link
    trainer.shot("trainer-invitation", full=True)
    trainer.view("rate")
    # No default rater: the device asks.
    assert page.locator(".kit-tool__who").is_visible()
    assert page.locator("#kt-form").count() == 0
    page.click(".kit-tool__who [data-rater=trainer]")
    assert page.locator(".kit-tool__as-rater").text_content() == en["raters"]["trainer"]
    trainer.rate_all(TRAINER_PLAN)

    # -- The trainee opens the link on a phone with a French browser: French tool, ready to rate.
    trainee = devices("fr", PHONE, locale="fr-FR", is_mobile=True, has_touch=True)
    trainee.open(link)
    phone = trainee.page
    assert "/fr/tool/" in phone.url
    assert phone.locator("html").get_attribute("lang") == "fr"
    context = phone.locator(".kit-tool__status").text_content()
    assert "K7F3" in context
    assert fr["checkpoints"]["start"] in context
    counts = {"taps": 0, "swipes": 0, "min": 999}
    tap(phone, phone.locator(".kit-tool__who [data-rater=trainee]"), counts)
    assert phone.locator(".kit-tool__as-rater").text_content() == fr["raters"]["trainee"]
    labels = phone.locator("#kt-form fieldset").first.locator(".kit-tool__word").all_text_contents()
    assert labels == [fr["scale"][str(v)]["label"] for v in range(5)]
    assert labels != [en["scale"][str(v)]["label"] for v in range(5)]
    skills = [s for g in trainee.data["grids"] for s in g["skills"]]
    for n, skill in enumerate(skills):
        values = TRAINEE_PLAN.get(skill["id"], [3])
        for i in range(len(skill["indicators"])):
            box = phone.locator(f"#kt-ind-{skill['id']}-{i} label").nth(values[i % len(values)])
            tap(phone, box, counts)
        if n == 0:
            phone.fill(f"#kt-ev-{skill['id']}", "J'ai demandé à Marc pourquoi on range ainsi, 12 mars.")
            counts["taps"] += 1
            trainee.shot("trainee-phone-rating")
        tap(phone, phone.locator("#kt-next"), counts)
    assert phone.locator(".kit-tool__nav [data-view=share]").get_attribute("aria-current") == "page"
    trainee.view("rate")
    assert phone.locator(".kit-tool__count").text_content() == trainee.s("progress", rated=48, total=48)
    wide = phone.evaluate(
        """(w) => [...document.querySelectorAll('body *')].filter(e => !e.closest('.md-dialog'))
             .filter(e => e.getBoundingClientRect().right > w + 1)
             .map(e => e.tagName + '.' + e.className)""",
        PHONE["width"],
    )
    assert wide == [], wide
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    trainee_file = trainee.export(tmp_path, "trainee.json")
    # 1 role + 48 ratings + 1 note + 12 "next" (the last one opens "send"); no swipe needed.
    assert counts == {"taps": 62, "swipes": 0, "min": counts["min"]}, counts
    assert counts["min"] >= 44

    # -- The tutor opens the QR code's link on a German laptop and rates as the tutor only.
    tutor = devices("de", LAPTOP, locale="de-DE")
    tutor.open(link)
    assert "/de/tool/" in tutor.page.url
    who = tutor.page.locator(".kit-tool__who [data-rater=tutor]")
    assert who.text_content() == de["raters"]["tutor"]
    tutor.page.check("#kt-fixed")
    who.click()
    assert tutor.page.locator(".kit-tool__as-rater").text_content() == de["raters"]["tutor"]
    tutor.rate_all(TUTOR_PLAN)
    tutor.view("rate")
    tutor.page.select_option("#kt-skill-pick", str([s["id"] for s in skills].index("teamwork")))
    tutor.page.fill("#kt-ev-teamwork", "Hat beim Abladen geholfen, ohne zu fragen, 3. Mai.")
    tutor_file = tutor.export(tmp_path, "tutor.json")
    assert tutor.page.locator(".kit-tool__nav [data-view=rate]").is_visible()

    # -- The trainer imports both files: one checkpoint, three views.
    report = trainer.import_files(trainee_file, tutor_file)
    cp_name = page.locator("#kt-checkpoint option").first.text_content()
    for rater in ("trainee", "tutor"):
        line = trainer.s("import_line", rater=en["raters"][rater], checkpoint=cp_name, added=48, changed=0, conflicts=0)
        assert line in report, report
    assert len(trainer.record()["checkpoints"]) == 1

    # -- A correction and a conflict: the trainee changes two lines on the phone; the trainer's
    #    laptop had changed one of them as the trainee at the centre, without knowing.
    first = skills[0]["id"]
    page.click(".kit-tool__nav [data-view=rate]")
    page.click(".kit-tool__link:has-text('{}')".format(en["tool"]["rater_change"]))
    page.click(".kit-tool__who [data-rater=trainee]")
    page.select_option("#kt-skill-pick", "0")
    page.locator(f"#kt-ind-{first}-1 input[value='1']").click()
    page.click(".kit-tool__link:has-text('{}')".format(en["tool"]["rater_change"]))
    page.click(".kit-tool__who [data-rater=trainer]")
    trainee.view("rate")
    phone.select_option("#kt-skill-pick", "0")
    phone.locator(f"#kt-ind-{first}-0 input[value='4']").click()
    phone.locator(f"#kt-ind-{first}-1 input[value='2']").click()
    corrected = trainee.export(tmp_path, "trainee-2.json")
    report = trainer.import_files(corrected)
    line = trainer.s("import_line", rater=en["raters"]["trainee"], checkpoint=cp_name, added=0, changed=1, conflicts=1)
    assert line in report, report
    conflict = page.locator(".kit-tool__conflict")
    assert conflict.count() == 1
    english = [s for g in trainer.data["grids"] for s in g["skills"]]
    assert conflict.locator(".kit-tool__conflict-what").text_content() == english[0]["indicators"][1]
    conflict.locator(".kit-tool__take").click()
    assert page.locator(".kit-tool__conflict").count() == 0
    ratings = trainer.record()["ratings"]
    values = ratings[next(iter(ratings))]["trainee"][first]["indicators"]
    assert [values[0]["value"], values[1]["value"]] == [4, 2]

    # -- The review meeting.
    trainer.view("review")
    card = page.locator("#kt-review-communicating")
    flags = card.locator("[data-flag]").evaluate_all("els => els.map(e => e.dataset.flag)")
    assert flags == ["blind-spot", "disagreement", "training-need"]
    facts = card.locator("[data-flag=blind-spot] .kit-tool__facts").text_content()
    assert facts == trainer.s("flag_levels", levels="Trainee 4, Company tutor 2, Trainer 2")
    assert card.locator("[data-flag=blind-spot] .kit-tool__rule").text_content() == en["flags"]["blind-spot"]["rule"]
    planning = page.locator("#kt-review-planning table.kit-tool__levels td").all_inner_texts()
    assert planning[1].strip() == en["scale"]["0"]["label"], "not observed is shown as words, never 0"
    notes = page.locator("#kt-review-teamwork .kit-tool__notes").inner_text()
    assert "Hat beim Abladen geholfen" in notes
    assert en["raters"]["tutor"] in notes
    page.select_option("#kt-agreed-communicating", "2")
    page.select_option("#kt-action-skill", "communicating")
    page.fill("#kt-action-what", "Do the module and practise asking, twice a week")
    page.fill("#kt-action-due", "2030-05-15")
    page.fill("#kt-action-who", "Marc, the tutor")
    page.click("#kt-action-form button[type=submit]")
    page.fill("#kt-next-review", "2030-06-01")
    page.dispatch_event("#kt-next-review", "change")
    trainer.shot("trainer-review", full=True)
    pdf = page.pdf(format="A4", prefer_css_page_size=True, print_background=True)
    if SHOTS:
        (Path(SHOTS) / "review-record.pdf").write_bytes(pdf)
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    assert 1 <= len(reader.pages) <= 2, len(reader.pages)
    text = " ".join(p.extract_text() for p in reader.pages)
    text = re.sub(r"\s+", " ", text)
    for expected in (
        en["pdf"]["review_title"],
        "Léa Martin",
        "K7F3",
        "CFA Lyon",
        "Hat beim Abladen geholfen",
        "J'ai demandé à Marc",
        "Do the module and practise asking",
        "Marc, the tutor",
        "15 May 2030",
        "1 June 2030",
        f"{en['pdf']['signature']}: {en['raters']['trainee']}",
        f"{en['pdf']['signature']}: {en['raters']['tutor']}",
        en["flags"]["blind-spot"]["name"],
        en["tool"]["online" if False else "notes_title"],
    ):
        assert expected in text, (expected, text[:3000])
    assert en["tool"]["privacy"][:30] not in text, "nothing of the page around the record prints"
    assert "How to use it" not in text
    page.click("#kt-lock")
    assert page.locator("#kt-agreed-communicating").is_disabled()

    # -- The next checkpoint: the trainer starts it and sends the whole record as a file.
    trainer.view("checkpoints")
    page.click("#kt-cp-add")
    second = page.input_value("#kt-invite-link")
    full = trainer.export(tmp_path, "trainer.json")
    report = trainee.import_files(full)
    status = phone.locator(".kit-tool__status").text_content()
    assert fr["checkpoints"]["period"] in status, status
    trainee.view("rate")
    assert fr["checkpoints"]["period"] in phone.locator(".kit-tool__about").text_content()
    stored = trainee.record()
    locked = [c for c in stored["checkpoints"] if c.get("locked")]
    assert len(locked) == 1, "the reviewed checkpoint is locked on the phone too"
    trainee.rate_all({"communicating": [2]})
    trainee_file = trainee.export(tmp_path, "trainee-3.json")
    report = trainer.import_files(trainee_file)
    assert "48" in report
    trainer.view("review")
    assert second.split("cp=")[1].split("&")[0] == trainer.record()["checkpoints"][-1]["id"]
    flags = page.locator("#kt-review-communicating [data-flag]").evaluate_all("els => els.map(e => e.dataset.flag)")
    assert "no-progress" in flags, flags
    assert page.locator(
        "#kt-review-communicating [data-flag=no-progress] .kit-tool__facts"
    ).text_content() == trainer.s("flag_progress", before=2, now=2)
    trainer.shot("trainer-second-review", full=True)


def bad_files() -> list[tuple[str, bytes, str]]:
    good = json.loads((ROOT / "tests" / "fixtures" / "record-v1.json").read_text(encoding="utf-8"))
    hostile = json.dumps(good).replace('"tutor": {', '"tutor": {"__proto__": {"indicators": [9]}, ', 1)
    return [
        ("broken.json", b'{"format": "janus-kit-record", "schema": 2,', "error_syntax"),
        ("future.json", json.dumps({**good, "schema": 3}).encode(), "error_version"),
        ("hostile.json", hostile.encode(), "error_json"),
        ("other.json", json.dumps({"format": "something"}).encode(), "error_foreign"),
        ("huge.json", b" " * (8 * 1000 * 1000 + 1), "error_size"),
    ]


def test_old_files_import_and_hostile_files_change_nothing(devices) -> None:
    device = devices("en", LAPTOP, locale="en-GB")
    device.open()
    page = device.page
    report = device.import_files(ROOT / "tests" / "fixtures" / "record-v1.json")
    assert device.s("migrated") in report
    assert "Léa B." in report
    first = page.evaluate("window.KitTool.state.trainee")
    assert first.startswith("t-v1-")
    before = page.evaluate("() => JSON.stringify(Object.entries(localStorage).sort())")
    for name, content, key in bad_files():
        page.set_input_files("#kt-import", files=[{"name": name, "mimeType": "application/json", "buffer": content}])
        page.wait_for_function("(n) => document.querySelector('.kit-tool__alert').textContent.startsWith(n)", arg=name)
        message = page.locator(".kit-tool__alert").inner_text()
        head = device.s(key).split("{")[0]
        assert head in message, (name, message)
        assert page.evaluate("() => JSON.stringify(Object.entries(localStorage).sort())") == before, name
    assert page.evaluate("() => [({}).indicators, Object.prototype.indicators]") == [None, None]
    # Text from a file reaches the page as text.
    html = json.loads((ROOT / "tests" / "fixtures" / "record-v1.json").read_text(encoding="utf-8"))
    html["trainee"] = '<img src=x onerror="window.__pwned=1">'
    html["checkpoints"][0]["id"] = "cp-other"
    html["ratings"] = {"cp-other": html["ratings"][next(iter(html["ratings"]))]}
    html["checkpoints"] = html["checkpoints"][:1]
    page.set_input_files(
        "#kt-import", files=[{"name": "html.json", "mimeType": "application/json", "buffer": json.dumps(html).encode()}]
    )
    page.wait_for_function("() => document.querySelectorAll('.kit-tool__report [data-trainee]').length === 1")
    assert '<img src=x onerror="window.__pwned=1">' in page.locator(".kit-tool__report").inner_text()
    assert page.locator("#kit-tool img").count() == 0
    assert page.evaluate("window.__pwned") is None
    # Two trainees stay apart, and the screen does not switch to the new one silently.
    assert page.locator(".kit-tool__trainee").count() == 2
    assert page.evaluate("window.KitTool.state.trainee") == first
    assert page.locator(".kit-tool__report button.kit-tool__link").count() == 1


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
@pytest.mark.allow_browser_problems(r"blocked", r"SecurityError")  # the theme's scripts find no localStorage
def test_blocked_storage_is_said_and_nothing_is_lost_silently(devices, init_script: str) -> None:
    device = devices("en", PHONE, locale="en-GB", init_script=init_script)
    device.open()
    page = device.page
    assert page.locator(".kit-tool__memory").text_content() == device.s("memory_only")
    page.click("#kt-trainee-add")
    page.click("#kt-cp-add")
    device.view("rate")
    page.click(".kit-tool__who [data-rater=trainee]")
    page.locator("#kt-form fieldset").first.locator("label").nth(3).click()
    assert page.locator(".kit-tool__status").text_content() == device.s("saved_memory")
    assert page.locator(".kit-tool__count").text_content() == device.s("progress", rated=1, total=48)
    # Leaving asks first (the data lives only in this page).
    dialogs: list[str] = []
    page.on("dialog", lambda d: dialogs.append(d.type))
    page.evaluate("() => { window.__left = false; }")
    page.goto(device.base, wait_until="commit")
    assert "beforeunload" in dialogs
    page.wait_for_load_state("load")  # the next page's scripts meet the blocked storage too: let them run first
    device.problems[:] = [p for p in device.problems if "blocked" not in p and "SecurityError" not in p]


@pytest.mark.allow_browser_problems(r"search", r"ERR_FILE_NOT_FOUND")  # the search index needs a web server here
def test_the_offline_bundle_runs_from_a_file_url(devices, site, tmp_path: Path) -> None:
    import shutil

    from janus_kit import tool_bundle

    copy = tmp_path / "site"
    shutil.copytree(site.site, copy)
    tool_bundle.write(copy)
    page_file = copy / "fr" / "tool" / "index.html"
    html = page_file.read_text(encoding="utf-8")
    module = re.search(r'<script type="module" src="([^"]+)"></script>', html)
    assert module, "the tool page loads the modules"
    html = html.replace(
        module[0], f'<script src="{module[1].replace("tool/app.js", "tool.bundle.js")}" defer></script>'
    )
    page_file.write_text(html, encoding="utf-8")
    device = devices("fr", PHONE, locale="fr-FR")
    device.base = "file://"
    device.page.goto(page_file.as_uri())
    device.page.wait_for_selector("#kit-tool .kit-tool__nav")
    device.page.fill("#kt-new-code", "F1L3")
    device.page.click("#kt-trainee-add")
    device.page.click("#kt-cp-add")
    assert device.page.locator("#kt-invite-link").input_value().startswith("file://")
    device.page.wait_for_selector("svg.kit-tool__qr")
    # Material's search index and language sitemaps need a web server: the offline copy's concern.
    device.problems[:] = [p for p in device.problems if "search" not in p and "sitemap" not in p]
