"""Executable examples: manifests, committed compiler output, committed GPU results."""

import json
import os
import shutil

import pytest

from conftest import ROOT
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


def nvcc_or_skip():
    nvcc = ex.find_nvcc()
    if nvcc is None:
        if os.environ.get("GG_REQUIRE_BROWSER"):  # CI: everything must run
            pytest.fail("the CUDA compiler from PyPI is required in CI")
        pytest.skip("nvcc not installed")
    return nvcc


def test_committed_assembly_matches_its_source(loaded):
    _, found, _ = loaded
    assert ex.check_asm(found, nvcc_or_skip()) == []


def test_assembly_shows_what_the_entries_talk_about(loaded):
    _, found, _ = loaded
    assert "SHFL.DOWN" in found["warp-reduce"].asm_file("sass").read_text()
    assert "bar.sync" in found["warp-reduce"].asm_file("ptx").read_text()
    ptx = found["vector-add"].asm_file("ptx").read_text()
    assert "ld.global.nc.f32" in ptx and "st.global.f32" in ptx


def test_every_committed_result_names_its_device_and_matches_its_sources(loaded):
    _, found, _ = loaded
    for name, e in found.items():
        res = e.results()
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


def test_page_tabs_and_stale_marking(loaded, tmp_path):
    entries, found, _ = loaded
    entry = next(e for e in entries if e.slug == "memory-coalescing")
    md = ex.render_examples(entry, found)
    for tab in ('=== "CUDA C++"', '=== "PTX"', '=== "SASS"', '=== "Result"'):
        assert tab in md
    assert "Measured on an **NVIDIA H100 80GB HBM3**" in md and "Stale result" not in md
    # Change the source in a copy: the page marks the old result as stale.
    copy = tmp_path / "examples"
    shutil.copytree(EXAMPLES, copy)
    src = copy / "coalescing" / "coalescing.cu"
    src.write_text(src.read_text() + "\n// edited\n")
    stale, _ = ex.load_examples(copy, entries)
    assert "Stale result" in ex.render_examples(entry, stale)


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


def test_every_annotation_points_at_real_compiler_output(loaded):
    _, found, _ = loaded
    for name, e in found.items():
        asm = "".join(e.asm_file(k).read_text() for k in ("ptx", "sass") if e.asm_file(k).is_file())
        for a in e.manifest.annotations:
            assert a.match in asm, f"{name}: annotation {a.match!r} matches nothing in its PTX/SASS"
