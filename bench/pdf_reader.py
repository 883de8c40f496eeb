"""What reading a PDF costs, side by side in one run (issue 20's speed targets): python bench/pdf_reader.py

For the real plan as text and as the PDFs organisations make of it (bench/run.py's published
PDFs, made once into bench/results/), and for the forge's damaged PDFs of the 8-section fixture:
- the whole command on the PDF next to the whole command on the text (target: within 3x), in
  turn, medians of 5 (read + parse alone is shown too: a text is parsed in ~30 ms, so no PDF
  reader is within 3x of that);
- the text-layer quality check (layer_quality.assess and the Unicode-map sample) and the repairs
  that undo text-layer damage (the ring, flat ำ, dot and stand-in tests, late copies, rows a page
  cut) as a share of reading (target: at most 10 %), from cProfile's cumulative times (its
  overhead inflates both sides alike).
Medians of 5 runs; prints a Markdown table.
"""
from __future__ import annotations

import cProfile
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

import pipeline  # noqa: E402
from pipeline.readers import read_source  # noqa: E402

CHECKS = {"assess", "_unmapped_share", "decode_shifted"}
REPAIRS = {"_ring", "_flat", "_dot", "_fonts_that_draw_aa_as_am", "_stand_ins", "_drop_late_copies",
           "_join_broken_rows", "_best_under"}


def median_ms(fn, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def shares(pdf: Path) -> tuple[float, float]:
    """(quality check, repairs) as shares of read_source's time, from cProfile."""
    profile = cProfile.Profile()
    profile.enable()
    read_source(pdf, ocr="never")
    profile.disable()
    stats = pstats.Stats(profile)
    total = max(v[3] for k, v in stats.stats.items() if k[2] == "read_source")
    check = sum(v[3] for k, v in stats.stats.items() if k[2] in CHECKS)
    repair = sum(v[3] for k, v in stats.stats.items() if k[2] in REPAIRS)
    return check / total, repair / total


def whole_commands(documents: dict[str, Path], runs: int = 5) -> dict[str, float]:
    import subprocess

    times: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as out:
        for _ in range(runs):
            for label, path in documents.items():
                t = time.perf_counter()
                subprocess.run([sys.executable, "-m", "pipeline", str(path), "-o", out, "-q"], cwd=ROOT, check=True)
                times.setdefault(label, []).append((time.perf_counter() - t) * 1000)
    return {label: statistics.median(values) for label, values in times.items()}


def main() -> None:
    from run import DOC, published_pdfs

    documents = {"the real plan as text": DOC, **{f"the same plan, {k}": v for k, v in published_pdfs().items()}}
    whole = whole_commands(documents)
    print("| whole command | ms (median) | × the text |")
    print("|---|---:|---:|")
    for label, ms in whole.items():
        print(f"| {label} | {ms:.0f} | {ms / whole['the real plan as text']:.2f} |")
    print()
    rows = []
    text_ms = median_ms(lambda: pipeline.parse(DOC))
    rows.append(("the real plan as text", text_ms, 1.0, None, None))
    for label, pdf in published_pdfs().items():
        ms = median_ms(lambda: pipeline.parse(pdf, ocr="never"))
        rows.append((f"the same plan, {label}", ms, ms / text_ms, *shares(pdf)))
    try:
        from pdf_forge import forge_pdf
    except ImportError:
        forge_pdf = None
    if forge_pdf is not None:
        eight = ROOT / "tests" / "fixtures" / "plan_8_sections.txt"
        eight_ms = median_ms(lambda: pipeline.parse(eight))
        rows.append(("the 8-section fixture as text", eight_ms, 1.0, None, None))
        with tempfile.TemporaryDirectory() as folder:
            for damage in ("clean", "am_space", "aa_as_am", "marks_late", "cyrillic_tones", "letter_spaced"):
                pdf = forge_pdf(eight.read_text(encoding="utf-8"), Path(folder) / f"{damage}.pdf",
                                () if damage == "clean" else damage)
                pipeline.parse(pdf, ocr="never")  # (the dictionary a stand-in needs, loaded once)
                ms = median_ms(lambda: pipeline.parse(pdf, ocr="never"))
                rows.append((f"the fixture forged, {damage}", ms, ms / eight_ms, *shares(pdf)))
    print("| document | read + parse, ms (median) | × its text | quality check, share of reading | "
          "repairs, share of reading |")
    print("|---|---:|---:|---:|---:|")
    for label, ms, ratio, check, repair in rows:
        cells = [f"{check:.1%}" if check is not None else "", f"{repair:.1%}" if repair is not None else ""]
        print(f"| {label} | {ms:.0f} | {ratio:.2f} | {cells[0]} | {cells[1]} |")


if __name__ == "__main__":
    main()
