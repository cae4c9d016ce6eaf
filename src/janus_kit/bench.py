"""Benchmark of the build: figures and ratios from one run, on a copy of the project.

Machines here are shared and noisy, so compare the ratios within one run, not
seconds across runs. Targets: the warm rebuild at most 1.15x the HTML-only
build, and one changed module re-renders only the PDFs that include it.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .catalogue import DOC_KINDS
from .project import find_root

COPIED = ("mkdocs.yml", "content", "overrides")
SUMMARY = re.compile(r"PDF summary: (\d+) documents, (\d+) rendered, (\d+) from cache")
RENDERED = re.compile(r"PDF \d+/\d+: (\S+)")


def _build(project: Path, *, pdf: bool) -> tuple[float, str]:
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "KIT_PDF": "1" if pdf else "0",
    }
    env.pop("KIT_PDF_ONLY", None)
    env.pop("KIT_PDF_CACHE", None)
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"bench: the build failed:\n{result.stdout}{result.stderr}")
    return seconds, result.stdout + result.stderr


def _best(project: Path, runs: int, *, pdf: bool) -> tuple[float, str]:
    timings = [_build(project, pdf=pdf) for _ in range(runs)]
    return min(t for t, _ in timings), timings[-1][1]


def main(args: argparse.Namespace) -> int:
    runs = max(1, args.runs)
    with tempfile.TemporaryDirectory(prefix="kit-bench-") as tmp:
        project = Path(tmp) / "project"
        project.mkdir()
        for name in COPIED:
            src = find_root() / name
            (shutil.copytree if src.is_dir() else shutil.copy2)(src, project / name)
        print(f"bench: {os.cpu_count()} cores, best of {runs} run(s) where repeated", flush=True)
        html, _ = _best(project, runs, pdf=False)
        print(f"  HTML-only build           {html:7.1f} s", flush=True)
        cold, out = _build(project, pdf=True)
        cold_summary = SUMMARY.search(out)
        print(
            f"  cold full build           {cold:7.1f} s   ({cold_summary[0] if cold_summary else '?'})",
            flush=True,
        )
        warm, out = _best(project, runs, pdf=True)
        warm_summary = SUMMARY.search(out)
        print(
            f"  warm rebuild, no change   {warm:7.1f} s   ({warm_summary[0] if warm_summary else '?'})",
            flush=True,
        )
        from .kit import Kit
        from .pdf.documents import Composer

        kit = Kit.at(project)
        rel = kit.catalogue.module_rel(kit.framework.skill_ids[0])
        module = kit.project.lang_dir(kit.source_language) / rel
        composer = Composer(kit, kit.source_language)
        expected = {
            f"{spec.lang}/{spec.filename}"
            for spec in composer.specs()
            if module.resolve() in {p.resolve() for p in composer.inputs(spec)}
        }
        module.write_text(module.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
        changed, out = _build(project, pdf=True)
        changed_summary = SUMMARY.search(out)
        rendered = sorted(RENDERED.findall(out))
        print(f"  rebuild, one module edited{changed:7.1f} s   ({changed_summary[0] if changed_summary else '?'})")
        print(f"    re-rendered: {', '.join(rendered) or 'nothing'}")
        sizes = sorted(
            (p.stat().st_size, p.relative_to(project / "site").as_posix()) for p in (project / "site").rglob("*.pdf")
        )
        urls_by_kind = {
            kind.id: [
                kit.catalogue.pdf_url(spec)
                for lang in kit.languages
                for spec in kit.documents(lang)
                if spec.kind == kind
            ]
            for kind in DOC_KINDS
        }
    print("ratios (same run):")
    print(f"  cold / HTML-only          {cold / html:6.2f}x")
    print(f"  warm / HTML-only          {warm / html:6.2f}x   (target <= 1.15x)")
    print(f"  one module / HTML-only    {changed / html:6.2f}x")
    total = sum(size for size, _ in sizes)
    median = statistics.median(s for s, _ in sizes)
    print(f"PDF sizes: {len(sizes)} files, {total / 1e6:.1f} MB in all, median {median / 1e3:.0f} kB")
    print(
        f"  smallest {sizes[0][0] / 1e3:.0f} kB ({sizes[0][1]}), largest {sizes[-1][0] / 1e6:.2f} MB ({sizes[-1][1]})"
    )
    by_file = {name: size for size, name in sizes}
    for kind_id, urls in urls_by_kind.items():
        of_kind = [by_file[url] for url in urls if url in by_file]
        if of_kind:
            low, high = min(of_kind) / 1e3, max(of_kind) / 1e3
            print(f"  {kind_id:13} {len(of_kind):3} files, {low:5.0f}-{high:5.0f} kB")
    ok = warm / html <= 1.15 and set(rendered) == expected
    print(f"  expected to re-render: {', '.join(sorted(expected))}")
    print("targets: " + ("met" if ok else "MISSED"))
    return 0 if ok or not args.check else 1
