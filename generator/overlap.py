"""Find prose that an entry shares word for word with a reference text.

Entries must be written in their own words (CONTRIBUTING.md): facts carry over from sources,
sentences do not. This module finds the runs of words an entry's summary and body share with
reference texts a contributor read (another glossary, vendor documentation, a saved web page),
so that copied or barely reworded sentences are caught before review.

It works on words, not characters: both sides are lowercased and cut into words (letters and
digits; Markdown syntax, link targets, HTML tags and code are dropped), every run of ``n``
consecutive words of the references goes into a set, and each entry is scanned once for the
longest stretches made of runs from that set. Linear in the size of the texts.

A shared run of ``n`` words or more is reported as ``file:line: body: ...`` with the words, and
the reference file and line they come from. Short technical phrases ("the number of threads in
a block") are shorter than the default ``n`` of 10; a longer shared run is almost never chance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.model import Diagnostic, Entry

DEFAULT_WORDS = 10
#: Files read as references: text-like files; anything else in a reference folder is skipped.
REFERENCE_SUFFIXES = (".md", ".txt", ".html", ".htm", ".rst", ".mdx")

_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_FENCE = re.compile(r"^\s*(```|~~~)")
_STRIP = (
    re.compile(r"`[^`\n]*`"),                      # inline code
    re.compile(r"<[^<>\n]*>"),                     # HTML tags
    re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"),  # link targets: keep the link text
    re.compile(r"https?://\S+"),                   # bare URLs
    re.compile(r"\{[:#.][^}\n]*\}"),               # attribute lists
)


@dataclass(frozen=True)
class Word:
    text: str
    line: int  # 1-based line in its file


@dataclass(frozen=True)
class Match:
    """A stretch of at least ``n`` words that an entry shares with a reference."""

    entry_path: str
    entry_line: int
    ref_path: str
    ref_line: int
    words: tuple[str, ...]

    def diagnostic(self, field: str = "body") -> Diagnostic:
        quoted = " ".join(self.words)
        if len(quoted) > 120:
            quoted = quoted[:117] + "..."
        return Diagnostic(self.entry_path, self.entry_line, field,
                          f"{len(self.words)} words in a row are the same as in {self.ref_path}:"
                          f"{self.ref_line}: \"{quoted}\"; say it in your own words",
                          severity="error")


def words_of(text: str, first_line: int = 1) -> list[Word]:
    """The prose words of Markdown ``text``, lowercased, with their lines (code blocks dropped)."""
    out: list[Word] = []
    in_fence = None
    for i, raw in enumerate(text.split("\n")):
        fence = _FENCE.match(raw)
        if in_fence is not None:
            if fence and fence.group(1) == in_fence:
                in_fence = None
            continue
        if fence:
            in_fence = fence.group(1)
            continue
        line = raw
        for pattern in _STRIP:
            line = pattern.sub(" ", line)
        lineno = first_line + i
        out.extend(Word(w, lineno) for w in _WORD.findall(line.lower()))
    return out


class References:
    """Every run of ``n`` words in a set of reference texts, and where it first occurs."""

    def __init__(self, n: int = DEFAULT_WORDS) -> None:
        if n < 4:
            raise ValueError("n must be at least 4 words")
        self.n = n
        self.runs: dict[tuple[str, ...], tuple[str, int]] = {}
        self.files = 0

    def add(self, name: str, text: str) -> None:
        words = words_of(text)
        n = self.n
        texts = [w.text for w in words]
        for i in range(len(texts) - n + 1):
            self.runs.setdefault(tuple(texts[i:i + n]), (name, words[i].line))
        self.files += 1

    def add_paths(self, paths: list[Path]) -> list[str]:
        """Read reference files and folders (recursively); return the problems met (unreadable
        files), as messages."""
        problems = []
        for path in paths:
            files = sorted(p for p in path.rglob("*") if p.is_file()
                           and p.suffix.lower() in REFERENCE_SUFFIXES) if path.is_dir() else [path]
            if path.is_dir() and not files:
                problems.append(f"{path}: no reference files ({', '.join(REFERENCE_SUFFIXES)}) in it")
            for f in files:
                try:
                    self.add(f.as_posix(), f.read_text("utf-8", errors="replace"))
                except OSError as exc:
                    problems.append(f"{f}: cannot read: {exc.strerror or exc}")
        return problems

    def shared(self, path: str, words: list[Word]) -> list[Match]:
        """The maximal stretches of ``words`` made of runs that occur in the references."""
        n, runs = self.n, self.runs
        texts = [w.text for w in words]
        found: list[Match] = []
        i, end = 0, len(texts) - n + 1
        while i < end:
            where = runs.get(tuple(texts[i:i + n]))
            if where is None:
                i += 1
                continue
            j = i + 1  # extend while the next run is also in a reference
            while j < end and tuple(texts[j:j + n]) in runs:
                j += 1
            found.append(Match(path, words[i].line, where[0], where[1],
                               tuple(texts[i:j - 1 + n])))
            i = j - 1 + n
        return found


def entry_matches(entry: Entry, refs: References) -> list[Match]:
    """Shared stretches in an entry's summary and body."""
    summary_line = entry.line_of("summary")
    matches = refs.shared(entry.path, words_of(entry.summary, summary_line))
    matches += refs.shared(entry.path, words_of(entry.body, entry.body_line))
    return matches


def check_entries(entries: list[Entry], refs: References) -> list[Diagnostic]:
    diags = []
    for e in entries:
        summary_line = e.line_of("summary")
        for m in entry_matches(e, refs):
            diags.append(m.diagnostic("summary" if m.entry_line == summary_line
                                      and m.entry_line < e.body_line else "body"))
    return sorted(diags)
