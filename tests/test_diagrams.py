"""Every diagram in diagrams/ is valid, accessible SVG, used by an entry, and self-contained."""

import xml.etree.ElementTree as ET

from conftest import ROOT
from generator.entries import load_entries
from generator.validate import SVG_NS, check_diagram_files

DIAGRAMS = ROOT / "diagrams"


def test_real_diagrams_pass_every_check():
    entries = load_entries(ROOT / "glossary" / "terms").entries
    assert check_diagram_files(DIAGRAMS, entries, ROOT) == []


def test_there_are_diagrams_and_each_has_title_desc_and_theme_colours():
    svgs = sorted(DIAGRAMS.glob("*.svg"))
    assert len(svgs) >= 8
    for svg in svgs:
        text = svg.read_text("utf-8")
        root = ET.fromstring(text)
        assert root.find(SVG_NS + "title").text.strip(), svg.name
        assert len(root.find(SVG_NS + "desc").text.split()) >= 10, svg.name
        assert "currentColor" in text, f"{svg.name}: strokes and text must follow the theme"
        assert root.get("width") is None and root.get("height") is None, svg.name
        # Ids must be unique per page: diagrams prefix theirs.
        ids = [el.get("id") for el in root.iter() if el.get("id")]
        assert len(ids) == len(set(ids)), svg.name
