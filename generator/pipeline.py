"""The whole pipeline in one call: load -> validate -> link -> graph -> render pages -> emit."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from generator import emit, graphview, pages
from generator.entries import entry_files, load_entries
from generator.graph import ConceptGraph, around, build_graph, prerequisite_graph, reading_path
from generator.linker import Linker, terms_for
from generator.mdscan import Scan, scan
from generator.paths import LearningPath, load_paths, render_paths_page
from generator.permalinks import check_permalinks, ledger_path, read_ledger
from generator.model import CATEGORIES, Diagnostic, Entry, Slug, display_path
from generator.validate import check_diagram_files, resolve_entry_link, validate_entries

if TYPE_CHECKING:
    from generator.examples import Example


@dataclass
class Glossary:
    """Everything the build needs, computed once per build."""

    entries: list[Entry]
    diagnostics: list[Diagnostic]
    #: each entry body's Markdown scan, made once and shared by validation and linking
    scans: dict[Slug, Scan] = field(default_factory=dict)
    learning_paths: list[LearningPath] = field(default_factory=list)
    examples: dict[str, Example] = field(default_factory=dict)
    graph: ConceptGraph = field(default_factory=ConceptGraph)
    #: site path of each generated Markdown page (``terms/warp.md``, ``categories/x.md``) -> text
    #: (entry pages carry placeholders for the fragments in :attr:`rendered`)
    pages: dict[str, str] = field(default_factory=dict)
    #: site path of each entry page -> its Markdown and generated HTML fragments
    rendered: dict[str, pages.RenderedPage] = field(default_factory=dict)
    #: site path of each generated static file (``terms.json``, redirects) -> content
    files: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not any(d.severity == "error" for d in self.diagnostics)

    @cached_property
    def by_slug(self) -> dict[Slug, Entry]:
        return {e.slug: e for e in self.entries}

    def entry(self, slug: str) -> Entry | None:
        return self.by_slug.get(slug)


PATHS_FILE = "learning-paths.yml"


def project_dirs(glossary_dir: Path) -> tuple[Path, Path, Path]:
    """``(terms_dir, diagrams_dir, examples_dir)`` for a glossary folder (``glossary/``)."""
    terms = glossary_dir / "terms" if (glossary_dir / "terms").is_dir() else glossary_dir
    root = glossary_dir.parent if terms != glossary_dir else glossary_dir.parent.parent
    return terms, root / "diagrams", root / "examples"


@contextmanager
def gc_paused():
    """Pause Python's cyclic garbage collector for a while.

    Building the glossary allocates hundreds of thousands of container objects (YAML nodes,
    Markdown spans, graph adjacency, page parts) and drops none of them in reference cycles;
    a collection while it runs only walks the growing heap again (at 5000 entries, a tenth of
    the build's time). Any cycle made meanwhile is collected once the collector is back on.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def load_and_validate(glossary_dir: Path, display_root: Path | None = None) -> Glossary:
    """Load every entry and run every check. Never raises on bad content."""
    with gc_paused():
        return _load_and_validate(glossary_dir, display_root)


def check_against_references(glossary_dir: Path, entries: list[Entry],
                             display_root: Path | None = None) -> list[Diagnostic]:
    """Prose that entries share with the fingerprinted references in ``references/`` beside
    ``diagrams/`` (see :mod:`generator.overlap`); none when there is no such folder.

    ``gpu-glossary validate`` and the tests run this; the site build does not (hashing every
    run of words costs about as much as the rest of the pipeline).
    """
    from generator.overlap import References, check_entries

    _, diagrams_dir, _ = project_dirs(glossary_dir)
    ref_dir = diagrams_dir.parent / "references"
    prints = sorted(ref_dir.glob("*.fp")) if ref_dir.is_dir() else []
    if not prints:
        return []
    refs = References()
    problems = refs.add_paths(prints)
    diags = [Diagnostic(display_path(Path(p.split(": ", 1)[0]), display_root), 1, "references",
                        p.split(": ", 1)[-1]) for p in problems]
    return diags + check_entries(entries, refs)


def check_ledger(glossary_dir: Path, entries: list[Entry],
                 display_root: Path | None = None) -> list[Diagnostic] | None:
    """The permalink ledger's diagnostics (see :mod:`generator.permalinks`), or None when the
    project has no ledger file."""
    terms_dir, diagrams_dir, _ = project_dirs(glossary_dir)
    ledger_file = ledger_path(diagrams_dir.parent)
    if not ledger_file.is_file():
        return None
    ledger = read_ledger(ledger_file, display_path(ledger_file, display_root))
    return check_permalinks(entries, ledger, files=(f.stem for f in entry_files(terms_dir)))


def _load_and_validate(glossary_dir: Path, display_root: Path | None) -> Glossary:
    terms_dir, diagrams_dir, examples_dir = project_dirs(glossary_dir)
    loaded = load_entries(terms_dir, display_root)
    scans = {e.slug: scan(e.body) for e in loaded.entries}
    diags = list(loaded.diagnostics)
    diags += validate_entries(loaded.entries, scans=scans, diagrams_dir=diagrams_dir,
                              examples_dir=examples_dir)
    diags += check_diagram_files(diagrams_dir, loaded.entries, display_root)
    examples: dict[str, Example] = {}
    example_diags: list[Diagnostic] = []
    if examples_dir.is_dir():  # (the examples' modules are only loaded where there are some)
        from generator.examples import load_examples

        examples, example_diags = load_examples(examples_dir, loaded.entries, display_root)
    diags += example_diags
    paths_file = diagrams_dir.parent / PATHS_FILE
    learning, path_diags = load_paths(paths_file, loaded.entries, display_path(paths_file, display_root))
    diags += path_diags
    diags += check_ledger(glossary_dir, loaded.entries, display_root) or []
    return Glossary(loaded.entries, sorted(set(diags)), scans, learning_paths=learning,
                    examples=examples)


def build_glossary(glossary_dir: Path, *, display_root: Path | None = None,
                   site_url: str | None = None, autolink: bool = True,
                   directory_urls: bool = True) -> Glossary:
    """Run the whole pipeline. Pages and files are only produced when validation passed."""
    with gc_paused():
        return _build_glossary(glossary_dir, display_root, site_url, autolink, directory_urls)


def _build_glossary(glossary_dir: Path, display_root: Path | None, site_url: str | None,
                    autolink: bool, directory_urls: bool) -> Glossary:
    gl = _load_and_validate(glossary_dir, display_root)
    if not gl.ok:
        return gl
    entries = gl.entries
    linker = Linker(terms_for(entries)) if autolink else None
    bodies: dict[Slug, str] = {}
    markers: dict[Slug, pages.TermMarkers] = {}
    links: dict[Slug, set[Slug]] = {}
    for e in entries:
        spans = gl.scans[e.slug]
        written = {s for s, _, internal in map(resolve_entry_link, (l.url for l in spans.links))
                   if internal and s}
        body = e.body
        if linker is not None:
            terms = markers[e.slug] = pages.TermMarkers()
            result = linker.link(
                body, own=e.slug, already_linked=written, spans=spans,
                render=lambda text, s, terms=terms: terms.marker(
                    pages.page_href(s, directory_urls), s, text))
            body, auto = result.text, result.linked
        else:
            auto = frozenset()
        if e.examples:
            from generator.example_pages import render_examples

            body = body.rstrip("\n") + "\n\n" + render_examples(e, gl.examples)
        bodies[e.slug] = body
        links[e.slug] = written | auto
    gl.graph = G = build_graph(entries, links)
    entry_href = lambda s: pages.page_href(s, directory_urls)  # noqa: E731 - entry -> entry
    entry_links = pages.EntryLinks(G, entry_href)
    local_href = pages.page_href("{slug}", directory_urls)
    category_link = (lambda c: f"../../categories/{c}/") if directory_urls else \
        (lambda c: f"../categories/{c}.html")
    _, diagrams_dir, _ = project_dirs(glossary_dir)
    svgs = {name: (diagrams_dir / f"{name}.svg").read_text("utf-8")
            for name in sorted({d for e in entries for d in e.diagrams})}
    P = prerequisite_graph(G)
    for e in entries:
        ar = around(G, e.slug)
        page = pages.render_entry(e, bodies[e.slug], G, category_page=category_link,
                                  toc=pages.generated_sections(e, G, around=ar),
                                  terms=markers.get(e.slug))
        # The generated lists, filled in after search indexing (see RenderedPage). The local
        # graph is drawn by the browser from graph.json; the page only holds its figure.
        page.fragments.update(pages.render_entry_late(
            e, G, href=entry_href, diagrams=svgs, around=ar, links=entry_links,
            local_graph=graphview.local_graph_figure(e.slug, local_href) if ar.connected else None,
            read_first=reading_path(P, e.slug)))
        gl.rendered[f"terms/{e.slug}.md"] = page
        gl.pages[f"terms/{e.slug}.md"] = page.markdown
    graph_md = graphview.graph_page_markdown()
    graph_html = graphview.graph_page_html(
        G, graphview.layout(G),
        lambda s: f"../terms/{s}/" if directory_urls else f"terms/{s}.html")
    gl.rendered["graph.md"] = pages.RenderedPage(graph_md, {pages.placeholder("graph"): graph_html})
    gl.pages["graph.md"] = graph_md
    if gl.learning_paths:
        gl.pages["paths.md"] = render_paths_page(gl.learning_paths, gl.by_slug)
    entry_from_category = (lambda s: f"../../terms/{s}/") if directory_urls else \
        (lambda s: f"../terms/{s}.html")
    for category in CATEGORIES:
        page = pages.render_category(category, entries, href=entry_from_category)
        gl.rendered[f"categories/{category}.md"] = page
        gl.pages[f"categories/{category}.md"] = page.markdown
    gl.files["terms.json"] = emit.terms_json(entries, site_url)
    gl.files["graph.json"] = emit.graph_json(G)
    gl.files["llms.txt"] = emit.llms_txt(entries, site_url)
    gl.files["llms-full.txt"] = emit.llms_full(entries, site_url)
    gl.files.update(emit.redirects(entries))
    return gl
