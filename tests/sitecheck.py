"""Checks over a built site folder: broken internal links and anchors, references to other hosts."""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

RESOURCE_ATTRS = {("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"),
                  ("video", "src"), ("audio", "src"), ("embed", "src"), ("object", "data"),
                  ("image", "href"), ("use", "href"), ("input", "src")}
CSS_URL = re.compile(r"url\(\s*['\"]?(https?:)?//", re.IGNORECASE)
CSS_IMPORT = re.compile(r"@import\s+(url\()?\s*['\"]?(https?:)?//", re.IGNORECASE)


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.resources: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("id", "name"):
            if a.get(key) and (key == "id" or tag == "a"):
                self.ids.add(a[key])
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag == "link" and a.get("href"):
            rel = (a.get("rel") or "").lower()
            if rel in ("canonical", "alternate"):
                pass
            else:
                self.resources.append(a["href"])
        for (t, attr) in RESOURCE_ATTRS:
            if tag == t and a.get(attr):
                self.resources.append(a[attr])
        if a.get("srcset"):
            self.resources += [p.strip().split()[0] for p in a["srcset"].split(",") if p.strip()]
        if a.get("style") and CSS_URL.search(a["style"]):
            self.resources.append(a["style"])


def parse(path: Path) -> _Page:
    p = _Page()
    p.feed(path.read_text("utf-8", errors="replace"))
    return p


def is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.netloc) or url.startswith("//")


def check_site(site: Path) -> tuple[list[str], list[str]]:
    """Return ``(broken, external)``: broken internal links/anchors and references to other hosts."""
    pages = {p.relative_to(site).as_posix(): parse(p) for p in site.rglob("*.html")}
    broken: list[str] = []
    external: list[str] = []
    for rel, page in pages.items():
        for url in page.resources:
            if is_external(url) or CSS_URL.search(url):
                external.append(f"{rel}: {url}")
        for href in page.links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc:
                continue  # outbound hyperlinks (sources) are links, not requests
            target = rel
            if parts.path:
                base = "" if parts.path.startswith("/") else posixpath.dirname(rel)
                target = posixpath.normpath(posixpath.join(base, unquote(parts.path).lstrip("/")))
                if (site / target).is_dir() or href.endswith("/"):
                    target = posixpath.join(target, "index.html")
                if not (site / target).exists():
                    broken.append(f"{rel}: {href}")
                    continue
            if parts.fragment and target.endswith(".html"):
                ids = pages[target].ids if target in pages else set()
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{rel}: {href} (no anchor)")
    for css in site.rglob("*.css"):
        text = css.read_text("utf-8", errors="replace")
        if CSS_URL.search(text) or CSS_IMPORT.search(text):
            external.append(f"{css.relative_to(site)}: url() to another host")
    return broken, external
