import subprocess
import sys

import pytest

from conftest import FIXTURES, ROOT
from generator.pipeline import load_and_validate
from generator.textlink import link_text

GOOD = FIXTURES / "good" / "glossary"
BASE = "https://glossary.test/"


@pytest.fixture(scope="module")
def entries():
    return load_and_validate(GOOD).entries


def test_markdown_first_mention_longest_match_skips_code_and_links(entries):
    text = ("The tensor memory accelerator feeds the SM. Another SM. `SM` in code, "
            "[a warp](https://x.test/warp) already linked, then a warp.")
    out, linked = link_text(text, entries, BASE, "markdown")
    assert out == (
        "The [tensor memory accelerator](https://glossary.test/terms/tensor-memory-accelerator/) "
        "feeds the [SM](https://glossary.test/terms/streaming-multiprocessor/). Another SM. `SM` in code, "
        "[a warp](https://x.test/warp) already linked, then a [warp](https://glossary.test/terms/warp/).")
    assert linked == ["tensor-memory-accelerator", "streaming-multiprocessor", "warp"]


def test_html_output_escapes_text(entries):
    out, _ = link_text("<b> & a warp", entries, BASE, "html")
    assert out == '&lt;b&gt; &amp; a <a href="https://glossary.test/terms/warp/">warp</a>'


def test_slack_output_and_existing_slack_links(entries):
    out, _ = link_text("see <https://x.test|the warp docs> and the CTA", entries, BASE, "slack")
    assert out == "see <https://x.test|the warp docs> and the <https://glossary.test/terms/thread-block/|CTA>"


def test_unknown_format(entries):
    with pytest.raises(ValueError):
        link_text("x", entries, BASE, "rtf")


def run(*args, stdin=""):
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=ROOT, input=stdin,
                          capture_output=True, text=True, timeout=120)


def test_cli_link_reads_stdin_and_uses_base_url():
    r = run("link", "--glossary", str(GOOD), "--base-url", BASE, stdin="A wavefront.\n")
    assert r.returncode == 0
    assert r.stdout == "A [wavefront](https://glossary.test/terms/wavefront/).\n"


def test_cli_link_default_base_url_comes_from_mkdocs_yml():
    r = run("link", "--glossary", str(GOOD), stdin="An SM.")
    assert r.stdout == "An [SM](https://glossary.test/terms/streaming-multiprocessor/)."


def test_cli_lookup_exact_abbreviation_case_and_typos():
    r = run("lookup", "cta", "--glossary", str(GOOD))
    assert r.returncode == 0
    assert r.stdout.splitlines()[0] == "Thread Block: https://glossary.test/terms/thread-block/"
    r = run("lookup", "wavefrnot", "--glossary", str(GOOD))
    assert r.returncode == 1
    assert "Did you mean" in r.stderr
    assert "Wavefront: https://glossary.test/terms/wavefront/" in r.stdout
    r = run("lookup", "qqqq zzzz", "--glossary", str(GOOD))
    assert r.returncode == 1 and "No glossary entry matches 'qqqq zzzz'" in r.stderr
