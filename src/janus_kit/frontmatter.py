"""Reading content files: text, front matter and YAML, with limits.

Every content file is read here, the way mkdocs reads it: UTF-8 with or without a
byte-order mark, universal newlines, and front matter found by mkdocs' own rules
(a YAML block between ``---`` lines, else MultiMarkdown ``key: value`` lines at the
top), so that no check sees a different page than the one mkdocs builds.

Errors name the file and the line inside the file (not inside the block), and
say what to write instead, because translators edit these blocks by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import ContentError

FENCE = "---"

# Limits on what one content file may ask of the build.
MAX_FILE_BYTES = 512_000  # a page, a strings.yml or the skill model
MAX_LINE = 20_000  # characters in one line of a page
MAX_YAML_DEPTH = 20  # nesting of a YAML block

# mkdocs.utils.meta's rules, kept identical (a test compares them with mkdocs').
YAML_RE = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)
META_RE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
META_MORE_RE = re.compile(r"^([ ]{4}|\t)(\s*)(?P<value>.*)")


def read_text(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> str:
    """A content file as text: UTF-8 (a BOM is dropped, as mkdocs does), "\\n" newlines."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ContentError(path, "the file is missing") from None
    if size > max_bytes:
        raise ContentError(
            path,
            f"the file is {size:,} bytes; a content file may have at most {max_bytes:,}",
            hint="split the page into several pages",
        )
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ContentError(
            path,
            f"the file is not UTF-8 text (the first wrong byte is on this line, 0x{data[exc.start]:02x})",
            line=line,
            hint="open it in your editor and save it with the encoding 'UTF-8' "
            "(in Notepad: File > Save as > Encoding: UTF-8)",
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


@dataclass
class Document:
    path: Path
    meta: dict[str, Any]
    body: str
    body_line: int  # 1-based line number of the first body line
    lines: Lines = field(default_factory=lambda: Lines(None, 1))

    def line(self, *keys: Any) -> int:
        """The file line of a front-matter value, e.g. doc.line("skills", 0, "id")."""
        return self.lines.of(*keys)


class Lines:
    """Find the file line of any value in a parsed YAML block by its key path."""

    def __init__(self, node: yaml.Node | None, first_line: int) -> None:
        self._node = node
        self._first = first_line

    def of(self, *keys: Any) -> int:
        node = self._node
        line = self._first
        for key in keys:
            if node is None:
                break
            line = self._first + node.start_mark.line
            child = None
            if isinstance(node, yaml.MappingNode):
                for key_node, value_node in node.value:
                    if key_node.value == str(key):
                        line = self._first + key_node.start_mark.line
                        child = value_node
                        break
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
                child = node.value[key]
                line = self._first + child.start_mark.line
            node = child
        return line


def _check_duplicates(node: yaml.Node | None, *, path: Path, first_line: int) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            if key_node.tag.endswith((":bool", ":null")):
                raise ContentError(
                    path,
                    f"the key '{key_node.value}' is read by YAML as a yes/no value, not as a name",
                    line=first_line + key_node.start_mark.line,
                    hint=f'put it in quotes ("{key_node.value}":) or choose another name',
                )
            if key_node.value in seen:
                raise ContentError(
                    path,
                    f"the key '{key_node.value}' appears twice",
                    line=first_line + key_node.start_mark.line,
                    hint="keep one of the two lines and delete the other",
                )
            seen.add(key_node.value)
            _check_duplicates(value_node, path=path, first_line=first_line)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _check_duplicates(item, path=path, first_line=first_line)


def _check_events(text: str, *, path: Path, first_line: int) -> None:
    """No anchors or aliases (an alias bomb multiplies a small file), no deep nesting."""
    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        line = first_line + (event.start_mark.line if event.start_mark else 0)
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise ContentError(
                path,
                "YAML anchors and aliases (& and *) are not allowed in content files",
                line=line,
                hint="write the text out in full; if it starts with & or *, put it in double quotes",
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                raise ContentError(
                    path,
                    f"the YAML is nested more than {MAX_YAML_DEPTH} levels deep",
                    line=line,
                    hint="check the indentation and the brackets",
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def load_yaml(text: str, *, path: Path, first_line: int = 1) -> tuple[Any, Lines]:
    """Parse YAML safely; return the data and a way to find the line of any value."""
    try:
        _check_events(text, path=path, first_line=first_line)
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        _check_duplicates(node, path=path, first_line=first_line)
        data = yaml.safe_load(text)
    except RecursionError:
        raise ContentError(path, "the YAML is nested too deeply", line=first_line) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = first_line + mark.line if mark is not None else first_line
        problem = getattr(exc, "problem", None) or str(exc)
        raise ContentError(
            path,
            f"the YAML block is not valid: {problem}",
            line=line,
            hint="check the indentation (spaces, not tabs) and put text that contains ': ' "
            "or starts with a quote or a dash between double quotes, "
            'e.g. title: "Grid: Teamwork"',
        ) from None
    return data, Lines(node, first_line)


class _KeyLines(Lines):
    """Lines of MultiMarkdown metadata keys (one key per line)."""

    def __init__(self, lines: dict[str, int]) -> None:
        super().__init__(None, 1)
        self._keys = lines

    def of(self, *keys: Any) -> int:
        return self._keys.get(str(keys[0]), 1) if keys else 1


def _multimarkdown(text: str, *, path: Path) -> Document:
    """mkdocs reads ``key: value`` lines at the very top of a page as metadata, too."""
    lines = text.split("\n")
    meta: dict[str, Any] = {}
    key_lines: dict[str, int] = {}
    key = None
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.strip() == "":
            index += 1
            break
        if m1 := META_RE.match(line):
            key = m1.group("key").lower().strip()
            value = m1.group("value").strip()
            meta[key] = f"{meta[key]} {value}" if key in meta else value
            key_lines.setdefault(key, index + 1)
        elif (m2 := META_MORE_RE.match(line)) and key:
            meta[key] += " " + m2.group("value").strip()
        else:
            break
        index += 1
    if not meta:
        return Document(path=path, meta={}, body=text, body_line=1)
    body = "\n".join(lines[index:])
    stripped = body.lstrip("\n")
    body_line = index + 1 + (len(body) - len(stripped))
    return Document(path=path, meta=meta, body=stripped, body_line=body_line, lines=_KeyLines(key_lines))


def split(text: str, *, path: Path) -> Document:
    """Split a Markdown file into front matter and body, by mkdocs' rules."""
    if text.startswith(FENCE) and not YAML_RE.match(text) and text.split("\n", 1)[0].rstrip(" \t") == FENCE:
        raise ContentError(
            path,
            "the front matter starts with '---' but never ends",
            line=1,
            hint="add a line with exactly '---' after the last 'key: value' line",
        )
    match = YAML_RE.match(text)
    if match is None:
        return _multimarkdown(text, path=path)
    meta, key_lines = load_yaml(match.group(1), path=path, first_line=2)
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise ContentError(
            path,
            "the front matter must be a list of 'key: value' lines",
            line=2,
            hint="write for example:\n---\nskill: teamwork\n---",
        )
    rest = text[match.end() :]
    body = rest.lstrip("\n")
    body_line = text[: match.end()].count("\n") + 1 + (len(rest) - len(body))
    return Document(path=path, meta=meta, body=body, body_line=body_line, lines=key_lines)


def read(path: Path) -> Document:
    return split(read_text(path), path=path)
