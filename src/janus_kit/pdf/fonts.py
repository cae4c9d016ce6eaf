"""The font of the form fields: a small subset of Noto Sans, made once and cached.

PDF viewers draw what people type into a field with the font named in the field's
default appearance, and they can only use a font embedded in the file. WeasyPrint
embeds a field's font whole (every glyph, with hinting and layout tables), so the
fields get a font of their own, cut down beforehand to the letters people may type
in the kit's six languages: Basic Latin, Latin-1, Latin Extended-A (Lithuanian,
Czech, Polish...), the Romanian comma-below letters and common punctuation. That
takes a grid from about 146 kB to well under 100 kB.

The subset is made with fontTools from the site's own Noto Sans Regular, written
atomically and named by a hash of its input, so that a changed font or letter list
makes a new file and the PDF cache (whose key hashes the fonts and this code)
follows.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import tempfile
from pathlib import Path

SOURCE = "NotoSans-Regular.woff2"
FAMILY = "Kit Fields"  # the @font-face name in print.css
URL_NAME = "kit-fields.ttf"  # print.css loads fonts/kit-fields.ttf; the fetcher maps it here

# Every character a field's font covers: what people type in six European languages.
UNICODES: tuple[int, ...] = (
    *range(0x20, 0x7F),  # Basic Latin
    *range(0xA0, 0x100),  # Latin-1: é ü ß ñ ç ...
    *range(0x100, 0x180),  # Latin Extended-A: ą č ę ė į š ų ū ž ă ő œ ş ţ ...
    *range(0x218, 0x21C),  # Ș ș Ț ț (Romanian comma below)
    0x2010,  # hyphen
    0x2011,  # non-breaking hyphen
    0x2013,  # en dash
    0x2014,  # em dash
    0x2018,  # quotes
    0x2019,
    0x201A,
    0x201C,
    0x201D,
    0x201E,
    0x2022,  # bullet
    0x2026,  # ellipsis
    0x2039,
    0x203A,
    0x20AC,  # euro sign
    0x2212,  # minus
)


def _digest(source: Path) -> str:
    digest = hashlib.sha256(source.read_bytes())
    digest.update(",".join(map(str, UNICODES)).encode())
    digest.update(importlib.metadata.version("fonttools").encode())
    return digest.hexdigest()[:16]


def subset(source: Path, target: Path) -> None:
    """Write the fields' font: ``source`` cut down to ``UNICODES``, plain TrueType,
    without hinting or layout tables (fields are never shaped)."""
    from fontTools import subset as ft_subset  # type: ignore[import-untyped]
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    options = ft_subset.Options()
    options.layout_features = []
    options.hinting = False
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "DSIG"]
    options.notdef_outline = True  # a missing letter shows as a box, never as nothing
    options.name_IDs = ["*"]  # keep the licence and copyright records
    font = TTFont(str(source), recalcTimestamp=False)  # the same bytes on every build
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(unicodes=UNICODES)
    subsetter.subset(font)
    font.flavor = None  # TrueType, not WOFF2: PDF embeds TrueType
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".ttf", dir=target.parent)
    os.close(fd)
    try:
        font.save(tmp)
        Path(tmp).replace(target)
    finally:
        if Path(tmp).exists():
            Path(tmp).unlink()


def ensure(font_dir: Path, cache_dir: Path) -> Path:
    """The fields' font made from ``font_dir``, from ``cache_dir`` when it is there already."""
    source = font_dir / SOURCE
    if not source.is_file():
        raise FileNotFoundError(f"font file missing: {source}")
    target = cache_dir / f"kit-fields-{_digest(source)}.ttf"
    if not target.is_file():
        subset(source, target)
    return target
