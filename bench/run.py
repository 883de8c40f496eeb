"""Benchmarks: python bench/run.py [--quick]. Prints a Markdown table (paste it into the README).

Measures, on the real document in raw/:
- each stage in process (median over many runs) and parse + checks together;
- each output writer;
- the whole command (wall time, peak memory) next to the floor of starting Python and
  importing the dependencies the command loads;
- scaling: the document repeated 1x, 10x, 100x in one file; a folder of 200 copies.
"""
from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import checks, extract, intro, match, normalise, read, report, segment, table, write  # noqa: E402
from pipeline.plan import parse_text  # noqa: E402
from pipeline.workbook import write_workbook  # noqa: E402

DOC = next((ROOT / "raw").glob("*.txt"))


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def part_one(lines, plan) -> None:
    risks = intro.risk_register(lines)
    intro.targets(lines), intro.intro_lists(lines)
    match.match_measures([m for r in risks for m in r.measures], plan.projects)


def stages(runs: int) -> list[tuple[str, float]]:
    src = read.read_source(DOC)
    lines, _ = normalise.normalise(src.text)
    tab = table.find_table(lines)
    seg = segment.segment(lines, after=tab.last_index + 1)
    plan = parse_text(src.text, str(DOC))
    rows = [
        ("read (decode, control characters)", median_ms(lambda: read.read_source(DOC), runs)),
        ("normalise", median_ms(lambda: normalise.normalise(src.text), runs)),
        ("summary table", median_ms(lambda: table.find_table(lines), runs)),
        ("segment", median_ms(lambda: segment.segment(lines, after=tab.last_index + 1), runs)),
        ("extract", median_ms(lambda: [extract.extract(p) for p in seg.projects], runs)),
        ("match", median_ms(lambda: match.match(plan.table, plan.projects), runs)),
        ("Part 1 (risk table, lists, targets, measures linked)", median_ms(lambda: part_one(lines[:tab.first_line - 1], plan), runs)),
        ("checks", median_ms(lambda: checks.run_checks(plan), runs)),
        ("**parse + checks (read → checks)**", median_ms(lambda: parse_text(read.read_source(DOC).text, str(DOC)), runs)),
    ]
    return rows


def writers(runs: int) -> list[tuple[str, float]]:
    plan = parse_text(DOC.read_text(encoding="utf-8"), str(DOC))
    tmp = Path(tempfile.mkdtemp())
    rows = [
        ("CSV (4 files)", median_ms(lambda: [write.csv_bytes(write.project_rows(plan), write.PROJECT_COLUMNS),
                                             write.csv_bytes(write.summary_rows(plan), write.summary_columns(plan)),
                                             write.csv_bytes(write.budget_rows(plan), write.BUDGET_COLUMNS),
                                             write.csv_bytes(write.issue_rows(plan), write.ISSUE_COLUMNS)], runs)),
        ("JSON", median_ms(lambda: write.json_bytes(plan), runs)),
        ("xlsx", median_ms(lambda: write_workbook(plan, tmp / "p.xlsx"), max(5, runs // 5))),
        ("HTML + Markdown report", median_ms(lambda: (report.html_report(plan), report.markdown_report(plan)), runs)),
    ]
    shutil.rmtree(tmp)
    return rows


def command(args: list[str], runs: int) -> tuple[float, float]:
    """Median wall time (ms) and peak resident memory (MiB) of a child process."""
    times, peaks = [], []
    for _ in range(runs):
        t = time.perf_counter()
        proc = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        times.append((time.perf_counter() - t) * 1000)
        peaks.append(usage.ru_maxrss / 1024)
        assert os.waitstatus_to_exitcode(status) in (0, 1), args
    return statistics.median(times), max(peaks)


def scaling(quick: bool) -> list[tuple[str, float, float]]:
    text = DOC.read_text(encoding="utf-8")
    rows = []
    for n in (1, 10) if quick else (1, 10, 100):
        big = "\n".join([text] * n)
        ms = median_ms(lambda: parse_text(big, "big"), 3 if n > 1 else 20)
        rows.append((f"{n}× in one file", ms, ms / n))
    return rows


def folder(copies: int, *extra: str) -> tuple[float, float]:
    tmp = Path(tempfile.mkdtemp())
    (tmp / "in").mkdir()
    for i in range(copies):
        shutil.copy(DOC, tmp / "in" / f"doc{i:03d}.txt")
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pipeline", str(tmp / "in"), "-o", str(tmp / "out"), "-q", *extra],
                   cwd=ROOT, check=True)
    seconds = time.perf_counter() - t
    shutil.rmtree(tmp)
    return seconds, copies / seconds


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="fewer runs, smaller scaling (a smoke test)")
    args = ap.parse_args()
    runs = 5 if args.quick else 50
    out = tempfile.mkdtemp()
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.system()}; document {DOC.name} ({DOC.stat().st_size:,} bytes)\n")
    print("| in process (median) | ms |\n|---|---:|")
    for name, ms in stages(runs):
        print(f"| {name} | {ms:.1f} |")
    print("\n| writer (median) | ms |\n|---|---:|")
    for name, ms in writers(runs):
        print(f"| {name} | {ms:.1f} |")
    print("\n| whole command | wall ms (median) | peak MiB |\n|---|---:|---:|")
    n = 3 if args.quick else 10
    floor = command([sys.executable, "-c", "import xlsxwriter, rapidfuzz"], n)
    print(f"| floor: `python -c 'import xlsxwriter, rapidfuzz'` | {floor[0]:.0f} | {floor[1]:.0f} |")
    whole = command([sys.executable, "-m", "pipeline", str(DOC), "-o", out, "-q"], n)
    print(f"| `python -m pipeline` on the real document | {whole[0]:.0f} | {whole[1]:.0f} |")
    print("\n| scaling (parse + checks) | ms | ms per document |\n|---|---:|---:|")
    for name, ms, per in scaling(args.quick):
        print(f"| {name} | {ms:.0f} | {per:.1f} |")
    copies = 20 if args.quick else 200
    for label, extra in (("all outputs", ()), ("`--formats csv,json`", ("--formats", "csv,json"))):
        seconds, rate = folder(copies, *extra)
        print(f"| folder of {copies} documents, whole command, {label} | {seconds * 1000:.0f} | "
              f"{seconds * 1000 / copies:.1f} ({rate:.1f} documents/s) |")
    shutil.rmtree(out)


if __name__ == "__main__":
    main()
