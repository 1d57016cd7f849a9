"""The permalink ledger: every slug the site has ever published, so that no permalink breaks.

An entry's permalink is ``terms/<slug>/``. Renaming or deleting the file would break every link
to it, unless the entry that took its place lists the old slug in ``redirect_from``. The ledger
(``permalinks.txt`` beside ``glossary/``, one slug a line, ``#`` comments) remembers every slug
that was ever live or redirected, and the checks here hold the glossary to it:

* a slug in the ledger must still be an entry or a ``redirect_from`` of one;
* every entry's slug and every ``redirect_from`` must be in the ledger, so that a later rename
  is caught too (``gpu-glossary new`` and ``gpu-glossary permalinks --record`` add them).

The ledger only grows. A glossary without a ledger file is not checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.model import Diagnostic, Entry
from generator.frontmatter import SLUG_PATTERN

LEDGER_FILE = "permalinks.txt"

HEADER = """\
# Every slug this glossary has published: its permalink is terms/<slug>/.
# A slug here must stay an entry, or be listed in the `redirect_from` of the entry that
# replaced it. Never delete a line. `gpu-glossary permalinks --record` adds new slugs.
"""


@dataclass(frozen=True)
class Ledger:
    """The slugs of a ledger file, each with the line it is on, and the problems in the file."""

    path: str
    lines: dict[str, int]
    problems: tuple[Diagnostic, ...] = ()


def ledger_path(project_root: Path) -> Path:
    return project_root / LEDGER_FILE


def read_ledger(path: Path, display: str) -> Ledger:
    """Read a ledger file; an unreadable file becomes a diagnostic, not an exception."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return Ledger(display, {}, (Diagnostic(display, 1, "permalinks", f"cannot read the ledger: {exc}"),))
    return parse_ledger(text, display)


def parse_ledger(text: str, display: str) -> Ledger:
    """Parse a ledger's text; malformed and repeated lines become diagnostics."""
    lines: dict[str, int] = {}
    problems: list[Diagnostic] = []
    for no, raw in enumerate(text.splitlines(), start=1):
        slug = raw.split("#", 1)[0].strip()
        if not slug:
            continue
        if not re.fullmatch(SLUG_PATTERN, slug):
            problems.append(Diagnostic(display, no, "permalinks", (
                f"'{slug}' is not a slug; each line holds one slug (lowercase letters, digits "
                "and single hyphens) or a # comment")))
        elif slug in lines:
            problems.append(Diagnostic(display, no, "permalinks",
                                       f"'{slug}' is already on line {lines[slug]}; delete this line"))
        else:
            lines[slug] = no
    return Ledger(display, lines, tuple(problems))


def published_slugs(entries: Iterable[Entry]) -> set[str]:
    """Every slug the glossary serves now: entries' own and their ``redirect_from``."""
    return {s for e in entries for s in (e.slug, *e.redirect_from)}


def check_permalinks(entries: list[Entry], ledger: Ledger,
                     files: Iterable[str] = ()) -> list[Diagnostic]:
    """Report ledger slugs that no longer resolve, and served slugs missing from the ledger.

    ``files``: slugs of entry files that exist but did not load (their own errors say why), so
    that a typo in front matter is not also reported as a broken permalink.
    """
    diags = list(ledger.problems)
    served = published_slugs(entries) | set(files)
    for slug, line in ledger.lines.items():
        if slug not in served:
            diags.append(Diagnostic(ledger.path, line, "permalinks", (
                f"'{slug}' was published at terms/{slug}/ but no entry has that slug or lists it "
                f"in redirect_from; add `redirect_from: [{slug}]` to the entry that replaced it, "
                "or restore the file")))
    for e in entries:
        if e.slug not in ledger.lines:
            diags.append(Diagnostic(e.path, 1, "slug", (
                f"'{e.slug}' is not in {ledger.path}; run `gpu-glossary permalinks --record` "
                "so that a later rename of this entry cannot break its permalink")))
        for i, old in enumerate(e.redirect_from):
            if old not in ledger.lines:
                diags.append(Diagnostic(e.path, e.line_of("redirect_from", i), f"redirect_from[{i}]", (
                    f"'{old}' is not in {ledger.path}; run `gpu-glossary permalinks --record`")))
    return diags


def record(path: Path, slugs: Iterable[str]) -> list[str]:
    """Add ``slugs`` missing from the ledger file at ``path`` (creating it); return those added.

    Existing lines, comments included, are kept as they are; new slugs are appended in sorted
    order (in one append, so two scaffolds run at once do not lose each other's line), and the
    file's history reads as the order things were published.
    """
    if not path.exists():
        path.write_text(HEADER, encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    new = sorted(set(slugs) - set(parse_ledger(text, str(path)).lines))
    if new:
        lead = "" if not text or text.endswith("\n") else "\n"
        with path.open("a", encoding="utf-8") as f:
            f.write(lead + "".join(f"{s}\n" for s in new))
    return new
