"""Page transform: an entry's body plus what the graph knows -> the Markdown of its page.

The output is plain Markdown (with ``attr_list`` classes), so any Python-Markdown renderer
shows it; nothing here depends on MkDocs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
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


#: Automatic links travel through Markdown as markers made of private-use characters, which
#: Markdown renderers pass through as plain text, and become anchors after rendering. Turning
#: a dozen links per page into text this way halves what they cost Python-Markdown.
TERM_OPEN, TERM_SEP, TERM_CLOSE = "\ue000", "\ue001", "\ue002"
TERM_MARKER = re.compile("\ue000([^\ue001]*)\ue001([a-z0-9-]+)\ue001(.*?)\ue002", re.DOTALL)


def term_marker(href: str, slug: Slug, text: str) -> str:
    return f"{TERM_OPEN}{href}{TERM_SEP}{slug}{TERM_SEP}{text}{TERM_CLOSE}"


def term_anchor(m: re.Match) -> str:
    return f'<a href="{escape(m.group(1))}" class="gg-term" data-gg-slug="{m.group(2)}">{m.group(3)}</a>'


@dataclass(frozen=True)
class RenderedPage:
    """A generated page: Markdown with placeholders, and the HTML to put in their place.

    A renderer that can post-process HTML (the MkDocs plugin) converts ``markdown``, then calls
    :meth:`fill_content` (automatic links, title block: before search indexing) and
    :meth:`fill_page` (the long generated lists: after it), so that none of that costs Markdown
    work. Any other renderer converts :meth:`inline`, plain Markdown with raw HTML blocks.
    """

    markdown: str
    fragments: dict[str, str]  # placeholder -> HTML, filled after search indexing (may come late)
    early: dict[str, str] = field(default_factory=dict)  # placeholder -> HTML, filled before
    toc: list[tuple[str, str]] = field(default_factory=list)  # (id, title) of generated h2s

    def inline(self) -> str:
        text = TERM_MARKER.sub(lambda m: f"[{m.group(3)}]({m.group(2)}.md)", self.markdown)
        for marker, html in (*self.early.items(), *self.fragments.items()):
            text = text.replace(marker, html, 1)
        return text

    def fill_content(self, html: str) -> str:
        html = TERM_MARKER.sub(term_anchor, html)
        for marker, fragment in self.early.items():
            html = html.replace(marker, fragment, 1)
        return html

    def fill_page(self, html: str) -> str:
        for marker, fragment in self.fragments.items():
            html = html.replace(marker, fragment, 1)
        return html

    def fill(self, html: str) -> str:
        return self.fill_page(self.fill_content(html))


def generated_sections(entry: Entry, G: nx.MultiDiGraph, has_local_graph: bool | None = None
                       ) -> list[tuple[str, str]]:
    """``(id, title)`` of the sections :func:`render_entry_late` will add, in order (cheap)."""
    if has_local_graph is None:
        has_local_graph = any(n != entry.slug for n in nx.all_neighbors(G, entry.slug))
    titles = []
    if entry.diagrams:
        titles.append(SECTION_DIAGRAMS)
    if g.equivalents(G, entry.slug):
        titles.append(SECTION_EQUIVALENTS)
    if has_local_graph or g.related_groups(G, entry.slug):
        titles.append(SECTION_RELATED)
    if g.backlinks(G, entry.slug):
        titles.append(SECTION_BACKLINKS)
    if entry.sources:
        titles.append(SECTION_SOURCES)
    return [(heading_slug(t), t) for t in titles]


def render_entry(entry: Entry, body: str, G: nx.MultiDiGraph, *,
                 category_page: Callable[[str], str] = lambda c: f"../../categories/{c}/",
                 toc: list[tuple[str, str]] | None = None) -> RenderedPage:
    """The Markdown page of ``entry`` (``body`` already linked), without its late fragments.

    The title block and body are Markdown with placeholders. The title block's HTML (``early``)
    goes in before search indexing; the generated sections (:func:`render_entry_late`) after it.
    ``toc`` lists the generated sections' headings, for the page's table of contents.
    """
    early: dict[str, str] = {}
    abbr = " / ".join(f"<strong>{escape(a)}</strong>" for a in entry.abbreviations)
    head = [f'<p class="gg-meta">{abbr + " · " if abbr else ""}'
            f'<a href="{escape(category_page(entry.category))}">{CATEGORIES[entry.category]}</a>'
            f" · {VENDORS[entry.vendor]}</p>",
            f'<p class="gg-summary">{escape(entry.summary)}</p>']
    if entry.aliases:
        head.append('<p class="gg-aliases">Also called: '
                    + ", ".join(f"<em>{escape(a)}</em>" for a in entry.aliases) + "</p>")
    early[placeholder("header")] = "\n".join(head)
    out = [f"# {entry.title}", "", placeholder("header"), "", placeholder("read-first"), "",
           body.strip("\n"), ""]
    for name in entry.widgets:
        early[placeholder(f"widget:{name}")] = widgets.render(name)
        out += [placeholder(f"widget:{name}"), ""]
    out += [placeholder("sections"), ""]
    return RenderedPage("\n".join(out), {}, early,
                        toc if toc is not None else generated_sections(entry, G))


def render_entry_late(entry: Entry, G: nx.MultiDiGraph, *,
                      href: Callable[[Slug], str] = page_href,
                      diagrams: Mapping[str, str] | None = None,
                      local_graph: str | None = None,
                      read_first: list[Slug] | None = None) -> dict[str, str]:
    """The HTML that replaces the read-first and sections placeholders of ``entry``'s page.

    ``href`` gives the URL of another entry's built page relative to this one. ``diagrams`` maps
    a diagram name to its SVG source, which is inlined so that it follows the site's light or
    dark palette (its strokes and text use ``currentColor`` and the theme's CSS variables).
    Search never sees these lists (they are also marked ``data-search-exclude``), so a term's
    page is found for its own text, not its neighbours'.
    """
    fragments = {placeholder("read-first"): "", placeholder("sections"): ""}
    if read_first:
        fragments[placeholder("read-first")] = (
            '<p class="gg-read-first" data-search-exclude><strong>Read first:</strong> '
            + " → ".join(_a(G, s, href) for s in read_first) + "</p>")
    sections: list[str] = []

    def section(title: str, *html: str) -> None:
        hid = heading_slug(title)
        sections.append(f'<h2 id="{hid}">{escape(title)}<a class="headerlink" href="#{hid}" '
                        f'title="Permanent link">¶</a></h2>')
        sections.extend(html)

    if entry.diagrams:
        figures = []
        for name in entry.diagrams:
            svg = (diagrams or {}).get(name)
            if svg is None:  # no inline copy available: link the file
                figures.append(f'<figure class="gg-diagram"><img src="../diagrams/{escape(name)}.svg" '
                               f'alt="{escape(name.replace("-", " "))}"></figure>')
            else:
                figures.append(f'<figure class="gg-diagram" id="diagram-{escape(name)}">\n{svg.strip()}\n'
                               f'<figcaption>{escape(svg_title(svg) or name)}</figcaption></figure>')
        section(SECTION_DIAGRAMS, *figures)

    equivalents = g.equivalents(G, entry.slug)
    if equivalents:
        items = [f"<li><strong>{VENDORS[G.nodes[s]['vendor']]}</strong>: {_a(G, s, href)}: "
                 f"{escape(G.nodes[s]['summary'])}</li>" for s in equivalents]
        section(SECTION_EQUIVALENTS, '<ul class="gg-equivalents" data-search-exclude>', *items, "</ul>")

    groups = g.related_groups(G, entry.slug)
    if groups or local_graph:
        rows = []
        if local_graph:
            rows += ['<figure class="gg-local" data-search-exclude>', local_graph, "</figure>"]
        if groups:
            rows.append('<dl class="gg-related" data-search-exclude>')
            for label, slugs in groups:
                rows.append(f"<dt>{escape(label)}</dt>")
                rows += [f"<dd>{_a(G, s, href)}: {escape(G.nodes[s]['summary'])}</dd>" for s in slugs]
            rows.append("</dl>")
        section(SECTION_RELATED, *rows)

    refs = g.backlinks(G, entry.slug)
    if refs:
        section(SECTION_BACKLINKS, '<p class="gg-backlinks" data-search-exclude>'
                + " · ".join(_a(G, s, href) for s in refs) + "</p>")

    if entry.sources:
        items = [f'<li><a href="{escape(s.url)}">{escape(s.title)}</a></li>' for s in entry.sources]
        section(SECTION_SOURCES, '<ol class="gg-sources">', *items, "</ol>")
    fragments[placeholder("sections")] = "\n".join(sections)
    return fragments


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
