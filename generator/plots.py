"""Small, dependency-free SVG plots of measured sweeps (line charts and rooflines).

Pure functions: data in, an SVG string out. The SVG draws with ``currentColor`` and CSS classes
(``gg-plot*`` in the site's stylesheet), so it follows the light and dark palettes; it carries a
``<title>`` and a ``<desc>`` that states the numbers, for screen readers and for readers without
the picture.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

W, H = 640, 360
LEFT, RIGHT, TOP, BOTTOM = 70, 150, 50, 78


@dataclass(frozen=True)
class Series:
    label: str
    values: list[float]


@dataclass(frozen=True)
class RefLine:
    label: str
    value: float


def _ticks(lo: float, hi: float, log: bool) -> list[float]:
    if log:
        a, b = math.floor(math.log10(lo)), math.ceil(math.log10(hi))
        return [10.0 ** e for e in range(a, b + 1)]
    span = hi - lo or abs(hi) or 1.0
    step = 10 ** math.floor(math.log10(span / 5))
    for m in (1, 2, 5, 10):
        if span / (step * m) <= 6:
            step *= m
            break
    start = math.floor(lo / step) * step
    return [start + i * step for i in range(int((hi - start) / step) + 2) if start + i * step <= hi + step * 1e-9]


def _fmt(v: float) -> str:
    if v == 0:
        return "0"
    if abs(v) >= 1e9 or abs(v) < 1e-2:
        return f"{v:.0e}".replace("e+0", "e").replace("e-0", "e-")
    if abs(v) >= 1000:
        return f"{v:,.0f}"
    return f"{v:g}"


class _Axis:
    def __init__(self, lo: float, hi: float, log: bool, a: float, b: float):
        if log:
            lo, hi = 10 ** math.floor(math.log10(lo)), 10 ** math.ceil(math.log10(hi))
        elif lo == hi:
            lo, hi = lo - 1, hi + 1
        self.lo, self.hi, self.log, self.a, self.b = lo, hi, log, a, b

    def __call__(self, v: float) -> float:
        f = (math.log10(v) - math.log10(self.lo)) / (math.log10(self.hi) - math.log10(self.lo)) \
            if self.log else (v - self.lo) / (self.hi - self.lo)
        return self.a + f * (self.b - self.a)


def _frame(title: str, desc: str, pid: str) -> list[str]:
    return [f'<svg xmlns="http://www.w3.org/2000/svg" class="gg-plot" viewBox="0 0 {W} {H}" '
            f'role="img" aria-labelledby="{pid}-t {pid}-d">',
            f'<title id="{pid}-t">{escape(title)}</title>',
            f'<desc id="{pid}-d">{escape(desc)}</desc>',
            f'<text class="gg-plot__title" x="{LEFT}" y="20">{escape(title)}</text>']


def _axes(xa: _Axis, ya: _Axis, x_label: str, y_label: str, xticks: list[tuple[float, str]]) -> list[str]:
    out = [f'<rect class="gg-plot__frame" x="{LEFT}" y="{TOP}" width="{W - LEFT - RIGHT}" '
           f'height="{H - TOP - BOTTOM}"/>']
    for v in _ticks(ya.lo, ya.hi, ya.log):
        if ya.lo <= v <= ya.hi:
            y = ya(v)
            out.append(f'<line class="gg-plot__grid" x1="{LEFT}" x2="{W - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>')
            out.append(f'<text class="gg-plot__tick" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{_fmt(v)}</text>')
    room = (W - LEFT - RIGHT) / max(len(xticks), 1)
    rotate = any(len(label) * 6.5 > room for _, label in xticks)
    for x, label in xticks:
        out.append(f'<line class="gg-plot__grid" x1="{x:.1f}" x2="{x:.1f}" y1="{TOP}" y2="{H - BOTTOM}"/>')
        if rotate:  # long category names: slanted so they do not overlap
            out.append(f'<text class="gg-plot__tick" transform="translate({x + 4:.1f} {H - BOTTOM + 12}) '
                       f'rotate(-30)" text-anchor="end">{escape(label)}</text>')
        else:
            out.append(f'<text class="gg-plot__tick" x="{x:.1f}" y="{H - BOTTOM + 16}" text-anchor="middle">{escape(label)}</text>')
    out.append(f'<text class="gg-plot__label" x="{(LEFT + W - RIGHT) / 2}" y="{H - 8}" '
               f'text-anchor="middle">{escape(x_label)}</text>')
    out.append(f'<text class="gg-plot__label" transform="translate(16 {(TOP + H - BOTTOM) / 2}) rotate(-90)" '
               f'text-anchor="middle">{escape(y_label)}</text>')
    return out


def _refs(ya: _Axis, refs: list[RefLine]) -> list[str]:
    """Dashed horizontal lines, labelled at the right; labels pushed apart when lines are close."""
    shown = sorted((ya(r.value), r) for r in refs if ya.lo <= r.value <= ya.hi)
    out, last = [], -1e9
    for y, r in shown:
        ly = max(y + 4, last + 13)
        last = ly
        out += [f'<line class="gg-plot__ref" x1="{LEFT}" x2="{W - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>',
                f'<text class="gg-plot__reflabel" x="{W - RIGHT + 6}" y="{ly:.1f}">{escape(r.label)}</text>']
    return out


def _legend(labels: list[str]) -> list[str]:
    """One row of coloured series names between the title and the plot."""
    out, x = [], LEFT
    for n, label in enumerate(labels):
        out.append(f'<circle class="gg-plot__key gg-plot__s{n % 4}" cx="{x + 4}" cy="{TOP - 14}" r="4"/>')
        out.append(f'<text class="gg-plot__legend gg-plot__s{n % 4}" x="{x + 12}" y="{TOP - 10}">{escape(label)}</text>')
        x += 12 + 7 * len(label) + 18
    return out


def line_plot(title: str, x: list, series: list[Series], x_label: str, y_label: str, *,
              log_x: bool = False, log_y: bool = False, categorical: bool = False,
              refs: list[RefLine] = (), pid: str = "plot") -> str:
    """Lines through measured points. Numeric ``x`` is placed on a scale; strings (or any ``x``
    when ``categorical``) are evenly spaced categories in the given order."""
    categorical = categorical or any(isinstance(v, str) for v in x)
    xs = list(range(len(x))) if categorical else [float(v) for v in x]
    ys = [v for s in series for v in s.values if v is not None] + [r.value for r in refs]
    if log_y:
        ys = [v for v in ys if v > 0]
    lo, hi = min(ys), max(ys)
    ya = _Axis(lo if log_y else min(0.0, lo), hi * (1.0 if log_y else 1.08), log_y, H - BOTTOM, TOP)
    if categorical:
        pad = 0.5
        xa = _Axis(-pad, len(x) - 1 + pad, False, LEFT, W - RIGHT)
        xticks = [(xa(i), str(v)) for i, v in enumerate(x)]
        if len(x) > 16:  # keep labels legible: every other one
            xticks = xticks[::2]
    else:
        xa = _Axis(min(xs), max(xs), log_x, LEFT, W - RIGHT)
        xticks = [(xa(v), _fmt(v)) for v in (_ticks(xa.lo, xa.hi, log_x) if log_x else xs)]
    desc = "; ".join(f"{s.label}: " + ", ".join(f"{x[i]} → {_fmt(v)}" for i, v in enumerate(s.values))
                     for s in series)
    if refs:
        desc += "; reference lines: " + ", ".join(f"{r.label} {_fmt(r.value)}" for r in refs)
    out = _frame(title, desc + ".", pid) + _axes(xa, ya, x_label, y_label, xticks)
    out += _refs(ya, list(refs))
    for n, s in enumerate(series):
        pts = [(xa(xs[i]), ya(v)) for i, v in enumerate(s.values) if v is not None and (v > 0 or not log_y)]
        out.append(f'<polyline class="gg-plot__line gg-plot__s{n % 4}" points="'
                   + " ".join(f"{px:.1f},{py:.1f}" for px, py in pts) + '"/>')
        out += [f'<circle class="gg-plot__dot gg-plot__s{n % 4}" cx="{px:.1f}" cy="{py:.1f}" r="3.5"/>' for px, py in pts]
    out += _legend([s.label for s in series])
    out.append("</svg>")
    return "\n".join(out)


def roofline_plot(title: str, points: list[tuple[str, float, float]], peak_gflops: float,
                  peak_gbps: float, *, peak_label: str = "FP32 peak", pid: str = "roofline") -> str:
    """Measured kernels as points (label, FLOP per byte, GFLOP/s) under the roofline
    ``min(peak_gflops, intensity × peak_gbps)``, on log-log axes."""
    xs = [p[1] for p in points]
    ridge = peak_gflops / peak_gbps
    xa = _Axis(min(xs + [ridge]) / 2, max(xs + [ridge]) * 2, True, LEFT, W - RIGHT)
    ys = [p[2] for p in points] + [peak_gflops, xa.lo * peak_gbps]
    ya = _Axis(min(ys), peak_gflops * 1.5, True, H - BOTTOM, TOP)
    xticks = [(xa(v), _fmt(v)) for v in _ticks(xa.lo, xa.hi, True)]
    desc = (f"Roofline: memory roof {peak_gbps:,.0f} GB/s, {peak_label} {peak_gflops:,.0f} GFLOP/s, "
            f"ridge point {ridge:.1f} FLOP per byte. Measured: "
            + "; ".join(f"{lab} at {x:g} FLOP/byte → {y:,.0f} GFLOP/s ({y / min(peak_gflops, x * peak_gbps):.0%} of the roof)"
                        for lab, x, y in points) + ".")
    out = _frame(title, desc, pid) + _axes(xa, ya, "arithmetic intensity (FLOP per byte of DRAM traffic)",
                                            "GFLOP/s", xticks)
    x0, x1 = xa.lo, xa.hi
    roof = [(x0, x0 * peak_gbps), (ridge, peak_gflops), (x1, peak_gflops)]
    roof = [(x, y) for x, y in roof if y >= ya.lo] or roof
    out.append('<polyline class="gg-plot__roof" points="' + " ".join(f"{xa(x):.1f},{ya(y):.1f}" for x, y in roof) + '"/>')
    out.append(f'<text class="gg-plot__reflabel" x="{W - RIGHT + 6}" y="{ya(peak_gflops) + 4:.1f}">{escape(peak_label)}</text>')
    out.append(f'<text class="gg-plot__reflabel" x="{xa(ridge) + 4:.1f}" y="{ya(peak_gflops) + 16:.1f}">ridge {ridge:.0f} FLOP/B</text>')
    xm = ridge / 3  # on the sloped roof, left of the ridge
    out.append(f'<text class="gg-plot__reflabel" x="{xa(xm) - 8:.1f}" y="{ya(xm * peak_gbps) - 8:.1f}" '
               f'text-anchor="end">memory roof {peak_gbps:,.0f} GB/s</text>')
    pts = [(xa(x), ya(y)) for _, x, y in points]
    out.append('<polyline class="gg-plot__line gg-plot__s0" points="' + " ".join(f"{px:.1f},{py:.1f}" for px, py in pts) + '"/>')
    out += [f'<circle class="gg-plot__dot gg-plot__s0" cx="{px:.1f}" cy="{py:.1f}" r="3.5"><title>{escape(lab)}</title></circle>'
            for (px, py), (lab, _, _) in zip(pts, points)]
    out += _legend(["measured kernels"])
    out.append("</svg>")
    return "\n".join(out)
