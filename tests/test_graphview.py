import networkx as nx

from generator import graphview
from generator.graph import build_graph
from generator.model import Entry


def E(slug, cat="device-hardware", **rel):
    return Entry(slug, f"{slug}.md", slug.title(), cat, "neutral", f"{slug} summary.",
                 relations={k: tuple(v) for k, v in rel.items()})


def small():
    es = [E("a", see_also=["b", "c"]), E("b", part_of=["c"]), E("c"), E("d", "performance", uses=["c"]),
          E("e", "ml-systems")]
    return build_graph(es, {"e": ["d"]})


def test_layout_is_deterministic_and_inside_the_box():
    G = small()
    p1, p2 = graphview.layout(G), graphview.layout(G)
    assert p1 == p2 and set(p1) == set(G.nodes)
    assert all(0 <= x <= graphview.WIDTH and 0 <= y <= graphview.HEIGHT for x, y in p1.values())


def test_large_graphs_use_the_sector_layout():
    G = nx.MultiDiGraph()
    for i in range(graphview.SPRING_MAX_NODES + 10):
        G.add_node(f"n{i}", title=f"N{i}", category="performance", vendor="neutral", summary="s")
    pos = graphview.layout(G)
    assert len(pos) == len(G) and len(set(pos.values())) == len(G)


def test_graph_page_has_every_node_a_static_list_and_controls_hidden_without_js():
    G = small()
    md, html = graphview.graph_page(G, graphview.layout(G), lambda s: f"../terms/{s}/")
    assert "<!-- gg:graph -->" in md
    assert html.count('class="gg-node ') == 5
    assert '<form class="gg-explorer__controls" hidden>' in html
    assert '<li><a href="../terms/c/">C</a> (3 connections)</li>' in html


def test_local_graph_is_a_figure_for_graph_js():
    # The local graph is drawn in the browser from graph.json (graph.js; see
    # test_site_browser.py); the page only carries its placeholder, hidden until drawn.
    html = graphview.local_graph_figure("a", "../{slug}/")
    assert html == ('<figure class="gg-local" data-gg-local="a" data-gg-href="../{slug}/" '
                    'data-search-exclude hidden></figure>')
