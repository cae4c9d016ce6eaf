"""Render one language's PDFs: cached by content hash, in parallel, atomically.

A document's cache key is the hash of everything that goes into it: its pages,
the language's strings, the skill model, mkdocs.yml, the templates, the print
stylesheet, the fonts, the code that composes it and the versions of WeasyPrint
and of the renderer. An unchanged document is copied from the cache,
not rendered again, and the same input gives the same bytes.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.metadata
import json
import os
import shutil
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .. import typography
from ..catalogue import DocSpec
from ..errors import ContentError
from ..kit import Kit
from ..pictures import thumbnails
from ..pictures.thumbnails import Thumbnail
from . import address, fonts
from .documents import PRINT_DIR, Composed, Composer

PACKAGE_DIR = Path(__file__).resolve().parents[1]
FONT_DIR = PACKAGE_DIR / "theme" / "assets" / "fonts"
# The libraries whose version can change a PDF.
LIBRARIES = (
    "weasyprint", "pydyf", "pikepdf", "fonttools", "Markdown", "pymdown-extensions", "segno", "nh3", "Jinja2",
    "mkdocs-material",  # the icons come from its bundled sets
    "pypdfium2", "pillow",  # the first-page thumbnails, cached with each PDF
)  # fmt: skip


@dataclass(frozen=True)
class Entry:
    spec: DocSpec
    title: str
    url: str  # site-relative, e.g. "fr/pdf/grid-social-civic-fr.pdf"
    size: int
    pages: int
    key: str
    thumbnail: Thumbnail | None = None  # the picture of its first page

    @property
    def filename(self) -> str:
        return self.spec.filename


@dataclass(frozen=True)
class Summary:
    documents: int
    rendered: int
    cached: int
    seconds: float


def _digest_files(digest: hashlib._Hash, paths: list[Path], root: Path) -> None:
    for path in paths:
        digest.update(path.relative_to(root).as_posix().encode() if path.is_relative_to(root) else path.name.encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")


def code_digest() -> str:
    """Everything of the generator that can change a PDF: all of its Python code, the
    print templates and stylesheet, the fonts, and the versions of the libraries."""
    digest = hashlib.sha256()
    for name in LIBRARIES:
        try:
            version = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{name}={version};".encode())
    files = sorted(PACKAGE_DIR.rglob("*.py")) + sorted(p for p in PRINT_DIR.rglob("*") if p.is_file())
    files += sorted(FONT_DIR.glob("*"))
    _digest_files(digest, [p for p in files if "__pycache__" not in p.parts], PACKAGE_DIR)
    return digest.hexdigest()


def _typeset(doc: Composed) -> Composed:
    """The language's typography (French spaces) in the document's text."""
    return dataclasses.replace(doc, html=typography.fix_html(doc.html, doc.spec.lang))


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
    static = code_digest()
    cache_dir.mkdir(parents=True, exist_ok=True)
    if address.is_placeholder(kit.project.site_url):
        progress(address.preview_notice(kit.project.site_url))
    plans: list[tuple[Composer, DocSpec, str]] = []
    for lang in langs:
        composer = Composer(kit, lang)
        common = hashlib.sha256(f"{static}|{composer.site_url}|{composer.edition}".encode())
        _digest_files(common, composer.common_inputs(), kit.project.root)
        for spec in composer.specs():
            digest = common.copy()
            digest.update(f"|{spec.id}|{spec.lang}".encode())
            _digest_files(digest, composer.inputs(spec), kit.project.root)
            plans.append((composer, spec, digest.hexdigest()))
    todo = [
        (_typeset(composer.compose(spec)), key)
        for composer, spec, key in plans
        if not (cache_dir / f"{key}.json").exists()
    ]
    todo.sort(key=lambda item: -len(item[0].html))  # longest first
    from . import render  # WeasyPrint is imported only when something is to be rendered

    fields_font = str(fonts.ensure(FONT_DIR, cache_dir / "fonts")) if todo else ""
    jobs = [
        render.Job(
            name=f"{doc.spec.lang}/{doc.spec.filename}",
            html=doc.html,
            target=str(cache_dir / f"{key}.pdf"),
            print_dir=str(PRINT_DIR),
            font_dir=str(FONT_DIR),
            max_pages=doc.max_pages,
            asset_roots=(str(kit.project.content), str(kit.project.root / "overrides")),
            fields_font=fields_font,
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
                    sources = ", ".join(doc.sources) or doc.spec.kind.id
                    errors.append((result.name, f"{result.error} [from {sources}]"))
                    continue
                meta = {"pages": result.pages, "title": doc.title}
                (cache_dir / f"{key}.json").write_text(json.dumps(meta, ensure_ascii=False))
                progress(f"PDF {done}/{len(jobs)}: {result.name} ({result.pages} pages)")
    if errors:  # every document that failed, so that one build shows them all
        name, message = errors[0]
        more = "".join(f"\n  also PDF {n}: {m}" for n, m in errors[1:])
        raise ContentError(f"PDF {name}", message + more)
    manifests: dict[str, list[Entry]] = {lang: [] for lang in langs}
    for _, spec, key in plans:
        meta = json.loads((cache_dir / f"{key}.json").read_text(encoding="utf-8"))
        url = kit.catalogue.pdf_url(spec)
        size = (cache_dir / f"{key}.pdf").stat().st_size
        thumbnail = _thumbnail(cache_dir, key, kit.catalogue.thumbnail_url(spec))
        manifests[spec.lang].append(Entry(spec, meta["title"], url, size, meta["pages"], key, thumbnail))
    summary = Summary(len(plans), len(jobs), len(plans) - len(jobs), time.perf_counter() - start)
    return manifests, summary


def _thumbnail(cache_dir: Path, key: str, url: str) -> Thumbnail:
    """The first page's picture of a cached PDF, made once and cached under the PDF's key."""
    png = cache_dir / f"{key}.png"
    if not png.exists():
        thumbnails.make(cache_dir / f"{key}.pdf", png)
    width, height = thumbnails.size_of(png)
    return Thumbnail(url, width, height)


def publish(entries: list[Entry], *, cache_dir: Path, site_dir: Path) -> None:
    """Copy the PDFs and their first-page pictures from the cache into the built site."""
    for entry in entries:
        target = site_dir / entry.url
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cache_dir / f"{entry.key}.pdf", target)
        if entry.thumbnail is not None:
            picture = site_dir / entry.thumbnail.url
            picture.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(cache_dir / f"{entry.key}.png", picture)
