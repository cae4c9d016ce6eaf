"""The assessment cycle as a diagram, drawn from the skill model and the language's strings.

Four steps that come back at every checkpoint: each rater rates the same grid (the
raters of the model, with their icons and names); the review puts the views side by
side and the people agree a level per skill; the gaps (the model's flags, by name) show
what to work on; a module per skill helps. An arrow leads back to the first step: the
next checkpoint (the model's checkpoint kinds, by name, above the steps).

Two layouts of the same picture: ``wide`` (four steps in a row, for a laptop and for
A4) and ``narrow`` (the steps one under the other, for a 360 px phone); the page shows
the one that fits (``kit.css``). Each has its title and its description in words (the
text alternative, ``pictures.cycle.desc``).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Framework
from ..strings import Strings
from ..typography import fix_text
from . import icons
from .svg import el, num, picture, text
from .text import Block, fit

STEP_ICONS = {"gaps": "material/flag-variant-outline", "modules": "material/book-open-variant-outline"}
INK = "#1a1a1a"
PRIMARY = "#3f51b5"
LINE = "#555555"


@dataclass(frozen=True)
class Words:
    when: str
    titles: tuple[str, str, str, str]
    details: tuple[str, str, str, str]
    raters: tuple[tuple[str, str], ...]  # (rater id, name)
    again: str
    title: str
    desc: str
    lang: str = ""  # its hyphenation rules


def words(framework: Framework, s: Strings, lang: str) -> Words:
    def t(key: str, **values: object) -> str:
        return fix_text(s.text(key, **values), lang)

    separator = s.text("pictures.separator")
    checkpoints = separator.join(s.text(f"checkpoints.{kind}") for kind in framework.checkpoints)
    raters = tuple((r, fix_text(s.text(f"raters.{r}"), lang)) for r in framework.raters)
    flags = separator.join(s.text(f"flags.{rule['id']}.name") for rule in framework.flags)
    titles = (
        t("pictures.cycle.rate"),
        t("pictures.cycle.review"),
        t("pictures.cycle.gaps"),
        t("pictures.cycle.modules"),
    )
    details = (
        "",
        t("pictures.cycle.review_detail"),
        fix_text(flags, lang),
        t("pictures.cycle.modules_detail", count=len(framework.skills)),
    )
    when = t("pictures.cycle.when", checkpoints=checkpoints)
    again = t("pictures.cycle.again")
    desc = t(
        "pictures.cycle.desc",
        when=when,
        rate=titles[0],
        raters=separator.join(name for _, name in raters),
        review=titles[1],
        review_detail=details[1],
        gaps=titles[2],
        flags=flags,
        modules=titles[3],
        modules_detail=details[3],
        again=again,
    )
    return Words(when, titles, details, raters, again, t("pictures.cycle.title"), desc, lang)


@dataclass(frozen=True)
class Sizes:
    when: float
    title: float
    detail: float
    name: float


SIZES = {"wide": Sizes(13.5, 14.0, 12.0, 12.0), "narrow": Sizes(14.0, 15.0, 13.0, 12.5)}
ICON = 30.0  # the picture of a step
ROW_ICON = 22.0  # a rater's icon when the raters are listed in rows
MIN_COLUMN = 76.0  # narrower than this, the raters are listed in rows, not side by side


@dataclass(frozen=True)
class Box:
    """One step, laid out for a box of a given width: its parts and its height."""

    title: Block
    detail: Block | None
    names: tuple[Block, ...]  # rater names (first step only)
    rows: bool  # the raters one under the other (icon, then name), not side by side

    @property
    def visual(self) -> float:
        """The height of the picture part (for the raters: icons and names)."""
        if not self.names:
            return ICON + 10
        if self.rows:
            return sum(max(ROW_ICON, b.height) + 4 for b in self.names)
        return ICON + 6 + max(b.height for b in self.names)

    def height(self, pad: float) -> float:
        detail = self.detail.height + 6 if self.detail else 0.0
        return pad + 8 + self.title.height + 8 + self.visual + 6 + detail + pad


def _layout(w: Words, index: int, width: float, pad: float, sizes: Sizes) -> Box:
    room = width - 2 * pad
    title = fit(
        w.titles[index], room, size=sizes.title, min_size=sizes.title - 2.5, bold=True, max_lines=3, lang=w.lang
    )
    detail = None
    if w.details[index]:
        detail = fit(w.details[index], room, size=sizes.detail, min_size=sizes.detail - 2, max_lines=4, lang=w.lang)
    names: tuple[Block, ...] = ()
    rows = False
    if index == 0:
        each = room / max(1, len(w.raters))
        rows = each < MIN_COLUMN
        name_room = room - ROW_ICON - 8 if rows else each - 4
        names = tuple(
            fit(name, name_room, size=sizes.name, min_size=sizes.name - 2, max_lines=2, lang=w.lang)
            for _, name in w.raters
        )
    return Box(title, detail, names, rows)


def _arrowhead(x: float, y: float, direction: str) -> str:
    """A filled triangle with its tip at (x, y), pointing right, left, up or down."""
    a, b = 7.0, 4.5
    points = {
        "right": [(x, y), (x - a, y - b), (x - a, y + b)],
        "left": [(x, y), (x + a, y - b), (x + a, y + b)],
        "down": [(x, y), (x - b, y - a), (x + b, y - a)],
        "up": [(x, y), (x - b, y + a), (x + b, y + a)],
    }[direction]
    return el(
        "path",
        class_="kit-pic__head",
        d="M" + " L".join(f"{num(px)} {num(py)}" for px, py in points) + " Z",
        fill=LINE,
    )


def _you(cx: float, cy: float, r: float) -> str:
    """The mark behind the rater whose guide this is."""
    return el(
        "circle", class_="kit-pic__you", cx=float(cx), cy=float(cy), r=float(r), fill="#ff7043", fill_opacity="0.35"
    )


def _line(d: str) -> str:
    return el("path", class_="kit-pic__arrow", d=d, fill="none", stroke=LINE, stroke_width="1.6")


def _box(
    framework: Framework,
    w: Words,
    box: Box,
    index: int,
    x: float,
    y: float,
    width: float,
    height: float,
    pad: float,
    highlight: str | None,
) -> str:
    parts = [
        el(
            "rect",
            class_="kit-pic__box",
            x=float(x),
            y=float(y),
            width=float(width),
            height=float(height),
            rx="8",
            fill="#ffffff",
            stroke=PRIMARY,
            stroke_width="1.5",
        ),
        el("circle", class_="kit-pic__badge", cx=float(x + pad + 8), cy=float(y), r="11", fill=PRIMARY),
        el(
            "text",
            str(index + 1),
            class_="kit-pic__badge-number",
            x=float(x + pad + 8),
            y=float(y + 4.5),
            text_anchor="middle",
            font_family="Noto Sans, sans-serif",
            font_size="13",
            font_weight="700",
            fill="#ffffff",
        ),
    ]
    centre = x + width / 2
    cursor = y + pad + 8
    parts.append(text(box.title, centre, cursor, anchor="middle", fill=INK))
    cursor += box.title.height + 8
    visual_top = cursor
    size = ICON
    if index == 0:
        count = len(w.raters)
        each = (width - 2 * pad) / max(1, count)
        row_y = visual_top
        group = ROW_ICON + 6 + max((b.width for b in box.names), default=0.0)
        row_x = max(x + pad, centre - group / 2)
        for i, (rater, _name) in enumerate(w.raters):
            name = framework.rater_icon(rater) or icons.DEFAULTS["rater"]
            block = box.names[i]
            if rater == highlight:
                block = Block(block.lines, block.size, True, block.leading)
            if box.rows:
                line = max(ROW_ICON, block.height)
                ix, iy = row_x, row_y + (line - ROW_ICON) / 2
                if rater == highlight:
                    parts.append(_you(ix + ROW_ICON / 2, iy + ROW_ICON / 2, ROW_ICON * 0.7))
                parts.append(icons.load(name).nested(x=ix, y=iy, size=ROW_ICON))
                parts.append(text(block, ix + ROW_ICON + 6, row_y + (line - block.height) / 2, fill=INK))
                row_y += line + 4
            else:
                cx = x + pad + each * (i + 0.5)
                if rater == highlight:
                    parts.append(_you(cx, visual_top + 3 + size / 2, size * 0.65))
                parts.append(icons.load(name).nested(x=cx - size / 2, y=visual_top + 3, size=size))
                parts.append(text(block, cx, visual_top + size + 6, anchor="middle", fill=INK))
    elif index == 1:
        # The views coming together: one dot per rater, joined into one.
        count = max(1, len(w.raters))
        left, right = centre - 34, centre + 26
        for i in range(count):
            dy = visual_top + 6 + (28 * i / max(1, count - 1) if count > 1 else 14)
            parts.append(
                _line(
                    f"M{num(left)} {num(dy)} C{num(centre)} {num(dy)} {num(centre - 10)} "
                    f"{num(visual_top + 20)} {num(right - 9)} {num(visual_top + 20)}"
                )
            )
            parts.append(el("circle", class_="kit-pic__dot", cx=float(left), cy=float(dy), r="4.5", fill=LINE))
        parts.append(
            el("circle", class_="kit-pic__agreed", cx=float(right), cy=float(visual_top + 20), r="9", fill=PRIMARY)
        )
    else:
        key = "gaps" if index == 2 else "modules"
        parts.append(icons.load(STEP_ICONS[key]).nested(x=centre - size / 2, y=visual_top + 4, size=size))
    cursor = visual_top + box.visual + 6
    if box.detail:
        parts.append(text(box.detail, centre, cursor, anchor="middle", fill=INK))
    return "".join(parts)


def svg(
    framework: Framework,
    s: Strings,
    lang: str,
    *,
    layout: str = "wide",
    highlight: str | None = None,
    ident: str = "kit-cycle",
    full_title: bool = False,
) -> str:
    """The cycle diagram in ``lang``; ``highlight`` marks one rater (on that rater's guide);
    ``full_title`` puts the description into the title too (a PDF's alternative text)."""
    w = words(framework, s, lang)
    wide = layout == "wide"
    sizes = SIZES[layout]
    width = 660.0 if wide else 340.0
    gap = 26.0
    pad = 10.0
    right_margin = 0.0 if wide else 40.0
    box_width = (width - 3 * gap) / 4 if wide else width - right_margin
    # the narrow layout (a phone) gives the checkpoints more lines: a long list (ro, lt) wraps
    inset = 0.0 if wide else 3.0  # a letter such as "î" reaches left of its origin
    when = fit(w.when, width - inset, size=sizes.when, min_size=sizes.when - 2, max_lines=3 if wide else 6, lang=lang)
    boxes = [_layout(w, i, box_width, pad, sizes) for i in range(4)]
    top = when.height + 20
    parts = [text(when, inset if not wide else width / 2, 2, anchor="middle" if wide else "start", fill=INK)]
    again = fit(w.again, width / 2, size=sizes.name, min_size=sizes.name - 2, bold=True, max_lines=2, lang=lang)
    if wide:
        height = max(b.height(pad) for b in boxes)
        for i, box in enumerate(boxes):
            x = i * (box_width + gap)
            parts.append(_box(framework, w, box, i, x, top, box_width, height, pad, highlight))
            if i < 3:
                mid = top + height / 2
                parts.append(_line(f"M{num(x + box_width + 3)} {num(mid)} H{num(x + box_width + gap - 3)}"))
                parts.append(_arrowhead(x + box_width + gap - 2, mid, "right"))
        bottom = top + height
        low = bottom + 16
        first, last = box_width / 2, 3 * (box_width + gap) + box_width / 2
        parts.append(_line(f"M{num(last)} {num(bottom + 2)} V{num(low)} H{num(first)} V{num(bottom + 9)}"))
        parts.append(_arrowhead(first, bottom + 3, "up"))
        parts.append(text(again, width / 2, low + 4, anchor="middle", fill=INK))
        total = low + 4 + again.height + 4
    else:
        y = top
        spans: list[tuple[float, float]] = []
        for i, box in enumerate(boxes):
            h = box.height(pad)
            parts.append(_box(framework, w, box, i, 0.0, y, box_width, h, pad, highlight))
            spans.append((y, h))
            if i < 3:
                parts.append(_line(f"M{num(box_width / 2)} {num(y + h + 3)} V{num(y + h + gap - 3)}"))
                parts.append(_arrowhead(box_width / 2, y + h + gap - 2, "down"))
            y += h + gap
        bottom = spans[-1][0] + spans[-1][1]
        low = bottom + 16
        edge = width - 14
        first_mid = spans[0][0] + spans[0][1] / 2
        parts.append(
            _line(
                f"M{num(box_width / 2)} {num(bottom + 2)} V{num(low)} H{num(edge)} V{num(first_mid)} "
                f"H{num(box_width + 9)}"
            )
        )
        parts.append(_arrowhead(box_width + 3, first_mid, "left"))
        parts.append(text(again, box_width / 2, low + 4, anchor="middle", fill=INK))
        total = low + 4 + again.height + 4
    margin = 2.0
    return picture(
        f'<g transform="translate({num(margin)} {num(margin)})">' + "".join(parts) + "</g>",
        width=width + 2 * margin,
        height=total + 2 * margin,
        cls=f"kit-pic kit-pic--cycle kit-cycle__{layout}",
        title=f"{w.title}: {w.desc}" if full_title else w.title,
        desc=w.desc,
        ident=f"{ident}-{layout}",
        lang=lang,
    )


def figure(
    framework: Framework, s: Strings, lang: str, *, highlight: str | None = None, ident: str = "kit-cycle"
) -> str:
    """Both layouts in one figure; the page's stylesheet shows the one that fits."""
    return (
        # out of the search index (its words, drawn line by line, would run together there; the
        # page says the same in words); on the figure, as Material's parser loses an exclusion
        # on an <svg> that holds other <svg> icons
        f'<figure class="kit-cycle" id="{ident}" data-search-exclude>'
        + svg(framework, s, lang, layout="wide", highlight=highlight, ident=ident)
        + svg(framework, s, lang, layout="narrow", highlight=highlight, ident=ident)
        + "</figure>"
    )
