"""HTML to PDF with WeasyPrint, in a worker process, repaired and written atomically.

WeasyPrint renders; :mod:`.repair` then fixes what it gets wrong in forms and tags
(with pikepdf), on the temporary file, before the file takes its place.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import weasyprint
from weasyprint.urls import FatalURLFetchingError, URLFetcher

from . import fonts, repair

PDF_OPTIONS = {"pdf_forms": True, "pdf_tags": True, "pdf_variant": "pdf/ua-1"}


# QR codes are made by the kit itself as small PNG data URIs (documents._qr).
DATA_IMAGE = "data:image/png;base64,"
MAX_DATA_IMAGE = 64 * 1024
# Icons are the kit's own small SVG files as data URIs (documents._decoration): decorations.
DATA_ICON = "data:image/svg+xml;base64,"
MAX_DATA_ICON = 16 * 1024
ALLOWED_SUFFIXES = frozenset({".css", ".woff2", ".png", ".jpg", ".jpeg", ".webp", ".gif", ".svg"})


class RefusedFile(ValueError):
    """The document asked for a file that is not one of the kit's own assets."""


class LocalFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint has no type hints
    """Loads only the kit's own files: the print stylesheet, the fonts, images that
    live inside the project's content and theme folders, and the small PNG images
    of the QR codes the kit makes itself.

    ``print/fonts/...`` maps to the site's font folder, so the web and the PDFs
    share one copy of each font, and ``print/fonts/kit-fields.ttf`` to the fields'
    font made from it (see :mod:`.fonts`). Anything else (another scheme, a file elsewhere on
    the build machine, a symbolic link out of the project, a missing font) stops the
    rendering instead of being skipped or embedded.
    """

    def __init__(
        self,
        *,
        print_dir: str,
        font_dir: str,
        fields_font: str = "",
        fields_cache: str = "",
        asset_roots: tuple[str, ...] = (),
    ) -> None:
        super().__init__(allowed_protocols={"file", "data"}, fail_on_errors=True)
        self._fonts_prefix = str(Path(print_dir) / "fonts") + os.sep
        self._font_dir = font_dir
        self._fields_font = fields_font
        self._fields_cache = fields_cache
        self._roots = tuple(Path(r).resolve() for r in (print_dir, font_dir, *asset_roots))

    def fetch(self, url: str, headers: object = None) -> object:
        if url.startswith(DATA_IMAGE) and len(url) <= MAX_DATA_IMAGE:
            return super().fetch(url, headers)
        if url.startswith(DATA_ICON) and len(url) <= MAX_DATA_ICON:
            return super().fetch(url, headers)
        parsed = urlparse(url)
        if parsed.scheme != "file" or parsed.netloc not in {"", "localhost"}:
            raise RefusedFile(f"the PDF may only load the kit's own files, not {url[:120]!r}")
        path = unquote(parsed.path)
        if path == self._fonts_prefix + fonts.URL_NAME:
            if not self._fields_font and self._fields_cache:  # made on first use
                self._fields_font = str(fonts.ensure(Path(self._font_dir), Path(self._fields_cache)))
            if not self._fields_font or not Path(self._fields_font).is_file():
                raise FileNotFoundError(f"the fields' font is missing: {self._fields_font or fonts.URL_NAME}")
            return super().fetch(Path(self._fields_font).resolve().as_uri(), headers)
        if path.startswith(self._fonts_prefix):
            path = str(Path(self._font_dir) / path[len(self._fonts_prefix) :])
            if not Path(path).is_file():
                raise FileNotFoundError(f"font file missing: {path}")
        real = Path(path).resolve()
        inside = any(real.is_relative_to(root) for root in self._roots)
        if not inside or real.suffix.lower() not in ALLOWED_SUFFIXES or not real.is_file():
            raise RefusedFile(f"the PDF may only load the kit's own files, not {path[:120]!r}")
        return super().fetch(real.as_uri(), headers)


@dataclass(frozen=True)
class Job:
    name: str  # shown in messages, e.g. "fr/grid-social-civic-fr.pdf"
    html: str
    target: str
    print_dir: str
    font_dir: str
    max_pages: int | None = None
    asset_roots: tuple[str, ...] = ()
    fields_font: str = ""  # the fields' font (made from font_dir next to the target when empty)


FIT_STEPS = 3
_HTML_TAG = re.compile(r"<html\b", re.I)


def with_fit(html: str, step: int) -> str:
    """The document with its root marked for compaction steps 1 to ``step`` (each step's rules
    add to the ones before: ``class="kit-fit kit-fit-1 kit-fit-2"``)."""
    classes = " ".join(f"kit-fit-{n}" for n in range(1, step + 1))
    return _HTML_TAG.sub(f'<html class="kit-fit {classes}"', html, count=1)


@dataclass(frozen=True)
class Result:
    name: str
    pages: int
    error: str | None = None


def render(job: Job) -> Result:
    """Render one document; on any failure leave no file behind and say why."""
    target = Path(job.target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".pdf", dir=target.parent)
    os.close(fd)
    try:
        fetcher = LocalFetcher(
            print_dir=job.print_dir,
            font_dir=job.font_dir,
            fields_font=job.fields_font,
            fields_cache=str(target.parent / "fonts"),
            asset_roots=job.asset_roots,
        )

        def typeset(html: str) -> Any:
            return weasyprint.HTML(string=html, base_url=job.print_dir + os.sep, url_fetcher=fetcher).render(
                **PDF_OPTIONS
            )

        document = typeset(job.html)
        pages = len(document.pages)
        step = 0
        # A document with a page limit (a grid, a flyer) that runs over is set a little tighter,
        # step by step (print.css and events.css: .kit-fit-1 to .kit-fit-3), before it is refused:
        # translations run longer than the English.
        while job.max_pages is not None and pages > job.max_pages and step < FIT_STEPS:
            step += 1
            document = typeset(with_fit(job.html, step))
            pages = len(document.pages)
        if job.max_pages is not None and pages > job.max_pages:
            return Result(
                job.name,
                pages,
                f"does not fit: it takes {pages} pages, at most {job.max_pages} allowed "
                "(shorten the text of its source page, or of the indicators and skill names of a grid)",
            )
        document.write_pdf(tmp, **PDF_OPTIONS)
        repair.repair(Path(tmp), repair.hints(job.html))
        Path(tmp).replace(target)
        return Result(job.name, pages)
    # WeasyPrint's fatal fetch error derives from BaseException; an interrupt (Ctrl-C) is
    # not a rendering error and propagates.
    except (Exception, FatalURLFetchingError) as exc:
        cause = exc.__cause__ or exc
        return Result(job.name, 0, f"WeasyPrint failed: {type(cause).__name__}: {cause}")
    finally:
        if Path(tmp).exists():
            Path(tmp).unlink()
