"""A tiled FP16 matrix multiply in Triton: C = A B with tl.dot on the Tensor Cores.

Each program computes one BLOCK_M x BLOCK_N tile of C. It walks along K in steps of BLOCK_K,
loads a BLOCK_M x BLOCK_K tile of A and a BLOCK_K x BLOCK_N tile of B, and accumulates their
product in FP32 with tl.dot. The compiler turns the loop into a software pipeline (num_stages
tiles in flight through shared memory) and tl.dot into the matrix instruction of each target:
wgmma on Hopper, MFMA on CDNA3. Programs are numbered in groups of GROUP_M tile rows so that
programs running at the same time share tiles of A and B in the L2 cache.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import torch
import triton
import triton.language as tl

from common_triton import device_json, main, per_launch_ms


@triton.jit
def matmul(a_ptr, b_ptr, c_ptr, M: tl.constexpr, N: tl.constexpr, K: tl.constexpr,
           BLOCK_M: tl.constexpr, BLOCK_N: tl.constexpr, BLOCK_K: tl.constexpr, GROUP_M: tl.constexpr):
    # A is M x K, B is K x N, C is M x N, all row-major FP16, and every size is a multiple of its
    # block (the launcher checks), so no load needs a mask. The sizes are constexprs: each shape
    # is compiled on its own, and the compiler knows every row starts on a 16-byte boundary.
    pid = tl.program_id(0)
    num_pid_m = M // BLOCK_M
    num_pid_n = N // BLOCK_N
    # Grouped order: GROUP_M tile rows are swept column by column, so consecutive programs reuse
    # the same tiles of B (and a few tiles of A) while they are still in L2.
    group = pid // (GROUP_M * num_pid_n)
    first_m = group * GROUP_M
    group_rows = min(num_pid_m - first_m, GROUP_M)
    pid_m = first_m + (pid % (GROUP_M * num_pid_n)) % group_rows
    pid_n = (pid % (GROUP_M * num_pid_n)) // group_rows

    # This program's corner of A, B and C. Tensors from PyTorch start 16-byte aligned (the
    # launcher checks); saying so lets the compile without arguments use 16-byte copies, as a
    # launch would.
    a_ptr = tl.multiple_of(a_ptr + pid_m * BLOCK_M * K, 16)
    b_ptr = tl.multiple_of(b_ptr + pid_n * BLOCK_N, 16)
    c_ptr = tl.multiple_of(c_ptr + pid_m * BLOCK_M * N + pid_n * BLOCK_N, 16)
    rm = tl.arange(0, BLOCK_M)
    rn = tl.arange(0, BLOCK_N)
    rk = tl.arange(0, BLOCK_K)
    a_tile = a_ptr + rm[:, None] * K + rk[None, :]      # BLOCK_M x BLOCK_K pointers
    b_tile = b_ptr + rk[:, None] * N + rn[None, :]      # BLOCK_K x BLOCK_N pointers

    acc = tl.zeros([BLOCK_M, BLOCK_N], dtype=tl.float32)
    for k in range(0, K, BLOCK_K):
        a = tl.load(a_tile)
        b = tl.load(b_tile)
        acc = tl.dot(a, b, acc)                         # FP16 x FP16, accumulated in FP32
        a_tile += BLOCK_K                               # next tile to the right in A
        b_tile += BLOCK_K * N                           # next tile down in B
    tl.store(c_ptr + rm[:, None] * N + rn[None, :], acc.to(tl.float16))


COMPILE = {"matmul": {
    "signature": {"a_ptr": "*fp16", "b_ptr": "*fp16", "c_ptr": "*fp16", "M": "constexpr", "N": "constexpr",
                  "K": "constexpr", "BLOCK_M": "constexpr", "BLOCK_N": "constexpr", "BLOCK_K": "constexpr",
                  "GROUP_M": "constexpr"},
    "constexprs": {"M": 4096, "N": 4096, "K": 4096, "BLOCK_M": 128, "BLOCK_N": 128, "BLOCK_K": 64, "GROUP_M": 8}}}


def triton_matmul(a, b, block_m=128, block_n=128, block_k=64, group_m=8):
    (m, k), (k2, n) = a.shape, b.shape
    assert k == k2 and m % block_m == 0 and n % block_n == 0 and k % block_k == 0
    for t in (a, b):
        assert t.is_contiguous() and t.dtype == torch.float16 and t.data_ptr() % 16 == 0
    c = torch.empty((m, n), device=a.device, dtype=torch.float16)
    grid = ((m // block_m) * (n // block_n),)
    # num_warps=4 and num_stages=3 are triton.compile's defaults: the page shows this code.
    matmul[grid](a, b, c, m, n, k, BLOCK_M=block_m, BLOCK_N=block_n, BLOCK_K=block_k, GROUP_M=group_m,
                 num_warps=4, num_stages=3)
    return c


def small_ints(rows, cols, device="cpu", lo=-2, hi=3):
    """Integers in [lo, hi): their products and sums are exact in FP16 inputs and FP32 sums."""
    return torch.randint(lo, hi, (rows, cols), device=device).to(torch.float16)


def check():
    torch.manual_seed(0)
    #   M,   N,   K, BLOCK_M, BLOCK_N, BLOCK_K, GROUP_M
    for m, n, k, bm, bn, bk, g in ((64, 96, 128, 32, 32, 32, 2),     # 2 x 3 tiles, groups of 2 rows
                                   (96, 64, 64, 32, 32, 16, 8),      # 3 x 2 tiles, one partial group
                                   (32, 32, 32, 32, 32, 32, 1)):     # one tile, one k step
        a, b = small_ints(m, k), small_ints(k, n)
        c = triton_matmul(a, b, bm, bn, bk, g)
        ref = (a.double() @ b.double()).half()          # exact: |entries| <= 4 * 128 < 2048
        assert torch.equal(c, ref), f"{m}x{n}x{k}, blocks {bm}x{bn}x{bk}: wrong product"


def bench():
    rows, correct = [], True
    for size, n in ((2048, 20), (4096, 5), (8192, 2)):   # n back-to-back launches per timing
        # Correctness on integers from {-1, 0, 1}: every product and partial sum is exact, and so
        # is the result in FP16 (|c| stays far below 2048), so the answer must match exactly.
        a, b = small_ints(size, size, "cuda", -1, 2), small_ints(size, size, "cuda", -1, 2)
        exact = (a.float() @ b.float()).half()          # FP32 matmul (TF32 is off by default)
        correct &= bool(torch.equal(triton_matmul(a, b), exact))
        del a, b, exact
        # Timing on normally distributed inputs: the power a matrix multiply draws (and so the
        # clock it sustains) depends on the data, and small integers would flatter it.
        a = torch.randn(size, size, device="cuda", dtype=torch.float16)
        b = torch.randn(size, size, device="cuda", dtype=torch.float16)
        flops = 2 * size ** 3
        t_ms = per_launch_ms(lambda: triton_matmul(a, b), n)
        c_ms = per_launch_ms(lambda: torch.matmul(a, b), n)
        rows.append({"size": size, "triton_ms": t_ms, "cublas_ms": c_ms,
                     "triton_tensor_fp16_gflops": flops / (t_ms * 1e-3) / 1e9,
                     "cublas_tensor_fp16_gflops": flops / (c_ms * 1e-3) / 1e9,
                     "triton_vs_cublas": c_ms / t_ms})
        del a, b
    return {"device": device_json(), "correct": correct, "rows": rows,
            "config": {"BLOCK_M": 128, "BLOCK_N": 128, "BLOCK_K": 64, "GROUP_M": 8, "num_warps": 4, "num_stages": 3}}


if __name__ == "__main__":
    main(check, bench)
