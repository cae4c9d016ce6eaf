"""Badges signed in Debian's chromium with the site's own code and the centre's private key
file, checked in Python with joserfc (an independent JOSE implementation) and on the
verification page; a tampered badge fails in both. On the fixture kit, built in process."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import jsonschema
import pytest
from joserfc import jws
from joserfc.errors import BadSignatureError
from joserfc.jwk import RSAKey

from conftest import serve
from helpers import build_in_process, copy_fixture
from test_badges import SCHEMA, configure, make_keys

pytestmark = pytest.mark.browser
CREDENTIAL = jsonschema.Draft202012Validator(SCHEMA)


@pytest.fixture(scope="module")
def signed_site(tmp_path_factory: pytest.TempPathFactory) -> dict:
    base = tmp_path_factory.mktemp("browser-badges")
    root = copy_fixture(base / "kit")
    public, private = make_keys(root, base / "keys")
    configure(root, {"name": "Centro Test", "url": "https://centro.test/", "public_key": "issuer/" + public.name})
    build = build_in_process(root)
    assert build.ok, build.error
    with serve(build.site) as url:
        yield {"url": url, "public": public, "private": private, "site": build.site}


@pytest.fixture
def page(browser, signed_site: dict):
    context = browser.new_context()
    page = context.new_page()
    outside: list[str] = []
    page.on(
        "request", lambda r: None if r.url.startswith((signed_site["url"], "data:", "blob:")) else outside.append(r.url)
    )
    page.goto(signed_site["url"] + "verify/")
    page.wait_for_function("() => window.KitBadges && window.KitVerify")
    yield page
    context.close()
    assert outside == [], f"requests left the site: {outside}"


SIGN = """async ([pem, name, hidden]) => {
  const data = JSON.parse(document.getElementById("kit-verify-data").textContent);
  const B = window.KitBadges;
  const key = await B.importPrivate(pem, data.keys[data.kid]);
  const skill = "sicurezza-online";
  const credential = B.makeCredential({
    achievement: data.achievements[skill], issuer: data.issuer, contexts: data.contexts, schema: data.schema,
    subject: await B.subjectId(data.kit.id, "t-abcdefghijkm"), identity: await B.identityObject(name, { hidden }),
    level: 2, reviewDate: "2026-02-20",
  });
  const token = await B.sign(credential, key, data.kid);
  return { token, link: await B.toLink(data.verify_url, token), credential };
}"""


def data_of(page) -> dict:
    return json.loads(page.locator("#kit-verify-data").text_content())


def check_on_page(page, text: str) -> str:
    page.fill("#kv-text", text)
    page.click("#kv-check")
    page.wait_for_selector("#kv-result [data-status]")
    return page.locator("#kv-result [data-status]").get_attribute("data-status")


def test_a_badge_signed_in_the_browser_verifies_in_python_and_on_the_page(page, signed_site: dict) -> None:
    signed = page.evaluate(SIGN, [signed_site["private"].read_text(), "Giulia Bianchi", False])
    token = signed["token"]
    key = RSAKey.import_key(json.loads(signed_site["public"].read_text()))
    got = jws.deserialize_compact(token, key, algorithms=["RS256"])
    assert got.protected == {"alg": "RS256", "kid": got.protected["kid"], "typ": "JWT"}
    payload = json.loads(got.payload)
    credential = {k: v for k, v in payload.items() if k not in {"iss", "jti", "nbf", "sub"}}
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in CREDENTIAL.iter_errors(credential)]
    assert errors == [], errors
    assert payload["iss"] == credential["issuer"]["id"] == "https://digital-kit.example.org/badges/issuer.json"
    assert payload["sub"] == credential["credentialSubject"]["id"]
    assert payload["jti"] == credential["id"]
    assert credential["credentialSubject"]["identifier"][0]["identityHash"] == "Giulia Bianchi"
    kid = got.protected["kid"]
    assert (signed_site["site"] / kid.removeprefix("https://digital-kit.example.org/")).is_file(), "kid dereferences"

    assert check_on_page(page, token) == "valid"
    result = page.locator("#kv-result").inner_text()
    assert "Centro Test" in result
    assert "[object" not in result and "null" not in page.locator("#kit-verify").inner_text()
    criteria = data_of(page)["achievements"]["sicurezza-online"]["criteria"]["narrative"]
    assert criteria in result
    data = json.loads(page.locator("#kit-verify-data").text_content())
    assert data["achievements"]["sicurezza-online"]["name"] in result, "the achievement in the reader's language"
    for alignment in data["achievements"]["sicurezza-online"]["alignment"]:
        assert page.locator(f'.kit-verify__alignment [data-target="{alignment["targetUrl"]}"] a').count() == 1
    assert "Giulia Bianchi" in result


def test_a_tampered_badge_fails_in_python_and_on_the_page(page, signed_site: dict) -> None:
    token = page.evaluate(SIGN, [signed_site["private"].read_text(), "Giulia Bianchi", False])["token"]
    head, body, sig = token.split(".")
    raw = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    raw["credentialSubject"]["result"][0]["value"] = "3"
    forged = base64.urlsafe_b64encode(json.dumps(raw).encode()).rstrip(b"=").decode()
    tampered = f"{head}.{forged}.{sig}"
    key = RSAKey.import_key(json.loads(signed_site["public"].read_text()))
    with pytest.raises(BadSignatureError):
        jws.deserialize_compact(tampered, key, algorithms=["RS256"])
    assert check_on_page(page, tampered) == "invalid"
    assert page.locator(".kit-verify__result--invalid").count() == 1


def test_a_badge_link_opens_the_page_and_checks_there_with_a_hidden_name(page, signed_site: dict) -> None:
    signed = page.evaluate(SIGN, [signed_site["private"].read_text(), "Giulia Bianchi", True])
    assert "Giulia" not in json.dumps(signed["credential"])
    link = signed["link"].replace("https://digital-kit.example.org/", signed_site["url"])
    page.goto(link)
    page.wait_for_selector("#kv-result [data-status]")
    assert page.locator("#kv-result [data-status]").get_attribute("data-status") == "valid"
    page.fill("#kv-name", "Giulia Bianchi")
    page.locator("#kv-result button").click()
    page.wait_for_function("() => document.querySelector('.kit-verify__match').textContent.length > 0")
    data = json.loads(page.locator("#kit-verify-data").text_content())
    assert page.locator(".kit-verify__match").inner_text() == data["strings"]["certification"]["recipient_match"]
    page.fill("#kv-name", "Giulia Rossi")
    page.locator("#kv-result button").click()
    page.wait_for_function(
        "(t) => document.querySelector('.kit-verify__match').textContent === t",
        arg=data["strings"]["certification"]["recipient_no_match"],
    )


def test_the_wrong_private_key_file_is_refused_before_signing(page, signed_site: dict, tmp_path: Path) -> None:
    other = RSAKey.generate_key(2048, private=True).as_pem(private=True).decode()
    error = page.evaluate(
        """async (pem) => { const d = JSON.parse(document.getElementById("kit-verify-data").textContent);
        try { await window.KitBadges.importPrivate(pem, d.keys[d.kid]); return "accepted"; }
        catch (e) { return e.message; } }""",
        other,
    )
    assert error == "key-mismatch"
