"""PDF plans with a text layer -> the plain-text export's layout, with the page of every line.

PDFium (pypdfium2) gives each character and its box in a few milliseconds a page (pdfminer,
under pdfplumber, takes ~80 ms). Lines are rebuilt from the boxes, not taken from PDFium's own
text, which puts spaces inside Thai words where a mark's box juts out:
- characters are grouped into lines by their baseline, and a space is put where the gap between
  two glyphs is wider than a fraction of the font size (justified text gets spaces between its
  words, which the parser ignores in headings);
- a ruled table (the lines of its grid are thin path objects) becomes one line per row, its cells
  separated by tabs; a merged cell's text goes to its first row and column, the other slots stay
  empty, as in the text export; a cell's wrapped lines are joined (digits split by a wrap too);
- page headers and footers repeated on most pages, and page numbers, are removed;
- a paragraph line that runs to the right margin is joined with the next line, on the same page
  or the next, unless the next line opens something (a section, field, dimension, mission, list
  item): a heading is never glued onto prose.
Repairs, counted for the report: Thai glyph variants in the Private Use Area mapped to Unicode,
duplicate glyphs PDF makers leave behind (zero-width boxes), furniture removed, lines joined.
Each output line keeps (page, line on the page): the line's rank from the top of its page.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .. import template as T
from ..thai import COMBINING, join_wrapped, repair_thai, squeeze, starts_alike, to_arabic
from . import InputError, Read
from .layer import INVISIBLE as INVISIBLE_TEXT, REPAIRS as LAYER_REPAIRS, Glyph, page_glyphs

MAX_PAGES = 3000  # far beyond any real plan (about 150 pages); guards against absurd files
MAX_PAGE_CHARS = 60_000     # a dense A4 page of Thai holds ~4,000 characters
MAX_PAGE_OBJECTS = 200_000  # a ruled table page holds a few hundred paths
PAGE_NUMBER = re.compile(r"^(?:-\s*)?[0-9๐-๙]{1,3}(?:\s*-)?$|^(?:หน้า|page)\s*[0-9๐-๙]{1,3}(?:\s*/\s*[0-9๐-๙]{1,3})?$"
                         r"|^[0-9๐-๙]{1,3}\s*/\s*[0-9๐-๙]{1,3}$", re.IGNORECASE)
LIST_START = re.compile(r"^(?:[-•·*]\s*)?(?:\(\d{1,2}\)|\d{1,2}(?:\.\d{1,2})*\s*[.)])")
# a bullet and words (a dash before a number may be a range wrapped: พ.ศ. 2566 / - 2570)
BULLET_START = re.compile(r"^[-•·*▪●○◦]\s*[^\W\d_]")
RULE = 2.0          # a path object thinner than this (pt) is a ruling line
SPACE_GAP = 0.17    # a gap wider than this many font sizes between two glyphs is a space
COLUMN_GAP = 1.6    # a gap wider than this many font sizes splits a line into aligned columns
LETTER_SPACED = 0.04  # a line whose median gap between glyphs is wider than this is letter-spaced

REPAIRS = {
    "furniture": "ลบหัวกระดาษ ท้ายกระดาษ และเลขหน้า (page headers, footers and numbers removed)",
    "joined": "ต่อบรรทัดที่ถูกตัดที่ขอบขวา (lines wrapped at the right margin joined)",
    "tables": "สร้างตารางจากเส้นตาราง (tables rebuilt from their ruling lines, rows)",
    "cells": "ต่อตัวเลขที่ถูกตัดบรรทัดในช่องตาราง (numbers split by a wrap in a table cell joined)",
    "shift_decoded": "ชั้นข้อความที่อักษรไทยถูกเลื่อนไปช่วงอักษรอื่น ถอดกลับเป็นไทย (text layers shifted into another script decoded, pages)",
    "rows_rejoined": "ต่อแถวตารางที่ถูกตัดข้ามหน้า (table rows a page break cut in two put back together)",
    **LAYER_REPAIRS,
}


@dataclass
class Item:
    """A line of text or a table row on a page, top to bottom."""
    top: float
    text: str
    right: float = 0.0
    left: float = 0.0
    row: bool = False         # a table row (cells separated by tabs)
    page: int = 0
    page_line: int = 0
    confidence: float | None = None  # OCR's mean confidence (0-100); None: from the text layer
    columns: tuple = ()       # a table row's column lines (x, points)
    size: float = 0.0         # the font size of a line's largest glyphs


@dataclass
class _Page:
    number: int
    width: float
    items: list[Item] = field(default_factory=list)
    unreadable: str = ""      # why its text layer cannot be read (layer_quality), when it cannot
    decoded: str = ""         # how a shifted text layer was decoded, when it was
    repaired: dict = field(default_factory=dict)  # repairs made on this page, by kind


PARALLEL_FROM = 24  # pages: a longer PDF is read by several processes when cores are free


MIN_PAGE_TEXT = 20  # characters: a page with fewer has no text layer worth the name (a scan)
OCR_MODES = ("auto", "always", "never")


def read(path: Path, data: bytes, workers: int = 1, ocr: str = "auto", on_page=None) -> Read:
    """`ocr`: auto (pages without a text layer, or with one that is unreadable, go through OCR),
    always (every page does), never (an unreadable layer is left out, said so, or refused)."""
    count = _page_count(data)
    repairs: Counter = Counter()
    if workers > 1 and count >= PARALLEL_FROM:
        pages = _read_in_parallel(data, count, workers, repairs)
    else:
        pages = _read_pages(data, 0, count, repairs)
    notes: list[tuple] = []
    unreadable = [p for p in pages if p.unreadable]
    if ocr == "never" and unreadable and all(p.unreadable or _text_size(p) < MIN_PAGE_TEXT for p in pages):
        raise InputError(f"has a text layer that cannot be read ({unreadable[0].unreadable}; "
                         f"{_pages_named(unreadable)}): OCR would read it (--ocr auto)")
    scanned = [p.number for p in pages if ocr == "always" or ocr == "auto" and (p.unreadable or _text_size(p) < MIN_PAGE_TEXT)]
    for page in unreadable:
        action = ("อ่านหน้านี้ด้วย OCR แทน (read by OCR instead)" if page.number in scanned else
                  "ข้อความของหน้านี้ไม่ถูกนำมาใช้ (its text was left out: --ocr auto reads it by OCR)")
        notes.append(("unreadable", page.number, f"หน้า {page.number}: {page.unreadable}; {action}",
                      "warning" if page.number in scanned else "error"))
    for page in pages:
        if page.decoded:
            notes.append(("decoded", page.number, f"หน้า {page.number}: {page.decoded}", None))
    if scanned:
        from .ocr import ocr_pages
        for page_number, items in ocr_pages(data, scanned, workers, repairs, on_page).items():
            pages[page_number - 1].items = items
    if sum(_text_size(page) for page in pages) < MIN_PAGE_TEXT:
        hint = " (--ocr auto reads it)" if ocr == "never" else ""
        raise InputError(f"has no text layer (a scanned image?): OCR is needed before it can be read{hint}")
    from .ocr import REPAIRS as OCR_REPAIRS
    result = finish_pages(pages, repairs, {**REPAIRS, **OCR_REPAIRS}, "pdf")
    result.notes = notes
    return result


UNMAPPED_SHARE = 0.5  # a page most of whose characters PDFium cannot map to Unicode has no text layer to read


def _unmapped_share(textpage) -> float:
    """The share of a page's characters (a sample of about a hundred) that PDFium could not map to
    Unicode (a font without a ToUnicode map, as the PostScript route and some printers make)."""
    import pypdfium2.raw as pdfium_c

    count = pdfium_c.FPDFText_CountChars(textpage.raw)
    if count < MIN_PAGE_TEXT:
        return 0.0
    has_error = pdfium_c.FPDFText_HasUnicodeMapError
    sample = range(0, count, max(1, count // 100))
    return sum(has_error(textpage.raw, k) == 1 for k in sample) / len(sample)


def _pages_named(pages: list["_Page"]) -> str:
    numbers = [p.number for p in pages]
    shown = ", ".join(map(str, numbers[:5])) + (", ..." if len(numbers) > 5 else "")
    return f"page {shown}" if len(numbers) == 1 else f"pages {shown}"


def _text_size(page: "_Page") -> int:
    return sum(len(item.text.strip()) for item in page.items)


def finish_pages(pages: list[_Page], repairs: Counter, names: dict[str, str], kind: str) -> Read:
    """Pages -> the Read: furniture dropped, wrapped lines joined, each line's page and rank on
    it, and OCR's confidence where a line came from OCR."""
    for page in pages:
        page.items.sort(key=lambda item: -item.top)
        for k, item in enumerate(page.items, start=1):
            item.page, item.page_line = page.number, k
    _drop_furniture(pages, repairs)
    _join_broken_rows(pages, repairs)
    items = _join_wrapped(pages, repairs)
    text = "\n".join(item.text for item in items)
    positions = [(item.page, item.page_line) for item in items]
    confidence = [item.confidence for item in items] if any(i.confidence is not None for i in items) else None
    on_pages: dict[str, list[int]] = {}
    for page in pages:
        for k in page.repaired:
            on_pages.setdefault(names[k], []).append(page.number)
    return Read(text, kind, {names[k]: n for k, n in repairs.items() if n}, positions, confidence,
                repair_pages=on_pages)


def _open(data: bytes):
    import pypdfium2 as pdfium  # imported only for PDF input

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        problem = "password-protected" if "password" in str(exc).lower() else "damaged"
        raise InputError(f"is not a readable PDF ({problem})") from None


def _page_count(data: bytes) -> int:
    document = _open(data)
    try:
        count = len(document)
    finally:
        document.close()
    if count > MAX_PAGES:
        raise InputError(f"is refused: {count} pages, beyond any real plan (limit {MAX_PAGES})")
    return count


def _read_pages(data: bytes, first: int, last: int, repairs: Counter) -> list[_Page]:
    document = _open(data)
    try:
        return [_read_page(document[i], i + 1, repairs) for i in range(first, last)]
    finally:
        document.close()


def _read_chunk(data: bytes, first: int, last: int) -> tuple[list[_Page], Counter]:
    repairs: Counter = Counter()
    return _read_pages(data, first, last, repairs), repairs


def _read_in_parallel(data: bytes, count: int, workers: int, repairs: Counter) -> list[_Page]:
    """Pages in runs, one run a process (PDFium is not thread-safe); each opens its own copy."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    runs = min(workers, count // (PARALLEL_FROM // 2)) or 1
    bounds = [count * k // runs for k in range(runs + 1)]
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    with ProcessPoolExecutor(max_workers=runs, mp_context=context) as pool:
        results = list(pool.map(_read_chunk, [data] * runs, bounds[:-1], bounds[1:]))
    pages = []
    for chunk, counted in results:
        pages += chunk
        repairs.update(counted)
    return pages


# --- one page -------------------------------------------------------------------------------------

def _refuse_absurd(page, textpage, number: int) -> None:
    """A page no plan has (a generated or hostile file) is refused before its objects are
    walked one by one in Python."""
    import pypdfium2.raw as pdfium_c

    objects = pdfium_c.FPDFPage_CountObjects(page.raw)
    if objects > MAX_PAGE_OBJECTS:
        raise InputError(f"is refused: page {number} holds {objects:,} drawing objects, beyond any real plan "
                         f"(limit {MAX_PAGE_OBJECTS:,})")
    chars = pdfium_c.FPDFText_CountChars(textpage.raw)
    if chars > MAX_PAGE_CHARS:
        raise InputError(f"is refused: page {number} holds {chars:,} characters, beyond any real plan "
                         f"(limit {MAX_PAGE_CHARS:,})")


def _read_page(page, number: int, repairs: Counter) -> _Page:
    from . import layer_quality

    before = Counter(repairs)
    out = _Page(number, page.get_width())
    textpage = page.get_textpage()
    try:
        _refuse_absurd(page, textpage, number)
        objects = _page_objects(page.raw)
        text = textpage.get_text_range()
        verdict = layer_quality.assess(text)
        decoded = layer_quality.decode_shifted(text) if verdict.kind == "shifted_script" else None
        if decoded:
            # the producer's glyph boxes are as unreliable as its map (they drift a glyph off
            # across a line): the decoded text is taken in PDFium's own lines, tables flattened
            out.decoded = (f"{verdict.reason}; ถอดกลับเป็นอักษรไทยได้ตรงทุกตัว อ่านตามบรรทัด ไม่แยกช่องตาราง "
                           f"(decoded back to Thai exactly; read line by line, table cells not separated)")
            repairs["shift_decoded"] += 1
            out.repaired = {"shift_decoded": 1}
            lines = [line for line in decoded.splitlines() if line.strip()]
            out.items = [Item(float(len(lines) - k), " ".join(line.split())) for k, line in enumerate(lines)]
            return out
        unmapped = _unmapped_share(textpage)
        if unmapped > UNMAPPED_SHARE:
            out.unreadable = (f"ชั้นข้อความของหน้านี้ไม่มีตารางแปลงเป็นยูนิโคด (ToUnicode) อักขระ {unmapped:.0%} อ่านไม่ได้ "
                              f"(text layer unreadable: no Unicode map for {unmapped:.0%} of its characters)")
            return out
        if not verdict.readable and verdict.kind not in ("empty", "impossible_thai"):
            out.unreadable = verdict.reason
            return out
        glyphs = _drop_late_copies(page_glyphs(textpage, repairs, objects.hidden(), text=text), repairs)
    finally:
        textpage.close()
    out.items = page_items(glyphs, _tables(objects.paths), _advances(glyphs), repairs)
    if verdict.kind == "impossible_thai":
        # marks out of content order read as impossible Thai: placed by geometry, judged again
        again = layer_quality.assess("\n".join(item.text for item in out.items))
        if not again.readable:
            out.unreadable, out.items = again.reason, []
            return out
    out.repaired = {k: n - before[k] for k, n in repairs.items() if n > before[k]}
    return out


def page_items(glyphs: list[Glyph], tables: list["Grid"], widths: dict, repairs: Counter) -> list[Item]:
    """A page's glyphs as items: one per row of each ruled table, one per line of the rest
    (shared with the OCR reader, whose glyphs and rulings come from the page's image)."""
    items: list[Item] = []
    free = glyphs
    for grid in tables:
        inside = [g for g in free if _in(g, grid.box)]
        if inside:
            free = [g for g in free if not _in(g, grid.box)]
            items += _table_rows(grid, inside, widths, repairs)
    return items + _text_lines(free, widths)


def grids(horizontal: list[tuple], vertical: list[tuple]) -> list["Grid"]:
    """Tables from ruling segments: horizontal (y, x0, x1), vertical (x, y0, y1), in points."""
    if len(horizontal) < 2 or len(vertical) < 2:
        return []
    return [grid for h, v in _connected(horizontal, vertical) for grid in _grids(h, v)]


def _drop_late_copies(glyphs: list[Glyph], repairs: Counter) -> list[Glyph]:
    """Chromium also leaves a late copy of a cluster (ษ์ after the พ that follows it): the same
    text as the glyph two back, drawn short, between that glyph and the one before it."""
    kept: list[Glyph] = []
    for g in glyphs:
        if len(g.text) > 1 and any(k.text == g.text and _overlap(k, g) > 0.5 * min(k.x1 - k.x0, g.x1 - g.x0)
                                   for k in kept[-2:]):
            repairs["ghost"] += 1  # a copy drawn over the cluster itself (Chromium, Sarabun and Noto)
            continue
        if len(g.text) > 1 and len(kept) >= 2 and (
                # drawn left of the glyph before it, where the same cluster was: left-to-right
                # text never goes back like that
                g.text == kept[-2].text and kept[-2].x0 <= g.x0 and g.x1 <= kept[-1].x0 + 0.5
                # copies come in runs: the copy after a copy repeats the glyph just before it
                or g.top - g.bottom < 0.45 * g.size and g.text == kept[-1].text
                and kept[-1].x0 <= g.x0 < kept[-1].x1 + 0.1 * g.size):
            repairs["ghost"] += 1
            continue
        kept.append(g)
    return kept


def _overlap(a: Glyph, b: Glyph) -> float:
    return min(a.x1, b.x1) - max(a.x0, b.x0) if abs(a.mid - b.mid) < a.size else 0.0


def _in(g: Glyph, box) -> bool:
    x = (g.x0 + g.x1) / 2
    y = (g.bottom + g.top) / 2
    return box[0] - 1 <= x <= box[2] + 1 and box[1] - 1 <= y <= box[3] + 1


def _text_lines(glyphs: list[Glyph], widths: dict | None = None) -> list[Item]:
    """Glyphs grouped into lines by their baseline (OCR's glyphs: by their middle); a line whose
    glyphs are far apart (text laid out in columns with spaces) keeps its columns apart with runs
    of spaces."""
    widths = widths if widths is not None else _advances(glyphs)
    lines: list[list[Glyph]] = []
    # the baseline holds for every glyph of a line whatever its height or size (ป, โ, ญ and Thai
    # set smaller than Latin); boxes' middles move with both
    first = None
    for g in sorted(glyphs, key=_line_key):
        if first is not None and _line_key(g) - _line_key(first) <= max(g.size, first.size) * 0.35:
            lines[-1].append(g)
        else:
            lines.append([g])
            first = g
    return [_line_item(sorted(line, key=lambda g: g.x0), widths) for line in lines]


def _line_key(g: Glyph) -> float:
    return -(g.baseline if g.baseline is not None else g.mid)


def _advances(glyphs: list[Glyph]) -> dict[tuple[str, int], float]:
    """How wide each base glyph is when drawn alone (the median of its boxes), per font size.
    Some PDF makers (Chromium, so Google Docs too) give a cluster of a consonant and its marks a
    box narrower than its glyph; the glyph's own width tells where the cluster really ends."""
    seen: dict[tuple[str, int], list[float]] = {}
    for g in glyphs:
        if len(g.text) == 1:
            seen.setdefault((g.text, round(g.size)), []).append(g.x1 - g.x0)
            if "\u0e01" <= g.text <= "\u0e2e":  # any Thai consonant: for one never drawn alone
                seen.setdefault(("", round(g.size)), []).append(g.x1 - g.x0)
    return {key: sorted(values)[len(values) // 2] for key, values in seen.items()}


_DIGITISH = frozenset("0123456789๐๑๒๓๔๕๖๗๘๙,.")


def _right(g: Glyph, widths: dict) -> float:
    """Where a glyph with marks really ends."""
    advance = widths.get((g.text[0], round(g.size))) or widths.get(("", round(g.size)))
    if not advance:
        return g.x1
    return max(g.x1, g.x0 + advance + (0.45 * g.size if "ำ" in g.text else 0.0))


def _line_item(glyphs: list[Glyph], widths: dict) -> Item:
    """One line's text. A space goes where the gap between two glyphs is wider than the line's
    own gap between letters by a fraction of the font size: justified lines spread by character
    spacing (Distiller, PDFMaker) have a gap after every letter, and only the wider gaps are
    spaces."""
    rights = [g.x1 if len(g.text) == 1 else _right(g, widths) for g in glyphs]
    gaps = [(g.x0 - right) / g.size for g, right in zip(glyphs[1:], rights)]
    spacing = _letter_spacing(gaps)
    parts: list[str] = [glyphs[0].text]
    for g, gap in zip(glyphs[1:], gaps):
        gap -= spacing
        if gap > COLUMN_GAP:
            parts.append(" " * max(2, int(gap * 2)))  # columns laid out with spaces
        elif gap > SPACE_GAP and (gap > 0.6 or not _in_number(parts, g.text[0])):
            parts.append(" ")  # (no space inside a number unless the gap is wide)
        parts.append(g.text)
    if glyphs[-1].space_after:
        parts.append(" ")  # the line ends at a word gap (Word wraps at a space): joined with one
    return Item(max(g.top for g in glyphs), "".join(parts), max(g.x1 for g in glyphs), min(g.x0 for g in glyphs),
                confidence=_confidence(glyphs), size=max(g.size for g in glyphs))


def _in_number(parts: list[str], next_char: str) -> bool:
    """Would a space here fall inside a number (1,2 / 00; 1. / 5)? Not after พ.ศ.'s point."""
    if next_char not in _DIGITISH:
        return False
    last = parts[-1][-1]
    if last in ",.":
        return len(parts) >= 2 and parts[-2][-1] in _DIGITISH or len(parts[-1]) >= 2 and parts[-1][-2] in _DIGITISH
    return last in _DIGITISH


def _letter_spacing(gaps: list[float]) -> float:
    """The gap a line leaves between its letters (font sizes): the median gap, when most gaps are
    alike and wider than a kerning's; 0 for a line set without character spacing."""
    if len(gaps) < 6:
        return 0.0
    ordered = sorted(gaps)
    median = ordered[len(ordered) // 2]
    if median < LETTER_SPACED:
        return 0.0
    # letters spread evenly: the lower half of the gaps lies close to the median
    return median if median - ordered[len(ordered) // 4] < 0.5 * median + 0.03 else 0.0


def _confidence(glyphs: list[Glyph]) -> float | None:
    """OCR's confidence of a line or cell: its glyphs' mean (None for text-layer glyphs)."""
    values = [g.confidence for g in glyphs if g.confidence is not None]
    return round(sum(values) / len(values), 1) if values else None


# --- ruled tables ---------------------------------------------------------------------------------

def _tables(paths: list[tuple]) -> list:
    """The ruled tables of a page, each a Grid. Rulings are thin path objects (or the sides of
    a rectangle); rulings that touch make one grid, and a grid whose column lines change from one
    row to the next (two tables printed one below the other) is split there."""

    horizontal, vertical = [], []
    for x0, y0, x1, y1, sides in paths:
        if y1 - y0 <= RULE and x1 - x0 > 4:
            horizontal.append(((y0 + y1) / 2, x0, x1))
        elif x1 - x0 <= RULE and y1 - y0 > 4:
            vertical.append(((x0 + x1) / 2, y0, y1))
        elif x1 - x0 > 4 and y1 - y0 > 4 and sides in (4, 5):
            horizontal += [(y0, x0, x1), (y1, x0, x1)]  # a cell drawn as a rectangle outline
            vertical += [(x0, y0, y1), (x1, y0, y1)]
    return grids(horizontal, vertical)


@dataclass
class _Objects:
    """What one walk over a page's objects finds: the paths' boxes (and segment counts), the
    images' boxes and the invisible text objects (address, box). Invisible text over an image is
    a scanner's OCR layer, read as text when the page's quality check passes it."""
    paths: list[tuple] = field(default_factory=list)
    images: list[tuple] = field(default_factory=list)
    invisible: list[tuple] = field(default_factory=list)

    def _over_image(self, box) -> bool:
        x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        return any(i[0] <= x <= i[2] and i[1] <= y <= i[3] for i in self.images)

    def hidden(self) -> frozenset:
        """Invisible text not over an image: text the page does not show."""
        return frozenset(a for a, box in self.invisible if not self._over_image(box))


def _page_objects(page_raw) -> _Objects:
    """One walk over the page's objects (form objects searched too), through PDFium's C API: a
    page printed by Chromium holds ~1,500 objects, one Python wrapper each costs more than the
    page's text."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    box = [ctypes.c_float() for _ in range(4)]
    refs = [ctypes.byref(b) for b in box]
    get_type, get_bounds, segments = (pdfium_c.FPDFPageObj_GetType, pdfium_c.FPDFPageObj_GetBounds,
                                      pdfium_c.FPDFPath_CountSegments)
    path, form, image, text = (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM, pdfium_c.FPDF_PAGEOBJ_IMAGE,
                               pdfium_c.FPDF_PAGEOBJ_TEXT)
    render_mode = pdfium_c.FPDFTextObj_GetTextRenderMode
    out = _Objects()
    pending = [(page_raw, pdfium_c.FPDFPage_CountObjects(page_raw), pdfium_c.FPDFPage_GetObject, 0)]
    while pending:
        parent, count, get, depth = pending.pop()
        for i in range(count):
            obj = get(parent, i)
            kind = get_type(obj)
            if kind == path:
                get_bounds(obj, *refs)
                out.paths.append((box[0].value, box[1].value, box[2].value, box[3].value, segments(obj)))
            elif kind == text and render_mode(obj) == INVISIBLE_TEXT:
                get_bounds(obj, *refs)
                address = ctypes.cast(obj, ctypes.c_void_p).value or 0
                out.invisible.append((address, tuple(b.value for b in box)))
            elif kind == image:
                get_bounds(obj, *refs)
                out.images.append(tuple(b.value for b in box))
            elif kind == form and depth < 4:
                pending.append((obj, pdfium_c.FPDFFormObj_CountObjects(obj), pdfium_c.FPDFFormObj_GetObject, depth + 1))
    return out


@dataclass
class Grid:
    box: tuple[float, float, float, float]   # x0, y0 (bottom), x1, y1 (top)
    xs: list[float]                           # column lines, left to right
    ys: list[float]                           # row lines, top to bottom
    owner: dict                               # (row, col) -> (row, col) of the cell it belongs to


def _connected(horizontal, vertical):
    """Group rulings that touch into tables."""
    segments = [("h", s) for s in horizontal] + [("v", s) for s in vertical]
    parent = list(range(len(segments)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i
    hs = [i for i, (kind, _) in enumerate(segments) if kind == "h"]
    vs = [i for i, (kind, _) in enumerate(segments) if kind == "v"]
    for i in hs:
        y, x0, x1 = segments[i][1]
        for j in vs:
            x, y0, y1 = segments[j][1]
            if x0 - 2 <= x <= x1 + 2 and y0 - 2 <= y <= y1 + 2:
                parent[find(i)] = find(j)
    groups: dict[int, tuple[list, list]] = {}
    for i, (kind, s) in enumerate(segments):
        group = groups.setdefault(find(i), ([], []))
        group[0 if kind == "h" else 1].append(s)
    return [(h, v) for h, v in groups.values() if len(h) >= 1 and len(v) >= 2]


def _cluster(values: list[float], tolerance: float = 1.6) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tolerance:
            out.append(v)
    return out


def _grids(horizontal, vertical) -> list[Grid]:
    """Row lines are the horizontal rulings plus the ends of the column lines (a row broken by
    the page has no ruling at the page's edge); rows whose column lines differ start a new grid."""
    ys = _cluster([y for y, _, _ in horizontal] + [min(v[1] for v in vertical), max(v[2] for v in vertical)])[::-1]
    bands = []
    for r in range(len(ys) - 1):
        mid = (ys[r] + ys[r + 1]) / 2
        bands.append(_cluster([x for x, y0, y1 in vertical if y0 - 1 <= mid <= y1 + 1]))
    grids, start = [], 0
    for r in range(1, len(bands) + 1):
        if r == len(bands) or not _compatible(bands[r - 1], bands[r]):
            grid = _grid(horizontal, vertical, ys[start:r + 1])
            if grid:
                grids.append(grid)
            start = r
    return grids


def _compatible(a: list[float], b: list[float]) -> bool:
    """Same columns, or one row's lines a subset of the other's (a merged cell)."""
    def subset(small, large):
        return all(any(abs(x - y) <= 1.6 for y in large) for x in small)
    return subset(a, b) or subset(b, a)


def _grid(horizontal, vertical, ys: list[float]) -> Grid | None:
    top, bottom = ys[0], ys[-1]
    xs = _cluster([x for x, y0, y1 in vertical if y0 < top - 1 and y1 > bottom + 1])
    if len(xs) < 2 or len(ys) < 2:
        return None

    def has_vertical(x, y_mid):
        return any(abs(v[0] - x) <= 1.6 and v[1] - 1 <= y_mid <= v[2] + 1 for v in vertical)

    def has_horizontal(y, x_mid):
        return any(abs(h[0] - y) <= 1.6 and h[1] - 1 <= x_mid <= h[2] + 1 for h in horizontal)
    owner: dict[tuple[int, int], tuple[int, int]] = {}
    for r in range(len(ys) - 1):
        y_mid = (ys[r] + ys[r + 1]) / 2
        for c in range(len(xs) - 1):
            x_mid = (xs[c] + xs[c + 1]) / 2
            if c > 0 and not has_vertical(xs[c], y_mid):
                owner[(r, c)] = owner[(r, c - 1)]   # merged with the slot on its left
            elif r > 0 and not has_horizontal(ys[r], x_mid):
                owner[(r, c)] = owner[(r - 1, c)]   # merged with the slot above
            else:
                owner[(r, c)] = (r, c)
    return Grid((xs[0], bottom, xs[-1], top), xs, ys, owner)


def _table_rows(grid: Grid, glyphs: list[Glyph], widths: dict, repairs: Counter) -> list[Item]:
    """One line per row: each cell's text at its first row and column, the slots it spans after
    it (and below it) empty, as in the text export."""
    xs, ys, owner = grid.xs, grid.ys, grid.owner
    content: dict[tuple[int, int], list[Glyph]] = {}
    for g in glyphs:
        x, y = (g.x0 + g.x1) / 2, g.mid
        c = next((k for k in range(len(xs) - 1) if xs[k] <= x <= xs[k + 1]), None)
        r = next((k for k in range(len(ys) - 1) if ys[k + 1] <= y <= ys[k]), None)
        if c is not None and r is not None:
            content.setdefault(owner[(r, c)], []).append(g)
    rows = []
    for r in range(len(ys) - 1):
        texts = [_cell_text(content.get((r, c), []), _right_edge(grid, r, c), widths, repairs)
                 if owner[(r, c)] == (r, c) else "" for c in range(len(xs) - 1)]
        if any(texts):
            row_glyphs = [g for c in range(len(xs) - 1) for g in content.get((r, c), [])]
            rows.append(Item(ys[r], "\t".join(texts), grid.box[2], grid.box[0], row=True, columns=tuple(xs),
                             confidence=_confidence(row_glyphs)))
    repairs["tables"] += len(rows)
    return rows


_NUMBER_REST = re.compile(r"^0[0-9]*,|^,|^[0-9]*,[0-9]{3}")


def _number_goes_on(head: str, tail: str) -> bool:
    """Did a narrow column break one amount over two lines (๑ / ๐,๐๐๐; ๑๐,๐ / ๐๐; ๑๐ / ๕,๐๐๐)?
    Two whole amounts (๑๐,๐๐๐ / ๒๐,๐๐๐) are two values."""
    last = re.search(r"[0-9,]+$", to_arabic(head))
    first = re.match(r"[0-9,]+", to_arabic(tail))
    if not last or not first:
        return False
    a, b = last.group(0), first.group(0)
    if b.startswith(",") or b.startswith("0") and len(b) > 1 or re.search(r",\d{0,2}$", a):
        return True  # a piece that cannot be a whole amount: the amount goes on
    if "," not in a + b and len(a) >= 2 and len(a + b) == 4 and 2540 <= int(a + b) <= 2599:
        return True  # a year a narrow header cell broke: ปี ๒๕๖ / ๗
    # ๑๐ / ๕,๐๐๐: a short head and a tail with commas that make one amount (or its start)
    return "," not in a and "," in b and len(a) <= 3 and bool(re.fullmatch(r"\d{1,3}(?:,\d{3})*(?:,\d{0,2})?", a + b))


def _right_edge(grid: Grid, r: int, c: int) -> float:
    """The right side of the cell at (r, c), a merged cell's last column included."""
    last = c
    while last + 1 < len(grid.xs) - 1 and grid.owner[(r, last + 1)] == grid.owner[(r, c)]:
        last += 1
    return grid.xs[last + 1]


def _cell_text(glyphs: list[Glyph], right: float, widths: dict, repairs: Counter) -> str:
    """A cell's lines joined: Thai meets Thai with no space, and an amount a narrow column broke
    over two lines joined back."""
    out = ""
    for item in sorted(_text_lines(glyphs, widths), key=lambda i: -i.top):
        part = item.text.strip() + (" " if item.text.endswith(" ") else "")  # (a word gap at its end)
        if out and _number_goes_on(out, part):
            out += part
            repairs["cells"] += 1
        else:
            out = join_wrapped([out, part]) if out else part
    return " ".join(out.split())


# --- across pages ---------------------------------------------------------------------------------

def _shape(text: str) -> str:
    return re.sub(r"[0-9๐-๙]+", "#", squeeze(text))


def _drop_furniture(pages: list[_Page], repairs: Counter) -> None:
    """Lines in the top or bottom margin of most pages (headers, footers) and page numbers. A
    margin line stands apart from the body by more than the page's line pitch; a body line that
    ends most pages alike (each project on a page of its own: ผลลัพธ์'s last line, ลำดับที่ N at
    the top) is not furniture, and neither is a line that opens a section, a field or a heading."""
    steps = sorted(p.items[k].top - p.items[k + 1].top for p in pages for k in range(len(p.items) - 1))
    pitch = steps[len(steps) // 2] if steps else 0.0  # the document's line pitch, for short pages
    sizes = sorted(item.size for p in pages for item in p.items if item.size)
    body = sizes[len(sizes) // 2] if sizes else 0.0  # the document's text size, for pages of tables
    margins = {page.number: _margin_lines(page.items, pitch, body) for page in pages}
    edges: Counter = Counter()
    for page in pages:
        for k in margins[page.number]:
            edges[_shape(page.items[k].text)] += 1
    repeated = {t for t, n in edges.items() if n >= max(3, len(pages) // 2)} if len(pages) >= 3 else set()
    for page in pages:
        keep = []
        for k, item in enumerate(page.items):
            at_edge = k < 2 or k >= len(page.items) - 2
            text = " ".join(item.text.split())
            if at_edge and not item.row and (PAGE_NUMBER.match(text) or k in margins[page.number]
                                             and _shape(text) in repeated and not _opens_something(text)):
                repairs["furniture"] += 1
            else:
                keep.append(item)
        page.items = keep


def _margin_lines(items: list[Item], document_pitch: float, document_size: float = 0.0) -> set[int]:
    """Indexes of the (at most two) lines at the top and at the bottom of a page that a gap wider
    than the line pitch (the page's, or the document's on a page of a few lines) sets apart from
    the body."""
    if len(items) < 2:
        return {k for k, item in enumerate(items) if not item.row}
    steps = sorted(items[k].top - items[k + 1].top for k in range(len(items) - 1))
    pitch = steps[len(steps) // 2] if len(items) >= 6 else document_pitch
    sizes = sorted(item.size for item in items if item.size)
    body = sizes[len(sizes) // 2] if len(sizes) >= 5 else document_size
    out: set[int] = set()
    for block in ([0, 1], [len(items) - 1, len(items) - 2]):
        for size in (1, 2):  # the block of the first one or two lines, then the body
            inner = block[size - 1]
            after = inner + 1 if block[0] == 0 else inner - 1
            apart = 0 <= after < len(items) and abs(items[inner].top - items[after].top) > 1.3 * pitch
            smaller = all(0 < items[k].size < 0.85 * body for k in block[:size])  # (browsers print 8 pt)
            if apart or smaller:
                out.update(k for k in block[:size] if not items[k].row)
                break
    return out


def _join_broken_rows(pages: list[_Page], repairs: Counter) -> None:
    """A table row the page break cut in two: the last row of a page and the first of the next,
    in a table with the same columns, whose continuation's cells each go on a cell of the row
    above, at least one an amount that cannot stand alone (๒๑๕,๐๐ / ๐ บาท; ปี ๒๕๖ / ๖), or words
    only that open no entry. It is put back into one row on the first page. Text the cut row
    holds in a cell that is empty above (a merged dimension cell's words going on) stays behind
    as a row of its own, as a merged cell's continuation is written."""
    for before, after in zip(pages, pages[1:]):
        if not before.items or not after.items:
            continue
        top, cut = before.items[-1], after.items[0]
        if not (top.row and cut.row and len(top.columns) == len(cut.columns)
                and all(abs(a - b) <= 2 for a, b in zip(top.columns, cut.columns))):
            continue
        joined = _rejoined_cells(top.text.split("\t"), cut.text.split("\t"))
        if joined is not None:
            top.text = "\t".join(joined[0])
            if any(cell.strip() for cell in joined[1]):
                cut.text = "\t".join(joined[1])
            else:
                after.items.pop(0)
            repairs["rows_rejoined"] += 1


def _rejoined_cells(upper: list[str], lower: list[str]) -> tuple[list[str], list[str]] | None:
    """(the row put back, what stays behind) or None when the lower row is a row of its own."""
    if len(upper) != len(lower):
        return None
    out, left, evidence = [], [], False
    for a, b in zip(upper, lower):
        a, b = a.strip(), b.strip()
        if not b:
            out.append(a)
            left.append("")
        elif not a:
            out.append("")
            left.append(b)  # a cell of its own: only a merged first cell's words may go on so
        elif _number_goes_on(a, b):
            out.append(a + b)
            left.append("")
            evidence = True
        elif to_arabic(a)[-1:].isdigit() and to_arabic(b)[:1].isdigit():
            return None  # two whole amounts
        else:
            out.append(join_wrapped([a, b]))
            left.append("")
    if any(left[1:]) or left[0] and not evidence:
        return None
    # or words alone that go on the cells above (a header cell the break cut: โครงการ/ กิจกรรม/ /
    # มาตรการ), none of them an entry of its own (a number opens an entry: ๒๑) โครงการ...)
    words_only = not any(ch.isdigit() for cell in lower for ch in to_arabic(cell)) \
        and not any(LIST_START.match(cell.strip()) for cell in lower)
    return (out, left) if evidence or words_only else None


def _join_wrapped(pages: list[_Page], repairs: Counter) -> list[Item]:
    """Join a paragraph line that ran to the right margin with the line after it (on the same
    page or the next), unless that line opens a heading, a list item or a table row."""
    rights = sorted(item.right for page in pages for item in page.items if not item.row and len(item.text) > 20)
    margin = rights[int(len(rights) * 0.9)] if rights else 0
    lefts = sorted(item.left for page in pages for item in page.items if not item.row)
    left_margin = lefts[len(lefts) // 10] if lefts else 0
    # Thai wraps at word boundaries, not only at spaces: a wrapped line may stop well short
    tolerance = 0.12 * (margin - left_margin)
    out: list[Item] = []
    wrapped = False
    for page in pages:
        for item in page.items:
            item.text = repair_thai(item.text, Counter()) if not item.row else item.text
            if wrapped and out and not item.row and not _opens_something(item.text) \
                    and not starts_alike(out[-1].text.strip(), item.text.strip()):
                out[-1].text = join_wrapped([out[-1].text, item.text.lstrip()])
                out[-1].right = item.right
                if item.confidence is not None:
                    out[-1].confidence = min(out[-1].confidence or 100.0, item.confidence)
                repairs["joined"] += 1
            else:
                out.append(item)
            last = out[-1]
            wrapped = (not last.row and margin > 0 and item.right >= margin - tolerance
                       and len(item.text.strip()) > 20 and not _opens_something(item.text))
    for item in out:
        item.text = item.text.strip() if not item.row else item.text
    return out


def _opens_something(text: str) -> bool:
    """Does the line start a section, a field, a dimension, mission or part, or a list item?"""
    text = to_arabic(" ".join(text.split()))
    words = squeeze(text)
    if not words:
        return True
    if T.SECTION_MARKER.match(words) or LIST_START.match(text) or BULLET_START.match(text) or T.PART.match(text) \
            or T.SUBHEADING_ONLY.match(text) or T.SEPARATOR.match(words):
        return True
    if T.MISSION.match(text) or T.SUBMISSION.match(text) or (words.startswith(("มิติ", "มติ")) and T.DIMENSION.match(text)):
        return True
    number = T.FIELD_NUMBER.match(text)
    body = squeeze(text[number.end():]) if number else words
    return body.startswith(T.HEADING_PREFIXES) and len(text) < 90
