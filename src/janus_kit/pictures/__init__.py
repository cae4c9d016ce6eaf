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

import gzip
import re
import shutil
from html import escape
from pathlib import Path

from ..model import Framework
from . import cycle, icons, scale

__all__ = [
    "ICON_LICENCES",
    "added_weight",
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


# What the pictures add to a page: the figures, the icons, the tool's hidden pictures, and
# the pictures' section of kit.css (between its two marker comments).
_ADDED = (
    re.compile(r'<figure class="kit-(?:cycle|scale-picture)".*?</figure>', re.S),
    re.compile(r'<div id="kit-tool-pictures" hidden>.*?</div>', re.S),
    re.compile(r'<svg class="kit-icon\b.*?</svg>', re.S),
)
_CSS_SECTION = re.compile(r"/\* == Pictures .*?/\* == end of pictures =*\s*\*/", re.S)


def _gzipped(text: str) -> int:
    return len(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))


def added_weight(html: str, css: str) -> tuple[int, int]:
    """Bytes, gzipped, that the pictures add to a page's first load: (in the page, in kit.css)."""
    bare = html
    for pattern in _ADDED:
        bare = pattern.sub("", bare)
    section = _CSS_SECTION.search(css)
    return _gzipped(html) - _gzipped(bare), _gzipped(section[0]) if section else 0
