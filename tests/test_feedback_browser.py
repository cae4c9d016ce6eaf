"""The feedback forms and the trainer's summary, used as people would, in Debian's chromium.

On the fixture kit (Italian, a decimal comma, raters learner and mentor, a 1-3 agreement
scale), built in process and served on localhost; on the real kit, one module page on a
phone. Every text the tests look for comes from the page's own kit-feedback-data. No
request may leave the served site.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from conftest import serve
from feedback_kit import feedback_kit
from helpers import build_in_process

pytestmark = pytest.mark.browser

HTML_TEXT = '<img src="x" onerror="window.__pwned = 1"> più <b>esempi</b>'


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    build = build_in_process(feedback_kit(tmp_path_factory.mktemp("feedback-browser") / "kit"))
    assert build.ok, build.error
    with serve(build.site) as url:
        yield url


@dataclass
class Page:
    page: Any
    base: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    data: dict = field(default_factory=dict)

    def open(self, path: str) -> None:
        self.page.goto(self.base + path)
        self.page.wait_for_selector("#kit-feedback > :not(.kit-feedback__nojs)", state="attached")
        self.data = json.loads(self.page.locator("#kit-feedback-data").text_content())

    def t(self, key: str, **values: object) -> str:
        text = self.data["strings"][key]
        return re.sub(r"\{(\w+)\}", lambda m: str(values.get(m[1], m[0])), text)

    def questionnaire(self, qid: str) -> dict:
        return next(q for q in self.data["questionnaires"] if q["id"] == qid)

    def question(self, qid: str, question: str) -> dict:
        return next(q for q in self.questionnaire(qid)["questions"] if q["id"] == question)

    def choose(self, qid: str, question: str, value: object) -> None:
        q = self.question(qid, question)
        label = next(o["label"] for o in q["options"] if o["value"] == value)
        group = self.page.get_by_role("group", name=q["label"])
        group.get_by_label(label, exact=True).check()

    def write(self, qid: str, question: str, text: str) -> None:
        self.page.get_by_label(self.question(qid, question)["label"], exact=True).fill(text)

    def storage(self) -> dict[str, Any]:
        return self.page.evaluate(
            "() => Object.fromEntries(Object.entries(localStorage).map(([k, v]) => [k, JSON.parse(v)]))"
        )


@pytest.fixture
def make(browser, served: str) -> Iterator[Any]:
    contexts, pages = [], []

    def new(path: str, *, width: int = 1280) -> Page:
        context = browser.new_context(accept_downloads=True, viewport={"width": width, "height": 900})
        contexts.append(context)
        page = Page(context.new_page(), served)
        page.page.on("request", lambda r: page.requests.append(r.url))
        page.page.on("pageerror", lambda e: page.errors.append(str(e)))
        page.page.on("dialog", lambda d: d.accept())
        page.open(path)
        pages.append(page)
        return page

    yield new
    for context in contexts:
        context.close()
    for page in pages:
        assert page.errors == [], page.errors
        outside = [url for url in page.requests if not url.startswith(page.base)]
        assert page.requests and outside == [], outside


def test_module_feedback_is_saved_and_exported_as_a_checked_file(make, tmp_path: Path) -> None:
    p = make("digitale/sicurezza-online/", width=360)
    assert p.page.evaluate("document.documentElement.scrollWidth") <= 360
    p.choose("module", "ruolo", "learner")
    p.choose("module", "utile", 3)
    p.choose("module", "durata", "lunga")
    p.write("module", "cambiare", HTML_TEXT)
    p.page.get_by_role("button", name=p.t("save")).click()
    assert p.page.locator(".kit-feedback__status").inner_text() == p.t("saved")
    assert p.page.locator(".kit-feedback__count").inner_text() == p.t("count", count=1)
    # A second person on the same device.
    p.page.get_by_role("button", name=p.t("new")).click()
    assert p.page.locator("input[type=radio]:checked").count() == 0
    p.choose("module", "utile", 1)
    p.page.get_by_role("button", name=p.t("save")).click()
    assert p.page.locator(".kit-feedback__count").inner_text() == p.t("count", count=2)
    with p.page.expect_download() as download:
        p.page.get_by_role("button", name=p.t("export")).click()
    target = tmp_path / download.value.suggested_filename
    download.value.save_as(target)
    assert re.fullmatch(r"feedback-digital-kit-\d{4}-\d{2}-\d{2}\.json", target.name)
    exported = json.loads(target.read_text(encoding="utf-8"))
    assert set(exported) == {"format", "schema", "kit", "responses"}
    assert (exported["format"], exported["schema"], exported["kit"]) == ("janus-kit-feedback", 1, "digital-kit")
    first, second = exported["responses"]
    assert set(first) == {"id", "questionnaire", "about", "date", "lang", "answers"}
    assert (first["questionnaire"], first["about"], first["lang"]) == ("module", "sicurezza-online", "it")
    assert first["answers"] == {"ruolo": "learner", "utile": 3, "durata": "lunga", "cambiare": HTML_TEXT}
    assert second["answers"] == {"utile": 1} and second["id"] != first["id"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", first["date"])
    assert list(p.storage().values()) == [exported]
    assert p.page.evaluate("window.__pwned") is None
    # Nothing answered: nothing saved, and the reader is told why.
    p.page.get_by_role("button", name=p.t("new")).click()
    p.page.get_by_role("button", name=p.t("save")).click()
    assert p.page.locator(".kit-feedback__alert").inner_text().strip() == p.t("nothing")
    # Delete: the device forgets every answer.
    p.page.get_by_role("button", name=p.t("delete")).click()
    assert p.storage() == {}
    assert p.page.locator(".kit-feedback__count").inner_text() == p.t("count", count=0)


def test_the_cycle_questionnaire_shows_each_role_its_questions(make) -> None:
    p = make("evaluation/cycle/")
    cycle = p.questionnaire("cycle")
    role_group = p.page.get_by_role("group", name=cycle["role"])
    assert p.page.locator("[data-question=osservare]").is_hidden()
    assert p.page.get_by_role("button", name=p.t("save")).is_hidden()
    labels = {r["id"]: r["label"] for r in p.data["abouts"]["rater"]}
    role_group.get_by_label(labels["learner"], exact=True).check()
    assert p.page.locator("[data-question=chiaro]").is_visible()
    assert p.page.locator("[data-question=osservare]").is_hidden()
    role_group.get_by_label(labels["mentor"], exact=True).check()
    assert p.page.locator("[data-question=osservare]").is_visible()
    p.choose("cycle", "osservare", 2)
    minutes = p.question("cycle", "minuti")
    p.write("cycle", "minuti", "500")
    p.page.get_by_role("button", name=p.t("save")).click()
    assert p.t("number_hint", min=0, max=120) in p.page.locator(".kit-feedback__alert").inner_text()
    p.write("cycle", "minuti", "35")
    p.page.get_by_role("button", name=p.t("save")).click()
    stored = next(iter(p.storage().values()))["responses"]
    assert [(r["about"], r["answers"]) for r in stored] == [("mentor", {"osservare": 2, "minuti": 35})]
    assert minutes["unit"] in p.page.locator("[data-question=minuti]").inner_text()
    # A link with ?role= opens the form for that role.
    q = make("evaluation/cycle/?role=mentor")
    assert q.page.locator("[data-question=osservare]").is_visible()


def response(rid: str, qn: str, about: str | None, answers: dict, date: str = "2026-03-02") -> dict:
    return {"id": rid, "questionnaire": qn, "about": about, "date": date, "lang": "it", "answers": answers}


def feedback_file(*responses: dict, kit: str = "digital-kit") -> bytes:
    return json.dumps({"format": "janus-kit-feedback", "schema": 1, "kit": kit, "responses": list(responses)}).encode()


FILES = {
    "anna.json": feedback_file(
        response("r-a1", "module", "sicurezza-online", {"ruolo": "learner", "utile": 3, "cambiare": HTML_TEXT}),
        response("r-a2", "module", "comunicazione-digitale", {"utile": 1, "durata": "breve"}),
    ),
    "marco.json": feedback_file(
        response("r-m1", "module", "sicurezza-online", {"ruolo": "learner", "utile": 2, "durata": "giusta"}),
        response("r-m2", "module", "sicurezza-online", {"ruolo": "mentor", "utile": 2, "durata": "giusta"}),
        response("r-m3", "cycle", "mentor", {"chiaro": 3, "osservare": 1, "minuti": 30, "cambiare": "Meno righe"}),
        response("r-m4", "cycle", "mentor", {"chiaro": 2, "minuti": 45}),
        response("r-m5", "cycle", "learner", {"chiaro": 3, "minuti": 20}),
    ),
    "anna-again.json": feedback_file(
        response("r-a1", "module", "sicurezza-online", {"ruolo": "learner", "utile": 3, "cambiare": HTML_TEXT}),
    ),
}
BAD_FILES = {
    "proto.json": (b'{"format":"janus-kit-feedback","schema":1,"kit":"digital-kit","responses":[],"__proto__":{}}',
                   "error_content", {"detail": "__proto__"}),
    "other-kit.json": (feedback_file(kit="janus-kit"), "error_kit", {"kit": "janus-kit"}),
    "broken.json": (b'{"format": "janus-kit-feedback", ', "error_syntax", {}),
    "huge.json": (b" " * (1 << 20) + b"{}", "error_size", {}),
    "record.json": (b'{"format": "janus-kit-record", "schema": 1}', "error_foreign", {}),
    "prototype-id.json": (feedback_file(response("__proto__", "module", "sicurezza-online", {"utile": 1})),
                          "error_content", {"detail": "responses \u203a 0 \u203a id"}),
}  # fmt: skip


def test_the_summary_counts_averages_and_lists_the_answers_of_many_files(make) -> None:
    p = make("evaluation/summary/")
    assert p.page.locator(".kit-feedback__empty").inner_text() == p.t("summary_empty")
    files = [{"name": n, "mimeType": "application/json", "buffer": b} for n, b in FILES.items()]
    files += [{"name": n, "mimeType": "application/json", "buffer": b} for n, (b, _, _) in BAD_FILES.items()]
    p.page.locator("#kf-import").set_input_files(files)
    status = p.t("summary_done", files=len(files), added=7, updated=0, same=1)
    p.page.wait_for_function("t => document.querySelector('.kit-feedback__status').textContent === t", arg=status)
    alert = p.page.locator(".kit-feedback__alert p").all_inner_texts()
    assert alert == [p.t("error_in_file", file=name, error=p.t(key, **v)) for name, (_, key, v) in BAD_FILES.items()]
    assert p.page.locator(".kit-feedback__total").inner_text() == p.t("summary_total", count=7)
    summary = p.page.locator("#kf-summary")
    # All modules at a glance: responses and the average of the scale question, decimal comma.
    overview = {
        row.get_attribute("data-about"): [c.inner_text() for c in row.locator("td").all()]
        for row in summary.locator(".kit-feedback__overview tbody tr").all()
    }
    assert overview == {"sicurezza-online": ["3", "2,3"], "comunicazione-digitale": ["1", "1,0"]}
    safety = summary.locator("[data-questionnaire=module] .kit-feedback__group[data-about=sicurezza-online]")
    utile = p.question("module", "utile")
    row = [c.inner_text() for c in safety.locator("tr[data-question=utile] td").all()]
    labels = [o["label"] for o in utile["options"]]
    assert row == ["3", "2,3", f"{labels[0]}: 0 · {labels[1]}: 2 · {labels[2]}: 1"]
    ruolo = [c.inner_text() for c in safety.locator("tr[data-question=ruolo] td").all()]
    raters = {r["id"]: r["label"] for r in p.data["abouts"]["rater"]}
    assert ruolo == ["3", "", f"{raters['learner']}: 2 · {raters['mentor']}: 1"]
    assert safety.locator("[data-question=cambiare] li").all_inner_texts() == [HTML_TEXT]
    assert p.page.evaluate("window.__pwned") is None and safety.locator("img").count() == 0
    # The cycle: one group per rater, the mentor's own question, minutes averaged.
    cycle = summary.locator("[data-questionnaire=cycle]")
    mentor = cycle.locator(".kit-feedback__group[data-about=mentor]")
    assert mentor.locator("h3").inner_text() == p.t("summary_group", name=raters["mentor"], count=2)
    minutes = [c.inner_text() for c in mentor.locator("tr[data-question=minuti] td").all()]
    assert minutes[:2] == ["2", "37,5"]
    assert minutes[2] == p.t("range", min=30, max=45) + " " + p.question("cycle", "minuti")["unit"]
    assert [c.inner_text() for c in mentor.locator("tr[data-question=osservare] td").all()][:2] == ["1", "1,0"]
    learner = cycle.locator(".kit-feedback__group[data-about=learner]")
    assert learner.locator("tr[data-question=osservare]").count() == 0
    assert mentor.locator("[data-question=cambiare] li").all_inner_texts() == ["Meno righe"]
    # The answers stay for the next visit; the same files again add nothing.
    p.page.reload()
    p.page.wait_for_selector(".kit-feedback__total")
    p.page.locator("#kf-import").set_input_files(files[:2])
    status = p.t("summary_done", files=2, added=0, updated=0, same=7)
    p.page.wait_for_function("t => document.querySelector('.kit-feedback__status').textContent === t", arg=status)
    assert p.page.locator(".kit-feedback__total").inner_text() == p.t("summary_total", count=7)
    # Printed: the summary without its buttons.
    p.page.emulate_media(media="print")
    assert p.page.get_by_role("button", name=p.t("summary_print")).is_hidden()
    assert summary.is_visible()
    p.page.emulate_media(media="screen")
    p.page.get_by_role("button", name=p.t("summary_clear")).click()
    assert p.page.locator(".kit-feedback__empty").is_visible()
    assert p.storage() == {}


def test_a_blocked_storage_is_reported(browser, served: str) -> None:
    context = browser.new_context()
    context.add_init_script("Storage.prototype.setItem = () => { throw new DOMException('full', 'QuotaExceeded'); };")
    page = context.new_page()
    try:
        page.goto(served + "digitale/sicurezza-online/")
        page.wait_for_selector(".kit-feedback__form")
        data = json.loads(page.locator("#kit-feedback-data").text_content())
        page.locator(".kit-feedback__q--scale input").first.check()
        page.get_by_role("button", name=data["strings"]["save"]).click()
        assert page.locator(".kit-feedback__alert").inner_text().strip() == data["strings"]["error_storage"]
    finally:
        context.close()


def test_a_real_module_page_on_a_phone(browser, served_site: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 780})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    try:
        page.goto(served_site + "social-civic/teamwork/")
        page.wait_for_selector(".kit-feedback__form")
        data = json.loads(page.locator("#kit-feedback-data").text_content())
        module = next(q for q in data["questionnaires"] if q["id"] == "module")
        form = page.locator(".kit-feedback__form")
        for q in module["questions"]:
            assert form.get_by_text(q["label"], exact=True).is_visible(), q["id"]
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        assert [u for u in requests if not u.startswith(served_site)] == []
    finally:
        context.close()


def test_the_offline_copy_runs_the_form_as_one_script_from_a_file_url(browser, tmp_path: Path) -> None:
    from janus_kit import evaluation

    build = build_in_process(feedback_kit(tmp_path / "kit"), env={"KIT_OFFLINE_BUILD": "1"})
    assert build.ok, build.error
    html = build.read("digitale/sicurezza-online.html")  # the offline copy has file URLs
    assert 'type="module"' not in html and "feedback.bundle.js" in html
    evaluation.write_bundle(build.site)
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto((build.site / "digitale" / "sicurezza-online.html").as_uri())
        page.wait_for_selector(".kit-feedback__form")
        data = json.loads(page.locator("#kit-feedback-data").text_content())
        page.locator(".kit-feedback__q--scale input").first.check()
        page.get_by_role("button", name=data["strings"]["save"]).click()
        assert page.locator(".kit-feedback__status").inner_text() == data["strings"]["saved"]
        assert errors == []
    finally:
        context.close()


AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def test_forms_summary_and_event_pages_have_no_serious_axe_violations(browser, served: str) -> None:
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `npm ci` (python3 scripts/kit.py test does it)")
    context = browser.new_context(bypass_csp=True)  # axe is injected as an inline script
    page = context.new_page()
    found = []
    try:
        for path, ready in (
            ("digitale/sicurezza-online/", ".kit-feedback__form"),
            ("evaluation/cycle/?role=mentor", ".kit-feedback__form"),
            ("evaluation/summary/", "#kf-import"),
            ("events/presentation/", ".kit-slide"),
            ("events/flyer/", ".kit-block--ways"),
        ):
            page.goto(served + path)
            page.wait_for_selector(ready, state="attached")
            if path.startswith("evaluation/summary"):
                files = [{"name": n, "mimeType": "application/json", "buffer": b} for n, b in FILES.items()]
                page.locator("#kf-import").set_input_files(files)
                page.wait_for_selector(".kit-feedback__total")
            page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
            result = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
            found += [
                f"{path}: {v['id']} ({v['impact']}): {v['nodes'][0]['target']}"
                for v in result["violations"]
                if v["impact"] in {"serious", "critical"}
            ]
    finally:
        context.close()
    assert found == [], "\n".join(found)
