"""The kit's pictures: icons, the rating scale, the assessment cycle, PDF thumbnails.

Every picture is drawn at build time from the skill model and the language's strings,
as inline SVG whose words are SVG ``<text>`` in the page's language (translators
translate them in ``strings.yml`` like any other text; the build applies the
language's typography). Each picture has a title and a description (its text
alternative), or is decorative (``aria-hidden``) next to the words it illustrates.
Nothing is fetched from another site: icons come from the sets bundled with Material
for MkDocs and go into the page itself.

- :mod:`.icons`: the icon of each competence, skill and rater (``framework.yml``);
- :mod:`.scale`: the scale as a staircase, "not observed" apart;
- :mod:`.cycle`: who rates, when, the review, the gaps, the modules;
- :mod:`.thumbnails`: a small picture of each PDF's first page, made from the PDF;
- :mod:`.text`: measuring and wrapping text with the kit's font.

The charts of the online tool are drawn in the browser from the record
(``theme/assets/javascripts/tool/chart.js``), with the same classes and colours.
"""

from __future__ import annotations

import shutil
from html import escape
from pathlib import Path

from ..model import Framework
from . import cycle, icons, scale

__all__ = [
    "ICON_LICENCES",
    "competence_icon",
    "cycle",
    "icons",
    "publish_licences",
    "rater_icon",
    "scale",
    "skill_icon",
    "used_icons",
]

ICON_LICENCES = "assets/icons"  # where the licence of each icon set the kit uses is published


def skill_icon(framework: Framework, skill_id: str, cls: str = "kit-icon kit-icon--skill") -> str:
    name = framework.skill(skill_id).icon or icons.DEFAULTS["skill"]
    return icons.load(name).svg(f"{cls} kit-icon--{escape(skill_id)}")


def competence_icon(framework: Framework, competence_id: str, cls: str = "kit-icon kit-icon--competence") -> str:
    name = framework.competence(competence_id).icon or icons.DEFAULTS["competence"]
    return icons.load(name).svg(f"{cls} kit-icon--{escape(competence_id)}")


def rater_icon(framework: Framework, rater: str, cls: str = "kit-icon kit-icon--rater") -> str:
    name = framework.rater_icon(rater) or icons.DEFAULTS["rater"]
    return icons.load(name).svg(f"{cls} kit-icon--{escape(rater)}")


def used_icons(framework: Framework) -> frozenset[str]:
    """Every icon a kit's pages, tool and PDFs may show."""
    names = {c.icon or icons.DEFAULTS["competence"] for c in framework.competences}
    names |= {s.icon or icons.DEFAULTS["skill"] for s in framework.skills}
    names |= {framework.rater_icon(r) or icons.DEFAULTS["rater"] for r in framework.raters}
    names |= set(cycle.STEP_ICONS.values()) | {scale.NOT_OBSERVED_ICON}
    return frozenset(names)


def publish_licences(framework: Framework, site_dir: Path) -> list[Path]:
    """Publish the licence of each icon set the kit uses (assets/icons/<set>/...)."""
    written = []
    for folder, source in sorted(icons.licences(used_icons(framework)).items()):
        target = site_dir / ICON_LICENCES / folder / source.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        written.append(target)
    return written
