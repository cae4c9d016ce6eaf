"""A document with a page limit that runs over (a translated grid, a flyer) is set tighter,
step by step, before it is refused: rendered for real with WeasyPrint on a tiny page."""

from __future__ import annotations

from pathlib import Path

import pypdf

from janus_kit.pdf import build, render

STYLE = """<style>
@page { size: 100mm 60mm; margin: 5mm; }
p { font-size: 11pt; line-height: 1.4; margin: 0; }
.kit-fit-1 p { font-size: 9pt; }
.kit-fit-2 p { line-height: 1.1; }
</style>"""


def job(tmp_path: Path, words: int) -> render.Job:
    html = f'<!doctype html><html lang="en"><head>{STYLE}</head><body><p>{" ".join(["word"] * words)}</p></body></html>'
    return render.Job(
        name="en/test.pdf",
        html=html,
        target=str(tmp_path / "test.pdf"),
        print_dir=str(build.PRINT_DIR),
        font_dir=str(build.FONT_DIR),
        max_pages=1,
    )


def test_each_step_keeps_the_rules_of_the_steps_before() -> None:
    assert '<html class="kit-fit kit-fit-1 kit-fit-2" lang="en">' in render.with_fit('<html lang="en">', 2)


def test_a_page_that_runs_over_is_set_tighter_until_it_fits(tmp_path: Path) -> None:
    import weasyprint

    untouched = job(tmp_path, 80)
    assert len(weasyprint.HTML(string=untouched.html).render().pages) == 2, "as written, it runs over"
    result = render.render(untouched)
    assert result.error is None, result.error
    assert result.pages == 1 and len(pypdf.PdfReader(tmp_path / "test.pdf").pages) == 1


def test_a_page_that_cannot_fit_is_refused_and_leaves_no_file(tmp_path: Path) -> None:
    result = render.render(job(tmp_path, 900))
    assert result.error and "does not fit" in result.error and "at most 1" in result.error
    assert not (tmp_path / "test.pdf").exists()
