import random

from conftest import entry_text
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
