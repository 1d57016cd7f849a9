"""The MkDocs adapter: a thin layer that hands the glossary folder to the pipeline.

All the work happens in :func:`generator.pipeline.build_glossary`, once per build, in
``on_files``; the other hooks only hand its results to MkDocs.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import AnchorLink

from generator.pipeline import Glossary, build_glossary

log = logging.getLogger("mkdocs.plugins.gpu-glossary")


class GlossaryConfig(Config):
    autolink = c.Type(bool, default=True)
    """Link the first mention of every term on each page."""
    diagrams_dir = c.Type(str, default="diagrams")
    """Folder of SVG diagrams, relative to mkdocs.yml; copied to ``diagrams/`` in the site."""


class GlossaryPlugin(BasePlugin[GlossaryConfig]):
    def __init__(self) -> None:
        self.glossary: Glossary | None = None

    # -- hooks ----------------------------------------------------------------------------------

    def on_config(self, config):
        self.glossary = None  # start clean on every (re)build under `mkdocs serve`
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
        self.glossary = gl
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
        gl = self.glossary
        if gl is None or page.file.src_uri not in gl.pages:
            return markdown
        slug = page.file.src_uri.removeprefix("terms/").removesuffix(".md")
        entry = gl.entry(slug) if page.file.src_uri.startswith("terms/") else None
        if entry is not None:
            # Material's search boosts "tags" above titles: abbreviations and aliases rank first.
            page.meta["tags"] = [*entry.abbreviations, *entry.aliases, entry.title]
            page.meta.setdefault("description", entry.summary)
        return markdown  # already the generated page (see on_files)

    def on_page_content(self, html: str, *, page, config, files) -> str:
        # Automatic links and the title block become HTML now, before search indexes the page.
        rendered = self._rendered(page)
        if rendered is None:
            return html
        # The generated sections' headings, for the sidebar: under the page's h1 if it has one
        # (Material then shows the h1's children as the table of contents).
        items = page.toc.items
        parent = items[0].children if len(items) == 1 and items[0].level == 1 else items
        for hid, title in rendered.toc:
            parent.append(AnchorLink(title, hid, 2))
        return rendered.fill_content(html)

    def on_post_page(self, output: str, *, page, config) -> str:
        # The generated lists (related, backlinks, equivalents, sources) go in last, after
        # search indexing and templating, so they add nothing to Markdown or search work.
        rendered = self._rendered(page)
        return rendered.fill_page(output) if rendered is not None else output

    def _rendered(self, page):
        gl = self.glossary
        return gl.rendered.get(page.file.src_uri) if gl is not None else None
