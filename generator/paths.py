"""Guided learning paths: ordered routes through the glossary, defined in learning-paths.yml."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path

import yaml

from generator.entries import _node_lines
from generator.model import Diagnostic, Entry, Slug


@dataclass(frozen=True)
class LearningPath:
    id: str
    title: str
    summary: str
    steps: tuple[Slug, ...]


def load_paths(path: Path, entries: list[Entry], shown: str | None = None
               ) -> tuple[list[LearningPath], list[Diagnostic]]:
    """Read and check the paths file; every step must be an existing entry."""
    shown = shown or path.as_posix()
    if not path.is_file():
        return [], []
    diags: list[Diagnostic] = []
    try:
        text = path.read_text("utf-8")
        loader = yaml.SafeLoader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except (OSError, UnicodeDecodeError) as exc:
        return [], [Diagnostic(shown, 1, "file", f"cannot be read: {exc}")]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return [], [Diagnostic(shown, (mark.line + 1) if mark else 1, "yaml", f"invalid YAML: {exc}")]
    if not isinstance(data, list):
        return [], [Diagnostic(shown, 1, "paths", "expected a list of paths")]
    lines: dict = {}
    _node_lines(node, (), lines, [], offset=1)
    slugs = {e.slug for e in entries}
    out: list[LearningPath] = []
    seen_ids: set[str] = set()
    for i, item in enumerate(data):
        line = lines.get((i,), 1)
        if not isinstance(item, dict) or set(item) != {"id", "title", "summary", "steps"}:
            diags.append(Diagnostic(shown, line, f"[{i}]",
                                    "each path needs exactly: id, title, summary, steps"))
            continue
        if item["id"] in seen_ids:
            diags.append(Diagnostic(shown, lines.get((i, "id"), line), f"[{i}].id",
                                    f"duplicate path id {item['id']!r}"))
        seen_ids.add(item["id"])
        steps = item["steps"] if isinstance(item["steps"], list) else []
        if len(steps) < 2:
            diags.append(Diagnostic(shown, lines.get((i, "steps"), line), f"[{i}].steps",
                                    "a path needs at least two steps"))
        for j, step in enumerate(steps):
            if step not in slugs:
                diags.append(Diagnostic(shown, lines.get((i, "steps", j), line), f"[{i}].steps[{j}]",
                                        f"no entry {step!r} exists"))
        out.append(LearningPath(str(item["id"]), str(item["title"]), str(item["summary"]),
                                tuple(Slug(s) for s in steps)))
    return out, diags


def render_paths_page(paths: list[LearningPath], entries: dict[Slug, Entry]) -> str:
    """The Markdown of the guided-paths page."""
    out = ["# Learning paths", "",
           "Ordered routes through the glossary. Each step builds on the ones before it; every "
           "entry also shows its own *Read first* chain, computed from the concept graph.", ""]
    for p in paths:
        out += [f"## {p.title} {{ #{p.id} }}", "", p.summary, ""]
        for n, slug in enumerate(p.steps, start=1):
            e = entries[slug]
            out.append(f"{n}. [{e.title}](terms/{slug}.md): {escape(e.summary)}")
        out.append("")
    return "\n".join(out)
