"""Translation state: which English version a translation was made from.

Each translated file carries ``source_hash`` in its front matter: the git blob
hash of the English file it translates. The hash is computed here the way git
computes it, so the build needs no git; the CLI uses git to show diffs.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import frontmatter

if TYPE_CHECKING:
    from .kit import Kit

MARKER = "source_hash"


def blob_hash(data: bytes) -> str:
    """The git blob hash of some bytes (what `git hash-object` prints)."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def file_hash(path: Path) -> str:
    return blob_hash(path.read_bytes())


@dataclass(frozen=True)
class PageState:
    rel: str
    state: str  # "translated", "missing", "outdated", "unmarked"
    recorded: str | None
    current: str
    display: str | None = None  # where the file is, when it is not content/<lang>/<rel>


def page_state(source: Path, translation: Path, rel: str) -> PageState:
    current = file_hash(source)
    if not translation.exists():
        return PageState(rel, "missing", None, current)
    recorded = frontmatter.read(translation).meta.get(MARKER)
    if not recorded:
        return PageState(rel, "unmarked", None, current)
    state = "translated" if str(recorded) == current else "outdated"
    return PageState(rel, state, str(recorded), current)


# -- structure checks ---------------------------------------------------------


def compare_structure(source: Path, translated: Path) -> list[str]:
    """What a translation changed in the structure of its source page.

    Headings keep their explicit ids (the anchors), admonitions and collapsible
    blocks keep their types and order, and links keep their targets.
    """
    from collections import Counter

    from .content import scan

    src_doc, tr_doc = frontmatter.read(source), frontmatter.read(translated)
    src_heads, src_blocks = scan(src_doc.body, src_doc.body_line)
    tr_heads, tr_blocks = scan(tr_doc.body, tr_doc.body_line)
    problems: list[str] = []
    src_ids = [(h.level, h.id) for h in src_heads if h.id]
    tr_ids = [(h.level, h.id) for h in tr_heads if h.id]
    if src_ids != tr_ids:
        missing = [f"{'#' * lv} {{#{i}}}" for lv, i in src_ids if (lv, i) not in tr_ids]
        extra = [f"{'#' * lv} {{#{i}}}" for lv, i in tr_ids if (lv, i) not in src_ids]
        if missing:
            problems.append("missing heading(s) or anchor(s): " + ", ".join(missing))
        if extra:
            problems.append("heading(s) not in the English page: " + ", ".join(extra))
        if not missing and not extra:
            problems.append("the headings are in another order than in the English page")
    if len([h for h in src_heads if not h.id]) != len([h for h in tr_heads if not h.id]):
        problems.append(f"{len(src_heads)} headings in the English page, {len(tr_heads)} here")
    src_adm = [(b.kind, b.value) for b in src_blocks if b.kind != "link"]
    tr_adm = [(b.kind, b.value) for b in tr_blocks if b.kind != "link"]
    if src_adm != tr_adm:
        first = next(
            (i for i, pair in enumerate(zip(src_adm, tr_adm, strict=False)) if pair[0] != pair[1]),
            min(len(src_adm), len(tr_adm)),
        )
        want = src_adm[first] if first < len(src_adm) else None
        have = tr_adm[first] if first < len(tr_adm) else None
        line = next((b.line for b in tr_blocks if b.kind != "link"), tr_doc.body_line)
        tr_non_links = [b for b in tr_blocks if b.kind != "link"]
        if first < len(tr_non_links):
            line = tr_non_links[first].line
        problems.append(
            f"line {line}: block {first + 1} should be {_block(want)} as in the English page, found {_block(have)}"
        )
    src_links = Counter(b.value for b in src_blocks if b.kind == "link")
    tr_links = Counter(b.value for b in tr_blocks if b.kind == "link")
    if src_links != tr_links:
        lost = sorted((src_links - tr_links).elements())
        added = sorted((tr_links - src_links).elements())
        if lost:
            problems.append("link(s) missing: " + ", ".join(lost))
        if added:
            problems.append("link(s) not in the English page: " + ", ".join(added))
    return problems


def _block(pair: tuple[str, str] | None) -> str:
    if pair is None:
        return "nothing"
    kind, value = pair
    return f"'!!! {value}'" if kind == "admonition" else f"'??? {value}'"


def set_marker(path: Path, value: str) -> None:
    """Record ``source_hash: value``: in the front matter of a Markdown file, or as
    the first key of a YAML file (strings.yml)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix in {".yml", ".yaml"}:
        kept = [ln for ln in text.splitlines(keepends=True) if not ln.startswith(f"{MARKER}:")]
        start = next((i for i, ln in enumerate(kept) if not ln.startswith("#")), len(kept))
        kept.insert(start, f"{MARKER}: {value}\n")
        path.write_text("".join(kept), encoding="utf-8")
        return
    lines = text.splitlines(keepends=True)
    if lines and lines[0].strip() == frontmatter.FENCE:
        for index in range(1, len(lines)):
            if lines[index].strip() == frontmatter.FENCE:
                body = [ln for ln in lines[1:index] if not ln.startswith(f"{MARKER}:")]
                new = [lines[0], *body, f"{MARKER}: {value}\n", *lines[index:]]
                path.write_text("".join(new), encoding="utf-8")
                return
    path.write_text(f"---\n{MARKER}: {value}\n---\n\n{text}", encoding="utf-8")


STATES = ("translated", "missing", "outdated", "unmarked")
STRINGS_FILE = "strings.yml"


def status(kit: Kit) -> dict[str, list[PageState]]:
    """Per translation language, the state of every English page and of strings.yml."""
    source_dir = kit.project.lang_dir(kit.source_language)
    rels = [p.relative_to(source_dir).as_posix() for p in kit.pages(kit.source_language)]
    report: dict[str, list[PageState]] = {}
    for lang in kit.languages[1:]:
        lang_dir = kit.project.lang_dir(lang)
        pages = [page_state(source_dir / rel, lang_dir / rel, rel) for rel in rels]
        pages.append(strings_state(source_dir / STRINGS_FILE, lang_dir / STRINGS_FILE))
        if tracks_locales(kit):
            pages.append(locale_state(kit, lang))
        report[lang] = pages
    return report


LOCALE = "generator"  # the name of the generator's strings in `kit translate` and `kit status`


def tracks_locales(kit: Kit) -> bool:
    """The generator's own strings are translated in this project (its home repository)."""
    from .strings import LOCALES_DIR

    return LOCALES_DIR.resolve().is_relative_to(kit.project.root.resolve())


def locale_path(lang: str) -> Path:
    from .strings import LOCALES_DIR

    return LOCALES_DIR / f"{lang}.yml"


def locale_state(kit: Kit, lang: str) -> PageState:
    from .strings import LOCALE_SOURCE

    state = strings_state(locale_path(LOCALE_SOURCE), locale_path(lang))
    return PageState(LOCALE, state.state, state.recorded, state.current, kit.project.rel(locale_path(lang)))


def counts(pages: list[PageState]) -> dict[str, int]:
    """How many pages are in each state."""
    return {state: sum(1 for page in pages if page.state == state) for state in STATES}


def strings_state(source: Path, translated: Path) -> PageState:
    import yaml

    current = file_hash(source)
    if not translated.exists():
        return PageState(STRINGS_FILE, "missing", None, current)
    data = yaml.safe_load(translated.read_text(encoding="utf-8")) or {}
    recorded = data.get(MARKER) if isinstance(data, dict) else None
    if not recorded:
        return PageState(STRINGS_FILE, "unmarked", None, current)
    return PageState(STRINGS_FILE, "translated" if recorded == current else "outdated", recorded, current)
