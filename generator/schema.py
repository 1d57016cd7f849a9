"""The typed front matter of an entry (pydantic), and friendly messages for its errors.

This model is the definition of valid front matter. The loader first tries the pydantic-free
:func:`generator.frontmatter.quick_check` and imports this module only for front matter that
check cannot accept, usually to report its errors.
"""

from __future__ import annotations

import difflib
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, field_validator

from generator.frontmatter import (NAME_FORBIDDEN, SLUG_PATTERN, SUMMARY_FORBIDDEN, SUMMARY_MAX,
                                   URL_PATTERN)
from generator.model import CATEGORIES, RELATION_TYPES, VENDORS

NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
SlugStr = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
Url = Annotated[str, StringConstraints(pattern=URL_PATTERN)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class SourceModel(_Strict):
    title: NonEmpty
    url: Url


class RelationsModel(_Strict):
    part_of: list[SlugStr] = []
    has_part: list[SlugStr] = []
    kind_of: list[SlugStr] = []
    prerequisite: list[SlugStr] = []
    equivalent: list[SlugStr] = []
    compiles_to: list[SlugStr] = []
    runs_on: list[SlugStr] = []
    uses: list[SlugStr] = []
    see_also: list[SlugStr] = []


assert list(RelationsModel.model_fields) == list(RELATION_TYPES)


class FrontMatter(_Strict):
    """Everything an entry may say about itself. Unknown keys are errors."""

    title: NonEmpty
    category: Literal[tuple(CATEGORIES)]  # type: ignore[valid-type]
    vendor: Literal[tuple(VENDORS)]  # type: ignore[valid-type]
    summary: NonEmpty
    abbreviations: list[NonEmpty] = []
    aliases: list[NonEmpty] = []
    relations: RelationsModel = RelationsModel()
    sources: list[SourceModel] = []
    redirect_from: list[SlugStr] = []
    examples: list[SlugStr] = []
    diagrams: list[SlugStr] = []
    widgets: list[Literal["memory-calculator"]] = []

    @field_validator("title", "abbreviations", "aliases")
    @classmethod
    def _plain_names(cls, value):
        for name in [value] if isinstance(value, str) else value:
            if NAME_FORBIDDEN.search(name):
                raise ValueError(f"{name!r} must be plain text: no Markdown or HTML (< > [ ] ` |)")
        return value

    @field_validator("summary")
    @classmethod
    def _one_plain_sentence(cls, value: str) -> str:
        if len(value) > SUMMARY_MAX:
            raise ValueError(
                f"summary is {len(value)} characters; shorten it to at most {SUMMARY_MAX}"
            )
        if "\n" in value:
            raise ValueError("summary must be one line; use `summary: >-` to fold long lines")
        if SUMMARY_FORBIDDEN.search(value):
            raise ValueError("summary must be plain text: remove Markdown and HTML ([ ] ` < > * _)")
        if not value.endswith((".", "?", "!")):
            raise ValueError("summary must be a sentence ending with a period")
        return value


def fields_of(fm: FrontMatter) -> dict:
    """The validated values, in the form :func:`generator.frontmatter.quick_check` returns."""
    return {"title": fm.title, "category": fm.category, "vendor": fm.vendor, "summary": fm.summary,
            "abbreviations": list(fm.abbreviations), "aliases": list(fm.aliases),
            "relations": fm.relations.model_dump(), "sources": [(s.title, s.url) for s in fm.sources],
            "redirect_from": list(fm.redirect_from), "examples": list(fm.examples),
            "diagrams": list(fm.diagrams), "widgets": list(fm.widgets)}


FIELD_HELP = {
    "title": "the entry's name, e.g. `title: Streaming Multiprocessor`",
    "category": "one of: " + ", ".join(CATEGORIES),
    "vendor": "one of: " + ", ".join(VENDORS),
    "summary": "one plain sentence of at most 200 characters",
}


def friendly_errors(error: ValidationError) -> list[tuple[tuple, str]]:
    """Turn pydantic's errors into ``(location, message)`` pairs that say how to fix them."""
    out: list[tuple[tuple, str]] = []
    for err in error.errors(include_url=False):
        loc = tuple(err["loc"])
        kind = err["type"]
        name = str(loc[-1]) if loc else "front matter"
        if kind == "missing":
            hint = FIELD_HELP.get(name, "")
            msg = f"required field is missing; add `{name}:`" + (f" ({hint})" if hint else "")
        elif kind == "extra_forbidden":
            parent = loc[:-1]
            allowed = list(RelationsModel.model_fields if parent == ("relations",) else
                           SourceModel.model_fields if parent[:1] == ("sources",) else
                           FrontMatter.model_fields)
            what = "relation type" if parent == ("relations",) else "key"
            msg = f"unknown {what} '{name}'"
            close = difflib.get_close_matches(name, allowed, n=1)
            msg += f"; did you mean '{close[0]}'?" if close else ""
            msg += ("; allowed: " if not close else " Allowed: ") + ", ".join(allowed)
        elif kind == "literal_error":
            allowed = list(CATEGORIES if loc == ("category",) else
                           VENDORS if loc == ("vendor",) else ["memory-calculator"])
            got = err.get("input")
            close = difflib.get_close_matches(str(got), allowed, n=1)
            msg = f"unknown {name} {got!r}; use one of: " + ", ".join(allowed)
            if close:
                msg = f"unknown {name} {got!r}; did you mean '{close[0]}'? Allowed: " + ", ".join(allowed)
        elif kind == "string_pattern_mismatch":
            got = err.get("input")
            if name == "url" or (len(loc) > 1 and loc[-1] == "url"):
                msg = f"{got!r} is not an http(s) URL"
            else:
                msg = (f"{got!r} is not a valid slug; use lowercase letters, digits and single "
                       "hyphens, as in a file name under glossary/terms/")
        elif kind in ("list_type", "string_type", "model_type", "dict_type"):
            expected = {"list_type": "a list, e.g. `[a, b]`", "string_type": "a string",
                        "model_type": "a mapping of keys to values",
                        "dict_type": "a mapping of keys to values"}[kind]
            got = type(err.get("input")).__name__
            msg = f"expected {expected}, got {_yaml_type(got)}"
        elif kind == "string_too_short":
            msg = "must not be empty"
        elif kind == "value_error":
            msg = str(err["msg"]).removeprefix("Value error, ")
        else:
            msg = err["msg"]
        out.append((loc, msg))
    return out


def _yaml_type(python_type: str) -> str:
    return {"NoneType": "nothing (an empty value)", "str": "a string", "int": "a number",
            "float": "a number", "bool": "true/false", "list": "a list", "dict": "a mapping",
            "date": "a date", "datetime": "a date"}.get(python_type, python_type)
