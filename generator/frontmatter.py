"""A quick check of front matter that is valid, without pydantic.

:class:`generator.schema.FrontMatter` (pydantic) defines what valid front matter is and explains
every error. Importing pydantic and building that model takes longer than loading a few hundred
entries, so the loader first asks :func:`quick_check`. It accepts only front matter it can show
to be valid (plain types, known keys, the same constraints as the model) and returns exactly the
values the model would; for anything else it returns None, and the loader asks the model, which
reports the problems, or accepts what the quick check was too cautious to. So pydantic is only
imported when an entry needs it, and the model stays the one definition of the rules (a test
checks that the two agree).
"""

from __future__ import annotations

import re
from typing import Any

from generator.model import CATEGORIES, RELATION_TYPES, VENDORS

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
URL_PATTERN = r"^https?://[^\s<>\"']+$"
SUMMARY_MAX = 200
WIDGET_NAMES = ("memory-calculator",)
#: What a title, abbreviation or alias must not contain: it is plain text, no Markdown or HTML.
NAME_FORBIDDEN = re.compile(r"[<>\[\]`|\n]")
#: What a summary must not contain: it is one plain sentence.
SUMMARY_FORBIDDEN = re.compile(r"[\[\]`<>*_]|\]\(")

REQUIRED = frozenset({"title", "category", "vendor", "summary"})
FIELDS = REQUIRED | {"abbreviations", "aliases", "relations", "sources", "redirect_from",
                     "examples", "diagrams", "widgets"}

# fullmatch, not ^...$: in Python `$` also matches before a final newline, pydantic's does not.
_SLUG = re.compile(SLUG_PATTERN[1:-1])
_URL = re.compile(URL_PATTERN[1:-1])
_ASCII_SPACE = " \t\n\r\f\v"


def _text(value: Any) -> str | None:
    """A non-empty string with outer whitespace stripped, as the model's ``NonEmpty`` gives it.

    Only ASCII whitespace is stripped here; any other whitespace at either end (where Python's
    and pydantic's notions of whitespace could differ) is left to pydantic.
    """
    if type(value) is not str:
        return None
    text = value.strip(_ASCII_SPACE)
    return text if text and text == text.strip() else None


def _texts(value: Any) -> list[str] | None:
    if type(value) is not list:
        return None
    out = [_text(v) for v in value]
    return None if None in out else out


def _slugs(value: Any) -> list[str] | None:
    if type(value) is not list or not all(type(v) is str and _SLUG.fullmatch(v) for v in value):
        return None
    return list(value)


def _summary_ok(summary: str) -> bool:
    return (len(summary) <= SUMMARY_MAX and "\n" not in summary
            and not SUMMARY_FORBIDDEN.search(summary) and summary.endswith((".", "?", "!")))


def quick_check(data: dict) -> dict[str, Any] | None:
    """The fields of valid front matter ``data`` (see :func:`generator.schema.fields_of`), or None
    when this check cannot tell that it is valid."""
    keys = data.keys()
    if not (REQUIRED <= keys <= FIELDS):
        return None
    title, summary = _text(data["title"]), _text(data["summary"])
    category, vendor = data["category"], data["vendor"]
    if (title is None or NAME_FORBIDDEN.search(title) or summary is None or not _summary_ok(summary)
            or type(category) is not str or category not in CATEGORIES
            or type(vendor) is not str or vendor not in VENDORS):
        return None
    abbreviations, aliases = _texts(data.get("abbreviations", [])), _texts(data.get("aliases", []))
    if abbreviations is None or aliases is None or any(
            NAME_FORBIDDEN.search(n) for n in (*abbreviations, *aliases)):
        return None
    rel = data.get("relations", {})
    if type(rel) is not dict or not rel.keys() <= RELATION_TYPES.keys():
        return None
    relations = {}
    for name in RELATION_TYPES:  # the model's field order
        targets = _slugs(rel.get(name, []))
        if targets is None:
            return None
        relations[name] = targets
    sources = data.get("sources", [])
    if type(sources) is not list:
        return None
    cited = []
    for source in sources:
        if type(source) is not dict or source.keys() != {"title", "url"}:
            return None
        source_title, url = _text(source["title"]), source["url"]
        if source_title is None or type(url) is not str or not _URL.fullmatch(url):
            return None
        cited.append((source_title, url))
    lists = {k: _slugs(data.get(k, [])) for k in ("redirect_from", "examples", "diagrams")}
    widgets = data.get("widgets", [])
    if None in lists.values() or type(widgets) is not list or any(
            type(w) is not str or w not in WIDGET_NAMES for w in widgets):
        return None
    return {"title": title, "category": category, "vendor": vendor, "summary": summary,
            "abbreviations": abbreviations, "aliases": aliases, "relations": relations,
            "sources": cited, **lists, "widgets": list(widgets)}
