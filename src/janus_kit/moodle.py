"""The skill model as a Moodle competency framework: the CSV that Moodle's "Import
competency framework" tool (admin/tool/lpimportcsv) reads, one file per language.

The format is the one Moodle's own exporter writes (its tests/fixtures/example.csv): a
header row of 14 columns; then the framework row (no parent, ``Is framework`` 1, the
scale as comma-separated values with its configuration as JSON, one taxonomy term per
level); then one row per competency, naming its parent's id number (empty for a
top-level competency). Moodle builds the tree from the parent id numbers. Descriptions
are HTML (``Description format`` 1), so every text from content is escaped.
"""

from __future__ import annotations

import csv
import io
import json
from html import escape

from .kit import Kit

HEADER = (
    "Parent id number",
    "Id number",
    "Shortname",
    "Description",
    "Description format",
    "Scale values",
    "Scale configuration",
    "Rule type (optional)",
    "Rule outcome (optional)",
    "Rule config (optional)",
    "Cross referenced competency id numbers",
    "Exported id (optional)",
    "Is framework",
    "Taxonomy",
)
HTML = "1"  # Moodle's FORMAT_HTML
NO_RULE = ("", "", "", "0", "null", "")  # scale values, configuration, rule type/outcome/config, related
TAXONOMY = "competency,skill"  # level 1: the key competences; level 2: the skills
SHORTNAME_MAX = 100  # Moodle shortens id numbers and short names to 100 characters


def scale_values(kit: Kit, lang: str) -> list[str]:
    """Moodle's scale items: '0 Not observed', '1 Not yet', ... (a comma would split an item)."""
    s = kit.strings(lang)
    return [f"{v} {s.text(f'scale.{v}.label')}".replace(",", " ") for v in kit.framework.scale]


def scale_configuration(kit: Kit) -> str:
    """Which items are the default (the first) and proficient (the badge level and up,
    else the top half); Moodle puts its own scale id in the first entry on import."""
    fw = kit.framework
    threshold = fw.badges.level if fw.badges else fw.scale[len(fw.scale) // 2]
    items: list[dict[str, int | str]] = [{"scaleid": "1"}]
    for index, value in enumerate(fw.scale, start=1):
        item: dict[str, int | str] = {"id": index}
        if index == 1:
            item["scaledefault"] = 1
        if value != fw.not_observed and value >= threshold:
            item["proficient"] = 1
        items.append(item)
    return json.dumps(items, separators=(",", ":"))


def rows(kit: Kit, lang: str) -> list[list[str]]:
    """Every row of the CSV, the header first."""
    fw, s = kit.framework, kit.strings(lang)
    site = kit.project.site_url
    cat = kit.catalogue

    def link(url: str, text: str) -> str:
        return f'<a href="{escape(url)}">{escape(text)}</a>'

    description = (
        f"<p>{escape(s.text('site.description'))}</p>"
        f"<p>{escape(s.text('certification.moodle_version', version=fw.version, esco=fw.esco_version))}</p>"
        f"<p>{link(site + cat.page_url(lang, cat.layout.home_page), site)}</p>"
    )
    out = [list(HEADER)]
    out.append(
        [
            "",
            fw.kit_id,
            s.text("site.name")[:SHORTNAME_MAX],
            description,
            HTML,
            ",".join(scale_values(kit, lang)),
            scale_configuration(kit),
            "",
            "",
            "",
            "",
            "",
            "1",
            TAXONOMY,
        ]
    )
    exported = 0
    for comp in fw.competences:
        grid = kit.grid(lang, comp.id)
        exported += 1
        comp_text = (
            f"<p>{escape(s.text('badges.key_competence_2018', name=comp.name_2018))}</p>"
            f"<p>{link(site + cat.page_url(lang, cat.grid_rel(comp.id)), grid.title)}</p>"
        )
        out.append(["", comp.id, grid.title[:SHORTNAME_MAX], comp_text, HTML, *NO_RULE, str(exported), "", ""])
        for skill in comp.skills:
            exported += 1
            item = grid.skill(skill.id)
            esco = "".join(
                f"<li>{link(fw.esco_prefix + uuid, s.text('certification.moodle_esco', version=fw.esco_version))}"
                f" <code>{escape(fw.esco_prefix + uuid)}</code></li>"
                for uuid in skill.esco
            )
            text = (
                f"<p>{escape(s.text('grid.indicator'))}:</p>"
                "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in item.indicators) + "</ul>"
                f"<ul>{esco}</ul>"
                f"<p>{link(site + cat.page_url(lang, cat.module_rel(skill.id)), item.name)}</p>"
            )
            out.append([comp.id, skill.id, item.name[:SHORTNAME_MAX], text, HTML, *NO_RULE, str(exported), "", ""])
    return out


def csv_text(kit: Kit, lang: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows(rows(kit, lang))
    return buffer.getvalue()
