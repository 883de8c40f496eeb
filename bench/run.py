"""Benchmarks: python bench/run.py [--quick] [--baseline REV]. Prints Markdown tables (paste them
into the README). Every comparison is measured side by side in one run, as a ratio.

On the real document in raw/:
- each stage in process, and parse + checks next to the same measured on a baseline commit
  (checked out with `git worktree` into bench/results/, default: the first build's last commit):
  in separate processes, in one process in turn (the baseline imported under another name; the
  median of the pairs' ratios), and in instructions (cachegrind);
- each output writer;
- whole commands: the plan as text next to the same plan as PDFs made the way organisations make
  them (Word saved as PDF by LibreOffice in the tlwg fonts and in Sarabun, printed by Chromium;
  made once and kept in bench/results/, skipped when the tool is missing): wall time, pages/s,
  the PDF/text ratio and the peak memory of the child alone (os.wait4);
- scaling: the document repeated 1x, 10x, 100x in one file; a plan of 3,000 projects
  (bench/big_plan.py) with titles that agree and with every title rewritten;
- batches: a folder of copies, documents/s with every output and with csv and json, and the peak
  memory of a batch of 20 next to one of 500 (the parent and its workers).
"""
from __future__ import annotations

import argparse
import gc
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from pipeline import checks, extract, intro, match, normalise, segment, table  # noqa: E402
from pipeline import template as T  # noqa: E402
from pipeline.plan import parse_text  # noqa: E402
from pipeline.readers import read_source  # noqa: E402
from pipeline.writers import csv_files, json_file, report, workbook  # noqa: E402

DOC = next((ROOT / "raw").glob("*.txt"))
BASELINE = "15a037f"  # the first build (issues 2-7), before the layout and PDF work


def median_ms(fn, runs: int) -> float:
    times = []
    gc.collect()
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def stages(runs: int) -> list[tuple[str, float]]:
    src = read_source(DOC)
    lines, _ = normalise.normalise(src.text)
    layout = normalise.layout(lines)
    tab = table.find_table(lines, layout.repeated)
    seg = segment.segment(lines, after=tab.last_index + 1)
    plan = parse_text(src.text, str(DOC))
    part1 = lines[:tab.first_line - 1]
    return [
        ("read (decode, control characters)", median_ms(lambda: read_source(DOC), runs)),
        ("normalise (characters, Thai repairs, mixed numerals)", median_ms(lambda: normalise.normalise(src.text), runs)),
        ("page layout (page numbers, running headers, wrap width)", median_ms(lambda: normalise.layout(lines), runs)),
        ("summary table", median_ms(lambda: table.find_table(lines, layout.repeated), runs)),
        ("edition", median_ms(lambda: T.detect_edition(layout.text, 2566), runs)),
        ("segment", median_ms(lambda: segment.segment(lines, after=tab.last_index + 1), runs)),
        ("extract", median_ms(lambda: [extract.extract(p) for p in seg.projects], runs)),
        ("match", median_ms(lambda: match.match(plan.table, plan.projects), runs)),
        ("Part 1 (risk table, lists, targets)", median_ms(
            lambda: (intro.risk_register(part1), intro.targets(part1), intro.intro_lists(part1)), runs)),
        ("checks", median_ms(lambda: checks.run_checks(plan), runs)),
    ]


_PARSE_ONCE = r"""
import sys, gc, time
sys.path.insert(0, sys.argv[1])
from pipeline.plan import parse_text
text = open(sys.argv[2], encoding="utf-8").read()
gc.collect()
times = []
for _ in range(int(sys.argv[3])):
    t = time.perf_counter(); parse_text(text); times.append((time.perf_counter() - t) * 1000)
times.sort()
print(times[len(times) // 2])
"""


def baseline_tree(rev: str) -> Path | None:
    """The baseline commit checked out beside the project (kept for the next run)."""
    tree = RESULTS / f"baseline-{rev}"
    if tree.exists():
        return tree
    RESULTS.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["git", "worktree", "add", "--detach", str(tree), rev], cwd=ROOT, capture_output=True)
    return tree if done.returncode == 0 else None


def parse_vs_baseline(rev: str, runs: int, rounds: int) -> tuple[float, float | None]:
    """parse + checks (median) here and on the baseline."""
    return side_by_side(_PARSE_ONCE, rev, runs, rounds)


_PAIRED = r"""
import sys, gc, time, statistics, importlib.util
sys.path.insert(0, sys.argv[1])
from pipeline.plan import parse_text as here
tree = sys.argv[2] + "/pipeline"
spec = importlib.util.spec_from_file_location("pipeline_baseline", tree + "/__init__.py", submodule_search_locations=[tree])
sys.modules["pipeline_baseline"] = module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
from pipeline_baseline.plan import parse_text as there
text = open(sys.argv[3], encoding="utf-8").read()
here(text), there(text)
ratios, mine, theirs = [], [], []
for k in range(int(sys.argv[4])):
    gc.collect()
    for parse, out in ((here, mine), (there, theirs))[::1 if k % 2 else -1]:  # each goes first half the time
        t = time.perf_counter(); parse(text); out.append(time.perf_counter() - t)
    ratios.append(mine[-1] / theirs[-1])
print(statistics.median(ratios), statistics.median(mine) * 1000, statistics.median(theirs) * 1000)
"""


def paired(rev: str, iterations: int) -> tuple[float, float, float] | None:
    """parse + checks here and on the baseline in one process, one after the other, again and
    again: (the median of the ratios of each pair, the median ms here, there). Each pair is
    measured within ~60 ms, so a machine whose speed moves by 2x within seconds (this one) moves
    both alike: the ratio is steadier than that of two medians taken apart."""
    tree = baseline_tree(rev)
    if tree is None:
        return None
    done = subprocess.run([sys.executable, "-c", _PAIRED, str(ROOT), str(tree), str(DOC), str(iterations)],
                          capture_output=True, text=True, cwd=RESULTS)
    if done.returncode != 0:
        return None
    ratio, here, there = map(float, done.stdout.split())
    return ratio, here, there


_WRITE_ONCE = r"""
import sys, gc, tempfile, time
sys.path.insert(0, sys.argv[1])
from pipeline.plan import parse_text
try:
    from pipeline.writers import write
except ImportError:
    from pipeline.write import write_outputs as write  # the baseline's name
text = open(sys.argv[2], encoding="utf-8").read()
plan = parse_text(text, sys.argv[2])
from pathlib import Path
out = Path(tempfile.mkdtemp())
write(plan, out)
gc.collect()
times = []
for _ in range(int(sys.argv[3])):
    t = time.perf_counter(); write(plan, out); times.append((time.perf_counter() - t) * 1000)
times.sort()
print(times[len(times) // 2])
"""


def side_by_side(script: str, rev: str, runs: int, rounds: int) -> tuple[float, float | None]:
    """A measuring script run here and on the baseline, alternating processes, best round each."""
    tree = baseline_tree(rev)
    here, there = [], []
    for _ in range(rounds):
        for root, out in ((ROOT, here), (tree, there)):
            if root is None:
                continue
            done = subprocess.run([sys.executable, "-c", script, str(root), str(DOC), str(runs)],
                                  capture_output=True, text=True, cwd=RESULTS)
            out.append(float(done.stdout))
    return min(here), (min(there) if there else None)


_PARSE_N = r"""
import sys
sys.path.insert(0, sys.argv[1])
from pipeline.plan import parse_text
text = open(sys.argv[2], encoding="utf-8").read()
for _ in range(int(sys.argv[3])):
    parse_text(text)
"""


def instructions(tree: Path | None, extra: int) -> float | None:
    """Millions of instructions one parse + checks executes (valgrind's cachegrind: a run parsing
    1 + extra times less a run parsing once, over extra). Unlike time, the count does not move
    with the load on a shared machine; None without valgrind."""
    if tree is None or not shutil.which("valgrind"):
        return None
    counts = []
    for n in (1, 1 + extra):
        done = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
                               sys.executable, "-c", _PARSE_N, str(tree), str(DOC), str(n)],
                              capture_output=True, text=True, cwd=RESULTS, env={**os.environ, "PYTHONHASHSEED": "0"})
        refs = [line for line in done.stderr.splitlines() if "I   refs:" in line or "I refs:" in line]
        if done.returncode != 0 or not refs:
            return None
        counts.append(int(refs[-1].split(":")[1].replace(",", "")))
    return (counts[1] - counts[0]) / extra / 1e6


def precompile(*trees: Path | None) -> None:
    """Bytecode for the packages measured as whole commands, as pip writes it on install: the
    floor's xlsxwriter has its own, and this machine sets PYTHONDONTWRITEBYTECODE, which would
    otherwise charge every run ~100 ms of compiling the project's source."""
    for tree in trees:
        if tree is not None:
            subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "pipeline")], check=True)


def writers(runs: int) -> list[tuple[str, float]]:
    from pipeline.writers.rows import all_rows

    plan = parse_text(DOC.read_text(encoding="utf-8"), str(DOC))
    tmp = Path(tempfile.mkdtemp())
    rows = [
        ("CSV (6 files and datapackage.json)", median_ms(lambda: csv_files.write(plan, tmp), runs)),
        ("JSON", median_ms(lambda: json_file.write(plan, tmp), runs)),
        ("xlsx", median_ms(lambda: workbook.write_workbook(plan, tmp / "p.xlsx"), max(5, runs // 5))),
        ("HTML + Markdown report", median_ms(lambda: report.write(plan, tmp), runs)),
        ("rows for _all/ and the database", median_ms(lambda: all_rows(plan), runs)),
    ]
    rows.append(("**all writers**", sum(ms for _, ms in rows)))
    shutil.rmtree(tmp)
    return rows


_MEASURE = r"""
import resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
wall = time.perf_counter() - start
print(done.returncode, wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def measured(args: list[str], cwd: Path = ROOT) -> tuple[int, float, float]:
    """Exit status, wall seconds and peak MiB of a command (the largest of it and the workers it
    waited for), started from a small Python: a child forked from this process would carry this
    process's own high-water mark (ru_maxrss counts the pages a fork shares)."""
    out = subprocess.run([sys.executable, "-c", _MEASURE, *args], cwd=cwd, capture_output=True, text=True)
    code, wall, peak = out.stdout.split()
    return int(code), float(wall), int(peak) / 1024


def command(args: list[str], runs: int, cwd: Path = ROOT) -> tuple[float, float]:
    """Median wall time (ms) and peak resident memory (MiB) of the command alone (`python -m
    pipeline` started in cwd runs the package of that tree)."""
    times, peaks = [], []
    for _ in range(runs):
        code, wall, peak = measured(args, cwd)
        assert code in (0, 1), args
        times.append(wall * 1000)
        peaks.append(peak)
    return statistics.median(times), max(peaks)


def published_pdfs() -> dict[str, Path]:
    """The real plan as PDFs (made once, kept in bench/results/)."""
    from make_docs import make_docx, make_pdf, office_pdf, sarabun_fonts

    RESULTS.mkdir(parents=True, exist_ok=True)
    text = DOC.read_text(encoding="utf-8")
    out: dict[str, Path] = {}
    soffice, chromium = shutil.which("soffice"), shutil.which("chromium") or shutil.which("chromium-browser")
    if soffice:
        if not (RESULTS / "plan_tlwg.pdf").exists():
            office_pdf(make_docx(text, RESULTS / "plan_tlwg.docx"), RESULTS)
        out["Word → PDF, LibreOffice, tlwg fonts"] = RESULTS / "plan_tlwg.pdf"
        if sarabun_fonts():
            if not (RESULTS / "plan_sarabun.pdf").exists():
                office_pdf(make_docx(text, RESULTS / "plan_sarabun.docx", font="Sarabun", justify=True), RESULTS,
                           sarabun_fonts())
            out["Word → PDF, LibreOffice, Sarabun"] = RESULTS / "plan_sarabun.pdf"
    if chromium:
        if not (RESULTS / "plan_chromium.pdf").exists():
            make_pdf(text, RESULTS / "plan_chromium.pdf", chromium)
        out["printed to PDF by Chromium"] = RESULTS / "plan_chromium.pdf"
    return out


def scanned_pdf() -> Path | None:
    """The 8-section fixture printed and scanned (made once, kept in bench/results/), and the
    real plan's first 20 pages scanned, for OCR's seconds a page."""
    from make_docs import make_docx, office_pdf, scan_pdf

    if not shutil.which("soffice") or not shutil.which("tesseract"):
        return None
    RESULTS.mkdir(parents=True, exist_ok=True)
    target = RESULTS / "plan_real_scan.pdf"
    if not target.exists():
        source = RESULTS / "plan_tlwg.pdf"
        if not source.exists():
            office_pdf(make_docx(DOC.read_text(encoding="utf-8"), RESULTS / "plan_tlwg.docx"), RESULTS)
        import pypdfium2 as pdfium
        document = pdfium.PdfDocument(str(source))
        first = pdfium.PdfDocument.new()
        first.import_pages(document, list(range(20)))
        first.save(str(RESULTS / "plan_tlwg_20.pdf"))
        scan_pdf(RESULTS / "plan_tlwg_20.pdf", target)
    return target


def pages(pdf: Path) -> int:
    import pypdfium2 as pdfium
    document = pdfium.PdfDocument(str(pdf))
    try:
        return len(document)
    finally:
        document.close()


def scaling(quick: bool) -> list[tuple[str, float, float]]:
    import re

    from big_plan import plan_text
    text = DOC.read_text(encoding="utf-8")
    rows = []
    for n in (1, 10) if quick else (1, 10, 100):
        big = "\n".join([text] * n)
        ms = median_ms(lambda: parse_text(big, "big"), 3 if n > 1 else 20)
        rows.append((f"the real plan {n}× in one file", ms, ms / n))
    for n in (300, 3000):
        plan = plan_text(n)
        rewritten = re.sub(r"(1\. ชื่อโครงการ : .*)...$", r"\1", plan, flags=re.M)
        for label, body in (("titles agree", plan), ("every title rewritten", rewritten)):
            ms = median_ms(lambda: parse_text(body, "big"), 3)
            rows.append((f"{n} entries × {n} sections, {label}", ms, ms / n))
    return rows


def folder(copies: int, *extra: str, cwd: Path = ROOT) -> tuple[float, float, float]:
    """Seconds, documents/s and peak MiB (the largest of the run's processes) for a folder of
    copies of the real plan (run by the package of the tree in cwd)."""
    tmp = Path(tempfile.mkdtemp())
    (tmp / "in").mkdir()
    for i in range(copies):
        shutil.copy(DOC, tmp / "in" / f"doc{i:04d}.txt")
    code, seconds, peak = measured([sys.executable, "-m", "pipeline", str(tmp / "in"), "-o", str(tmp / "out"), "-q",
                                    *extra], cwd)
    assert code == 0
    shutil.rmtree(tmp)
    return seconds, copies / seconds, peak


# issue 13's targets as ratios to its "now", which was the baseline: 16.7 ms parse + checks, 47 ms
# writers, 15.5 and 40 documents/s, 3,000 × 3,000 in 5.7 s (1 s wanted: 60× the real plan's parse)
TARGETS = {"parse": 10 / 16.7, "parse paired": 10 / 16.7, "parse instructions": 10 / 16.7, "writers": 20 / 47,
           "batch all": 40 / 15.5, "batch csv,json": 80 / 40, "floor": 2.0, "big": 1000 / 16.7}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="fewer runs, smaller scaling (a smoke test)")
    ap.add_argument("--baseline", default=BASELINE, help=f"commit to compare with (default {BASELINE})")
    args = ap.parse_args()
    runs = 5 if args.quick else 40
    rounds = 2 if args.quick else 4
    tree = baseline_tree(args.baseline)
    precompile(ROOT, tree)
    out = tempfile.mkdtemp()
    result: dict[str, tuple[float, float | None]] = {}
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.system()}; document {DOC.name} ({DOC.stat().st_size:,} bytes); "
          f"baseline {args.baseline}\n")
    print("| in process (median) | ms |\n|---|---:|")
    for name, ms in stages(runs):
        print(f"| {name} | {ms:.1f} |")
    result["parse"] = side_by_side(_PARSE_ONCE, args.baseline, runs, rounds)
    _pair("**parse + checks**", result["parse"])
    pairs = paired(args.baseline, 40 if args.quick else 400)
    if pairs:
        ratio, here_ms, there_ms = pairs
        print(f"| parse + checks, here and on the baseline in turn in one process (medians) | {here_ms:.1f} / "
              f"{there_ms:.1f} |\n| **ratio to the baseline, median of the pairs** | **{ratio:.2f}×** |")
        result["parse paired"] = (ratio, 1.0)  # (a ratio already)
    here, there = instructions(ROOT, 1 if args.quick else 3), instructions(tree, 1 if args.quick else 3)
    if here and there:
        print(f"| parse + checks, millions of instructions (cachegrind) | {here:.0f} |\n"
              f"| the same on the baseline | {there:.0f} |\n| **ratio to the baseline, instructions** | "
              f"**{here / there:.2f}×** |")
        result["parse instructions"] = (here, there)
    print("\n| writer (median) | ms |\n|---|---:|")
    for name, ms in writers(runs):
        print(f"| {name} | {ms:.1f} |")
    result["writers"] = side_by_side(_WRITE_ONCE, args.baseline, max(5, runs // 4), rounds)
    _pair("every format through `write()`", result["writers"])
    n = 3 if args.quick else 7
    print("\n| whole command | wall ms (median) | peak MiB | pages/s | × the text |\n|---|---:|---:|---:|---:|")
    floor = command([sys.executable, "-c", "import xlsxwriter"], n)
    print(f"| floor: `python -c 'import xlsxwriter'` | {floor[0]:.0f} | {floor[1]:.0f} | | |")
    text = command([sys.executable, "-m", "pipeline", str(DOC), "-o", out, "-q"], n)
    print(f"| the real plan as text | {text[0]:.0f} | {text[1]:.0f} | | 1.0 |")
    if tree is not None:
        old = command([sys.executable, "-m", "pipeline", str(DOC), "-o", out, "-q"], n, cwd=tree)
        print(f"| the real plan as text, baseline {args.baseline} | {old[0]:.0f} | {old[1]:.0f} | | |")
    result["floor"] = (text[0] / floor[0], None)
    print(f"| the real plan as text, × the floor | {text[0] / floor[0]:.1f}× | | | |")
    for label, pdf in published_pdfs().items():
        ms, peak = command([sys.executable, "-m", "pipeline", str(pdf), "-o", out, "-q"], n)
        print(f"| the same plan, {label} ({pages(pdf)} pages) | {ms:.0f} | {peak:.0f} | "
              f"{pages(pdf) / (ms / 1000):.0f} | {ms / text[0]:.1f} |")
    scan = scanned_pdf()
    if scan is not None:
        print("\n| OCR (a scan of the real plan's first 20 pages, 200 dpi) | s | s a page |\n|---|---:|---:|")
        for workers in (1, 2):
            ms, _ = command([sys.executable, "-m", "pipeline", str(scan), "-o", out, "-q", "-j", str(workers)], 1)
            print(f"| whole command, -j {workers} | {ms / 1000:.1f} | {ms / 1000 / pages(scan):.2f} |")
    print("\n| scaling (parse + checks) | ms | ms per document or project |\n|---|---:|---:|")
    for name, ms, per in scaling(args.quick):
        print(f"| {name} | {ms:.0f} | {per:.2f} |")
        if name.startswith("3000") and name.endswith("rewritten"):
            result["big"] = (ms / result["parse"][1], None) if result["parse"][1] else (ms, None)
    copies = 20 if args.quick else 200
    print("\n| batch (whole command, -j 2) | s | documents/s | peak MiB |\n|---|---:|---:|---:|")
    for key, label, extra in (("batch all", "all outputs", ()),
                              ("batch csv,json", "`--formats csv,json`", ("--formats", "csv,json"))):
        seconds, rate, peak = folder(copies, "-j", "2", *extra)
        print(f"| {copies} documents, {label} | {seconds:.1f} | {rate:.1f} | {peak:.0f} |")
        old_rate = None
        if tree is not None:
            seconds, old_rate, peak = folder(copies, "-j", "2", *extra, cwd=tree)
            print(f"| {copies} documents, {label}, baseline {args.baseline} | {seconds:.1f} | {old_rate:.1f} | "
                  f"{peak:.0f} |")
        result[key] = (rate, old_rate)
    for copies in (20, 100 if args.quick else 500):
        seconds, rate, peak = folder(copies, "-j", "2", "--formats", "csv,json")
        print(f"| {copies} documents, `--formats csv,json`, for memory | {seconds:.1f} | {rate:.1f} | {peak:.0f} |")
    _targets(result)
    shutil.rmtree(out)


def _pair(label: str, pair: tuple[float, float | None]) -> None:
    here, there = pair
    print(f"| {label} | {here:.1f} |")
    if there:
        print(f"| the same on the baseline (same run) | {there:.1f} |\n| ratio to the baseline | {here / there:.2f}× |")


def _targets(result: dict[str, tuple[float, float | None]]) -> None:
    """Issue 10's and 13's targets as ratios (13's figures were the baseline's on a faster day)."""
    print("\n| target | wanted | measured | met |\n|---|---:|---:|---|")
    rows = [("10: parse + checks, × the baseline", "parse", "≤", 1.3, True),
            ("10: parse + checks, × the baseline (pairs in one process)", "parse paired", "≤", 1.3, True),
            ("10: parse + checks, × the baseline (instructions)", "parse instructions", "≤", 1.3, True)]
    rows += [(f"13: {label}", key, sense, TARGETS[key], relative) for label, key, sense, relative in (
        ("parse + checks, × the baseline", "parse", "≤", True),
        ("parse + checks, × the baseline (pairs in one process)", "parse paired", "≤", True),
        ("parse + checks, × the baseline (instructions)", "parse instructions", "≤", True),
        ("all writers, × the baseline", "writers", "≤", True),
        ("one plan's whole command, × the floor", "floor", "≤", False),
        ("3,000 × 3,000 sections, × the baseline's parse of the real plan", "big", "≤", False),
        ("batch, every output: documents/s × the baseline's", "batch all", "≥", True),
        ("batch, csv and json: documents/s × the baseline's", "batch csv,json", "≥", True))]
    for label, key, sense, wanted, relative in rows:
        if key not in result:
            continue
        here, there = result[key]
        if relative and not there:
            continue
        value = here / there if relative else here
        met = value <= wanted if sense == "≤" else value >= wanted
        print(f"| {label} | {sense} {wanted:.2f}× | {value:.2f}× | {'yes' if met else 'no'} |")


if __name__ == "__main__":
    main()
