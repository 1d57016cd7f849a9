"""Link glossary terms in any text (``gpu-glossary link``): Markdown, HTML or Slack output.

The same matcher as the site's automatic links (first mention, longest match, never inside code
or existing links), pointed at the hosted site's permalinks.
"""

from __future__ import annotations

from html import escape
from typing import Callable, Iterable

from generator.emit import entry_url
from generator.linker import Linker, terms_for
from generator.mdscan import scan
from generator.model import Entry, Slug

FORMATS = ("markdown", "html", "slack")


def permalink(base_url: str, slug: Slug) -> str:
    return base_url.rstrip("/") + "/" + entry_url(slug)


def link_text(text: str, entries: Iterable[Entry], base_url: str, fmt: str = "markdown",
              linker: Linker | None = None) -> tuple[str, list[Slug]]:
    """Return ``text`` with the first mention of each glossary term linked, and the linked slugs."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    entries = list(entries)
    linker = linker or Linker(terms_for(entries))
    spans = scan(text)
    render: Callable[[str, str], str] = {
        "markdown": lambda t, url: f"[{t}]({url})",
        "html": lambda t, url: f'<a href="{escape(url)}">{escape(t)}</a>',
        "slack": lambda t, url: f"<{url}|{t}>",
    }[fmt]
    plain: Callable[[str], str] = escape if fmt == "html" else (lambda s: s)
    out: list[str] = []
    linked: list[Slug] = []
    pos = 0
    for start, end, slug in linker.find(text, spans.is_protected):
        if slug in linked:
            continue
        linked.append(slug)
        out.append(plain(text[pos:start]))
        out.append(render(text[start:end], permalink(base_url, slug)))
        pos = end
    out.append(plain(text[pos:]))
    return "".join(out), linked
