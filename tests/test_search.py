"""Search in a real browser: abbreviations and aliases put their entry first."""

from urllib.parse import urlsplit
import os
from pathlib import Path

import pytest

from browser import browser_page
from conftest import ROOT

ARTIFACTS = Path(os.environ.get("GG_ARTIFACTS", ROOT / "build" / "artifacts"))


@pytest.fixture(scope="module")
def site(served_site):
    return served_site


def top_results(page, base, query):
    page.goto(f"{base}?q={query}")
    page.wait_for_selector(".md-search-result__item a", state="attached")
    return page.eval_on_selector_all(
        ".md-search-result__item > a", "els => els.map(e => e.getAttribute('href'))")


@pytest.mark.parametrize("query,slug", [("SM", "streaming-multiprocessor"), ("CTA", "thread-block"),
                                        ("VRAM", "gpu-ram"), ("LDS", "lds"), ("PTX", "ptx"),
                                        ("wavefront", "wavefront")])
def test_abbreviation_search_puts_entry_first(site, query, slug):
    dest, base = site
    with browser_page(base) as page:
        hrefs = top_results(page, base, query)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"search-{query}.png"))
        assert hrefs, f"no results for {query}"
        first = urlsplit(hrefs[0]).path
        assert first.rstrip("/").endswith(f"terms/{slug}"), hrefs[:3]
        assert page.foreign_requests == []
