"""Load entries from Markdown files: split the front matter, parse it with line numbers, type it.

Nothing here raises on bad input: every problem becomes a :class:`Diagnostic` with file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.frontmatter import SLUG_PATTERN, quick_check
from generator.model import Diagnostic, Entry, Slug, Source

FENCE = "---"

#: libyaml's parser when available (several times faster); it reports the same marks.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class LoadResult:
    entries: list[Entry]
    diagnostics: list[Diagnostic]


def field_name(loc: tuple) -> str:
    """``("relations", "part_of", 0)`` -> ``relations.part_of[0]``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "front matter"


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """Return ``(yaml_text, body, body_line)`` or None when the file has no front matter block.

    ``body_line`` is the 1-based line of the file where the body starts.
    """
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != FENCE:
        return None
    for i in range(1, len(lines)):
        if lines[i].rstrip() in (FENCE, "..."):
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1 :]), i + 2
    return None


def _node_lines(node: yaml.Node, path: tuple, out: dict, dups: list, offset: int,
                inside: set | None = None) -> None:
    """Record the file line of every key (mappings) and item (sequences) under ``node``.

    A collection that contains itself through an alias is not walked into again.
    """
    inside = set() if inside is None else inside
    if id(node) in inside:
        return
    if isinstance(node, yaml.MappingNode):
        inside.add(id(node))
        seen: set = set()
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.tag)
            line = key_node.start_mark.line + offset
            if key in seen:
                dups.append((path + (key,), line))
            seen.add(key)
            out[path + (key,)] = line
            _node_lines(value_node, path + (key,), out, dups, offset, inside)
        inside.discard(id(node))
    elif isinstance(node, yaml.SequenceNode):
        inside.add(id(node))
        for i, item in enumerate(node.value):
            out[path + (i,)] = item.start_mark.line + offset
            _node_lines(item, path + (i,), out, dups, offset, inside)
        inside.discard(id(node))


_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"


class _Unusual(Exception):
    """Front matter that :func:`_plain_value` leaves to PyYAML's constructor."""


def _plain_value(node: yaml.Node, loader, path: tuple, lines: dict, dups: list, seen: set):
    """The value of ``node`` and the line of every key and item under it, in one walk.

    For the front matter entries have (mappings with string keys, lists, scalars) this gives
    what ``loader.construct_document`` and :func:`_node_lines` give together, without the
    constructor's generic machinery. Anything else (merge keys, non-string keys, other tags,
    a collection reached twice through an alias) raises :class:`_Unusual`.
    """
    kind = node.id
    if kind == "scalar":
        return node.value if node.tag == _STR else loader.construct_object(node)
    if id(node) in seen:
        raise _Unusual
    seen.add(id(node))
    if kind == "sequence" and node.tag == _SEQ:
        items = []
        for i, item in enumerate(node.value):
            loc = path + (i,)
            lines[loc] = item.start_mark.line + 2
            items.append(_plain_value(item, loader, loc, lines, dups, seen))
        return items
    if kind == "mapping" and node.tag == _MAP:
        mapping: dict = {}
        for key_node, value_node in node.value:
            if key_node.id != "scalar" or key_node.tag != _STR:
                raise _Unusual
            key = key_node.value
            loc = path + (key,)
            line = key_node.start_mark.line + 2
            if key in mapping:
                dups.append((loc, line))
            lines[loc] = line
            mapping[key] = _plain_value(value_node, loader, loc, lines, dups, seen)
        return mapping
    raise _Unusual


def parse_entry(path: str, raw: bytes) -> tuple[Entry | None, list[Diagnostic]]:
    """Parse one entry file. Returns the entry (None if unusable) and every problem found."""
    diags: list[Diagnostic] = []

    def err(line: int, field: str, message: str) -> tuple[None, list[Diagnostic]]:
        diags.append(Diagnostic(path, line, field, message))
        return None, diags

    slug = Path(path).stem
    if not re.match(SLUG_PATTERN, slug):
        diags.append(Diagnostic(path, 1, "slug", (
            f"file name '{slug}' is not a valid slug; rename the file to lowercase letters, "
            "digits and single hyphens, e.g. 'streaming-multiprocessor.md'")))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return err(line, "file", "not valid UTF-8 text; save the file as UTF-8")
    if "\x00" in text:
        return err(text[: text.index("\x00")].count("\n") + 1, "file",
                   "contains NUL bytes: this is not a text file")
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    if not text.strip():
        return err(1, "file", "file is empty; start it with a front matter block (see CONTRIBUTING.md)")
    parts = split_front_matter(text)
    if parts is None:
        if text.startswith(FENCE):
            return err(1, "front matter", "front matter is not closed; add a line '---' after it")
        return err(1, "front matter", "missing front matter; the file must start with a line '---'")
    yaml_text, body, body_line = parts
    lines: dict[tuple, int] = {}  # 1-based file line of every key and item
    dups: list = []
    try:
        loader = _Loader(yaml_text)
        try:
            node = loader.get_single_node()
            try:
                if node is None or node.id != "mapping":
                    raise _Unusual
                data = _plain_value(node, loader, (), lines, dups, set())
            except _Unusual:
                lines.clear()
                dups.clear()
                data = loader.construct_document(node) if node is not None else None
                if isinstance(data, dict):
                    _node_lines(node, (), lines, dups, offset=2)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 2) if mark else 1
        problem = exc.problem or str(exc)
        return err(line, "front matter", f"invalid YAML: {problem}; check quoting and indentation")
    except yaml.YAMLError as exc:
        return err(1, "front matter", f"invalid YAML: {exc}")
    except (ValueError, TypeError, RecursionError) as exc:  # e.g. unhashable keys
        return err(1, "front matter", f"invalid YAML: {exc}")
    if not isinstance(data, dict):
        return err(1, "front matter", "front matter must be a mapping of keys to values")

    for loc, line in dups:
        diags.append(Diagnostic(path, line, field_name(loc), "key appears twice; keep one"))
    for key in data:
        if not isinstance(key, str):
            diags.append(Diagnostic(path, 1, "front matter", f"key {key!r} is not a string"))
    if any(not isinstance(k, str) for k in data):
        return None, diags

    fields = quick_check(data)
    if fields is None:  # not plainly valid: the pydantic model decides, and explains
        from pydantic import ValidationError

        from generator.schema import FrontMatter, fields_of, friendly_errors

        try:
            fields = fields_of(FrontMatter.model_validate(data))
        except ValidationError as exc:
            for loc, message in friendly_errors(exc):
                line = _line_for(lines, loc)
                diags.append(Diagnostic(path, line, field_name(loc), message))
            return None, diags
    if diags:
        return None, diags
    entry = Entry(
        slug=Slug(slug),
        path=path,
        title=fields["title"],
        category=fields["category"],
        vendor=fields["vendor"],
        summary=fields["summary"],
        abbreviations=tuple(fields["abbreviations"]),
        aliases=tuple(fields["aliases"]),
        relations={k: tuple(Slug(s) for s in v) for k, v in fields["relations"].items() if v},
        sources=tuple(Source(t, u) for t, u in fields["sources"]),
        redirect_from=tuple(fields["redirect_from"]),
        examples=tuple(fields["examples"]),
        diagrams=tuple(fields["diagrams"]),
        widgets=tuple(fields["widgets"]),
        body=body,
        body_line=body_line,
        lines=lines,
    )
    return entry, diags


def _line_for(lines: dict[tuple, int], loc: tuple) -> int:
    while loc:
        if loc in lines:
            return lines[loc]
        loc = loc[:-1]
    return 1


def entry_files(terms_dir: Path) -> list[Path]:
    """The entry files of a glossary: every ``*.md`` directly in ``terms_dir``, sorted."""
    return sorted(p for p in terms_dir.glob("*.md") if p.is_file())


class _DisplayDir:
    """:func:`~generator.model.display_path` for the files of one folder, resolving the folder
    (and the root) once rather than once per file."""

    def __init__(self, folder: Path, root: Path | None):
        self.root = root.resolve() if root is not None else None
        self.folder = folder.resolve() if root is not None else folder

    def path(self, file: Path) -> str:
        if self.root is None:
            return file.as_posix()
        resolved = file.resolve() if file.is_symlink() else self.folder / file.name
        try:
            return resolved.relative_to(self.root).as_posix()
        except ValueError:
            return file.as_posix()


def load_entries(terms_dir: Path, display_root: Path | None = None) -> LoadResult:
    """Load every entry under ``terms_dir``; paths in diagnostics are relative to ``display_root``."""
    entries: list[Entry] = []
    diags: list[Diagnostic] = []
    if not terms_dir.is_dir():
        return LoadResult([], [Diagnostic(str(terms_dir), 1, "glossary",
                                          "no such directory; expected a folder of entries")])
    shown_dir = _DisplayDir(terms_dir, display_root)
    for file in entry_files(terms_dir):
        shown = shown_dir.path(file)
        try:
            raw = file.read_bytes()
        except OSError as exc:
            diags.append(Diagnostic(shown, 1, "file", f"cannot be read: {exc.strerror}"))
            continue
        entry, problems = parse_entry(shown, raw)
        diags.extend(problems)
        if entry is not None:
            entries.append(entry)
    return LoadResult(entries, diags)
