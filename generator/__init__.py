"""GPU Glossary generator: typed Markdown entries -> validated concept graph -> site pages.

The pipeline runs in one direction: load (``entries``) -> validate (``validate``) -> graph
(``graph``) -> transform pages (``linker``, ``pages``) -> emit (``emit``). ``pipeline`` ties the
stages together; ``plugin`` is the thin MkDocs adapter and ``cli`` the command line.
Only ``plugin`` imports MkDocs.
"""

from generator.model import Diagnostic, Entry, Slug
from generator.pipeline import Glossary, build_glossary, load_and_validate

__all__ = ["Diagnostic", "Entry", "Glossary", "Slug", "build_glossary", "load_and_validate"]
