"""Commands of ``scripts/kit.py`` that run inside the project's .venv."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

from . import translation
from .errors import ContentError
from .kit import Kit
from .project import find_root


def root_of(args: argparse.Namespace) -> Path:
    return Path(args.root).resolve() if args.root else find_root()


def _mkdocs(root: Path, *args: str) -> int:
    return subprocess.run([sys.executable, "-m", "mkdocs", *args], cwd=root, check=False).returncode


def cmd_build(args: argparse.Namespace) -> int:
    if args.no_pdf:
        os.environ["KIT_PDF"] = "0"
    return _mkdocs(root_of(args), "build", "--strict", *(["--site-dir", args.site_dir] if args.site_dir else []))


def cmd_serve(args: argparse.Namespace) -> int:
    return _mkdocs(root_of(args), "serve", *(["--dev-addr", args.dev_addr] if args.dev_addr else []))


def cmd_test(args: argparse.Namespace) -> int:
    root = root_of(args)
    code = [p for p in ("src", "scripts", "tests") if (root / p).exists()]
    for step in (["ruff", "check", *code], ["ruff", "format", "--check", *code], ["mypy"]):
        print(f"kit test: {' '.join(step)}", flush=True)
        if subprocess.run([sys.executable, "-m", *step], cwd=root, check=False).returncode:
            return 1
    return subprocess.run([sys.executable, "-m", "pytest", *args.pytest_args], cwd=root, check=False).returncode


def cmd_check(args: argparse.Namespace) -> int:
    kit = Kit.at(root_of(args))
    try:
        kit.validate(rendered=True)
    except ContentError as error:
        print(f"error: {_rel_error(error, kit)}", file=sys.stderr)
        return 1
    print("content and translations: OK")
    return 0


def _rel_error(error: ContentError, kit: Kit) -> str:
    error.path = kit.project.rel(Path(error.path))
    return str(error)


def structure_problems(kit: Kit, langs: list[str] | None = None) -> list[str]:
    """Structure differences of every up-to-date translation against its source."""
    lines: list[str] = []
    source_dir = kit.project.lang_dir(kit.source_language)
    for lang in langs or list(kit.languages[1:]):
        for path in kit.pages(lang):
            rel = path.relative_to(kit.project.lang_dir(lang)).as_posix()
            source = source_dir / rel
            if not source.exists():
                continue
            state = translation.page_state(source, path, rel)
            if state.state == "outdated":
                continue  # reported as outdated; its structure may lag behind on purpose
            for problem in translation.compare_structure(source, path):
                lines.append(f"{kit.project.rel(path)}: {problem}")
    return lines


def cmd_status(args: argparse.Namespace) -> int:
    kit = Kit.at(root_of(args))
    report = translation.status(kit)
    langs = args.lang or list(kit.languages[1:])
    incomplete = []
    for lang in langs:
        pages = report[lang]
        counts = translation.counts(pages)
        total = len(pages)
        print(
            f"{lang}: {counts['translated']}/{total} translated, {counts['missing']} missing, "
            f"{counts['outdated']} outdated, {counts['unmarked']} unmarked"
        )
        for page in pages:
            if page.state == "translated":
                continue
            print(f"  {page.state:9} {page.display or f'content/{lang}/{page.rel}'}")
            if page.state == "outdated" and args.diff:
                print(_diff(kit, page.recorded or "", page.current), end="")
        if counts["translated"] != total:
            incomplete.append(lang)
    problems = structure_problems(kit, langs)
    for line in problems:
        print(f"structure: {line}")
    if args.check and (incomplete or problems):
        print(f"not complete: {', '.join(incomplete) or 'structure problems'}", file=sys.stderr)
        return 1
    return 0


def _diff(kit: Kit, old: str, new: str) -> str:
    if shutil.which("git") is None:
        return "    (git is needed to show the diff)\n"
    result = subprocess.run(
        ["git", "diff", "--no-color", old, new],
        cwd=kit.project.root,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        return (
            f"    (git does not know the version {old[:10]}: commit the English page before "
            "starting a translation of it)\n"
        )
    return "".join(f"    {line}\n" for line in result.stdout.splitlines())


def cmd_translate(args: argparse.Namespace) -> int:
    kit = Kit.at(root_of(args))
    if args.lang not in kit.languages[1:]:
        print(f"error: '{args.lang}' is not a translation language ({', '.join(kit.languages[1:])})")
        return 2
    source_dir = kit.project.lang_dir(kit.source_language)
    for name in args.pages:
        if name == translation.LOCALE and translation.tracks_locales(kit):
            from .strings import LOCALE_SOURCE

            target, source = translation.locale_path(args.lang), translation.locale_path(LOCALE_SOURCE)
            if args.action == "start" and not target.exists():
                target.write_text("", encoding="utf-8")
            translation.set_marker(target, translation.file_hash(source))
            print(f"{args.action}: {kit.project.rel(target)} (translates {translation.file_hash(source)[:10]})")
            continue
        rel = Path(name.removeprefix(f"content/{kit.source_language}/"))
        source = source_dir / rel
        if not source.exists():
            print(f"error: {kit.project.rel(source)} does not exist")
            return 2
        target = kit.project.lang_dir(args.lang) / rel
        if args.action == "start":
            if target.exists():
                print(f"error: {kit.project.rel(target)} exists already; use 'refresh' after updating it")
                return 2
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        elif not target.exists():
            print(f"error: {kit.project.rel(target)} does not exist; use 'start' first")
            return 2
        translation.set_marker(target, translation.file_hash(source))
        print(f"{args.action}: {kit.project.rel(target)} (translates {translation.file_hash(source)[:10]})")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from .scaffolding import ScaffoldError, new_kit

    target = Path(args.dir).resolve()
    try:
        files = new_kit(target, name=args.name)
    except ScaffoldError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"new kit: {len(files)} files in {target}")
    print("next:")
    print(f"  cd {args.dir}")
    print("  mkdocs serve          # preview it at http://127.0.0.1:8000/ while you edit")
    print("  mkdocs build          # the site and its PDFs, in site/")
    print("then edit content/framework.yml (your skills), the pages in content/en/ and content/en/strings.yml")
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    from .project import Project
    from .publish import PublishError, built_address, publish

    root = root_of(args)
    project = Project.at(root)
    site_dir = Path(args.site_dir).resolve() if args.site_dir else root / "site"
    try:
        count = publish(project, site_dir, Path(args.target).resolve())
    except PublishError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    address = built_address(site_dir) or project.site_url
    print(f"published {count} files from {site_dir} to {args.target} (for {address})")
    return 0


def cmd_keys(args: argparse.Namespace) -> int:
    """An RSA key pair for a training centre: the public half where the build publishes
    it, the private half where the trainer keeps it (never inside the project)."""
    from .keys import KeyError_, make_keys

    root = root_of(args)
    try:
        made = make_keys(
            root,
            centre=args.centre,
            public=Path(args.public) if args.public else None,
            private=Path(args.private) if args.private else None,
        )
    except KeyError_ as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"public key  (goes on the site):      {made.public}")
    print(f"private key (stays with the trainer): {made.private}")
    print()
    print("1. Publish the public key: add these lines under `- janus-kit:` in mkdocs.yml, then build:")
    print("       issuer:")
    print(f'         name: "{made.centre}"')
    print("         url: https://<your centre's website>/")
    print(f"         public_key: {made.public_rel}")
    print("   The public key may be committed and published: it only checks signatures.")
    print("2. Give the private key to the trainer who signs the badges, on a USB stick or in person.")
    print("   In the tool, the trainer opens this file when making badges; the browser uses it")
    print("   in memory and never saves or sends it.")
    print("   NEVER commit, e-mail or publish the private key, and never put it in the project folder.")
    print("   Keep a copy in a safe place: without it, no new badge can be signed with this key.")
    print(f"   Key id (thumbprint): {made.thumbprint}")
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from . import bench

    return bench.main(args)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="kit", description="JANUS+ Soft Skills Kit")
    top.add_argument("--root", default=None, help="the kit's folder (default: the nearest folder with a mkdocs.yml)")
    sub = top.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="build the site and the PDFs")
    build.add_argument("--no-pdf", action="store_true", help="skip the PDFs (same as KIT_PDF=0)")
    build.add_argument("--site-dir", default=None)
    build.set_defaults(func=cmd_build)
    serve = sub.add_parser("serve", help="preview while you write (PDFs off)")
    serve.add_argument("--dev-addr", default=None)
    serve.set_defaults(func=cmd_serve)
    test = sub.add_parser("test", help="run ruff and the test suite")
    test.add_argument("pytest_args", nargs=argparse.REMAINDER)
    test.set_defaults(func=cmd_test)
    check = sub.add_parser("check", help="validate content and translation structure")
    check.set_defaults(func=cmd_check)
    status = sub.add_parser("status", help="translation status per language")
    status.add_argument("--lang", action="append", help="only this language (repeatable)")
    status.add_argument("--check", action="store_true", help="exit 1 if a language is not complete")
    status.add_argument("--diff", action="store_true", help="show the English changes of outdated pages")
    status.set_defaults(func=cmd_status)
    tr = sub.add_parser("translate", help="start a translation or refresh its marker")
    tr.add_argument("action", choices=["start", "refresh"])
    tr.add_argument("lang")
    tr.add_argument("pages", nargs="+", help="English page(s), e.g. social-civic/teamwork.md")
    tr.set_defaults(func=cmd_translate)
    new = sub.add_parser("new", help="make a new kit in a folder (it builds at once)")
    new.add_argument("dir")
    new.add_argument("--name", default="My soft-skills kit", help="the kit's name, shown on every page")
    new.set_defaults(func=cmd_new)
    pub = sub.add_parser("publish", help="copy the built site into a static host's folder")
    pub.add_argument("target", help="the folder the host serves (its .git and CNAME are kept)")
    pub.add_argument("--site-dir", default=None, help="the built site (default: site/)")
    pub.set_defaults(func=cmd_publish)
    keys = sub.add_parser("keys", help="make a key pair for a training centre that signs Open Badges")
    keys.add_argument("--centre", required=True, help="the centre's name, as it appears in the badges")
    keys.add_argument(
        "--public", default=None, help="where to write the public key (default: issuer/<centre>-public.jwk.json)"
    )
    keys.add_argument("--private", default=None, help="where to write the private key (default: ~/janus-kit-keys/)")
    keys.set_defaults(func=cmd_keys)
    bench = sub.add_parser("bench", help="time the build and print ratios")
    bench.add_argument("--runs", type=int, default=1, help="repeat the HTML-only and warm builds")
    bench.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    bench.add_argument("--first-load", action="store_true", help="only the first load of a module page (no PDFs)")
    bench.set_defaults(func=cmd_bench)
    return top


def main(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    return int(args.func(args))


def run() -> None:
    """The ``kit`` console script."""
    sys.exit(main(sys.argv[1:]))
