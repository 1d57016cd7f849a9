"""The interactive site in a real Chromium: previews, graph explorer, copy-link, offline."""

import os
import re
from pathlib import Path

from browser import browser_page
from conftest import ROOT

ARTIFACTS = Path(os.environ.get("GG_ARTIFACTS", ROOT / "build" / "artifacts"))


def shot(page, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


def test_hover_preview_appears_on_hover_and_focus_and_closes(served_site):
    _, base = served_site
    with browser_page(base) as page:
        page.goto(base + "terms/streaming-multiprocessor/")
        link = page.locator(".md-content a.gg-term[data-gg-slug='warp-scheduler']").first
        link.hover()
        preview = page.locator("#gg-preview")
        preview.wait_for(state="visible")
        assert preview.locator(".gg-preview__title").inner_text() == "Warp Scheduler"
        assert "Device hardware" in preview.locator(".gg-preview__meta").inner_text()
        assert link.get_attribute("aria-describedby") == "gg-preview"
        shot(page, "hover-preview")
        page.keyboard.press("Escape")
        preview.wait_for(state="hidden")
        link.focus()  # keyboard focus shows it too
        preview.wait_for(state="visible")
        page.mouse.move(5, 5)
        page.keyboard.press("Escape")
        preview.wait_for(state="hidden")
        assert page.foreign_requests == []


def test_graph_page_draws_nodes_filters_and_click_navigates(served_site):
    dest, base = served_site
    n_entries = len(list((ROOT / "glossary" / "terms").glob("*.md")))
    with browser_page(base) as page:
        page.goto(base + "graph/")
        nodes = page.locator("svg.gg-graph .gg-node")
        assert nodes.count() == n_entries
        # graph.js relaxed the build's sector layout with its force layout
        static = (dest / "graph" / "index.html").read_text()
        assert "data-gg-relax" in static
        warp = re.search(r'data-slug="warp".*?<circle cx="([\d.]+)" cy="([\d.]+)"', static)
        circle = page.locator("svg.gg-graph .gg-node[data-slug='warp'] circle")
        assert (circle.get_attribute("cx"), circle.get_attribute("cy")) != warp.groups()
        box = [float(v) for v in page.locator("svg.gg-graph").get_attribute("viewBox").split()]
        assert 0 <= float(circle.get_attribute("cx")) <= box[2]
        assert page.locator("form.gg-explorer__controls").is_visible()  # JS enabled the controls
        page.fill("input[name=q]", "Warp Scheduler")
        assert page.locator("svg.gg-graph.gg-graph--focus").count() == 1
        shot(page, "graph-focus")
        page.uncheck("input[name=vendor][value=amd]")
        hidden = page.locator("svg.gg-graph .gg-node.gg-hidden")
        assert hidden.count() == page.locator("svg.gg-graph .gg-node[data-vendor=amd]").count() > 0
        page.click("button[name=reset]")
        page.locator("svg.gg-graph .gg-node[data-slug='thread-block'] circle").click()
        page.wait_for_url("**/terms/thread-block/")
        assert page.locator("h1").first.inner_text().startswith("Thread Block")
        assert page.foreign_requests == []


def test_graph_page_without_javascript_still_shows_the_picture(served_site):
    _, base = served_site
    from playwright.sync_api import sync_playwright
    from browser import CHROMIUM_ARGS, require_browser
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=require_browser(), args=CHROMIUM_ARGS)
        ctx = browser.new_context(java_script_enabled=False)
        page = ctx.new_page()
        page.goto(base + "graph/")
        assert page.locator("svg.gg-graph a.gg-node").count() > 50
        assert page.locator("form.gg-explorer__controls").is_hidden()
        shot(page, "graph-no-js")
        browser.close()


def test_local_graph_on_entry_pages(served_site):
    # Drawn by graph.js from graph.json: the entry in the middle, its neighbours around it.
    dest, base = served_site
    html = (dest / "terms" / "warp" / "index.html").read_text()
    assert '<figure class="gg-local" data-gg-local="warp"' in html  # only the placeholder
    with browser_page(base) as page:
        page.goto(base + "terms/warp/")
        svg = page.locator("figure.gg-local svg.gg-local-graph")
        svg.wait_for()
        assert svg.locator(".gg-node--self text").text_content() == "Warp"
        assert svg.locator("title").first.text_content() == "Terms within two steps of Warp"
        wavefront = svg.locator('a.gg-node[data-slug="wavefront"]')
        assert wavefront.count() == 1
        assert wavefront.locator("title").text_content().startswith("Wavefront: ")
        assert 2 <= svg.locator("a.gg-node").count() <= 34 and svg.locator("line").count() > 0
        shot(page, "local-graph")
        wavefront.locator("circle").click()
        page.wait_for_url("**/terms/wavefront/")
        page.locator("figure.gg-local svg.gg-local-graph .gg-node--self").wait_for()
        assert page.locator("figure.gg-local .gg-node--self text").text_content() == "Wavefront"
        assert page.foreign_requests == []


def test_entry_page_without_javascript_keeps_the_lists(served_site):
    _, base = served_site
    from playwright.sync_api import sync_playwright
    from browser import CHROMIUM_ARGS, require_browser
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=require_browser(), args=CHROMIUM_ARGS)
        page = browser.new_context(java_script_enabled=False).new_page()
        page.goto(base + "terms/warp/")
        assert page.locator("figure.gg-local").is_hidden()  # nothing to draw it
        assert page.locator("ul.gg-equivalents a[data-gg-slug=wavefront]").is_visible()
        assert page.locator("dl.gg-related dd a").count() > 0
        assert page.locator("p.gg-backlinks a").count() > 0
        browser.close()


def test_copy_link_copies_the_permalink(served_site):
    _, base = served_site
    with browser_page(base) as page:
        page.context.grant_permissions(["clipboard-read", "clipboard-write"])
        page.goto(base + "terms/warp/")
        canonical = page.locator('link[rel="canonical"]').get_attribute("href")
        assert canonical.endswith("/terms/warp/")
        page.locator("h1 .gg-copy-link").click()
        assert page.evaluate("navigator.clipboard.readText()") == canonical
        heading = page.locator("h2[id] .gg-copy-link").first
        hid = page.locator("h2[id]").first.get_attribute("id")
        heading.click()
        assert page.evaluate("navigator.clipboard.readText()") == canonical + "#" + hid
        shot(page, "entry-page")
        assert page.foreign_requests == []


def test_dark_mode_diagram_screenshot(served_site):
    _, base = served_site
    with browser_page(base) as page:
        page.emulate_media(color_scheme="dark")
        page.goto(base + "terms/nvcc/")
        fig = page.locator("figure.gg-diagram").first
        fig.wait_for()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        fig.screenshot(path=str(ARTIFACTS / "diagram-dark.png"))
        assert page.foreign_requests == []


def test_memory_calculator_updates_as_you_type(served_site):
    _, base = served_site
    with browser_page(base) as page:
        page.goto(base + "terms/gpu-ram/")
        form = page.locator("form.gg-memcalc")
        form.wait_for(state="visible")
        total = page.locator(".gg-memcalc__total")
        # Defaults: 70B in BF16 plus a 2.5 GiB KV cache (80 layers, 8 KV heads, 128, 8192 tokens).
        assert total.inner_text() == "Total: 142.7 GB (132.9 GiB)"
        page.select_option("form.gg-memcalc select[name=weights]", "int4")
        assert total.inner_text() == "Total: 37.7 GB (35.1 GiB)"
        assert "NVIDIA L40S" in page.locator(".gg-memcalc__fits").inner_text()
        form.scroll_into_view_if_needed()
        shot(page, "memory-calculator")
        assert page.foreign_requests == []
