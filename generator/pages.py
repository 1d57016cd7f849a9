"""Page transform: an entry's body plus what the graph knows -> the Markdown of its page.

The output is plain Markdown (with ``attr_list`` classes), so any Python-Markdown renderer
shows it; nothing here depends on MkDocs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from typing import Callable, Mapping

import networkx as nx

from generator import graph as g
from generator import widgets
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
                              SECTION_SOURCES, SECTION_DIAGRAMS))


def svg_title(svg: str) -> str | None:
    """The text of an SVG's first ``<title>`` element, if any."""
    m = re.search(r"<title[^>]*>(.*?)</title>", svg, re.DOTALL)
    return " ".join(m.group(1).split()) if m else None


def entry_href(slug: Slug) -> str:
    """Relative Markdown link from one entry to another (both live in ``terms/``)."""
    return f"{slug}.md"


def category_href(category: str) -> str:
    """Relative Markdown link from an entry to its category page."""
    return f"../categories/{category}.md"


def page_href(slug: Slug, directory_urls: bool = True) -> str:
    """Relative URL of an entry's built page from another entry's built page."""
    return f"../{slug}/" if directory_urls else f"{slug}.html"


def _a(G: nx.MultiDiGraph, slug: Slug, href: Callable[[Slug], str]) -> str:
    node = G.nodes[slug]
    return (f'<a href="{escape(href(slug))}" data-gg-slug="{escape(slug)}">'
            f"{escape(node['title'])}</a>")


def placeholder(name: str) -> str:
    """The marker that stands in the Markdown where a generated HTML fragment goes."""
    return f"<!-- gg:{name} -->"


@dataclass(frozen=True)
class RenderedPage:
    """An entry page: Markdown with placeholders, and the HTML fragment for each placeholder.

    A renderer that can post-process HTML (the MkDocs plugin) converts ``markdown`` and then
    swaps each placeholder for its fragment, so the long generated lists cost nothing to
    convert; any other renderer converts :meth:`inline`, where the fragments are raw HTML blocks.
    """

    markdown: str
    fragments: dict[str, str]

    def inline(self) -> str:
        text = self.markdown
        for marker, html in self.fragments.items():
            text = text.replace(marker, html, 1)
        return text

    def fill(self, html: str) -> str:
        """Swap placeholders in rendered ``html`` for their fragments."""
        for marker, fragment in self.fragments.items():
            html = html.replace(marker, fragment, 1)
        return html


def render_entry(entry: Entry, body: str, G: nx.MultiDiGraph, *,
                 href: Callable[[Slug], str] = page_href,
                 diagrams: Mapping[str, str] | None = None,
                 local_graph: str | None = None,
                 read_first: list[Slug] | None = None) -> RenderedPage:
    """The full Markdown page of ``entry``; ``body`` is its (already linked) body.

    The title block and body are Markdown. The generated sections have Markdown headings (so
    they get anchors and table-of-contents entries) over HTML lists given as fragments (see
    :class:`RenderedPage`); search leaves them out of its index (``data-search-exclude``), so a
    term's page is found for its own text, not its neighbours'.
    ``href`` gives the URL of another entry's built page relative to this one. ``diagrams`` maps
    a diagram name to its SVG source, which is inlined so that it follows the site's light or
    dark palette (its strokes and text use ``currentColor`` and the theme's CSS variables).
    """
    out: list[str] = [f"# {entry.title}", ""]
    fragments: dict[str, str] = {}

    def _html_block(name: str, lines: list[str]) -> list[str]:
        fragments[placeholder(name)] = "\n".join(lines)
        return [placeholder(name), ""]

    meta = []
    if entry.abbreviations:
        meta.append(" / ".join(f"**{a}**" for a in entry.abbreviations))
    meta.append(f"[{CATEGORIES[entry.category]}]({category_href(entry.category)})")
    meta.append(VENDORS[entry.vendor])
    out += [" · ".join(meta), "{ .gg-meta }", ""]
    out += [entry.summary, "{ .gg-summary }", ""]
    if entry.aliases:
        out += ["Also called: " + ", ".join(f"*{a}*" for a in entry.aliases), "{ .gg-aliases }", ""]
    if read_first:
        out += _html_block("read-first", [
            '<p class="gg-read-first" data-search-exclude><strong>Read first:</strong> '
            + " → ".join(_a(G, s, href) for s in read_first) + "</p>"])
    out += [body.strip("\n"), ""]
    for name in entry.widgets:
        out += _html_block(f"widget:{name}", [widgets.render(name)])

    if entry.diagrams:
        out += [f"## {SECTION_DIAGRAMS}", ""]
        for name in entry.diagrams:
            svg = (diagrams or {}).get(name)
            if svg is None:  # no inline copy: link the file (a renderer without fragments)
                out += [f"![{name.replace('-', ' ')}](../diagrams/{name}.svg){{ .gg-diagram }}", ""]
            else:
                out += _html_block(f"diagram:{name}", [
                    f'<figure class="gg-diagram" id="diagram-{escape(name)}">', svg.strip(),
                    f'<figcaption>{escape(svg_title(svg) or name)}</figcaption>', "</figure>"])

    equivalents = g.equivalents(G, entry.slug)
    if equivalents:
        out += [f"## {SECTION_EQUIVALENTS}", ""]
        items = [f"<li><strong>{VENDORS[G.nodes[s]['vendor']]}</strong>: {_a(G, s, href)}: "
                 f"{escape(G.nodes[s]['summary'])}</li>" for s in equivalents]
        out += _html_block("equivalents", ['<ul class="gg-equivalents" data-search-exclude>', *items, "</ul>"])

    groups = g.related_groups(G, entry.slug)
    if groups or local_graph:
        out += [f"## {SECTION_RELATED}", ""]
        if local_graph:
            out += _html_block("local-graph", ['<figure class="gg-local" data-search-exclude>',
                                               local_graph, "</figure>"])
    if groups:
        rows = ['<dl class="gg-related" data-search-exclude>']
        for label, slugs in groups:
            rows.append(f"<dt>{escape(label)}</dt>")
            rows += [f"<dd>{_a(G, s, href)}: {escape(G.nodes[s]['summary'])}</dd>" for s in slugs]
        out += _html_block("related", [*rows, "</dl>"])

    refs = g.backlinks(G, entry.slug)
    if refs:
        out += [f"## {SECTION_BACKLINKS}", ""]
        out += _html_block("backlinks", ['<p class="gg-backlinks" data-search-exclude>'
                            + " · ".join(_a(G, s, href) for s in refs) + "</p>"])

    if entry.sources:
        out += [f"## {SECTION_SOURCES}", ""]
        items = [f'<li><a href="{escape(s.url)}">{escape(s.title)}</a></li>' for s in entry.sources]
        out += _html_block("sources", ['<ol class="gg-sources">', *items, "</ol>"])
    return RenderedPage("\n".join(out), fragments)


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
