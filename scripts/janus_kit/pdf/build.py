"""Render one language's PDFs: cached by content hash, in parallel, atomically.

A document's cache key is the hash of everything that goes into it: its HTML
(content, strings, links), the print stylesheet, the fonts and the versions of
WeasyPrint and of this renderer. An unchanged document is copied from the cache,
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
from dataclasses import asdict, dataclass
from pathlib import Path

import weasyprint

from ..errors import ContentError
from ..kit import Kit
from . import render
from .documents import PDF_DIR, PRINT_DIR, Composer, Doc

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
    digest = hashlib.sha256(f"{RENDERER_VERSION}|{weasyprint.__version__}".encode())
    for path in sorted(PRINT_DIR.glob("*.css")) + sorted(font_dir(kit).glob("*.woff2")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_key(doc: Doc, static: str) -> str:
    return hashlib.sha256(f"{static}|{doc.max_pages}|{doc.html}".encode()).hexdigest()


def build_languages(
    kit: Kit,
    langs: list[str] | tuple[str, ...],
    *,
    cache_dir: Path,
    workers: int | None = None,
    progress: Callable[[str], None] = print,
) -> tuple[dict[str, list[Entry]], Summary]:
    """Make sure every PDF of ``langs`` is in the cache; return the manifests.

    All languages share one pool of worker processes, so the machine's cores
    stay busy even while one long document (the whole kit) renders.
    """
    start = time.perf_counter()
    static = _static_digest(kit)
    cache_dir.mkdir(parents=True, exist_ok=True)
    docs = [doc for lang in langs for doc in Composer(kit, lang).all()]
    keys = {(doc.lang, doc.id): cache_key(doc, static) for doc in docs}
    todo: dict[str, Doc] = {}
    for doc in docs:  # identical documents (an untranslated page) render once
        key = keys[(doc.lang, doc.id)]
        if not (cache_dir / f"{key}.json").exists():
            todo.setdefault(key, doc)
    # Longest first: the whole kit, then the rest.
    order = sorted(todo.items(), key=lambda item: -len(item[1].html))
    jobs = [
        render.Job(
            name=f"{doc.lang}/{doc.filename}",
            html=doc.html,
            target=str(cache_dir / f"{key}.pdf"),
            print_dir=str(PRINT_DIR),
            font_dir=str(font_dir(kit)),
            max_pages=doc.max_pages,
        )
        for key, doc in order
    ]
    errors: list[tuple[str, str]] = []
    if jobs:
        count = min(workers or os.cpu_count() or 1, len(jobs))
        with ProcessPoolExecutor(max_workers=count) as pool:
            results = pool.map(render.render, jobs)
            for done, ((key, doc), result) in enumerate(zip(order, results, strict=True), 1):
                if result.error:
                    sources = ", ".join(doc.sources) or doc.kind
                    errors.append((result.name, f"{result.error} [from {sources}]"))
                    continue
                (cache_dir / f"{key}.json").write_text(json.dumps({"pages": result.pages}))
                progress(f"PDF {done}/{len(jobs)}: {result.name} ({result.pages} pages)")
    if errors:
        name, message = errors[0]
        raise ContentError(f"PDF {name}", message)
    manifests: dict[str, list[Entry]] = {lang: [] for lang in langs}
    for doc in docs:
        key = keys[(doc.lang, doc.id)]
        meta = json.loads((cache_dir / f"{key}.json").read_text())
        prefix = "" if doc.lang == kit.source_language else f"{doc.lang}/"
        manifests[doc.lang].append(
            Entry(doc.id, doc.kind, doc.title, doc.filename, f"{prefix}{PDF_DIR}/{doc.filename}",
                  doc.page_rel, (cache_dir / f"{key}.pdf").stat().st_size, meta["pages"], key)
        )
    summary = Summary(len(docs), len(jobs), len(docs) - len(jobs), time.perf_counter() - start)
    return manifests, summary


def publish(entries: list[Entry], *, cache_dir: Path, site_dir: Path) -> None:
    """Copy the PDFs from the cache into the built site."""
    for entry in entries:
        target = site_dir / entry.url
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cache_dir / f"{entry.key}.pdf", target)


def manifest_json(entries: list[Entry]) -> str:
    return json.dumps([asdict(e) for e in entries], ensure_ascii=False, indent=1)
