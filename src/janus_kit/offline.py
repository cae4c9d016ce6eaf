"""The offline copy: one zip per language that opens from ``file://`` on a laptop.

For training centres with a poor connection: the site is built a second time with mkdocs'
file URLs (``page.html`` instead of ``page/``), by a separate build process so that the two
builds share nothing but the PDF cache; then each language's pages, the shared assets and
its PDFs go into ``<kit>-<lang>-offline.zip``, published under ``offline/``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from . import tool_bundle
from .catalogue import Catalogue
from .errors import ContentError

ENV_FLAG = "KIT_OFFLINE_BUILD"  # set in the build that makes the offline copy
SHARED = ("assets", "search")  # folders every language's copy needs
_ERROR = re.compile(r"^ERROR\s+-\s+(.*)$", re.M)


def is_offline_build() -> bool:
    return os.environ.get(ENV_FLAG) == "1"


def _start_page(lang: str, title: str, link: str) -> str:
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta http-equiv="refresh" content="0; url={lang}/index.html"><title>{title}</title></head>'
        f'<body><p><a href="{lang}/index.html">{link}</a></p></body></html>'
    )


def zip_language(
    site: Path, target: Path, *, lang: str, catalogue: Catalogue, start_title: str, start_link: str
) -> int:
    """Write the offline copy of one language; return the number of files in it."""
    source = catalogue.source_language
    others = {code for code in catalogue.languages[1:] if code != lang}
    top = f"{catalogue.framework.kit_id}-{lang}"
    target.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    tmp = target.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(site.rglob("*")):
            if path.is_dir():
                continue
            rel = path.relative_to(site).as_posix()
            first = rel.split("/", 1)[0] if "/" in rel else ""
            if others & set(rel.split("/")[:-1]):
                continue  # another language's files, wherever they are (e.g. badges/achievements/fr/)
            if lang == source:
                if first in others or first == catalogue.layout.offline_dir:
                    continue
            elif first not in (*SHARED, lang):
                continue  # other languages, and the source language's own pages
            info = zipfile.ZipInfo(f"{top}/{rel}", date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
            count += 1
        if lang != source:
            info = zipfile.ZipInfo(f"{top}/index.html", date_time=(2000, 1, 1, 0, 0, 0))
            archive.writestr(info, _start_page(lang, start_title, start_link))
            count += 1
    tmp.replace(target)
    return count


def build(root: Path, *, site_dir: Path, catalogue: Catalogue, texts: dict[str, tuple[str, str]]) -> list[Path]:
    """Build the offline copy of the kit at ``root`` and publish one zip per language in ``site_dir``.

    ``texts`` gives, per language, the title and the link text of the copy's start page.
    """
    with tempfile.TemporaryDirectory(prefix="kit-offline-") as tmp:
        site = Path(tmp) / "site"
        env = {**os.environ, ENV_FLAG: "1", "NO_MKDOCS_2_WARNING": "1"}
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "build",
                "--strict",
                "-f",
                str(root / "mkdocs.yml"),
                "--site-dir",
                str(site),
            ],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            errors = _ERROR.findall(result.stdout + result.stderr)
            raise ContentError(
                "mkdocs.yml", "the offline copy did not build: " + (errors[-1] if errors else "see the log")
            )
        tool_bundle.write(site)  # browsers refuse ES modules from file://: the tool as one script
        written = []
        for lang in catalogue.languages:
            target = site_dir / catalogue.offline_url(lang)
            title, link = texts[lang]
            zip_language(site, target, lang=lang, catalogue=catalogue, start_title=title, start_link=link)
            written.append(target)
        return written
