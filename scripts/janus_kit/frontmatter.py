"""Front matter: read the YAML block at the top of a Markdown file.

Errors name the file and the line inside the file (not inside the block), and
say what to write instead, because translators edit these blocks by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import ContentError

FENCE = "---"


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


def load_yaml(text: str, *, path: Path, first_line: int = 1) -> tuple[Any, Lines]:
    """Parse YAML safely; return the data and a way to find the line of any value."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        _check_duplicates(node, path=path, first_line=first_line)
        data = yaml.safe_load(text)
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


def split(text: str, *, path: Path) -> Document:
    """Split a Markdown file into front matter and body."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != FENCE:
        return Document(path=path, meta={}, body=text, body_line=1)
    for index in range(1, len(lines)):
        if lines[index].strip() == FENCE:
            block = "".join(lines[1:index])
            meta, key_lines = load_yaml(block, path=path, first_line=2)
            if meta is None:
                meta = {}
            if not isinstance(meta, dict):
                raise ContentError(
                    path,
                    "the front matter must be a list of 'key: value' lines",
                    line=2,
                    hint="write for example:\n---\nskill: teamwork\n---",
                )
            return Document(
                path=path,
                meta=meta,
                body="".join(lines[index + 1 :]),
                body_line=index + 2,
                lines=key_lines,
            )
    raise ContentError(
        path,
        "the front matter starts with '---' but never ends",
        line=1,
        hint="add a line with exactly '---' after the last 'key: value' line",
    )


def read(path: Path) -> Document:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ContentError(
            path,
            f"the file is not UTF-8 text (byte {exc.start})",
            hint="save the file as UTF-8 in your editor",
        ) from None
    return split(text, path=path)
