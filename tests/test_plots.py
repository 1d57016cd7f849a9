"""SVG plots of measured sweeps: well-formed, accessible, numbers in the description."""

import xml.etree.ElementTree as ET

from generator.plots import RefLine, Series, line_plot, roofline_plot

NS = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == NS + "svg" and root.get("role") == "img" and root.get("viewBox")
    assert root.find(NS + "title").text and root.find(NS + "desc").text
    assert "http" not in svg.replace("http://www.w3.org/2000/svg", "")  # nothing from another host
    return root


def test_line_plot_with_categories_and_reference_lines():
    svg = line_plot("Bandwidth vs stride", ["1", "2", "4"], [Series("useful gbps", [3000.0, 1500.0, 750.0])],
                    "stride", "GB/s", refs=[RefLine("peak 4,800", 4800.0)])
    root = parse(svg)
    desc = root.find(NS + "desc").text
    assert "1 → 3,000" in desc and "4 → 750" in desc and "peak 4,800" in desc
    line = root.find(f"{NS}polyline")
    pts = [tuple(map(float, p.split(","))) for p in line.get("points").split()]
    assert len(pts) == 3
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    assert xs == sorted(xs) and ys == sorted(ys)  # falling values are drawn lower (SVG y grows down)
    assert xs[1] - xs[0] == xs[2] - xs[1]  # categories are evenly spaced
    dots = [c for c in root.findall(f"{NS}circle") if "gg-plot__dot" in c.get("class")]
    assert len(dots) == 3
    assert any("useful gbps" == t.text for t in root.iter(f"{NS}text"))  # the legend names the series


def test_log_axis_spaces_decades_evenly():
    svg = line_plot("t", [1, 10, 100], [Series("s", [1.0, 10.0, 100.0])], "x", "y", log_x=True, log_y=True)
    pts = [tuple(map(float, p.split(","))) for p in parse(svg).find(f"{NS}polyline").get("points").split()]
    assert abs((pts[1][0] - pts[0][0]) - (pts[2][0] - pts[1][0])) < 0.2
    assert abs((pts[0][1] - pts[1][1]) - (pts[1][1] - pts[2][1])) < 0.2


def test_roofline_states_the_ridge_and_each_point_against_its_roof():
    svg = roofline_plot("Roofline", [("copy", 0.125, 500.0), ("fma x 256", 64.0, 60000.0)], 67000.0, 4800.0)
    desc = parse(svg).find(NS + "desc").text
    assert "ridge point 14.0 FLOP per byte" in desc
    assert "copy at 0.125 FLOP/byte → 500 GFLOP/s (83% of the roof)" in desc
    assert "(90% of the roof)" in desc
