"""The site's public address, as printed in the PDFs (QR codes and links).

A build knows the address from ``site_url`` in mkdocs.yml, which reads the
``KIT_SITE_URL`` environment variable and otherwise falls back to a placeholder.
A printed QR code that points at a placeholder is a dead end on paper, so a build
without a real address marks every PDF as a preview (a line on each page, and the
QR codes' descriptions say so) and says in the build log how to set the address.
Publishing refuses such a site by the same rule (``project.is_real_address``).
"""

from __future__ import annotations

from ..project import is_real_address

ENV_VAR = "KIT_SITE_URL"


def is_placeholder(url: str) -> bool:
    """True when ``url`` is not a real public address: the same rule as publishing
    (``project.is_real_address``: https, not an example, test or local host)."""
    return not is_real_address(url)


def preview_notice(url: str) -> str:
    """The build log's line for a build without a real address."""
    return (
        f"PDF preview: the site address {url} is not a real public https address, so every PDF is marked as a preview "
        f"and its QR codes and links lead nowhere. Build with the address you publish at: "
        f"{ENV_VAR}=https://<your site>/ python3 scripts/kit.py build (or set site_url in mkdocs.yml)."
    )
