"""What WeasyPrint gets wrong in a PDF's forms and tags, put right with pikepdf.

WeasyPrint 70 writes fillable fields and a tagged structure tree, but:

- each radio button widget also carries the group's name and type and is listed a
  second time among the form's top-level fields, so a form has many more top-level
  entries than fields, qpdf finds loops, and standard fillers (pypdf) set nothing;
- the on-states of radio buttons are called 0, 1, 2... with the real values in
  ``/Opt``, and there is no appearance for the off-state;
- text fields have no appearance stream and the form asks viewers to make them
  (``/NeedAppearances``): each viewer then draws with a font of its own choice, and
  Chromium's drops every letter outside Latin-1 ("Jūratė" becomes "Jrat");
- the form's resources are a whole page's resources instead of the fields' font;
- table header cells lose their ``scope``.

:func:`repair` rewrites the file in place: one top-level entry per logical field,
radio options without names of their own, named states, an appearance stream for
every state of every field, drawn with the fields' embedded font (see ``fonts``),
and a ``/Scope`` on every ``/TH``. Everything that can be said in the HTML is said
there; this module only does what WeasyPrint cannot be told to do.

The HTML gives hints WeasyPrint itself ignores or garbles (read by :func:`hints`):
a field's ``title`` is its tooltip (WeasyPrint prefers the label's text and loses
the spaces where the label wraps), ``data-group`` on a radio button is the tooltip
of its whole group (the question it answers), and ``data-align="center"`` centres
what is typed into a field.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, Stream, String

FONT_KEY = "/KitF"  # the fields' font in the form's resources
INK = "0.067 g"  # the colour of typed text and of marks: #111
_NAME = re.compile(r"^[A-Za-z0-9_.\-]{1,64}$")
_TF = re.compile(rb"/([^\s/]+)\s+([\d.]+)\s+Tf")
RADIO = 1 << 15
PUSHBUTTON = 1 << 16
MULTILINE = 1 << 12


@dataclass
class Hints:
    """What the HTML says about the fields beyond what WeasyPrint reads."""

    group_tooltips: dict[str, str] = field(default_factory=dict)
    tooltips: dict[str, str] = field(default_factory=dict)  # a field's title attribute
    centred: set[str] = field(default_factory=set)


class _HintParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hints = Hints()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in {"input", "textarea"}:
            return
        values = {k: v or "" for k, v in attrs}
        name = values.get("name")
        if not name:
            return
        if values.get("type") == "radio" and values.get("data-group"):
            self.hints.group_tooltips.setdefault(name, values["data-group"])
        elif values.get("title"):
            self.hints.tooltips.setdefault(name, values["title"])
        if values.get("data-align") == "center":
            self.hints.centred.add(name)


def hints(html: str) -> Hints:
    parser = _HintParser()
    parser.feed(html)
    parser.close()
    return parser.hints


# -- appearance streams ------------------------------------------------------------
class _Appearances:
    """Form XObjects, one per distinct drawing: the 100 radio buttons of a grid share two."""

    def __init__(self, pdf: pikepdf.Pdf) -> None:
        self.pdf = pdf
        self._made: dict[tuple[bytes, float, float, str], pikepdf.Object] = {}

    def get(self, width: float, height: float, content: bytes, resources: Dictionary | None = None) -> pikepdf.Object:
        width, height = round(width, 3), round(height, 3)
        key = (content, width, height, repr(resources.objgen) if resources is not None else "")
        if key not in self._made:
            stream = Stream(self.pdf, content)
            stream.Type = Name.XObject
            stream.Subtype = Name.Form
            stream.BBox = Array([0, 0, width, height])
            stream.Resources = resources if resources is not None else Dictionary()
            self._made[key] = self.pdf.make_indirect(stream)
        return self._made[key]


def _circle(cx: float, cy: float, r: float) -> bytes:
    k = r * 4 * (math.sqrt(2) - 1) / 3  # Bezier handle length of a quarter circle
    pts = [
        (cx + r, cy),
        (cx + r, cy + k, cx + k, cy + r, cx, cy + r),
        (cx - k, cy + r, cx - r, cy + k, cx - r, cy),
        (cx - r, cy - k, cx - k, cy - r, cx, cy - r),
        (cx + k, cy - r, cx + r, cy - k, cx + r, cy),
    ]
    out = [f"{pts[0][0]:.3f} {pts[0][1]:.3f} m"]
    out += [" ".join(f"{v:.3f}" for v in p) + " c" for p in pts[1:]]
    return ("\n".join(out) + "\nf\n").encode()


def _dot(width: float, height: float) -> bytes:
    return f"q {INK}\n".encode() + _circle(width / 2, height / 2, min(width, height) * 0.3) + b"Q\n"


def _tick(width: float, height: float) -> bytes:
    s = min(width, height)
    x0, y0 = (width - s) / 2, (height - s) / 2

    def p(x: float, y: float) -> str:
        return f"{x0 + x * s:.3f} {y0 + y * s:.3f}"

    return (f"q {INK} {s * 0.12:.3f} w 1 J 1 j\n{p(0.2, 0.52)} m {p(0.42, 0.28)} l {p(0.8, 0.74)} l S\nQ\n").encode()


def _rect(annot: Dictionary) -> tuple[float, float]:
    x1, y1, x2, y2 = (float(v) for v in annot.Rect)
    return abs(x2 - x1), abs(y2 - y1)


# -- the form ---------------------------------------------------------------------------
def _field_font(acroform: Dictionary, fields: list[Dictionary]) -> pikepdf.Object | None:
    """The font WeasyPrint chose for the text fields (named in their /DA)."""
    resources = acroform.get("/DR")
    fonts = resources.get("/Font") if isinstance(resources, Dictionary) else None
    if not isinstance(fonts, Dictionary):
        return None
    for item in fields:
        match = _TF.search(bytes(item.get("/DA", b"")))
        if match and f"/{match[1].decode()}" in fonts:
            return fonts[f"/{match[1].decode()}"]
    return None


def _state_names(group: Dictionary) -> list[str]:
    """The on-state name of each option: its value when that is a plain name, else its index."""
    kids = list(group.get("/Kids", []))
    values = [str(v) for v in group.get("/Opt", [])]
    if len(values) == len(kids) and all(_NAME.match(v) for v in values) and len(set(values)) == len(values):
        return values
    return [str(i) for i in range(len(kids))]


def _fix_radio_group(ap: _Appearances, group: Dictionary, tooltip: str | None) -> None:
    names = _state_names(group)
    chosen: str | None = None
    for kid, state in zip(list(group.Kids), names, strict=True):
        if not isinstance(kid, Dictionary):
            continue
        was_on = str(kid.get("/AS", "/Off")) != "/Off"
        option = str(kid.get("/TU", "")) or None
        for key in ("/T", "/FT", "/Ff", "/V"):
            if key in kid:
                del kid[key]
        if option:
            kid.TU = String(option)  # the option's own description (Acrobat shows it as the tooltip)
        width, height = _rect(kid)
        kid.AP = Dictionary(
            N=Dictionary({f"/{state}": ap.get(width, height, _dot(width, height)), "/Off": ap.get(width, height, b"")})
        )
        kid.AS = Name(f"/{state}") if was_on else Name.Off
        kid.MK = Dictionary(CA=String("l"))  # a round mark, for viewers that draw their own
        if was_on:
            chosen = state
    if "/Opt" in group:
        del group["/Opt"]
    group.V = Name(f"/{chosen}") if chosen else Name.Off
    if tooltip:
        group.TU = String(tooltip)


def _fix_checkbox(ap: _Appearances, box: Dictionary) -> None:
    width, height = _rect(box)
    was_on = str(box.get("/AS", "/Off")) != "/Off"
    box.AP = Dictionary(
        N=Dictionary({"/Yes": ap.get(width, height, _tick(width, height)), "/Off": ap.get(width, height, b"")})
    )
    box.AS = Name.Yes if was_on else Name.Off
    box.V = box.AS
    box.MK = Dictionary(CA=String("4"))  # a tick, for viewers that draw their own


def _fix_text_field(ap: _Appearances, text: Dictionary, resources: Dictionary, centred: bool) -> None:
    width, height = _rect(text)
    match = _TF.search(bytes(text.get("/DA", b"")))
    size = match[2].decode() if match else "9"
    flags = int(text.get("/Ff", 0))
    if flags & MULTILINE:
        size = "0"  # multiline: the viewer shrinks the text until all of it shows
    text.DA = String(f"{FONT_KEY} {size} Tf {INK}")
    if centred:
        text.Q = 1
    elif "/Q" in text:
        del text["/Q"]
    value = str(text.get("/V", ""))
    if value:
        # The kit never prints a pre-filled value; a filler draws its own appearance.
        raise ValueError(f"field {text.get('/T')} has a value; the kit's forms are printed empty")
    text.AP = Dictionary(N=ap.get(width, height, b"/Tx BMC\nEMC\n", resources))
    text.MK = Dictionary()


def fix_form(pdf: pikepdf.Pdf, field_hints: Hints) -> None:
    acroform = pdf.Root.get("/AcroForm")
    if not isinstance(acroform, Dictionary):
        return
    logical: list[Dictionary] = []
    seen: set[tuple[int, int]] = set()
    for item in acroform.get("/Fields", []):
        if not isinstance(item, Dictionary):
            continue
        if "/Parent" in item:  # a radio option listed as a field of its own
            continue
        if item.objgen in seen:
            continue
        seen.add(item.objgen)
        logical.append(item)
    font = _field_font(acroform, logical)
    fonts = Dictionary(Font=Dictionary({FONT_KEY: font})) if font is not None else Dictionary()
    font_resources = pdf.make_indirect(fonts)
    ap = _Appearances(pdf)
    for item in logical:
        kind = item.get("/FT")
        flags = int(item.get("/Ff", 0))
        name = str(item.get("/T", ""))
        if name in field_hints.tooltips:
            item.TU = String(field_hints.tooltips[name])
        if kind == Name.Btn and "/Kids" in item and flags & RADIO:
            _fix_radio_group(ap, item, field_hints.group_tooltips.get(name))
        elif kind == Name.Btn and not flags & (RADIO | PUSHBUTTON):
            _fix_checkbox(ap, item)
        elif kind == Name.Tx:
            if font is None:
                raise ValueError("the text fields name no embedded font")
            _fix_text_field(ap, item, font_resources, name in field_hints.centred)
    acroform.Fields = Array(logical)
    acroform.DR = font_resources
    acroform.DA = String(f"{FONT_KEY} 9 Tf {INK}")
    if "/NeedAppearances" in acroform:
        del acroform["/NeedAppearances"]


# -- the structure tree ------------------------------------------------------------------
def _elements(root: Dictionary) -> list[Dictionary]:
    """Every structure element under ``root``, each once."""
    out: list[Dictionary] = []
    seen: set[tuple[int, int]] = set()
    stack: list[pikepdf.Object | None] = [root.get("/K")]
    while stack:
        node = stack.pop()
        if isinstance(node, Array):
            stack.extend(reversed(list(node)))
        elif isinstance(node, Dictionary) and "/S" in node:
            key = node.objgen
            if key != (0, 0):
                if key in seen:
                    continue
                seen.add(key)
            out.append(node)
            stack.append(node.get("/K"))
    return out


def _first_cell(row: Dictionary) -> pikepdf.Object | None:
    kids = row.get("/K")
    items = list(kids) if isinstance(kids, Array) else [kids]
    for kid in items:
        if isinstance(kid, Dictionary) and kid.get("/S") in (Name.TH, Name.TD):
            return kid
    return None


def add_table_scopes(pdf: pikepdf.Pdf) -> int:
    """Give every /TH a /Scope: Column in a table head or after a row's first cell, else Row."""
    root = pdf.Root.get("/StructTreeRoot")
    if not isinstance(root, Dictionary):
        return 0
    count = 0
    for element in _elements(root):
        if element.get("/S") != Name.TH:
            continue
        row = element.get("/P")
        section = row.get("/P") if isinstance(row, Dictionary) else None
        in_head = isinstance(section, Dictionary) and section.get("/S") == Name.THead
        first = isinstance(row, Dictionary) and (cell := _first_cell(row)) is not None and cell.objgen == element.objgen
        scope = Name.Column if in_head or not first else Name.Row
        attributes = element.get("/A")
        if not isinstance(attributes, Dictionary):
            attributes = Dictionary(O=Name.Table)
            element.A = attributes
        attributes.Scope = scope
        count += 1
    return count


def repair(path: Path, field_hints: Hints | None = None) -> None:
    """Repair the PDF at ``path`` in place (the caller writes it to a temporary file first)."""
    pikepdf.settings.set_flate_compression_level(9)
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        fix_form(pdf, field_hints or Hints())
        add_table_scopes(pdf)
        pdf.save(
            path,
            deterministic_id=True,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
            compress_streams=True,
            stream_decode_level=pikepdf.StreamDecodeLevel.generalized,
            recompress_flate=True,
        )
