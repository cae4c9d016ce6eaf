"""Render one language's PDFs: cached by content hash, in parallel, atomically.

A document's cache key is the hash of everything that goes into it: its pages,
the language's strings, the skill model, mkdocs.yml, the templates, the print
stylesheet, the fonts, the code that composes it and the versions of WeasyPrint
and of the renderer. An unchanged document is copied from the cache,
not rendered again, and the same input gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import weasyprint

from ..errors import ContentError
from ..kit import Kit
from . import render
from .documents import PDF_DIR, PRINT_DIR, Composer, Plan

RENDERER_VERSION = "1"


@dataclass(frozen=True)
class Entry:
    id: str
    kind: str
    title: str
    filename: str
    url: str  # site-relative, e.g. "fr/pdf/grid-social-civic-fr.pdf"
    page_rel: str | None
    size: int
    pages: int
    key: str


@dataclass(frozen=True)
class Summary:
    documents: int
    rendered: int
    cached: int
    seconds: float


def font_dir(kit: Kit) -> Path:
    return kit.project.root / "overrides" / "assets" / "fonts"


def _static_digest(kit: Kit) -> str:
    """The stylesheet, the fonts and the renderer: shared by every document."""
    digest = hashlib.sha256(f"{RENDERER_VERSION}|{weasyprint.__version__}".encode())
    for path in sorted(PRINT_DIR.glob("*.css")) + sorted(font_dir(kit).glob("*.woff2")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def build_languages(
    kit: Kit,
    langs: list[str] | tuple[str, ...],
    *,
    cache_dir: Path,
    workers: int | None = None,
    progress: Callable[[str], None] = print,
) -> tuple[dict[str, list[Entry]], Summary]:
    """Make sure every PDF of ``langs`` is in the cache; return the manifests.

    A document is composed (Markdown to HTML) only when the cache lacks it, so a
    build with nothing changed reads its input files and copies PDFs, no more.
    All languages share one pool of worker processes, so the cores stay busy
    even while the longest document (the whole kit) renders.
    """
    start = time.perf_counter()
    static = _static_digest(kit)
    cache_dir.mkdir(parents=True, exist_ok=True)
    plans: list[tuple[Plan, str]] = []
    for lang in langs:
        composer = Composer(kit, lang)
        common = hashlib.sha256(f"{static}|{composer.common_inputs()}".encode()).hexdigest()
        plans += [(plan, plan.key(common)) for plan in composer.plan()]
    todo = [(plan.make(), key) for plan, key in plans if not (cache_dir / f"{key}.json").exists()]
    todo.sort(key=lambda item: -len(item[0].html))  # longest first
    jobs = [
        render.Job(
            name=f"{doc.lang}/{doc.filename}",
            html=doc.html,
            target=str(cache_dir / f"{key}.pdf"),
            print_dir=str(PRINT_DIR),
            font_dir=str(font_dir(kit)),
            max_pages=doc.max_pages,
        )
        for doc, key in todo
    ]
    errors: list[tuple[str, str]] = []
    if jobs:
        count = min(workers or os.cpu_count() or 1, len(jobs))
        with ProcessPoolExecutor(max_workers=count) as pool:
            results = pool.map(render.render, jobs)
            for done, ((doc, key), result) in enumerate(zip(todo, results, strict=True), 1):
                if result.error:
                    sources = ", ".join(doc.sources) or doc.kind
                    errors.append((result.name, f"{result.error} [from {sources}]"))
                    continue
                meta = {"pages": result.pages, "title": doc.title}
                (cache_dir / f"{key}.json").write_text(json.dumps(meta, ensure_ascii=False))
                progress(f"PDF {done}/{len(jobs)}: {result.name} ({result.pages} pages)")
    if errors:
        name, message = errors[0]
        raise ContentError(f"PDF {name}", message)
    manifests: dict[str, list[Entry]] = {lang: [] for lang in langs}
    for plan, key in plans:
        meta = json.loads((cache_dir / f"{key}.json").read_text())
        prefix = "" if plan.lang == kit.source_language else f"{plan.lang}/"
        manifests[plan.lang].append(
            Entry(
                plan.id,
                plan.kind,
                meta["title"],
                plan.filename,
                f"{prefix}{PDF_DIR}/{plan.filename}",
                plan.page_rel,
                (cache_dir / f"{key}.pdf").stat().st_size,
                meta["pages"],
                key,
            )
        )
    summary = Summary(len(plans), len(jobs), len(plans) - len(jobs), time.perf_counter() - start)
    return manifests, summary


def publish(entries: list[Entry], *, cache_dir: Path, site_dir: Path) -> None:
    """Copy the PDFs from the cache into the built site."""
    for entry in entries:
        target = site_dir / entry.url
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cache_dir / f"{entry.key}.pdf", target)
