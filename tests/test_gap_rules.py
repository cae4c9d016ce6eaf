"""The tool's rules and record format against the real skill model and grids.

The rule semantics are unit-tested in tests/js (Node's test runner); this file runs
those tests from pytest, and checks what only the real data can show: every gap rule
of content/framework.yml can fire, exported records match the published JSON Schema,
and the bundle for the offline copy is the same program as the modules.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml

from janus_kit import tool_bundle, tool_data
from janus_kit.errors import ContentError
from janus_kit.kit import Kit

ROOT = Path(__file__).resolve().parents[1]
NODE = shutil.which("node")
SCHEMA = ROOT / "src" / "janus_kit" / "theme" / "assets" / "schemas" / "record.schema.json"
V1 = ROOT / "tests" / "fixtures" / "record-v1.json"

pytestmark = pytest.mark.skipif(NODE is None, reason="needs Node.js (python3 scripts/kit.py test installs it)")


@pytest.fixture(scope="module")
def data_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    kit = Kit.at(ROOT)
    path = tmp_path_factory.mktemp("tool") / "tool-data.json"
    path.write_text(json.dumps(tool_data.document(kit, "en", url_of=lambda rel: rel)), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def sample(data_file: Path) -> dict:
    done = subprocess.run(
        [NODE, "tests/js/export-sample.mjs", str(data_file), str(V1)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_node_unit_tests_pass() -> None:
    done = subprocess.run([NODE, "--test", "tests/js"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "# fail 0" in done.stdout
    assert int(done.stdout.split("# pass ")[1].split()[0]) >= 30


def test_every_rule_of_the_real_model_can_fire(sample: dict) -> None:
    framework = yaml.safe_load((ROOT / "content" / "framework.yml").read_text(encoding="utf-8"))
    assert len(framework["flags"]) == 5
    assert len({rule["id"] for rule in framework["flags"]}) == 5, "each rule raises its own flag"
    assert sample["dead"] == []


def test_exported_records_match_the_published_schema(sample: dict) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for name in ("record", "migrated"):
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(sample[name])]
        assert errors == [], (name, errors[:5])
    record = sample["record"]
    assert {c.get("gone") for c in record["checkpoints"]} == {None, "merged"}
    assert any(c.get("locked") for c in record["checkpoints"])
    # The schema is strict: it refuses what the tool refuses.
    for change in (
        lambda r: r["trainee"].update(id="__proto__"),
        lambda r: r["checkpoints"][0].update(id="constructor"),
        lambda r: r.update(extra=1),
        lambda r: r["ratings"].update({"toString": {}}),
    ):
        bad = json.loads(json.dumps(record))
        change(bad)
        assert not validator.is_valid(bad)


def test_the_bundle_is_one_classic_script(tmp_path: Path) -> None:
    text = tool_bundle.bundle()
    path = tmp_path / "tool.bundle.js"
    path.write_text(text, encoding="utf-8")
    assert "\nimport " not in text
    assert "\nexport " not in text
    done = subprocess.run([NODE, "--check", str(path)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    order = [m.name for m in tool_bundle.order(tool_bundle.TOOL_DIR)]
    assert order[-1] == "app.js"
    assert order.index("util.js") < order.index("record.js") < order.index("merge.js")
    # It runs as a classic script: the page's globals are enough, nothing is missing.
    stub = tmp_path / "run.cjs"
    stub.write_text(
        "globalThis.window = globalThis; globalThis.document = { getElementById: () => null };\n"
        f"require('vm').runInThisContext(require('fs').readFileSync({json.dumps(str(path))}, 'utf8'));\n"
        "console.log('ran');\n",
        encoding="utf-8",
    )
    done = subprocess.run([NODE, str(stub)], capture_output=True, text=True, check=False)
    assert done.stdout.strip() == "ran", done.stderr


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (
            {"app.js": 'import { a } from "./b.js";\n', "b.js": "export default 1;\n"},
            "b.js:1: this export cannot be bundled",
        ),
        ({"app.js": 'import b from "./b.js";\n'}, "app.js:1: this import cannot be bundled"),
        (
            {"app.js": 'import { a } from "./b.js";\n', "b.js": 'import { c } from "./app.js";\nexport const a = 1;\n'},
            "in a circle",
        ),
        ({"app.js": 'import { a } from "./b.js";\n', "b.js": "export const b = 1;\n"}, "'a' is not exported by b.js"),
        ({"app.js": 'import { a } from "./missing.js";\n'}, "the module 'missing.js' does not exist"),
        ({"app.js": "const x = import('./b.js');\n"}, "app.js:1: this import cannot be bundled"),
        ({"app.js": "export { a };\n"}, "app.js:1: this export cannot be bundled"),
    ],
)
def test_the_bundler_refuses_what_it_cannot_keep(tmp_path: Path, files: dict[str, str], message: str) -> None:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        tool_bundle.bundle(tmp_path)
    assert message in str(caught.value)


def test_private_names_of_two_modules_do_not_clash(tmp_path: Path) -> None:
    (tmp_path / "app.js").write_text(
        'import { one } from "./a.js";\nimport { two } from "./b.js";\n'
        "const LIMIT = 3;\nconsole.log(one() + two() + LIMIT);\n",
        encoding="utf-8",
    )
    (tmp_path / "a.js").write_text("const LIMIT = 1;\nexport function one() { return LIMIT; }\n", encoding="utf-8")
    (tmp_path / "b.js").write_text("const LIMIT = 2;\nexport const two = () => LIMIT;\n", encoding="utf-8")
    path = tmp_path / "out.js"
    path.write_text(tool_bundle.bundle(tmp_path), encoding="utf-8")
    done = subprocess.run([NODE, str(path)], capture_output=True, text=True, check=False)
    assert done.stdout.strip() == "6", done.stderr


def test_the_vendored_qr_encoder_is_the_pinned_package() -> None:
    vendored = ROOT / "src" / "janus_kit" / "theme" / "assets" / "javascripts" / "vendor" / "qrcode-generator.js"
    package = ROOT / "node_modules" / "qrcode-generator"
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"]["node_modules/qrcode-generator"]["version"] == "2.0.4"
    assert (vendored.parent / "qrcode-generator.LICENSE.txt").read_text(encoding="utf-8").count("MIT License") == 1
    if not package.exists():
        pytest.fail("node_modules is missing: run `npm ci` (python3 scripts/kit.py test does it)")
    assert vendored.read_bytes() == (package / "dist" / "qrcode.js").read_bytes()
