"""GPU memory napkin math: weights + KV cache + training state -> bytes, and which GPUs fit.

The same arithmetic runs in the browser (glossary/assets/javascripts/memcalc.js); tests check
both against hand-worked cases.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Bytes per value for the formats the calculator offers.
BYTES_PER_VALUE = {"fp32": 4.0, "bf16": 2.0, "fp16": 2.0, "fp8": 1.0, "int8": 1.0, "int4": 0.5,
                   "fp4": 0.5}

#: Training with Adam in mixed precision: 16-bit weights (2) and gradients (2), FP32 master
#: weights (4) and two FP32 Adam moments (8) = 16 bytes per parameter, before activations.
ADAM_MIXED_PRECISION_BYTES_PER_PARAM = 16.0

#: Memory of common GPUs in GB (10^9 bytes), as their vendors' spec sheets state it.
GPUS_GB = {
    "NVIDIA GeForce RTX 4090": 24, "NVIDIA GeForce RTX 5090": 32, "NVIDIA L40S": 48,
    "NVIDIA A100 80GB": 80, "NVIDIA H100 SXM": 80, "NVIDIA H200": 141, "NVIDIA B200": 180,
    "AMD Instinct MI300X": 192, "AMD Instinct MI325X": 256, "AMD Instinct MI355X": 288,
}


@dataclass(frozen=True)
class Estimate:
    weights: float  # bytes
    kv_cache: float
    training: float  # gradients, master weights and optimizer states beyond the weights

    @property
    def total(self) -> float:
        return self.weights + self.kv_cache + self.training


def kv_cache_bytes(layers: int, kv_heads: int, head_dim: int, context: int, batch: int,
                   bytes_per_value: float) -> float:
    """Keys and values (the 2) for every layer, KV head, position and sequence."""
    return 2.0 * layers * kv_heads * head_dim * context * batch * bytes_per_value


def estimate(params_billion: float, weight_format: str, *, layers: int = 0, kv_heads: int = 0,
             head_dim: int = 0, context: int = 0, batch: int = 0, kv_format: str = "bf16",
             training: bool = False) -> Estimate:
    params = params_billion * 1e9
    if training:
        total = params * ADAM_MIXED_PRECISION_BYTES_PER_PARAM
        weights = params * 2.0
        return Estimate(weights, 0.0, total - weights)
    weights = params * BYTES_PER_VALUE[weight_format]
    kv = kv_cache_bytes(layers, kv_heads, head_dim, context, batch, BYTES_PER_VALUE[kv_format])
    return Estimate(weights, kv, 0.0)


def fits(total_bytes: float) -> list[str]:
    """GPUs whose whole memory holds ``total_bytes`` (no room left for anything else)."""
    return [name for name, gb in GPUS_GB.items() if total_bytes <= gb * 1e9]


def gib(n: float) -> float:
    return n / 2**30
