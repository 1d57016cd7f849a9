"""Build sites with `mkdocs build --strict` and check what comes out."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT
from sitecheck import check_site


def mkdocs_build(config: Path, dest: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f",
                           str(config), "-d", str(dest)], capture_output=True, text=True,
                          env=env, timeout=600)


@pytest.fixture(scope="module")
def real_site(tmp_path_factory):
    dest = tmp_path_factory.mktemp("site")
    r = mkdocs_build(ROOT / "mkdocs.yml", dest)
    assert r.returncode == 0, r.stderr
    return dest


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    dest = tmp_path_factory.mktemp("fixture-site")
    r = mkdocs_build(FIXTURES / "good" / "mkdocs.yml", dest)
    assert r.returncode == 0, r.stderr
    return dest


def entries_of(glossary: Path) -> list[str]:
    return sorted(p.stem for p in (glossary / "terms").glob("*.md"))


def test_real_site_has_a_page_per_entry(real_site):
    slugs = entries_of(ROOT / "glossary")
    assert len(slugs) >= 15
    for slug in slugs:
        assert (real_site / "terms" / slug / "index.html").is_file(), slug


def test_real_site_terms_and_graph_json(real_site):
    terms = json.loads((real_site / "terms.json").read_text())
    slugs = entries_of(ROOT / "glossary")
    assert [t["slug"] for t in terms["terms"]] == slugs
    for t in terms["terms"]:
        assert (real_site / t["path"] / "index.html").is_file()
    graph = json.loads((real_site / "graph.json").read_text())
    assert {n["id"] for n in graph["nodes"]} == set(slugs)
    kinds = {e["kind"] for e in graph["edges"]}
    for kind in ("part_of", "has_part", "prerequisite", "see_also", "equivalent", "links"):
        assert kind in kinds, kind
    for t in terms["terms"]:
        for old in t["redirect_from"]:
            assert (real_site / "terms" / old / "index.html").is_file()


def test_real_site_links_anchors_and_hosts(real_site):
    for page in real_site.rglob("*.html"):
        text = page.read_text()
        assert "<!-- gg:" not in text and "\ue000" not in text, page  # all placeholders filled
    broken, external = check_site(real_site)
    assert broken == []
    assert external == []


def test_real_site_pages_show_generated_sections(real_site):
    html = (real_site / "terms" / "warp" / "index.html").read_text()
    assert 'id="equivalent-on-other-vendors"' in html
    assert "../wavefront/" in html
    assert 'id="sources"' in html and 'id="related"' in html
    # ...and the generated sections are in the table of contents
    assert '<a href="#related" class="md-nav__link">' in html
    assert '<a href="#sources" class="md-nav__link">' in html


def test_fixture_site_redirects_and_links(fixture_site):
    page = (fixture_site / "terms" / "sm" / "index.html").read_text()
    assert 'url=../streaming-multiprocessor/' in page
    broken, external = check_site(fixture_site)
    assert broken == [] and external == []
    warp = (fixture_site / "terms" / "warp" / "index.html").read_text()
    assert ('<a href="../streaming-multiprocessor/" class="gg-term" '
            'data-gg-slug="streaming-multiprocessor">SM</a>' in warp)  # automatic link, rendered
    search = json.loads((fixture_site / "search" / "search_index.json").read_text())
    sm = next(d for d in search["docs"] if d["location"] == "terms/streaming-multiprocessor/")
    assert "SM" in sm["tags"]


def test_broken_glossary_fails_the_build(tmp_path):
    site = tmp_path / "s"
    (site / "glossary" / "terms").mkdir(parents=True)
    (site / "glossary" / "index.md").write_text("# Home\n")
    (site / "glossary" / "terms" / "bad.md").write_text("---\ntitle: Bad\ncategory: nope\n---\n")
    (site / "mkdocs.yml").write_text("site_name: t\ndocs_dir: glossary\nplugins: [gpu-glossary]\n")
    r = mkdocs_build(site / "mkdocs.yml", tmp_path / "out")
    assert r.returncode != 0
    assert "glossary/terms/bad.md:3: category: unknown category 'nope'" in r.stderr
    assert "glossary/terms/bad.md:1: vendor: required field is missing" in r.stderr
    assert "Traceback" not in r.stderr



def test_search_indexes_automatic_links_as_text_and_pages_get_anchors(caplog):
    from types import SimpleNamespace as NS

    from generator.pages import RenderedPage, TermMarkers
    from generator.plugin import GlossaryPlugin

    terms = TermMarkers()
    marked = terms.marker("../sm/", "sm", "SM")
    page_md = RenderedPage(f"# Warp\n\nEach {marked} runs.\n", {"<!-- gg:sections -->": "<h2>S</h2>"},
                           after_title='<p class="gg-summary">A warp.</p>',
                           at_end="<!-- gg:sections -->", terms=terms.targets)
    plugin = GlossaryPlugin()
    plugin.rendered = {"terms/warp.md": page_md}

    def build(search):
        page = NS(file=NS(src_uri="terms/warp.md"), toc=NS(items=[]), content=None)
        page.content = plugin.on_page_content(f'<h1 id="warp">Warp</h1>\n<p>Each {marked} runs.</p>',
                                              page=page, config=None, files=None)
        plugin._before_search({}, page=page, config=None, nav=None)
        search(page)
        plugin._after_search({}, page=page, config=None, nav=None)
        return page.content

    indexed = []
    html = build(lambda page: indexed.append(page.content))
    assert "<p>Each SM runs.</p>" in indexed[0] and 'class="gg-summary"' in indexed[0]
    assert '<p>Each <a href="../sm/" class="gg-term" data-gg-slug="sm">SM</a> runs.</p>' in html
    assert html.endswith("<h2>S</h2>") and "\ue000" not in html
    # another plugin rewriting the page meanwhile keeps its version (and is told about)
    html = build(lambda page: setattr(page, "content", page.content.replace("runs", "ran")))
    assert "<p>Each SM ran.</p>" in html and "\ue000" not in html
    assert "left as plain text" in caplog.text
