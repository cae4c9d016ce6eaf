"""The Moodle competency framework CSV parses back to the model's tree, the way Moodle's
importer (admin/tool/lpimportcsv, framework_importer.php) reads it: by column position,
the framework row marked by 'Is framework', the tree from the parent id numbers."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from helpers import build_in_process, copy_fixture
from janus_kit import moodle
from janus_kit.kit import Kit

ROOT = Path(__file__).resolve().parents[1]
HEADER = (
    '"Parent id number","Id number",Shortname,Description,"Description format","Scale values",'
    '"Scale configuration","Rule type (optional)","Rule outcome (optional)","Rule config (optional)",'
    '"Cross referenced competency id numbers","Exported id (optional)","Is framework",Taxonomy'
)


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.items: list[str] = []
        self._li = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hrefs += [v or "" for k, v in attrs if k == "href"]
        self._li = tag == "li"

    def handle_data(self, data: str) -> None:
        if self._li and data.strip():
            self.items.append(data)
            self._li = False


def import_like_moodle(text: str) -> dict:
    """framework_importer's reading: first row the header, then rows by position."""
    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    assert header == next(csv.reader([HEADER])), "Moodle's exact 14 header columns"
    assert all(len(r) == 14 for r in body)
    frameworks = [r for r in body if r[12]]
    assert len(frameworks) == 1
    flat = {r[1]: {"parent": r[0], "row": r, "children": []} for r in body if not r[12]}
    assert len(flat) == len(body) - 1, "id numbers are unique"
    root: dict = {"row": frameworks[0], "children": []}

    def add(node: dict, parent: str) -> None:  # framework_importer::add_children
        for idnumber, comp in flat.items():
            if comp["parent"] == parent:
                node["children"].append(idnumber)
                add(comp, idnumber)

    add(root, "")
    return {"framework": root, "flat": flat}


@pytest.mark.parametrize("lang", Kit.at(ROOT).languages)
def test_the_real_kit_parses_back_to_the_model_tree_in_every_language(lang: str) -> None:
    kit = Kit.at(ROOT)
    text = moodle.csv_text(kit, lang)
    got = import_like_moodle(text)
    fw = kit.framework
    tree = {c: got["flat"][c]["children"] for c in got["framework"]["children"]}
    assert tree == {c.id: [s.id for s in c.skills] for c in fw.competences}
    framework = got["framework"]["row"]
    s = kit.strings(lang)
    assert framework[1] == fw.kit_id
    assert framework[4] == "1"
    assert framework[5].split(",") == [f"{v} {s.text(f'scale.{v}.label')}".replace(",", " ") for v in fw.scale]
    config = json.loads(framework[6])
    assert len(config) == 1 + len(fw.scale)
    assert [c.get("scaledefault", 0) for c in config[1:]] == [1, 0, 0, 0, 0]
    assert [c.get("proficient", 0) for c in config[1:]] == [0, 0, 0, 1, 1], "proficient from the badge level (3)"
    assert framework[13] == "competency,skill", "one taxonomy term per level"
    for comp in fw.competences:
        assert got["flat"][comp.id]["row"][2] == kit.grid(lang, comp.id).title
        for skill in comp.skills:
            row = got["flat"][skill.id]["row"]
            grid_skill = kit.grid(lang, comp.id).skill(skill.id)
            assert row[2] == grid_skill.name
            assert row[4] == "1"
            links = Links()
            links.feed(row[3])
            assert [h for h in links.hrefs if "esco" in h] == fw.esco_uris(skill.id)
            for indicator in grid_skill.indicators:
                assert indicator in links.items


def test_the_fixture_kit_0_to_3_scale_and_the_built_file_on_the_downloads_page(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path / "kit")
    build = build_in_process(root)
    assert build.ok, build.error
    kit = Kit.at(root)
    for lang, prefix in (("it", ""), ("en", "en/")):
        path = build.site / f"{prefix}exports/digital-kit-moodle-framework-{lang}.csv"
        text = path.read_text(encoding="utf-8")
        assert text == moodle.csv_text(kit, lang)
        got = import_like_moodle(text)
        assert got["framework"]["children"] == ["digitale"]
        assert got["flat"]["digitale"]["children"] == ["sicurezza-online", "comunicazione-digitale"]
        config = json.loads(got["framework"]["row"][6])
        assert [c.get("proficient", 0) for c in config[1:]] == [0, 0, 1, 1], "badge level 2 on a 0-3 scale"
        downloads = build.read(f"{prefix}downloads/index.html")
        assert f'href="../exports/digital-kit-moodle-framework-{lang}.csv"' in downloads


def test_content_text_is_escaped_in_the_html_descriptions(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path / "kit")
    grid = root / "content" / "it" / "grids" / "digitale.md"
    text = grid.read_text(encoding="utf-8")
    first = text.split("      - ", 1)[1].split("\n", 1)[0]
    grid.write_text(text.replace(first, 'Usa <b onmouseover="x()">password</b> & PIN', 1), encoding="utf-8")
    out = moodle.csv_text(Kit.at(root), "it")
    assert "<b onmouseover" not in out
    assert "&lt;b onmouseover=&quot;x()&quot;&gt;password&lt;/b&gt; &amp; PIN" in out
