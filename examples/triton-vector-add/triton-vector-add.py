"""Vector add in Triton: c = a + b, one program per BLOCK elements.

A Triton program works on a whole block of elements at once: ``tl.arange`` makes the block's
offsets, a mask switches off the ones past the end of the arrays, and the compiler decides how
the block is spread over the threads of a warp (NVIDIA) or wavefront (AMD). The same source
compiles to PTX for an H100/H200 and to AMDGCN for an MI300X.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import torch
import triton
import triton.language as tl

from common_triton import device_json, main, memcpy_d2d_gbps, per_launch_ms


@triton.jit
def vector_add(a_ptr, b_ptr, c_ptr, n, BLOCK: tl.constexpr):
    pid = tl.program_id(0)                    # which block of the arrays this program handles
    offs = pid * BLOCK + tl.arange(0, BLOCK)  # BLOCK element indices at once
    mask = offs < n                           # the last program may run past the end
    a = tl.load(a_ptr + offs, mask=mask)
    b = tl.load(b_ptr + offs, mask=mask)
    tl.store(c_ptr + offs, a + b, mask=mask)


# What the page's PTX and AMDGCN are compiled from. At launch Triton specializes on pointers
# aligned to 16 bytes and integers divisible by 16 (PyTorch's allocations and n = 2^28 are), which
# is what lets it use 16-byte loads; divisible_by_16 tells the compiler the same here, so the
# page shows the code that runs (bench's "ptx_load" records the launched kernel's load).
COMPILE = {"vector_add": {
    "signature": {"a_ptr": "*fp32", "b_ptr": "*fp32", "c_ptr": "*fp32", "n": "i32", "BLOCK": "constexpr"},
    "constexprs": {"BLOCK": 1024},
    "divisible_by_16": ["a_ptr", "b_ptr", "c_ptr", "n"]}}


def add(a, b, c, block=1024):
    n = a.numel()
    return vector_add[(triton.cdiv(n, block),)](a, b, c, n, BLOCK=block, num_warps=4)


def check():
    torch.manual_seed(0)
    for n, block in ((1, 128), (1000, 128), (4096, 1024), (5000, 1024)):
        a, b = torch.randn(n), torch.randn(n)
        c = torch.full((n,), float("nan"))
        add(a, b, c, block)
        assert torch.equal(c, a + b), f"n={n}, BLOCK={block}: wrong sum"


def first_global_load(kernel) -> str:
    """The opcode of the first global load in the PTX Triton compiled for this launch."""
    try:
        for line in kernel.asm["ptx"].splitlines():
            if "ld.global" in line:
                return next(w for w in line.split() if w.startswith("ld.global"))
    except Exception:  # noqa: BLE001 - only informative
        pass
    return "?"


def bench():
    n = 1 << 28                                     # 2^28 floats: 1 GiB per array
    a = torch.rand(n, device="cuda")
    b = torch.rand(n, device="cuda")
    c = torch.empty_like(a)
    nbytes = 3 * 4 * n                              # two reads and one write per element
    rows, correct = [], True
    for block in (128, 256, 1024, 4096):
        c.zero_()
        kernel = add(a, b, c, block)
        correct &= bool(torch.equal(c, a + b))
        ms = per_launch_ms(lambda: add(a, b, c, block), 5)
        rows.append({"BLOCK": block, "elements_per_thread": block // 128, "ptx_load": first_global_load(kernel),
                     "ms": ms, "gbps": nbytes / (ms * 1e-3) / 1e9})
    del a, b, c
    torch.cuda.empty_cache()
    return {"device": device_json(), "correct": correct, "n": n, "rows": rows,
            "memcpy_d2d_gbps": memcpy_d2d_gbps()}


if __name__ == "__main__":
    main(check, bench)
