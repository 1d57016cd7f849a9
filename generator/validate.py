"""Checks that need the whole glossary: names, relations, cycles, body links, HTML safety.

Each check is a pure function from entries to diagnostics; :func:`validate_entries` runs them all.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable
from urllib.parse import unquote, urlsplit

from generator.mdscan import Scan, scan
from generator.model import RELATION_TYPES, Diagnostic, Entry, Slug, display_path
from generator.pages import GENERATED_HEADING_IDS

if TYPE_CHECKING:
    import networkx as nx

UNSAFE_TAGS = {"script", "iframe", "style", "object", "embed", "frame", "frameset", "base",
               "meta", "link", "form", "applet"}
TAG_NAME = re.compile(r"^</?\s*([A-Za-z][A-Za-z0-9-]*)")
EVENT_ATTR = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
JS_URL = re.compile(r"^\s*(?:javascript|vbscript|data:text/html)\s*:?", re.IGNORECASE)
ATTR_URL = re.compile(r"\b(?:href|src|action|formaction|xlink:href)\s*=\s*[\"']?\s*([^\"'\s>]+)",
                      re.IGNORECASE)


def validate_entries(entries: list[Entry], *, scans: dict[Slug, Scan] | None = None,
                     diagrams_dir: Path | None = None, examples_dir: Path | None = None,
                     ) -> list[Diagnostic]:
    """Run every cross-entry check and return all diagnostics, sorted by file and line."""
    scans = scans if scans is not None else {e.slug: scan(e.body) for e in entries}
    by_slug = {e.slug: e for e in entries}
    diags: list[Diagnostic] = []
    diags += check_names(entries)
    diags += check_relations(entries, by_slug)
    diags += check_part_of_cycles(entries, by_slug)
    diags += check_prerequisite_cycles(entries, by_slug)
    diags += check_redirects(entries, by_slug)
    diags += check_body(entries, by_slug, scans)
    diags += check_assets(entries, diagrams_dir, examples_dir)
    diags += check_placeholders(entries)
    return sorted(set(diags))


def _norm(name: str) -> str:
    return " ".join(name.casefold().split())


def check_names(entries: Iterable[Entry]) -> list[Diagnostic]:
    """Titles are unique; no abbreviation or alias is claimed by two entries (or is another's title)."""
    diags: list[Diagnostic] = []
    owner: dict[str, tuple[Entry, str]] = {}
    for e in sorted(entries, key=lambda e: e.path):
        names = [("title", e.title, e.line_of("title"))]
        names += [(f"abbreviations[{i}]", a, e.line_of("abbreviations", i))
                  for i, a in enumerate(e.abbreviations)]
        names += [(f"aliases[{i}]", a, e.line_of("aliases", i)) for i, a in enumerate(e.aliases)]
        mine: set[str] = set()
        for field, name, line in names:
            key = _norm(name)
            if key in mine:
                if field != "title":
                    diags.append(Diagnostic(e.path, line, field,
                                            f"'{name}' is listed twice in this entry; remove one"))
                continue
            mine.add(key)
            if key in owner:
                other, other_field = owner[key]
                what = "title" if field == "title" and other_field == "title" else "name"
                diags.append(Diagnostic(e.path, line, field, (
                    f"duplicate {what} '{name}': already the {other_field} of {other.path}; "
                    "each title, abbreviation and alias must belong to one entry")))
            else:
                kind = {"abbreviations": "abbreviation", "aliases": "alias"}.get(field.split("[")[0], "title")
                owner[key] = (e, kind)
    return diags


def check_relations(entries: Iterable[Entry], by_slug: dict[Slug, Entry]) -> list[Diagnostic]:
    """Relation targets exist, are not the entry itself, and equivalents cross vendors."""
    diags: list[Diagnostic] = []
    slugs = list(by_slug)
    for e in entries:
        for rel, targets in e.relations.items():
            seen: set[Slug] = set()
            for i, target in enumerate(targets):
                line, field = e.line_of("relations", rel, i), f"relations.{rel}[{i}]"
                if target in seen:
                    diags.append(Diagnostic(e.path, line, field, f"'{target}' is listed twice"))
                    continue
                seen.add(target)
                if target == e.slug:
                    diags.append(Diagnostic(e.path, line, field,
                                            "an entry cannot be related to itself; remove it"))
                elif target not in by_slug:
                    close = difflib.get_close_matches(target, slugs, n=1, cutoff=0.8)
                    hint = (f"did you mean '{close[0]}'?" if close else
                            f"create glossary/terms/{target}.md or remove the relation")
                    diags.append(Diagnostic(e.path, line, field,
                                            f"no entry '{target}' exists; {hint}"))
                elif rel == "equivalent":
                    other = by_slug[target]
                    if other.vendor == e.vendor:
                        diags.append(Diagnostic(e.path, line, field, (
                            f"'{target}' has the same vendor ({e.vendor}); 'equivalent' is for "
                            "the same concept on another vendor, use see_also instead")))
    return diags


def _part_of_edges(entries: Iterable[Entry], by_slug: dict[Slug, Entry]):
    """``(child, parent, (declaring slug, relation))`` for every part_of (and inverted has_part)."""
    for e in entries:
        for parent in e.relations.get("part_of", ()):
            if parent in by_slug and parent != e.slug:
                yield e.slug, parent, (e.slug, "part_of")
        for child in e.relations.get("has_part", ()):
            if child in by_slug and child != e.slug:
                yield child, e.slug, (e.slug, "has_part")


def part_of_graph(entries: Iterable[Entry], by_slug: dict[Slug, Entry]) -> nx.DiGraph:
    """Directed graph with an edge child -> parent for every part_of (and inverted has_part)."""
    import networkx as nx

    g = nx.DiGraph()
    for child, parent, source in _part_of_edges(entries, by_slug):
        g.add_edge(child, parent, source=source)
    return g


def has_cycle(edges: Iterable[tuple]) -> bool:
    """Whether the directed graph made of ``edges`` (``(u, v, ...)``) has a cycle (linear time).

    The checks below only build a networkx graph to name a cycle once there is one: a valid
    glossary never imports networkx.
    """
    succ: dict = {}
    indegree: dict = {}
    for u, v, *_ in edges:
        succ.setdefault(u, []).append(v)
        indegree[v] = indegree.get(v, 0) + 1
        indegree.setdefault(u, 0)
    ready = [n for n, d in indegree.items() if d == 0]
    placed = 0
    while ready:
        n = ready.pop()
        placed += 1
        for v in succ.get(n, ()):
            indegree[v] -= 1
            if indegree[v] == 0:
                ready.append(v)
    return placed < len(indegree)


def _cycles(g: nx.DiGraph):
    """Yield ``(cycle_edges, "a -> b -> a")`` for one cycle in each cyclic component of ``g``."""
    import networkx as nx

    for component in nx.strongly_connected_components(g):
        if len(component) > 1:
            cycle = nx.find_cycle(g.subgraph(component))
            yield cycle, " -> ".join([u for u, _ in cycle] + [cycle[0][0]])


def _relation_diag(e: Entry, rel: str, target: Slug, message: str) -> Diagnostic:
    i = e.relations[rel].index(target)
    return Diagnostic(e.path, e.line_of("relations", rel, i), f"relations.{rel}[{i}]", message)


def check_part_of_cycles(entries: Iterable[Entry], by_slug: dict[Slug, Entry]) -> list[Diagnostic]:
    """No entry may (transitively) be part of itself."""
    if not has_cycle(_part_of_edges(entries, by_slug)):
        return []
    g = part_of_graph(entries, by_slug)
    diags: list[Diagnostic] = []
    for cycle, names in _cycles(g):
        for u, v in cycle:
            slug, rel = g.edges[u, v]["source"]
            diags.append(_relation_diag(by_slug[slug], rel, v if rel == "part_of" else u,
                                        f"part_of cycle: {names}; a thing cannot contain itself"))
    return diags


def check_prerequisite_cycles(entries: Iterable[Entry], by_slug: dict[Slug, Entry]) -> list[Diagnostic]:
    """Prerequisites must form a DAG, or no reading order exists."""
    edges = [(e.slug, t) for e in entries for t in e.relations.get("prerequisite", ())
             if t in by_slug and t != e.slug]
    if not has_cycle(edges):
        return []
    import networkx as nx

    g = nx.DiGraph(edges)
    return [_relation_diag(by_slug[u], "prerequisite", v,
                           f"prerequisite cycle: {names}; one of these must not come first")
            for cycle, names in _cycles(g) for u, v in cycle]


def check_redirects(entries: Iterable[Entry], by_slug: dict[Slug, Entry]) -> list[Diagnostic]:
    """Old slugs in redirect_from must not be live entries nor claimed twice."""
    diags: list[Diagnostic] = []
    claimed: dict[str, Entry] = {}
    for e in sorted(entries, key=lambda e: e.path):
        for i, old in enumerate(e.redirect_from):
            line, field = e.line_of("redirect_from", i), f"redirect_from[{i}]"
            if old in by_slug:
                diags.append(Diagnostic(e.path, line, field, (
                    f"'{old}' is a live entry ({by_slug[old].path}); a redirect may only name "
                    "a slug that no longer exists")))
            elif old in claimed:
                diags.append(Diagnostic(e.path, line, field,
                                        f"'{old}' already redirects to {claimed[old].path}"))
            else:
                claimed[old] = e
    return diags


@lru_cache(maxsize=8192)
def resolve_entry_link(url: str) -> tuple[Slug | None, str | None, bool]:
    """Resolve a body link written in ``terms/<slug>.md``.

    Returns ``(slug, anchor, is_internal)``: slug is None for same-page anchors; internal is False
    for external URLs and for links to files that are not entries.
    """
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None, None, False
    anchor = unquote(parts.fragment) or None
    if not parts.path:
        return None, anchor, True
    path = posixpath.normpath(posixpath.join("terms", unquote(parts.path)))
    if path.startswith("terms/") and path.endswith(".md") and path.count("/") == 1:
        return Slug(path[len("terms/"):-3]), anchor, True
    return None, None, False


def check_body(entries: Iterable[Entry], by_slug: dict[Slug, Entry],
               scans: dict[Slug, Scan]) -> list[Diagnostic]:
    """Body links point to existing entries and anchors; no unsafe raw HTML."""
    diags: list[Diagnostic] = []
    anchors = {s: {h.id for h in sc.headings} | GENERATED_HEADING_IDS for s, sc in scans.items()}
    for e in entries:
        sc = scans[e.slug]
        for link in sc.links:
            line = e.body_line + link.line
            if JS_URL.match(link.url):
                diags.append(Diagnostic(e.path, line, "body",
                                        f"unsafe link URL '{link.url[:40]}'; remove it"))
                continue
            slug, anchor, internal = resolve_entry_link(link.url)
            if not internal:
                continue
            target = slug or e.slug
            if slug is not None and slug not in by_slug:
                close = difflib.get_close_matches(slug, list(by_slug), n=1, cutoff=0.8)
                hint = f"did you mean '{close[0]}.md'?" if close else "fix or remove the link"
                diags.append(Diagnostic(e.path, line, "body",
                                        f"link to missing entry '{link.url}'; {hint}"))
            elif anchor is not None and anchor not in anchors.get(target, set()):
                own = sorted(h.id for h in scans[target].headings)
                close = difflib.get_close_matches(anchor, own, n=1)
                hint = f"did you mean '#{close[0]}'?" if close else \
                    "headings there: " + (", ".join("#" + k for k in own) or "none")
                diags.append(Diagnostic(e.path, line, "body",
                                        f"link to missing anchor '{link.url}'; {hint}"))
        for tag in sc.html:
            line = e.body_line + tag.line
            m = TAG_NAME.match(tag.source)
            name = m.group(1).lower() if m else ""
            if name in UNSAFE_TAGS:
                diags.append(Diagnostic(e.path, line, "body", (
                    f"unsafe HTML <{name}> is not allowed in entries; use Markdown, an "
                    "example or a diagram instead")))
            elif EVENT_ATTR.search(tag.source):
                diags.append(Diagnostic(e.path, line, "body", (
                    f"unsafe HTML: event-handler attribute in <{name}>; remove the on...= "
                    "attribute")))
            else:
                for url in ATTR_URL.findall(tag.source):
                    if JS_URL.match(url):
                        diags.append(Diagnostic(e.path, line, "body",
                                                f"unsafe URL in <{name}>: '{url[:40]}'; remove it"))
    return diags


def check_assets(entries: Iterable[Entry], diagrams_dir: Path | None,
                 examples_dir: Path | None) -> list[Diagnostic]:
    """Diagrams and examples named in front matter exist."""
    diags: list[Diagnostic] = []
    for e in entries:
        if diagrams_dir is not None:
            for i, name in enumerate(e.diagrams):
                if not (diagrams_dir / f"{name}.svg").is_file():
                    diags.append(Diagnostic(e.path, e.line_of("diagrams", i), f"diagrams[{i}]", (
                        f"no diagram '{name}': expected diagrams/{name}.svg")))
        if examples_dir is not None:
            for i, name in enumerate(e.examples):
                if not (examples_dir / name).is_dir():
                    diags.append(Diagnostic(e.path, e.line_of("examples", i), f"examples[{i}]", (
                        f"no example '{name}': expected a folder examples/{name}/")))
    return diags


PLACEHOLDER = re.compile(r"^\s*TODO\b|example\.org/TODO")


def check_placeholders(entries: Iterable[Entry]) -> list[Diagnostic]:
    """The scaffold's TODO placeholders (``gpu-glossary new``) must all be replaced."""
    diags: list[Diagnostic] = []
    for e in entries:
        if PLACEHOLDER.search(e.summary):
            diags.append(Diagnostic(e.path, e.line_of("summary"), "summary",
                                    "still the scaffold's TODO; write the one-sentence summary"))
        for i, src in enumerate(e.sources):
            if PLACEHOLDER.search(src.url) or PLACEHOLDER.search(src.title):
                diags.append(Diagnostic(e.path, e.line_of("sources", i), f"sources[{i}]",
                                        "still the scaffold's TODO; cite a real primary source"))
        if "TODO" not in e.body:  # (every placeholder says TODO)
            continue
        for n, line in enumerate(e.body.split("\n")):
            if PLACEHOLDER.match(line):
                diags.append(Diagnostic(e.path, e.body_line + n, "body",
                                        "still the scaffold's TODO; replace it with your text"))
    return diags


SVG_NS = "{http://www.w3.org/2000/svg}"
SVG_FORBIDDEN = [
    (re.compile(r"<\s*(script|foreignObject|iframe)\b", re.IGNORECASE), "no <{0}> in diagrams"),
    (re.compile(r"\son[a-z]+\s*=", re.IGNORECASE), "no event-handler attributes in diagrams"),
    (re.compile(r"(?:href|src)\s*=\s*[\"']\s*(?:https?:|//|javascript:)", re.IGNORECASE),
     "diagrams must not load or link anything external"),
    (re.compile(r"url\(\s*[\"']?\s*(?:https?:|//)|@import", re.IGNORECASE),
     "diagrams must not load anything external (url()/@import)"),
    (re.compile(r"<\s*image\b", re.IGNORECASE), "no embedded raster <image>; draw it as vectors"),
]


def check_diagram_files(diagrams_dir: Path | None, entries: Iterable[Entry],
                        display_root: Path | None = None) -> list[Diagnostic]:
    """Every SVG in ``diagrams/`` is well-formed, accessible, self-contained and used."""
    import xml.etree.ElementTree as ET

    if diagrams_dir is None or not diagrams_dir.is_dir():
        return []
    used = {d for e in entries for d in e.diagrams}
    diags: list[Diagnostic] = []
    for svg in sorted(diagrams_dir.glob("*.svg")):
        shown = display_path(svg, display_root)
        try:
            text = svg.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            diags.append(Diagnostic(shown, 1, "svg", f"cannot be read as UTF-8 text: {exc}"))
            continue
        try:
            root = ET.fromstring(text)
        except ET.ParseError as exc:
            line = exc.position[0] if exc.position else 1
            diags.append(Diagnostic(shown, line, "svg", f"not well-formed XML: {exc.msg}"))
            continue
        if root.tag != SVG_NS + "svg":
            diags.append(Diagnostic(shown, 1, "svg", "the root element must be <svg> in the SVG namespace"))
            continue
        if root.find(SVG_NS + "title") is None or root.find(SVG_NS + "desc") is None:
            diags.append(Diagnostic(shown, 1, "svg", (
                "needs a <title> and a <desc> as children of <svg>, for screen readers")))
        if root.get("role") != "img" or not root.get("aria-labelledby"):
            diags.append(Diagnostic(shown, 1, "svg", (
                "the <svg> needs role=\"img\" and aria-labelledby naming its title and desc ids")))
        if not root.get("viewBox"):
            diags.append(Diagnostic(shown, 1, "svg", "needs a viewBox so it scales with the page"))
        for n, line in enumerate(text.split("\n"), start=1):
            for pattern, message in SVG_FORBIDDEN:
                m = pattern.search(line)
                if m:
                    diags.append(Diagnostic(shown, n, "svg", message.format(*m.groups())))
        if svg.stem not in used:
            diags.append(Diagnostic(shown, 1, "svg", (
                f"not used by any entry; add `diagrams: [{svg.stem}]` to an entry or delete it")))
    return diags
