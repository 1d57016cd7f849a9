import subprocess
import sys

from conftest import FIXTURES, ROOT, entry_text

from generator.cli import main, slugify


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def test_validate_broken_exits_1_with_one_line_per_problem_and_no_traceback():
    r = run("validate", "tests/fixtures/broken/glossary")
    assert r.returncode == 1
    assert "Traceback" not in r.stdout + r.stderr
    lines = r.stdout.splitlines()
    assert len(lines) == 40
    assert all(l.startswith(("tests/fixtures/broken/glossary/terms/", "tests/fixtures/broken/diagrams/"))
               for l in lines)
    assert "40 errors in 34 file(s)" in r.stderr


def test_validate_good_exits_0():
    r = run("validate", "tests/fixtures/good/glossary")
    assert r.returncode == 0, r.stdout
    assert r.stdout == ""


def test_validate_single_file_reports_only_that_file():
    r = run("validate", "tests/fixtures/broken/glossary/terms/unknown-key.md")
    assert r.returncode == 1
    assert r.stdout.splitlines() == [
        "tests/fixtures/broken/glossary/terms/unknown-key.md:6: colour: unknown key 'colour'; "
        "allowed: title, category, vendor, summary, abbreviations, aliases, relations, sources, "
        "redirect_from, examples, diagrams, widgets"]


def test_validate_missing_path():
    r = run("validate", "no/such/dir")
    assert r.returncode == 2 and "no such file or directory" in r.stderr


def test_new_scaffolds_an_entry_that_validation_flags_until_filled(tmp_path, capsys):
    g = tmp_path / "glossary"
    (g / "terms").mkdir(parents=True)
    assert main(["new", "Warp Scheduler", "--category", "device-hardware", "--vendor", "nvidia",
                 "--glossary", str(g)]) == 0
    path = g / "terms" / "warp-scheduler.md"
    assert path.is_file()
    assert main(["validate", str(g)]) == 1
    out = capsys.readouterr().out
    assert "warp-scheduler.md:5: summary: still the scaffold's TODO" in out
    # Filling it in makes it pass.
    path.write_text(entry_text("Warp Scheduler", extra="sources:\n  - title: Guide\n    url: https://docs.nvidia.com/cuda/\n"))
    assert main(["validate", str(g)]) == 0
    assert main(["new", "Warp Scheduler", "--category", "device-hardware", "--vendor", "nvidia",
                 "--glossary", str(g)]) == 1  # never overwrites


def test_slugify():
    assert slugify("L2 Cache") == "l2-cache"
    assert slugify("Cubin and fatbinary (fatbin)") == "cubin-and-fatbinary-fatbin"
