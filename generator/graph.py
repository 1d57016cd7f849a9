"""The concept graph: entries are nodes; typed relations and body links are edges.

Functions take the graph ``G`` first and return plain values, in the style of networkx. The
graph is a :class:`ConceptGraph`: a small directed multigraph with keyed edges that offers the
part of networkx's ``MultiDiGraph`` interface the glossary uses (``G.nodes[n]``,
``G.edges(keys=True)``, ``G.in_edges``/``G.out_edges``, ``G.degree``...), so the functions here
also accept networkx graphs. The build does not need networkx itself, which takes longer to
import than the whole pipeline takes for a few hundred entries.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Mapping

from generator.model import RELATION_TYPES, Entry, Slug

#: Edge kind for a link written in, or added automatically to, an entry's body.
LINK = "links"

#: The order in which relation groups are shown on a page.
GROUP_ORDER = ["Read first", "Part of", "Has parts", "Kind of", "Kinds", "Compiles to",
               "Compiled from", "Runs on", "Runs", "Uses", "Used by", "Leads on to", "See also"]


class NodeView(dict):
    """``G.nodes``: node -> attribute dict; called (``G.nodes(data=True)``) like networkx's."""

    __slots__ = ()

    def __call__(self, data: bool = False):
        return self.items() if data else self.keys()


class ConceptGraph:
    """A directed multigraph whose edges are told apart by a key (the relation name).

    Nodes, successors and keys keep their insertion order, as in networkx, and adding an edge
    that exists (same ends, same key) changes nothing.

    >>> G = ConceptGraph([("a", "b"), ("a", "b", "uses")])
    >>> G.edges(keys=True), G.degree("a"), sorted(G.successors("a"))
    ([('a', 'b', 0), ('a', 'b', 'uses')], 2, ['b'])
    """

    def __init__(self, edges: Iterable[tuple] = ()):
        self.nodes: NodeView = NodeView()
        self._succ: dict[Any, dict[Any, dict[Any, None]]] = {}
        self._pred: dict[Any, dict[Any, dict[Any, None]]] = {}
        for edge in edges:
            self.add_edge(*edge)

    def add_node(self, n, **attrs) -> None:
        if n in self._succ:
            self.nodes[n].update(attrs)
            return
        self.nodes[n] = attrs
        self._succ[n] = {}
        self._pred[n] = {}

    def add_edge(self, u, v, key=None) -> None:
        for n in (u, v):
            if n not in self._succ:
                self.add_node(n)
        keys = self._succ[u].get(v)
        if keys is None:
            keys = self._succ[u][v] = {}
            self._pred[v][u] = keys  # one dict of keys per (u, v), shared by both indexes
        if key is None:
            key = len(keys)
            while key in keys:
                key += 1
        keys[key] = None

    def __contains__(self, n) -> bool:
        return n in self._succ

    def __iter__(self) -> Iterator:
        return iter(self._succ)

    def __len__(self) -> int:
        return len(self._succ)

    def successors(self, n) -> Iterator:
        return iter(self._succ[n])

    def predecessors(self, n) -> Iterator:
        return iter(self._pred[n])

    def neighbours(self, n) -> set:
        """Nodes joined to ``n`` by an edge in either direction."""
        return set(self._succ[n]) | set(self._pred[n])

    def edges(self, keys: bool = False) -> list[tuple]:
        if keys:
            return [(u, v, k) for u, nbrs in self._succ.items() for v, ks in nbrs.items() for k in ks]
        return [(u, v) for u, nbrs in self._succ.items() for v, ks in nbrs.items() for _ in ks]

    def out_edges(self, n, keys: bool = False) -> list[tuple]:
        nbrs = self._succ[n]
        return [(n, v, k) for v, ks in nbrs.items() for k in ks] if keys else \
            [(n, v) for v, ks in nbrs.items() for _ in ks]

    def in_edges(self, n, keys: bool = False) -> list[tuple]:
        nbrs = self._pred[n]
        return [(u, n, k) for u, ks in nbrs.items() for k in ks] if keys else \
            [(u, n) for u, ks in nbrs.items() for _ in ks]

    def degree(self, n) -> int:
        """Number of edges at ``n``, both directions, each key counted (networkx's degree)."""
        return (sum(len(ks) for ks in self._succ[n].values())
                + sum(len(ks) for ks in self._pred[n].values()))

    def number_of_edges(self) -> int:
        return sum(len(ks) for nbrs in self._succ.values() for ks in nbrs.values())


def build_graph(entries: Iterable[Entry], body_links: Mapping[Slug, Iterable[Slug]]) -> ConceptGraph:
    """Build the concept graph.

    Parameters
    ----------
    entries : the validated entries; each becomes a node with its title, category, vendor, summary.
    body_links : for each slug, the slugs its body links to (written or automatic).

    Returns
    -------
    A :class:`ConceptGraph` whose edge keys are relation names (``part_of``...) or ``"links"``.

    Examples
    --------
    >>> from generator.model import Entry
    >>> a = Entry("a", "a.md", "A", "device-hardware", "neutral", "A.", relations={"part_of": ("b",)})
    >>> b = Entry("b", "b.md", "B", "device-hardware", "neutral", "B.")
    >>> G = build_graph([a, b], {"b": ["a"]})
    >>> sorted(G.edges(keys=True))
    [('a', 'b', 'part_of'), ('b', 'a', 'links')]
    """
    G = ConceptGraph()
    entries = list(entries)
    for e in entries:
        G.add_node(e.slug, title=e.title, category=e.category, vendor=e.vendor, summary=e.summary)
    for e in entries:
        for rel, targets in e.relations.items():
            for t in targets:
                if t in G and t != e.slug:
                    G.add_edge(e.slug, t, key=rel)
    for slug, targets in body_links.items():
        for t in targets:
            if t in G and t != slug and slug in G:
                G.add_edge(slug, t, key=LINK)
    return G


def neighbours(G, slug: Slug) -> set[Slug]:
    """Nodes joined to ``slug`` in either direction (any graph with in_edges/out_edges)."""
    return {v for _, v in G.out_edges(slug)} | {u for u, _ in G.in_edges(slug)}


def related_groups(G: ConceptGraph, slug: Slug) -> list[tuple[str, list[Slug]]]:
    """Typed neighbours of ``slug`` grouped by label, both directions merged, equivalents excluded.

    An edge ``a -part_of-> b`` shows on ``a`` under "Part of" and on ``b`` under "Has parts", the
    same as ``b -has_part-> a``. Groups come in :data:`GROUP_ORDER`; members sorted by title.
    """
    groups: dict[str, set[Slug]] = {}
    for _, target, rel in G.out_edges(slug, keys=True):
        if rel in RELATION_TYPES and rel != "equivalent":
            groups.setdefault(RELATION_TYPES[rel].label, set()).add(target)
    for source, _, rel in G.in_edges(slug, keys=True):
        if rel in RELATION_TYPES and rel != "equivalent":
            groups.setdefault(RELATION_TYPES[rel].inverse_label, set()).add(source)
    title = lambda s: G.nodes[s]["title"].casefold()  # noqa: E731
    return [(label, sorted(groups[label], key=title)) for label in GROUP_ORDER if label in groups]


def equivalents(G: ConceptGraph, slug: Slug) -> list[Slug]:
    """Entries declared equivalent to ``slug`` in either direction, sorted by vendor then title."""
    found = {t for _, t, k in G.out_edges(slug, keys=True) if k == "equivalent"}
    found |= {s for s, _, k in G.in_edges(slug, keys=True) if k == "equivalent"}
    return sorted(found, key=lambda s: (G.nodes[s]["vendor"], G.nodes[s]["title"].casefold()))


def backlinks(G: ConceptGraph, slug: Slug) -> list[Slug]:
    """Entries whose body links to ``slug``, sorted by title."""
    found = {s for s, _, k in G.in_edges(slug, keys=True) if k == LINK}
    return sorted(found, key=lambda s: G.nodes[s]["title"].casefold())


def prerequisite_graph(G: ConceptGraph) -> ConceptGraph:
    """Edges ``a -> b`` meaning "read b before a"."""
    P = ConceptGraph()
    for n in G.nodes:
        P.add_node(n)
    for u, v, k in G.edges(keys=True):
        if k == "prerequisite":
            P.add_edge(u, v)
    return P


def reading_path(P: ConceptGraph, slug: Slug, limit: int = 8) -> list[Slug]:
    """Everything to read before ``slug``, in an order where each item's prerequisites come first.

    The chain is the transitive prerequisites of ``slug``; if there are more than ``limit``, the
    ones closest to ``slug`` are kept. Ties are broken by slug, so the order is stable; if the
    kept prerequisites are not acyclic, they come sorted by slug.

    Examples
    --------
    >>> P = ConceptGraph([("warp", "thread"), ("occupancy", "warp"), ("occupancy", "thread")])
    >>> reading_path(P, "occupancy")
    ['thread', 'warp']
    """
    if slug not in P:
        return []
    # Breadth-first, at most ``limit`` steps: no node further away can be among the ``limit``
    # closest, so the search stays local and the whole glossary costs O(entries).
    dist = {slug: 0}
    frontier = [slug]
    for d in range(1, limit + 1):
        nxt = []
        for u in frontier:
            for v in P.successors(u):
                if v not in dist:
                    dist[v] = d
                    nxt.append(v)
        if not nxt:
            break
        frontier = nxt
    del dist[slug]
    keep = sorted(dist, key=lambda s: (dist[s], s))[:limit]
    # Kahn's algorithm, smallest slug first: the lexicographically first topological order.
    kept = set(keep)
    waiting = dict.fromkeys(keep, 0)  # prerequisites of each kept slug not yet placed
    unlocks: dict[Slug, list[Slug]] = {s: [] for s in keep}
    for s in keep:
        for t in P.successors(s):
            if t in kept:
                waiting[s] += 1
                unlocks[t].append(s)
    ready = [s for s in keep if waiting[s] == 0]
    heapq.heapify(ready)
    order: list[Slug] = []
    while ready:
        s = heapq.heappop(ready)
        order.append(s)
        for u in unlocks[s]:
            waiting[u] -= 1
            if waiting[u] == 0:
                heapq.heappush(ready, u)
    return order if len(order) == len(keep) else sorted(keep)


def to_json(G: ConceptGraph) -> dict:
    """A stable, sorted JSON form: ``{"nodes": [...], "edges": [...]}``."""
    nodes = [{"id": n, **{k: G.nodes[n][k] for k in ("title", "category", "vendor")}}
             for n in sorted(G.nodes)]
    edges = [{"source": u, "target": v, "kind": k} for u, v, k in sorted(G.edges(keys=True))]
    return {"nodes": nodes, "edges": edges}


@dataclass(frozen=True)
class Around:
    """What an entry's page shows of its place in the graph, found in one pass over its edges:
    :func:`equivalents`, :func:`related_groups` and :func:`backlinks` at once."""

    equivalents: list[Slug]
    groups: list[tuple[str, list[Slug]]]
    backlinks: list[Slug]
    #: another entry is joined to this one (its local graph has something to draw)
    connected: bool


def around(G: ConceptGraph, slug: Slug) -> Around:
    equivalent: set[Slug] = set()
    groups: dict[str, set[Slug]] = {}
    linking: set[Slug] = set()
    connected = False
    for _, target, rel in G.out_edges(slug, keys=True):
        connected = connected or target != slug
        if rel == "equivalent":
            equivalent.add(target)
        elif rel in RELATION_TYPES:
            groups.setdefault(RELATION_TYPES[rel].label, set()).add(target)
    for source, _, rel in G.in_edges(slug, keys=True):
        connected = connected or source != slug
        if rel == "equivalent":
            equivalent.add(source)
        elif rel == LINK:
            linking.add(source)
        elif rel in RELATION_TYPES:
            groups.setdefault(RELATION_TYPES[rel].inverse_label, set()).add(source)
    nodes = G.nodes
    title = lambda s: nodes[s]["title"].casefold()  # noqa: E731
    return Around(
        sorted(equivalent, key=lambda s: (nodes[s]["vendor"], title(s))),
        [(label, sorted(groups[label], key=title)) for label in GROUP_ORDER if label in groups],
        sorted(linking, key=title), connected)
