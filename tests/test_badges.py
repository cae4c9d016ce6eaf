"""Open Badges on the fixture kit (two raters, a 0-3 scale), built in process: the published
Achievements, issuer profile and key, checked against the OB 3.0 schema written from the
specification (tests/schemas); the issuer configuration; `kit keys`."""

from __future__ import annotations

import json
import stat
import warnings
from pathlib import Path

import jsonschema
import pytest
import yaml

from helpers import build_in_process, copy_fixture
from janus_kit import cli
from janus_kit.badges import read_public_key, thumbprint
from janus_kit.errors import ContentError
from janus_kit.model import load

SCHEMA = json.loads((Path(__file__).parent / "schemas" / "ob_v3p0_achievementcredential.schema.json").read_text())
ACHIEVEMENT = jsonschema.Draft202012Validator({"$defs": SCHEMA["$defs"], "$ref": "#/$defs/Achievement"})
PROFILE = jsonschema.Draft202012Validator({"$defs": SCHEMA["$defs"], "$ref": "#/$defs/Profile"})


def configure(root: Path, issuer: dict) -> None:
    path = root / "mkdocs.yml"
    text = path.read_text(encoding="utf-8")
    block = "  - janus-kit:\n      issuer:\n" + "".join(f"        {k}: {json.dumps(v)}\n" for k, v in issuer.items())
    path.write_text(text.replace("  - janus-kit\n", block), encoding="utf-8")


def make_keys(root: Path, home: Path, centre: str = "Centro Test") -> tuple[Path, Path]:
    code = cli.main(["--root", str(root), "keys", "--centre", centre, "--private", str(home)])
    assert code == 0
    public = next((root / "issuer").glob("*-public.jwk.json"))
    private = next(home.glob("*-private-key.pem"))
    return public, private


@pytest.fixture(scope="module")
def signed_kit(tmp_path_factory: pytest.TempPathFactory) -> dict:
    base = tmp_path_factory.mktemp("signed")
    root = copy_fixture(base / "kit")
    public, private = make_keys(root, base / "keys")
    configure(root, {"name": "Centro Test", "url": "https://centro.test/", "public_key": "issuer/" + public.name})
    build = build_in_process(root)
    assert build.ok, build.error
    return {"root": root, "site": build.site, "public": public, "private": private}


def test_kit_keys_writes_the_private_half_outside_the_project_readable_by_its_owner_only(signed_kit: dict) -> None:
    private: Path = signed_kit["private"]
    assert not private.is_relative_to(signed_kit["root"])
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert private.read_text().startswith("-----BEGIN PRIVATE KEY-----")
    public = json.loads(signed_kit["public"].read_text())
    assert set(public) == {"kty", "n", "e", "alg", "use"}, "no private member in the public half"
    assert read_public_key(signed_kit["public"]).bits >= 3072


def test_kit_keys_refuses_a_private_key_inside_the_project_and_never_overwrites(tmp_path: Path, capsys) -> None:
    root = copy_fixture(tmp_path / "kit")
    assert cli.main(["--root", str(root), "keys", "--centre", "X", "--private", str(root / "secret")]) == 2
    assert "inside the project" in capsys.readouterr().err
    assert not list(root.rglob("*.pem"))
    make_keys(root, tmp_path / "k")
    assert cli.main(["--root", str(root), "keys", "--centre", "Centro Test", "--private", str(tmp_path / "k")]) == 2
    assert "exists already" in capsys.readouterr().err


def test_the_site_publishes_issuer_key_and_an_achievement_per_skill_and_language(signed_kit: dict) -> None:
    site: Path = signed_kit["site"]
    framework = yaml.safe_load((signed_kit["root"] / "content" / "framework.yml").read_text())
    skills = [s for c in framework["competences"] for s in c["skills"]]
    issuer = json.loads((site / "badges" / "issuer.json").read_text())
    assert PROFILE.is_valid(issuer)
    assert issuer["name"] == "Centro Test"
    assert issuer["id"] == "https://digital-kit.example.org/badges/issuer.json"
    jwk = json.loads(signed_kit["public"].read_text())
    key = json.loads((site / "badges" / "keys" / f"{thumbprint(jwk)}.json").read_text())
    assert not {"d", "p", "q", "dp", "dq", "qi"} & set(key)
    assert key["kid"] == f"https://digital-kit.example.org/badges/keys/{thumbprint(jwk)}.json"
    for lang in ("it", "en"):
        for skill in skills:
            doc = json.loads((site / "badges" / "achievements" / lang / f"{skill['id']}.json").read_text())
            errors = [f"{list(e.absolute_path)}: {e.message}" for e in ACHIEVEMENT.iter_errors(doc)]
            assert errors == [], errors
            assert doc["inLanguage"] == lang
            esco = [a["targetUrl"] for a in doc["alignment"] if a["targetType"] == "ext:ESCOSkill"]
            assert esco == [framework["esco"]["prefix"] + u for u in skill["esco"]]
            competence = [a for a in doc["alignment"] if a["targetType"] == "ext:KeyCompetence"]
            assert len(competence) == 1
            assert competence[0]["targetUrl"].startswith(f"https://eur-lex.europa.eu/legal-content/{lang.upper()}/")
            assert doc["resultDescription"][0]["requiredValue"] == "2"  # the fixture's badge level
            assert doc["resultDescription"][0]["allowedValue"] == ["1", "2", "3"]  # its 0-3 scale without 0
            assert [r["inLanguage"] for r in doc["related"]] == [x for x in ("it", "en") if x != lang]


def _data(html: str, element: str) -> dict:
    start = html.index(f'id="{element}">') + len(f'id="{element}">')
    return json.loads(html[start : html.index("</script>", start)])


def test_the_verification_page_and_the_tool_carry_the_published_key_and_achievements(signed_kit: dict) -> None:
    site: Path = signed_kit["site"]
    verify = _data((site / "verify" / "index.html").read_text(), "kit-verify-data")
    assert verify["signed"] is True
    jwk = json.loads(signed_kit["public"].read_text())
    assert list(verify["keys"].values()) == [{k: jwk[k] for k in ("kty", "n", "e")}]
    assert verify["kid"] in verify["keys"]
    assert verify["strings"]["certification"]["verify_title"]
    assert "esco" not in verify["strings"]["badges"]
    assert set(verify["achievements"]) == {"sicurezza-online", "comunicazione-digitale"}
    assert len(verify["skills"]) == 4  # two skills in two languages
    tool = _data((site / "tool" / "index.html").read_text(), "kit-tool-data")
    assert tool["badges"]["kid"] == verify["kid"]
    assert tool["badges"]["verify_url"] == "https://digital-kit.example.org/verify/"
    assert tool["badges"]["rule"] == {"level": 2, "raters": 2}
    assert (site / "assets" / "javascripts" / "badges.bundle.js").is_file()


def test_without_a_key_badges_are_unsigned_and_say_so(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path / "kit")
    build = build_in_process(root)
    assert build.ok, build.error
    verify = _data((build.site / "verify" / "index.html").read_text(), "kit-verify-data")
    assert verify["signed"] is False
    assert verify["keys"] == {}
    assert verify["issuer"]["name"] == "Kit competenze digitali"  # the site's name
    assert not (build.site / "badges" / "keys").exists()
    assert verify["strings"]["badges"]["unsigned_site"]


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("private", "this is a PRIVATE key"),
        ("missing", "does not exist"),
        ("small", "at least 2048 are needed"),
        ("garbage", "not a JSON Web Key"),
    ],
)
def test_a_bad_public_key_is_one_message_naming_the_file(tmp_path: Path, case: str, expected: str) -> None:
    from joserfc.jwk import RSAKey

    root = copy_fixture(tmp_path / "kit")
    path = root / "issuer" / "key.json"
    path.parent.mkdir()
    if case == "private":
        path.write_text(json.dumps(RSAKey.generate_key(2048, private=True).as_dict(private=True)))
    elif case == "small":
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # joserfc warns about the weak key we want here
            path.write_text(json.dumps(RSAKey.generate_key(1024, private=True).as_dict(private=False)))
    elif case == "garbage":
        path.write_text("-----BEGIN PUBLIC KEY-----")
    configure(root, {"public_key": "issuer/key.json"})
    build = build_in_process(root)
    assert not build.ok and not build.traceback, build.error
    assert "issuer/key.json" in build.error
    assert expected in build.error
    assert build.error.count("\n") <= 1


def test_an_issuer_address_must_be_https(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path / "kit")
    configure(root, {"url": "http://centro.test/"})
    build = build_in_process(root)
    assert not build.ok and not build.traceback
    assert "must start with https://" in build.error


def test_a_badge_level_outside_the_scale_names_the_line(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path / "kit")
    fw = root / "content" / "framework.yml"
    fw.write_text(fw.read_text().replace("  level: 2\n", "  level: 5\n"))
    with pytest.raises(ContentError) as caught:
        load(fw)
    assert "badges: level 5 is not a level of the scale (1, 2, 3)" in str(caught.value)
    assert caught.value.line is not None


def test_the_badge_code_passes_its_node_unit_tests() -> None:
    import shutil
    import subprocess

    node = shutil.which("node")
    assert node, "the tests need Node.js (python3 scripts/kit.py test installs it)"
    files = sorted(str(p) for p in (Path(__file__).parent / "js").glob("badges*.test.mjs"))
    done = subprocess.run([node, "--test", *files], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "# fail 0" in done.stdout
    assert int(done.stdout.split("# pass ")[1].split()[0]) >= 9
