"""GPU Glossary generator: typed Markdown entries -> validated concept graph -> site pages.

The pipeline runs in one direction: load (``entries``) -> validate (``validate``) -> graph
(``graph``) -> transform pages (``linker``, ``pages``) -> emit (``emit``). ``pipeline`` ties the
stages together; ``plugin`` is the thin MkDocs adapter and ``cli`` the command line.
Only ``plugin`` imports MkDocs.

The names below are imported on first use, so that importing one module of the package (the
plugin, the command line) loads only what that module needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__all__ = ["Diagnostic", "Entry", "Glossary", "Slug", "build_glossary", "load_and_validate"]

_HOME = {"Diagnostic": "model", "Entry": "model", "Slug": "model", "Glossary": "pipeline",
         "build_glossary": "pipeline", "load_and_validate": "pipeline"}

if TYPE_CHECKING:
    from generator.model import Diagnostic, Entry, Slug
    from generator.pipeline import Glossary, build_glossary, load_and_validate


def __getattr__(name: str):
    if name in _HOME:
        import importlib

        value = getattr(importlib.import_module(f"generator.{_HOME[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'generator' has no attribute {name!r}")
