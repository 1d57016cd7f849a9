"""Row softmax in Triton: online (running max and sum, two passes) against three passes.

softmax(x)_j = exp(x_j - m) / s, with m = max_j x_j (subtracted so that exp cannot overflow) and
s = sum_j exp(x_j - m). Computed literally, that is three passes over each row: one for m, one for
s, one to write the output. The online form finds m and s in one pass: whenever the running
maximum grows from m to m', the sum so far is rescaled by exp(m - m'). A second pass writes the
output, so each element is read twice instead of three times. One program handles one row and
streams it in blocks of BLOCK columns, so rows of any length work.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import torch
import triton
import triton.language as tl

from common_triton import device_json, main, memcpy_d2d_gbps, per_launch_ms


@triton.jit
def softmax_online(x_ptr, y_ptr, n_cols, BLOCK: tl.constexpr):
    row = tl.program_id(0).to(tl.int64)
    x_row = x_ptr + row * n_cols
    y_row = y_ptr + row * n_cols
    cols = tl.arange(0, BLOCK)
    # Pass 1: every lane of the block keeps its own running max m and running sum s of
    # exp(x - m). A finite start value for m avoids exp(-inf - -inf) in lanes that never see
    # an element; any start value works because s is always relative to the current m.
    m = tl.full([BLOCK], -1.0e30, tl.float32)
    s = tl.zeros([BLOCK], tl.float32)
    for start in range(0, n_cols, BLOCK):
        x = tl.load(x_row + start + cols, mask=start + cols < n_cols, other=float("-inf"))
        m_new = tl.maximum(m, x)
        s = s * tl.exp(m - m_new) + tl.exp(x - m_new)   # rescale the old sum to the new max
        m = m_new
    # Merge the lanes with the same rescaling: one max and one sum for the row.
    m_row = tl.max(m, 0)
    s_row = tl.sum(s * tl.exp(m - m_row), 0)
    # Pass 2: read the row again and write the output.
    for start in range(0, n_cols, BLOCK):
        mask = start + cols < n_cols
        x = tl.load(x_row + start + cols, mask=mask, other=float("-inf"))
        tl.store(y_row + start + cols, tl.exp(x - m_row) / s_row, mask=mask)


@triton.jit
def softmax_three_pass(x_ptr, y_ptr, n_cols, BLOCK: tl.constexpr):
    row = tl.program_id(0).to(tl.int64)
    x_row = x_ptr + row * n_cols
    y_row = y_ptr + row * n_cols
    cols = tl.arange(0, BLOCK)
    # Pass 1: the row's maximum.
    m = tl.full([BLOCK], float("-inf"), tl.float32)
    for start in range(0, n_cols, BLOCK):
        x = tl.load(x_row + start + cols, mask=start + cols < n_cols, other=float("-inf"))
        m = tl.maximum(m, x)
    m_row = tl.max(m, 0)
    # Pass 2: the sum of exp(x - max).
    s = tl.zeros([BLOCK], tl.float32)
    for start in range(0, n_cols, BLOCK):
        x = tl.load(x_row + start + cols, mask=start + cols < n_cols, other=float("-inf"))
        s += tl.exp(x - m_row)
    s_row = tl.sum(s, 0)
    # Pass 3: normalise and write.
    for start in range(0, n_cols, BLOCK):
        mask = start + cols < n_cols
        x = tl.load(x_row + start + cols, mask=mask, other=float("-inf"))
        tl.store(y_row + start + cols, tl.exp(x - m_row) / s_row, mask=mask)


_SIG = {"x_ptr": "*fp32", "y_ptr": "*fp32", "n_cols": "i32", "BLOCK": "constexpr"}
COMPILE = {"softmax_online": {"signature": _SIG, "constexprs": {"BLOCK": 1024}},
           "softmax_three_pass": {"signature": _SIG, "constexprs": {"BLOCK": 1024}}}


def softmax(kernel, x, y, block=None):
    """One program per row; BLOCK columns per step (1024 for rows of 1024 columns or more)."""
    rows, cols = x.shape
    if block is None:
        block = min(triton.next_power_of_2(cols), 1024)
    # num_warps=4 is triton.compile's default: the page shows this code (for BLOCK=1024).
    return kernel[(rows,)](x, y, cols, BLOCK=block, num_warps=4)


def check():
    torch.manual_seed(0)
    cases = [
        torch.randn(3, 1000),                                     # last block partial
        torch.randn(4, 100) * 30,                                 # fewer columns than BLOCK
        torch.arange(2 * 700, dtype=torch.float32).reshape(2, 700) / 7,  # max grows every block
        torch.randn(2, 513) * 1000,                               # exp(x) alone would overflow
        torch.full((2, 300), -5.0),                               # all equal: 1/300 each
    ]
    for x in cases:
        ref = torch.softmax(x.double(), dim=1).float()
        for kernel in (softmax_online, softmax_three_pass):
            for block in (None, 128):                             # one block, and several per row
                y = torch.full_like(x, float("nan"))
                softmax(kernel, x, y, block)
                assert torch.allclose(y, ref, rtol=1e-5, atol=1e-7), (
                    f"{kernel.__name__} {tuple(x.shape)} BLOCK={block}: max error "
                    f"{(y - ref).abs().max().item():.3g}")


def first_global_load(compiled) -> str:
    """The first global load in the PTX that Triton compiled for an actual launch."""
    try:
        line = next(l for l in compiled.asm["ptx"].splitlines() if "ld.global" in l)
        return next(w for w in line.split() if w.startswith("ld.global"))
    except Exception:  # noqa: BLE001 - only informative
        return "?"


def bench():
    total = 1 << 26                     # 2^26 floats (256 MiB) in and out, far beyond the L2 cache
    rows, loads, correct = [], {}, True
    for cols in (1024, 4096, 16384, 65536):
        n_rows = total // cols
        x = torch.randn(n_rows, cols, device="cuda") * 4
        y = torch.empty_like(x)
        ref = torch.softmax(x, dim=1)
        row = {"cols": cols, "rows": n_rows}
        for name, kernel in (("online", softmax_online), ("three_pass", softmax_three_pass)):
            y.zero_()
            loads[name] = first_global_load(softmax(kernel, x, y))
            correct &= bool(torch.allclose(y, ref, rtol=1e-4, atol=1e-7))
            row[f"{name}_ms"] = per_launch_ms(lambda: softmax(kernel, x, y), 10)
        row["torch_ms"] = per_launch_ms(lambda: torch.softmax(x, dim=1), 10)
        # Effective bandwidth: the bytes any softmax must move (read x once, write y once) per
        # second. The online kernel asks for 12 bytes per element (two reads, one write), the
        # three-pass kernel for 16; re-reads that miss the caches show up as lower figures.
        for name in ("online", "three_pass", "torch"):
            row[f"{name}_gbps"] = 2 * 4 * total / (row[f"{name}_ms"] * 1e-3) / 1e9
        rows.append(row)
        del x, y, ref
    torch.cuda.empty_cache()
    return {"device": device_json(), "correct": correct, "elements": total, "rows": rows,
            "launch_ptx_load": loads, "memcpy_d2d_gbps": memcpy_d2d_gbps()}


if __name__ == "__main__":
    main(check, bench)
