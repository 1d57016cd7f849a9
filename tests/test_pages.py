import json

from conftest import FIXTURES
from generator import emit
from generator.pipeline import build_glossary


def _gl():
    return build_glossary(FIXTURES / "good" / "glossary", site_url="https://glossary.test/")


def test_entry_page_has_all_generated_sections_in_order():
    page = _gl().pages["terms/warp.md"]
    order = ["# Warp", "A group of 32 threads", "A warp is 32 threads", "## Equivalent on other vendors",
             "## Related", "### Part of", "### Has parts", "### Runs on", "## Referenced by", "## Sources"]
    positions = [page.index(s) for s in order]
    assert positions == sorted(positions)
    assert "- **AMD**: [Wavefront](wavefront.md)" in page


def test_abbreviation_under_title_and_category_link():
    page = _gl().pages["terms/streaming-multiprocessor.md"]
    assert page.splitlines()[2].startswith("**SM** · [Device hardware](../categories/device-hardware.md)")
    assert "![sm block](../diagrams/sm-block.svg)" in page


def test_terms_json_is_the_documented_api():
    data = json.loads(_gl().files["terms.json"])
    assert data["version"] == emit.TERMS_SCHEMA_VERSION
    sm = next(t for t in data["terms"] if t["slug"] == "streaming-multiprocessor")
    assert sm == {"slug": "streaming-multiprocessor", "title": "Streaming Multiprocessor",
                  "abbreviations": ["SM"], "aliases": [],
                  "summary": "The unit of an NVIDIA GPU that runs thread blocks.",
                  "category": "device-hardware", "vendor": "nvidia",
                  "path": "terms/streaming-multiprocessor/",
                  "url": "https://glossary.test/terms/streaming-multiprocessor/",
                  "redirect_from": ["sm", "multiprocessor"]}


def test_redirect_pages_point_to_new_slug():
    files = _gl().files
    page = files["terms/sm/index.html"]
    assert 'http-equiv="refresh" content="0; url=../streaming-multiprocessor/"' in page
    assert '<link rel="canonical" href="../streaming-multiprocessor/">' in page
    assert "terms/multiprocessor/index.html" in files


def test_graph_has_relation_and_link_edges():
    data = json.loads(_gl().files["graph.json"])
    kinds = {(e["source"], e["target"], e["kind"]) for e in data["edges"]}
    assert ("warp", "wavefront", "equivalent") in kinds
    assert ("warp", "streaming-multiprocessor", "links") in kinds  # automatic link in the body


def test_category_page_lists_members():
    page = _gl().pages["categories/device-hardware.md"]
    assert "- [Streaming Multiprocessor](../terms/streaming-multiprocessor.md) (SM) · NVIDIA" in page
    assert "Warp" not in page


def test_output_is_deterministic():
    a, b = _gl(), _gl()
    assert a.pages == b.pages and a.files == b.files
