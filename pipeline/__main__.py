"""Command line: python -m pipeline [INPUT ...] [-o OUTDIR] [options]; see --help."""
from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path

from pipeline.batch import Job, find_inputs, now, output_names, run, sha256_of
from pipeline.readers import SUPPORTED
from pipeline.writers import ALL_FORMATS, FORMATS, OPT_IN

EXIT_OK, EXIT_STRICT, EXIT_UNREADABLE = 0, 1, 2
OPEN_FIRST = {"report": "report.html", "xlsx": "plan.xlsx", "csv": "projects.csv", "json": "plan.json",
              "text": "text.txt"}  # what to open, by format, the first that was written


def version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("thai-plan-pipeline")
    except PackageNotFoundError:
        return "0.1.0 (not installed)"


class _Version(argparse.Action):
    """--version, with the version looked up only when asked (importlib.metadata costs ~40 ms)."""

    def __init__(self, option_strings, dest, **kwargs):
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None):
        print(f"{parser.prog} {version()}")
        parser.exit()


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def formats(text: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(f.strip().lower() for f in text.split(",") if f.strip()))
    unknown = [f for f in chosen if f not in ALL_FORMATS]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"unknown format {', '.join(unknown) or '(none given)'} "
                                         f"(choose from {', '.join(ALL_FORMATS)})")
    return chosen


def parse_args(argv):
    ap = argparse.ArgumentParser(
        prog="python -m pipeline",
        description="Turn Thai anti-corruption action plans into data (CSV, JSON, Excel, SQLite) and a "
                    "data-quality report.",
        epilog="Each input X.ext gets the folder OUTDIR/X/ (names that clash get the extension or the folders "
               "above them added). With several inputs, OUTDIR/_all/ holds them all together. Every run also "
               "keeps OUTDIR/plans.sqlite, which accumulates plans across runs. Exit status: 0 when every input "
               "was read, 2 when one could not be, 1 with --strict when an error finding was made.")
    ap.add_argument("inputs", nargs="*", default=["raw"], metavar="INPUT",
                    help=f"a plan file ({', '.join(sorted(SUPPORTED))}) or a folder, searched recursively "
                         f"(default: raw/)")
    ap.add_argument("-o", "--output", default="output", metavar="OUTDIR",
                    help="where each document's folder is written (default: output/)")
    ap.add_argument("--formats", type=formats, default=FORMATS, metavar="LIST",
                    help=f"comma-separated outputs per document: {', '.join(ALL_FORMATS)} (default: all but "
                         f"{', '.join(OPT_IN)}; text: text.txt, the text as read, written even when no plan is "
                         f"found in it)")
    ap.add_argument("--strict", action="store_true", help="exit 1 when any finding of severity error was made")
    ap.add_argument("-j", "--jobs", type=positive, default=None, metavar="N",
                    help="worker processes (default: one per core)")
    ap.add_argument("--time-limit", type=float, default=300.0, metavar="SECONDS",
                    help="stop a document that takes longer and report it as unreadable (default: 300; 0: none)")
    ap.add_argument("--skip-unchanged", action="store_true",
                    help="do not read again a document plans.sqlite holds from the same bytes")
    ap.add_argument("--ocr", choices=("auto", "always", "never"), default="auto",
                    help="which PDF pages are read by OCR (Tesseract, Thai and English): auto, those without a "
                         "text layer (default); always; never. Images (.png, .jpg, .tif) are always read by OCR")
    ap.add_argument("--spelling", action="store_true",
                    help="also check Thai spelling of titles, headings and short fields (SPELLING info "
                         "findings; loads pythainlp's dictionary, about a second)")
    ap.add_argument("-q", "--quiet", action="store_true", help="print only errors (no progress bar)")
    ap.add_argument("--version", action=_Version, help="print the version and exit")
    return ap.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    outdir = Path(args.output)
    found, problems = find_inputs(args.inputs, outdir)
    for name, problem in problems:
        print(f"error: {name}: {problem}", file=sys.stderr)
    try:
        outdir.mkdir(parents=True, exist_ok=True)
        if not os.access(outdir, os.W_OK):
            raise PermissionError(13, "permission denied")
    except OSError as exc:
        print(f"error: {outdir}: output folder cannot be written ({exc.strerror or exc})", file=sys.stderr)
        return EXIT_UNREADABLE
    workers = args.jobs or os.cpu_count() or 1
    names = output_names(found)
    single = len(found) == 1
    jobs = [Job(path, name, outdir, args.formats, args.spelling, args.time_limit,
                page_workers=workers if single else 1, ocr=args.ocr) for (path, _), name in zip(found, names)]
    try:
        unreadable, strict = _run(jobs, outdir, workers, args)
    except OSError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    status = EXIT_UNREADABLE if problems or unreadable else EXIT_OK
    if args.strict and strict:
        listed = ", ".join(f"{code} ×{n}" for code, n in strict.most_common())
        print(f"strict: {sum(strict.values())} error findings ({listed}): exit 1", file=sys.stderr)
        if status == EXIT_OK:
            return EXIT_STRICT
    return status


def _run(jobs: list[Job], outdir: Path, workers: int, args) -> tuple[int, Counter]:
    """Run the jobs, streaming each outcome into the database, _all/ and the terminal."""
    from pipeline.writers.database import Database

    database = Database(outdir)
    combined = None
    if len(jobs) > 1:
        from pipeline.writers.combined import Combined
        combined = Combined(outdir, workbook="xlsx" in args.formats)
    skip = (lambda job: database.unchanged(job.name, _hash(job))) if args.skip_unchanged else (lambda job: False)
    progress = _progress(len(jobs), args.quiet)
    pages = _page_progress(args.quiet) if len(jobs) == 1 else None
    unreadable, errors, counts, done = 0, Counter(), Counter(), 0
    try:
        for outcome in run(jobs, workers, skip, pages):
            done += 1
            if outcome.document["status"] != "unchanged":  # a skipped document keeps its rows
                database.replace(outcome.document, outcome.tables, now())
            if combined:
                combined.add(outcome.document, outcome.tables)
            unreadable += bool(outcome.error)
            errors += outcome.errors
            counts.update({k: outcome.document.get(k) or 0 for k in ("errors", "warnings", "infos")})
            progress.write(_line(outcome, args.quiet))
            progress.update()
    except BaseException:
        if combined:
            combined.abort()
        raise
    finally:
        progress.close()
        if pages:
            pages.close()
        database.close()
    if combined:
        for note in combined.close():
            print(f"note: {note}", file=sys.stderr)
    if not args.quiet and len(jobs) > 1:
        first = outdir / "_all" / ("all.xlsx" if "xlsx" in args.formats else "documents.csv")
        print(f"{done} documents, {unreadable} unreadable: {counts['errors']} errors, {counts['warnings']} "
              f"warnings, {counts['infos']} info -> {outdir / '_all'} (open {first} first)")
    return unreadable, errors


def _hash(job: Job) -> str:
    job.sha256 = sha256_of(job.path)
    return job.sha256


def _line(outcome, quiet: bool) -> tuple[str, bool] | None:
    """The line a document gives: on stderr when it could not be read, else on stdout."""
    job = outcome.job
    if outcome.error:
        return f"error: {job.path}: {outcome.error}", True
    if quiet:
        return None
    d = outcome.document
    if d["status"] == "unchanged":
        return f"{job.path}: unchanged since the last run (skipped) -> {outcome.out}", False
    first = next((outcome.out / f for fmt, f in OPEN_FIRST.items() if fmt in job.formats), outcome.out)
    return (f"{job.path}: {d['sections']} sections, {d['entries']} table entries, {d['errors']} errors, "
            f"{d['warnings']} warnings, {d['infos']} info -> {outcome.out} (open {first})"), False


class _page_progress:
    """Pages read by OCR, counted on stderr when it is a terminal (a scan takes a second a page)."""

    def __init__(self, quiet: bool):
        self.bar = None
        self.quiet = quiet or not sys.stderr.isatty()

    def __call__(self, n: int) -> None:
        if self.quiet:
            return
        if self.bar is None:
            from tqdm import tqdm
            self.bar = tqdm(unit="page", desc="OCR", file=sys.stderr)
        self.bar.update(n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


class _progress:
    """A progress bar on stderr for several documents on a terminal, with each document's line
    printed above it as the document finishes."""

    def __init__(self, total: int, quiet: bool):
        self.bar = None
        if total > 1 and not quiet and sys.stderr.isatty():
            import shutil

            from tqdm import tqdm
            # a terminal that reports no width (0 columns) would get an empty bar: fall back to 80
            self.bar = tqdm(total=total, unit="doc", file=sys.stderr,
                            ncols=shutil.get_terminal_size().columns or 80)

    def write(self, line) -> None:
        if not line:
            return
        text, to_stderr = line
        stream = sys.stderr if to_stderr else sys.stdout
        if self.bar is not None:
            self.bar.write(text, file=stream)
        else:
            print(text, file=stream, flush=True)

    def update(self) -> None:
        if self.bar is not None:
            self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


if __name__ == "__main__":
    sys.exit(main())
