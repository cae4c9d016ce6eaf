"""The rating scale as a picture: a staircase of the rated steps, and "not observed" apart.

Each rated value is a step, higher than the one before (so that the order reads in black
and white, without colour); the number stands above its step and its label below. The
value for "not observed" stands apart, as an empty dashed box with a crossed-out eye:
it is not a low score, so it is not the first step of the stairs.

The words are the language's ``scale.<n>.label``; the picture's title and description
(its text alternative) are ``pictures.scale.title`` and the steps in words.
"""

from __future__ import annotations

from ..model import Framework
from ..strings import Strings
from ..typography import fix_text
from . import icons
from .svg import el, num, picture, text
from .text import fit

NOT_OBSERVED_ICON = "material/eye-off-outline"
WIDTH = 340.0
COLUMN_GAP = 6.0
SEPARATOR = 10.0  # extra room between "not observed" and the stairs
STEP_TOP = 56.0  # height of the highest step
STEP_BASE = 12.0  # height of the lowest step
NUMBER_SIZE = 17.0
LABEL_SIZE = 12.5


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


def svg(framework: Framework, s: Strings, lang: str, *, ident: str = "kit-scale-pic") -> str:
    """The scale picture of ``framework`` in ``lang``, as inline SVG."""
    values = sorted(steps(framework, s, lang), key=lambda step: step[0] != framework.not_observed)
    rated = [v for v, _ in values if v != framework.not_observed]
    count = len(values)
    column = (WIDTH - SEPARATOR - COLUMN_GAP * (count - 1)) / count
    labels = {v: fit(label, column, size=LABEL_SIZE, min_size=9.5, max_lines=3) for v, label in values}
    common = min(block.size for block in labels.values())  # the labels share one size
    labels = {v: fit(label, column, size=common, min_size=common, max_lines=3) for v, label in values}
    label_height = max(block.height for block in labels.values())
    top = 4.0
    base = top + NUMBER_SIZE + 6.0 + STEP_TOP  # the floor of the stairs
    height = base + 6.0 + label_height + 4.0
    parts: list[str] = []
    x = 0.0
    for index, (value, _label) in enumerate(values):
        centre = x + column / 2
        if value == framework.not_observed:
            box = STEP_TOP - 8
            parts.append(
                el(
                    "rect",
                    class_="kit-pic__none",
                    x=float(x + 3),
                    y=float(base - box),
                    width=float(column - 6),
                    height=float(box),
                    rx="4",
                    fill="none",
                    stroke="#555",
                    stroke_width="1.5",
                    stroke_dasharray="4 3",
                )
            )
            size = min(26.0, column - 14)
            parts.append(
                icons.load(NOT_OBSERVED_ICON).nested(x=centre - size / 2, y=base - box / 2 - size / 2, size=size)
            )
            number_y = base - box - 6
        else:
            rank = rated.index(value) + 1
            step = STEP_BASE + (STEP_TOP - STEP_BASE) * (rank - 1) / max(1, len(rated) - 1)
            parts.append(
                el(
                    "rect",
                    class_=f"kit-pic__step kit-pic__step--{rank}",
                    x=float(x + 2),
                    y=float(base - step),
                    width=float(column - 4),
                    height=float(step),
                    rx="3",
                    fill="#3f51b5",
                    fill_opacity=num(0.25 + 0.75 * rank / len(rated)),
                    stroke="#283593",
                    stroke_width="1",
                )
            )
            number_y = base - step - 6
        parts.append(
            el(
                "text",
                str(value),
                class_="kit-pic__number",
                x=float(centre),
                y=float(number_y),
                text_anchor="middle",
                font_family="Noto Sans, sans-serif",
                font_size=num(NUMBER_SIZE),
                font_weight="700",
                fill="#1a1a1a",
            )
        )
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
        title=fix_text(s.text("pictures.scale.title"), lang),
        desc=description(framework, s, lang),
        ident=ident,
        lang=lang,
    )
