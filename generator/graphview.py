"""Pictures of the concept graph: the whole-graph explorer and each entry's local graph.

Layouts are computed at build time (networkx's spring layout for graphs of up to
``SPRING_MAX_NODES`` nodes, a deterministic category-sector layout beyond that, where a force
layout would dominate the build) and drawn as plain SVG. Nodes are links, so the pictures work
without JavaScript; ``graph.js`` adds pan, zoom, highlight, filter and search-to-focus.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from html import escape
from typing import Callable

import networkx as nx

from generator.model import CATEGORIES, VENDORS, Slug

SPRING_MAX_NODES = 400  # networkx switches to a slow sparse solver from 500
WIDTH, HEIGHT = 1600.0, 1200.0


def layout(G: nx.MultiDiGraph, seed: int = 42) -> dict[Slug, tuple[float, float]]:
    """Node positions in a WIDTH x HEIGHT box, deterministic for a given graph."""
    if len(G) == 0:
        return {}
    if len(G) > SPRING_MAX_NODES:
        return _sector_layout(G)
    U = nx.Graph(G.to_undirected())
    start = _sector_layout(U)
    raw = nx.spring_layout(U, pos={n: (x / WIDTH, y / HEIGHT) for n, (x, y) in start.items()},
                           seed=seed, iterations=50, k=1.6 / math.sqrt(len(U)))
    return _fit(raw)


def _sector_layout(U: nx.Graph | nx.MultiDiGraph) -> dict[Slug, tuple[float, float]]:
    """Each category gets a sector of a disc; inside it, nodes spiral out by degree."""
    cats = list(CATEGORIES)
    by_cat: dict[str, list] = {c: [] for c in cats}
    for n in U.nodes:
        by_cat.setdefault(U.nodes[n].get("category", cats[0]), []).append(n)
    pos: dict = {}
    golden = math.pi * (3 - math.sqrt(5))
    for i, c in enumerate(cats):
        members = sorted(by_cat[c], key=lambda n: (-U.degree(n), n))
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


def _edges(G: nx.MultiDiGraph) -> list[tuple[Slug, Slug, str]]:
    """One edge per unordered pair; typed relations win over body links."""
    seen: dict[tuple, str] = {}
    for u, v, k in G.edges(keys=True):
        key = tuple(sorted((u, v)))
        if key not in seen or seen[key] == "links":
            seen[key] = k
    return sorted((a, b, k) for (a, b), k in seen.items())


def graph_svg(G: nx.MultiDiGraph, pos: dict, href: Callable[[Slug], str]) -> str:
    """The whole graph as an SVG whose nodes link to their entries."""
    out = [f'<svg class="gg-graph" viewBox="0 0 {WIDTH:g} {HEIGHT:g}" role="img" '
           'aria-labelledby="gg-graph-title gg-graph-desc" xmlns="http://www.w3.org/2000/svg">',
           '<title id="gg-graph-title">Concept graph of the glossary</title>',
           f'<desc id="gg-graph-desc">{len(G)} entries as circles coloured by category, joined '
           'by their relations and by the links in their text. Each circle links to its '
           'entry.</desc>', '<g class="gg-graph__viewport">', '<g class="gg-graph__edges">']
    for a, b, k in _edges(G):
        (x1, y1), (x2, y2) = pos[a], pos[b]
        out.append(f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" class="gg-edge gg-edge--{k}" '
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


def graph_page(G: nx.MultiDiGraph, pos: dict, href: Callable[[Slug], str]) -> tuple[str, str]:
    """The explorer page: its Markdown and the HTML fragment for its placeholder."""
    return graph_page_markdown(), graph_page_html(G, pos, href)


def graph_page_html(G: nx.MultiDiGraph, pos: dict, href: Callable[[Slug], str]) -> str:
    """The explorer: controls, the SVG picture and the list of entries."""
    cats = "".join(f'<label><input type="checkbox" name="category" value="{c}" checked> '
                   f'<span class="gg-swatch gg-cat--{c}"></span>{escape(l)}</label>'
                   for c, l in CATEGORIES.items())
    vendors = "".join(f'<label><input type="checkbox" name="vendor" value="{v}" checked> '
                      f'{escape(l)}</label>' for v, l in VENDORS.items())
    html = "\n".join([
        '<div class="gg-explorer" data-gg-explorer>',
        '<form class="gg-explorer__controls" hidden>',
        '<input type="search" name="q" placeholder="Find a term…" aria-label="Find a term" list="gg-graph-names">',
        f'<fieldset><legend>Category</legend>{cats}</fieldset>',
        f'<fieldset><legend>Vendor</legend>{vendors}</fieldset>',
        '<button type="button" name="reset">Reset view</button>',
        "</form>",
        '<datalist id="gg-graph-names">' + "".join(
            f'<option value="{escape(G.nodes[n]["title"])}"></option>' for n in sorted(G.nodes)) + "</datalist>",
        graph_svg(G, pos, href),
        "</div>",
        _entry_list(G, href),
    ])
    return html


def _entry_list(G: nx.MultiDiGraph, href: Callable[[Slug], str]) -> str:
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


@dataclass(frozen=True)
class Adjacency:
    """Undirected neighbours of every node, and which pairs are joined by a typed relation."""

    neighbours: dict[Slug, frozenset[Slug]]
    typed: frozenset[frozenset[Slug]]
    #: per node, escaped for HTML: (title, "title: summary", category)
    labels: dict[Slug, tuple[str, str, str]] = field(default_factory=dict)
    _ranked: dict = field(default_factory=dict, compare=False, repr=False)

    def is_typed(self, a: Slug, b: Slug) -> bool:
        return frozenset((a, b)) in self.typed

    def ranked(self, a: Slug) -> list[Slug]:
        """Neighbours of ``a``: typed relations first, then by degree, then by slug (cached)."""
        out = self._ranked.get(a)
        if out is None:
            nb = self.neighbours
            out = sorted(nb[a], key=lambda n: (frozenset((a, n)) not in self.typed, -len(nb[n]), n))
            self._ranked[a] = out
        return out


def adjacency(G: nx.MultiDiGraph) -> Adjacency:
    """Computed once per build; local graphs then cost O(neighbourhood) each."""
    nb: dict[Slug, set[Slug]] = {n: set() for n in G.nodes}
    typed: set[frozenset[Slug]] = set()
    for u, v, k in G.edges(keys=True):
        if u == v:
            continue
        nb[u].add(v)
        nb[v].add(u)
        if k != "links":
            typed.add(frozenset((u, v)))
    labels = {n: (escape(d["title"]), escape(f'{d["title"]}: {d["summary"]}'), d["category"])
              for n, d in G.nodes(data=True)}
    return Adjacency({n: frozenset(s) for n, s in nb.items()}, frozenset(typed), labels)


def local_graph_svg(G: nx.MultiDiGraph, slug: Slug, href: Callable[[Slug], str],
                    adj: Adjacency | None = None, ring1_max: int = 14, ring2_max: int = 20) -> str | None:
    """Neighbours of ``slug`` within two hops, drawn radially: the entry in the middle.

    Typed relations come before plain links, then better-connected terms; at most ``ring1_max``
    direct and ``ring2_max`` second-step neighbours are drawn.
    """
    adj = adj or adjacency(G)
    nb = adj.neighbours
    first = adj.ranked(slug)[:ring1_max]
    if not first:
        return None
    second: list[Slug] = []
    seen = {slug, *first}
    for n in first:
        for m in adj.ranked(n):
            if len(second) >= ring2_max:
                break
            if m not in seen:
                seen.add(m)
                second.append(m)
    W, H = 640.0, 420.0
    cx, cy = W / 2, H / 2
    pos = {slug: (cx, cy)}
    for ring, members, r in ((1, first, 120.0), (2, second, 190.0)):
        for i, n in enumerate(members):
            a = 2 * math.pi * i / len(members) + (0.0 if ring == 1 else math.pi / len(members))
            pos[n] = (round(cx + r * 1.45 * math.cos(a), 1), round(cy + r * math.sin(a), 1))
    nodes = [slug, *first, *second]
    out = [f'<svg class="gg-local-graph" viewBox="0 0 {W:g} {H:g}" role="img" '
           f'aria-labelledby="gg-local-title" xmlns="http://www.w3.org/2000/svg">',
           f'<title id="gg-local-title">Terms within two steps of {escape(G.nodes[slug]["title"])}</title>']
    index = {n: i for i, n in enumerate(nodes)}
    for a in nodes:
        ia = index[a]
        for b in adj.ranked(a):
            if index.get(b, -1) > ia:  # each pair once
                (x1, y1), (x2, y2) = pos[a], pos[b]
                cls = "gg-edge gg-edge--typed" if adj.is_typed(a, b) else "gg-edge"
                out.append(f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" class="{cls}"/>')
    first_set = set(first)
    for n in nodes:
        x, y = pos[n]
        title, tip, cat = adj.labels[n]
        r = 9 if n == slug else (6 if n in first_set else 4)
        body = f'<circle cx="{x}" cy="{y}" r="{r}"/><text x="{x}" y="{y - r - 3:.1f}">{title}</text>'
        if n == slug:
            out.append(f'<g class="gg-node gg-cat--{cat} gg-node--self">{body}</g>')
        else:
            out.append(f'<a href="{href(n)}" class="gg-node gg-cat--{cat}" data-slug="{n}">'
                       f'<title>{tip}</title>{body}</a>')
    out.append("</svg>")
    return "\n".join(out)
