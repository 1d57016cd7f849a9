"""The MkDocs adapter: a thin layer that hands the glossary folder to the pipeline.

All the work happens in :func:`generator.pipeline.build_glossary`, once per build, in
``on_files``; the other hooks only hand its results to MkDocs, each at the point where it
costs MkDocs least (see :class:`generator.pages.RenderedPage`):

* ``on_page_content``: the title block goes in (search indexes it);
* ``on_page_context``, just before search: search gets the page with its automatic links as
  plain text (its index holds only text, and a dozen anchors a page cost its HTML parser more
  than the rest of the page's markup);
* ``on_page_context``, just after search: the links become anchors and the generated lists go
  in. The template only copies the content into the page, so the lists cost no Markdown,
  search or template work.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import AnchorLink

from generator.pages import TERM_OPEN, RenderedPage, strip_terms
from generator.pipeline import build_glossary

log = logging.getLogger("mkdocs.plugins.gpu-glossary")


class GlossaryConfig(Config):
    autolink = c.Type(bool, default=True)
    """Link the first mention of every term on each page."""
    diagrams_dir = c.Type(str, default="diagrams")
    """Folder of SVG diagrams, relative to mkdocs.yml; copied to ``diagrams/`` in the site."""


class GlossaryPlugin(BasePlugin[GlossaryConfig]):
    def __init__(self) -> None:
        #: site path of each generated page -> its rendered parts (see on_files)
        self.rendered: dict[str, RenderedPage] = {}
        #: site path of each entry page -> (search tags, description)
        self.page_meta: dict[str, tuple[list[str], str]] = {}
        self._marked: dict[str, tuple[str, str]] = {}  # src_uri -> (with markers, as indexed)

    # -- hooks ----------------------------------------------------------------------------------

    def on_config(self, config):
        # start clean on every (re)build under `mkdocs serve`
        self.rendered, self.page_meta, self._marked = {}, {}, {}
        return config

    def on_files(self, files: Files, *, config) -> Files:
        docs = Path(config["docs_dir"])
        root = Path(config["config_file_path"]).parent
        gl = build_glossary(docs, display_root=root, site_url=config.get("site_url"),
                            autolink=self.config.autolink,
                            directory_urls=config["use_directory_urls"])
        if not gl.ok:
            for d in gl.diagnostics:
                log.error(str(d))
            raise PluginError(f"{len(gl.diagnostics)} problem(s) in the glossary; "
                              "run `gpu-glossary validate` for the list")
        # Keep only what the page hooks need: the rest of the glossary (entries, Markdown
        # scans, graph) is left to be freed, so that MkDocs builds its pages with a smaller heap.
        self.rendered = gl.rendered
        # Material's search boosts "tags" above titles: abbreviations and aliases rank first.
        self.page_meta = {f"terms/{e.slug}.md": ([*e.abbreviations, *e.aliases, e.title], e.summary)
                          for e in gl.entries}
        for path, text in {**gl.pages, **gl.files}.items():
            if files.get_file_from_path(path) is not None:
                files.remove(files.get_file_from_path(path))
            files.append(File.generated(config, path, content=text))
        diagrams = root / self.config.diagrams_dir
        if diagrams.is_dir():
            for svg in sorted(diagrams.glob("*.svg")):
                files.append(File.generated(config, f"diagrams/{svg.name}", abs_src_path=str(svg)))
        return files

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        meta = self.page_meta.get(page.file.src_uri)
        if meta is not None:
            tags, description = meta
            page.meta["tags"] = list(tags)
            page.meta.setdefault("description", description)
        return markdown  # already the generated page (see on_files)

    def on_page_content(self, html: str, *, page, config, files) -> str:
        rendered = self._rendered(page)
        if rendered is None:
            return html
        # The generated sections' headings, for the sidebar: under the page's h1 if it has one
        # (Material then shows the h1's children as the table of contents).
        items = page.toc.items
        parent = items[0].children if len(items) == 1 and items[0].level == 1 else items
        for hid, title in rendered.toc:
            parent.append(AnchorLink(title, hid, 2))
        # The title block goes in now, before search indexes the page. Automatic links stay
        # markers until search has read the page (see on_page_context).
        return rendered.place(html)

    @event_priority(100)  # before search
    def _before_search(self, context, *, page, config, nav):
        rendered = self._rendered(page)
        if rendered is None or TERM_OPEN not in page.content:
            return context
        marked = page.content
        if "data-search-" in marked:  # search may rewrite such a page: make its links now
            page.content = rendered.link_terms(marked)
            return context
        page.content = strip_terms(marked)
        self._marked[page.file.src_uri] = (marked, page.content)
        return context

    @event_priority(-100)  # after search
    def _after_search(self, context, *, page, config, nav):
        rendered = self._rendered(page)
        if rendered is None:
            return context
        content = page.content
        pending = self._marked.pop(page.file.src_uri, None)
        if pending is not None:
            marked, indexed = pending
            if content == indexed:
                content = rendered.link_terms(marked)
            else:  # another plugin rewrote the page meanwhile: keep its version
                log.warning(f"{page.file.src_uri}: another plugin changed the page while search "
                            "indexed it, so its automatic links are left as plain text")
        page.content = rendered.fill_page(content)
        return context

    on_page_context = CombinedEvent(_before_search, _after_search)

    def _rendered(self, page) -> RenderedPage | None:
        return self.rendered.get(page.file.src_uri)
