"""Page transform: an entry's body plus what the graph knows -> the Markdown of its page.

The output is plain Markdown (with ``attr_list`` classes), so any Python-Markdown renderer
shows it; nothing here depends on MkDocs.
"""

from __future__ import annotations

from typing import Mapping

import networkx as nx

from generator import graph as g
from generator.mdscan import heading_slug
from generator.model import CATEGORIES, VENDORS, Entry, Slug

SECTION_EQUIVALENTS = "Equivalent on other vendors"
SECTION_RELATED = "Related"
SECTION_BACKLINKS = "Referenced by"
SECTION_SOURCES = "Sources"
SECTION_DIAGRAMS = "Diagrams"

#: Anchors every entry page has in addition to its own headings (for link validation).
GENERATED_HEADING_IDS = frozenset(
    heading_slug(h) for h in (SECTION_EQUIVALENTS, SECTION_RELATED, SECTION_BACKLINKS,
                              SECTION_SOURCES, *g.GROUP_ORDER))


def entry_href(slug: Slug) -> str:
    """Relative Markdown link from one entry to another (both live in ``terms/``)."""
    return f"{slug}.md"


def category_href(category: str) -> str:
    """Relative Markdown link from an entry to its category page."""
    return f"../categories/{category}.md"


def _item(G: nx.MultiDiGraph, slug: Slug) -> str:
    node = G.nodes[slug]
    return f"- [{node['title']}]({entry_href(slug)}): {node['summary']}"


def render_entry(entry: Entry, body: str, G: nx.MultiDiGraph,
                 diagram_titles: Mapping[str, str] | None = None) -> str:
    """The full Markdown page of ``entry``; ``body`` is its (already linked) body."""
    out: list[str] = [f"# {entry.title}", ""]
    meta = []
    if entry.abbreviations:
        meta.append(" / ".join(f"**{a}**" for a in entry.abbreviations))
    meta.append(f"[{CATEGORIES[entry.category]}]({category_href(entry.category)})")
    meta.append(VENDORS[entry.vendor])
    out += [" · ".join(meta), "{ .gg-meta }", ""]
    out += [entry.summary, "{ .gg-summary }", ""]
    if entry.aliases:
        out += ["Also called: " + ", ".join(f"*{a}*" for a in entry.aliases), "{ .gg-aliases }", ""]
    out += [body.strip("\n"), ""]

    if entry.diagrams:
        titles = diagram_titles or {}
        out += [f"## {SECTION_DIAGRAMS}", ""]
        for name in entry.diagrams:
            alt = titles.get(name, name.replace("-", " "))
            out += [f"![{alt}](../diagrams/{name}.svg){{ .gg-diagram loading=lazy }}", ""]

    equivalents = g.equivalents(G, entry.slug)
    if equivalents:
        out += [f"## {SECTION_EQUIVALENTS}", ""]
        for slug in equivalents:
            node = G.nodes[slug]
            out.append(f"- **{VENDORS[node['vendor']]}**: [{node['title']}]({entry_href(slug)}): "
                       f"{node['summary']}")
        out.append("")

    groups = g.related_groups(G, entry.slug)
    if groups:
        out += [f"## {SECTION_RELATED}", ""]
        for label, slugs in groups:
            out += [f"### {label}", ""]
            out += [_item(G, s) for s in slugs]
            out.append("")

    refs = g.backlinks(G, entry.slug)
    if refs:
        out += [f"## {SECTION_BACKLINKS}", ""]
        out.append(" · ".join(f"[{G.nodes[s]['title']}]({entry_href(s)})" for s in refs))
        out += ["{ .gg-backlinks }", ""]

    if entry.sources:
        out += [f"## {SECTION_SOURCES}", ""]
        out += [f"1. [{s.title}]({s.url})" for s in entry.sources]
        out.append("")
    return "\n".join(out)


def render_category(category: str, entries: list[Entry]) -> str:
    """The Markdown of a category page: every entry of the category with its summary."""
    out = [f"# {CATEGORIES[category]}", ""]
    members = sorted((e for e in entries if e.category == category), key=lambda e: e.title.casefold())
    out += [f"{len(members)} entries.", ""]
    for e in members:
        abbr = f" ({', '.join(e.abbreviations)})" if e.abbreviations else ""
        out.append(f"- [{e.title}](../terms/{e.slug}.md){abbr} · {VENDORS[e.vendor]}: {e.summary}")
    out.append("")
    return "\n".join(out)
