"""``kit publish DIR``: copy a built site into a static host's folder, only with a real address.

Any static host serves the result (a web server's folder, a mounted share, a checkout of a
GitHub Pages branch). The command refuses a site built without a real public address,
because the PDFs' QR codes and printed links would point nowhere.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from .project import Project, is_real_address


class PublishError(Exception):
    """The site cannot be published as it is; the message says what to do."""


_LOC = re.compile(r"<loc>\s*([^<\s]+)\s*</loc>")


def built_address(site_dir: Path) -> str | None:
    """The address a built site was made for: its sitemap's first page (the home page)."""
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.is_file():
        return None
    match = _LOC.search(sitemap.read_text(encoding="utf-8", errors="replace")[:4096])
    return match[1] if match else None


def check_ready(project: Project, site_dir: Path) -> None:
    """The built site in ``site_dir`` was made for a real public address (the one its QR codes
    and printed links carry), and for the project's address when the project names a real one."""
    index = site_dir / "index.html"
    if not index.exists():
        raise PublishError(f"there is no built site in {site_dir}: run  mkdocs build  first")
    built = built_address(site_dir) or project.site_url
    if not is_real_address(built):
        raise PublishError(
            f"the site in {site_dir} was built for the address '{built}', which is not a real public "
            "address, so its QR codes and printed links would point nowhere. Build it with the real "
            "address, e.g.  KIT_SITE_URL=https://kit.your-centre.eu/ mkdocs build  (or write site_url: "
            "in mkdocs.yml), then publish."
        )
    if project.site_url_is_real and built.rstrip("/") != project.site_url.rstrip("/"):
        raise PublishError(f"the site in {site_dir} was built for {built}, not for {project.site_url}: build it again")


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
