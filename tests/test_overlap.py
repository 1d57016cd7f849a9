"""Shared-prose check: runs of words an entry shares with reference texts."""

import pytest

from conftest import entry_text
from generator.cli import main
from generator.overlap import References, check_entries, words_of
from generator.pipeline import load_and_validate

COPIED = ("Because each thread has its own private registers allocated from the register file, "
          "switching between warps needs no data movement at all.")
BODY = (f"Intro line.\n\nSome words first. {COPIED} Then our own words follow here.\n\n"
        "```cuda\n// because each thread has its own private registers allocated from the file\n```\n")


def test_words_drop_code_links_and_tags():
    text = "See [the SM](streaming-multiprocessor.md) and `code here`.\n\n```\nfenced words\n```\n<b>x</b> Y"
    assert [w.text for w in words_of(text)] == ["see", "the", "sm", "and", "x", "y"]
    assert [w.line for w in words_of("a\nb", first_line=7)] == [7, 8]


def test_copied_sentence_is_found_with_its_lines(make_glossary, tmp_path):
    gl_dir = make_glossary({"warp-switch": entry_text("Warp switch", body=BODY)})
    ref = tmp_path / "ref" / "other-glossary.md"
    ref.parent.mkdir()
    ref.write_text("# Title\n\nPreamble.\n\n" + COPIED.replace("switching", "so switching") + "\n")
    refs = References(10)
    assert refs.add_paths([ref.parent]) == []
    entries = load_and_validate(gl_dir).entries
    diags = check_entries(entries, refs)
    assert len(diags) == 1
    d = diags[0]
    # the front matter is 6 lines and a blank; "Some words first." is on line 10
    assert (d.line, d.field) == (10, "body")
    assert f"{ref.as_posix()}:5" in d.message
    assert d.message.startswith("13 words in a row are the same as")
    assert '"because each thread has its own private registers allocated from the register file' \
        in d.message


def test_reworded_text_and_short_phrases_pass(make_glossary, tmp_path):
    body = ("A warp keeps its registers in the register file for its whole life, so the scheduler "
            "can swap warps without saving anything. The number of threads in a block is fixed.")
    gl_dir = make_glossary({"warp-switch": entry_text("Warp switch", body=body)})
    refs = References(10)
    refs.add("ref.md", COPIED + " The number of threads in a block is fixed at launch.")
    assert check_entries(load_and_validate(gl_dir).entries, refs) == []


def test_summary_is_checked_too(make_glossary):
    summary = "A group of threads that execute the same instruction at the same time on one SM."
    gl_dir = make_glossary({"w": entry_text("W", summary=summary)})
    refs = References(8)
    refs.add("ref.txt", "Definition: a group of threads that execute the same instruction at the same time.")
    (d,) = check_entries(load_and_validate(gl_dir).entries, refs)
    assert (d.line, d.field) == (5, "summary")


def test_cli_exit_codes(make_glossary, tmp_path, capsys, monkeypatch):
    gl_dir = make_glossary({"warp-switch": entry_text("Warp switch", body=BODY)})
    ref = tmp_path / "copy.txt"
    ref.write_text(COPIED)
    monkeypatch.chdir(tmp_path)
    assert main(["overlap", str(ref), "--glossary", str(gl_dir)]) == 1
    out = capsys.readouterr()
    assert "glossary/terms/warp-switch.md:10: body: 22 words in a row" in out.out
    clean = tmp_path / "clean.txt"
    clean.write_text("Nothing in common with the entry at all, not one long run of words.")
    assert main(["overlap", str(clean), "--glossary", str(gl_dir)]) == 0
    assert main(["overlap", str(tmp_path / "missing.md"), "--glossary", str(gl_dir)]) == 2
    assert main(["overlap", str(clean), "--words", "2", "--glossary", str(gl_dir)]) == 2


def test_too_small_n_is_refused():
    with pytest.raises(ValueError):
        References(3)


def test_fingerprints_find_what_the_text_finds(make_glossary, tmp_path):
    gl_dir = make_glossary({"warp-switch": entry_text("Warp switch", body=BODY)})
    text_refs = References(10)
    text_refs.add("ref.md", COPIED)
    fp = tmp_path / "ref.fp"
    fp.write_bytes(text_refs.fingerprints(source="Some glossary", url="https://example.org/"))
    assert COPIED.lower().encode() not in fp.read_bytes()  # hashes only, no text
    refs = References(10)
    header = refs.add_fingerprints(fp)
    assert (header["source"], header["words"], header["runs"]) == ("Some glossary", 10, 13)
    (d,) = check_entries(load_and_validate(gl_dir).entries, refs)
    assert d.line == 10
    assert "22 words in a row are the same as in Some glossary: \"because each thread" in d.message


def test_broken_fingerprint_files_are_reported_not_raised(tmp_path):
    good = References(10)
    good.add("r.md", COPIED)
    files = {"junk.fp": b"\x00\xffnot json\nxx", "other-n.fp": References(8).fingerprints(),
             "truncated.fp": good.fingerprints()[:-3]}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    problems = References(10).add_paths([tmp_path])
    assert problems == [
        f"{tmp_path / 'junk.fp'}: not a gpu-glossary-fingerprints file",
        f"{tmp_path / 'other-n.fp'}: made with runs of 8 words; check with --words 8",
        f"{tmp_path / 'truncated.fp'}: truncated (101 bytes of hashes)",
    ]


def test_validate_checks_entries_against_the_projects_references(make_glossary, tmp_path, capsys,
                                                                 monkeypatch):
    gl_dir = make_glossary({"warp-switch": entry_text("Warp switch", body=BODY)})
    monkeypatch.chdir(tmp_path)
    assert main(["validate", str(gl_dir)]) == 0  # no references/ folder: nothing to compare
    refs = References(10)
    refs.add("ref.md", COPIED)
    (tmp_path / "references").mkdir()
    (tmp_path / "references" / "some.fp").write_bytes(refs.fingerprints(source="Some glossary"))
    capsys.readouterr()
    assert main(["validate", str(gl_dir)]) == 1
    assert capsys.readouterr().out.startswith(
        "glossary/terms/warp-switch.md:10: body: 22 words in a row are the same as in Some glossary")


def test_real_entries_share_no_prose_with_the_committed_references():
    """Every entry against the fingerprints in references/ (other glossaries, vendor pages)."""
    from conftest import ROOT
    from generator.pipeline import check_against_references

    prints = sorted((ROOT / "references").glob("*.fp"))
    assert len(prints) >= 3
    gl = load_and_validate(ROOT / "glossary", display_root=ROOT)
    assert len(gl.entries) > 150
    assert [str(d) for d in check_against_references(ROOT / "glossary", gl.entries, ROOT)] == []


def test_formulas_and_numbers_are_not_prose(make_glossary):
    body = "Sizes of the form 2 a 3 b 5 c 7 d 11 e are fastest, as the table 1 2 4 8 16 32 64 shows."
    gl_dir = make_glossary({"fft": entry_text("FFT sizes", body=body)})
    refs = References(10)
    refs.add("ref.md", "Transforms of the form 2 a 3 b 5 c 7 d 11 e; see table 1 2 4 8 16 32 64 now.")
    assert check_entries(load_and_validate(gl_dir).entries, refs) == []
