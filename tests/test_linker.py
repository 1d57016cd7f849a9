import pytest

from generator.linker import Linker, Term, plural_forms, terms_for
from generator.model import Entry


def _linker(*terms):
    return Linker([Term(t, s, cs) for t, s, cs in terms])


def _link(linker, text, own=None):
    return linker.link(text, own=own, href=lambda s: f"{s}.md").text


@pytest.mark.parametrize("name,forms", [
    ("warp", ["warp", "warps"]), ("cache", ["cache", "caches"]), ("SM", ["SM", "SMs"]),
    ("memory hierarchy", ["memory hierarchy", "memory hierarchies"]), ("bus", ["bus", "buses"]),
    ("LDS", ["LDS", "LDSs"]), ("x86", ["x86"]),
])
def test_plural_forms(name, forms):
    assert plural_forms(name) == forms


def test_longest_match_first():
    lk = _linker(("tensor memory", "tmem", False), ("tensor memory accelerator", "tma", False))
    assert _link(lk, "The tensor memory accelerator and tensor memory.") == \
        "The [tensor memory accelerator](tma.md) and [tensor memory](tmem.md)."


def test_abbreviation_is_case_sensitive_title_is_not():
    lk = _linker(("SM", "sm", True), ("Warp", "warp", False))
    assert _link(lk, "An sm and an SM; WARPS and warps.") == "An sm and an [SM](sm.md); [WARPS](warp.md) and warps."


def test_plurals_and_word_boundaries():
    lk = _linker(("SM", "sm", True), ("warp", "warp", False))
    assert _link(lk, "SMEM is not SMs; warped is not warps.") == \
        "SMEM is not [SMs](sm.md); warped is not [warps](warp.md)."


def test_never_inside_code_headings_links_html_or_own_page():
    lk = _linker(("warp", "warp", False), ("thread", "thread", False))
    text = ("## Warp\n\n`warp` [the warp](x.md) <b title=\"warp\">b</b> https://warp.example/warp\n\n"
            "```\nwarp\n```\nA thread in a warp.")
    out = _link(lk, text, own="thread")
    assert out.endswith("A thread in a [warp](warp.md).")
    assert out.count("(warp.md)") == 1


def test_first_mention_only_and_hand_links_count():
    lk = _linker(("warp", "warp", False))
    assert _link(lk, "warp warp") == "[warp](warp.md) warp"
    res = lk.link("warp", own=None, href=lambda s: s, already_linked={"warp"})
    assert res.text == "warp" and res.linked == frozenset()
    res = lk.link("warp warp", own=None, href=lambda s: s, first_only=False)
    assert res.text == "[warp](warp) [warp](warp)"


def test_unicode_offsets_survive_case_folding():
    lk = _linker(("warp", "warp", False))
    assert _link(lk, "İİ warp") == "İİ [warp](warp.md)"


def test_terms_for_marks_all_caps_titles_case_sensitive():
    e = Entry("ptx", "ptx.md", "PTX", "device-software", "nvidia", "S.", abbreviations=("PTX",),
              aliases=("parallel thread execution",))
    terms = {(t.text, t.case_sensitive) for t in terms_for([e])}
    assert terms == {("PTX", True), ("parallel thread execution", False)}


def test_matcher_is_one_automaton_for_many_terms():
    terms = [Term(f"term number {i}", f"t{i}", False) for i in range(3000)]
    lk = Linker(terms)
    text = " ".join(f"see term number {i}." for i in range(0, 3000, 7))
    found = lk.find(text)
    assert len(found) == len(range(0, 3000, 7))
    assert found[1][2] == "t7"
