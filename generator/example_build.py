"""Compiler output of the examples, made without a GPU, and their CPU checks.

* CUDA C++: the pinned CUDA compiler from PyPI (``nvidia-cuda-nvcc``, ``nvidia-cuda-nvdisasm``)
  builds PTX and SASS for sm_90a.
* HIP: Debian's ``hipcc`` (``HIP_PLATFORM=amd``) builds AMDGCN assembly for gfx90a (CDNA2,
  MI200); the check also builds gfx940 so the code stays portable to CDNA3.
* Triton: ``triton.compile`` turns one kernel into PTX (and, through the ptxas Triton bundles, a
  cubin whose SASS nvdisasm prints) for sm_90a and AMDGCN for gfx942 (CDNA3, MI300X), in a
  subprocess (:mod:`generator.triton_compile`); ``check()`` runs under ``TRITON_INTERPRET=1``.

Every committed file starts with a header naming the SHA-256 of the sources it came from, and
:func:`check_asm` fails when recompiling gives anything else.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from generator.examples import Example

CUDA_ARCH = "sm_90a"
HIP_ARCH = "gfx90a"
HIP_CHECK_ARCHS = ("gfx940",)
TRITON_AMD_ARCH = "gfx942"
#: (kind, tab label, which comment starts a line) in the order the page shows them.
ASM_KINDS = (("ptx", "PTX", "//"), ("sass", "SASS", "//"), ("amdgcn", "AMDGCN", ";"))
#: Committed beside the assembly but shown inside the SASS tab: ptxas's resource report.
COMMENT = dict((k, c) for k, _, c in ASM_KINDS) | {"ptxas": "//"}


class ToolMissing(Exception):
    """A compiler the example needs is not installed; the message says how to get it."""


def asm_target(ex: Example, kind: str) -> str:
    if kind == "amdgcn":
        return TRITON_AMD_ARCH if ex.manifest.triton else HIP_ARCH
    return CUDA_ARCH


def asm_kinds(ex: Example) -> list[str]:
    """The kinds of assembly an example has (none for a host-only example without kernels)."""
    if not ex.manifest.kernels:
        return []
    kinds = []
    if ex.manifest.cuda or ex.manifest.triton:
        kinds += ["ptx", "sass"]
    if ex.manifest.cuda:
        kinds.append("ptxas")
    if ex.manifest.hip or ex.manifest.triton:
        kinds.append("amdgcn")
    return kinds


# ---- tools ----------------------------------------------------------------------------------

def find_nvcc() -> str | None:
    """The pinned CUDA compiler from PyPI (nvidia-cuda-nvcc), else an nvcc on PATH."""
    try:
        import nvidia  # the namespace package the CUDA wheels install into
        for base in getattr(nvidia, "__path__", []):
            cand = Path(base) / "cu13" / "bin" / "nvcc"
            if cand.is_file():
                return str(cand)
    except ImportError:
        pass
    return shutil.which("nvcc")


def find_hipcc() -> str | None:
    return shutil.which("hipcc")


def _run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    r = subprocess.run(cmd, capture_output=True, **kw)
    if r.returncode != 0:
        err = r.stderr if isinstance(r.stderr, str) else r.stderr.decode("utf-8", "replace")
        raise RuntimeError(f"{' '.join(cmd[:3])} ... failed:\n{err[-3000:]}")
    return r


def _nvdisasm(nvcc: str, cubin: bytes) -> str:
    nvdisasm = str(Path(nvcc).with_name("nvdisasm"))
    with tempfile.NamedTemporaryFile(suffix=".cubin") as tmp:
        tmp.write(cubin)
        tmp.flush()
        return _run([nvdisasm, "-c", tmp.name], text=True).stdout


# ---- trimming to the kernels ----------------------------------------------------------------

def _symbol(kernel: str, mangled: bool) -> str:
    """Regex for a kernel's symbol: C++ kernels are mangled (``_Z5saxpyifPKfPf``), Triton's not."""
    return (rf"_Z{len(kernel)}{re.escape(kernel)}\w*") if mangled else re.escape(kernel)


def trim_ptx(ptx: str, kernels: list[str], mangled: bool = True) -> str:
    """Only the ``.entry`` blocks of ``kernels`` (the first instantiation of a template)."""
    out = []
    for k in kernels:
        m = re.search(r"^\.visible \.entry " + _symbol(k, mangled) + r"\(.*?^\}", ptx, re.M | re.S)
        if m:
            out.append(m.group(0))
    return "\n\n".join(out) + "\n"


def trim_sass(sass: str, kernels: list[str], mangled: bool = True) -> str:
    """Only the instructions of ``kernels``, without the ELF section directives."""
    out = []
    for k in kernels:
        m = re.search(r"^\.text\." + _symbol(k, mangled) + r":\n(.*?)(?=^\s*\.section|\Z)",
                      sass, re.M | re.S)
        if m:
            body = [ln.rstrip() for ln in m.group(1).splitlines() if re.match(r"\s+/\*[0-9a-f]{4}\*/", ln)]
            out.append(f"{k}:\n" + "\n".join(body))
    return "\n\n".join(out) + "\n"


def trim_amdgcn(asm: str, kernels: list[str], mangled: bool = True) -> str:
    """Only the code of ``kernels``: from the kernel's label to its ``s_endpgm``, without the
    assembler's debug and frame directives."""
    out = []
    for k in kernels:
        m = re.search(r"^(" + _symbol(k, mangled) + r"):[^\n]*\n(.*?^\s*s_endpgm[^\n]*)", asm, re.M | re.S)
        if m:
            body = [ln.rstrip() for ln in m.group(2).splitlines()
                    if not re.match(r"\s*\.(loc|file|cfi_\w+)\b", ln)]
            out.append(f"{m.group(1)}:\n" + "\n".join(body))
    return "\n\n".join(out) + "\n"


# ---- compiling ------------------------------------------------------------------------------

def ptxas_report(log: str, kernels: list[str]) -> str:
    """What ``ptxas -v`` says about each of ``kernels``: registers, stack, spills (compile times,
    which change from run to run, left out)."""
    blocks: dict[str, list[str]] = {}
    current = None
    for line in log.splitlines():
        m = re.search(r"Compiling entry function '(\w+)'", line)
        if m:
            current = m.group(1)
            blocks[current] = []
        elif current and "Compile time" not in line and "Function properties" not in line:
            blocks[current].append(re.sub(r"^ptxas info\s*:\s*", "", line).strip())
    out = []
    for k in kernels:
        for name, lines in blocks.items():
            if re.fullmatch(_symbol(k, True), name):
                out.append(f"{k}: " + "; ".join(x for x in lines if x))
                break
    return "\n".join(out) + "\n"


def _header(ex: Example, kind: str, tool: str) -> str:
    comment = COMMENT[kind]
    return f"{comment} {ex.name}: sources sha256 {ex.source_hash()}, {asm_target(ex, kind)}, {tool}\n"


def _header_tool_cuda() -> str:
    return "nvcc (nvidia-cuda-nvcc 13.5.37)"


def compile_cuda(ex: Example, nvcc: str) -> dict[str, str]:
    src = str(ex.path / ex.manifest.cuda)
    ptx = _run([nvcc, f"-arch={CUDA_ARCH}", "-ptx", src, "-o", "-"], text=True).stdout
    r = _run([nvcc, f"-arch={CUDA_ARCH}", "-cubin", "-Xptxas", "-v", src, "-o", "/dev/stdout"])
    sass = _nvdisasm(nvcc, r.stdout)
    k = ex.manifest.kernels
    return {"ptx": trim_ptx(ptx, k), "sass": trim_sass(sass, k),
            "ptxas": ptxas_report(r.stderr.decode("utf-8", "replace"), k)}


def hip_asm(src: Path, hipcc: str, arch: str) -> str:
    env = dict(os.environ, HIP_PLATFORM="amd")
    return _run([hipcc, f"--offload-arch={arch}", "--cuda-device-only", "-S", "-O3", "-o", "-",
                 str(src)], text=True, env=env).stdout


def compile_hip(ex: Example, hipcc: str) -> dict[str, str]:
    src = ex.path / ex.manifest.hip
    for arch in HIP_CHECK_ARCHS:  # must build, not shown
        hip_asm(src, hipcc, arch)
    return {"amdgcn": trim_amdgcn(hip_asm(src, hipcc, HIP_ARCH), ex.manifest.kernels)}


def triton_env() -> dict[str, str]:
    return dict(os.environ, TRITON_DISABLE_LINE_INFO="1", TRITON_DEFAULT_FP_FUSION="1",
                PYTHONDONTWRITEBYTECODE="1")


def compile_triton(ex: Example, nvcc: str | None) -> dict[str, str]:
    with tempfile.TemporaryDirectory() as cache:
        r = _run([sys.executable, "-m", "generator.triton_compile", str(ex.path / ex.manifest.triton),
                  *ex.manifest.kernels], text=True, env=dict(triton_env(), TRITON_CACHE_DIR=cache))
    per_kernel = json.loads(r.stdout)
    k = ex.manifest.kernels
    out = {"ptx": trim_ptx("\n".join(v["ptx"] for v in per_kernel.values()), k, mangled=False),
           "amdgcn": trim_amdgcn("\n".join(v["amdgcn"] for v in per_kernel.values()), k, mangled=False)}
    if nvcc is None:
        raise ToolMissing("nvdisasm (pip install -e '.[examples]') is needed for Triton's SASS")
    out["sass"] = "\n".join(trim_sass(_nvdisasm(nvcc, base64.b64decode(v["cubin"])), [name], mangled=False)
                            for name, v in per_kernel.items())
    return out


def triton_version() -> str:
    try:
        from importlib.metadata import version
        return f"triton {version('triton')}"
    except Exception:  # noqa: BLE001 - not installed
        return "triton"


def compile_asm(ex: Example, nvcc: str | None, hipcc: str | None) -> dict[str, str]:
    """Every kind of assembly the example has, trimmed to its kernels, each with a header."""
    if not asm_kinds(ex):
        return {}
    out: dict[str, str] = {}
    if ex.manifest.cuda:
        if nvcc is None:
            raise ToolMissing("no nvcc: `pip install -e '.[examples]'` installs the CUDA compiler")
        out |= {k: _header(ex, k, _header_tool_cuda()) + v for k, v in compile_cuda(ex, nvcc).items()}
    if ex.manifest.hip:
        if hipcc is None:
            raise ToolMissing("no hipcc: `apt-get install hipcc` (Debian) compiles HIP to AMDGCN")
        out |= {k: _header(ex, k, "Debian hipcc (clang 15)") + v for k, v in compile_hip(ex, hipcc).items()}
    if ex.manifest.triton:
        tv = triton_version()
        out |= {k: _header(ex, k, tv) + v for k, v in compile_triton(ex, nvcc).items()}
    return out


def check_asm(examples: dict[str, Example], nvcc: str | None, hipcc: str | None) -> list[str]:
    """Problems where committed assembly no longer matches what the sources compile to."""
    problems = []
    for ex in examples.values():
        try:
            fresh = compile_asm(ex, nvcc, hipcc)
        except (RuntimeError, ToolMissing) as exc:
            problems.append(f"{ex.path}: {exc}")
            continue
        for kind, text in fresh.items():
            f = ex.asm_file(kind)
            if not f.is_file():
                problems.append(f"{f}: missing; run `gpu-glossary examples asm`")
            elif f.read_text("utf-8") != text:
                problems.append(f"{f}: does not match its source; run `gpu-glossary examples asm`")
    return problems


def write_asm(examples: dict[str, Example], nvcc: str | None, hipcc: str | None) -> list[Path]:
    written = []
    for ex in examples.values():
        for kind, text in compile_asm(ex, nvcc, hipcc).items():
            f = ex.asm_file(kind)
            f.parent.mkdir(exist_ok=True)
            f.write_text(text, "utf-8")
            written.append(f)
    return written


def run_triton_check(ex: Example, timeout: int = 600) -> tuple[bool, str]:
    """Run a Triton example's ``check()`` under the interpreter on the CPU."""
    env = dict(triton_env(), TRITON_INTERPRET="1")
    r = subprocess.run([sys.executable, ex.manifest.triton, "check"], cwd=ex.path, env=env,
                       capture_output=True, text=True, timeout=timeout)
    return r.returncode == 0, (r.stdout + r.stderr)[-3000:]
