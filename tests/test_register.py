"""The register rule (CONTRIBUTING.md#register): each language addresses the apprentice, the
tutor and the trainer the same way on every page, in the interface strings, the tool and the
PDFs (which are made from those same pages and strings).

``tests/register/<lang>.yml`` lists, per group of pages, the forms of address that must not
appear there. Words inside quotation marks (a scene's dialogue), code and HTML comments are
not checked: a tutor in a scene may well say "du" to an apprentice.
"""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path

import pytest
import yaml

from helpers import LANGS, ROOT

RULES = Path(__file__).parent / "register"
# the quotation marks of the six languages (as escapes): German low-high, English curly,
# French and Spanish guillemets, German single
_TYPOGRAPHIC = (
    r"\u201e[^\u201c\u201d]*[\u201c\u201d]|\u201c[^\u201d]*\u201d"
    r"|\u00ab[^\u00bb]*\u00bb|\u201a[^\u2018\u2019]*[\u2018\u2019]"
)
QUOTED = re.compile(_TYPOGRAPHIC + r'|"[^"\n]*"|`[^`\n]*`|<!--.*?-->', re.S)
QUOTED_IN_YAML = re.compile(_TYPOGRAPHIC)


def _markdown_lines(path: Path) -> list[tuple[int, str]]:
    text = path.read_text(encoding="utf-8")
    # blank the quoted spans but keep the line breaks, so that line numbers stay right
    text = QUOTED.sub(lambda m: re.sub(r"[^\n]", " ", m[0]), text)
    in_fence = False
    lines = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        if not in_fence and not line.startswith("source_hash:"):
            lines.append((number, line))
    return lines


def _yaml_values(path: Path) -> list[tuple[int, str]]:
    """Every string value of a strings file, with its line."""
    found: list[tuple[int, str]] = []

    def walk(node: yaml.Node) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value != "source_hash":
                    walk(value)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                walk(item)
        elif isinstance(node, yaml.ScalarNode):
            found.append((node.start_mark.line + 1, QUOTED_IN_YAML.sub(" ", str(node.value))))

    root = yaml.compose(path.read_text(encoding="utf-8"))
    if root is not None:
        walk(root)
    return found


def _rules(lang: str) -> list[dict[str, object]]:
    data = yaml.safe_load((RULES / f"{lang}.yml").read_text(encoding="utf-8"))
    assert isinstance(data, list) and data, f"tests/register/{lang}.yml: a list of rules"
    return data


def _files(lang: str, rule: dict[str, object]) -> list[tuple[Path, list[tuple[int, str]]]]:
    folder = ROOT / "content" / lang
    out = []
    for path in sorted(folder.rglob("*.md")):
        rel = path.relative_to(folder).as_posix()
        if any(
            fnmatch.fnmatch(rel, pattern) or (pattern.startswith("**/") and fnmatch.fnmatch(rel, pattern[3:]))
            for pattern in rule["pages"]
        ):  # type: ignore[attr-defined]
            out.append((path, _markdown_lines(path)))
    if rule.get("strings"):
        for path in (folder / "strings.yml", ROOT / "src" / "janus_kit" / "locales" / f"{lang}.yml"):
            out.append((path, _yaml_values(path)))
    return out


TRANSLATIONS = [lang for lang in LANGS[1:] if (RULES / f"{lang}.yml").exists()]


def test_every_translation_has_a_register_rule() -> None:
    assert set(TRANSLATIONS) == set(LANGS[1:]), "tests/register/<lang>.yml for every translation"


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_register_rule(lang: str) -> None:
    problems = []
    for rule in _rules(lang):
        patterns = [re.compile(p) for p in rule["forbidden"]]  # type: ignore[attr-defined]
        for path, lines in _files(lang, rule):
            for number, text in lines:
                for pattern in patterns:
                    match = pattern.search(text)
                    if match:
                        rel = path.relative_to(ROOT).as_posix()
                        hint = f"write {rule['write_instead']}"
                        problems.append(f"{rel}:{number}: '{match[0]}' - {hint}: {text.strip()[:100]}")
    assert not problems, f"{len(problems)} forms of address against the register rule:\n" + "\n".join(problems[:60])


def test_the_check_finds_a_wrong_form_and_ignores_a_quoted_one(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    text = "# Titel\n\nSie speichern die Datei.\n\nDann sagt er: \u201eKannst du mir helfen?\u201c\n\nDu klickst.\n"
    page.write_text(text, encoding="utf-8")
    pattern = re.compile(r"\b[Dd]u\b")
    hits = [n for n, line in _markdown_lines(page) if pattern.search(line)]
    assert hits == [7]


def test_romanian_has_its_comma_below_letters_never_the_cedilla_ones() -> None:
    """ș and ț (U+0219, U+021B), never ş and ţ (U+015F, U+0163), in every Romanian file."""
    strings = [ROOT / "content" / "ro" / "strings.yml", ROOT / "src" / "janus_kit" / "locales" / "ro.yml"]
    files = [*sorted((ROOT / "content" / "ro").rglob("*.md")), *strings]
    wrong = []
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search("[\u015e\u015f\u0162\u0163]", line):
                wrong.append(f"{path.relative_to(ROOT)}:{number}: write ș ț (comma below)")
    assert len(files) > 40 and not wrong, wrong[:20]
