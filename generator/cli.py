"""The ``gpu-glossary`` command line: validate, scaffold, look up and link terms, check prose
against references and permalinks against their ledger, and build, check and run the examples."""

from __future__ import annotations

import argparse
import re
import sys
from importlib import resources
from pathlib import Path

from generator.entries import load_entries
from generator.model import CATEGORIES, VENDORS
from generator.permalinks import ledger_path, published_slugs, record
from generator.pipeline import check_against_references, check_ledger, load_and_validate, project_dirs
from generator.frontmatter import SLUG_PATTERN


def _find_glossary(path: str | None) -> Path:
    if path:
        return Path(path)
    for candidate in (Path("glossary"), *(p / "glossary" for p in Path.cwd().parents)):
        if candidate.is_dir():
            return candidate
    return Path("glossary")


def cmd_validate(args: argparse.Namespace) -> int:
    target = Path(args.path) if args.path else _find_glossary(None)
    only: Path | None = None
    if target.is_file():  # validate the whole glossary, report this file only
        only, target = target, target.parent.parent if target.parent.name == "terms" else target.parent
    if not target.exists():
        print(f"{target}:1: glossary: no such file or directory", file=sys.stderr)
        return 2
    gl = load_and_validate(target, display_root=Path.cwd())
    diags = sorted([*gl.diagnostics, *check_against_references(target, gl.entries, Path.cwd())])
    if only is not None:
        shown = only.resolve()
        diags = [d for d in diags if Path(d.path).resolve() == shown]
    for d in diags:
        print(d)
    errors = sum(d.severity == "error" for d in diags)
    if errors:
        print(f"{errors} error{'s' if errors != 1 else ''} in {len({d.path for d in diags})} "
              f"file(s); {len(gl.entries)} entries loaded.", file=sys.stderr)
        return 1
    print(f"OK: {len(gl.entries)} entries, no problems.", file=sys.stderr)
    return 0


def slugify(title: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return slug


def cmd_new(args: argparse.Namespace) -> int:
    slug = args.slug or slugify(args.title)
    if not re.match(SLUG_PATTERN, slug):
        print(f"error: '{slug}' is not a valid slug (lowercase letters, digits, hyphens)",
              file=sys.stderr)
        return 2
    terms_dir, diagrams_dir, _ = project_dirs(_find_glossary(args.glossary))
    path = terms_dir / f"{slug}.md"
    if path.exists():
        print(f"error: {path} already exists", file=sys.stderr)
        return 1
    template = resources.files("generator").joinpath("templates/entry.md").read_text("utf-8")
    title = args.title if re.match(r"^[\w][\w .()/+-]*$", args.title) else f'"{args.title}"'
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(template.format(title=title, category=args.category, vendor=args.vendor),
                    encoding="utf-8")
    print(path)
    ledger = ledger_path(diagrams_dir.parent)
    if ledger.is_file() and record(ledger, [slug]):
        print(f"recorded its permalink terms/{slug}/ in {ledger}", file=sys.stderr)
    print("Fill in the TODOs, then run: gpu-glossary validate", file=sys.stderr)
    return 0


def cmd_permalinks(args: argparse.Namespace) -> int:
    glossary = _find_glossary(args.glossary)
    terms_dir, diagrams_dir, _ = project_dirs(glossary)
    ledger_file = ledger_path(diagrams_dir.parent)
    loaded = load_entries(terms_dir, Path.cwd())
    if args.record:
        added = record(ledger_file, published_slugs(loaded.entries))
        for slug in added:
            print(slug)
        print(f"{len(added)} slug(s) added to {ledger_file}", file=sys.stderr)
        return 0
    diags = check_ledger(glossary, loaded.entries, Path.cwd())
    if diags is None:
        print(f"{ledger_file}:1: permalinks: no ledger; create it with `gpu-glossary permalinks --record`",
              file=sys.stderr)
        return 1
    for d in sorted(diags):
        print(d)
    if diags:
        return 1
    # (with no diagnostics, the ledger holds exactly the slugs served)
    print(f"OK: all {len(published_slugs(loaded.entries))} published permalinks resolve.", file=sys.stderr)
    return 0


def site_url_from_config(config: Path) -> str | None:
    """``site_url`` from mkdocs.yml, resolving ``!ENV [NAME, default]`` like MkDocs does."""
    import os

    import yaml

    class Loader(yaml.SafeLoader):
        pass

    def env(loader, node):
        values = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) \
            else [loader.construct_scalar(node)]
        for name in values[:-1] if len(values) > 1 else values:
            if os.environ.get(str(name)):
                return os.environ[str(name)]
        return values[-1] if len(values) > 1 else None

    Loader.add_constructor("!ENV", env)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda l, s, n: None)
    try:
        data = yaml.load(config.read_text("utf-8"), Loader=Loader)  # noqa: S506 - safe subclass
    except (OSError, yaml.YAMLError):
        return None
    return data.get("site_url") if isinstance(data, dict) else None


def _load_entries(glossary: str | None):
    gl = load_and_validate(_find_glossary(glossary))
    if not gl.entries:
        print("error: no glossary entries found (use --glossary PATH)", file=sys.stderr)
        sys.exit(2)
    return gl.entries


def _base_url(args: argparse.Namespace) -> str:
    if args.base_url:
        return args.base_url
    glossary = _find_glossary(args.glossary)
    url = site_url_from_config(glossary.parent / "mkdocs.yml")
    if not url:
        print("error: no site_url in mkdocs.yml; pass --base-url", file=sys.stderr)
        sys.exit(2)
    return url


def cmd_lookup(args: argparse.Namespace) -> int:
    from generator.lookup import TermIndex
    from generator.textlink import permalink

    entries = _load_entries(args.glossary)
    query = " ".join(args.term)
    matches = TermIndex(entries).lookup(query)
    if matches and matches[0].score == 100.0:
        e = matches[0].entry
        print(f"{e.title}: {permalink(_base_url(args), e.slug)}")
        print(e.summary)
        return 0
    if not matches:
        print(f"No glossary entry matches '{query}'.", file=sys.stderr)
        return 1
    print(f"No entry is called '{query}'. Did you mean:", file=sys.stderr)
    base = _base_url(args)
    for m in matches:
        print(f"  {m.entry.title}: {permalink(base, m.entry.slug)}")
    return 1


def cmd_link(args: argparse.Namespace) -> int:
    from generator.textlink import link_text

    entries = _load_entries(args.glossary)
    if args.file and args.file != "-":
        try:
            text = Path(args.file).read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            print(f"error: cannot read {args.file}: {exc}", file=sys.stderr)
            return 2
    else:
        text = sys.stdin.read()
    out, linked = link_text(text, entries, _base_url(args), args.format)
    sys.stdout.write(out)
    print(f"linked {len(linked)} term(s)", file=sys.stderr)
    return 0


def cmd_overlap(args: argparse.Namespace) -> int:
    from generator.overlap import References, check_entries

    try:
        refs = References(args.words)
    except ValueError as exc:
        print(f"error: --words: {exc}", file=sys.stderr)
        return 2
    missing = [r for r in args.references if not Path(r).exists()]
    if missing:
        print(f"error: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    problems = refs.add_paths([Path(r) for r in args.references])
    for p in problems:
        print(f"warning: {p}", file=sys.stderr)
    if args.save_fingerprints:
        header = {k: v for k, v in (("source", args.source), ("url", args.url)) if v}
        out = Path(args.save_fingerprints)
        out.write_bytes(refs.fingerprints(**header))
        print(f"{out}: {len(refs.runs)} runs of {args.words} words from {refs.files} file(s)",
              file=sys.stderr)
        return 0
    glossary = _find_glossary(args.glossary)
    entries = load_and_validate(glossary, display_root=Path.cwd()).entries
    if args.entries:
        wanted = set(args.entries)
        entries = [e for e in entries if e.slug in wanted or e.path in wanted]
    diags = check_entries(entries, refs)
    for d in diags:
        print(d)
    print(f"{len(diags)} shared stretch(es) of {args.words}+ words in {len(entries)} entries, "
          f"against {refs.files} reference file(s).", file=sys.stderr)
    return 1 if diags else 0


def cmd_examples(args: argparse.Namespace) -> int:
    from generator import example_build as build
    from generator import examples as ex

    glossary = _find_glossary(args.glossary)
    terms_dir, _, examples_dir = project_dirs(glossary)
    entries = load_and_validate(glossary).entries
    found, diags = ex.load_examples(examples_dir, entries)
    for d in diags:
        print(d)
    if args.names:
        unknown = [n for n in args.names if n not in found]
        if unknown:
            print(f"error: no example {', '.join(unknown)}; `gpu-glossary examples list` lists them",
                  file=sys.stderr)
            return 2
        found = {n: found[n] for n in args.names}
    if args.action == "list":
        for name, e in found.items():
            print(f"{name}: {e.manifest.title} [{', '.join(e.languages)}] ({', '.join(e.manifest.entries)})")
        return 1 if diags else 0
    nvcc, hipcc = build.find_nvcc(), build.find_hipcc()
    if args.action == "asm":
        try:
            for f in build.write_asm(found, nvcc, hipcc):
                print(f)
        except (build.ToolMissing, RuntimeError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        return 1 if diags else 0
    if args.action == "run" and args.gpu:
        import subprocess
        runner = examples_dir / "run_gpu.py"
        return subprocess.call([sys.executable, str(runner), *found])
    # check (and `run` without --gpu): everything that needs no GPU.
    problems = build.check_asm(found, nvcc, hipcc)
    for name, e in found.items():
        if e.manifest.triton:
            ok, log = build.run_triton_check(e)
            if not ok:
                problems.append(f"{e.path}: the interpreter check failed:\n{log}")
            else:
                print(f"{name}: Triton check passed under TRITON_INTERPRET=1")
        res = e.results()
        if res is not None and not res.get("device", {}).get("name"):
            problems.append(f"{e.path}/results.json: the result does not name its device")
    for p in problems:
        print(p)
    if not (diags or problems):
        print(f"{len(found)} example(s): assembly matches the sources, CPU checks pass")
    return 1 if diags or problems else 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="gpu-glossary", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="check every entry; print file:line: field: message")
    v.add_argument("path", nargs="?", help="glossary folder (default: ./glossary) or one entry file")
    v.set_defaults(func=cmd_validate)
    n = sub.add_parser("new", help="scaffold a new entry from the template")
    n.add_argument("title", help='the entry title, e.g. "Streaming Multiprocessor"')
    n.add_argument("--category", required=True, choices=list(CATEGORIES))
    n.add_argument("--vendor", required=True, choices=list(VENDORS))
    n.add_argument("--slug", help="file name without .md (default: from the title)")
    n.add_argument("--glossary", help="glossary folder (default: ./glossary)")
    n.set_defaults(func=cmd_new)
    lk = sub.add_parser("lookup", help="print an entry's permalink and summary (forgives typos)")
    lk.add_argument("term", nargs="+", help="a title, abbreviation or alias, e.g. SM or 'shared memroy'")
    lk.add_argument("--base-url", help="site URL for permalinks (default: site_url in mkdocs.yml)")
    lk.add_argument("--glossary", help="glossary folder (default: ./glossary)")
    lk.set_defaults(func=cmd_lookup)
    li = sub.add_parser("link", help="link glossary terms in Markdown or plain text")
    li.add_argument("file", nargs="?", help="input file (default: standard input)")
    li.add_argument("--format", choices=["markdown", "html", "slack"], default="markdown")
    li.add_argument("--base-url", help="site URL for permalinks (default: site_url in mkdocs.yml)")
    li.add_argument("--glossary", help="glossary folder (default: ./glossary)")
    li.set_defaults(func=cmd_link)
    ov = sub.add_parser("overlap", help="find prose an entry shares word for word with reference texts")
    ov.add_argument("references", nargs="+",
                    help="reference files or folders (.md, .txt, .html, ..., and .fp fingerprint "
                         "files): what you read while writing")
    ov.add_argument("--words", type=int, default=10,
                    help="report shared runs of at least this many words (default: 10)")
    ov.add_argument("--entry", dest="entries", action="append",
                    help="check only this entry (slug or path); repeatable")
    ov.add_argument("--glossary", help="glossary folder (default: ./glossary)")
    ov.add_argument("--save-fingerprints", metavar="OUT.fp",
                    help="instead of checking, save the references as fingerprints (hashes of "
                         "their runs of words, no text) for references/")
    ov.add_argument("--source", help="with --save-fingerprints: the references' name")
    ov.add_argument("--url", help="with --save-fingerprints: where they come from")
    ov.set_defaults(func=cmd_overlap)
    pl = sub.add_parser("permalinks", help="check that every slug ever published still resolves; "
                                           "--record adds new ones to permalinks.txt")
    pl.add_argument("--record", action="store_true",
                    help="add every entry's slug and redirect_from to the ledger (never removes)")
    pl.add_argument("--glossary", help="glossary folder (default: ./glossary)")
    pl.set_defaults(func=cmd_permalinks)
    ex = sub.add_parser("examples", help="executable examples: check, regenerate assembly, run on a GPU")
    ex.add_argument("action", choices=["check", "asm", "list", "run"],
                    help="check: recompile and compare the committed PTX/SASS/AMDGCN and run the "
                         "Triton kernels under the interpreter (no GPU needed); asm: regenerate "
                         "the assembly; list; run --gpu: build, run and write results.json on this "
                         "machine's NVIDIA GPU (run without --gpu does what check does)")
    ex.add_argument("names", nargs="*", help="examples to run (default: all)")
    ex.add_argument("--gpu", action="store_true", help="with run: run on this machine's NVIDIA GPU and write results")
    ex.add_argument("--glossary", help="glossary folder (default: ./glossary)")
    ex.set_defaults(func=cmd_examples)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
