from generator.graph import backlinks, build_graph, equivalents, related_groups, to_json
from generator.model import Entry


def E(slug, vendor="nvidia", **rel):
    return Entry(slug, f"{slug}.md", slug.upper(), "device-hardware", vendor, f"{slug}.",
                 relations={k: tuple(v) for k, v in rel.items()})


def test_inverse_relations_merge_into_groups():
    sm = E("sm", has_part=["core"])
    core = E("core", part_of=["gpc"])
    gpc = E("gpc")
    thread = E("thread", runs_on=["sm"], prerequisite=["core"])
    G = build_graph([sm, core, gpc, thread], {})
    assert related_groups(G, "core") == [("Part of", ["gpc", "sm"]), ("Leads on to", ["thread"])]
    assert related_groups(G, "sm") == [("Has parts", ["core"]), ("Runs", ["thread"])]
    assert related_groups(G, "thread") == [("Read first", ["core"]), ("Runs on", ["sm"])]


def test_equivalents_both_directions_and_backlinks():
    warp = E("warp", equivalent=["wave"])
    wave = E("wave", vendor="amd")
    sm = E("sm")
    G = build_graph([warp, wave, sm], {"sm": ["warp"], "wave": ["warp", "missing"]})
    assert equivalents(G, "wave") == ["warp"]
    assert equivalents(G, "warp") == ["wave"]
    assert backlinks(G, "warp") == ["sm", "wave"]
    assert related_groups(G, "warp") == []


def test_to_json_is_sorted_and_typed():
    G = build_graph([E("b", see_also=["a"]), E("a")], {"a": ["b"]})
    data = to_json(G)
    assert [n["id"] for n in data["nodes"]] == ["a", "b"]
    assert data["edges"] == [{"source": "a", "target": "b", "kind": "links"},
                             {"source": "b", "target": "a", "kind": "see_also"}]


def test_reading_path_orders_prerequisites_first():
    import networkx as nx
    from generator.graph import prerequisite_graph, reading_path
    thread = E("thread")
    warp = E("warp", prerequisite=["thread"])
    sm = E("sm", prerequisite=["warp"])
    occ = E("occupancy", prerequisite=["sm", "warp"])
    P = prerequisite_graph(build_graph([thread, warp, sm, occ], {}))
    assert reading_path(P, "occupancy") == ["thread", "warp", "sm"]
    assert reading_path(P, "thread") == []
    assert reading_path(P, "occupancy", limit=2) == ["warp", "sm"]


def test_graph_doctests():
    import doctest
    import generator.graph
    assert doctest.testmod(generator.graph).failed == 0
