"""A few helpers to write SVG as text: every value escaped, numbers short."""

from __future__ import annotations

from html import escape

from .text import FAMILY, Block


def num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") if value % 1 else str(int(value))


def attrs(**values: object) -> str:
    """' a="1" b="x"': names with _ become -, None and False are left out."""
    out = []
    for key, value in values.items():
        if value is None or value is False:
            continue
        name = key.rstrip("_").replace("_", "-")
        text = num(value) if isinstance(value, float) else str(value)
        out.append(f' {name}="{escape(text, quote=True)}"')
    return "".join(out)


def el(tag: str, /, body: str = "", **values: object) -> str:
    return f"<{tag}{attrs(**values)}>{body}</{tag}>" if body else f"<{tag}{attrs(**values)}/>"


def text(
    block: Block,
    x: float,
    top: float,
    *,
    anchor: str = "start",
    cls: str = "kit-pic__text",
    fill: str = "#1a1a1a",
) -> str:
    """A block of lines whose first line's box starts at ``top``: one ``<text>`` per line
    (a PDF renderer may anchor a multi-line text as one piece), grouped."""
    lh = block.line_height
    lines = "".join(
        el(
            "text",
            escape(line),
            x=float(x),
            y=float(top + i * lh + lh * 0.5 + block.size * 0.36),
            font_family=FAMILY + ", sans-serif",
            font_size=float(block.size),
            font_weight="700" if block.bold else None,
            text_anchor=anchor if anchor != "start" else None,
            fill=fill,
        )
        for i, line in enumerate(block.lines)
    )
    return el("g", lines, class_=cls) if lines else ""


def picture(
    body: str,
    *,
    width: float,
    height: float,
    cls: str,
    title: str,
    desc: str,
    ident: str,
    lang: str,
) -> str:
    """A whole picture: an image with a title and a description (its text alternative)."""
    title_id, desc_id = f"{ident}-title", f"{ident}-desc"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg"{attrs(class_=cls, viewBox=f"0 0 {num(width)} {num(height)}")}'
        f"{attrs(width=float(width), height=float(height), role='img', lang=lang)}"
        f"{attrs(aria_labelledby=title_id, aria_describedby=desc_id)}>"
        f'<title id="{escape(title_id)}">{escape(title)}</title><desc id="{escape(desc_id)}">{escape(desc)}</desc>'
        f"{body}</svg>"
    )
