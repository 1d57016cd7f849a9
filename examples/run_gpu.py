#!/usr/bin/env python3
"""Run the glossary's examples on a real NVIDIA GPU and write examples/<name>/results.json.

CUDA examples are built with `nvcc` and run; Triton examples run `python3 NAME.py bench`;
HIP-only examples (`run: {gpu: none}`) are skipped, since they need an AMD GPU. Needs only the
Python standard library, PyYAML, an `nvcc` (for CUDA) and PyTorch + Triton (for Triton). Each result records the device, driver and CUDA versions, clocks if readable,
the date, the SHA-256 of the example's sources, and the program's raw numbers. A figure above the
device's peak, a wrong answer, or a copy kernel below 85% of cudaMemcpy's device-to-device
bandwidth fails the run, and nothing is written for that example.

    python3 examples/run_gpu.py [NAME ...]
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent

#: Peak memory bandwidth in GB/s by device name, from the vendor's spec sheet (decimal units).
PEAK_GBPS = {
    "NVIDIA H100 80GB HBM3": (3350.0, "H100 SXM5 datasheet: 3.35 TB/s HBM3"),
    "NVIDIA H100 PCIe": (2000.0, "H100 PCIe datasheet: 2.0 TB/s HBM2e"),
    "NVIDIA H200": (4800.0, "H200 datasheet: 4.8 TB/s HBM3e"),
}


SHARED_SOURCES = {"cuda": "../common.cuh", "triton": "../common_triton.py"}


def source_hash(example: Path, manifest: dict) -> str:
    """SHA-256 over the example's programs and shared helpers, in a fixed order (the same as
    generator/examples.py computes)."""
    langs = [lang for lang in ("cuda", "hip", "triton") if manifest.get(lang)]
    files = {manifest[lang] for lang in langs} | {SHARED_SOURCES[lang] for lang in langs if lang in SHARED_SOURCES}
    h = hashlib.sha256()
    for f in sorted(files):
        h.update(f.encode() + b"\0" + (example / f).read_bytes() + b"\0")
    return h.hexdigest()


def nvidia_smi() -> dict:
    fields = "name,driver_version,clocks.max.sm,clocks.max.memory"
    try:
        out = subprocess.run(["nvidia-smi", f"--query-gpu={fields}", "--format=csv,noheader"],
                             capture_output=True, text=True, timeout=60).stdout.strip().splitlines()[0]
    except (OSError, IndexError, subprocess.SubprocessError):
        return {}
    return dict(zip(fields.split(","), (v.strip() for v in out.split(","))))


def nvcc_version(nvcc: str) -> str:
    out = subprocess.run([nvcc, "--version"], capture_output=True, text=True).stdout
    return out.strip().splitlines()[-1] if out else "unknown"


#: Peak FP32 (non-tensor) arithmetic in GFLOP/s by device name, from the spec sheet.
PEAK_FP32_GFLOPS = {
    "NVIDIA H100 80GB HBM3": (67000.0, "H100 SXM5 datasheet: 67 TFLOP/s FP32"),
    "NVIDIA H100 PCIe": (51000.0, "H100 PCIe datasheet: 51 TFLOP/s FP32"),
    "NVIDIA H200": (67000.0, "H200 datasheet: 67 TFLOP/s FP32"),
}


#: Peak dense FP16 Tensor Core arithmetic (FP32 accumulate) in GFLOP/s, from the spec sheet.
PEAK_TENSOR_FP16_GFLOPS = {
    "NVIDIA H100 80GB HBM3": (989400.0, "H100 SXM5 datasheet: 989.4 TFLOP/s dense FP16 Tensor Core"),
    "NVIDIA H200": (989400.0, "H200 datasheet: 989.4 TFLOP/s dense FP16 Tensor Core"),
}


#: A figure in a row marked ``"fits_on_chip": true`` (its working set fits in L2 or shared
#: memory) may exceed the DRAM peak, but not this multiple of it: above that it is a bug.
ON_CHIP_FACTOR = 20.0


def figures(obj, suffix: str, path="", on_chip=0.0):
    """Every number in the output whose key ends in ``suffix``: (where, value, on_chip), where
    on_chip is the share of the row's working set that can sit in on-chip memory: 1.0 for a row
    marked ``"fits_on_chip": true``, its ``"l2_fraction"`` (min(1, L2 size / working set)) where
    given, else 0."""
    if isinstance(obj, dict):
        if obj.get("fits_on_chip") is True:
            on_chip = 1.0
        elif isinstance(obj.get("l2_fraction"), (int, float)):
            on_chip = max(0.0, min(1.0, float(obj["l2_fraction"])))
        for k, v in obj.items():
            yield from figures(v, suffix, f"{path}.{k}" if path else k, on_chip)
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from figures(v, suffix, f"{path}[{i}]", on_chip)
    elif isinstance(obj, (int, float)) and not isinstance(obj, bool) and path.endswith(suffix):
        yield path, float(obj), on_chip


def bandwidth_bound(peak: float, on_chip: float) -> tuple[float, str]:
    """The most a bandwidth figure can honestly be. With a share f of the working set able to
    stay in L2, at best that share hits and the rest streams from DRAM at its peak, so
    bytes/time <= peak / (1 - f); a set that fits entirely gets only a sanity bound."""
    if on_chip >= 1.0:
        return ON_CHIP_FACTOR * peak, f"the {ON_CHIP_FACTOR:.0f}x sanity bound for an on-chip working set"
    if on_chip > 0.0:
        return peak / (1.0 - on_chip), (f"the bound peak / (1 - {on_chip:.2f}) for a working set "
                                        f"{on_chip:.0%} of which fits in L2")
    return peak, "the DRAM peak"


def honesty_checks(name: str, output: dict) -> tuple[list[str], list[str]]:
    """Return (passed, failed) check descriptions."""
    passed, failed = [], []
    dev = output.get("device", {}).get("name", "")
    # Every figure is compared with the spec-sheet peak of the same kind: (key suffix, table,
    # unit, what the peak is). Keys ending in "gbps" are memory bandwidth.
    for suffix, table, unit, digits, kind in (
            ("gbps", PEAK_GBPS, "GB/s", 1, ""),
            ("tensor_fp16_gflops", PEAK_TENSOR_FP16_GFLOPS, "GFLOP/s", 0, " dense FP16 Tensor Core"),
            ("fp32_gflops", PEAK_FP32_GFLOPS, "GFLOP/s", 0, " FP32")):
        peak = table.get(dev)
        for where, value, on_chip in figures(output, suffix):
            if peak is None:
                failed.append(f"no spec-sheet{kind} peak known for {dev!r}: {where} cannot be checked")
            elif on_chip and suffix == "gbps":
                bound, why = bandwidth_bound(peak[0], on_chip)
                (passed if 0 < value <= bound else failed).append(
                    f"{where} = {value:.{digits}f} {unit} is {value / peak[0]:.0%} of the "
                    f"{peak[0]:.0f} {unit} DRAM peak, within {why} ({bound:.0f} {unit})")
            else:
                (passed if value <= peak[0] else failed).append(
                    f"{where} = {value:.{digits}f} {unit} is {value / peak[0]:.0%} of the "
                    f"{peak[0]:.0f} {unit}{kind} peak")
    if dev not in PEAK_GBPS:
        failed.append(f"no spec-sheet memory bandwidth known for {dev!r}; add it to PEAK_GBPS")
    if output.get("correct") is False:
        failed.append("the kernel computed a wrong answer")
    if name == "vector-add":
        k, c = output["kernel_gbps"], output["memcpy_d2d_gbps"]
        (passed if k >= 0.85 * c else failed).append(
            f"copy-like kernel at {k / c:.0%} of cudaMemcpy device-to-device bandwidth (needs 85%)")
    if name == "warp-reduce":
        for which in ("shuffle", "shared"):
            ok = output[which]["sum"] == output["expected"]
            (passed if ok else failed).append(f"{which} reduction sum is exact: {ok}")
    return passed, failed


def run_program(example: Path, manifest: dict, nvcc: str, arch: str) -> tuple[dict | None, str, str]:
    """Build (CUDA) and run the example; (output, build command, toolchain) or (None, ...)."""
    name = example.name
    if manifest.get("triton"):
        cmd = [sys.executable, manifest["triton"], "bench"]
        env = dict(os.environ, TRITON_DEFAULT_FP_FUSION="1")
        r = subprocess.run(cmd, cwd=example, capture_output=True, text=True, timeout=900, env=env)
        build, tool = f"python3 {manifest['triton']} bench", "triton (see device.triton)"
    else:
        if not nvcc:
            print(f"{name}: nvcc not found", file=sys.stderr)
            return None, "", ""
        with tempfile.TemporaryDirectory() as tmp:
            exe = Path(tmp) / name
            cmd = [nvcc, "-O3", f"-arch={arch}", "-std=c++17", "-o", str(exe), str(example / manifest["cuda"])]
            r = subprocess.run(cmd, capture_output=True, text=True)
            if r.returncode != 0:
                print(f"{name}: build failed\n{r.stderr}", file=sys.stderr)
                return None, "", ""
            build, tool = " ".join([os.path.basename(nvcc), *cmd[1:5]]), nvcc_version(nvcc)
            r = subprocess.run([str(exe)], capture_output=True, text=True, timeout=600)
    if r.returncode != 0:
        print(f"{name}: run failed ({r.returncode})\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}", file=sys.stderr)
        return None, "", ""
    try:
        return json.loads(r.stdout.strip().splitlines()[-1]), build, tool
    except (json.JSONDecodeError, IndexError):
        print(f"{name}: the program's last line is not JSON:\n{r.stdout[-2000:]}", file=sys.stderr)
        return None, "", ""


def run_example(example: Path, nvcc: str, arch: str) -> bool:
    manifest = yaml.safe_load((example / "example.yml").read_text())
    name = example.name
    if manifest.get("run", {}).get("gpu", "nvidia") == "none":
        print(f"{name}: skipped (compile-only: it needs an AMD GPU)")
        return True
    output, build, tool = run_program(example, manifest, nvcc, arch)
    if output is None:
        return False
    passed, failed = honesty_checks(name, output)
    if failed:
        print(f"{name}: refusing to publish:\n  " + "\n  ".join(failed), file=sys.stderr)
        print(f"{name}: its output was: {json.dumps(output)}", file=sys.stderr)
        return False
    dev = output["device"]["name"]
    peaks = {kind: table[dev] for kind, table in (("gbps", PEAK_GBPS), ("fp32_gflops", PEAK_FP32_GFLOPS),
                                                  ("tensor_fp16_gflops", PEAK_TENSOR_FP16_GFLOPS))
             if dev in table}
    result = {
        "example": name,
        "source_sha256": source_hash(example, manifest),
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "build": build,
        "nvcc": tool,
        "device": output["device"],
        "nvidia_smi": nvidia_smi(),
        "peak_gbps": PEAK_GBPS[dev][0],
        "peak_source": PEAK_GBPS[dev][1],
        "peaks": peaks,
        "checks": passed,
        "output": output,
    }
    (example / "results.json").write_text(json.dumps(result, indent=1) + "\n")
    print(f"{name}: ok on {dev}")
    return True


def main(argv: list[str]) -> int:
    nvcc = shutil.which("nvcc") or os.environ.get("NVCC", "")
    arch = os.environ.get("GG_ARCH", "sm_90a")
    names = argv or sorted(p.parent.name for p in HERE.glob("*/example.yml"))
    ok = [run_example(HERE / n, nvcc, arch) for n in names]
    return 0 if all(ok) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
