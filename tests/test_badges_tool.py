"""The trainer's side, in chromium on the fixture kit (two raters, a 0-3 scale): after a review
the tool lists the skills that reached the badge level, explains what goes into a badge,
opens the centre's private key from a file, makes the badges (checked with joserfc and on
the verification page), keeps no trace of the key, and prints the one-page attestation
(the browser's PDF, read back and rendered to PNG)."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import jsonschema
import pytest
from joserfc import jws
from joserfc.jwk import RSAKey

from conftest import serve
from helpers import build_in_process, copy_fixture
from test_badges import SCHEMA, configure, make_keys

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("KIT_TEST_SHOTS")
LAPTOP = {"width": 1280, "height": 900}

RECORD = """async ([plan, agreed]) => {
  const data = JSON.parse(document.getElementById("kit-tool-data").textContent);
  const { makeFramework } = await import("../assets/javascripts/tool/framework.js");
  const R = await import("../assets/javascripts/tool/record.js");
  const fw = makeFramework(data);
  const rec = R.newTrainee({ code: "G7B2", name: "Giulia Bianchi", centre: "" });
  const start = R.newCheckpoint("start", "2025-10-06");
  const end = R.newCheckpoint("end", "2026-02-20");
  rec.checkpoints.push(start, end);
  const device = "d-laptop000001";
  for (const cp of [start, end]) for (const rater of fw.raters) for (const skill of fw.skillIds) {
    const n = fw.skills.get(skill).indicators.length;
    for (let i = 0; i < n; i++) R.setRating(fw, rec, cp.id, rater, skill, i, cp === start ? 1 : plan[skill], device);
    R.setNote(fw, rec, cp.id, rater, skill, `${rater}: esempio del 12 febbraio, ${skill}.`, device);
  }
  for (const [skill, level] of Object.entries(agreed)) R.setAgreed(rec, end.id, skill, level, device);
  return R.serialize(fw, rec);
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> dict:
    base = tmp_path_factory.mktemp("tool-badges")
    root = copy_fixture(base / "kit")
    public, private = make_keys(root, base / "keys")
    configure(root, {"name": "Centro Test", "url": "https://centro.test/", "public_key": "issuer/" + public.name})
    build = build_in_process(root)
    assert build.ok, build.error
    with serve(build.site) as url:
        yield {"url": url, "public": public, "private": private}


def test_the_trainer_makes_signed_badges_and_prints_the_attestation(browser, site: dict, tmp_path: Path) -> None:
    context = browser.new_context(accept_downloads=True, viewport=LAPTOP, locale="it-IT")
    context.add_init_script("window.print = () => { window.__printed = (window.__printed || 0) + 1; };")
    page = context.new_page()
    problems: list[str] = []
    outside: list[str] = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    own = (site["url"], "blob:", "data:")
    page.on("request", lambda r: None if r.url.startswith(own) else outside.append(r.url))
    page.goto(site["url"] + "tool/")
    page.wait_for_selector("#kit-tool .kit-tool__nav")
    data = json.loads(page.locator("#kit-tool-data").text_content())
    bs = data["badges"]["strings"]
    record = page.evaluate(
        RECORD,
        [{"sicurezza-online": 2, "comunicazione-digitale": 1}, {"sicurezza-online": 2, "comunicazione-digitale": 1}],
    )
    path = tmp_path / "giulia.json"
    path.write_text(record, encoding="utf-8")
    page.set_input_files("#kt-import", str(path))
    page.wait_for_selector(".kit-tool__report")
    page.click(".kit-tool__nav [data-view=review]")
    page.locator("#kt-checkpoint").select_option(index=1)
    page.wait_for_selector("#kt-badges-title")

    # Only the skill at the badge level (2 on this 0-3 scale, both raters) is offered.
    assert page.locator(".kit-tool__badge-skills li").evaluate_all("els => els.map(e => e.dataset.skill)") == [
        "sicurezza-online"
    ]
    assert bs["badges"]["privacy"] in page.locator(".kit-tool__badge-privacy").inner_text()
    page.click("#kt-badge-issue")
    assert bs["badges"]["agree_needed"] in page.locator(".kit-tool__alert").inner_text()
    assert page.locator(".kit-tool__badge").count() == 0

    page.check("#kt-badge-name")
    page.check("#kt-badge-agree")
    page.set_input_files("#kt-badge-key", str(site["private"]))
    page.wait_for_selector("#kt-badge-key-ok")
    page.click("#kt-badge-issue")
    page.wait_for_selector(".kit-tool__badge[data-signed=yes]")
    if SHOTS:
        page.locator(".kit-tool__badges").screenshot(path=str(Path(SHOTS) / "tool-badges.png"))
    with page.expect_download() as info:
        page.click(".kit-tool__badge-save")
    assert info.value.suggested_filename == "digital-kit-sicurezza-online-2026-02-20.jwt"
    token = Path(info.value.path()).read_text()
    key = RSAKey.import_key(json.loads(site["public"].read_text()))
    payload = json.loads(jws.deserialize_compact(token, key, algorithms=["RS256"]).payload)
    credential = {k: v for k, v in payload.items() if k not in {"iss", "jti", "nbf", "sub"}}
    jsonschema.validate(credential, SCHEMA)
    subject = credential["credentialSubject"]
    assert subject["identifier"][0] == {
        "type": "IdentityObject",
        "hashed": False,
        "identityHash": "Giulia Bianchi",
        "identityType": "name",
    }
    assert subject["result"][0]["value"] == "2"
    assert subject["activityEndDate"] == "2026-02-20T00:00:00Z"
    if SHOTS:
        Path(SHOTS, "credential.json").write_text(json.dumps(credential, indent=2, ensure_ascii=False))

    # The key left no trace: not in localStorage, no IndexedDB, not in the page's text.
    stored = page.evaluate("() => JSON.stringify(Object.entries(localStorage))")
    pem_body = site["private"].read_text().splitlines()[5]
    assert pem_body not in stored and '"d":' not in stored
    assert page.evaluate("async () => (await indexedDB.databases()).length") == 0

    # The link checks on the verification page, and the QR code carries it.
    link = page.input_value(".kit-tool__badge-link")
    page.wait_for_selector(".kit-tool__badge-qr svg, .kit-tool__badge-qr p")
    qr_text = (
        decode(page.locator(".kit-tool__badge-qr svg")) if page.locator(".kit-tool__badge-qr svg").count() else None
    )
    print(f"badge: {len(token)} characters as a JWS, {len(link)} as a link; QR code: {qr_text is not None}")
    checker = context.new_page()
    checker.goto(link.replace("https://digital-kit.example.org/", site["url"]))
    checker.wait_for_selector("#kv-result [data-status]")
    assert checker.locator("#kv-result [data-status]").get_attribute("data-status") == "valid"

    # The attestation: one A4 page, in the reader's language, not a qualification.
    page.fill("#kt-attest-company", "Officina Rossi srl")
    page.fill("#kt-attest-centre", "Centro Test")
    page.click("#kt-attest-print")
    assert page.evaluate("window.__printed") == 1
    page.wait_for_selector(".kit-attest .kit-attest__qr svg", state="attached")
    page.emulate_media(media="print")
    level = page.locator(".kit-attest [data-skill=sicurezza-online] .kit-attest__level").text_content()
    assert level.startswith("2 ")
    assert decode(page.locator(".kit-attest__qr svg")) == data["badges"]["verify_url"]
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    text, pages, png = read_pdf(pdf)
    if SHOTS:
        Path(SHOTS, "attestation.pdf").write_bytes(pdf)
        Path(SHOTS, "attestation.png").write_bytes(png)
    assert pages == 1
    c = bs["certification"]
    flat = " ".join(text.split())
    for expected in (c["attestation_title"], "Giulia Bianchi", "Officina Rossi srl", "Centro Test"):
        assert expected in flat
    assert " ".join(c["not_qualification"].split()[:9]) in flat
    for grid in data["grids"]:
        for skill in grid["skills"]:
            assert skill["name"] in flat
    assert data["strings"]["scale"]["2"]["meaning"] in flat
    assert "6 ottobre 2025" in flat and "20 febbraio 2026" in flat, "dates in the reader's language"
    context.close()
    assert problems == [], problems
    assert outside == [], outside
    assert qr_text in (None, link)


def decode(locator) -> str:
    import zxingcpp
    from PIL import Image

    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(locator.screenshot())))
    assert len(found) == 1
    return found[0].text


def read_pdf(pdf: bytes) -> tuple[str, int, bytes]:
    import pypdfium2
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(p.extract_text() for p in reader.pages)
    doc = pypdfium2.PdfDocument(pdf)
    image = doc[0].render(scale=1.5).to_pil()
    out = io.BytesIO()
    image.save(out, format="PNG")
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert abs(float(width) - 595.3) < 2 and abs(float(height) - 841.9) < 2, (width, height)  # A4 portrait
    return text, len(reader.pages), out.getvalue()


def test_without_a_key_the_badges_are_unsigned_and_labelled_so_everywhere(browser, tmp_path: Path) -> None:
    root = copy_fixture(tmp_path / "kit")
    build = build_in_process(root)
    assert build.ok, build.error
    with serve(build.site) as url:
        context = browser.new_context(accept_downloads=True, viewport=LAPTOP)
        context.add_init_script("window.print = () => {};")
        page = context.new_page()
        page.goto(url + "tool/")
        page.wait_for_selector("#kit-tool .kit-tool__nav")
        data = json.loads(page.locator("#kit-tool-data").text_content())
        b = data["badges"]["strings"]["badges"]
        levels = {"sicurezza-online": 3, "comunicazione-digitale": 2}
        path = tmp_path / "record.json"
        path.write_text(page.evaluate(RECORD, [levels, levels]), encoding="utf-8")
        page.set_input_files("#kt-import", str(path))
        page.wait_for_selector(".kit-tool__report")
        page.click(".kit-tool__nav [data-view=review]")
        page.locator("#kt-checkpoint").select_option(index=1)
        assert page.locator("#kt-badge-unsigned").inner_text() == b["unsigned_site"]
        assert page.locator("#kt-badge-key").count() == 0, "no key to open on a site without one"
        assert page.locator("#kt-badge-issue").inner_text() == b["issue_unsigned"]
        page.check("#kt-badge-code")
        page.check("#kt-badge-agree")
        page.click("#kt-badge-issue")
        page.wait_for_selector(".kit-tool__badge")
        assert page.locator(".kit-tool__badge[data-signed=no]").count() == 2
        assert page.locator(".kit-tool__badge-unsigned").all_inner_texts() == [b["unsigned"]] * 2
        with page.expect_download() as info:
            page.locator(".kit-tool__badge-save").first.click()
        assert info.value.suggested_filename.endswith("-unsigned.json")
        credential = json.loads(Path(info.value.path()).read_text())
        jsonschema.validate(credential, SCHEMA)
        assert "proof" not in credential
        assert "Giulia" not in json.dumps(credential), "the name is hidden behind its hash"
        page.click("#kt-attest-print")
        attestation = page.locator(".kit-attest").text_content()
        assert attestation.count(f"({b['unsigned']})") == 2, "the attestation lists both badges as unsigned"
        checker = context.new_page()
        checker.goto(url + "verify/")
        checker.wait_for_function("() => window.KitVerify")
        checker.set_input_files("#kv-file", info.value.path())
        checker.wait_for_selector("#kv-result [data-status]")
        assert checker.locator("#kv-result [data-status]").get_attribute("data-status") == "unsigned"
        c = data["badges"]["strings"]["certification"]
        assert c["result_unsigned"] in checker.locator("#kv-result").inner_text()
        assert b["unsigned_site"] in checker.locator("#kit-verify").inner_text()
        context.close()
