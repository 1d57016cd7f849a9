"""The concept graph: entries are nodes; typed relations and body links are edges.

Functions take the graph ``G`` first and return plain values, in the style of networkx.
"""

from __future__ import annotations

from typing import Iterable, Mapping

import networkx as nx

from generator.model import RELATION_TYPES, Entry, Slug

#: Edge kind for a link written in, or added automatically to, an entry's body.
LINK = "links"

#: The order in which relation groups are shown on a page.
GROUP_ORDER = ["Read first", "Part of", "Has parts", "Kind of", "Kinds", "Compiles to",
               "Compiled from", "Runs on", "Runs", "Uses", "Used by", "Leads on to", "See also"]


def build_graph(entries: Iterable[Entry], body_links: Mapping[Slug, Iterable[Slug]]) -> nx.MultiDiGraph:
    """Build the concept graph.

    Parameters
    ----------
    entries : the validated entries; each becomes a node with its title, category, vendor, summary.
    body_links : for each slug, the slugs its body links to (written or automatic).

    Returns
    -------
    A ``MultiDiGraph`` whose edge keys are relation names (``part_of``...) or ``"links"``.

    Examples
    --------
    >>> from generator.model import Entry
    >>> a = Entry("a", "a.md", "A", "device-hardware", "neutral", "A.", relations={"part_of": ("b",)})
    >>> b = Entry("b", "b.md", "B", "device-hardware", "neutral", "B.")
    >>> G = build_graph([a, b], {"b": ["a"]})
    >>> sorted(G.edges(keys=True))
    [('a', 'b', 'part_of'), ('b', 'a', 'links')]
    """
    G = nx.MultiDiGraph()
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


def related_groups(G: nx.MultiDiGraph, slug: Slug) -> list[tuple[str, list[Slug]]]:
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


def equivalents(G: nx.MultiDiGraph, slug: Slug) -> list[Slug]:
    """Entries declared equivalent to ``slug`` in either direction, sorted by vendor then title."""
    found = {t for _, t, k in G.out_edges(slug, keys=True) if k == "equivalent"}
    found |= {s for s, _, k in G.in_edges(slug, keys=True) if k == "equivalent"}
    return sorted(found, key=lambda s: (G.nodes[s]["vendor"], G.nodes[s]["title"].casefold()))


def backlinks(G: nx.MultiDiGraph, slug: Slug) -> list[Slug]:
    """Entries whose body links to ``slug``, sorted by title."""
    found = {s for s, _, k in G.in_edges(slug, keys=True) if k == LINK}
    return sorted(found, key=lambda s: G.nodes[s]["title"].casefold())


def prerequisite_graph(G: nx.MultiDiGraph) -> nx.DiGraph:
    """Edges ``a -> b`` meaning "read b before a"."""
    P = nx.DiGraph()
    P.add_nodes_from(G.nodes)
    P.add_edges_from((u, v) for u, v, k in G.edges(keys=True) if k == "prerequisite")
    return P


def reading_path(P: nx.DiGraph, slug: Slug, limit: int = 8) -> list[Slug]:
    """Everything to read before ``slug``, in an order where each item's prerequisites come first.

    The chain is the transitive prerequisites of ``slug``; if there are more than ``limit``, the
    ones closest to ``slug`` are kept. Ties are broken by slug, so the order is stable.

    Examples
    --------
    >>> P = nx.DiGraph([("warp", "thread"), ("occupancy", "warp"), ("occupancy", "thread")])
    >>> reading_path(P, "occupancy")
    ['thread', 'warp']
    """
    if slug not in P:
        return []
    # No node further than ``limit`` steps can be among the ``limit`` closest: the cutoff keeps
    # the search local, so the whole glossary costs O(entries), not O(entries^2).
    dist = nx.single_source_shortest_path_length(P, slug, cutoff=limit)
    dist.pop(slug, None)
    keep = sorted(dist, key=lambda s: (dist[s], s))[:limit]
    sub = P.subgraph(keep)
    if not nx.is_directed_acyclic_graph(sub):
        return sorted(keep)
    order = list(nx.lexicographical_topological_sort(sub.reverse(copy=False)))
    return order


def to_json(G: nx.MultiDiGraph) -> dict:
    """A stable, sorted JSON form: ``{"nodes": [...], "edges": [...]}``."""
    nodes = [{"id": n, **{k: G.nodes[n][k] for k in ("title", "category", "vendor")}}
             for n in sorted(G.nodes)]
    edges = [{"source": u, "target": v, "kind": k} for u, v, k in sorted(G.edges(keys=True))]
    return {"nodes": nodes, "edges": edges}
