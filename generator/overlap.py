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

Runs are kept as 8-byte hashes, so a reference can also be saved as *fingerprints*: the hashes
of its runs and nothing else (no text can be read back from them). The project keeps the
fingerprints of the glossaries and vendor pages its entries must not copy under
``references/``; a test checks every entry against them, so copied prose fails CI without the
project keeping anyone else's text.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from generator.mdscan import FENCE_OPEN, LINK_DEST, closes_fence
from generator.model import Diagnostic, Entry

DEFAULT_WORDS = 10
#: Files read as references: text-like files; anything else in a reference folder is skipped.
REFERENCE_SUFFIXES = (".md", ".txt", ".html", ".htm", ".rst", ".mdx")
#: A fingerprint file: one JSON header line, then the sorted 8-byte hashes of the runs.
FINGERPRINT_SUFFIX = ".fp"
FINGERPRINT_FORMAT = "gpu-glossary-fingerprints"
HASH_BYTES = 8

_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_STRIP = (
    re.compile(r"`[^`\n]*`"),                      # inline code
    re.compile(r"<[^<>\n]*>"),                     # HTML tags
    re.compile(r"\]\(" + LINK_DEST + r"(?:\s+\"[^\"]*\")?\)"),  # link targets: keep the link text
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

    def diagnostic(self, field: str) -> Diagnostic:
        quoted = " ".join(self.words)
        if len(quoted) > 120:
            quoted = quoted[:117] + "..."
        where = f"{self.ref_path}:{self.ref_line}" if self.ref_line else self.ref_path
        return Diagnostic(self.entry_path, self.entry_line, field,
                          f"{len(self.words)} words in a row are the same as in {where}: "
                          f"\"{quoted}\"; say it in your own words",
                          severity="error")


def words_of(text: str, first_line: int = 1) -> list[Word]:
    """The prose words of Markdown ``text``, lowercased, with their lines (code blocks dropped)."""
    out: list[Word] = []
    fence: tuple[str, int] | None = None  # as in generator.mdscan.scan
    for i, raw in enumerate(text.split("\n")):
        if fence is not None:
            if closes_fence(raw, fence):
                fence = None
            continue
        m = FENCE_OPEN.match(raw)
        if m:
            fence = (m.group("fence"), len(m.group("fence")))
            continue
        line = raw
        for pattern in _STRIP:
            line = pattern.sub(" ", line)
        lineno = first_line + i
        out.extend(Word(w, lineno) for w in _WORD.findall(line.lower()))
    return out


def run_hash(words: tuple[str, ...] | list[str]) -> bytes:
    """The 8-byte hash of a run of words (lowercase, as :func:`words_of` gives them)."""
    return hashlib.blake2b(" ".join(words).encode(), digest_size=HASH_BYTES).digest()


class FingerprintError(ValueError):
    """A fingerprint file that cannot be read."""


class References:
    """Every run of ``n`` words in a set of reference texts (as hashes), and where it first occurs."""

    def __init__(self, n: int = DEFAULT_WORDS) -> None:
        if n < 4:
            raise ValueError("n must be at least 4 words")
        self.n = n
        #: hash of a run -> (reference name, line; 0 where a fingerprint file gives no line)
        self.runs: dict[bytes, tuple[str, int]] = {}
        self.files = 0

    def add(self, name: str, text: str) -> None:
        words = words_of(text)
        n = self.n
        texts = [w.text for w in words]
        for i in range(len(texts) - n + 1):
            self.runs.setdefault(run_hash(texts[i:i + n]), (name, words[i].line))
        self.files += 1

    def add_fingerprints(self, path: Path) -> dict:
        """Add the runs of a fingerprint file; return its header. Raises FingerprintError."""
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise FingerprintError(f"{path}: cannot read: {exc.strerror or exc}") from exc
        head, sep, body = data.partition(b"\n")
        try:
            header = json.loads(head.decode("utf-8")) if sep else None
        except (UnicodeDecodeError, json.JSONDecodeError):
            header = None
        if not isinstance(header, dict) or header.get("format") != FINGERPRINT_FORMAT:
            raise FingerprintError(f"{path}: not a {FINGERPRINT_FORMAT} file")
        if header.get("words") != self.n:
            raise FingerprintError(f"{path}: made with runs of {header.get('words')} words; "
                                   f"check with --words {header.get('words')}")
        if len(body) % HASH_BYTES:
            raise FingerprintError(f"{path}: truncated ({len(body)} bytes of hashes)")
        name = str(header.get("source") or path.name)
        for i in range(0, len(body), HASH_BYTES):
            self.runs.setdefault(body[i:i + HASH_BYTES], (name, 0))
        self.files += 1
        return header

    def fingerprints(self, **header) -> bytes:
        """These references as a fingerprint file (header fields: source, url, ...)."""
        head = json.dumps({"format": FINGERPRINT_FORMAT, "version": 1, "words": self.n,
                           **header, "runs": len(self.runs)}, sort_keys=True)
        return head.encode() + b"\n" + b"".join(sorted(self.runs))

    def add_paths(self, paths: list[Path]) -> list[str]:
        """Read reference files, fingerprint files and folders of them (recursively); return
        the problems met (unreadable files), as messages."""
        problems = []
        suffixes = (*REFERENCE_SUFFIXES, FINGERPRINT_SUFFIX)
        for path in paths:
            files = sorted(p for p in path.rglob("*") if p.is_file()
                           and p.suffix.lower() in suffixes) if path.is_dir() else [path]
            if path.is_dir() and not files:
                problems.append(f"{path}: no reference files ({', '.join(suffixes)}) in it")
            for f in files:
                try:
                    if f.suffix.lower() == FINGERPRINT_SUFFIX:
                        self.add_fingerprints(f)
                    else:
                        self.add(f.as_posix(), f.read_text("utf-8", errors="replace"))
                except FingerprintError as exc:
                    problems.append(str(exc))
                except OSError as exc:
                    problems.append(f"{f}: cannot read: {exc.strerror or exc}")
        return problems

    def shared(self, path: str, words: list[Word]) -> list[Match]:
        """The maximal stretches of ``words`` made of runs that occur in the references."""
        n, runs = self.n, self.runs
        texts = [w.text for w in words]
        hashes = [run_hash(texts[i:i + n]) for i in range(len(texts) - n + 1)]
        found: list[Match] = []
        i, end = 0, len(hashes)
        while i < end:
            where = runs.get(hashes[i])
            if where is None:
                i += 1
                continue
            j = i + 1  # extend while the next run is also in a reference
            while j < end and hashes[j] in runs:
                j += 1
            stretch = tuple(texts[i:j - 1 + n])
            if sum(len(w) > 1 and w.isalpha() for w in stretch) * 2 >= len(stretch):
                found.append(Match(path, words[i].line, where[0], where[1], stretch))
            # (else it is a formula or a list of numbers, such as "2 a 3 b 5 c 7 d", not prose)
            i = j - 1 + n
        return found


def check_entries(entries: list[Entry], refs: References) -> list[Diagnostic]:
    """Every stretch an entry's summary or body shares with the references, as diagnostics."""
    diags = []
    for e in entries:
        for field, text, line in (("summary", e.summary, e.line_of("summary")),
                                  ("body", e.body, e.body_line)):
            diags += [m.diagnostic(field) for m in refs.shared(e.path, words_of(text, line))]
    return sorted(diags)
