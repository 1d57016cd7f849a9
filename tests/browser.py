"""Serve a built site on localhost and drive Debian's Chromium through Playwright."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-default-apps", "--disable-extensions"]


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def require_browser():
    """Skip without a browser, unless GG_REQUIRE_BROWSER is set (CI sets it): then fail."""
    path = chromium_path()
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        path = None
    if path is None:
        if os.environ.get("GG_REQUIRE_BROWSER"):
            pytest.fail("Chromium and Playwright are required (GG_REQUIRE_BROWSER is set)")
        pytest.skip("Chromium or Playwright not installed")
    return path


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(site: Path):
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def browser_page(base_url: str, artifacts: Path | None = None):
    """A Chromium page that records every request leaving ``base_url``'s host."""
    from playwright.sync_api import sync_playwright

    exe = require_browser()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.set_default_timeout(15000)
        page.foreign_requests = []
        origin = base_url.rstrip("/")

        def on_request(request):
            url = request.url
            if not (url.startswith(origin) or url.startswith(("data:", "blob:", "about:"))):
                page.foreign_requests.append(url)

        context.on("request", on_request)
        try:
            yield page
        finally:
            context.close()
            browser.close()
