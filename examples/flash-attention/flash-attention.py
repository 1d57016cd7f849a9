"""A FlashAttention-style forward pass in Triton: softmax(Q K^T / sqrt(d)) V without storing S.

The naive computation materialises the (seq x seq) score matrix S = Q K^T in memory, takes its
softmax, and multiplies by V. Here one program owns a block of BLOCK_M queries of one (batch,
head): it walks over the keys and values in blocks of BLOCK_N, computes that block of scores
with a Tensor Core matrix multiply (tl.dot), and folds it into a running output with the online
softmax: a running row maximum m, a running denominator l, and a rescaling of the accumulator
by exp(m_old - m_new) whenever the maximum grows. The scores never leave the SM.
"""

import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import torch
import triton
import triton.language as tl

from common_triton import device_json, main, per_launch_ms


@triton.jit
def flash_attention_fwd(q_ptr, k_ptr, v_ptr, o_ptr, seq_len, sm_scale,
                        HEAD_DIM: tl.constexpr, BLOCK_M: tl.constexpr, BLOCK_N: tl.constexpr):
    # Q, K, V, O are contiguous (batch * heads, seq_len, HEAD_DIM) fp16 tensors, and seq_len is
    # a multiple of BLOCK_M and BLOCK_N (the launcher checks), so no load needs a mask.
    start_m = tl.program_id(0)                          # which block of queries
    bh = tl.program_id(1)                               # which (batch, head)
    base = bh.to(tl.int64) * seq_len * HEAD_DIM
    # Each (batch, head) slice starts 16-byte aligned (the launcher checks). At launch Triton
    # would infer this from the arguments; stating it makes the compile without arguments (the
    # PTX and AMDGCN on the page) use the same 16-byte loads and asynchronous copies.
    q_ptr = tl.multiple_of(q_ptr + base, 16)
    k_ptr = tl.multiple_of(k_ptr + base, 16)
    v_ptr = tl.multiple_of(v_ptr + base, 16)
    o_ptr = tl.multiple_of(o_ptr + base, 16)
    offs_m = start_m * BLOCK_M + tl.arange(0, BLOCK_M)
    offs_n = tl.arange(0, BLOCK_N)
    offs_d = tl.arange(0, HEAD_DIM)
    q = tl.load(q_ptr + offs_m[:, None] * HEAD_DIM + offs_d[None, :])   # (BLOCK_M, D), loaded once

    m_i = tl.full([BLOCK_M], float("-inf"), tl.float32)  # running max of each query's scores
    l_i = tl.zeros([BLOCK_M], tl.float32)                # running sum of exp(score - m_i)
    acc = tl.zeros([BLOCK_M, HEAD_DIM], tl.float32)      # running, unnormalised output
    scale = sm_scale * 1.4426950408889634                # fold in log2(e): exp(x) = exp2(x * log2(e))
    for start_n in range(0, seq_len, BLOCK_N):
        kv = (start_n + offs_n)[:, None] * HEAD_DIM + offs_d[None, :]
        k = tl.load(k_ptr + kv)                                        # (BLOCK_N, D)
        s = tl.dot(q, tl.trans(k)) * scale                             # (BLOCK_M, BLOCK_N) scores, fp32
        m_new = tl.maximum(m_i, tl.max(s, 1))
        alpha = tl.exp2(m_i - m_new)                                   # rescales what came before
        p = tl.exp2(s - m_new[:, None])
        l_i = l_i * alpha + tl.sum(p, 1)
        v = tl.load(v_ptr + kv)                                        # (BLOCK_N, D)
        acc = acc * alpha[:, None] + tl.dot(p.to(tl.float16), v)       # P V, fp16 in, fp32 accumulate
        m_i = m_new
    out = acc / l_i[:, None]
    tl.store(o_ptr + offs_m[:, None] * HEAD_DIM + offs_d[None, :], out.to(tl.float16))


COMPILE = {"flash_attention_fwd": {
    "signature": {"q_ptr": "*fp16", "k_ptr": "*fp16", "v_ptr": "*fp16", "o_ptr": "*fp16",
                  "seq_len": "i32", "sm_scale": "fp32",
                  "HEAD_DIM": "constexpr", "BLOCK_M": "constexpr", "BLOCK_N": "constexpr"},
    "constexprs": {"HEAD_DIM": 64, "BLOCK_M": 128, "BLOCK_N": 64}}}


def flash_attention(q, k, v, block_m=128, block_n=64):
    """q, k, v: (batch, heads, seq, head_dim) contiguous fp16; returns o of the same shape."""
    b, h, s, d = q.shape
    for t in (q, k, v):
        assert t.is_contiguous() and t.dtype == torch.float16 and t.data_ptr() % 16 == 0
    assert s % block_m == 0 and s % block_n == 0 and d in (16, 32, 64, 128)
    o = torch.empty_like(q)
    grid = (s // block_m, b * h)
    # num_warps=4 and num_stages=3 are triton.compile's defaults: the page shows this code.
    flash_attention_fwd[grid](q, k, v, o, s, 1.0 / math.sqrt(d), HEAD_DIM=d, BLOCK_M=block_m,
                              BLOCK_N=block_n, num_warps=4, num_stages=3)
    return o


def naive_attention(q, k, v):
    """Materialises the (seq x seq) scores: S = Q K^T / sqrt(d), P = softmax(S), O = P V."""
    s = torch.matmul(q * (1.0 / math.sqrt(q.shape[-1])), k.transpose(-2, -1))   # (b, h, seq, seq) fp16
    return torch.matmul(torch.softmax(s, dim=-1), v)     # fp16 softmax (PyTorch accumulates in fp32)


def reference(q, k, v):
    """Attention in float64 on the same fp16 inputs."""
    q, k, v = q.double(), k.double(), v.double()
    return torch.softmax(q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1]), dim=-1) @ v


def check():
    torch.manual_seed(0)
    for b, h, s, d, bm, bn in ((1, 2, 64, 32, 32, 16), (2, 1, 96, 64, 32, 32), (1, 1, 128, 16, 64, 32)):
        q, k, v = (torch.randn(b, h, s, d).half() for _ in range(3))
        q[..., 0, :] *= 8                      # one query with large scores: its max moves a lot
        o = flash_attention(q, k, v, block_m=bm, block_n=bn)
        err = (o.double() - reference(q, k, v)).abs().max().item()
        # Budget: fp16 rounding of P before the second product and of the output (|o| < 3).
        assert err < 2e-3, f"shape {(b, h, s, d)} BLOCK {bm}x{bn}: max error {err:.3g}"


def bench():
    b, h, s, d = 4, 16, 4096, 64
    gen = torch.Generator(device="cuda").manual_seed(0)
    q, k, v = (torch.randn(b, h, s, d, device="cuda", dtype=torch.float16, generator=gen) for _ in range(3))
    sdpa = torch.nn.functional.scaled_dot_product_attention
    ref = reference(q[:1, :2], k[:1, :2], v[:1, :2])     # float64 reference on two heads
    rel = {}
    for name, fn in (("triton", flash_attention), ("naive", naive_attention), ("sdpa", sdpa)):
        o = fn(q, k, v)[:1, :2].double()
        rel[name] = ((o - ref).norm() / ref.norm()).item()
    flops = 4 * b * h * s * s * d              # two matrix products of 2 * s * s * d flops per head
    rows = []
    for name, fn in (("Triton, FlashAttention-style", lambda: flash_attention(q, k, v)),
                     ("PyTorch, naive (S in memory)", lambda: naive_attention(q, k, v)),
                     ("PyTorch scaled_dot_product_attention", lambda: sdpa(q, k, v))):
        ms = per_launch_ms(fn, 5)
        rows.append({"version": name, "ms": ms, "tensor_fp16_gflops": flops / (ms * 1e-3) / 1e9})
    return {"device": device_json(), "correct": all(e < 1e-2 for e in rel.values()),
            "relative_error_vs_float64": rel, "shape": {"batch": b, "heads": h, "seq": s, "head_dim": d},
            "naive_score_bytes": b * h * s * s * 2, "rows": rows}


if __name__ == "__main__":
    main(check, bench)
