"""Text inside pictures: measured with the kit's own font, wrapped, shrunk to fit.

SVG text does not wrap by itself, and the same label is three times longer in German
than in English. Every text of a picture is measured with the advance widths of the
font the site and the PDFs use (Noto Sans, ``theme/assets/fonts``), so that a label
wraps at spaces into the lines that fit its box, in every language; a word that is too
long even alone makes the text a little smaller, down to a floor, and is hyphenated
below it. Text is never cut off.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

FONT_DIR = Path(__file__).resolve().parents[1] / "theme" / "assets" / "fonts"
FONTS = {False: "NotoSans-Regular.woff2", True: "NotoSans-Bold.woff2"}
FAMILY = "Noto Sans"
MAX_TEXT = 600  # characters in one label of a picture (strings.yml allows more; pictures do not)


@dataclass(frozen=True)
class Metrics:
    units: int
    advances: dict[int, int]  # code point -> advance width in font units
    fallback: int  # for a character the font lacks

    def width(self, text: str, size: float) -> float:
        units = sum(self.advances.get(ord(c), self.fallback) for c in text)
        return units * size / self.units


@cache
def metrics(bold: bool = False) -> Metrics:
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    font = TTFont(str(FONT_DIR / FONTS[bold]), lazy=True)
    cmap = font.getBestCmap()
    hmtx = font["hmtx"].metrics
    advances = {code: hmtx[glyph][0] for code, glyph in cmap.items() if glyph in hmtx}
    units = int(font["head"].unitsPerEm)
    fallback = advances.get(ord("M"), units)
    font.close()
    return Metrics(units, advances, fallback)


def width(text: str, size: float, *, bold: bool = False) -> float:
    return metrics(bold).width(text, size)


@dataclass(frozen=True)
class Block:
    """A text set in lines: what to draw and how much room it takes."""

    lines: tuple[str, ...]
    size: float
    bold: bool = False
    leading: float = 1.25

    @property
    def line_height(self) -> float:
        return self.size * self.leading

    @property
    def height(self) -> float:
        return self.line_height * len(self.lines)

    @property
    def width(self) -> float:
        return max((width(line, self.size, bold=self.bold) for line in self.lines), default=0.0)


SOFT_HYPHEN = "\u00ad"


def _pieces(word: str) -> list[str]:
    """A word cut where it may break: after a hyphen or at a soft hyphen (which shows as
    a hyphen only at the end of a line)."""
    pieces: list[str] = []
    current = ""
    for i, char in enumerate(word):
        current += char
        inside = 0 < i < len(word) - 1
        if inside and char in {"-", SOFT_HYPHEN} and current.strip(f"-{SOFT_HYPHEN}"):
            pieces.append(current)
            current = ""
    if current:
        pieces.append(current)
    return pieces


def _shown(line: str) -> str:
    """A line as drawn: soft hyphens vanish, but the one that ends the line is a hyphen."""
    if line.endswith(SOFT_HYPHEN):
        line = line[:-1] + "-"
    return line.replace(SOFT_HYPHEN, "")


def _wrap(words: list[str], room: float, size: float, bold: bool) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in words:
        for n, piece in enumerate(_pieces(word)):
            glue = "" if n else " "
            trial = f"{current}{glue}{piece}" if current else piece
            if current and width(_shown(trial), size, bold=bold) > room:
                lines.append(_shown(current))
                current = piece
            else:
                current = trial
    if current:
        lines.append(_shown(current))
    return lines


@cache
def _dictionary(lang: str) -> object | None:
    """The hyphenation patterns of a language (Pyphen: the TeX/LibreOffice patterns that
    WeasyPrint uses for the PDFs too), or None for a language it does not know."""
    import pyphen  # type: ignore[import-untyped]

    code = pyphen.language_fallback(lang) if lang else None
    return pyphen.Pyphen(lang=code, left=2, right=3) if code else None


def _hyphenate(word: str, room: float, size: float, bold: bool, lang: str = "") -> list[str]:
    """A word too long for the box, cut into pieces that fit, each but the last with a hyphen:
    at the language's hyphenation points where one fits, else where the room ends."""
    pieces: list[str] = []
    rest = word.replace(SOFT_HYPHEN, "")
    dictionary = _dictionary(lang)
    while rest and width(rest, size, bold=bold) > room:
        points = list(dictionary.iterate(rest)) if dictionary is not None else []  # type: ignore[attr-defined]
        head = next((h for h, _ in points if width(h + "-", size, bold=bold) <= room), "")
        if head:
            pieces.append(head + "-")
            rest = rest[len(head) :]
            continue
        cut = len(rest) - 1
        while cut > 1 and width(rest[:cut] + "-", size, bold=bold) > room:
            cut -= 1
        pieces.append(rest[:cut] + "-")
        rest = rest[cut:]
    if rest:
        pieces.append(rest)
    return pieces


def fit(
    text: str,
    room: float,
    *,
    size: float,
    min_size: float | None = None,
    bold: bool = False,
    max_lines: int = 4,
    leading: float = 1.25,
    lang: str = "",
) -> Block:
    """``text`` wrapped into lines no wider than ``room``: at ``size`` if it fits in
    ``max_lines`` lines, else smaller (down to ``min_size``), else hyphenated at the floor
    by the rules of ``lang`` (then it may take more lines than ``max_lines``: nothing is
    cut off)."""
    text = " ".join(text.split(" "))[:MAX_TEXT].strip()
    words = [w for w in text.split(" ") if w]
    floor = min_size if min_size is not None else size * 0.8
    current = size
    while True:
        lines = _wrap(words, room, current, bold)
        fits = all(width(line, current, bold=bold) <= room for line in lines)
        if fits and len(lines) <= max_lines:
            return Block(tuple(lines), current, bold, leading)
        if current - 0.5 < floor:
            break
        current -= 0.5
    pieces = [piece for word in words for piece in _hyphenate(word, room, floor, bold, lang)]
    return Block(tuple(_wrap(pieces, room, floor, bold)), floor, bold, leading)
