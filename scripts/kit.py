#!/usr/bin/env python3
"""The JANUS+ kit's one command line.

    python3 scripts/kit.py build        install what is needed, build the site and PDFs into site/
    python3 scripts/kit.py test         install what is needed (chromium too), run the test suite
    python3 scripts/kit.py serve        preview while you write (PDFs off)
    python3 scripts/kit.py status       translation status per language (--check, --diff)
    python3 scripts/kit.py translate    start or refresh a translation
    python3 scripts/kit.py check        validate content and translation structure
    python3 scripts/kit.py bench        time the build (HTML only, cold, warm, one change)
    python3 scripts/kit.py keys         a key pair for a training centre that signs Open Badges

This file needs only Python's standard library: it creates .venv, installs the
pinned requirements there (the kit generator itself included, from src/, editable),
then runs the rest inside it. Inside .venv the same commands are `kit build`, etc.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv"
PYTHON = VENV / "bin" / "python"
STAMP = VENV / ".kit-installed"
CHROMIUM = Path("/usr/bin/chromium")
# Debian tools the PDF tests run on the rendered files: poppler draws filled forms
# (pdftoppm), qpdf checks the files and flattens their forms.
PDF_TOOLS = {"pdftoppm": "poppler-utils", "qpdf": "qpdf"}


def _say(text: str) -> None:
    print(f"kit: {text}", flush=True)


def _requirements_digest() -> str:
    digest = hashlib.sha256()
    for name in ("requirements.txt", "pyproject.toml", "package-lock.json"):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def ensure_python_env() -> None:
    """Create .venv and install the pinned requirements (again only when they change)."""
    if not PYTHON.exists():
        _say("creating .venv")
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    digest = _requirements_digest()
    if STAMP.exists() and STAMP.read_text() == digest:
        return
    _say("installing pinned requirements into .venv")
    pip = [str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, "-r", str(ROOT / "requirements.txt")], check=True)
    STAMP.write_text(digest)


def apt_install(package: str) -> None:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", package], check=True, env=env)


def ensure_chromium() -> None:
    """The browser tests drive Debian's chromium; install it when it is missing."""
    if CHROMIUM.exists():
        return
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        sys.exit(
            "kit: the browser tests need Debian's chromium at /usr/bin/chromium.\n"
            "     Install it with:  sudo apt-get update && sudo apt-get install -y chromium"
        )
    _say("installing Debian's chromium for the browser tests")
    apt_install("chromium")


def ensure_pdf_tools() -> None:
    """The PDF tests read the rendered files with poppler and qpdf; install them when missing."""
    missing = [package for tool, package in PDF_TOOLS.items() if shutil.which(tool) is None]
    if not missing:
        return
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        sys.exit(
            "kit: the PDF tests need poppler-utils and qpdf.\n"
            f"     Install them with:  sudo apt-get update && sudo apt-get install -y {' '.join(missing)}"
        )
    _say(f"installing Debian's {', '.join(missing)} for the PDF tests")
    for package in missing:
        apt_install(package)


def ensure_node_tools() -> None:
    """axe-core (accessibility tests), qrcode-generator (vendored into the tool; a test checks the
    copy) and @orama/stemmers (the vendored Lithuanian stemmer; a test checks the copy) come from
    npm, pinned in package-lock.json."""
    wanted = ("axe-core/axe.min.js", "qrcode-generator/dist/qrcode.js", "@orama/stemmers/dist/lt.cjs")
    if all((ROOT / "node_modules" / name).exists() for name in wanted):
        return
    if shutil.which("npm") is None:
        if shutil.which("apt-get") is None or os.geteuid() != 0:
            sys.exit("kit: the accessibility tests need npm (Node.js). Install it, e.g. sudo apt-get install -y npm")
        _say("installing Debian's npm for the accessibility tests")
        apt_install("npm")
    _say("installing the test tools from package-lock.json (npm ci)")
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=ROOT, check=True)


def in_venv() -> bool:
    return Path(sys.prefix).resolve() == VENV.resolve()


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "help"
    if command in {"-h", "--help", "help"}:
        print(__doc__)
        return 0
    ensure_python_env()
    if command == "test":
        ensure_chromium()
        ensure_pdf_tools()
        ensure_node_tools()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if not in_venv():
        os.execve(str(PYTHON), [str(PYTHON), str(Path(__file__).resolve()), *argv], env)  # noqa: S606
    os.environ.update(env)
    from janus_kit import cli  # installed into .venv by requirements.txt (editable)

    return cli.main(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
