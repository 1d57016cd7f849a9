from generator.model import Entry
from generator.paths import load_paths, render_paths_page

A = Entry("a", "a.md", "Alpha", "device-hardware", "neutral", "First.")
B = Entry("b", "b.md", "Beta", "device-hardware", "neutral", "Second.")


def test_paths_load_and_render(tmp_path):
    f = tmp_path / "paths.yml"
    f.write_text("- id: p\n  title: P\n  summary: A path.\n  steps: [a, b]\n")
    paths, diags = load_paths(f, [A, B], "paths.yml")
    assert diags == []
    page = render_paths_page(paths, {"a": A, "b": B})
    assert "## P { #p }" in page
    assert "1. [Alpha](terms/a.md): First." in page and "2. [Beta](terms/b.md): Second." in page


def test_paths_report_missing_steps_with_line(tmp_path):
    f = tmp_path / "paths.yml"
    f.write_text("- id: p\n  title: P\n  summary: S.\n  steps:\n    - a\n    - nope\n- id: p\n  title: Q\n  summary: S.\n  steps: [a]\n- bad\n")
    _, diags = load_paths(f, [A, B], "paths.yml")
    assert [str(d) for d in diags] == [
        "paths.yml:6: [0].steps[1]: no entry 'nope' exists",
        "paths.yml:7: [1].id: duplicate path id 'p'",
        "paths.yml:10: [1].steps: a path needs at least two steps",
        "paths.yml:11: [2]: each path needs exactly: id, title, summary, steps",
    ]


def test_paths_bad_yaml(tmp_path):
    f = tmp_path / "paths.yml"
    f.write_text("- id: [unclosed\n")
    _, diags = load_paths(f, [A], "paths.yml")
    assert len(diags) == 1 and diags[0].field == "yaml" and "invalid YAML" in diags[0].message
