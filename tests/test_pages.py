import json

from conftest import FIXTURES
from generator import emit
from generator.pipeline import build_glossary


def _gl():
    return build_glossary(FIXTURES / "good" / "glossary", site_url="https://glossary.test/")


def test_entry_page_has_all_generated_sections_in_order():
    page = _gl().rendered["terms/warp.md"].inline()
    order = ["# Warp", "A group of 32 threads", "A warp is 32 threads",
             '<h2 id="equivalent-on-other-vendors">Equivalent on other vendors<a class="headerlink"',
             '<h2 id="related">', "<dt>Part of</dt>", "<dt>Has parts</dt>", "<dt>Runs on</dt>",
             '<h2 id="referenced-by">', '<h2 id="sources">']
    positions = [page.index(s) for s in order]
    assert positions == sorted(positions)
    assert ('<li><strong>AMD</strong>: <a href="../wavefront/" data-gg-slug="wavefront">Wavefront</a>'
            in page)
    assert '<dl class="gg-related" data-search-exclude>' in page
    assert _gl().rendered["terms/warp.md"].toc == [
        ("equivalent-on-other-vendors", "Equivalent on other vendors"), ("related", "Related"),
        ("referenced-by", "Referenced by"), ("sources", "Sources")]


def test_generated_html_is_escaped(make_glossary):
    from conftest import entry_text
    g = make_glossary({
        "a": entry_text('A & "B"', summary="Plain.", extra="relations:\n  see_also: [b]\n"),
        "b": entry_text("B", summary='Has "quotes" & ampersands.'),
    })
    page = build_glossary(g).rendered["terms/a.md"].inline()
    assert "<dd><a href=\"../b/\" data-gg-slug=\"b\">B</a>: Has &quot;quotes&quot; &amp; ampersands.</dd>" in page
    assert '# A & "B"' in page  # the title heading is Markdown, escaped by the renderer
    back = build_glossary(g).rendered["terms/b.md"].inline()
    assert '<dd><a href="../a/" data-gg-slug="a">A &amp; &quot;B&quot;</a>: Plain.</dd>' in back


def test_file_urls_when_directory_urls_are_off():
    gl = build_glossary(FIXTURES / "good" / "glossary", directory_urls=False)
    assert '<a href="wavefront.html" data-gg-slug="wavefront">' in gl.rendered["terms/warp.md"].inline()


def test_abbreviation_under_title_and_category_link():
    page = _gl().rendered["terms/streaming-multiprocessor.md"].inline()
    assert page.splitlines()[2] == ('<p class="gg-meta"><strong>SM</strong> · '
                                    '<a href="../../categories/device-hardware/">Device hardware</a> · NVIDIA</p>')
    assert '<figure class="gg-diagram" id="diagram-sm-block">' in page
    assert "<figcaption>SM block</figcaption>" in page


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
    # The list is HTML filled in after rendering (like an entry's generated lists)
    page = _gl().rendered["categories/device-hardware.md"]
    assert "<!-- gg:entries -->" in page.markdown
    assert ('<li><a href="../../terms/streaming-multiprocessor/">Streaming Multiprocessor</a> (SM) · '
            'NVIDIA: The unit of an NVIDIA GPU that runs thread blocks.</li>') in page.inline()
    assert "Warp" not in page.inline()


def test_output_is_deterministic():
    a, b = _gl(), _gl()
    assert a.pages == b.pages and a.files == b.files


def test_llms_txt_and_full_bundle():
    files = _gl().files
    assert "- [Warp](https://glossary.test/terms/warp/): A group of 32 threads" in files["llms.txt"]
    full = files["llms-full.txt"]
    assert "## Streaming Multiprocessor" in full
    assert "URL: https://glossary.test/terms/streaming-multiprocessor/" in full
    assert "An SM runs thread blocks." in full  # the body, without generated links


def test_automatic_links_are_markers_until_rendered():
    page = _gl().rendered["terms/warp.md"]
    # a short marker: its number (private-use digits) picks the target from page.terms
    assert "Each \ue000\ue100\ue001SM\ue002 runs" in page.markdown
    assert page.terms[0] == ("../streaming-multiprocessor/", "streaming-multiprocessor")
    html = page.fill_content("<p>" + page.markdown + "</p>")
    assert ('<a href="../streaming-multiprocessor/" class="gg-term" '
            'data-gg-slug="streaming-multiprocessor">SM</a>') in html
    assert "\ue000" not in html
    assert "[SM](streaming-multiprocessor.md)" in page.inline()  # portable Markdown form


def test_term_markers_number_any_count_of_links():
    from generator.pages import RenderedPage, TermMarkers, strip_terms
    terms = TermMarkers()
    text = " ".join(terms.marker(f"../t{i}/", f"t{i}", f"T{i}") for i in range(7000))
    page = RenderedPage(text, {}, terms=terms.targets)
    html = page.link_terms(text)
    assert html.count('class="gg-term"') == 7000
    assert '<a href="../t6999/" class="gg-term" data-gg-slug="t6999">T6999</a>' in html
    assert strip_terms(text) == " ".join(f"T{i}" for i in range(7000))


def test_title_block_goes_after_the_h1_and_sections_before_footnotes():
    page = _gl().rendered["terms/warp.md"]
    html = page.fill('<h1 id="warp">Warp</h1>\n<p>Body.</p>\n<div class="footnote">n</div>')
    assert html.index("</h1>") < html.index('class="gg-summary"') < html.index("<p>Body.</p>")
    assert html.index("<p>Body.</p>") < html.index('id="sources"') < html.index('class="footnote"')
    assert "<!-- gg:" not in html
