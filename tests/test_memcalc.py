"""The memory calculator's arithmetic, in Python and in the browser's JavaScript, against
cases worked by hand."""

import json
import shutil
import subprocess

import pytest

from conftest import ROOT
from generator.memcalc import estimate, fits, gib, kv_cache_bytes
from generator.widgets import memory_calculator

# Hand-worked:
# 70e9 params x 2 bytes (BF16) = 140e9 bytes = 140 GB; x1 (FP8) = 70 GB; x0.5 (INT4) = 35 GB.
# Llama 3 70B KV cache, BF16, 8192 tokens, batch 1:
#   2 (K and V) x 80 layers x 8 KV heads x 128 dims x 8192 tokens x 1 x 2 bytes = 2,684,354,560 B
#   = 2.5 GiB exactly (2,684,354,560 / 2^30). Batch 16 -> 40 GiB.
# Training a 7B model with Adam in mixed precision: 7e9 x 16 = 112e9 bytes.
CASES = [
    ({"paramsBillion": 70, "weightFormat": "bf16"}, 140e9),
    ({"paramsBillion": 70, "weightFormat": "fp8"}, 70e9),
    ({"paramsBillion": 70, "weightFormat": "int4"}, 35e9),
    ({"paramsBillion": 70, "weightFormat": "bf16", "layers": 80, "kvHeads": 8, "headDim": 128,
      "context": 8192, "batch": 1, "kvFormat": "bf16"}, 140e9 + 2_684_354_560),
    ({"paramsBillion": 7, "weightFormat": "bf16", "training": True}, 112e9),
]


def _py(o):
    return estimate(o["paramsBillion"], o["weightFormat"], layers=o.get("layers", 0),
                    kv_heads=o.get("kvHeads", 0), head_dim=o.get("headDim", 0),
                    context=o.get("context", 0), batch=o.get("batch", 0),
                    kv_format=o.get("kvFormat", "bf16"), training=o.get("training", False))


@pytest.mark.parametrize("case,total", CASES)
def test_python_arithmetic(case, total):
    assert _py(case).total == pytest.approx(total, rel=1e-12)


def test_kv_cache_worked_example():
    b = kv_cache_bytes(80, 8, 128, 8192, 1, 2)
    assert b == 2_684_354_560 and gib(b) == 2.5
    assert gib(kv_cache_bytes(80, 8, 128, 8192, 16, 2)) == 40.0


def test_which_gpus_fit_a_70b_model():
    assert "NVIDIA H100 SXM" not in fits(140e9)          # 16-bit weights: no
    assert {"NVIDIA H200", "AMD Instinct MI300X"} <= set(fits(140e9))
    assert "NVIDIA H100 SXM" in fits(70e9)               # 8-bit: yes, with little left
    assert "NVIDIA GeForce RTX 4090" not in fits(35e9)   # 4-bit: still over 24 GB
    assert "NVIDIA GeForce RTX 5090" not in fits(35e9)


@pytest.mark.skipif(shutil.which("node") is None, reason="node not installed")
def test_javascript_matches_python():
    js = ROOT / "glossary" / "assets" / "javascripts" / "memcalc.js"
    script = (f"const m = require({json.dumps(str(js))});"
              f"const cases = {json.dumps([c for c, _ in CASES])};"
              "console.log(JSON.stringify(cases.map(c => { const e = m.estimate(c);"
              " return [e.total, m.fits(e.total)]; })));")
    out = json.loads(subprocess.run(["node", "-e", script], capture_output=True, text=True,
                                    check=True, timeout=60).stdout)
    for (case, total), (js_total, js_fits) in zip(CASES, out):
        assert js_total == pytest.approx(total, rel=1e-12)
        assert js_fits == fits(_py(case).total)


def test_widget_form_has_every_input_the_script_reads():
    html = memory_calculator()
    for name in ("params", "weights", "kv", "layers", "kvheads", "headdim", "context", "batch",
                 "training"):
        assert f'name="{name}"' in html
