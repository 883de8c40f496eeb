"""Scanned plans: page images -> text with Tesseract (tha+eng), through its command line.

A PDF page without a text layer is rendered by PDFium (pypdfium2) in grey at OCR_DPI; PNG,
JPEG and TIFF files (a multi-page TIFF included) are opened with Pillow. Each page image is then
- straightened: the small tilt of a scan is measured (the angle whose rows of ink are sharpest)
  and turned back, so that table rules run level;
- read by `tesseract` (image on stdin, TSV out): a box and a confidence for every word, for Thai
  mostly one letter cluster; clusters closer than a space are joined into words;
- searched for table rules: long dark runs along the rows and the columns of the image;
- rebuilt as the PDF reader rebuilds a page (pdf.page_items): a ruled table one line a row, its
  cells joined by tabs (amounts a narrow column broke over two lines joined back), the rest one
  line a text line; then page furniture dropped and wrapped lines joined.
Every line keeps its page and Tesseract's mean confidence, so that the numbers it holds can be
checked against the rest of the document (confirm.py) before anyone trusts them. Tesseract writes
ำ as ํ + า: normalise puts it back, as for every input (counted). Pages are read in parallel, one process a page
(Tesseract's own threads were slower here). pytesseract is not used: it writes temporary files
and runs the same command; Pillow is, for the image operations (imported only for OCR)."""
from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

from . import InputError, Read

OCR_DPI = 200
LANGUAGES = "tha+eng"
PSM = "4"  # one column of text of varied sizes: the default (3) dropped whole lines near specks
INSTALL = "apt-get install tesseract-ocr tesseract-ocr-tha"
SPACE = 0.3           # a gap wider than this many line heights is a space between words
MIN_CONFIDENCE = 35   # a line Tesseract is less sure of than this is noise (specks, stamps)
WORD_CONFIDENCE = 45  # ... and a word
LATIN_CONFIDENCE = 80  # ... and a word of Latin letters in a Thai plan
RULE_LENGTH = 0.06    # a dark run longer than this share of the page's width (height) is a rule
MAX_TILT = 2.0        # degrees of tilt looked for
REPAIRS = {"ocr_pages": "หน้าที่อ่านด้วย OCR (pages read by OCR from their image)",
           "ocr_noise": "บรรทัดที่ OCR ไม่แน่ใจ ถูกตัดทิ้ง (lines OCR was not sure of, dropped as noise)",
           "ocr_tilt": "หน้าสแกนที่เอียง ถูกปรับให้ตรง (tilted scans straightened)",
           "ocr_rules": "เส้นตารางที่ OCR อ่านเป็นตัว | ถูกลบ (table rules OCR read as | removed)",
           "ocr_specks": "จุดสกปรกที่ OCR อ่านเป็นตัวอักษร ถูกตัดทิ้ง (specks OCR read as letters, dropped)"}


def tesseract() -> str:
    """The tesseract command with the Thai data, or a one-line error saying how to install it."""
    command = shutil.which("tesseract")
    if command is None:
        raise InputError(f"needs OCR (it is a scanned image), but Tesseract is not installed ({INSTALL})")
    languages = subprocess.run([command, "--list-langs"], capture_output=True, text=True).stdout.split()
    if "tha" not in languages:
        raise InputError(f"needs OCR, but Tesseract has no Thai data ({INSTALL})")
    return command


# --- files and pages ------------------------------------------------------------------------------

def read(path: Path, data: bytes, workers: int = 1, ocr: str = "auto", on_page=None) -> Read:
    """An image file (PNG, JPEG, TIFF): every page through OCR, in parallel when workers allow."""
    from PIL import Image, ImageSequence, UnidentifiedImageError

    from .pdf import REPAIRS as PDF_REPAIRS
    from .pdf import _Page, finish_pages

    command = tesseract()
    try:
        with Image.open(io.BytesIO(data)) as image:
            dpi = float(image.info.get("dpi", (OCR_DPI, OCR_DPI))[0] or OCR_DPI)
            frames = [(frame.convert("L").tobytes(), frame.size) for frame in ImageSequence.Iterator(image)]
    except (UnidentifiedImageError, OSError) as exc:
        raise InputError(f"is not a readable image ({type(exc).__name__})") from None
    repairs: Counter = Counter()
    jobs = [(command, pixels, size, dpi) for pixels, size in frames]
    if workers > 1 and len(jobs) > 1:
        import multiprocessing

        context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
        with context.Pool(min(workers, len(jobs))) as pool:
            results = []
            for result in pool.imap(_ocr_frame, jobs):
                results.append(result)
                if on_page:
                    on_page(1)
    else:
        results = []
        for job in jobs:
            results.append(_ocr_frame(job))
            if on_page:
                on_page(1)
    pages = []
    for number, ((items, counted), (_, size)) in enumerate(zip(results, frames), 1):
        page = _Page(number, size[0] * 72 / dpi)
        page.items = items
        repairs.update(counted)
        pages.append(page)
    return finish_pages(pages, repairs, {**PDF_REPAIRS, **REPAIRS}, "ocr")


def _ocr_frame(job) -> tuple[list, Counter]:
    from PIL import Image

    command, pixels, size, dpi = job
    counted: Counter = Counter()
    return page_from_image(command, Image.frombytes("L", size, pixels), dpi, counted), counted


def ocr_pages(data: bytes, numbers: list[int], workers: int, repairs: Counter, on_page=None) -> dict[int, list]:
    """The PDF's pages `numbers` (1-based) read by OCR: {page: items}. One process a page when
    workers allow; each process opens its own copy of the document (PDFium is not thread-safe)."""
    command = tesseract()
    out: dict[int, list] = {}
    if workers > 1 and len(numbers) > 1:
        import multiprocessing

        context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
        with context.Pool(min(workers, len(numbers)), initializer=_open_shared, initargs=(data, command)) as pool:
            for number, items, counted in pool.imap_unordered(_ocr_shared, numbers):
                out[number] = items
                repairs.update(counted)
                if on_page:
                    on_page(1)
        return out
    _open_shared(data, command)
    for number in numbers:
        _, out[number], counted = _ocr_shared(number)
        repairs.update(counted)
        if on_page:
            on_page(1)
    return out


_SHARED: dict = {}


def _open_shared(data: bytes, command: str) -> None:
    import pypdfium2 as pdfium

    _SHARED.update(document=pdfium.PdfDocument(data), command=command)


def _ocr_shared(number: int) -> tuple[int, list, Counter]:
    from PIL import Image

    counted: Counter = Counter()
    page = _SHARED["document"][number - 1]
    try:
        bitmap = page.render(scale=OCR_DPI / 72, grayscale=True)
        image = Image.frombuffer("L", (bitmap.width, bitmap.height), bytes(bitmap.buffer), "raw", "L",
                                 bitmap.stride, 1)
    finally:
        page.close()
    return number, page_from_image(_SHARED["command"], image, OCR_DPI, counted), counted


def page_from_image(command: str, image, dpi: float, repairs: Counter) -> list:
    """One page image -> the page's items (table rows and lines), in points as a PDF page."""
    from .pdf import grids, page_items

    image, angle = straighten(image)
    if angle:
        repairs["ocr_tilt"] += 1
    repairs["ocr_pages"] += 1
    scale, height = 72 / dpi, image.height
    glyphs = _glyphs(_tsv(_run(command, image)), scale, height, repairs)
    horizontal, vertical = rulings(image)
    tables = grids([((height - y) * scale, x0 * scale, x1 * scale) for y, x0, x1 in horizontal],
                   [(x * scale, (height - y1) * scale, (height - y0) * scale) for x, y0, y1 in vertical])
    return page_items(glyphs, tables, {}, repairs)


# --- the image ------------------------------------------------------------------------------------

def straighten(image):
    """The image turned back by its tilt: the angle (within MAX_TILT, in tenths of a degree)
    whose row profile of a small copy is sharpest; text lines and rules are level then."""
    from PIL import Image

    small = image.reduce(4).point(lambda v: 255 if v < 160 else 0)  # ink white on black
    best, best_score = 0.0, -1.0
    for tenth in range(int(-MAX_TILT * 10), int(MAX_TILT * 10) + 1, 2):
        turned = small.rotate(tenth / 10, resample=Image.NEAREST)
        rows = turned.resize((1, turned.height), Image.BOX).tobytes()
        score = sum(v * v for v in rows)
        if score > best_score:
            best, best_score = tenth / 10, score
    if abs(best) < 0.15:
        return image, 0.0
    return image.rotate(best, resample=Image.BICUBIC, fillcolor=255), best


def rulings(image) -> tuple[list[tuple], list[tuple]]:
    """Table rules in pixels: horizontal (y, x0, x1) and vertical (x, y0, y1) runs of ink long
    for the page, a rule drawn two or three pixels thick counted once."""
    from PIL import Image

    ink = bytes.maketrans(bytes(range(256)), bytes(49 if v < 128 else 48 for v in range(256)))  # "1" ink
    width, height = image.size
    horizontal = _runs(image.tobytes().translate(ink), width, height, int(width * RULE_LENGTH))
    # turned a quarter left, column x is row width-1-x, and a run along it spans y0..y1 as is
    turned = image.transpose(Image.Transpose.ROTATE_90)
    vertical = [(width - 1 - row, y0, y1) for row, y0, y1 in
                _runs(turned.tobytes().translate(ink), height, width, int(height * RULE_LENGTH))]
    return _merge(horizontal), _merge(vertical)


def _runs(bits: bytes, width: int, rows: int, length: int) -> list[tuple[int, int, int]]:
    pattern = re.compile(rb"1{%d,}" % max(length, 20))
    out = []
    for y in range(rows):
        for m in pattern.finditer(bits, y * width, (y + 1) * width):
            out.append((y, m.start() - y * width, m.end() - y * width))
    return out


def _merge(runs: list[tuple[int, int, int]]) -> list[tuple[float, int, int]]:
    """Runs on neighbouring rows that overlap are one rule (at their middle row)."""
    rules: list[list] = []
    for y, a, b in sorted(runs):
        for rule in rules[-8:]:
            if y - rule[1] <= 2 and a < rule[3] and b > rule[2]:
                rule[1], rule[2], rule[3] = y, min(rule[2], a), max(rule[3], b)
                rule[4] += 1
                break
        else:
            rules.append([y, y, a, b, 1])
    return [((first + last) / 2, a, b) for first, last, a, b, _ in rules]


# --- Tesseract --------------------------------------------------------------------------------------

def _run(command: str, image) -> str:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")  # one page a process: Tesseract's threads only slow it
    pgm = b"P5\n%d %d\n255\n" % image.size + image.tobytes()
    try:
        done = subprocess.run([command, "stdin", "stdout", "-l", LANGUAGES, "--dpi", str(OCR_DPI), "--psm", PSM, "tsv"],
                              input=pgm, capture_output=True, env=env, timeout=600)
    except subprocess.TimeoutExpired:
        raise InputError("OCR of a page took over 10 minutes and was stopped") from None
    if done.returncode != 0:
        problem = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["unknown"]
        raise InputError(f"could not be read by OCR ({problem[0][:120]})")
    return done.stdout.decode("utf-8", "replace")


def _tsv(text: str) -> list[list[str]]:
    """The word rows (level 5) of Tesseract's TSV, text not empty."""
    rows = list(csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE))
    return [r for r in rows[1:] if len(r) >= 12 and r[0] == "5" and r[11].strip()]


_THAI = re.compile(r"[\u0e01-\u0e5b]")


def _noise(text: str, confidence: float) -> bool:
    """A speck of dust read as letters: a word OCR is unsure of, or Latin letters it is not
    sure of in a Thai plan (the plan's Latin words, ITA, E-Service, are read with confidence)."""
    if confidence < WORD_CONFIDENCE:
        return True
    return not _THAI.search(text) and confidence < LATIN_CONFIDENCE and not re.fullmatch(r"[\d.,:;()\-–/%]+", text)


def _glyphs(words: list[list[str]], scale: float, height: int, repairs: Counter) -> list:
    """Tesseract's words as the PDF reader's glyphs, in points with y upwards: the clusters of a
    line closer than a space joined into one word; a line's words share its middle and its
    height (for the PDF reader's line grouping and its space and column gaps)."""
    from .pdf import Glyph

    lines: dict[tuple, list] = {}
    for r in words:
        left, top, width, tall = (int(v) for v in r[6:10])
        lines.setdefault(tuple(int(v) for v in r[1:5]), []).append([left, left + width, top, top + tall, float(r[10]),
                                                                     r[11].strip()])
    glyphs = []
    for line in lines.values():
        line.sort()
        if sum(w[4] for w in line) / len(line) < MIN_CONFIDENCE:
            repairs["ocr_noise"] += 1
            continue
        top, bottom = min(w[2] for w in line), max(w[3] for w in line)
        unit = sorted(w[3] - w[2] for w in line)[len(line) // 2]  # the median cluster's height
        words: list[list] = [line[0][:] + [1]]
        for w in line[1:]:
            if w[0] - words[-1][1] > SPACE * unit * 2:
                words.append(w[:] + [1])
            else:  # the next cluster of the same word: the word's confidence is its clusters' mean
                last = words[-1]
                last[1], last[5] = max(last[1], w[1]), last[5] + w[5]
                last[4], last[6] = (last[4] * last[6] + w[4]) / (last[6] + 1), last[6] + 1
        size = (bottom - top) * scale * 0.7
        mid = (height - (top + bottom) / 2) * scale
        for left, right, _, _, confidence, text, _ in words:
            if _noise(text, confidence):
                repairs["ocr_specks"] += 1
                continue
            if "|" in text:  # a table rule read as a letter
                repairs["ocr_rules"] += text.count("|")
                text = text.replace("|", "").strip()
                if not text:
                    continue
            glyphs.append(Glyph(text, left * scale, right * scale, (height - bottom) * scale, (height - top) * scale,
                                size, mid, right * scale, confidence))
    return glyphs
