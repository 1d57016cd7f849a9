#!/usr/bin/env python3
"""Build and run the glossary's CUDA examples on a real GPU and write examples/<name>/results.json.

Needs only the Python standard library, PyYAML, an `nvcc` and an NVIDIA GPU (it runs on the
device machine). Each result records the device, driver and CUDA versions, clocks if readable,
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


def source_hash(example: Path, manifest: dict) -> str:
    """SHA-256 over the example's program and the shared header, in a fixed order."""
    h = hashlib.sha256()
    for f in sorted({manifest["cuda"], "../common.cuh"}):
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


def figures(obj, suffix: str, path=""):
    """Every number in the output whose key ends in ``suffix``, with where it was."""
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from figures(v, suffix, f"{path}.{k}" if path else k)
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from figures(v, suffix, f"{path}[{i}]")
    elif isinstance(obj, (int, float)) and path.endswith(suffix):
        yield path, float(obj)



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
        for where, value in figures(output, suffix):
            if peak is None:
                failed.append(f"no spec-sheet{kind} peak known for {dev!r}: {where} cannot be checked")
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


def run_example(example: Path, nvcc: str, arch: str) -> bool:
    manifest = yaml.safe_load((example / "example.yml").read_text())
    name = example.name
    with tempfile.TemporaryDirectory() as tmp:
        exe = Path(tmp) / name
        build = [nvcc, "-O3", f"-arch={arch}", "-std=c++17", "-o", str(exe), str(example / manifest["cuda"])]
        r = subprocess.run(build, capture_output=True, text=True)
        if r.returncode != 0:
            print(f"{name}: build failed\n{r.stderr}", file=sys.stderr)
            return False
        r = subprocess.run([str(exe)], capture_output=True, text=True, timeout=600)
    if r.returncode != 0:
        print(f"{name}: run failed ({r.returncode})\n{r.stdout}\n{r.stderr}", file=sys.stderr)
        return False
    output = json.loads(r.stdout)
    passed, failed = honesty_checks(name, output)
    if failed:
        print(f"{name}: refusing to publish:\n  " + "\n  ".join(failed), file=sys.stderr)
        return False
    dev = output["device"]["name"]
    result = {
        "example": name,
        "source_sha256": source_hash(example, manifest),
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "build": " ".join([os.path.basename(nvcc), *build[1:5]]),
        "nvcc": nvcc_version(nvcc),
        "device": output["device"],
        "nvidia_smi": nvidia_smi(),
        "peak_gbps": PEAK_GBPS[dev][0],
        "peak_source": PEAK_GBPS[dev][1],
        "checks": passed,
        "output": output,
    }
    (example / "results.json").write_text(json.dumps(result, indent=1) + "\n")
    print(f"{name}: ok on {dev}")
    return True


def main(argv: list[str]) -> int:
    nvcc = shutil.which("nvcc") or os.environ.get("NVCC", "")
    if not nvcc:
        print("nvcc not found", file=sys.stderr)
        return 2
    arch = os.environ.get("GG_ARCH", "sm_90a")
    names = argv or sorted(p.parent.name for p in HERE.glob("*/example.yml"))
    ok = [run_example(HERE / n, nvcc, arch) for n in names]
    return 0 if all(ok) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
