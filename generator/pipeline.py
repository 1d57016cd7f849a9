"""The whole pipeline in one call: load -> validate -> link -> graph -> render pages -> emit."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from generator import emit, graphview, pages
from generator.entries import load_entries
from generator.graph import build_graph, prerequisite_graph, reading_path
from generator.linker import Linker, terms_for
from generator.mdscan import Scan, scan
from generator.example_pages import render_examples
from generator.examples import Example, load_examples
from generator.paths import LearningPath, load_paths, render_paths_page
from generator.model import CATEGORIES, Diagnostic, Entry, Slug, display_path
from generator.validate import check_diagram_files, resolve_entry_link, validate_entries


@dataclass
class Glossary:
    """Everything the build needs, computed once per build."""

    entries: list[Entry]
    diagnostics: list[Diagnostic]
    #: each entry body's Markdown scan, made once and shared by validation and linking
    scans: dict[Slug, Scan] = field(default_factory=dict)
    learning_paths: list[LearningPath] = field(default_factory=list)
    examples: dict[str, Example] = field(default_factory=dict)
    graph: nx.MultiDiGraph = field(default_factory=nx.MultiDiGraph)
    #: site path of each generated Markdown page (``terms/warp.md``, ``categories/x.md``) -> text
    #: (entry pages carry placeholders for the fragments in :attr:`rendered`)
    pages: dict[str, str] = field(default_factory=dict)
    #: site path of each entry page -> its Markdown and generated HTML fragments
    rendered: dict[str, pages.RenderedPage] = field(default_factory=dict)
    late: "LateWork | None" = None
    #: site path of each generated static file (``terms.json``, redirects) -> content
    files: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not any(d.severity == "error" for d in self.diagnostics)

    def apply_late(self, late: dict[str, dict[str, str]]) -> None:
        for path, fragments in late.items():
            self.rendered[path].fragments.update(fragments)

    def entry(self, slug: str) -> Entry | None:
        return next((e for e in self.entries if e.slug == slug), None)


PATHS_FILE = "learning-paths.yml"


def project_dirs(glossary_dir: Path) -> tuple[Path, Path, Path]:
    """``(terms_dir, diagrams_dir, examples_dir)`` for a glossary folder (``glossary/``)."""
    terms = glossary_dir / "terms" if (glossary_dir / "terms").is_dir() else glossary_dir
    root = glossary_dir.parent if terms != glossary_dir else glossary_dir.parent.parent
    return terms, root / "diagrams", root / "examples"


def load_and_validate(glossary_dir: Path, display_root: Path | None = None) -> Glossary:
    """Load every entry and run every check. Never raises on bad content."""
    terms_dir, diagrams_dir, examples_dir = project_dirs(glossary_dir)
    loaded = load_entries(terms_dir, display_root)
    scans = {e.slug: scan(e.body) for e in loaded.entries}
    diags = list(loaded.diagnostics)
    diags += validate_entries(loaded.entries, scans=scans, diagrams_dir=diagrams_dir,
                              examples_dir=examples_dir)
    diags += check_diagram_files(diagrams_dir, loaded.entries, display_root)
    examples, example_diags = load_examples(examples_dir, loaded.entries, display_root)
    diags += example_diags
    paths_file = diagrams_dir.parent / PATHS_FILE
    learning, path_diags = load_paths(paths_file, loaded.entries, display_path(paths_file, display_root))
    diags += path_diags
    return Glossary(loaded.entries, sorted(set(diags)), scans, learning_paths=learning,
                    examples=examples)


def build_glossary(glossary_dir: Path, *, display_root: Path | None = None,
                   site_url: str | None = None, autolink: bool = True,
                   directory_urls: bool = True) -> Glossary:
    """Run the whole pipeline. Pages and files are only produced when validation passed."""
    gl = load_and_validate(glossary_dir, display_root)
    if not gl.ok:
        return gl
    entries = gl.entries
    linker = Linker(terms_for(entries)) if autolink else None
    bodies: dict[Slug, str] = {}
    links: dict[Slug, set[Slug]] = {}
    for e in entries:
        spans = gl.scans[e.slug]
        written = {s for s, _, internal in map(resolve_entry_link, (l.url for l in spans.links))
                   if internal and s}
        body = e.body
        if linker is not None:
            result = linker.link(
                body, own=e.slug, already_linked=written, spans=spans,
                render=lambda text, s: pages.term_marker(pages.page_href(s, directory_urls), s, text))
            body, auto = result.text, result.linked
        else:
            auto = frozenset()
        if e.examples:
            body = body.rstrip("\n") + "\n\n" + render_examples(e, gl.examples)
        bodies[e.slug] = body
        links[e.slug] = written | auto
    gl.graph = G = build_graph(entries, links)
    gl.late = LateWork(glossary_dir, directory_urls)
    adj = gl.late.adjacency(G)
    category_link = (lambda c: f"../../categories/{c}/") if directory_urls else \
        (lambda c: f"../categories/{c}.html")
    for e in entries:
        page = pages.render_entry(e, bodies[e.slug], G, category_page=category_link,
                                  toc=pages.generated_sections(e, G, bool(adj.neighbours[e.slug])))
        gl.rendered[f"terms/{e.slug}.md"] = page
        gl.pages[f"terms/{e.slug}.md"] = page.markdown
    graph_md = graphview.graph_page_markdown()
    gl.rendered["graph.md"] = pages.RenderedPage(graph_md, {})
    gl.pages["graph.md"] = graph_md
    if gl.learning_paths:
        gl.pages["paths.md"] = render_paths_page(gl.learning_paths, {e.slug: e for e in entries})
    for category in CATEGORIES:
        gl.pages[f"categories/{category}.md"] = pages.render_category(category, entries)
    gl.files["terms.json"] = emit.terms_json(entries, site_url)
    gl.files["graph.json"] = emit.graph_json(G)
    gl.files["llms.txt"] = emit.llms_txt(entries, site_url)
    gl.files["llms-full.txt"] = emit.llms_full(entries, site_url)
    gl.files.update(emit.redirects(entries))
    gl.apply_late(late_fragments(gl))
    return gl


@dataclass
class LateWork:
    """What the late fragments need beyond the glossary itself."""

    glossary_dir: Path
    directory_urls: bool
    _adj: graphview.Adjacency | None = None

    def adjacency(self, G: nx.MultiDiGraph) -> graphview.Adjacency:
        if self._adj is None:
            self._adj = graphview.adjacency(G)
        return self._adj


def late_fragments(gl: Glossary) -> dict[str, dict[str, str]]:
    """The HTML that fills each page's late placeholders: read-first chains, related terms,
    local graphs, backlinks, equivalents, sources, diagrams, and the graph explorer.

    A pure function of the built glossary; its output is only needed after pages render (it
    fills the placeholders of :class:`~generator.pages.RenderedPage`).
    """
    G, work = gl.graph, gl.late
    entry_link = lambda s: pages.page_href(s, work.directory_urls)  # noqa: E731 - entry -> entry
    _, diagrams_dir, _ = project_dirs(work.glossary_dir)
    svgs = {name: (diagrams_dir / f"{name}.svg").read_text("utf-8")
            for name in sorted({d for e in gl.entries for d in e.diagrams})}
    P = prerequisite_graph(G)
    adj = work.adjacency(G)
    out: dict[str, dict[str, str]] = {}
    for e in gl.entries:
        out[f"terms/{e.slug}.md"] = pages.render_entry_late(
            e, G, href=entry_link, diagrams=svgs,
            local_graph=graphview.local_graph_svg(G, e.slug, entry_link, adj),
            read_first=reading_path(P, e.slug))
    graph_html = graphview.graph_page_html(
        G, graphview.layout(G),
        lambda s: f"../terms/{s}/" if work.directory_urls else f"terms/{s}.html")
    out["graph.md"] = {pages.placeholder("graph"): graph_html}
    return out
