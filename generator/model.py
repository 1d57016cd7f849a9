"""Plain data types shared by every stage: slugs, entries, relations and diagnostics."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import NewType

#: The permanent identifier of an entry: its file name without ``.md`` (``streaming-multiprocessor``).
Slug = NewType("Slug", str)

CATEGORIES: dict[str, str] = {
    "device-hardware": "Device hardware",
    "device-software": "Device software",
    "host-software": "Host software",
    "performance": "Performance",
    "interconnect": "Interconnect",
    "ml-systems": "ML systems",
}

VENDORS: dict[str, str] = {"nvidia": "NVIDIA", "amd": "AMD", "neutral": "Vendor-neutral"}


@dataclass(frozen=True)
class RelationType:
    """One kind of typed relation between entries.

    ``label`` heads the list on the entry that declares the relation; ``inverse_label`` heads the
    list on the entry it points to. Symmetric relations use the same label on both sides.
    """

    name: str
    label: str
    inverse_label: str
    help: str
    symmetric: bool = False


RELATION_TYPES: dict[str, RelationType] = {
    r.name: r
    for r in (
        RelationType("part_of", "Part of", "Has parts", "this is a component of that"),
        RelationType("has_part", "Has parts", "Part of", "that is a component of this"),
        RelationType("kind_of", "Kind of", "Kinds", "this is a kind (subtype) of that"),
        RelationType("prerequisite", "Read first", "Leads on to", "read that before this"),
        RelationType(
            "equivalent", "Equivalent", "Equivalent", "the same concept on another vendor", True
        ),
        RelationType("compiles_to", "Compiles to", "Compiled from", "this compiles to that"),
        RelationType("runs_on", "Runs on", "Runs", "this executes on that"),
        RelationType("uses", "Uses", "Used by", "this depends on or calls that"),
        RelationType("see_also", "See also", "See also", "loosely related", True),
    )
}


@dataclass(frozen=True)
class Source:
    title: str
    url: str


@dataclass(frozen=True)
class Entry:
    """One validated glossary entry: its front matter, its body and where things are in its file."""

    slug: Slug
    path: str  # as given to the loader, used in diagnostics
    title: str
    category: str
    vendor: str
    summary: str
    abbreviations: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    relations: dict[str, tuple[Slug, ...]] = field(default_factory=dict)
    sources: tuple[Source, ...] = ()
    redirect_from: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    diagrams: tuple[str, ...] = ()
    widgets: tuple[str, ...] = ()
    body: str = ""
    #: 1-based line of the file on which ``body`` starts.
    body_line: int = 1
    #: 1-based line of each front-matter key path, e.g. ``("relations", "part_of", 0)``.
    lines: dict[tuple, int] = field(default_factory=dict, compare=False, repr=False)

    def line_of(self, *path: str | int) -> int:
        """Line of the deepest front-matter key along ``path`` that exists (1 if none)."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return 1

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the entry is known by: title, abbreviations, aliases."""
        return (self.title, *self.abbreviations, *self.aliases)


@dataclass(frozen=True, order=True)
class Diagnostic:
    """A problem found in a file, reported as ``file:line: field: message``."""

    path: str
    line: int
    field: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


def display_path(path: Path, root: Path | None) -> str:
    """``path`` relative to ``root`` when it lies inside it (for diagnostics), else as given."""
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()
