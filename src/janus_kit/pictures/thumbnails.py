"""A small picture of a PDF's first page, made from the PDF itself at build time.

The downloads page shows it next to each document, so that people recognise the grid, the
review sheet or a handout before they download it. It is rendered from the finished PDF
with pypdfium2 (PDFium, the engine of Chromium's PDF viewer), so it shows exactly what the
file holds, and cached next to the PDF under the same key: an unchanged PDF keeps its
picture, and the same PDF gives the same bytes.

The picture is a PNG twice the size it is shown at (for sharp screens), in at most 64
colours: a few kilobytes each.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

WIDTH = 160  # pixels; shown at most 80 CSS pixels wide
COLOURS = 64


@dataclass(frozen=True)
class Thumbnail:
    url: str  # site-relative
    width: int
    height: int


def render(pdf: Path, *, width: int = WIDTH) -> object:
    """The first page of ``pdf`` as a Pillow image ``width`` pixels wide (RGB, forms drawn)."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    document = pdfium.PdfDocument(str(pdf))
    try:
        if hasattr(document, "init_forms"):
            document.init_forms()  # the fields of a fillable grid show as on paper
        page = document[0]
        page_width, _ = page.get_size()
        bitmap = page.render(scale=width / page_width, may_draw_forms=True)
        image = bitmap.to_pil().convert("RGB")
        page.close()
        return image
    finally:
        document.close()


def make(pdf: Path, target: Path, *, width: int = WIDTH) -> tuple[int, int]:
    """Write the first page of ``pdf`` to ``target`` (PNG, atomically); return its size."""
    from PIL import Image

    image = render(pdf, width=width)
    assert isinstance(image, Image.Image)
    small = image.quantize(colors=COLOURS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".png", dir=target.parent)
    os.close(fd)
    try:
        small.save(tmp, "PNG", optimize=True)
        Path(tmp).replace(target)
    finally:
        if Path(tmp).exists():
            Path(tmp).unlink()
    return small.size


def size_of(png: Path) -> tuple[int, int]:
    """The width and height of a PNG, read from its header."""
    header = png.read_bytes()[:24]
    if header[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{png} is not a PNG file")
    return int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")
