from generator.mdscan import heading_slug, scan


def test_code_headings_links_are_protected():
    text = "# Title\n\nSee `code` and [a link](warp.md) and <span>x</span>.\n\n```\nfenced\n```\nplain"
    s = scan(text)
    for word in ("Title", "code", "a link", "span", "fenced"):
        i = text.index(word)
        assert s.is_protected(i, i + len(word)), word
    i = text.index("plain")
    assert not s.is_protected(i, i + 5)
    assert [l.url for l in s.links] == ["warp.md"]
    assert [h.id for h in s.headings] == ["title"]


def test_fence_with_tilde_and_longer_close():
    text = "~~~~\ninside\n~~~~~\nafter"
    s = scan(text)
    assert s.is_protected(text.index("inside"), text.index("inside") + 6)
    assert not s.is_protected(text.index("after"), text.index("after") + 5)


def test_link_line_numbers_across_paragraph_lines():
    text = "first line\nsecond [x](a.md)\n\nthird [y](b.md)"
    s = scan(text)
    assert [(l.url, l.line) for l in s.links] == [("a.md", 1), ("b.md", 3)]


def test_duplicate_headings_get_suffixes_and_explicit_ids():
    s = scan("## Setup\n\n## Setup\n\n## Other {#custom}\n\n## `code` *x*\n")
    assert [h.id for h in s.headings] == ["setup", "setup_1", "custom", "code-x"]


def test_admonition_and_tab_titles_are_protected():
    text = '!!! note "Warp"\n    body warp\n\n=== "CUDA"\n'
    s = scan(text)
    assert s.is_protected(text.index("Warp"), text.index("Warp") + 4)
    assert not s.is_protected(text.index("body"), text.index("body") + 4)
    assert s.is_protected(text.index("CUDA"), text.index("CUDA") + 4)


def test_heading_slug_matches_toc():
    assert heading_slug("Why it matters") == "why-it-matters"
    assert heading_slug("The [SM](sm.md) and `PTX`") == "the-sm-and-ptx"


def test_link_destination_keeps_balanced_parentheses():
    s = scan("See [w](https://en.wikipedia.org/wiki/Warp_(x)) and [j](javascript:alert(1)).")
    assert [l.url for l in s.links] == ["https://en.wikipedia.org/wiki/Warp_(x)", "javascript:alert(1)"]
