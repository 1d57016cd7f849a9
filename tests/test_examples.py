"""Executable examples: manifests, committed compiler output, committed GPU results."""

import json
import os
import shutil

import pytest

from conftest import ROOT
from generator import example_build as build
from generator import example_pages as pages
from generator import examples as ex
from generator.entries import load_entries

EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="module")
def loaded():
    entries = load_entries(ROOT / "glossary" / "terms").entries
    found, diags = ex.load_examples(EXAMPLES, entries)
    return entries, found, diags


def test_manifests_are_valid_and_cross_referenced(loaded):
    entries, found, diags = loaded
    assert diags == []
    assert set(found) >= {"vector-add", "coalescing", "warp-reduce"}
    listed = {name for e in entries for name in e.examples}
    assert listed == set(found)


def tool_or_skip(find, what):
    tool = find()
    if tool is None:
        if os.environ.get("GG_REQUIRE_BROWSER"):  # CI: everything must run
            pytest.fail(f"{what} is required in CI")
        pytest.skip(f"{what} not installed")
    return tool


def triton_or_skip():
    try:
        import triton  # noqa: F401
    except ImportError:
        if os.environ.get("GG_REQUIRE_BROWSER"):
            pytest.fail("Triton (and CPU PyTorch) are required in CI")
        pytest.skip("triton not installed")


def test_committed_assembly_matches_its_source(loaded):
    _, found, _ = loaded
    nvcc = tool_or_skip(build.find_nvcc, "the CUDA compiler from PyPI")
    hipcc = tool_or_skip(build.find_hipcc, "Debian's hipcc")
    if any(e.manifest.triton for e in found.values()):
        triton_or_skip()
    assert build.check_asm(found, nvcc, hipcc) == []


def test_languages_and_coverage(loaded):
    _, found, _ = loaded
    langs = [lang for e in found.values() for lang in e.languages]
    assert len(found) >= 24
    assert langs.count("hip") >= 2 and langs.count("triton") >= 3
    assert any({"cuda", "hip"} <= set(e.languages) for e in found.values()), "CUDA and HIP side by side"
    for e in found.values():
        kinds = build.asm_kinds(e)
        for kind in kinds:
            assert e.asm_file(kind).is_file(), f"{e.name}: no committed {kind}"


@pytest.mark.parametrize("name", sorted(p.parent.name for p in EXAMPLES.glob("*/example.yml")
                                        if "triton:" in (p.parent / "example.yml").read_text()))
def test_triton_kernels_match_their_reference_under_the_interpreter(loaded, name):
    triton_or_skip()
    ok, log = build.run_triton_check(loaded[1][name])
    assert ok, log


def test_triton_check_fails_when_the_kernel_is_wrong(loaded, tmp_path):
    """The interpreter check can fail: break a kernel in a copy and it must."""
    triton_or_skip()
    _, found, _ = loaded
    e = next(e for e in found.values() if e.manifest.triton)
    copy = tmp_path / "examples"
    shutil.copytree(EXAMPLES, copy)
    script = copy / e.name / e.manifest.triton
    text = script.read_text()
    assert "tl.store(" in text
    script.write_text(text.replace("tl.store(", "0 and tl.store(", 1))
    broken = ex.Example(e.name, copy / e.name, e.manifest)
    ok, _ = build.run_triton_check(broken)
    assert not ok


def test_assembly_shows_what_the_entries_talk_about(loaded):
    _, found, _ = loaded
    assert "SHFL.DOWN" in found["warp-reduce"].asm_file("sass").read_text()
    assert "bar.sync" in found["warp-reduce"].asm_file("ptx").read_text()
    ptx = found["vector-add"].asm_file("ptx").read_text()
    assert "ld.global.nc.f32" in ptx and "st.global.f32" in ptx
    report = found["register-spill"].asm_file("ptxas").read_text()
    assert "squeezed: 896 bytes stack frame, 976 bytes spill stores" in report
    assert "roomy: 0 bytes stack frame, 0 bytes spill stores" in report
    assert "v_mfma_f32_32x32x8" in found["hip-mfma"].asm_file("amdgcn").read_text()
    assert "wgmma" in found["triton-matmul"].asm_file("ptx").read_text()
    assert "v_mfma" in found["triton-matmul"].asm_file("amdgcn").read_text()
    assert "ds_bpermute_b32" in found["hip-lds-reduction"].asm_file("amdgcn").read_text()


def test_every_committed_result_names_its_device_and_matches_its_sources(loaded):
    _, found, _ = loaded
    for name, e in found.items():
        res = e.results()
        if e.manifest.run.gpu == "none":
            assert res is None, f"{name} is compile-only but has a result"
            continue
        assert res is not None, f"{name} has no GPU result"
        assert res["device"]["name"] and res["nvidia_smi"]["driver_version"]
        assert res["source_sha256"] == e.source_hash(), f"{name}: stale result"
        for check in res["checks"]:
            assert "%" in check or "exact" in check


def test_honesty_rules_of_the_gpu_runner():
    import importlib.util
    spec = importlib.util.spec_from_file_location("run_gpu", EXAMPLES / "run_gpu.py")
    run_gpu = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(run_gpu)
    dev = {"name": "NVIDIA H100 80GB HBM3"}
    ok = {"device": dev, "correct": True, "kernel_gbps": 2700.0, "memcpy_d2d_gbps": 3000.0}
    assert run_gpu.honesty_checks("vector-add", ok)[1] == []
    too_fast = dict(ok, kernel_gbps=3500.0, memcpy_d2d_gbps=3600.0)
    assert any("of the 3350 GB/s peak" in f for f in run_gpu.honesty_checks("vector-add", too_fast)[1])
    slow = dict(ok, kernel_gbps=2000.0)
    assert any("needs 85%" in f for f in run_gpu.honesty_checks("vector-add", slow)[1])
    unknown = dict(ok, device={"name": "Some GPU"})
    assert run_gpu.honesty_checks("vector-add", unknown)[1]
    # A working set that fits in L2 may beat the DRAM peak, but not absurdly.
    h200 = {"name": "NVIDIA H200"}
    l2 = {"device": h200, "correct": True, "rows": [
        {"bytes": 1 << 20, "fits_on_chip": True, "gbps": 11000.0},
        {"bytes": 1 << 31, "fits_on_chip": False, "gbps": 4100.0}]}
    assert run_gpu.honesty_checks("l2-cliff", l2)[1] == []
    l2["rows"][1]["gbps"] = 5000.0  # off chip above the 4.8 TB/s HBM3e peak
    assert any("rows[1].gbps" in f for f in run_gpu.honesty_checks("l2-cliff", l2)[1])
    l2["rows"][0]["gbps"] = 500000.0
    assert len(run_gpu.honesty_checks("l2-cliff", l2)[1]) == 2
    # Partly cacheable: a quarter of the set can stay in L2, so at most 4800 / 0.75 = 6400 GB/s.
    part = {"device": h200, "correct": True, "rows": [{"l2_fraction": 0.25, "gbps": 6000.0}]}
    assert run_gpu.honesty_checks("l2-cliff", part)[1] == []
    part["rows"][0]["gbps"] = 6500.0
    assert any("peak / (1 - 0.25)" in f for f in run_gpu.honesty_checks("l2-cliff", part)[1])
    flops = {"device": h200, "correct": True, "rows": [{"fp32_gflops": 70000.0}]}
    assert any("FP32" in f for f in run_gpu.honesty_checks("roofline", flops)[1])
    wrong = {"device": h200, "correct": False}
    assert any("wrong answer" in f for f in run_gpu.honesty_checks("x", wrong)[1])


def test_runner_and_engine_hash_the_same_files(loaded):
    import importlib.util
    import yaml
    spec = importlib.util.spec_from_file_location("run_gpu", EXAMPLES / "run_gpu.py")
    run_gpu = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(run_gpu)
    for name, e in loaded[1].items():
        manifest = yaml.safe_load((e.path / "example.yml").read_text())
        assert run_gpu.source_hash(e.path, manifest) == e.source_hash(), name


def test_page_tabs_and_stale_marking(loaded, tmp_path):
    entries, found, _ = loaded
    entry = next(e for e in entries if e.slug == "memory-coalescing")
    md = pages.render_examples(entry, found)
    for tab in ('=== "CUDA C++"', '=== "PTX"', '=== "SASS"', '=== "Result"'):
        assert tab in md
    assert "Measured on an **NVIDIA H100 80GB HBM3**" in md and "Stale result" not in md
    # Change the source in a copy: the page marks the old result as stale.
    copy = tmp_path / "examples"
    shutil.copytree(EXAMPLES, copy)
    src = copy / "coalescing" / "coalescing.cu"
    src.write_text(src.read_text() + "\n// edited\n")
    stale, _ = ex.load_examples(copy, entries)
    assert "Stale result" in pages.render_examples(entry, stale)


def test_manifest_problems_are_reported(tmp_path, loaded):
    entries, _, _ = loaded
    bad = tmp_path / "examples" / "bad"
    bad.mkdir(parents=True)
    (bad / "example.yml").write_text("title: X: y\n")
    (tmp_path / "examples" / "worse").mkdir()
    (tmp_path / "examples" / "worse" / "example.yml").write_text(
        "title: T\nsummary: S.\nentries: [no-such-entry]\ncuda: missing.cu\nkernels: [k]\nrun: {measures: m}\n")
    _, diags = ex.load_examples(tmp_path / "examples", entries)
    messages = [str(d) for d in diags]
    assert any("invalid YAML" in m for m in messages)
    assert any("source file missing.cu does not exist" in m for m in messages)
    assert any("no entry 'no-such-entry' exists" in m for m in messages)
    assert any("worse/example.yml:4: cuda: source file" in m for m in messages)
    (tmp_path / "examples" / "worse" / "example.yml").write_text(
        "title: T\nsummary: S.\nentries: [warp]\nkernels: [k]\nrun: {measures: m}\n")
    _, diags = ex.load_examples(tmp_path / "examples", entries)
    assert any("name at least one program: cuda, hip or triton" in str(d) for d in diags)


def test_every_annotation_points_at_real_compiler_output(loaded):
    _, found, _ = loaded
    for name, e in found.items():
        asm = "".join(e.asm_file(k).read_text() for k in ("ptx", "sass", "amdgcn") if e.asm_file(k).is_file())
        for a in e.manifest.annotations:
            assert a.match in asm, f"{name}: annotation {a.match!r} matches nothing in its assembly"
