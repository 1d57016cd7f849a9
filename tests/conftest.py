import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def make_glossary(tmp_path):
    """Write ``{slug: text}`` as entries of a throwaway glossary and return its folder."""

    def make(files: dict[str, str | bytes]) -> Path:
        terms = tmp_path / "glossary" / "terms"
        terms.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            path = terms / (name if name.endswith(".md") else f"{name}.md")
            if isinstance(text, bytes):
                path.write_bytes(text)
            else:
                path.write_text(text, encoding="utf-8")
        (tmp_path / "diagrams").mkdir(exist_ok=True)
        return tmp_path / "glossary"

    return make


def entry_text(title: str, *, category="device-hardware", vendor="nvidia", summary=None,
               extra: str = "", body: str = "Body.") -> str:
    summary = summary or f"{title} in one sentence."
    return (f"---\ntitle: {title}\ncategory: {category}\nvendor: {vendor}\nsummary: {summary}\n"
            f"{extra}---\n\n{body}\n")


@pytest.fixture(scope="session")
def served_site(tmp_path_factory):
    """The real site, built once per test session and served on localhost: (folder, base URL)."""
    from browser import require_browser, serve
    from test_build import mkdocs_build

    require_browser()
    dest = tmp_path_factory.mktemp("served-site")
    r = mkdocs_build(ROOT / "mkdocs.yml", dest)
    assert r.returncode == 0, r.stderr
    with serve(dest) as url:
        yield dest, url
