"""Key pairs for training centres that sign Open Badges (``kit keys``).

The centre's public key is published with the site (``issuer.public_key`` in mkdocs.yml);
the private key is a PKCS#8 PEM file that the trainer opens in the tool when signing.
The private key is never written inside the project folder (it would be committed or
published), never over an existing file, and readable by its owner only.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from .badges import read_public_key

BITS = 3072  # above the 2048 that RS256 requires (NIST SP 800-57: 128-bit strength)


class KeyError_(Exception):  # KeyError is Python's own
    """A key pair cannot be made where asked."""


@dataclass(frozen=True)
class Made:
    centre: str
    public: Path
    private: Path
    public_rel: str
    thumbprint: str


def slug(name: str) -> str:
    text = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return text[:40] or "centre"


def make_keys(root: Path, *, centre: str, public: Path | None = None, private: Path | None = None) -> Made:
    from joserfc.jwk import RSAKey

    centre = " ".join(centre.split())
    if not centre:
        raise KeyError_("give the centre's name with --centre")
    root = root.resolve()
    public = (public if public and public.is_absolute() else root / (public or Path("issuer"))).resolve()
    if public.suffix != ".json":
        public = public / f"{slug(centre)}-public.jwk.json"
    default_private = Path.home() / "janus-kit-keys" / f"{slug(centre)}-private-key.pem"
    private = private.resolve() if private else default_private.resolve()
    if private.is_dir() or not private.suffix:
        private = private / f"{slug(centre)}-private-key.pem"
    if private.is_relative_to(root):
        raise KeyError_(
            f"the private key would be inside the project ({private}); the site or git could publish it. "
            "Write it outside the project folder, e.g. --private ~/janus-kit-keys/"
        )
    for path in (public, private):
        if path.exists():
            raise KeyError_(f"{path} exists already; move it away first (a new key pair replaces nothing)")
    key = RSAKey.generate_key(BITS, private=True)
    jwk = {k: str(v) for k, v in key.as_dict(private=False).items()}
    public.parent.mkdir(parents=True, exist_ok=True)
    private.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(private, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(key.as_pem(private=True))
    public.write_text(json.dumps({**jwk, "alg": "RS256", "use": "sig"}, indent=2) + "\n", encoding="utf-8")
    checked = read_public_key(public)  # the file the build will read, as it will read it
    rel = public.relative_to(root).as_posix() if public.is_relative_to(root) else str(public)
    return Made(centre, public, private, rel, checked.thumbprint)
