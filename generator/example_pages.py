"""The "Examples" section of an entry page: content tabs with the sources, the compiler output
(annotated), the measured result with its device, tables with shares of peak, and SVG plots.

Produces Markdown (content tabs in pymdownx.tabbed syntax, tables, admonitions, inline SVG), so
any renderer that reads those shows it.
"""

from __future__ import annotations

import json

from generator.example_build import ASM_KINDS, asm_target
from generator.examples import Example, rows_of
from generator.model import Entry
from generator.plots import RefLine, Series, line_plot, roofline_plot

LANG_TABS = (("cuda", "CUDA C++", "cuda"), ("hip", "HIP", "cpp"), ("triton", "Triton", "python"))
PEAK_NAMES = {"gbps": "memory bandwidth", "fp32_gflops": "FP32 (non-tensor) arithmetic",
              "tensor_fp16_gflops": "dense FP16 Tensor Core arithmetic"}
PEAK_UNITS = {"gbps": "GB/s", "fp32_gflops": "GFLOP/s", "tensor_fp16_gflops": "GFLOP/s"}


def _indent(text: str, n: int = 4) -> str:
    return "\n".join((" " * n + ln) if ln else "" for ln in text.rstrip("\n").split("\n"))


def _annotate(text: str, ex: Example) -> list[str]:
    notes = []
    lines = text.split("\n")
    for a in ex.manifest.annotations:
        hit = next((i for i, ln in enumerate(lines) if a.match in ln), None)
        if hit is not None:
            notes.append(f"- Line {hit + 1}, `{lines[hit].strip()[:70]}`: {a.note}")
    return notes


def peaks_of(res: dict) -> dict[str, tuple[float, str]]:
    """The spec-sheet peaks a result was checked against (older results record only bandwidth)."""
    peaks = {k: (v[0], v[1]) for k, v in res.get("peaks", {}).items()}
    if "gbps" not in peaks and "peak_gbps" in res:
        peaks["gbps"] = (res["peak_gbps"], res.get("peak_source", "spec sheet"))
    return peaks


def _fmt(v, spec: str = "") -> str:
    if isinstance(v, bool) or v is None:
        return {True: "yes", False: "no", None: ""}[v]
    if spec and isinstance(v, (int, float)):
        return format(v, spec)
    if isinstance(v, float):
        return f"{v:,.4g}"
    return str(v)


def _device_line(res: dict) -> str:
    dev, smi = res["device"], res.get("nvidia_smi", {})
    rt = dev.get("cuda_runtime", 0)
    sw = f"CUDA runtime {rt // 1000}.{rt % 1000 // 10}"
    if dev.get("triton"):
        sw += f", PyTorch {dev.get('torch', '?')}, Triton {dev['triton']}"
    return (f"Measured on an **{dev['name']}** ({dev['sm_count']} SMs, compute capability "
            f"{dev['cc']}), driver {smi.get('driver_version', '?')}, {sw}, max clocks "
            f"{smi.get('clocks.max.sm', '?')} (SM) / {smi.get('clocks.max.memory', '?')} (memory), "
            f"on {res['date'][:10]}.")


def _peaks_line(peaks: dict[str, tuple[float, str]]) -> str:
    return "Spec-sheet peaks: " + "; ".join(
        f"{PEAK_NAMES[k]} {v:,.0f} {PEAK_UNITS[k]} ({src})" for k, (v, src) in peaks.items()) + "."


def result_table(ex: Example, res: dict) -> list[str]:
    """A table of the output's rows as the manifest's ``table`` says, with shares of peak."""
    o, peaks = res["output"], peaks_of(res)
    cols = ex.manifest.table
    if cols:
        head, align = [], []
        for c in cols:
            head.append(c.label)
            align.append("---:" if c.format or c.share_of else "---")
            if c.share_of and c.share_of in peaks:
                head.append("share of peak")
                align.append("---:")
        out = ["| " + " | ".join(head) + " |", "|" + "|".join(align) + "|"]
        for r in _table_rows(o):
            cells = []
            for c in cols:
                v = r.get(c.key)
                cells.append(_fmt(v, c.format))
                if c.share_of and c.share_of in peaks:
                    cells.append(f"{v / peaks[c.share_of][0]:.0%}" if isinstance(v, (int, float)) else "")
            out.append("| " + " | ".join(cells) + " |")
        return out
    return _legacy_table(ex.name, o, peaks.get("gbps", (1.0, ""))[0])


def _legacy_table(name: str, o: dict, peak: float) -> list[str]:
    """Tables of the first examples, whose output predates the manifest's ``table``."""
    pct = lambda g: f"{g / peak:.0%}"  # noqa: E731
    if name == "vector-add":
        return ["| measured | value | share of peak |", "|---|---:|---:|",
                f"| kernel time, 2^28 floats per array | {o['kernel_ms']:.3f} ms | |",
                f"| kernel bandwidth (2 reads + 1 write) | {o['kernel_gbps']:.0f} GB/s | {pct(o['kernel_gbps'])} |",
                f"| cudaMemcpy device-to-device | {o['memcpy_d2d_gbps']:.0f} GB/s | {pct(o['memcpy_d2d_gbps'])} |",
                f"| kernel / cudaMemcpy | {o['kernel_gbps'] / o['memcpy_d2d_gbps']:.0%} | |"]
    if name == "coalescing":
        rows = ["| stride (floats) | time | useful bandwidth | share of peak |", "|---:|---:|---:|---:|"]
        rows += [f"| {s['stride']} | {s['ms']:.3f} ms | {s['useful_gbps']:.0f} GB/s | {pct(s['useful_gbps'])} |"
                 for s in o["sweep"]]
        rows.append(f"| cudaMemcpy | | {o['memcpy_d2d_gbps']:.0f} GB/s | {pct(o['memcpy_d2d_gbps'])} |")
        return rows
    if name == "warp-reduce":
        return ["| version | sum (exact: " + str(o["expected"]) + ") | time | read bandwidth | share of peak |",
                "|---|---:|---:|---:|---:|",
                *[f"| {label} | {o[k]['sum']:.0f} | {o[k]['ms']:.3f} ms | {o[k]['gbps']:.0f} GB/s | {pct(o[k]['gbps'])} |"
                  for k, label in (("shuffle", "warp shuffle"), ("shared", "shared-memory tree"))],
                f"| cudaMemcpy | | | {o['memcpy_d2d_gbps']:.0f} GB/s | {pct(o['memcpy_d2d_gbps'])} |"]
    if "table" in o:
        t = o["table"]
        return ["| " + " | ".join(t["columns"]) + " |", "|" + "---|" * len(t["columns"]),
                *["| " + " | ".join(_fmt(v) for v in row) + " |" for row in t["rows"]]]
    return ["```json", json.dumps(o, indent=1), "```"]


def _table_rows(o: dict) -> list[dict]:
    """Rows for plotting: ``rows``/``sweep``, or an older ``table`` of columns and rows."""
    rows = rows_of(o)
    if not rows and isinstance(o.get("table"), dict):
        t = o["table"]
        rows = [dict(zip(t["columns"], r)) for r in t["rows"]]
    return rows


def result_plot(ex: Example, res: dict) -> str:
    """The manifest's plot, drawn from this result, or ``""``."""
    spec = ex.manifest.plot
    if spec is None:
        return ""
    o, peaks = res["output"], peaks_of(res)
    rows = [r for r in _table_rows(o) if spec.x in r]
    if not rows:
        return ""
    pid = f"plot-{ex.name}"
    dev = res["device"]["name"]
    if spec.kind == "roofline":
        pts = [(str(r.get("kernel", r.get("version", r[spec.x]))), float(r[spec.x]), float(r[spec.y[0]]))
               for r in rows if isinstance(r.get(spec.y[0]), (int, float)) and r[spec.x] > 0]
        if "fp32_gflops" not in peaks or "gbps" not in peaks:
            return ""
        return roofline_plot(f"{spec.title} ({dev})", pts, peaks["fp32_gflops"][0], peaks["gbps"][0],
                             pid=pid)
    labels = {c.key: c.label for c in ex.manifest.table}
    series = [Series(labels.get(k, k.replace("_", " ")),
                     [r.get(k) if isinstance(r.get(k), (int, float)) else None for r in rows])
              for k in spec.y]
    refs = [RefLine(k.replace("_gbps", "").replace("_", " ") + f" {o[k]:,.0f}", float(o[k]))
            for k in spec.lines if isinstance(o.get(k), (int, float))]
    if spec.peak and spec.peak in peaks:
        refs.append(RefLine(f"peak {peaks[spec.peak][0]:,.0f}", peaks[spec.peak][0]))
    return line_plot(f"{spec.title} ({dev})", [r[spec.x] for r in rows], series, spec.x_label,
                     spec.y_label, log_x=spec.log_x, log_y=spec.log_y, categorical=spec.categorical,
                     refs=refs, pid=pid)


def try_it(ex: Example) -> str:
    """The commands a reader runs to try the example."""
    m, n = ex.manifest, ex.name
    cmds = []
    if m.cuda:
        cmds.append(f"on an NVIDIA GPU, `gpu-glossary examples run --gpu {n}` (or "
                    f"`nvcc -O3 -arch=sm_90a -std=c++17 examples/{n}/{m.cuda} -o {n} && ./{n}`)")
    if m.triton:
        cmds.append(f"without a GPU, `TRITON_INTERPRET=1 python3 examples/{n}/{m.triton} check`; "
                    f"on an NVIDIA GPU, `python3 examples/{n}/{m.triton} bench`")
    if m.hip:
        cmds.append(f"on an AMD GPU, `hipcc -O3 --offload-arch={asm_target(ex, 'amdgcn')} "
                    f"examples/{n}/{m.hip} -o {n}-hip && ./{n}-hip` (use your GPU's gfx name)")
    cmds.append("the compiler output without a GPU: `gpu-glossary examples asm`")
    return "Try it: " + "; ".join(cmds) + "."


def result_markdown(ex: Example) -> list[str]:
    m = ex.manifest
    if m.run.gpu == "none":
        return [f"Compiled, not run: this project has no AMD GPU to measure on, so the page shows "
                f"what the compiler produced for {asm_target(ex, 'amdgcn')} and publishes no "
                "figures. What a run would measure: " + m.run.measures]
    res = ex.results()
    if res is None:
        return ["Not yet run on a GPU: run `gpu-glossary examples run --gpu "
                f"{ex.name}` on a machine with an NVIDIA GPU and commit the results."]
    out = []
    if res.get("source_sha256") != ex.source_hash():
        out += ['!!! warning "Stale result"',
                "    The sources changed after this run; the figures below are from the old "
                "version. Run it again to refresh them.", ""]
    peaks = peaks_of(res)
    out += [_device_line(res) + " " + _peaks_line(peaks), ""]
    out += result_table(ex, res)
    o = res["output"]
    if ex.manifest.table and isinstance(o.get("memcpy_d2d_gbps"), (int, float)) and "gbps" in peaks:
        g = o["memcpy_d2d_gbps"]
        out += ["", f"Device-to-device copy in the same run (the practical ceiling): {g:,.0f} GB/s, "
                    f"{g / peaks['gbps'][0]:.0%} of peak."]
    plot = result_plot(ex, res)
    if plot:
        out += ["", '<div class="gg-plot-wrap">', plot, "</div>"]
    out += ["", "Checks passed before publishing: " + "; ".join(res["checks"]) + "."]
    return out


def render_examples(entry: Entry, examples: dict[str, Example]) -> str:
    """The "Examples" section of an entry."""
    if not entry.examples:
        return ""
    out = ["## Examples", ""]
    for name in entry.examples:
        ex = examples.get(name)
        if ex is None:
            continue
        m = ex.manifest
        out += [f"### {m.title}", "", m.summary, ""]
        for lang, label, hl in LANG_TABS:
            f = getattr(m, lang)
            if f:
                src = (ex.path / f).read_text("utf-8")
                out += [f'=== "{label}"', "", _indent(f"```{hl}\n{src.rstrip()}\n```"), ""]
        for kind, label, _ in ASM_KINDS:
            f = ex.asm_file(kind)
            if f.is_file():
                text = f.read_text("utf-8")
                out += [f'=== "{label}"', "", _indent(f"```text\n{text.rstrip()}\n```"), ""]
                notes = _annotate(text, ex)
                if notes:
                    out += [_indent("\n".join(notes)), ""]
                report = ex.asm_file("ptxas")
                if kind == "sass" and report.is_file():
                    lines = report.read_text("utf-8").split("\n", 1)[1].rstrip()
                    out += [_indent("Registers, stack and spills per kernel, as `nvcc -Xptxas -v` "
                                    "reports them:"), "",
                            _indent(f"```text\n{lines}\n```"), ""]
        out += ['=== "Result"', "", _indent("\n".join(result_markdown(ex))), ""]
        out += [f"What it measures: {m.run.measures} {try_it(ex)}", ""]
    return "\n".join(out)
