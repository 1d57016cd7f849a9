"""Executable examples: manifests, their sources and their committed GPU results.

An example is a folder ``examples/<name>/`` with an ``example.yml`` manifest (format in
``examples/README.md``), its programs (CUDA C++, HIP, or a Triton script) and, once it has run on
a GPU, ``results.json`` (written by ``examples/run_gpu.py``). Compiler output is committed under
``asm/`` (see :mod:`generator.example_build`); the page section is made by
:mod:`generator.example_pages`. This module only loads and cross-checks.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from generator.model import Diagnostic, Entry, display_path

#: Files shared by every example of a language; they are part of each example's source hash.
SHARED_SOURCES = {"cuda": "../common.cuh", "triton": "../common_triton.py"}
#: Peaks a table column or a plot can be compared with (keys of results.json's ``peaks``).
PEAK_KINDS = ("gbps", "fp32_gflops", "tensor_fp16_gflops")


class Annotation(BaseModel):
    model_config = ConfigDict(extra="forbid")
    match: str
    note: str


class RunSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    measures: str
    gpu: Literal["nvidia", "none"] = "nvidia"


class Column(BaseModel):
    """One column of the Result tab's table, read from each of ``output["rows"]``."""
    model_config = ConfigDict(extra="forbid")
    key: str
    label: str
    format: str = ""
    share_of: Literal["gbps", "fp32_gflops", "tensor_fp16_gflops"] | None = None


class PlotSpec(BaseModel):
    """An SVG plot drawn from ``output["rows"]`` (or ``output["sweep"]``)."""
    model_config = ConfigDict(extra="forbid")
    kind: Literal["line", "roofline"] = "line"
    title: str
    x: str
    y: list[str] = Field(min_length=1)
    x_label: str
    y_label: str
    log_x: bool = False
    log_y: bool = False
    categorical: bool = False  # x values evenly spaced in order (e.g. powers of two)
    lines: list[str] = []
    peak: Literal["gbps", "fp32_gflops", "tensor_fp16_gflops"] | None = None


class Manifest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str
    summary: str
    entries: list[str] = Field(min_length=1)
    cuda: str | None = None
    hip: str | None = None
    triton: str | None = None
    kernels: list[str] = []
    annotations: list[Annotation] = []
    run: RunSpec
    table: list[Column] = []
    plot: PlotSpec | None = None

    @model_validator(mode="after")
    def _languages(self) -> "Manifest":
        if not (self.cuda or self.hip or self.triton):
            raise ValueError("name at least one program: cuda, hip or triton")
        if self.triton and (self.cuda or self.hip):
            raise ValueError("a Triton example stands alone: put CUDA or HIP in another example")
        if self.run.gpu == "nvidia" and not (self.cuda or self.triton):
            raise ValueError("run.gpu is nvidia but there is no CUDA or Triton program; "
                             "set `gpu: none` for a HIP-only example")
        return self


@dataclass(frozen=True)
class Example:
    name: str
    path: Path
    manifest: Manifest

    @property
    def languages(self) -> list[str]:
        m = self.manifest
        return [lang for lang in ("cuda", "hip", "triton") if getattr(m, lang)]

    @property
    def source_files(self) -> list[str]:
        """The files whose bytes the source hash covers, in a fixed order."""
        files = {getattr(self.manifest, lang) for lang in self.languages}
        files |= {SHARED_SOURCES[lang] for lang in self.languages if lang in SHARED_SOURCES}
        return sorted(files)

    def source_hash(self) -> str:
        """SHA-256 over the programs and shared helpers (the same as run_gpu.py computes)."""
        h = hashlib.sha256()
        for f in self.source_files:
            h.update(f.encode() + b"\0" + (self.path / f).read_bytes() + b"\0")
        return h.hexdigest()

    def results(self) -> dict | None:
        f = self.path / "results.json"
        return json.loads(f.read_text("utf-8")) if f.is_file() else None

    def asm_file(self, kind: str) -> Path:
        """``kind`` is ptx, sass or amdgcn; the file name says the target it was built for."""
        from generator.example_build import asm_target
        return self.path / "asm" / f"{self.name}.{asm_target(self, kind)}.{kind}"


def _key_line(text: str, key: str) -> int:
    for i, line in enumerate(text.splitlines(), 1):
        if line.startswith(f"{key}:"):
            return i
    return 1


def load_examples(examples_dir: Path, entries: list[Entry], display_root: Path | None = None
                  ) -> tuple[dict[str, Example], list[Diagnostic]]:
    """Every example, and problems: bad manifests, missing files, entries that do not exist or
    that do not list the example back."""
    out: dict[str, Example] = {}
    diags: list[Diagnostic] = []
    if not examples_dir.is_dir():
        return out, diags
    slugs = {e.slug: e for e in entries}

    for mf in sorted(examples_dir.glob("*/example.yml")):
        where = display_path(mf, display_root)
        try:
            text = mf.read_text("utf-8")
            data = yaml.safe_load(text)
            manifest = Manifest.model_validate(data)
        except UnicodeDecodeError:
            diags.append(Diagnostic(where, 1, "manifest", "not UTF-8 text"))
            continue
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            diags.append(Diagnostic(where, mark.line + 1 if mark else 1, "manifest",
                                    f"invalid YAML: {getattr(exc, 'problem', exc)}; quote values with colons"))
            continue
        except ValidationError as exc:
            for err in exc.errors(include_url=False):
                field = ".".join(str(p) for p in err["loc"]) or "manifest"
                line = _key_line(text, str(err["loc"][0])) if err["loc"] else 1
                msg = err["msg"].removeprefix("Value error, ")
                diags.append(Diagnostic(where, line, field, msg))
            continue
        ex = Example(mf.parent.name, mf.parent, manifest)
        for f in ex.source_files:
            if not (ex.path / f).is_file():
                lang = next((lang for lang in ex.languages if getattr(manifest, lang) == f), "manifest")
                diags.append(Diagnostic(where, _key_line(text, lang), lang, f"source file {f} does not exist"))
        for slug in manifest.entries:
            if slug not in slugs:
                diags.append(Diagnostic(where, _key_line(text, "entries"), "entries", f"no entry '{slug}' exists"))
            elif ex.name not in slugs[slug].examples:
                diags.append(Diagnostic(where, _key_line(text, "entries"), "entries", (
                    f"entry '{slug}' does not list this example; add `examples: [{ex.name}]` "
                    f"to {slugs[slug].path}")))
        out[ex.name] = ex
    for e in entries:
        for i, name in enumerate(e.examples):
            if name in out and e.slug not in out[name].manifest.entries:
                diags.append(Diagnostic(e.path, e.line_of("examples", i), f"examples[{i}]", (
                    f"example '{name}' does not list this entry in its manifest's entries")))
    return out, diags


def rows_of(output: dict) -> list[dict]:
    """The per-variant rows of a program's output (``rows``, or ``sweep`` in older examples)."""
    rows = output.get("rows", output.get("sweep", []))
    return [r for r in rows if isinstance(r, dict)]
