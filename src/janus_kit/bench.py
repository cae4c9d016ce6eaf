"""Benchmark of the build: figures and ratios from one run, on a copy of the project.

Machines here are shared and noisy, so compare the ratios within one run, not
seconds across runs. Targets: the warm rebuild at most 1.15x the HTML-only
build, one changed module re-renders only the PDFs that include it, and the kit
adds at most 60 kB (gzipped) to the first load of a module page beyond stock Material.

The first load is measured in Debian's chromium on a 360 px wide screen: every byte the
page asks for until the network is idle (the search index and worker included), by
type, raw and gzipped, for the kit's page and for the same English page built by stock
Material (one language, no kit plugin, system fonts: stock Material's default fonts come
from Google, which the kit may not load).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from .catalogue import DOC_KINDS
from .project import Project, find_root

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


# -- first load of a module page ----------------------------------------------------------
CHROMIUM = Path("/usr/bin/chromium")
PHONE: Any = {"width": 360, "height": 740}
TYPES = ("html", "css", "js", "fonts", "index", "images", "other")
FIRST_LOAD_TARGET = 60_000  # bytes, gzipped, that the kit may add to a module page
STOCK_KEYS = ("markdown_extensions", "use_directory_urls")


def _type(url: str, resource: str) -> str:
    path = urlparse(url).path
    if path.endswith("search_index.json"):
        return "index"
    by_resource = {"document": "html", "stylesheet": "css", "script": "js", "font": "fonts", "image": "images"}
    if resource in by_resource:
        return by_resource[resource]
    for suffix, kind in ((".js", "js"), (".css", "css"), (".woff2", "fonts"), (".svg", "images")):
        if path.endswith(suffix):
            return kind
    return "other"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def _served(site: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def first_load(site: Path, url: str) -> list[tuple[str, str, int, int]]:
    """(type, path, bytes, gzipped bytes) of every response of a page's first load on a phone."""
    from playwright.sync_api import sync_playwright

    found: list[tuple[str, str, int, int]] = []
    with _served(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox", "--disable-background-networking"]
        )
        try:
            context = browser.new_context(viewport=PHONE)
            page = context.new_page()
            responses: list[Any] = []
            page.on("response", lambda response: responses.append(response))
            page.goto(base + url)
            page.wait_for_load_state("networkidle")
            for response in responses:
                if response.status >= 300:
                    continue
                body = response.body()
                path = urlparse(response.url).path
                found.append(
                    (_type(response.url, response.request.resource_type), path, len(body), len(gzip.compress(body, 6)))
                )
        finally:
            browser.close()
    return found


def stock_project(project: Path, dest: Path) -> Path:
    """The kit's source-language pages as a plain Material site: one language, no kit."""
    kit = Project.at(project)
    config = kit.config
    theme = config.get("theme") or {}
    stock: dict[str, Any] = {
        "site_name": "Stock Material",
        "docs_dir": "docs",
        "theme": {
            "name": "material",
            "font": False,
            "features": theme.get("features", []),
            "palette": theme.get("palette"),
        },
        "plugins": ["search"],
        "nav": config.get("nav"),
        **{key: config[key] for key in STOCK_KEYS if key in config},
    }
    dest.mkdir(parents=True)
    shutil.copytree(kit.lang_dir(kit.source_language), dest / "docs")
    (dest / "mkdocs.yml").write_text(json.dumps(stock, indent=1), encoding="utf-8")  # JSON is YAML
    return dest


def _build_plain(project: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"bench: the stock Material build failed:\n{result.stdout}{result.stderr}")


def _totals(rows: list[tuple[str, str, int, int]]) -> dict[str, tuple[int, int]]:
    totals = {kind: (0, 0) for kind in TYPES}
    for kind, _, raw, gz in rows:
        totals[kind] = (totals[kind][0] + raw, totals[kind][1] + gz)
    return totals


def report_first_load(project: Path, stock_dir: Path) -> bool:
    """Print the first-load figures of the kit's module page and stock Material's; True if on target."""
    from .kit import Kit

    if not CHROMIUM.exists():
        print("first load: skipped (needs Debian's chromium at /usr/bin/chromium)")
        return True
    kit = Kit.at(project)
    cat = kit.catalogue
    url = cat.page_url(kit.source_language, cat.module_rel(kit.framework.skill_ids[0]))
    _build_plain(stock_project(project, stock_dir))
    mine, stock = first_load(project / "site", url), first_load(stock_dir / "site", url)
    ours, theirs = _totals(mine), _totals(stock)
    print(f"first load of a module page ({url}) on a 360 px screen, kB raw / gzipped:")
    print(f"  {'':8}{'kit':>17}{'stock Material':>19}{'kit adds':>15}")
    for kind in (*TYPES, "total"):
        a = ours[kind] if kind != "total" else tuple(sum(v[i] for v in ours.values()) for i in (0, 1))
        b = theirs[kind] if kind != "total" else tuple(sum(v[i] for v in theirs.values()) for i in (0, 1))
        if a == (0, 0) and b == (0, 0):
            continue
        print(
            f"  {kind:8}{a[0] / 1e3:8.1f} /{a[1] / 1e3:6.1f}{b[0] / 1e3:11.1f} /{b[1] / 1e3:6.1f}"
            f"{(a[0] - b[0]) / 1e3:8.1f} /{(a[1] - b[1]) / 1e3:5.1f}"
        )
    added = sum(v[1] for v in ours.values()) - sum(v[1] for v in theirs.values())
    fonts = ", ".join(Path(path).name for kind, path, *_ in mine if kind == "fonts") or "none"
    print(f"  requests: kit {len(mine)}, stock {len(stock)}; fonts: {fonts}")
    print(f"  the kit adds {added / 1e3:.1f} kB gzipped (target <= {FIRST_LOAD_TARGET / 1e3:.0f} kB)")
    print("search index each page loads, by language (bytes raw / gzipped):")
    merged = 0
    for lang in kit.languages:
        path = project / "site" / cat.page_url(lang, cat.layout.home_page) / "search" / "search_index.json"
        data = path.read_bytes()
        merged += len(json.dumps(json.loads(data)["docs"], ensure_ascii=False, separators=(",", ":")).encode())
        print(f"  {lang:3} {len(data):9,d} / {len(gzip.compress(data, 6)):7,d}")
    print(f"  (one index of every language, as every page loaded before: about {merged:,d} bytes)")
    return added <= FIRST_LOAD_TARGET


def main(args: argparse.Namespace) -> int:
    runs = max(1, args.runs)
    if getattr(args, "first_load", False):
        return _first_load_only(args)
    with tempfile.TemporaryDirectory(prefix="kit-bench-") as tmp:
        project = Path(tmp) / "project"
        project.mkdir()
        for name in COPIED:
            src = find_root() / name
            (shutil.copytree if src.is_dir() else shutil.copy2)(src, project / name)
        print(f"bench: {os.cpu_count()} cores, best of {runs} run(s) where repeated", flush=True)
        html, _ = _best(project, runs, pdf=False)
        print(f"  HTML-only build           {html:7.1f} s", flush=True)
        light = report_first_load(project, Path(tmp) / "stock")
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
        from . import pictures

        site = project / "site"
        page = site / kit.catalogue.page_url(kit.source_language, rel) / "index.html"
        in_page, in_css = pictures.added_weight(
            page.read_text(encoding="utf-8"), (site / "assets/stylesheets/kit.css").read_text(encoding="utf-8")
        )
        home_page, _ = pictures.added_weight((site / "index.html").read_text(encoding="utf-8"), "")
        urls_by_kind = {
            kind.id: [
                kit.catalogue.pdf_url(spec)
                for lang in kit.languages
                for spec in kit.documents(lang)
                if spec.kind == kind
            ]
            for kind in DOC_KINDS
        }
    print(
        f"pictures, gzipped: a module page +{in_page / 1e3:.1f} kB, kit.css +{in_css / 1e3:.1f} kB "
        f"(first load +{(in_page + in_css) / 1e3:.1f} kB, target <= 40 kB); the home page +{home_page / 1e3:.1f} kB"
    )
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
    ok = warm / html <= 1.15 and set(rendered) == expected and in_page + in_css <= 40_000 and light
    print(f"  expected to re-render: {', '.join(sorted(expected))}")
    print("targets: " + ("met" if ok else "MISSED"))
    return 0 if ok or not args.check else 1


def _first_load_only(args: argparse.Namespace) -> int:
    """`kit bench --first-load`: the HTML-only build and the first-load figures, no PDFs."""
    with tempfile.TemporaryDirectory(prefix="kit-bench-") as tmp:
        project = Path(tmp) / "project"
        project.mkdir()
        for name in COPIED:
            src = find_root() / name
            (shutil.copytree if src.is_dir() else shutil.copy2)(src, project / name)
        seconds, _ = _build(project, pdf=False)
        print(f"  HTML-only build           {seconds:7.1f} s", flush=True)
        ok = report_first_load(project, Path(tmp) / "stock")
    print("targets: " + ("met" if ok else "MISSED"))
    return 0 if ok or not args.check else 1
