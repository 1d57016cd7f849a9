"""Benchmark: build time of synthetic glossaries with mkdocs-material alone and with the plugin.

Run:  python benchmarks/build_bench.py [--sizes 200 1000 5000] [--repeat 1]

For each size it writes a synthetic glossary (realistic bodies: paragraphs that mention other
terms, headings, code, a table, written links; typed relations), then builds it side by side:
plain mkdocs-material (entries are ordinary pages) and mkdocs-material with the gpu-glossary
plugin. Both use the same theme settings (navigation.prune, search). It also times
`gpu-glossary validate` alone. Each figure is the best of --repeat runs. Prints a table.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SYLLABLES = ["ka", "ro", "mi", "zu", "te", "lan", "vor", "si", "pex", "du", "qua", "nel", "tor",
             "bi", "gar", "fen", "ly", "om", "rax", "cet"]
NOUNS = ["cache", "scheduler", "buffer", "unit", "queue", "barrier", "pipeline", "register file",
         "memory", "fabric", "engine", "kernel", "stream", "core", "controller", "table"]
CATS = ["device-hardware", "device-software", "host-software", "performance", "interconnect",
        "ml-systems"]
REL = ["part_of", "prerequisite", "see_also", "uses", "runs_on"]

THEME = """theme:
  name: material
  font: false
  features: [navigation.instant, navigation.prune, navigation.sections, search.suggest, content.code.copy]
markdown_extensions:
  - attr_list
  - admonition
  - tables
  - toc: {permalink: true}
  - pymdownx.superfences
"""


def make_names(n: int, rng: random.Random) -> list[tuple[str, str, str]]:
    seen, out = set(), []
    while len(out) < n:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))
        title = f"{word.capitalize()} {rng.choice(NOUNS)}"
        slug = title.lower().replace(" ", "-")
        if slug in seen:
            continue
        seen.add(slug)
        abbr = (word[:2] + "".join(w[0] for w in title.split()[1:])).upper() + str(len(out))
        out.append((slug, title, abbr))
    return out


def write_glossary(root: Path, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    names = make_names(n, rng)
    terms = root / "glossary" / "terms"
    terms.mkdir(parents=True)
    (root / "glossary" / "index.md").write_text("# Synthetic glossary\n\nHome.\n")
    for i, (slug, title, abbr) in enumerate(names):
        others = [names[j] for j in rng.sample(range(n), 12) if j != i]
        rels = {}
        earlier = [o for o in others if names.index(o) < i]  # acyclic relations point backwards
        if earlier:
            rels["part_of"] = [earlier[0][0]]
        if len(earlier) > 1:
            rels["prerequisite"] = [earlier[1][0]]
        for k, rel in enumerate(REL[2:], start=2):
            rels[rel] = [others[k][0]]
        rel_yaml = "".join(f"  {k}: [{', '.join(v)}]\n" for k, v in rels.items())
        mention = lambda o: o[1].lower() if rng.random() < 0.7 else o[2]  # noqa: E731
        paras = []
        for p in range(6):  # about 400 words, like the real entries (200-600)
            words = [rng.choice(["the", "a", "each", "every", "its", "warp", "thread", "data",
                                 "moves", "holds", "across", "between", "latency", "bandwidth",
                                 "when", "because", "and", "of", "to", "per", "block"])
                     for _ in range(62)]
            for m in range(2):
                words.insert(rng.randrange(len(words)), mention(others[(p * 2 + m) % len(others)]))
            paras.append(" ".join(words).capitalize() + ".")
        body = (f"{paras[0]}\n\n## How it works\n\n{paras[1]} See [{others[0][1]}]({others[0][0]}.md).\n\n"
                f"```cuda\n__global__ void k(float* x) {{ x[threadIdx.x] *= 2.0f; }} // {title}\n```\n\n"
                f"{paras[2]}\n\n| property | value |\n|---|---|\n| {title} | {i} |\n| {others[1][1]} | {n} |\n\n"
                f"{paras[3]}\n\n- `{abbr}` and {others[2][1].lower()}\n- {paras[4][:200]}\n\n"
                f"## Why it matters\n\n{paras[5]}\n")
        fm = (f"---\ntitle: {title}\ncategory: {CATS[i % len(CATS)]}\nvendor: neutral\n"
              f"summary: The {title.lower()} of a synthetic glossary, number {i}.\n"
              f"abbreviations: [{abbr}]\nrelations:\n{rel_yaml}"
              f"sources:\n  - title: Synthetic source\n    url: https://docs.nvidia.com/cuda/\n---\n\n")
        (terms / f"{slug}.md").write_text(fm + body)


def write_config(root: Path, plugin: bool) -> Path:
    cfg = root / ("mkdocs-plugin.yml" if plugin else "mkdocs-plain.yml")
    plugins = "plugins:\n  - search\n" + ("  - gpu-glossary\n" if plugin else "")
    nav = "nav:\n  - index.md\n"
    if plugin:
        nav += "".join(f"  - categories/{c}.md\n" for c in CATS)
    cfg.write_text(f"site_name: bench\nsite_url: http://127.0.0.1/\ndocs_dir: glossary\n{THEME}{plugins}{nav}")
    return cfg


def timed(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """Run ``cmd``; return (wall seconds, CPU seconds of the child: user + system)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    before = os.times()
    t0 = time.perf_counter()
    r = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    dt = time.perf_counter() - t0
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    if r.returncode != 0:
        sys.exit(f"command failed: {' '.join(cmd)}\n{r.stderr[-3000:]}")
    return dt, cpu


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", type=int, nargs="+", default=[200, 1000, 5000])
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    py = sys.executable
    bin_dir = Path(py).parent
    rows = []
    for n in args.sizes:
        root = Path(tempfile.mkdtemp(prefix=f"gg-bench-{n}-"))
        try:
            write_glossary(root, n)
            plain, plug = write_config(root, False), write_config(root, True)
            best = {k: (float("inf"), float("inf")) for k in ("plain", "plugin", "validate")}
            cmds = {
                "plain": [py, "-m", "mkdocs", "build", "-q", "-f", str(plain), "-d", str(root / "site-plain")],
                "plugin": [py, "-m", "mkdocs", "build", "-q", "-f", str(plug), "-d", str(root / "site-plugin")],
                "validate": [str(bin_dir / "gpu-glossary"), "validate", "glossary"],
            }
            for _ in range(args.repeat):  # side by side, alternating
                for key, cmd in cmds.items():
                    wall, cpu = timed(cmd, root)
                    best[key] = (min(best[key][0], wall), min(best[key][1], cpu))
            rows.append((n, best, dir_size(root / "site-plain"), dir_size(root / "site-plugin")))
            print(f"{n:>5} entries: plain {best['plain'][0]:.2f} s wall / {best['plain'][1]:.2f} s CPU, "
                  f"plugin {best['plugin'][0]:.2f} / {best['plugin'][1]:.2f} "
                  f"(x{best['plugin'][0] / best['plain'][0]:.2f} wall, x{best['plugin'][1] / best['plain'][1]:.2f} CPU), "
                  f"validate {best['validate'][0]:.2f} s", flush=True)
        finally:
            shutil.rmtree(root, ignore_errors=True)
    base = rows[0]
    print()
    print("| entries | material alone: wall / CPU (s) | with plugin: wall / CPU (s) | plugin / alone "
          "(wall, CPU) | plugin CPU ms per entry | per-entry vs smallest | validate (s) | site (MB) |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n, best, size_plain, size_plug in rows:
        (pw, pc), (gw, gc) = best["plain"], best["plugin"]
        per, per0 = gc / n, base[1]["plugin"][1] / base[0]
        print(f"| {n} | {pw:.1f} / {pc:.1f} | {gw:.1f} / {gc:.1f} | {gw / pw:.2f}, {gc / pc:.2f} "
              f"| {per * 1000:.1f} | {per / per0:.2f} | {best['validate'][0]:.2f} | {size_plug / 1e6:.0f} |")


if __name__ == "__main__":
    main()
