"""HTML to PDF with WeasyPrint, in a worker process, written atomically."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

import weasyprint
from weasyprint.urls import URLFetcher

PDF_OPTIONS = {"pdf_forms": True, "pdf_tags": True, "pdf_variant": "pdf/ua-1"}


class LocalFetcher(URLFetcher):
    """Loads only local files: the print stylesheet and the kit's fonts.

    ``print/fonts/...`` maps to the site's font folder, so the web and the PDFs
    share one copy of each font. Anything else (a remote image in hostile
    content, a missing font) stops the rendering instead of being skipped.
    """

    def __init__(self, *, print_dir: str, font_dir: str) -> None:
        super().__init__(allowed_protocols={"file"}, fail_on_errors=True)
        self._fonts_prefix = str(Path(print_dir) / "fonts") + os.sep
        self._font_dir = font_dir

    def fetch(self, url: str, headers: object = None) -> object:
        path = unquote(urlparse(url).path)
        if path.startswith(self._fonts_prefix):
            path = str(Path(self._font_dir) / path[len(self._fonts_prefix) :])
            if not Path(path).is_file():
                raise FileNotFoundError(f"font file missing: {path}")
            url = Path(path).as_uri()
        return super().fetch(url, headers)


@dataclass(frozen=True)
class Job:
    name: str  # shown in messages, e.g. "fr/grid-social-civic-fr.pdf"
    html: str
    target: str
    print_dir: str
    font_dir: str
    max_pages: int | None = None


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
        fetcher = LocalFetcher(print_dir=job.print_dir, font_dir=job.font_dir)
        document = weasyprint.HTML(string=job.html, base_url=job.print_dir + os.sep, url_fetcher=fetcher).render(
            **PDF_OPTIONS
        )
        pages = len(document.pages)
        if job.max_pages is not None and pages > job.max_pages:
            return Result(
                job.name,
                pages,
                f"does not fit: it takes {pages} pages, at most {job.max_pages} allowed "
                "(shorten the indicators or the skill names of this grid)",
            )
        document.write_pdf(tmp, **PDF_OPTIONS)
        Path(tmp).replace(target)
        return Result(job.name, pages)
    except BaseException as exc:
        cause = exc.__cause__ or exc
        return Result(job.name, 0, f"WeasyPrint failed: {type(cause).__name__}: {cause}")
    finally:
        if Path(tmp).exists():
            Path(tmp).unlink()
