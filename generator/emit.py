"""Emitters: the static files made from the finished glossary (JSON indexes and redirects).

Output is deterministic (sorted keys, stable order) so that diffs can be reviewed.
"""

from __future__ import annotations

import html
import json
from json.encoder import encode_basestring
from typing import Iterable

from generator import graph as g
from generator.model import CATEGORIES, Entry, Slug

#: Version of the terms.json format; bumped only on incompatible changes (see glossary/api.md).
TERMS_SCHEMA_VERSION = 1


def entry_url(slug: Slug) -> str:
    """Site-relative URL of an entry's page: the permanent URL (``terms/<slug>/``)."""
    return f"terms/{slug}/"


def terms_json(entries: Iterable[Entry], site_url: str | None = None) -> str:
    """The term index: a stable API for tools. See glossary/api.md for the format."""
    base = (site_url or "").rstrip("/") + "/" if site_url else ""
    terms = [
        {
            "slug": e.slug,
            "title": e.title,
            "abbreviations": list(e.abbreviations),
            "aliases": list(e.aliases),
            "summary": e.summary,
            "category": e.category,
            "vendor": e.vendor,
            "path": entry_url(e.slug),
            "url": base + entry_url(e.slug) if base else entry_url(e.slug),
            "redirect_from": list(e.redirect_from),
        }
        for e in sorted(entries, key=lambda e: e.slug)
    ]
    doc = {"version": TERMS_SCHEMA_VERSION, "site_url": site_url or None,
           "categories": CATEGORIES, "terms": terms}
    return json.dumps(doc, indent=1, ensure_ascii=False, sort_keys=False) + "\n"


def graph_json(G: g.ConceptGraph) -> str:
    """The concept graph as ``{"nodes": [...], "edges": [...]}``: :func:`generator.graph.to_json`
    as compact JSON (written out directly: the same text as ``json.dumps`` makes of it, without
    a dict per edge first)."""
    s = encode_basestring  # json.dumps(..., ensure_ascii=False) of one string
    nodes = G.nodes
    node_items = [f'{{"id":{s(n)},"title":{s(nodes[n]["title"])},"category":{s(nodes[n]["category"])},'
                  f'"vendor":{s(nodes[n]["vendor"])}}}' for n in sorted(nodes)]
    edge_items = [f'{{"source":{s(u)},"target":{s(v)},"kind":{s(k)}}}'
                  for u, v, k in sorted(G.edges(keys=True))]
    return f'{{"nodes":[{",".join(node_items)}],"edges":[{",".join(edge_items)}]}}\n'


def redirect_html(target: str, title: str) -> str:
    """A page that sends the browser to ``target`` (relative URL), with a canonical link."""
    t = html.escape(target, quote=True)
    return (
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>Redirecting to {html.escape(title)}</title>\n"
        f"<link rel=\"canonical\" href=\"{t}\">\n"
        f"<meta http-equiv=\"refresh\" content=\"0; url={t}\">\n"
        "<meta name=\"robots\" content=\"noindex\">\n</head>\n<body>\n"
        f"<p>This entry has moved to <a href=\"{t}\">{html.escape(title)}</a>.</p>\n"
        "</body>\n</html>\n"
    )


def redirects(entries: Iterable[Entry]) -> dict[str, str]:
    """Map of site path (``terms/<old>/index.html``) -> redirect page HTML, for every old slug."""
    out: dict[str, str] = {}
    for e in entries:
        for old in e.redirect_from:
            out[f"terms/{old}/index.html"] = redirect_html(f"../{e.slug}/", e.title)
    return dict(sorted(out.items()))


def llms_txt(entries: Iterable[Entry], site_url: str | None, site_name: str = "GPU Glossary") -> str:
    """An llms.txt index: every term with its permalink and summary, grouped by category."""
    base = (site_url or "").rstrip("/") + "/" if site_url else ""
    out = [f"# {site_name}", "",
           "> An open glossary of GPU programming, NVIDIA and AMD side by side. Each entry has a",
           "> one-sentence summary here; the full text of every entry is in llms-full.txt.", ""]
    for cat, label in CATEGORIES.items():
        members = sorted((e for e in entries if e.category == cat), key=lambda e: e.title.casefold())
        if not members:
            continue
        out += [f"## {label}", ""]
        out += [f"- [{e.title}]({base}{entry_url(e.slug)}): {e.summary}" for e in members]
        out.append("")
    return "\n".join(out)


def llms_full(entries: Iterable[Entry], site_url: str | None,
              site_name: str = "GPU Glossary") -> str:
    """The whole glossary as one Markdown file, for language-model tools."""
    base = (site_url or "").rstrip("/") + "/" if site_url else ""
    out = [f"# {site_name}: all entries", ""]
    for e in sorted(entries, key=lambda e: e.title.casefold()):
        names = ", ".join((*e.abbreviations, *e.aliases))
        out += [f"## {e.title}", "", f"URL: {base}{entry_url(e.slug)}  ",
                f"Category: {CATEGORIES[e.category]}; vendor: {e.vendor}" + (f"; also: {names}" if names else ""),
                "", e.summary, "", e.body.strip(), ""]
        if e.sources:
            out += ["Sources: " + "; ".join(f"{s.title} <{s.url}>" for s in e.sources), ""]
    return "\n".join(out)
