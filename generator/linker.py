"""Automatic links: mentions of titles, abbreviations and aliases become links to their entry.

All names go into one Aho-Corasick automaton (pyahocorasick), so a page is matched in a single
pass whatever the number of terms. Matching rules:

* leftmost-longest: "tensor memory accelerator" wins over "tensor memory" at the same place;
* whole words only, with simple English plurals ("warps", "caches", "SMs");
* abbreviations and all-capital names are case-sensitive ("SM" links, "sm" does not); other
  names match in any case;
* never inside code, headings, links, raw HTML, URLs or admonition/tab titles (see ``mdscan``);
* never to the page's own entry, and only the first mention of each entry per page (an entry the
  author already linked by hand counts as mentioned).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

import ahocorasick

from generator.mdscan import Scan, scan
from generator.model import Entry, Slug


@dataclass(frozen=True)
class Term:
    """One name of one entry, as the matcher knows it."""

    text: str
    slug: Slug
    case_sensitive: bool


@dataclass(frozen=True)
class LinkResult:
    text: str
    linked: frozenset[Slug]  # entries linked automatically on this page


def plural_forms(name: str) -> list[str]:
    """The name and its regular English plural (last word only): warp -> warps, cache -> caches."""
    if not name or not name[-1].isalpha():
        return [name]
    last = name[-1]
    if name.isupper() or (len(name) > 1 and name[-2:].isupper()):
        return [name, name + "s"]  # SM -> SMs, GPU -> GPUs
    lower = name.lower()
    if lower.endswith(("s", "x", "z", "ch", "sh")):
        return [name, name + "es"]
    if lower.endswith("y") and len(lower) > 1 and lower[-2] not in "aeiou":
        return [name, name[:-1] + ("IES" if last.isupper() else "ies")]
    return [name, name + "s"]


def terms_for(entries: Iterable[Entry]) -> list[Term]:
    """Every linkable name of every entry. Abbreviations and all-capital names are case-sensitive."""
    out: list[Term] = []
    for e in entries:
        for name in (e.title, *e.aliases):
            out.append(Term(name, e.slug, case_sensitive=_is_all_caps(name)))
        for abbr in e.abbreviations:
            out.append(Term(abbr, e.slug, case_sensitive=True))
    return out


def _is_all_caps(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _fold(text: str) -> str:
    """Lowercase without changing the length, so offsets stay valid."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


class Linker:
    """Links the glossary's terms in Markdown text. Build once per glossary, reuse per page."""

    def __init__(self, terms: Iterable[Term]):
        self._automaton = ahocorasick.Automaton()
        table: dict[str, list[tuple[str, Slug, bool]]] = {}
        for term in terms:
            for form in plural_forms(term.text):
                key = _fold(form)
                if key.strip():
                    table.setdefault(key, []).append((form, term.slug, term.case_sensitive))
        for key, variants in table.items():
            self._automaton.add_word(key, (len(key), tuple(variants)))
        self._empty = not table
        if not self._empty:
            self._automaton.make_automaton()

    def find(self, text: str, skip: Callable[[int, int], bool] = lambda s, e: False,
             ) -> list[tuple[int, int, Slug]]:
        """Leftmost-longest whole-word matches in ``text`` as ``(start, end, slug)``."""
        if self._empty:
            return []
        folded = _fold(text)
        candidates: list[tuple[int, int, Slug]] = []
        n = len(text)
        for end_index, (length, variants) in self._automaton.iter(folded):
            start, end = end_index - length + 1, end_index + 1
            if start > 0:  # whole words only (_is_word_char, inlined: this loop is hot)
                c = text[start - 1]
                if c.isalnum() or c == "_":
                    continue
            if end < n:
                c = text[end]
                if c.isalnum() or c == "_":
                    continue
            for form, slug, case_sensitive in variants:
                if not case_sensitive or form == text[start:end]:
                    candidates.append((start, end, slug))
                    break
        candidates.sort(key=lambda c: (c[0], c[0] - c[1]))
        chosen: list[tuple[int, int, Slug]] = []
        last_end = -1
        for start, end, slug in candidates:
            if start >= last_end and not skip(start, end):
                chosen.append((start, end, slug))
                last_end = end
        return chosen

    def link(self, markdown: str, *, own: Slug | None,
             href: Callable[[Slug], str] | None = None,
             render: Callable[[str, Slug], str] | None = None,
             already_linked: Iterable[Slug] = (), first_only: bool = True,
             spans: Scan | None = None) -> LinkResult:
        """Return ``markdown`` with the first mention of each other entry turned into a link.

        A link is ``[text](href(slug))`` unless ``render(text, slug)`` says otherwise. ``spans``
        may pass the text's :func:`~generator.mdscan.scan` if the caller has it.
        """
        if render is None:
            if href is None:
                raise TypeError("link() needs href or render")
            render = lambda text, slug: f"[{text}]({href(slug)})"  # noqa: E731
        spans = spans if spans is not None else scan(markdown)
        done: set[Slug] = set(already_linked)
        if own is not None:
            done.add(own)
        out: list[str] = []
        linked: set[Slug] = set()
        pos = 0
        for start, end, slug in self.find(markdown, spans.is_protected):
            if slug in done:
                continue
            if first_only:
                done.add(slug)
            linked.add(slug)
            out.append(markdown[pos:start])
            out.append(render(markdown[start:end], slug))
            pos = end
        out.append(markdown[pos:])
        return LinkResult("".join(out), frozenset(linked))
