"""Page transform: an entry's body plus what the graph knows -> the Markdown of its page.

The output is plain Markdown (with ``attr_list`` classes), so any Python-Markdown renderer
shows it; nothing here depends on MkDocs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from typing import Callable, Mapping

from generator import graph as g
from generator import widgets
from generator.graph import Around, ConceptGraph
from generator.mdscan import heading_slug
from generator.model import CATEGORIES, VENDORS, Entry, Slug

SECTION_EQUIVALENTS = "Equivalent on other vendors"
SECTION_RELATED = "Related"
SECTION_BACKLINKS = "Referenced by"
SECTION_SOURCES = "Sources"
SECTION_DIAGRAMS = "Diagrams"

#: The anchor id of each generated section's heading.
SECTION_IDS = {t: heading_slug(t) for t in (SECTION_EQUIVALENTS, SECTION_RELATED,
                                            SECTION_BACKLINKS, SECTION_SOURCES, SECTION_DIAGRAMS)}
#: Anchors every entry page has in addition to its own headings (for link validation).
GENERATED_HEADING_IDS = frozenset(SECTION_IDS.values())


def svg_title(svg: str) -> str | None:
    """The text of an SVG's first ``<title>`` element, if any."""
    m = re.search(r"<title[^>]*>(.*?)</title>", svg, re.DOTALL)
    return " ".join(m.group(1).split()) if m else None


def page_href(slug: Slug, directory_urls: bool = True) -> str:
    """Relative URL of an entry's built page from another entry's built page."""
    return f"../{slug}/" if directory_urls else f"{slug}.html"


def _a(G: ConceptGraph, slug: Slug, href: Callable[[Slug], str]) -> str:
    node = G.nodes[slug]
    return (f'<a href="{escape(href(slug))}" data-gg-slug="{escape(slug)}">'
            f"{escape(node['title'])}</a>")


class EntryLinks:
    """The HTML every page uses for another entry: its link, and its link with its summary.

    Made once per build and shared by all pages (an entry appears in the lists of many others),
    so each is escaped and formatted once. ``href`` gives the URL of an entry's page from another
    entry's page, which is the same from every entry page.
    """

    def __init__(self, G: ConceptGraph, href: Callable[[Slug], str] = page_href):
        self.G, self.href = G, href
        self._link: dict[Slug, str] = {}
        self._summary: dict[Slug, str] = {}

    def link(self, slug: Slug) -> str:
        html = self._link.get(slug)
        if html is None:
            html = self._link[slug] = _a(self.G, slug, self.href)
        return html

    def summary(self, slug: Slug) -> str:
        html = self._summary.get(slug)
        if html is None:
            html = self._summary[slug] = escape(self.G.nodes[slug]["summary"])
        return html


def placeholder(name: str) -> str:
    """The marker that stands in the Markdown where a generated HTML fragment goes."""
    return f"<!-- gg:{name} -->"


#: Automatic links travel through Markdown as short markers of private-use characters, which
#: Markdown renderers pass through as plain text, and become anchors after rendering:
#: ``TERM_OPEN <number> TERM_SEP <text> TERM_CLOSE``, where the number (in private-use digits)
#: picks the link's target from the page's :attr:`RenderedPage.terms`. Turning a dozen links per
#: page into short text this way saves most of what they would cost Python-Markdown.
TERM_OPEN, TERM_SEP, TERM_CLOSE = "\ue000", "\ue001", "\ue002"
_DIGIT0, _DIGITS = 0xE100, 0xF900 - 0xE100
TERM_MARKER = re.compile("\ue000([\ue100-\uf8ff]+)\ue001(.*?)\ue002", re.DOTALL)


def _number(digits: str) -> int:
    n = 0
    for c in digits:
        n = n * _DIGITS + ord(c) - _DIGIT0
    return n


class TermMarkers:
    """The automatic links of one page: makes their markers and remembers their targets."""

    def __init__(self) -> None:
        self.targets: list[tuple[str, Slug]] = []  # (href, slug), by marker number

    def marker(self, href: str, slug: Slug, text: str) -> str:
        n = len(self.targets)
        self.targets.append((href, slug))
        digits = ""
        while True:
            n, d = divmod(n, _DIGITS)
            digits = chr(_DIGIT0 + d) + digits
            if not n:
                break
        return f"{TERM_OPEN}{digits}{TERM_SEP}{text}{TERM_CLOSE}"


_MARKER_HEAD = re.compile("\ue000[\ue100-\uf8ff]+\ue001")


def strip_terms(html: str) -> str:
    """``html`` with each automatic link's marker replaced by its text alone."""
    if TERM_OPEN not in html:
        return html
    # (the same as TERM_MARKER.sub(r"\2", html), without a Python call per marker)
    return _MARKER_HEAD.sub("", html).replace(TERM_CLOSE, "")


@dataclass(frozen=True)
class RenderedPage:
    """A generated page: Markdown with placeholders, and the HTML to put in their place.

    A renderer that can post-process HTML (the MkDocs plugin) converts ``markdown``, then calls
    :meth:`fill_content` (automatic links, title block: before search indexing; the plugin
    splits it into :meth:`place` and :meth:`link_terms`) and :meth:`fill_page` (the long
    generated lists: after it), so that none of that costs Markdown or search work. Any other
    renderer converts :meth:`inline`, plain Markdown with raw HTML blocks.

    An entry page's Markdown is only its title and body: ``after_title`` (the title block and
    the read-first placeholder) goes in right after the rendered ``<h1>``, and ``at_end`` (the
    sections placeholder) after the body, so Markdown does not even see their placeholders.
    """

    markdown: str
    fragments: dict[str, str]  # placeholder -> HTML, filled after search indexing (may come late)
    early: dict[str, str] = field(default_factory=dict)  # placeholder -> HTML, filled before
    toc: list[tuple[str, str]] = field(default_factory=list)  # (id, title) of generated h2s
    after_title: str = ""  # HTML for right after the <h1>
    at_end: str = ""  # HTML for the end of the content (before footnotes, if any)
    terms: list[tuple[str, Slug]] = field(default_factory=list)  # automatic links' (href, slug)

    def inline(self) -> str:
        text = TERM_MARKER.sub(
            lambda m: f"[{m.group(2)}]({self.terms[_number(m.group(1))][1]}.md)", self.markdown)
        if self.after_title:
            title, sep, rest = text.partition("\n")
            text = f"{title}\n\n{self.after_title}\n\n{rest.lstrip(chr(10))}" if sep else \
                f"{title}\n\n{self.after_title}\n"
        if self.at_end:
            text = f"{text.rstrip(chr(10))}\n\n{self.at_end}\n"
        for marker, html in (*self.early.items(), *self.fragments.items()):
            text = text.replace(marker, html, 1)
        return text

    def link_terms(self, html: str) -> str:
        """``html`` with the automatic links' markers turned into anchors."""
        if TERM_OPEN not in html:
            return html
        terms = self.terms

        def anchor(m: re.Match) -> str:
            href, slug = terms[_number(m.group(1))]
            return f'<a href="{escape(href)}" class="gg-term" data-gg-slug="{slug}">{m.group(2)}</a>'

        return TERM_MARKER.sub(anchor, html)

    def place(self, html: str) -> str:
        """``html`` with the title block after its first ``<h1>`` and the early fragments in."""
        if self.after_title:
            end = html.find("</h1>")
            end = end + 5 if end >= 0 else 0
            html = f"{html[:end]}\n{self.after_title}\n{html[end:]}"
        if self.at_end:
            foot = html.rfind('<div class="footnote">')
            html = f"{html[:foot]}{self.at_end}\n{html[foot:]}" if foot >= 0 else \
                f"{html}\n{self.at_end}"
        for marker, fragment in self.early.items():
            html = html.replace(marker, fragment, 1)
        return html

    def fill_content(self, html: str) -> str:
        return self.place(self.link_terms(html))

    def fill_page(self, html: str) -> str:
        for marker, fragment in self.fragments.items():
            html = html.replace(marker, fragment, 1)
        return html

    def fill(self, html: str) -> str:
        return self.fill_page(self.fill_content(html))


def generated_sections(entry: Entry, G: ConceptGraph, has_local_graph: bool | None = None,
                       around: Around | None = None) -> list[tuple[str, str]]:
    """``(id, title)`` of the sections :func:`render_entry_late` will add, in order (cheap).

    ``around`` may pass :func:`generator.graph.around` of the entry if the caller has it.
    """
    around = around or g.around(G, entry.slug)
    if has_local_graph is None:
        has_local_graph = around.connected
    titles = []
    if entry.diagrams:
        titles.append(SECTION_DIAGRAMS)
    if around.equivalents:
        titles.append(SECTION_EQUIVALENTS)
    if has_local_graph or around.groups:
        titles.append(SECTION_RELATED)
    if around.backlinks:
        titles.append(SECTION_BACKLINKS)
    if entry.sources:
        titles.append(SECTION_SOURCES)
    return [(SECTION_IDS[t], t) for t in titles]


def render_entry(entry: Entry, body: str, G: ConceptGraph, *,
                 category_page: Callable[[str], str] = lambda c: f"../../categories/{c}/",
                 toc: list[tuple[str, str]] | None = None,
                 terms: TermMarkers | None = None) -> RenderedPage:
    """The Markdown page of ``entry`` (``body`` already linked), without its late fragments.

    The Markdown is the title and the body; the title block's HTML (``after_title``) goes in
    before search indexing, the generated sections (:func:`render_entry_late`) after it.
    ``toc`` lists the generated sections' headings, for the page's table of contents; ``terms``
    holds the targets of the automatic links marked in ``body``.
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
    out = [f"# {entry.title}", "", body.strip("\n"), ""]
    for name in entry.widgets:
        early[placeholder(f"widget:{name}")] = widgets.render(name)
        out += [placeholder(f"widget:{name}"), ""]
    return RenderedPage("\n".join(out), {}, early,
                        toc if toc is not None else generated_sections(entry, G),
                        after_title="\n".join(head) + "\n\n" + placeholder("read-first"),
                        at_end=placeholder("sections"),
                        terms=terms.targets if terms is not None else [])


def render_entry_late(entry: Entry, G: ConceptGraph, *,
                      href: Callable[[Slug], str] = page_href,
                      diagrams: Mapping[str, str] | None = None,
                      local_graph: str | None = None,
                      read_first: list[Slug] | None = None,
                      around: Around | None = None,
                      links: EntryLinks | None = None) -> dict[str, str]:
    """The HTML that replaces the read-first and sections placeholders of ``entry``'s page.

    ``href`` gives the URL of another entry's built page relative to this one (``links``, if
    given, must use the same). ``diagrams`` maps a diagram name to its SVG source, which is
    inlined so that it follows the site's light or dark palette (its strokes and text use
    ``currentColor`` and the theme's CSS variables). ``local_graph`` is the HTML of the local
    graph's figure (:func:`generator.graphview.local_graph_figure`), shown under "Related".
    Search never sees these lists (they are also marked ``data-search-exclude``), so a term's
    page is found for its own text, not its neighbours'.
    """
    around = around or g.around(G, entry.slug)
    links = links or EntryLinks(G, href)
    link = links.link
    fragments = {placeholder("read-first"): "", placeholder("sections"): ""}
    if read_first:
        fragments[placeholder("read-first")] = (
            '<p class="gg-read-first" data-search-exclude><strong>Read first:</strong> '
            + " &rarr; ".join(map(link, read_first)) + "</p>")
    sections: list[str] = []

    def section(title: str, *html: str) -> None:
        hid = SECTION_IDS[title]
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

    if around.equivalents:
        items = [f"<li><strong>{VENDORS[G.nodes[s]['vendor']]}</strong>: {link(s)}: "
                 f"{links.summary(s)}</li>" for s in around.equivalents]
        section(SECTION_EQUIVALENTS, '<ul class="gg-equivalents" data-search-exclude>', *items, "</ul>")

    if around.groups or local_graph:
        rows = []
        if local_graph:
            rows.append(local_graph)
        if around.groups:
            rows.append('<dl class="gg-related" data-search-exclude>')
            for label, slugs in around.groups:
                rows.append(f"<dt>{escape(label)}</dt>")
                rows += [f"<dd>{link(s)}: {links.summary(s)}</dd>" for s in slugs]
            rows.append("</dl>")
        elif local_graph:  # only linked, not related: say so in text where the picture cannot show
            linked = sorted(g.neighbours(G, entry.slug) - {entry.slug},
                            key=lambda s: G.nodes[s]["title"].casefold())
            rows.append('<noscript><p class="gg-linked" data-search-exclude>Linked: '
                        + " · ".join(map(link, linked)) + "</p></noscript>")
        section(SECTION_RELATED, *rows)

    if around.backlinks:
        section(SECTION_BACKLINKS, '<p class="gg-backlinks" data-search-exclude>'
                + " · ".join(map(link, around.backlinks)) + "</p>")

    if entry.sources:
        items = [f'<li><a href="{escape(s.url)}">{escape(s.title)}</a></li>' for s in entry.sources]
        section(SECTION_SOURCES, '<ol class="gg-sources">', *items, "</ol>")
    fragments[placeholder("sections")] = "\n".join(sections)
    return fragments


def render_category(category: str, entries: list[Entry], *,
                    href: Callable[[Slug], str] = lambda s: f"../../terms/{s}/") -> RenderedPage:
    """A category page: every entry of the category with its summary, by title.

    The list is HTML, filled in after search indexing like an entry's generated lists: it is
    long (a category can hold thousands of entries), every item is its entry's own summary,
    and Markdown would only turn it into the same HTML, slowly. ``href`` gives an entry's URL
    from the category page.
    """
    members = sorted((e for e in entries if e.category == category), key=lambda e: e.title.casefold())
    items = []
    for e in members:
        abbr = f" ({escape(', '.join(e.abbreviations), quote=False)})" if e.abbreviations else ""
        items.append(f'<li><a href="{escape(href(e.slug))}">{escape(e.title, quote=False)}</a>{abbr} · '
                     f"{VENDORS[e.vendor]}: {escape(e.summary, quote=False)}</li>")
    markdown = "\n".join([f"# {CATEGORIES[category]}", "", f"{len(members)} entries.", "",
                          placeholder("entries"), ""])
    html = "\n".join(['<ul class="gg-category">', *items, "</ul>"]) if items else ""
    return RenderedPage(markdown, {placeholder("entries"): html})
