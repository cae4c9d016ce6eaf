"""``kit publish DIR``: copy a built site into a static host's folder, only with a real address.

Any static host serves the result (a web server's folder, a mounted share, a checkout of a
GitHub Pages branch). The command refuses a site built without a real public address,
because the PDFs' QR codes and printed links would point nowhere.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from .project import Project


class PublishError(Exception):
    """The site cannot be published as it is; the message says what to do."""


def check_ready(project: Project, site_dir: Path) -> None:
    if not project.site_url_is_real:
        raise PublishError(
            f"the site address is '{project.site_url}', which is not a real public address. "
            "Set it before you build, e.g.  KIT_SITE_URL=https://kit.your-centre.eu/ python3 scripts/kit.py build  "
            "(or write site_url: in mkdocs.yml), then publish."
        )
    index = site_dir / "index.html"
    if not index.exists():
        raise PublishError(f"there is no built site in {site_dir}: run the build first")
    sitemap = site_dir / "sitemap.xml"
    if sitemap.exists() and project.site_url not in sitemap.read_text(encoding="utf-8", errors="replace"):
        raise PublishError(
            f"the site in {site_dir} was built for another address than {project.site_url}: build it again"
        )


def publish(project: Project, site_dir: Path, target: Path) -> int:
    """Replace the contents of ``target`` (its .git folder and CNAME file are kept) by the site."""
    check_ready(project, site_dir)
    target.mkdir(parents=True, exist_ok=True)
    keep = {".git", "CNAME", ".nojekyll"}
    for child in target.iterdir():
        if child.name in keep:
            continue
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    count = 0
    for source in site_dir.rglob("*"):
        dest = target / source.relative_to(site_dir)
        if source.is_dir():
            dest.mkdir(parents=True, exist_ok=True)
        else:
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest)
            count += 1
    (target / ".nojekyll").write_text("")  # GitHub Pages: serve folders that start with _
    return count
