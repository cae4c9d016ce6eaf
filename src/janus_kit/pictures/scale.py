"""The rating scale as a picture: a staircase of the rated steps, and "not observed" apart.

Each rated value is a step, higher than the one before (so that the order reads in black
and white, without colour); the number stands above its step and its label below. The
value for "not observed" stands apart, as an empty dashed box with a crossed-out eye:
it is not a low score, so it is not the first step of the stairs.

The words are the language's ``scale.<n>.label``; the picture's title and description
(its text alternative) are ``pictures.scale.title`` and the steps in words.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Framework
from ..strings import Strings
from ..typography import fix_text
from . import icons
from .svg import el, num, picture, text
from .text import fit, width

NOT_OBSERVED_ICON = "material/eye-off-outline"
WIDTH = 340.0
COLUMN_GAP = 6.0
SEPARATOR = 10.0  # extra room between "not observed" and the stairs


ROW_WIDTH = 720.0  # the one-line shape, for a sheet with little room (the review sheet)
ROW_HEIGHT = 26.0
ROW_GAP = 14.0  # between a label and the next value's step
ROW_LABEL, ROW_MIN_LABEL = 13.0, 11.0


@dataclass(frozen=True)
class Shape:
    """How tall the stairs are and how large the words."""

    step_top: float  # height of the highest step
    step_base: float  # height of the lowest step
    number: float  # size of the numbers
    label: float  # size of the labels
    min_label: float
    lines: int  # at most this many lines of a label before it gets smaller


SHAPES = {
    "steps": Shape(56.0, 12.0, 17.0, 12.5, 9.5, 3),
    # on paper: lower stairs, larger words (a long word is hyphenated rather than made tiny)
    "print": Shape(38.0, 9.0, 16.0, 14.0, 12.5, 3),
}


def _none_box(x: float, y: float, width: float, height: float, icon: float) -> str:
    """The "not observed" value: an empty dashed box with a crossed-out eye."""
    return el(
        "rect",
        class_="kit-pic__none",
        x=float(x),
        y=float(y),
        width=float(width),
        height=float(height),
        rx="4",
        fill="none",
        stroke="#555",
        stroke_width="1.5",
        stroke_dasharray="4 3",
    ) + icons.load(NOT_OBSERVED_ICON).nested(x=x + width / 2 - icon / 2, y=y + height / 2 - icon / 2, size=icon)


def _step(x: float, y: float, width: float, height: float, rank: int, count: int) -> str:
    """A rated value: a step, darker and taller the higher it is."""
    return el(
        "rect",
        class_=f"kit-pic__step kit-pic__step--{rank}",
        x=float(x),
        y=float(y),
        width=float(width),
        height=float(height),
        rx="3",
        fill="#3f51b5",
        fill_opacity=num(0.25 + 0.75 * rank / count),
        stroke="#283593",
        stroke_width="1",
    )


def _number(value: int, x: float, y: float, size: float, anchor: str = "middle") -> str:
    return el(
        "text",
        str(value),
        class_="kit-pic__number",
        x=float(x),
        y=float(y),
        text_anchor=anchor if anchor != "start" else None,
        font_family="Noto Sans, sans-serif",
        font_size=num(size),
        font_weight="700",
        fill="#1a1a1a",
    )


def steps(framework: Framework, s: Strings, lang: str) -> list[tuple[int, str]]:
    return [(value, fix_text(s.text(f"scale.{value}.label"), lang)) for value in framework.scale]


def description(framework: Framework, s: Strings, lang: str) -> str:
    return fix_text(
        s.text(
            "pictures.scale.desc",
            steps="; ".join(f"{value} {label}" for value, label in steps(framework, s, lang)),
            none=framework.not_observed,
        ),
        lang,
    )


def title(framework: Framework, s: Strings, lang: str, *, full: bool = False) -> str:
    """The picture's title; ``full``: with its description (a PDF's alternative text is the title)."""
    text = fix_text(s.text("pictures.scale.title"), lang)
    return f"{text}: {description(framework, s, lang)}" if full else text


def svg(
    framework: Framework,
    s: Strings,
    lang: str,
    *,
    ident: str = "kit-scale-pic",
    shape: str = "steps",
    full_title: bool = False,
) -> str:
    """The scale picture of ``framework`` in ``lang``, as inline SVG: ``steps`` (a staircase,
    labels under the steps) or ``row`` (one line: each step with its number and label beside it).
    ``full_title`` puts the description into the title too (for a PDF, whose alternative text
    is the title)."""
    values = sorted(steps(framework, s, lang), key=lambda step: step[0] != framework.not_observed)
    heading = title(framework, s, lang, full=full_title)
    if shape == "row":
        return _row(framework, s, lang, values, ident, heading)
    form = SHAPES[shape]
    rated = [v for v, _ in values if v != framework.not_observed]
    count = len(values)
    column = (WIDTH - SEPARATOR - COLUMN_GAP * (count - 1)) / count
    labels = {
        v: fit(label, column, size=form.label, min_size=form.min_label, max_lines=form.lines, lang=lang)
        for v, label in values
    }
    common = min(block.size for block in labels.values())  # the labels share one size
    labels = {
        v: fit(label, column, size=common, min_size=common, max_lines=form.lines, lang=lang) for v, label in values
    }
    label_height = max(block.height for block in labels.values())
    top = 4.0
    base = top + form.number + 6.0 + form.step_top  # the floor of the stairs
    height = base + 6.0 + label_height + 4.0
    parts: list[str] = []
    x = 0.0
    for index, (value, _label) in enumerate(values):
        centre = x + column / 2
        if value == framework.not_observed:
            box = form.step_top - 8
            parts.append(_none_box(x + 3, base - box, column - 6, box, min(26.0, column - 14)))
            number_y = base - box - 6
        else:
            rank = rated.index(value) + 1
            step = form.step_base + (form.step_top - form.step_base) * (rank - 1) / max(1, len(rated) - 1)
            parts.append(_step(x + 2, base - step, column - 4, step, rank, len(rated)))
            number_y = base - step - 6
        parts.append(_number(value, centre, number_y, form.number))
        parts.append(text(labels[value], centre, base + 6, anchor="middle"))
        x += column + COLUMN_GAP + (SEPARATOR if index == 0 and value == framework.not_observed else 0)
        if index == 0 and value == framework.not_observed:
            line_x = x - COLUMN_GAP / 2 - SEPARATOR / 2
            parts.append(
                el(
                    "line",
                    class_="kit-pic__rule",
                    x1=float(line_x),
                    x2=float(line_x),
                    y1=float(top + 4),
                    y2=float(base),
                    stroke="#777",
                    stroke_width="1",
                    stroke_dasharray="2 3",
                )
            )
    parts.append(
        el(
            "line",
            class_="kit-pic__floor",
            x1=num(0),
            x2=float(WIDTH),
            y1=float(base),
            y2=float(base),
            stroke="#555",
            stroke_width="1",
        )
    )
    return picture(
        "".join(parts),
        width=WIDTH,
        height=height,
        cls="kit-pic kit-pic--scale",
        title=heading,
        desc=description(framework, s, lang),
        ident=ident,
        lang=lang,
    )


def _row(framework: Framework, s: Strings, lang: str, values: list[tuple[int, str]], ident: str, heading: str) -> str:
    """One line: for each value, its step (or the empty box), its number and its label. Each
    value gets the room its label needs and an equal share of what is left, so that a long
    label ("Nicht beobachtet") keeps the size of the others; labels too long for one line
    at the smallest size share the line equally and wrap."""
    rated = [v for v, _ in values if v != framework.not_observed]
    count = len(values)
    bar, number, gap = 22.0, 15.0, 6.0  # gap: between the step and its number (half: before its label)
    fixed = bar + gap + number + gap / 2
    free = ROW_WIDTH - SEPARATOR - ROW_GAP * (count - 1) - count * fixed  # for the labels
    size = ROW_LABEL
    while size > ROW_MIN_LABEL and sum(width(label, size) for _, label in values) > free:
        size -= 0.5
    natural = {v: width(label, size) for v, label in values}
    spare = free - sum(natural.values())
    rooms = {v: natural[v] + spare / count for v in natural} if spare >= 0 else dict.fromkeys(natural, free / count)
    blocks = {v: fit(label, rooms[v], size=size, min_size=size, max_lines=2, lang=lang) for v, label in values}
    height = max(ROW_HEIGHT, max(b.height for b in blocks.values()) + 4)
    floor = height - 2
    parts: list[str] = []
    x = 0.0
    for index, (value, _label) in enumerate(values):
        if value == framework.not_observed:
            parts.append(_none_box(x + 1, floor - 21, bar, 21, 15))
        else:
            rank = rated.index(value) + 1
            step = 5 + 16 * (rank - 1) / max(1, len(rated) - 1)
            parts.append(_step(x + 1, floor - step, bar, step, rank, len(rated)))
        parts.append(_number(value, x + bar + gap, height / 2 + number * 0.36, number, anchor="start"))
        block = blocks[value]
        parts.append(text(block, x + bar + gap + number + gap / 2, (height - block.height) / 2))
        x += fixed + rooms[value] + ROW_GAP
        if index == 0 and value == framework.not_observed:
            line_x = x - ROW_GAP / 2 + SEPARATOR / 2
            parts.append(
                el(
                    "line",
                    class_="kit-pic__rule",
                    x1=float(line_x),
                    x2=float(line_x),
                    y1=num(2),
                    y2=float(floor),
                    stroke="#777",
                    stroke_width="1",
                    stroke_dasharray="2 3",
                )
            )
            x += SEPARATOR
    return picture(
        "".join(parts),
        width=ROW_WIDTH,
        height=height,
        cls="kit-pic kit-pic--scale kit-pic--row",
        title=heading,
        desc=description(framework, s, lang),
        ident=ident,
        lang=lang,
    )
