"""Find an entry by any of its names, forgiving case, punctuation and typos (``gpu-glossary lookup``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from rapidfuzz import fuzz, process

from generator.model import Entry


def normalize(name: str) -> str:
    """Case-folded, with punctuation and spacing collapsed: "L2-Cache" -> "l2 cache"."""
    return " ".join(re.sub(r"[^\w.+#]+", " ", name.casefold()).split())


@dataclass(frozen=True)
class Match:
    entry: Entry
    name: str  # the name that matched
    score: float  # 100 for an exact (normalized) match


class TermIndex:
    """Every name of every entry, for exact and fuzzy look-up."""

    def __init__(self, entries: Iterable[Entry]):
        self.entries = list(entries)
        self._names: list[str] = []
        self._owners: list[Entry] = []
        self._exact: dict[str, Entry] = {}
        for e in self.entries:
            for name in (e.slug.replace("-", " "), *e.names):
                key = normalize(name)
                if key and key not in self._exact:
                    self._exact[key] = e
                    self._names.append(key)
                    self._owners.append(e)

    def lookup(self, query: str, limit: int = 5, cutoff: float = 70.0) -> list[Match]:
        """Best matches for ``query``: an exact name first, then close spellings, best first."""
        key = normalize(query)
        if not key:
            return []
        if key in self._exact:
            return [Match(self._exact[key], key, 100.0)]
        found = process.extract(key, self._names, scorer=fuzz.WRatio, limit=limit * 3,
                                score_cutoff=cutoff)
        out: list[Match] = []
        seen: set[str] = set()
        for name, score, i in found:
            owner = self._owners[i]
            if owner.slug in seen:
                continue
            seen.add(owner.slug)
            out.append(Match(owner, name, float(score)))
            if len(out) == limit:
                break
        return out
