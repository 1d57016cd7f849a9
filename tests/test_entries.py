import random

import yaml

from conftest import ROOT, entry_text
from generator.entries import field_name, load_entries, parse_entry, split_front_matter


def test_split_front_matter_reports_body_line():
    yaml_text, body, line = split_front_matter("---\na: 1\nb: 2\n---\nbody\n")
    assert yaml_text == "a: 1\nb: 2" and body == "body\n" and line == 5


def test_parse_entry_records_lines_of_keys_and_items():
    text = entry_text("Warp", extra="aliases:\n  - warps\n  - wave\nrelations:\n  see_also: [a, b]\n")
    entry, diags = parse_entry("warp.md", text.encode())
    assert diags == []
    assert entry.slug == "warp" and entry.title == "Warp"
    assert entry.line_of("title") == 2
    assert entry.line_of("aliases", 1) == 8
    assert entry.line_of("relations", "see_also", 1) == 10
    assert entry.line_of("nothing", "here") == 1
    assert entry.body_line == 12 and entry.body.strip() == "Body."


def test_crlf_and_bom_are_accepted():
    text = "\ufeff" + entry_text("Warp").replace("\n", "\r\n")
    entry, diags = parse_entry("warp.md", text.encode())
    assert diags == [] and entry.title == "Warp"


def test_field_name_formats_locations():
    assert field_name(("relations", "part_of", 0)) == "relations.part_of[0]"
    assert field_name(("sources", 1, "url")) == "sources[1].url"
    assert field_name(()) == "front matter"


def test_yaml_that_is_not_a_mapping():
    _, diags = parse_entry("x.md", b"---\n- a\n- b\n---\n")
    assert [str(d) for d in diags] == ["x.md:1: front matter: front matter must be a mapping of keys to values"]


def test_non_string_keys_and_odd_yaml_never_raise():
    for raw in [b"---\n? [a, b]\n: 1\n---\n", b"---\n1: 2\n---\n", b"---\n&a [*a]\n---\n",
                b"---\n!!python/object:os.system {}\n---\n", b"---\ntitle: !!binary x\n---\n",
                b"---\n" + b"[" * 5000 + b"\n---\n", b"---\ntitle: 2024-01-01\n---\n"]:
        entry, diags = parse_entry("x.md", raw)
        assert entry is None and diags, raw[:30]


def test_random_bytes_never_raise():
    rng = random.Random(1234)
    alphabet = b"---\n:[]{}\"'#&*!|>-, \tabcxyz\x00\xff\xc3"
    for _ in range(400):
        raw = bytes(rng.choice(alphabet) for _ in range(rng.randint(0, 120)))
        if rng.random() < 0.5:
            raw = b"---\n" + raw + b"\n---\n"
        entry, diags = parse_entry("fuzz.md", raw)
        assert entry is not None or diags


def test_load_entries_sorted_and_relative(make_glossary):
    g = make_glossary({"b": entry_text("B"), "a": entry_text("A")})
    result = load_entries(g / "terms", display_root=g.parent)
    assert [e.path for e in result.entries] == ["glossary/terms/a.md", "glossary/terms/b.md"]


QUICK_CASES = [
    {},
    {"relations": {}},
    {"relations": {"part_of": [], "uses": ["b"]}},
    {"relations": {"part_of": "a"}},
    {"relations": {"part_of": ["Bad Slug"]}},
    {"relations": {"part_of": ["a\n"]}},
    {"relations": {"part": ["b"]}},
    {"relations": None},
    {"title": "  Warp  "},
    {"title": "\u00a0Warp"},
    {"title": "\x1cWarp"},
    {"title": "Warp\u3000"},
    {"title": ""},
    {"title": " "},
    {"title": 12},
    {"title": True},
    {"title": None},
    {"title": ["a"]},
    {"title": "W<a>"},
    {"title": "W|x"},
    {"summary": "S.\n"},
    {"summary": "x" * 250 + "."},
    {"summary": "x" * 199 + "."},
    {"summary": "no period"},
    {"summary": "Why?"},
    {"summary": "has *star*."},
    {"summary": "  Padded.  "},
    {"category": "perf"},
    {"category": 1},
    {"vendor": "AMD"},
    {"abbreviations": [" A ", "B"], "aliases": []},
    {"abbreviations": [""]},
    {"abbreviations": [1]},
    {"abbreviations": "A"},
    {"aliases": ["a`b"]},
    {"sources": [{"title": "X", "url": "https://x.y/a"}]},
    {"sources": [{"title": " X ", "url": "http://x"}]},
    {"sources": [{"title": "X", "url": "https://x.y/\n"}]},
    {"sources": [{"title": "X", "url": "ftp://x"}]},
    {"sources": [{"title": "X", "url": "https://x y"}]},
    {"sources": [{"title": "X", "url": "https://x", "extra": 1}]},
    {"sources": [{"title": "X"}]},
    {"sources": {"title": "X", "url": "https://x"}},
    {"redirect_from": ["old-name"], "examples": ["ex"], "diagrams": ["d-1"]},
    {"redirect_from": "old-name"},
    {"diagrams": ["D"]},
    {"widgets": ["memory-calculator"]},
    {"widgets": ["other"]},
    {"extra": 1},
]


def test_quick_check_agrees_with_the_pydantic_model():
    # quick_check may decline (None) but must never accept what the model would not, nor give
    # other values: the model is the definition of valid front matter.
    from pydantic import ValidationError

    from generator.frontmatter import quick_check
    from generator.schema import FrontMatter, fields_of

    base = {"title": "Warp", "category": "device-software", "vendor": "nvidia",
            "summary": "A group of threads.", "abbreviations": ["W"],
            "relations": {"see_also": ["wavefront"], "part_of": ["thread-block"]},
            "sources": [{"title": "Guide", "url": "https://docs.nvidia.com/x"}]}
    datas = [{**base, **case} for case in QUICK_CASES]
    datas += [{k: v for k, v in base.items() if k != key} for key in base]
    for path in sorted(ROOT.glob("glossary/terms/*.md")):
        yaml_text = split_front_matter(path.read_text("utf-8"))[0]
        datas.append(yaml.safe_load(yaml_text))
    accepted = 0
    for data in datas:
        try:
            expected = fields_of(FrontMatter.model_validate(data))
        except ValidationError:
            expected = None
        quick = quick_check(data)
        assert quick is None or quick == expected, data
        accepted += quick is not None
    assert accepted >= len(datas) // 2  # and it accepts the usual front matter


def test_unusual_yaml_gives_the_same_entry_and_lines():
    # Aliases, merge keys and tags go through PyYAML's constructor; plain front matter does not.
    plain = entry_text("T", extra="aliases: [a, b]\nabbreviations: [a, b]\n")
    aliased = entry_text("T", extra="aliases: &x [a, b]\nabbreviations: *x\n")
    merged = ("---\nbase: &b\n  title: T\n<<: *b\ncategory: device-hardware\nvendor: nvidia\n"
              "summary: S.\n---\n\nBody.\n")
    e1, d1 = parse_entry("t.md", plain.encode())
    e2, d2 = parse_entry("t.md", aliased.encode())
    assert d1 == d2 == [] and e1 == e2
    assert e2.line_of("abbreviations", 1) == e2.line_of("aliases", 1) == 6  # where the items are
    e3, d3 = parse_entry("t.md", merged.encode())
    assert e3 is None and [d.field for d in d3] == ["base"]  # the merge worked: only 'base' is unknown
    e4, d4 = parse_entry("t.md", entry_text("T", extra="x: &r [*r]\n").encode())  # contains itself
    assert e4 is None and [d.field for d in d4] == ["x"]
