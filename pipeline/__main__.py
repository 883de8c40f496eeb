"""Command line: python -m pipeline [INPUT ...] [-o OUTDIR] [--strict]."""
from __future__ import annotations

import argparse
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from pipeline.readers import SUPPORTED
from pipeline.writers import FORMATS

EXIT_OK, EXIT_STRICT, EXIT_UNREADABLE = 0, 1, 2


def parse_args(argv):
    ap = argparse.ArgumentParser(prog="python -m pipeline",
                                 description="Turn Thai anti-corruption action plans into data "
                                             "(CSV, JSON, Excel) and a data-quality report.")
    ap.add_argument("inputs", nargs="*", default=["raw"], metavar="INPUT",
                    help="a plan file or a folder of them (default: raw/)")
    ap.add_argument("-o", "--output", default="output", metavar="OUTDIR",
                    help="where each document's folder is written (default: output/)")
    ap.add_argument("--strict", action="store_true",
                    help="exit 1 when any finding of severity error was made")
    ap.add_argument("-j", "--jobs", type=int, default=0,
                    help="worker processes for many documents (default: one per core)")
    ap.add_argument("--formats", default="csv,json,xlsx,report", metavar="LIST",
                    help="comma-separated outputs to write: csv, json, xlsx, report (default: all)")
    ap.add_argument("--spelling", action="store_true",
                    help="also check Thai spelling of titles, headings and short fields (SPELLING notes; "
                         "loads pythainlp's dictionary, about a second)")
    ap.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    return ap.parse_args(argv)


def expand(inputs: list[str]) -> tuple[list[Path], list[tuple[str, str]]]:
    files, problems = [], []
    for name in inputs:
        path = Path(name)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in SUPPORTED)
            if not found:
                problems.append((name, "folder holds no supported file (.txt, .docx, .pdf)"))
            files += found
        elif path.exists():
            files.append(path)
        else:
            problems.append((name, "no such file or folder"))
    return files, problems


def process(path: Path, outdir: Path, formats: tuple[str, ...] = FORMATS, workers: int = 1,
            spelling: bool = False) -> dict:
    """Parse and write one document; every failure comes back as one line of text."""
    from pipeline.plan import parse
    from pipeline.readers import InputError
    from pipeline.writers import write_outputs
    try:
        plan = parse(path, workers=workers, spelling=spelling)
    except InputError as exc:
        return {"path": str(path), "error": str(exc)}
    except Exception as exc:  # a bug must not stop the other documents
        return {"path": str(path), "error": f"internal error while parsing ({type(exc).__name__}: {exc})"}
    target = outdir / path.stem
    try:
        write_outputs(plan, target, formats)
    except OSError as exc:
        return {"path": str(path), "error": f"cannot write {target} ({exc.strerror or exc})"}
    counts = {s: sum(f.severity == s for f in plan.findings) for s in ("error", "warning", "info")}
    return {"path": str(path), "out": str(target), "sections": len(plan.projects),
            "entries": len(plan.table), "findings": counts}


def main(argv=None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    files, problems = expand(args.inputs)
    for name, problem in problems:
        print(f"error: {name}: {problem}", file=sys.stderr)
    formats = tuple(f.strip() for f in args.formats.split(",") if f.strip())
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        print(f"error: --formats: unknown format {', '.join(unknown) or '(none given)'} "
              f"(choose from csv, json, xlsx, report)", file=sys.stderr)
        return EXIT_UNREADABLE
    outdir = Path(args.output)
    try:
        outdir.mkdir(parents=True, exist_ok=True)
        if not os.access(outdir, os.W_OK):
            raise PermissionError(13, "permission denied")
    except OSError as exc:
        print(f"error: {outdir}: output folder cannot be written ({exc.strerror or exc})", file=sys.stderr)
        return EXIT_UNREADABLE
    results = run_all(files, outdir, args.jobs, formats, args.spelling)
    status = EXIT_UNREADABLE if problems else EXIT_OK
    for r in results:
        if "error" in r:
            print(f"error: {r['path']}: {r['error']}", file=sys.stderr)
            status = EXIT_UNREADABLE
        elif not args.quiet:
            f = r["findings"]
            print(f"{r['path']}: {r['sections']} sections, {r['entries']} table entries, "
                  f"{f['error']} errors, {f['warning']} warnings, {f['info']} notes -> {r['out']}")
    good = [r for r in results if "error" not in r]
    if len(good) > 1 and "csv" in formats:
        from pipeline.writers.combine import write_combined
        write_combined([Path(r["path"]) for r in good], outdir, workbook="xlsx" in formats)
    if args.strict and status == EXIT_OK and any(r["findings"]["error"] for r in good):
        return EXIT_STRICT
    return status


def run_all(files: list[Path], outdir: Path, jobs: int, formats: tuple[str, ...], spelling: bool = False) -> list[dict]:
    progress = _progress(len(files))
    workers = jobs or min(os.cpu_count() or 1, len(files))
    results = []
    if workers > 1 and len(files) > 2:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for r in pool.map(process, files, [outdir] * len(files), [formats] * len(files), [1] * len(files),
                              [spelling] * len(files), chunksize=4):
                results.append(r)
                progress(1)
    else:  # one document (or one worker): a long PDF may still use the cores for its pages
        for path in files:
            results.append(process(path, outdir, formats, workers=jobs or os.cpu_count() or 1, spelling=spelling))
            progress(1)
    progress(0, close=True)
    return results


def _progress(total: int):
    """A progress bar on stderr when it is a terminal and there is more than one document."""
    if total < 2 or not sys.stderr.isatty():
        return lambda n, close=False: None
    import shutil

    from tqdm import tqdm
    # a terminal that reports no width (0 columns) would get an empty bar: fall back to 80
    bar = tqdm(total=total, unit="doc", file=sys.stderr, ncols=shutil.get_terminal_size().columns)

    def step(n, close=False):
        bar.update(n)
        if close:
            bar.close()
    return step


if __name__ == "__main__":
    sys.exit(main())
