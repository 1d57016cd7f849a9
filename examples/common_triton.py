"""Shared helpers for the glossary's Triton examples: the device as JSON, timing, copy ceiling.

A Triton example is one script, ``examples/<name>/<name>.py``, with:

* its ``@triton.jit`` kernels and ordinary Python launchers;
* ``COMPILE``: for each kernel the page shows, the signature and constexprs that
  ``triton.compile`` needs to produce its PTX (sm_90a) and AMDGCN (gfx942) without a GPU, and
  optionally ``divisible_by_16``: arguments Triton may assume are multiples of 16, as it does at
  launch when they are;
* ``check()``: runs the kernels on small inputs under the interpreter (``TRITON_INTERPRET=1``,
  on CPU tensors) and raises ``AssertionError`` when they differ from a PyTorch or NumPy
  reference;
* ``bench()``: runs on an NVIDIA GPU and returns a dict for ``results.json`` (``device``:
  :func:`device_json`; the figures; ``correct``);
* ``if __name__ == "__main__": main(check, bench)``.
"""

from __future__ import annotations

import json
import statistics
import sys


def device_json() -> dict:
    """The GPU in the same shape as the CUDA examples' ``print_device_json``."""
    import torch

    p = torch.cuda.get_device_properties(0)
    rt = torch.version.cuda or "0.0"
    major, minor = (int(x) for x in rt.split(".")[:2])
    import triton

    return {"name": p.name, "sm_count": p.multi_processor_count, "cc": f"{p.major}.{p.minor}",
            "global_mem_bytes": p.total_memory, "cuda_runtime": major * 1000 + minor * 10,
            "torch": torch.__version__, "triton": triton.__version__}


def time_ms(fn, reps: int = 20) -> float:
    """Median of ``reps`` timed calls of ``fn`` on the GPU, in milliseconds, after a warm-up."""
    import torch

    fn()
    torch.cuda.synchronize()
    times = []
    for _ in range(reps):
        start, stop = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        start.record()
        fn()
        stop.record()
        stop.synchronize()
        times.append(start.elapsed_time(stop))
    return statistics.median(times)


def per_launch_ms(fn, n: int) -> float:
    """Median time of ``n`` back-to-back calls of ``fn`` (:func:`time_ms`), divided by ``n``. The GPU
    sits idle while the host prepares the first launch; queuing ``n`` launches exposes that latency
    once rather than ``n`` times."""
    def calls():
        for _ in range(n):
            fn()
    return time_ms(calls) / n


def memcpy_d2d_gbps(nbytes: int = 1 << 30) -> float:
    """Device-to-device copy bandwidth (bytes read + written per second) through PyTorch."""
    import torch

    a = torch.empty(nbytes, dtype=torch.uint8, device="cuda")
    b = torch.empty_like(a)
    ms = time_ms(lambda: b.copy_(a))
    return 2 * nbytes / (ms * 1e-3) / 1e9


def main(check, bench) -> None:
    """``python3 NAME.py check`` (interpreter, no GPU) or ``python3 NAME.py bench`` (GPU, JSON)."""
    what = sys.argv[1] if len(sys.argv) > 1 else "check"
    if what == "check":
        check()
        print("check passed")
    elif what == "bench":
        print(json.dumps(bench()))
    else:
        sys.exit(f"usage: {sys.argv[0]} check|bench")
