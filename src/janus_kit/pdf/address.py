"""The site's public address, as printed in the PDFs (QR codes and links).

A build knows the address from ``site_url`` in mkdocs.yml, which reads the
``KIT_SITE_URL`` environment variable and otherwise falls back to a placeholder.
A printed QR code that points at a placeholder is a dead end on paper, so a build
without a real address marks every PDF as a preview (a line on each page, and the
QR codes' descriptions say so) and says in the build log how to set the address.
Publishing refuses preview PDFs (:func:`is_placeholder` is the one test).
"""

from __future__ import annotations

from urllib.parse import urlparse

ENV_VAR = "KIT_SITE_URL"
# Names reserved for examples and tests (RFC 2606, RFC 6761): never a real site.
RESERVED_DOMAINS = ("example.com", "example.net", "example.org")
RESERVED_TLDS = ("example", "test", "invalid", "localhost", "local")


def is_placeholder(url: str) -> bool:
    """True when ``url`` is not a real public address: no host, a reserved name, a local host."""
    parsed = urlparse(url)
    host = (parsed.hostname or "").lower().rstrip(".")
    if parsed.scheme not in {"http", "https"} or not host:
        return True
    if host in RESERVED_DOMAINS or any(host.endswith("." + domain) for domain in RESERVED_DOMAINS):
        return True
    if host.rsplit(".", 1)[-1] in RESERVED_TLDS:
        return True
    return host.startswith("127.") or host in {"0.0.0.0", "::1"}  # noqa: S104 - compared, not bound


def preview_notice(url: str) -> str:
    """The build log's line for a build without a real address."""
    return (
        f"PDF preview: the site address {url} is a placeholder, so every PDF is marked as a preview "
        f"and its QR codes and links lead nowhere. Build with the address you publish at: "
        f"{ENV_VAR}=https://<your site>/ python3 scripts/kit.py build (or set site_url in mkdocs.yml)."
    )
