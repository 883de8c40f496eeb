"""Scanned plans (issue 15): read with OCR, every number OCR read confirmed by the rest of the
document or flagged. The scan is made per session from tests/fixtures/plan_8_sections.txt (8
sections; Part 2 in Thai digits, Part 3 in Arabic digits, as the real plan writes them); the
unit tests below need no Tesseract: lines are marked as read by OCR with their confidence."""
import os
import subprocess
import sys

import pytest
from rapidfuzz import fuzz

import pipeline
from conftest import EIGHT, ROOT

TEXT_FIELDS = ("title", "rationale", "objectives", "target_group", "methods", "period_text", "budget_text",
               "responsible", "outputs", "outcomes")


def squeezed(value) -> str:
    return "".join(("".join(value) if isinstance(value, list) else str(value)).split())


@pytest.fixture(scope="module")
def text_plan():
    return pipeline.parse(EIGHT)


# --- the scan, end to end -------------------------------------------------------------------------

def test_every_section_and_nine_fields_in_ten(scanned_plan, text_plan):
    assert [p.order for p in scanned_plan.projects] == list(range(1, 9))
    assert [p.seq_no for p in scanned_plan.projects] == list(range(1, 9))  # numbers OCR lost, recovered
    pairs = [(squeezed(getattr(a, k)), squeezed(getattr(b, k)))
             for a, b in zip(scanned_plan.projects, text_plan.projects) for k in TEXT_FIELDS]
    # four in five equal (spaces aside); the rest but for a letter or two (a mark dropped: ท้องถิน).
    # Measured 65 of 80 with the fixture's fonts pinned (DejaVu Sans and Loma, 12 pages); it was
    # nine in ten with the fonts an earlier machine's fallback gave (9 pages): issue 21 raises it
    assert sum(x == y for x, y in pairs) / len(pairs) >= 0.8
    assert sum(fuzz.ratio(x, y) >= 90 for x, y in pairs) / len(pairs) >= 0.9  # (measured 75 of 80)
    # the budgets of Part 3 (Arabic digits, lines 73, 125 ... of the fixture): all read right
    # (none wrong: a budget OCR could not read is left empty; measured: 7 of 8 read)
    read = [(p.budget_baht, want) for p, want in zip(scanned_plan.projects, [25000, 0, 48000, 7500, 36000, 0, 19000, 6000])]
    assert all(found in (want, None) for found, want in read) and sum(found == want for found, want in read) >= 7


def test_no_part2_amount_is_wrong_and_unflagged(scanned_plan, text_plan):
    """Each amount of the summary table (Thai digits, which OCR misreads) is either the source's
    (the table of the fixture, lines 19-31) or listed as unconfirmed, with an OCR_UNCONFIRMED
    warning on its page."""
    truth = {e.matched_order: e.budgets for e in text_plan.table}
    flagged = {(u.key, u.field) for u in scanned_plan.unconfirmed if u.what == "entry"}
    checked = 0
    for position, entry in enumerate(scanned_plan.table, 1):
        for year, value in entry.budgets.items():
            if value is None:
                continue
            checked += 1
            right = truth.get(entry.matched_order, {}).get(year) == value
            assert right or (position, f"budget_{year}") in flagged, (entry.entry_no, year, value)
    assert checked >= 8
    warnings = [f for f in scanned_plan.findings if f.code == "OCR_UNCONFIRMED"]
    assert warnings and all(f.severity == "warning" and f.page for f in warnings)
    # what rests on OCR's reading is a note, not an error: no error is left
    assert not [f for f in scanned_plan.findings if f.severity == "error"]


def test_the_outputs_say_what_came_from_ocr(scanned_plan, tmp_path):
    from pipeline.writers.rows import project_rows
    from pipeline.writers.report import markdown_report

    rows = project_rows(scanned_plan)
    assert all(r["ocr_confidence"] and 50 < r["ocr_confidence"] <= 100 for r in rows)
    # head counts (45, 600, 9, 270, 18, 4 in sections 1, 3, 4, 5, 7, 8) have nothing to agree with
    assert [r["order"] for r in rows if "target_count" in r["ocr_unconfirmed"]] == [1, 3, 4, 5, 7, 8]
    report = markdown_report(scanned_plan)
    assert "อ่านด้วย OCR (read by OCR): 12 หน้า" in report and "ความมั่นใจเฉลี่ย" in report
    pipeline.write(scanned_plan, tmp_path, ("json",))
    import json
    ocr = json.loads((tmp_path / "plan.json").read_text(encoding="utf-8"))["ocr"]
    assert ocr["pages"] == 12 and ocr["share"] == 1.0 and len(ocr["unconfirmed"]) == len(scanned_plan.unconfirmed)


def test_ocr_never_and_without_tesseract(scan, tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    r = subprocess.run([sys.executable, "-m", "pipeline", str(scan), "-o", str(tmp_path), "--ocr", "never"],
                       capture_output=True, text=True, env=env, cwd=ROOT)
    assert r.returncode == 2 and r.stderr == (f"error: {scan}: has no text layer (a scanned image?): OCR is needed "
                                              f"before it can be read (--ocr auto reads it)\n")
    env["PATH"] = str(tmp_path)  # no tesseract on it
    r = subprocess.run([sys.executable, "-m", "pipeline", str(scan), "-o", str(tmp_path)],
                       capture_output=True, text=True, env=env, cwd=ROOT)
    assert r.returncode == 2 and r.stderr == (f"error: {scan}: needs OCR (it is a scanned image), but Tesseract is "
                                              f"not installed (apt-get install tesseract-ocr tesseract-ocr-tha)\n")


def test_page_images_are_read_too(scan, tmp_path):
    """A multi-page TIFF of the same scan: the same sections."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(scan))
    frames = [document[k].render(scale=200 / 72, grayscale=True).to_pil().convert("L") for k in range(len(document))]
    tiff = tmp_path / "plan8.tif"
    frames[0].save(tiff, save_all=True, append_images=frames[1:], dpi=(200, 200), compression="tiff_lzw")
    plan = pipeline.parse(tiff, workers=2)
    assert plan.kind == "scan" and len(plan.projects) == 8 and plan.lines[-1].page == 12


# --- without Tesseract: lines marked as read by OCR ------------------------------------------------

def ocr_text(text: str) -> pipeline.Plan:
    """The text parsed as if OCR had read every line, 90 % sure."""
    return pipeline.parse_text(text, confidence=[90.0] * (text.count("\n") + 1))


def test_numbers_agreed_by_an_arabic_reading_are_confirmed():
    # Part 2 in Thai digits (lines 19-31), Part 3 in Arabic: every table amount has its section's
    plan = ocr_text(EIGHT.read_text(encoding="utf-8"))
    assert [u.field for u in plan.unconfirmed if u.what == "entry"] == []
    assert {u.field for u in plan.unconfirmed if u.what == "section"} == {"target_count"}
    assert plan.findings and {f.code for f in plan.findings if f.severity != "info"} == {"OCR_UNCONFIRMED"}


def test_a_misread_that_keeps_the_sum_is_still_flagged():
    """๔๘,๐๐๐ + ๗,๕๐๐ read as ๕๕,๐๐๐ + ๕๐๐: the dimension's total ๕๕,๕๐๐ still adds up, but Thai
    digits OCR read confirm nothing alone; the sections (48,000 and 7,500) disagree."""
    text = EIGHT.read_text(encoding="utf-8").replace("๔๘,๐๐๐", "๕๕,๐๐๐").replace("๗,๕๐๐", "๕๐๐")
    plan = ocr_text(text)
    flagged = sorted({(plan.table[u.key - 1].entry_no, u.field) for u in plan.unconfirmed if u.what == "entry"})
    assert flagged == [(n, f"budget_{y}") for n in (3, 4) for y in range(2567, 2571)]
    budget = [f for f in plan.findings if f.code == "BUDGET_MISMATCH"]
    assert budget and all(f.severity == "info" and "OCR" in f.message for f in budget)


def test_a_lost_section_number_is_recovered_and_said():
    text = EIGHT.read_text(encoding="utf-8").replace("ลำดับที่ 5\n", "ลำดับที่\n")
    plan = ocr_text(text)
    assert [p.seq_no for p in plan.projects] == list(range(1, 9))
    lost = [u for u in plan.unconfirmed if u.field == "seq_no"]
    assert [(u.key, u.value, u.note) for u in lost] == [(5, "", "taken as 5 from its position")]


def test_unreadable_table_years_take_the_plans_period():
    # the header's years (line 17, ปี ๒๕๖๗ ...) read as garbage: the sections' period, 2567-2570, is used
    text = EIGHT.read_text(encoding="utf-8")
    header = next(line for line in text.split("\n") if line.startswith("มิติ\tภารกิจ"))
    garbled = header.replace("ปี ๒๕๖๗", "ปี ๒๕๒อ").replace("ปี ๒๕๖๘", "il ๒๕๕๕").replace("ปี ๒๕๖๙", "il ๒๕๒").replace(
        "ปี ๒๕๗๐", "il wea")
    plan = ocr_text(text.replace(header, garbled))
    assert plan.fiscal_years == [2567, 2568, 2569, 2570] and len(plan.table) == 8
    years = [f for f in plan.findings if f.code == "OCR_UNCONFIRMED" and f.field == "years"]
    assert len(years) == 1 and years[0].expected == "2567-2570"


def test_misread_table_years_take_the_plans_period_too():
    # ๒๕๖๗ ... read as ๒๕๒๕ ๒๕๒๓ ...: years, but not the plan's (its sections say 2567-2570)
    text = EIGHT.read_text(encoding="utf-8")
    header = next(line for line in text.split("\n") if line.startswith("มิติ\tภารกิจ"))
    garbled = header.replace("๒๕๖๗", "๒๕๒๕").replace("๒๕๖๘", "๒๕๒๓").replace("๒๕๖๙", "๒๕๒๕").replace("๒๕๗๐", "๒๕๒๐")
    plan = ocr_text(text.replace(header, garbled))
    assert plan.fiscal_years == [2567, 2568, 2569, 2570]
    years = next(f for f in plan.findings if f.field == "years")
    assert "2525, 2523, 2525, 2520" in years.message


def test_a_text_plan_is_unchanged_by_all_this(text_plan):
    assert text_plan.unconfirmed == [] and text_plan.findings == []


def test_straighten_measures_the_tilt_and_rulings_find_the_grid():
    from PIL import Image, ImageDraw

    from pipeline.readers.ocr import rulings, straighten

    page = Image.new("L", (1000, 1400), 255)
    draw = ImageDraw.Draw(page)
    for y in (200, 300, 400, 500):
        draw.line([(100, y), (900, y)], fill=0, width=3)
    for x in (100, 400, 900):
        draw.line([(x, 200), (x, 500)], fill=0, width=3)
    for k in range(20):  # some text lines below
        draw.text((120, 600 + 30 * k), "x" * 60, fill=0)
    straight, angle = straighten(page.rotate(-0.8, fillcolor=255))
    assert abs(angle - 0.8) <= 0.2
    horizontal, vertical = rulings(page)
    assert [round(y) for y, _, _ in horizontal] == [200, 300, 400, 500]
    assert [round(x) for x, _, _ in vertical] == [100, 400, 900]
    assert all(b - a >= 790 for _, a, b in horizontal) and all(b - a >= 290 for _, a, b in vertical)


def test_years_unreadable_everywhere_take_the_editions_period():
    # a scan whose every 2566-2570 OCR lost (the table's header and every period): the edition the
    # headings name (2566-2570) gives the five year columns, and says so; nothing else is guessed
    from conftest import REAL
    text = REAL.read_text(encoding="utf-8")
    for year in range(2566, 2571):
        thai = str(year).translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
        text = text.replace(str(year), "25อ" + str(year)[-1]).replace(thai, "๒๕อ" + thai[-1])
    plan = ocr_text(text)
    assert plan.fiscal_years == [2566, 2567, 2568, 2569, 2570] and len(plan.table) == 61
    years = [f for f in plan.findings if f.code == "OCR_UNCONFIRMED" and f.field == "years"]
    assert len(years) == 1 and years[0].expected == "2566-2570"
    assert {u.field for u in plan.unconfirmed if u.what == "entry"} <= {f"budget_{y}" for y in range(2566, 2571)}


def test_a_zero_read_from_digits_is_confirmed_like_any_amount():
    # ๖๐,๐๐๐ read as อ0,000: the section's budget comes out 0, which the table (48,000) does not
    # confirm; a 0 written in words (ไม่ใช้งบประมาณ) needs no confirming
    text = EIGHT.read_text(encoding="utf-8").replace("48,000 บาท", "อ0,000 บาท")
    plan = ocr_text(text)
    zero = [u for u in plan.unconfirmed if u.what == "section" and u.field == "budget_baht"]
    assert [(plan.projects[u.key - 1].seq_no, u.value) for u in zero] == [(3, "0")]
