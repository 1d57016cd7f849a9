"""The fixture glossary of broken entries: one file per check, exact messages and lines."""

from pathlib import Path

from conftest import FIXTURES, entry_text
from generator.model import Entry
from generator.pipeline import load_and_validate
from generator.validate import check_names, check_part_of_cycles, check_relations, resolve_entry_link

BROKEN = FIXTURES / "broken" / "glossary"
PREFIX = "tests/fixtures/broken/glossary/terms/"

EXPECTED = [
    'tests/fixtures/broken/diagrams/external.svg:3: svg: diagrams must not load anything external (url()/@import)',
    'tests/fixtures/broken/diagrams/external.svg:4: svg: diagrams must not load or link anything external',
    'tests/fixtures/broken/diagrams/external.svg:4: svg: no event-handler attributes in diagrams',
    'tests/fixtures/broken/diagrams/not-xml.svg:4: svg: not well-formed XML: mismatched tag: line 4, column 2',
    'tests/fixtures/broken/diagrams/untitled.svg:1: svg: needs a <title> and a <desc> as children of <svg>, for screen readers',
    'tests/fixtures/broken/diagrams/untitled.svg:1: svg: needs a viewBox so it scales with the page',
    'tests/fixtures/broken/diagrams/untitled.svg:1: svg: not used by any entry; add `diagrams: [untitled]` to an entry or delete it',
    'tests/fixtures/broken/diagrams/untitled.svg:1: svg: the <svg> needs role="img" and aria-labelledby naming its title and desc ids',
    "Bad_Name.md:1: slug: file name 'Bad_Name' is not a valid slug; rename the file to lowercase letters, digits and single hyphens, e.g. 'streaming-multiprocessor.md'",
    "bad-title.md:2: title: 'Bad <b>Title</b>' must be plain text: no Markdown or HTML (< > [ ] ` |)",
    "bad-url.md:8: sources[0].url: 'docs.nvidia.com/cuda' is not an http(s) URL",
    'bad-yaml.md:5: front matter: invalid YAML: found unexpected end of stream; check quoting and indentation',
    'binary-junk.md:2: file: not valid UTF-8 text; save the file as UTF-8',
    'cycle-a.md:7: relations.part_of[0]: part_of cycle: cycle-a -> cycle-b -> cycle-a; a thing cannot contain itself',
    'cycle-b.md:7: relations.part_of[0]: part_of cycle: cycle-a -> cycle-b -> cycle-a; a thing cannot contain itself',
    "dangling-relation.md:7: relations.see_also[1]: no entry 'no-such-entry' exists; create glossary/terms/no-such-entry.md or remove the relation",
    "duplicate-alias.md:6: aliases[0]: duplicate name 'Shared Thing': already the alias of tests/fixtures/broken/glossary/terms/base.md; each title, abbreviation and alias must belong to one entry",
    'duplicate-key.md:6: vendor: key appears twice; keep one',
    "duplicate-title.md:2: title: duplicate title 'base entry': already the title of tests/fixtures/broken/glossary/terms/base.md; each title, abbreviation and alias must belong to one entry",
    'empty.md:1: file: file is empty; start it with a front matter block (see CONTRIBUTING.md)',
    "equivalent-same-vendor.md:7: relations.equivalent[1]: 'base' has the same vendor (nvidia); 'equivalent' is for the same concept on another vendor, use see_also instead",
    'long-summary.md:5: summary: summary is 213 characters; shorten it to at most 200',
    "missing-anchor.md:8: body: link to missing anchor 'base.md#no-such-heading'; headings there: #real-heading",
    "missing-diagram.md:6: diagrams[0]: no diagram 'no-such-diagram': expected diagrams/no-such-diagram.svg",
    "missing-link.md:10: body: link to missing entry 'no-such-page.md'; fix or remove the link",
    'missing-summary.md:1: summary: required field is missing; add `summary:` (one plain sentence of at most 200 characters)',
    "no-front-matter.md:1: front matter: missing front matter; the file must start with a line '---'",
    "redirect-to-live.md:6: redirect_from[0]: 'base' is a live entry (tests/fixtures/broken/glossary/terms/base.md); a redirect may only name a slug that no longer exists",
    "scaffold-todo.md:5: summary: still the scaffold's TODO; write the one-sentence summary",
    "scaffold-todo.md:9: body: still the scaffold's TODO; replace it with your text",
    'self-relation.md:8: relations.see_also[0]: an entry cannot be related to itself; remove it',
    "unclosed-front-matter.md:1: front matter: front matter is not closed; add a line '---' after it",
    "unknown-category.md:3: category: unknown category 'hardware'; did you mean 'device-hardware'? Allowed: device-hardware, device-software, host-software, performance, interconnect, ml-systems",
    "unknown-key.md:6: colour: unknown key 'colour'; allowed: title, category, vendor, summary, abbreviations, aliases, relations, sources, redirect_from, examples, diagrams, widgets",
    "unknown-relation.md:7: relations.contains: unknown relation type 'contains'; allowed: part_of, has_part, kind_of, prerequisite, equivalent, compiles_to, runs_on, uses, see_also",
    'unsafe-iframe.md:9: body: unsafe HTML <iframe> is not allowed in entries; use Markdown, an example or a diagram instead',
    "unsafe-js-url.md:8: body: unsafe link URL 'javascript:alert(1)'; remove it",
    'unsafe-onclick.md:8: body: unsafe HTML: event-handler attribute in <img>; remove the on...= attribute',
    'unsafe-script.md:10: body: unsafe HTML <script> is not allowed in entries; use Markdown, an example or a diagram instead',
    'wrong-type.md:6: aliases: expected a list, e.g. `[a, b]`, got a string',
]


def test_broken_fixture_reports_every_problem_with_file_and_line():
    root = Path(__file__).resolve().parent.parent
    gl = load_and_validate(BROKEN, display_root=root)
    got = [str(d).removeprefix(PREFIX) for d in gl.diagnostics]
    assert got == EXPECTED


def test_every_broken_file_is_reported():
    root = Path(__file__).resolve().parent.parent
    gl = load_and_validate(BROKEN, display_root=root)
    reported = {Path(d.path).name for d in gl.diagnostics}
    files = {p.name for p in (BROKEN / "terms").glob("*.md")}
    assert files - reported == {"base.md", "base-amd.md", "uses-diagrams.md"}
    svgs = {p.name for p in (BROKEN.parent / "diagrams").glob("*.svg")}
    assert svgs <= reported


def test_good_fixture_is_clean():
    gl = load_and_validate(FIXTURES / "good" / "glossary")
    assert gl.diagnostics == []
    assert len(gl.entries) == 8


def _entry(slug, vendor="nvidia", **relations):
    return Entry(slug, f"{slug}.md", slug.title(), "device-hardware", vendor, "S.",
                 relations={k: tuple(v) for k, v in relations.items()},
                 lines={("relations", k, i): 10 + i for k, v in relations.items() for i in range(len(v))})


def test_has_part_and_part_of_together_make_a_cycle():
    a = _entry("a", has_part=["b"])
    b = _entry("b", has_part=["c"])
    c = _entry("c", has_part=["a"])
    diags = check_part_of_cycles([a, b, c], {e.slug: e for e in (a, b, c)})
    assert {d.path for d in diags} == {"a.md", "b.md", "c.md"}
    assert all("part_of cycle" in d.message for d in diags)


def test_consistent_part_of_and_has_part_are_not_a_cycle():
    a = _entry("a", part_of=["b"])
    b = _entry("b", has_part=["a"])
    assert check_part_of_cycles([a, b], {"a": a, "b": b}) == []


def test_relation_typo_gets_a_suggestion():
    a = _entry("warp-scheduler")
    b = _entry("b", see_also=["warp-schedular"])
    (d,) = check_relations([a, b], {"warp-scheduler": a, "b": b})
    assert d.message == "no entry 'warp-schedular' exists; did you mean 'warp-scheduler'?"
    assert (d.line, d.field) == (10, "relations.see_also[0]")


def test_equivalent_with_neutral_vendor_is_allowed():
    a = _entry("a", vendor="neutral", equivalent=["b"])
    b = _entry("b", vendor="amd")
    assert check_relations([a, b], {"a": a, "b": b}) == []


def test_abbreviation_equal_to_other_title_is_a_duplicate():
    a = Entry("a", "a.md", "LDS", "device-hardware", "amd", "S.")
    b = Entry("b", "b.md", "Local Data Share", "device-hardware", "amd", "S.", abbreviations=("LDS",))
    (d,) = check_names([a, b])
    assert d.path == "b.md" and "already the title of a.md" in d.message


def test_resolve_entry_link_table():
    assert resolve_entry_link("warp.md") == ("warp", None, True)
    assert resolve_entry_link("warp.md#divergence") == ("warp", "divergence", True)
    assert resolve_entry_link("../terms/warp.md") == ("warp", None, True)
    assert resolve_entry_link("#local") == (None, "local", True)
    assert resolve_entry_link("https://example.com/a.md") == (None, None, False)
    assert resolve_entry_link("../index.md") == (None, None, False)


def test_all_problems_reported_at_once(make_glossary):
    g = make_glossary({
        "a": entry_text("A", extra="relations:\n  see_also: [missing-one]\n"),
        "b": entry_text("B", category="nope"),
        "c": b"\x00\x01\x02binary",
    })
    gl = load_and_validate(g)
    assert len(gl.diagnostics) == 3
    assert [Path(d.path).name for d in gl.diagnostics] == ["a.md", "b.md", "c.md"]


def test_prerequisite_cycle_is_reported():
    from generator.validate import check_prerequisite_cycles
    a = _entry("a", prerequisite=["b"])
    b = _entry("b", prerequisite=["a"])
    diags = check_prerequisite_cycles([a, b], {"a": a, "b": b})
    assert [(d.path, d.field) for d in diags] == [("a.md", "relations.prerequisite[0]"),
                                                  ("b.md", "relations.prerequisite[0]")]
    assert "prerequisite cycle: a -> b -> a" in diags[0].message
