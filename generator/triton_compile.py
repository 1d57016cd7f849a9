"""Compile a Triton example's kernels for NVIDIA and AMD without a GPU; print JSON.

    python -m generator.triton_compile examples/NAME/NAME.py KERNEL [KERNEL ...]

The script's ``COMPILE`` dict gives, per kernel, the ``signature`` and ``constexprs`` that
``triton.compile`` needs, and optionally ``divisible_by_16``: the arguments that Triton may
assume are multiples of 16 (pointers aligned to 16 bytes), as it does at launch when they are, so
that the page shows the code that runs. Prints ``{kernel: {"ptx": ..., "cubin": base64, "amdgcn": ...}}``.
Runs in its own process so that importing Triton and the script (and their environment
variables) never touches the caller.
"""

from __future__ import annotations

import base64
import importlib.util
import json
import sys


def main(argv: list[str]) -> int:
    path, kernels = argv[0], argv[1:]
    spec = importlib.util.spec_from_file_location("example", path)
    mod = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(__import__("pathlib").Path(path).resolve().parent.parent))
    spec.loader.exec_module(mod)

    import triton
    from triton.backends.compiler import GPUTarget

    out = {}
    for name in kernels:
        how = mod.COMPILE[name]
        params = list(how["signature"])
        attrs = {(params.index(p),): [["tt.divisibility", 16]] for p in how.get("divisible_by_16", [])}
        src = triton.compiler.ASTSource(fn=getattr(mod, name), signature=how["signature"],
                                        constexprs=how.get("constexprs", {}), attrs=attrs)
        nv = triton.compile(src, target=GPUTarget("cuda", 90, 32))
        amd = triton.compile(src, target=GPUTarget("hip", "gfx942", 64))
        out[name] = {"ptx": nv.asm["ptx"], "cubin": base64.b64encode(nv.asm["cubin"]).decode(),
                     "amdgcn": amd.asm["amdgcn"]}
    json.dump(out, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
