"""Pictures of the concept graph: the whole-graph explorer and each entry's local graph.

The explorer is drawn at build time as plain SVG, with a deterministic category-sector layout
(each category a sector of a disc, nodes spiralling out by degree) computed in O(n log n).
Nodes are links, so the picture works without JavaScript; ``graph.js`` adds pan, zoom,
highlight, filter and search-to-focus, and for graphs of up to ``SPRING_MAX_NODES`` nodes first
relaxes the picture with a force-directed (Fruchterman-Reingold) layout, which costs the browser
a few milliseconds where it would cost every build a numerical library and O(n^2) work per step.

Each entry's local graph (its neighbours within two steps) is drawn in the browser by
``graph.js`` from ``graph.json``, which the site ships anyway: the page only carries an empty
``<figure data-gg-local>``. Without JavaScript the figure stays hidden and the page's lists
(related terms, backlinks) say the same in text.
"""

from __future__ import annotations

import math
from html import escape
from typing import Callable

from generator.graph import ConceptGraph, neighbours
from generator.model import CATEGORIES, VENDORS, Slug

SPRING_MAX_NODES = 400  # graph.js relaxes the layout of graphs up to this size
WIDTH, HEIGHT = 1600.0, 1200.0


def layout(G: ConceptGraph, seed: int = 42) -> dict[Slug, tuple[float, float]]:
    """Node positions in a WIDTH x HEIGHT box, deterministic for a given graph.

    Up to ``SPRING_MAX_NODES`` nodes, each sector is ordered by number of neighbours, which is
    where the browser's force layout starts from; beyond, by number of edges. (``seed`` is
    kept for compatibility; nothing here is random.)
    """
    if len(G) == 0:
        return {}
    if len(G) > SPRING_MAX_NODES:
        return _sector_layout(G, G.degree)
    return _sector_layout(G, lambda n: len(neighbours(G, n) - {n}))


def _sector_layout(G, degree: Callable[[Slug], int]) -> dict[Slug, tuple[float, float]]:
    """Each category gets a sector of a disc; inside it, nodes spiral out by degree."""
    cats = list(CATEGORIES)
    by_cat: dict[str, list] = {c: [] for c in cats}
    for n in G.nodes:
        by_cat.setdefault(G.nodes[n].get("category", cats[0]), []).append(n)
    pos: dict = {}
    golden = math.pi * (3 - math.sqrt(5))
    for i, c in enumerate(cats):
        members = sorted(by_cat[c], key=lambda n: (-degree(n), n))
        a0 = 2 * math.pi * i / len(cats)
        span = 2 * math.pi / len(cats) * 0.85
        for j, n in enumerate(members):
            r = 0.12 + 0.88 * math.sqrt((j + 0.5) / max(len(members), 1))
            a = a0 + span * ((j * golden / (2 * math.pi)) % 1.0)
            pos[n] = (math.cos(a) * r, math.sin(a) * r)
    return _fit(pos)


def _fit(raw: dict) -> dict[Slug, tuple[float, float]]:
    xs = [p[0] for p in raw.values()]
    ys = [p[1] for p in raw.values()]
    minx, maxx, miny, maxy = min(xs), max(xs), min(ys), max(ys)
    sx = (WIDTH - 120) / ((maxx - minx) or 1)
    sy = (HEIGHT - 80) / ((maxy - miny) or 1)
    return {n: (round(60 + (x - minx) * sx, 1), round(40 + (y - miny) * sy, 1))
            for n, (x, y) in raw.items()}


def _edges(G: ConceptGraph) -> list[tuple[Slug, Slug, str]]:
    """One edge per unordered pair; typed relations win over body links."""
    seen: dict[tuple, str] = {}
    for u, v, k in G.edges(keys=True):
        key = (u, v) if u <= v else (v, u)
        if key not in seen or seen[key] == "links":
            seen[key] = k
    return sorted((a, b, k) for (a, b), k in seen.items())


def graph_svg(G: ConceptGraph, pos: dict, href: Callable[[Slug], str], relax: bool = False) -> str:
    """The whole graph as an SVG whose nodes link to their entries.

    ``relax`` asks graph.js to relax the layout with its force-directed layout.
    """
    out = [f'<svg class="gg-graph" viewBox="0 0 {WIDTH:g} {HEIGHT:g}" role="img" '
           + ('data-gg-relax ' if relax else '') +
           'aria-labelledby="gg-graph-title gg-graph-desc" xmlns="http://www.w3.org/2000/svg">',
           '<title id="gg-graph-title">Concept graph of the glossary</title>',
           f'<desc id="gg-graph-desc">{len(G)} entries as circles coloured by category, joined '
           'by their relations and by the links in their text. Each circle links to its '
           'entry.</desc>', '<g class="gg-graph__viewport">', '<g class="gg-graph__edges">']
    # Each node's coordinates as attributes, formatted once (a node ends many edges).
    ends = {n: (f'x1="{x}" y1="{y}"', f'x2="{x}" y2="{y}"') for n, (x, y) in pos.items()}
    for a, b, k in _edges(G):
        out.append(f'<line {ends[a][0]} {ends[b][1]} class="gg-edge gg-edge--{k}" '
                   f'data-a="{a}" data-b="{b}"/>')
    out += ["</g>", '<g class="gg-graph__nodes">']
    for n in sorted(G.nodes):
        x, y = pos[n]
        d = G.nodes[n]
        r = 5 + min(G.degree(n), 60) ** 0.5
        out.append(
            f'<a href="{escape(href(n))}" class="gg-node gg-cat--{d["category"]} gg-vendor--{d["vendor"]}" '
            f'data-slug="{n}" data-category="{d["category"]}" data-vendor="{d["vendor"]}">'
            f'<title>{escape(d["title"])}: {escape(d["summary"])}</title>'
            f'<circle cx="{x}" cy="{y}" r="{r:.1f}"/>'
            f'<text x="{x}" y="{y - r - 3:.1f}">{escape(d["title"])}</text></a>')
    out += ["</g>", "</g>", "</svg>"]
    return "\n".join(out)


def graph_page_markdown() -> str:
    """The Markdown of the explorer page, with a placeholder for :func:`graph_page_html`."""
    return "\n".join([
        "# Concept graph", "",
        "Every entry of the glossary, joined by its typed relations and by the links in its "
        "text. Drag to pan, scroll or pinch to zoom, hover a term to light up its neighbours, "
        "and click it to open it. Filter by category or vendor, or type a name to find it.",
        "", "<!-- gg:graph -->", ""])


def graph_page(G: ConceptGraph, pos: dict, href: Callable[[Slug], str]) -> tuple[str, str]:
    """The explorer page: its Markdown and the HTML fragment for its placeholder."""
    return graph_page_markdown(), graph_page_html(G, pos, href)


def graph_page_html(G: ConceptGraph, pos: dict, href: Callable[[Slug], str]) -> str:
    """The explorer: controls, the SVG picture and the list of entries."""
    cats = "".join(f'<label><input type="checkbox" name="category" value="{c}" checked> '
                   f'<span class="gg-swatch gg-cat--{c}"></span>{escape(l)}</label>'
                   for c, l in CATEGORIES.items())
    vendors = "".join(f'<label><input type="checkbox" name="vendor" value="{v}" checked> '
                      f'{escape(l)}</label>' for v, l in VENDORS.items())
    html = "\n".join([
        '<div class="gg-explorer" data-gg-explorer>',
        '<form class="gg-explorer__controls" hidden>',
        '<input type="search" name="q" placeholder="Find a term&hellip;" aria-label="Find a term" list="gg-graph-names">',
        f'<fieldset><legend>Category</legend>{cats}</fieldset>',
        f'<fieldset><legend>Vendor</legend>{vendors}</fieldset>',
        '<button type="button" name="reset">Reset view</button>',
        "</form>",
        '<datalist id="gg-graph-names">' + "".join(
            f'<option value="{escape(G.nodes[n]["title"])}"></option>' for n in sorted(G.nodes)) + "</datalist>",
        graph_svg(G, pos, href, relax=1 < len(G) <= SPRING_MAX_NODES),
        "</div>",
        _entry_list(G, href),
    ])
    return html


def _entry_list(G: ConceptGraph, href: Callable[[Slug], str]) -> str:
    """Every entry by category, with its number of connections: the graph as a list."""
    out = ['<details class="gg-graph-list"><summary>All entries as a list</summary>']
    for cat, label in CATEGORIES.items():
        members = sorted((n for n in G.nodes if G.nodes[n]["category"] == cat),
                         key=lambda n: G.nodes[n]["title"].casefold())
        if not members:
            continue
        out.append(f"<h3>{escape(label)}</h3><ul>")
        out += [f'<li><a href="{escape(href(n))}">{escape(G.nodes[n]["title"])}</a> '
                f"({G.degree(n)} connections)</li>" for n in members]
        out.append("</ul>")
    out.append("</details>")
    return "\n".join(out)


#: Most neighbours the local graph draws: direct ones, and one step further (see graph.js).
LOCAL_RING1_MAX, LOCAL_RING2_MAX = 14, 20


def local_graph_figure(slug: Slug, href_pattern: str) -> str:
    """The placeholder ``graph.js`` draws an entry's local graph into, in the browser.

    ``href_pattern`` is the URL of another entry's page from this one, with ``{slug}`` where
    the slug goes (``../{slug}/``). The script reads the graph from ``graph.json``: the page
    carries no per-neighbour markup, so the build does no per-page graph work.
    """
    return (f'<figure class="gg-local" data-gg-local="{escape(slug)}" '
            f'data-gg-href="{escape(href_pattern)}" data-search-exclude hidden></figure>')
