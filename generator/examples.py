"""Executable examples: manifests, compiler output (PTX and SASS) and measured results.

An example is a folder ``examples/<name>/`` with an ``example.yml`` manifest, its program (CUDA
C++ for now) and, once it has run on a GPU, ``results.json`` (written by ``examples/run_gpu.py``).
The PTX and SASS shown on the page are committed under ``asm/``, each headed by the SHA-256 of
the sources it came from; ``gpu-glossary examples check`` recompiles them with the pinned CUDA
compiler from PyPI and fails when they no longer match.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from generator.model import Diagnostic, Entry, display_path

ARCH = "sm_90a"
SHARED_SOURCES = ("../common.cuh",)


class Annotation(BaseModel):
    model_config = ConfigDict(extra="forbid")
    match: str
    note: str


class RunSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    measures: str


class Manifest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str
    summary: str
    entries: list[str]
    cuda: str
    kernels: list[str]
    annotations: list[Annotation] = []
    run: RunSpec


@dataclass(frozen=True)
class Example:
    name: str
    path: Path
    manifest: Manifest

    @property
    def source_files(self) -> list[str]:
        return sorted({self.manifest.cuda, *SHARED_SOURCES})

    def source_hash(self) -> str:
        """SHA-256 over the program and shared header (the same as run_gpu.py computes)."""
        h = hashlib.sha256()
        for f in self.source_files:
            h.update(f.encode() + b"\0" + (self.path / f).read_bytes() + b"\0")
        return h.hexdigest()

    def results(self) -> dict | None:
        f = self.path / "results.json"
        return json.loads(f.read_text("utf-8")) if f.is_file() else None

    def asm_file(self, kind: str) -> Path:
        return self.path / "asm" / f"{self.name}.{ARCH}.{kind}"


def load_examples(examples_dir: Path, entries: list[Entry], display_root: Path | None = None
                  ) -> tuple[dict[str, Example], list[Diagnostic]]:
    """Every example, and problems: bad manifests, missing files, entries that do not exist or
    that do not list the example back."""
    out: dict[str, Example] = {}
    diags: list[Diagnostic] = []
    if not examples_dir.is_dir():
        return out, diags
    slugs = {e.slug: e for e in entries}

    for mf in sorted(examples_dir.glob("*/example.yml")):
        where = display_path(mf, display_root)
        try:
            data = yaml.safe_load(mf.read_text("utf-8"))
            manifest = Manifest.model_validate(data)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            diags.append(Diagnostic(where, mark.line + 1 if mark else 1, "manifest",
                                    f"invalid YAML: {getattr(exc, 'problem', exc)}; quote values with colons"))
            continue
        except ValidationError as exc:
            for err in exc.errors(include_url=False):
                field = ".".join(str(p) for p in err["loc"]) or "manifest"
                diags.append(Diagnostic(where, 1, field, err["msg"]))
            continue
        ex = Example(mf.parent.name, mf.parent, manifest)
        for f in ex.source_files:
            if not (ex.path / f).is_file():
                diags.append(Diagnostic(where, 1, "cuda", f"source file {f} does not exist"))
        for slug in manifest.entries:
            if slug not in slugs:
                diags.append(Diagnostic(where, 1, "entries", f"no entry '{slug}' exists"))
            elif ex.name not in slugs[slug].examples:
                diags.append(Diagnostic(where, 1, "entries", (
                    f"entry '{slug}' does not list this example; add `examples: [{ex.name}]` "
                    f"to {slugs[slug].path}")))
        out[ex.name] = ex
    for e in entries:
        for i, name in enumerate(e.examples):
            if name in out and e.slug not in out[name].manifest.entries:
                diags.append(Diagnostic(e.path, e.line_of("examples", i), f"examples[{i}]", (
                    f"example '{name}' does not list this entry in its manifest's entries")))
    return out, diags


# ---- compiling ------------------------------------------------------------------------------

def find_nvcc() -> str | None:
    """The pinned CUDA compiler from PyPI (nvidia-cuda-nvcc), else an nvcc on PATH."""
    try:
        import nvidia  # the namespace package the CUDA wheels install into
        for base in getattr(nvidia, "__path__", []):
            cand = Path(base) / "cu13" / "bin" / "nvcc"
            if cand.is_file():
                return str(cand)
    except ImportError:
        pass
    return shutil.which("nvcc")


def compile_asm(ex: Example, nvcc: str) -> dict[str, str]:
    """PTX and SASS of the example's kernels, trimmed to those kernels, with a header line.

    An example without kernels (a host-side measurement) has no assembly to show.
    """
    if not ex.manifest.kernels:
        return {}
    src = str(ex.path / ex.manifest.cuda)
    ptx = subprocess.run([nvcc, f"-arch={ARCH}", "-ptx", src, "-o", "-"], capture_output=True,
                         text=True, check=True).stdout
    cubin = subprocess.run([nvcc, f"-arch={ARCH}", "-cubin", src, "-o", "/dev/stdout"],
                           capture_output=True, check=True).stdout
    nvdisasm = str(Path(nvcc).with_name("nvdisasm"))
    tmp = ex.path / "asm" / ".tmp.cubin"
    tmp.parent.mkdir(exist_ok=True)
    tmp.write_bytes(cubin)
    try:
        sass = subprocess.run([nvdisasm, "-c", str(tmp)], capture_output=True, text=True,
                              check=True).stdout
    finally:
        tmp.unlink()
    head = f"// {ex.name}: sources sha256 {ex.source_hash()}, {ARCH}\n"
    return {"ptx": head + trim_ptx(ptx, ex.manifest.kernels),
            "sass": head + trim_sass(sass, ex.manifest.kernels)}


def _mangled(kernel: str) -> str:
    return f"_Z{len(kernel)}{kernel}"


def trim_ptx(ptx: str, kernels: list[str]) -> str:
    """Only the ``.entry`` blocks of ``kernels``."""
    out = []
    for k in kernels:
        m = re.search(r"^\.visible \.entry " + re.escape(_mangled(k)) + r".*?^\}", ptx, re.M | re.S)
        if m:
            out.append(m.group(0))
    return "\n\n".join(out) + "\n"


def trim_sass(sass: str, kernels: list[str]) -> str:
    """Only the instructions of ``kernels``, without the ELF section directives."""
    out = []
    for k in kernels:
        m = re.search(r"^\.text\." + re.escape(_mangled(k)) + r"[^:]*:\n(.*?)(?=^\s*\.section|\Z)",
                      sass, re.M | re.S)
        if m:
            body = [l.rstrip() for l in m.group(1).splitlines() if re.match(r"\s+/\*[0-9a-f]{4}\*/", l)]
            out.append(f"{k}:\n" + "\n".join(body))
    return "\n\n".join(out) + "\n"


def check_asm(examples: dict[str, Example], nvcc: str) -> list[str]:
    """Problems where committed assembly no longer matches what the sources compile to."""
    problems = []
    for ex in examples.values():
        fresh = compile_asm(ex, nvcc)
        for kind, text in fresh.items():
            f = ex.asm_file(kind)
            if not f.is_file():
                problems.append(f"{f}: missing; run `gpu-glossary examples asm`")
            elif f.read_text("utf-8") != text:
                problems.append(f"{f}: does not match its source; run `gpu-glossary examples asm`")
    return problems


def write_asm(examples: dict[str, Example], nvcc: str) -> list[Path]:
    written = []
    for ex in examples.values():
        for kind, text in compile_asm(ex, nvcc).items():
            f = ex.asm_file(kind)
            f.parent.mkdir(exist_ok=True)
            f.write_text(text, "utf-8")
            written.append(f)
    return written


# ---- rendering ------------------------------------------------------------------------------

def _indent(text: str, n: int = 4) -> str:
    return "\n".join((" " * n + l) if l else "" for l in text.rstrip("\n").split("\n"))


def _annotate(text: str, ex: Example) -> list[str]:
    notes = []
    lines = text.split("\n")
    for a in ex.manifest.annotations:
        hit = next((i for i, l in enumerate(lines) if a.match in l), None)
        if hit is not None:
            notes.append(f"- Line {hit + 1}, `{lines[hit].strip()[:70]}`: {a.note}")
    return notes


def _result_markdown(ex: Example) -> list[str]:
    res = ex.results()
    if res is None:
        return ["Not yet run on a GPU: run `python3 examples/run_gpu.py "
                f"{ex.name}` on a machine with an NVIDIA GPU and commit the results."]
    dev = res["device"]
    out = []
    if res.get("source_sha256") != ex.source_hash():
        out += ['!!! warning "Stale result"',
                "    The sources changed after this run; the figures below are from the old "
                "version. Run it again to refresh them.", ""]
    smi = res.get("nvidia_smi", {})
    out += [f"Measured on an **{dev['name']}** ({dev['sm_count']} SMs, compute capability "
            f"{dev['cc']}), driver {smi.get('driver_version', '?')}, CUDA runtime "
            f"{dev['cuda_runtime'] // 1000}.{dev['cuda_runtime'] % 1000 // 10}, max clocks "
            f"{smi.get('clocks.max.sm', '?')} (SM) / {smi.get('clocks.max.memory', '?')} (memory), "
            f"on {res['date'][:10]}. Peak memory bandwidth: {res['peak_gbps']:.0f} GB/s "
            f"({res['peak_source']}).", ""]
    out += _result_table(ex.name, res)
    out += ["", "Checks passed before publishing: " + "; ".join(res["checks"]) + "."]
    return out


def _result_table(name: str, res: dict) -> list[str]:
    o, peak = res["output"], res["peak_gbps"]
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
        fmt = lambda v: f"{v:,.4g}" if isinstance(v, float) else str(v)  # noqa: E731
        return ["| " + " | ".join(t["columns"]) + " |", "|" + "---|" * len(t["columns"]),
                *["| " + " | ".join(fmt(v) for v in row) + " |" for row in t["rows"]]]
    return ["```json", json.dumps(o, indent=1), "```"]


def render_examples(entry: Entry, examples: dict[str, Example]) -> str:
    """The "Examples" section of an entry: content tabs with source, PTX, SASS and result."""
    if not entry.examples:
        return ""
    out = ["## Examples", ""]
    for name in entry.examples:
        ex = examples.get(name)
        if ex is None:
            continue
        m = ex.manifest
        out += [f"### {m.title}", "", m.summary, ""]
        src = (ex.path / m.cuda).read_text("utf-8")
        out += ['=== "CUDA C++"', "", _indent(f"```cuda\n{src}```"), ""]
        for kind, label, lang in (("ptx", "PTX", "text"), ("sass", "SASS", "text")):
            f = ex.asm_file(kind)
            if f.is_file():
                text = f.read_text("utf-8")
                out += [f'=== "{label}"', "", _indent(f"```{lang}\n{text}```"), ""]
                notes = _annotate(text, ex)
                if notes:
                    out += [_indent("\n".join(notes)), ""]
        out += ['=== "Result"', "", _indent("\n".join(_result_markdown(ex))), ""]
        out += [f"What it measures: {m.run.measures} Try it on a machine with an NVIDIA GPU: "
                f"`python3 examples/run_gpu.py {name}`; compiler output without a GPU: "
                "`gpu-glossary examples asm`.", ""]
    return "\n".join(out)


def main_check(examples_dir: Path, entries: list[Entry]) -> int:
    examples, diags = load_examples(examples_dir, entries)
    for d in diags:
        print(d)
    nvcc = find_nvcc()
    if nvcc is None:
        print("error: no nvcc; `pip install -e .[examples]` installs the CUDA compiler", file=sys.stderr)
        return 2
    problems = check_asm(examples, nvcc)
    for p in problems:
        print(p)
    for ex in examples.values():
        res = ex.results()
        if res is not None and not res.get("device", {}).get("name"):
            print(f"{ex.path}/results.json: the result does not name its device")
            problems.append("device")
    return 1 if diags or problems else 0
