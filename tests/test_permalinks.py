"""The permalink ledger: a rename without a redirect, or an unrecorded slug, fails validation."""

from pathlib import Path

from conftest import ROOT, entry_text

from generator.cli import main
from generator.permalinks import LEDGER_FILE, check_permalinks, read_ledger, record
from generator.pipeline import load_and_validate


def _messages(glossary: Path) -> list[str]:
    gl = load_and_validate(glossary, display_root=glossary.parent)
    return [str(d) for d in gl.diagnostics]


def _ledger(glossary: Path, text: str) -> Path:
    path = glossary.parent / LEDGER_FILE
    path.write_text(text, encoding="utf-8")
    return path


def test_recorded_glossary_is_clean(make_glossary):
    g = make_glossary({"warp": entry_text("Warp"), "lane": entry_text("Lane")})
    _ledger(g, "# comment\nlane\nwarp  # the first one\n")
    assert _messages(g) == []


def test_rename_without_redirect_is_reported_at_the_ledger_line(make_glossary):
    g = make_glossary({"warp": entry_text("Warp")})
    _ledger(g, "old-warp\nwarp\n")
    assert _messages(g) == [
        "permalinks.txt:1: permalinks: 'old-warp' was published at terms/old-warp/ but no entry has "
        "that slug or lists it in redirect_from; add `redirect_from: [old-warp]` to the entry that "
        "replaced it, or restore the file"]


def test_rename_with_redirect_passes(make_glossary):
    g = make_glossary({"warp": entry_text("Warp", extra="redirect_from: [old-warp]\n")})
    _ledger(g, "old-warp\nwarp\n")
    assert _messages(g) == []


def test_unrecorded_entry_and_redirect_are_reported_on_the_entry(make_glossary):
    g = make_glossary({"warp": entry_text("Warp"),
                       "lane": entry_text("Lane", extra="redirect_from:\n  - thread-lane\n")})
    _ledger(g, "warp\n")
    assert _messages(g) == [
        "glossary/terms/lane.md:1: slug: 'lane' is not in permalinks.txt; run `gpu-glossary "
        "permalinks --record` so that a later rename of this entry cannot break its permalink",
        "glossary/terms/lane.md:7: redirect_from[0]: 'thread-lane' is not in permalinks.txt; run "
        "`gpu-glossary permalinks --record`"]


def test_an_entry_that_fails_to_load_is_not_also_a_broken_permalink(make_glossary):
    g = make_glossary({"warp": "---\ntitle: [unclosed\n---\n"})
    _ledger(g, "warp\n")
    msgs = _messages(g)
    assert msgs and all("glossary/terms/warp.md" in m for m in msgs)


def test_malformed_and_repeated_ledger_lines(tmp_path):
    path = tmp_path / LEDGER_FILE
    path.write_text("warp\nNot A Slug\n\nwarp\n", encoding="utf-8")
    ledger = read_ledger(path, LEDGER_FILE)
    assert ledger.lines == {"warp": 1}
    assert [str(d) for d in ledger.problems] == [
        "permalinks.txt:2: permalinks: 'Not A Slug' is not a slug; each line holds one slug "
        "(lowercase letters, digits and single hyphens) or a # comment",
        "permalinks.txt:4: permalinks: 'warp' is already on line 1; delete this line"]
    assert [str(d) for d in check_permalinks([], ledger, files=["warp"])] == [
        str(d) for d in ledger.problems]


def test_record_only_adds_and_keeps_what_is_there(tmp_path):
    path = tmp_path / LEDGER_FILE
    assert record(path, ["warp", "lane"]) == ["lane", "warp"]
    assert path.read_text().startswith("# Every slug")
    path.write_text(path.read_text() + "# gone, kept on purpose\nold-name\n")
    before = path.read_text()
    assert record(path, ["warp", "sm"]) == ["sm"]
    assert path.read_text() == before + "sm\n"
    assert record(path, ["warp"]) == []
    assert path.read_text() == before + "sm\n"


def test_cli_new_records_and_permalinks_reports(make_glossary, capsys, monkeypatch):
    g = make_glossary({"warp": entry_text("Warp")})
    ledger = _ledger(g, "warp\n")
    monkeypatch.chdir(g.parent)
    assert main(["permalinks", "--glossary", str(g)]) == 0
    assert main(["new", "Lane", "--category", "device-hardware", "--vendor", "nvidia",
                 "--glossary", str(g)]) == 0
    assert ledger.read_text() == "warp\nlane\n"
    (g / "terms" / "warp.md").rename(g / "terms" / "warps.md")   # a rename without a redirect
    capsys.readouterr()
    assert main(["permalinks", "--glossary", str(g)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("glossary/terms/warps.md:1: slug: 'warps' is not in permalinks.txt")
    assert out[1].startswith("permalinks.txt:1: permalinks: 'warp' was published")
    assert main(["permalinks", "--record", "--glossary", str(g)]) == 0
    assert capsys.readouterr().out == "warps\n"
    assert main(["permalinks", "--glossary", str(g)]) == 1   # recording never forgives the rename


def test_the_real_glossary_has_a_ledger_that_every_entry_is_in():
    ledger = read_ledger(ROOT / LEDGER_FILE, LEDGER_FILE)
    assert ledger.problems == ()
    slugs = {p.stem for p in (ROOT / "glossary" / "terms").glob("*.md")}
    assert slugs <= set(ledger.lines)
