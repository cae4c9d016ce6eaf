"""The questionnaires of the test-and-evaluation phase: ``content/evaluation.yml``.

Questions and scales are data: the file names the questionnaires (``module``: after
each module; ``cycle``: the assessment cycle, one version per rater; ``event``: a
multiplier event), their questions, the type of each question and its scale or
options. Every text (questions, answers, labels) comes from ``strings.yml``, under
``evaluation:``, so a translation translates them like the rest of the kit.

The same definitions make the forms online (the ``feedback`` ES modules read
:func:`page_data`), the paper sheets (``pdf/events.py``) and the trainer's summary.
A kit without ``evaluation.yml`` has none of them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from html import escape
from pathlib import Path
from typing import Any

import jsonschema

from . import sanitize
from .catalogue import PageKind
from .errors import ContentError
from .frontmatter import Lines, load_yaml, read_text
from .model import Framework

FILENAME = "evaluation.yml"
SCHEMA_PATH = Path(__file__).with_name("schema") / "evaluation.schema.json"
FORMAT = "janus-kit-feedback"  # the export files' format name (feedback/format.js checks it)
SCHEMA_VERSION = 1
MAX_TEXT = 2000  # characters of one free answer (the form, the import and the PDF agree)
# The questionnaires a kit may have, and what one answer set is about.
ABOUT: dict[str, str | None] = {"module": "skill", "cycle": "rater", "event": None}
FEEDBACK_DIR = Path(__file__).parent / "theme" / "assets" / "javascripts" / "feedback"
SCRIPT = "assets/javascripts/feedback/main.js"
BUNDLE = "assets/javascripts/feedback.bundle.js"  # the same modules as one classic script, for file://
STYLESHEET = "assets/stylesheets/feedback.css"

# The interface strings the forms, the summary and the sheets use (under evaluation.ui/.pdf).
UI_KEYS = (
    "privacy",
    "no_js",
    "save",
    "saved",
    "new",
    "count",
    "export",
    "export_hint",
    "delete",
    "delete_confirm",
    "deleted",
    "nothing",
    "choose_role",
    "number_hint",
    "text_hint",
    "error_storage",
    "summary_privacy",
    "summary_import",
    "summary_print",
    "summary_clear",
    "summary_clear_confirm",
    "summary_empty",
    "summary_done",
    "summary_total",
    "summary_overview",
    "summary_modules",
    "summary_module",
    "summary_group",
    "question",
    "answered",
    "average",
    "given",
    "range",
    "free_answers",
    "no_free_answers",
    "error_size",
    "error_syntax",
    "error_foreign",
    "error_version",
    "error_kit",
    "error_content",
    "error_in_file",
)
PDF_KEYS = ("group", "module", "cycle", "event", "module_choice", "instructions", "online")


@dataclass(frozen=True)
class Question:
    id: str
    type: str  # "scale" | "choice" | "number" | "text"
    line: int
    scale: str | None = None
    values: tuple[int | str, ...] = ()  # scale values or choice options
    options_from_raters: bool = False
    min: int | None = None
    max: int | None = None
    unit: str | None = None
    raters: tuple[str, ...] = ()  # empty: every rater

    def for_rater(self, rater: str | None) -> bool:
        return not self.raters or rater is None or rater in self.raters


@dataclass(frozen=True)
class Questionnaire:
    id: str  # "module" | "cycle" | "event"
    about: str | None  # what one answer set is about: "skill", "rater" or nothing
    questions: tuple[Question, ...]
    line: int

    def for_rater(self, rater: str | None) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.for_rater(rater))


@dataclass(frozen=True)
class Evaluation:
    path: Path
    scales: dict[str, tuple[int, ...]]
    questionnaires: dict[str, Questionnaire]  # in the order of the file
    lines: Lines

    def get(self, questionnaire: str) -> Questionnaire | None:
        return self.questionnaires.get(questionnaire)


@cache
def _schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return schema


def _explain(error: jsonschema.ValidationError) -> tuple[str, list[Any]]:
    """The most specific message of a schema error, and where it is."""
    best = error
    if error.context:  # if/then and oneOf: say what the branch that applies wants
        best = max(error.context, key=lambda e: len(e.absolute_path))
    where = list(best.absolute_path)
    place = "/".join(str(p) for p in where) or "the top level"
    message = best.message
    if best.validator == "pattern":
        message = f"{best.instance!r} is not a valid id (lower-case letters, digits and single dashes)"
    elif best.validator == "additionalProperties" and isinstance(best.instance, dict):
        schema = best.schema if isinstance(best.schema, dict) else {}
        allowed = list(schema.get("properties", {}))
        extra = [key for key in best.instance if key not in allowed]
        if extra:
            where.append(extra[0])
            message = f"'{extra[0]}' is not allowed here (allowed: {', '.join(allowed)})"
    return f"{place}: {message}", where


def load(path: Path, framework: Framework) -> Evaluation:
    """Read and check ``evaluation.yml``; raise ContentError naming file and line."""
    data, lines = load_yaml(read_text(path), path=path)
    errors = sorted(
        jsonschema.Draft202012Validator(_schema()).iter_errors(data), key=lambda e: list(map(str, e.absolute_path))
    )
    if errors:
        message, where = _explain(errors[0])
        raise ContentError(
            path,
            message,
            line=lines.of(*where),
            hint="compare with the comments at the top of this file "
            "(the schema: src/janus_kit/schema/evaluation.schema.json)",
        )
    scales = {name: tuple(values) for name, values in data["scales"].items()}
    questionnaires: dict[str, Questionnaire] = {}
    for qid, raw in data["questionnaires"].items():
        questions: list[Question] = []
        for index, item in enumerate(raw["questions"]):
            at = ("questionnaires", qid, "questions", index)
            line = lines.of(*at)
            if any(q.id == item["id"] for q in questions):
                raise ContentError(
                    path,
                    f"the question id '{item['id']}' is used twice in the questionnaire '{qid}'",
                    line=lines.of(*at, "id"),
                    hint="give every question of a questionnaire its own id",
                )
            raters = tuple(item.get("raters", ()))
            for rater in raters:
                if rater not in framework.raters:
                    raise ContentError(
                        path,
                        f"'{rater}' is not one of the raters of framework.yml",
                        line=lines.of(*at, "raters"),
                        hint="use: " + ", ".join(framework.raters),
                    )
            if raters and qid != "cycle":
                raise ContentError(
                    path,
                    f"only the questions of the 'cycle' questionnaire can be for some raters ('{qid}' is for everyone)",
                    line=lines.of(*at, "raters"),
                    hint="remove the 'raters:' line",
                )
            kind = item["type"]
            question = Question(item["id"], kind, line, raters=raters)
            if kind == "scale":
                if item["scale"] not in scales:
                    raise ContentError(
                        path,
                        f"the scale '{item['scale']}' is not defined under 'scales:'",
                        line=lines.of(*at, "scale"),
                        hint="use one of: " + ", ".join(scales),
                    )
                question = Question(
                    item["id"], kind, line, scale=item["scale"], values=scales[item["scale"]], raters=raters
                )
            elif kind == "choice":
                from_raters = item["options"] == "raters"
                options = framework.raters if from_raters else tuple(item["options"])
                question = Question(
                    item["id"], kind, line, values=tuple(options), options_from_raters=from_raters, raters=raters
                )
            elif kind == "number":
                if item["min"] >= item["max"]:
                    raise ContentError(
                        path,
                        f"the question '{item['id']}': min ({item['min']}) must be smaller than max ({item['max']})",
                        line=lines.of(*at, "min"),
                    )
                question = Question(
                    item["id"], kind, line, min=item["min"], max=item["max"], unit=item["unit"], raters=raters
                )
            questions.append(question)
        questionnaires[qid] = Questionnaire(qid, ABOUT[qid], tuple(questions), lines.of("questionnaires", qid))
    return Evaluation(path, scales, questionnaires, lines)


# -- strings -------------------------------------------------------------------
def string_keys(ev: Evaluation) -> Iterator[tuple[str, int]]:
    """Every interface string the questionnaires need, with the line of evaluation.yml that needs it."""
    first = ev.lines.of("questionnaires")
    for key in UI_KEYS:
        yield f"evaluation.ui.{key}", first
    for key in PDF_KEYS:
        yield f"evaluation.pdf.{key}", first
    for name, values in ev.scales.items():
        for value in values:
            yield f"evaluation.scales.{name}.{value}", ev.lines.of("scales", name)
    for qn in ev.questionnaires.values():
        yield f"evaluation.{qn.id}.title", qn.line
        yield f"evaluation.{qn.id}.intro", qn.line
        yield f"evaluation.{qn.id}.give", qn.line
        if qn.about == "rater":
            yield f"evaluation.{qn.id}.role", qn.line
        for q in qn.questions:
            yield f"evaluation.{qn.id}.questions.{q.id}", q.line
            if q.type == "choice" and not q.options_from_raters:
                for option in q.values:
                    yield f"evaluation.options.{option}", q.line
            if q.type == "number":
                yield f"evaluation.units.{q.unit}", q.line


def features(kit: Any) -> frozenset[str]:
    ev = kit.evaluation
    return frozenset(f"questionnaire:{qid}" for qid in ev.questionnaires) if ev else frozenset()


def pages(kit: Any) -> list[str]:
    """The pages (inside a language folder) a kit with questionnaires has: an overview,
    one page per questionnaire but the module one (it closes every module), the summary."""
    ev, cat = kit.evaluation, kit.catalogue
    if ev is None:
        return []
    rels = [cat.evaluation_rel("index")]
    rels += [cat.evaluation_rel(qid) for qid in ev.questionnaires if qid != "module"]
    return [*rels, cat.evaluation_rel("summary")]


def check(kit: Any) -> None:
    """evaluation.yml, the strings it needs (source language) and its pages."""
    ev = kit.evaluation
    cat = kit.catalogue
    folder = kit.project.lang_dir(kit.source_language)
    expected = set(pages(kit))
    for lang in kit.languages:
        lang_dir = kit.project.lang_dir(lang)
        base = lang_dir / kit.layout.evaluation_dir
        for page in sorted(base.glob("*.md")) if base.is_dir() else []:
            rel = page.relative_to(lang_dir).as_posix()
            if rel not in expected:
                known = ", ".join(sorted(expected)) or f"none: the kit has no content/{FILENAME}"
                raise ContentError(
                    page,
                    f"this page is not one of the questionnaire pages ({known})",
                    hint=f"a page at {kit.layout.evaluation_dir}/<id>.md shows the questionnaire <id> of "
                    f"content/{FILENAME}; rename or move this page",
                )
    if ev is None:
        return
    for rel in pages(kit):
        if not (folder / rel).exists():
            raise ContentError(
                folder / rel,
                f"the kit has questionnaires ({FILENAME}), so it needs this page ({cat.kind_of(rel).value})",
                hint="create it: a title and a few lines on who fills in what; the kit adds the form",
            )
    s = kit.strings(kit.source_language)
    for key, line in string_keys(ev):
        if not s.has(key) and not (s.fallback and s.fallback.has(key)):
            raise ContentError(
                ev.path,
                f"the interface string '{key}' is missing from {kit.project.rel(s.path)}",
                line=line,
                hint=f"add it under 'evaluation:' in {kit.project.rel(s.path)} (every text of a questionnaire "
                "lives there, so that it can be translated)",
            )


# -- what the forms online read ---------------------------------------------------
def _option_label(s: Any, q: Question, value: int | str) -> str:
    if q.type == "scale":
        return str(s.text(f"evaluation.scales.{q.scale}.{value}"))
    if q.options_from_raters:
        return str(s.text(f"raters.{value}"))
    return str(s.text(f"evaluation.options.{value}"))


def question_json(s: Any, qn: Questionnaire, q: Question) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": q.id,
        "type": q.type,
        "label": s.text(f"evaluation.{qn.id}.questions.{q.id}"),
        "raters": list(q.raters),
    }
    if q.type in {"scale", "choice"}:
        out["options"] = [{"value": v, "label": _option_label(s, q, v)} for v in q.values]
    if q.type == "number":
        out.update(min=q.min, max=q.max, unit=s.text(f"evaluation.units.{q.unit}"))
    if q.type == "text":
        out["max_length"] = MAX_TEXT
    return out


def page_data(kit: Any, lang: str, *, mode: str, questionnaire: str | None = None, about: str | None = None) -> Any:
    """The JSON document of a form page (``mode`` "form") or of the summary page ("summary")."""
    ev: Evaluation = kit.evaluation
    s = kit.strings(lang)
    skills = [{"id": sk.id, "name": sk.name} for grid in kit.grids(lang) for sk in grid.skills]
    raters = [{"id": r, "label": s.text(f"raters.{r}")} for r in kit.framework.raters]
    return {
        "schema": SCHEMA_VERSION,
        "format": FORMAT,
        "kit": kit.framework.kit_id,
        "lang": lang,
        "page": {"mode": mode, "questionnaire": questionnaire, "about": about},
        "questionnaires": [
            {
                "id": qn.id,
                "about": qn.about,
                "title": s.text(f"evaluation.{qn.id}.title"),
                "intro": s.text(f"evaluation.{qn.id}.intro"),
                "give": s.text(f"evaluation.{qn.id}.give"),
                "role": s.text(f"evaluation.{qn.id}.role") if qn.about == "rater" else None,
                "questions": [question_json(s, qn, q) for q in qn.questions],
            }
            for qn in ev.questionnaires.values()
        ],
        "abouts": {"skill": skills, "rater": raters},
        "strings": {key: s.text(f"evaluation.ui.{key}") for key in UI_KEYS},
        "language": {
            "decimal": s.text("language.decimal"),
            "date_format": s.text("language.date_format"),
            "months": list(s.get("language.months")),
        },
    }


def script_tag(data: Any, ident: str = "kit-feedback-data") -> str:
    """The page's data as inert JSON (sanitize.json_script)."""
    return sanitize.json_script(data, ident)


def write_bundle(site_dir: Path) -> Path:
    """Write the feedback modules as one classic script into a built site (the offline copy)."""
    from . import tool_bundle

    target = site_dir / BUNDLE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(tool_bundle.bundle(FEEDBACK_DIR, "main.js"), encoding="utf-8")
    return target


def markup(
    data: Any,
    *,
    asset: Callable[[str], str],
    heading: str | None,
    intro: str | None,
    no_js: str,
    bundled: bool = False,
) -> str:
    """The form or the summary on its page: stylesheet, container, data and script (one
    classic script when ``bundled``: the offline copy opens from file://, where browsers
    refuse ES modules)."""
    from . import typography

    data = typography.fix_data(data, str(data["lang"]))  # the language's spaces, as in the pages (French)
    head = ""
    if heading:
        head = f'<h2 id="kit-feedback-title">{escape(heading)}</h2>'
        if intro:
            head += f'<p class="kit-feedback__intro">{escape(intro)}</p>'
    label = ' aria-labelledby="kit-feedback-title"' if heading else ""
    return (
        f'<link rel="stylesheet" href="{escape(asset(STYLESHEET))}">'
        f'<section class="kit-feedback" data-mode="{escape(data["page"]["mode"])}"{label}>{head}'
        f'<div id="kit-feedback" class="kit-feedback__root"><p class="kit-feedback__nojs">{escape(no_js)}</p></div>'
        "</section>"
        + script_tag(data)
        + (
            f'<script src="{escape(asset(BUNDLE))}" defer></script>'
            if bundled
            else f'<script type="module" src="{escape(asset(SCRIPT))}"></script>'
        )
    )


def decorate(
    kit: Any, kind: PageKind, lang: str, rel: str, *, asset: Callable[[str], str], bundled: bool = False
) -> str:
    """What a page of this kind gets at its end: the module's feedback form, a questionnaire
    page's form, the summary; "" for other pages or a kit without questionnaires."""
    ev: Evaluation | None = kit.evaluation
    if ev is None:
        return ""
    s = kit.strings(lang)
    no_js = s.text("evaluation.ui.no_js")
    if kind == PageKind.MODULE and ev.get("module"):
        data = page_data(kit, lang, mode="form", questionnaire="module", about=Path(rel).stem)
        title, intro = s.text("evaluation.module.title"), s.text("evaluation.module.intro")
        return markup(data, asset=asset, heading=title, intro=intro, no_js=no_js, bundled=bundled)
    if kind == PageKind.FEEDBACK and ev.get(Path(rel).stem):
        data = page_data(kit, lang, mode="form", questionnaire=Path(rel).stem)
        return markup(data, asset=asset, heading=None, intro=None, no_js=no_js, bundled=bundled)
    if kind == PageKind.FEEDBACK_SUMMARY:
        data = page_data(kit, lang, mode="summary")
        return markup(data, asset=asset, heading=None, intro=None, no_js=no_js, bundled=bundled)
    return ""
