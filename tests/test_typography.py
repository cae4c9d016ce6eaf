"""French typography is applied by the build: no-break spaces before ; ! ? : and inside « »."""

from __future__ import annotations

import re

import pytest

from helpers import Build, html_pages
from janus_kit.typography import NBSP, NNBSP, fix_html, fix_text

# A plain space (or none, after a word) before high punctuation, as a translator types it.
BAD = re.compile(r"(?: [;!?]|\w[;!?](?=\s)|« | »| :(?=\s))")


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style|code|pre)\b.*?</\1>", " ", html, flags=re.S | re.I)
    return re.sub(r"<[^>]+>", "\n", html)


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("Pourquoi ?", f"Pourquoi{NNBSP}?"),
        ("Vraiment!", f"Vraiment{NNBSP}!"),
        ("Attention : le four", f"Attention{NBSP}: le four"),
        ("un ; deux", f"un{NNBSP}; deux"),
        ("« Bonjour »", f"«{NNBSP}Bonjour{NNBSP}»"),
        ("«Bonjour»", f"«{NNBSP}Bonjour{NNBSP}»"),
        ("À 10:30, voir https://kit.eu/?a=1", "À 10:30, voir https://kit.eu/?a=1"),
    ],
)
def test_french_spaces(typed: str, printed: str) -> None:
    assert fix_text(typed, "fr") == printed
    assert fix_text(typed, "de") == typed


def test_html_entities_are_not_punctuation() -> None:
    assert fix_html("<p>l&#39;apprenti &amp; le tuteur &#x27; fin</p>", "fr") == (
        "<p>l&#39;apprenti &amp; le tuteur &#x27; fin</p>"
    )


def test_html_text_and_labels_but_never_code() -> None:
    html = '<p title="Aide : ici">Quoi ? <code>a ? b : c</code></p><script>x = a ? b : c;</script>'
    fixed = fix_html(html, "fr")
    assert f'title="Aide{NBSP}: ici"' in fixed
    assert f"Quoi{NNBSP}?" in fixed
    assert "<code>a ? b : c</code>" in fixed
    assert "<script>x = a ? b : c;</script>" in fixed


def test_every_french_page_has_french_spaces(site: Build) -> None:
    pages = html_pages(site.site / "fr")
    assert pages
    for page in pages:
        text = visible_text(page.read_text(encoding="utf-8"))
        bad = BAD.findall(text)
        assert not bad, (page, bad[:5])
    home = (site.site / "fr" / "index.html").read_text(encoding="utf-8")
    assert NNBSP in home or NBSP in home


def test_the_tool_speaks_french_typography(site: Build) -> None:
    tool = (site.site / "fr" / "tool" / "index.html").read_text(encoding="utf-8")
    data = re.search(r'<script type="application/json" id="kit-tool-data">(.*?)</script>', tool, re.S)[1]
    assert NNBSP in data or NBSP in data
    assert not re.search(r' [;!?]"', data)


def test_french_pdfs_have_french_spaces(pdf_site: Build) -> None:
    import pypdf

    pdfs = sorted((pdf_site.site / "fr" / "pdf").glob("*.pdf"))
    assert pdfs
    for pdf in pdfs:
        text = "".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages)
        assert not re.findall(r" [;!?»]|« ", text), pdf.name
