"""One classic script from the tool's ES modules, for the offline copy of the site.

Browsers refuse ES modules from ``file://``, so the offline copy loads
``tool.bundle.js`` instead. :func:`bundle` reads the modules from the entry point
on, puts them in dependency order, and wraps each in its own function scope (so the
private names of two modules never clash); ``import`` lines become reads of the
modules already run, ``export`` keywords are dropped and each module returns what
it exported. It accepts only the simple module syntax the tool uses and refuses
anything else with the file and line, so a bundle never means something else than
the modules:

- ``import { a, b } from "./x.js";`` on one line, at the top level;
- ``export function|async function|const|let|class name`` at the start of a line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .errors import ContentError

TOOL_DIR = Path(__file__).parent / "theme" / "assets" / "javascripts" / "tool"
ENTRY = "app.js"
MAX_MODULES = 64
MAX_BYTES = 1_000_000

_IMPORT = re.compile(r'^import \{ ?([A-Za-z_$][\w$]*(?:, ?[A-Za-z_$][\w$]*)*),? ?\} from "\./([a-z][a-z0-9-]*\.js)";$')
_EXPORT = re.compile(r"^export (?:async )?(?:function\*? ?|const |let |class )([A-Za-z_$][\w$]*)")
_ANY_IMPORT = re.compile(r"^\s*import\b|\bimport\s*\(|\bimport\.meta\b")
_ANY_EXPORT = re.compile(r"^\s*export\b")


@dataclass(frozen=True)
class Module:
    name: str
    imports: tuple[tuple[str, tuple[str, ...]], ...]  # (module, names)
    exports: tuple[str, ...]
    body: str


def _var(name: str) -> str:
    return "__kit_" + re.sub(r"\W", "_", name)


def parse(path: Path) -> Module:
    """Read one module; refuse any import or export form the bundle cannot keep."""
    text = path.read_text(encoding="utf-8")
    imports: list[tuple[str, tuple[str, ...]]] = []
    exports: list[str] = []
    body: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        found = _IMPORT.match(line)
        if found:
            names = tuple(n.strip() for n in found[1].split(","))
            imports.append((found[2], names))
            body.append("")  # keep line numbers close to the source
            continue
        if _ANY_IMPORT.search(line):
            raise ContentError(
                path,
                "this import cannot be bundled",
                line=number,
                hint='write import { a, b } from "./x.js"; on one line',
            )
        exported = _EXPORT.match(line)
        if exported:
            if exported[1] in exports:
                raise ContentError(path, f"'{exported[1]}' is exported twice", line=number)
            exports.append(exported[1])
            body.append(line[len("export ") :])
            continue
        if _ANY_EXPORT.match(line):
            raise ContentError(
                path,
                "this export cannot be bundled",
                line=number,
                hint="write export function|const|class name at the start of the line",
            )
        body.append(line)
    return Module(path.name, tuple(imports), tuple(exports), "\n".join(body))


def order(directory: Path, entry: str = ENTRY) -> list[Module]:
    """The modules reachable from ``entry``, each after the modules it imports."""
    done: dict[str, Module] = {}
    visiting: list[str] = []

    def visit(name: str, importer: str | None) -> None:
        if name in done:
            return
        if name in visiting:
            raise ContentError(
                directory / name, "modules import each other in a circle: " + " -> ".join([*visiting, name])
            )
        path = directory / name
        if PurePosixPath(name).name != name or not path.is_file():
            raise ContentError(directory / (importer or name), f"the module '{name}' does not exist")
        if len(done) >= MAX_MODULES:
            raise ContentError(path, f"more than {MAX_MODULES} modules")
        visiting.append(name)
        module = parse(path)
        for dep, names in module.imports:
            visit(dep, name)
            missing = [n for n in names if n not in done[dep].exports]
            if missing:
                raise ContentError(path, f"'{missing[0]}' is not exported by {dep}")
        visiting.pop()
        done[name] = module

    visit(entry, None)
    return list(done.values())


def bundle(directory: Path = TOOL_DIR, entry: str = ENTRY) -> str:
    """The modules as one classic script (strict mode, one function scope per module)."""
    parts = [
        f"/* The kit's online tool in one script, made by janus_kit.tool_bundle from {entry} "
        "and the modules it imports. Do not edit. */",
        "(() => {",
        '"use strict";',
    ]
    for module in order(directory, entry):
        parts.append(f"// --- {module.name}")
        parts.append(f"const {_var(module.name)} = (() => {{")
        for dep, names in module.imports:
            parts.append(f"const {{ {', '.join(names)} }} = {_var(dep)};")
        parts.append(module.body)
        parts.append(f"return {{ {', '.join(module.exports)} }};")
        parts.append("})();")
    parts.append("})();")
    text = "\n".join(parts) + "\n"
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise ContentError(directory / entry, f"the bundle is larger than {MAX_BYTES} bytes")
    return text


def write(site_dir: Path, directory: Path = TOOL_DIR) -> Path:
    """Write ``assets/javascripts/tool.bundle.js`` into a built site."""
    target = site_dir / "assets" / "javascripts" / "tool.bundle.js"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(bundle(directory), encoding="utf-8")
    return target
