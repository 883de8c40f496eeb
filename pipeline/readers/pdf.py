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

MAX_PAGES = 3000  # far beyond any real plan (about 150 pages); guards against absurd files
MAX_PAGE_CHARS = 60_000     # a dense A4 page of Thai holds ~4,000 characters
MAX_PAGE_OBJECTS = 200_000  # a ruled table page holds a few hundred paths
# Thai fonts' Private Use Area glyphs (shifted marks, consonants without descender) -> Unicode
PUA = {0xF700: "ฐ", 0xF701: "ิ", 0xF702: "ี", 0xF703: "ึ", 0xF704: "ื", 0xF705: "่", 0xF706: "้",
       0xF707: "๊", 0xF708: "๋", 0xF709: "์", 0xF70A: "่", 0xF70B: "้", 0xF70C: "๊", 0xF70D: "๋",
       0xF70E: "์", 0xF70F: "ญ", 0xF710: "ั", 0xF711: "ํ", 0xF712: "็", 0xF713: "่", 0xF714: "้",
       0xF715: "๊", 0xF716: "๋", 0xF717: "์", 0xF718: "ุ", 0xF719: "ู", 0xF71A: "ฺ"}
ATTACHED = COMBINING | {chr(c) for c in PUA} | {"ำ"}
PAGE_NUMBER = re.compile(r"^(?:-\s*)?[0-9๐-๙]{1,3}(?:\s*-)?$|^(?:หน้า|page)\s*[0-9๐-๙]{1,3}(?:\s*/\s*[0-9๐-๙]{1,3})?$"
                         r"|^[0-9๐-๙]{1,3}\s*/\s*[0-9๐-๙]{1,3}$", re.IGNORECASE)
LIST_START = re.compile(r"^(?:[-•·*]\s*)?(?:\(\d{1,2}\)|\d{1,2}(?:\.\d{1,2})*\s*[.)])")
# a bullet and words (a dash before a number may be a range wrapped: พ.ศ. 2566 / - 2570)
BULLET_START = re.compile(r"^[-•·*▪●○◦]\s*[^\W\d_]")
RULE = 2.0          # a path object thinner than this (pt) is a ruling line
SPACE_GAP = 0.17    # a gap wider than this many font sizes between two glyphs is a space
COLUMN_GAP = 1.6    # a gap wider than this many font sizes splits a line into aligned columns

REPAIRS = {
    "pua": "อักษรไทยรูปแบบพิเศษของฟอนต์ (Private Use Area) แปลงเป็นยูนิโคด (Thai glyph variants mapped to Unicode)",
    "ghost": "ลบอักขระซ้ำที่ไม่มีความกว้าง (duplicate zero-width glyphs removed)",
    "furniture": "ลบหัวกระดาษ ท้ายกระดาษ และเลขหน้า (page headers, footers and numbers removed)",
    "joined": "ต่อบรรทัดที่ถูกตัดที่ขอบขวา (lines wrapped at the right margin joined)",
    "tables": "สร้างตารางจากเส้นตาราง (tables rebuilt from their ruling lines, rows)",
    "cells": "ต่อตัวเลขที่ถูกตัดบรรทัดในช่องตาราง (numbers split by a wrap in a table cell joined)",
    "unmapped": "อักขระที่ไม่มีรหัสยูนิโคดในไฟล์ (glyphs without a Unicode mapping: ? or -)",
}


@dataclass(slots=True)
class Glyph:
    """A base glyph and the marks drawn on it (their text follows it), with its loose box."""
    text: str
    x0: float
    x1: float
    bottom: float   # PDF coordinates: y grows upwards
    top: float
    size: float
    mid: float      # middle of the box, height-wise: lines are grouped by it
    base_x1: float = 0.0  # right side of the base glyph alone (ำ widens the cluster)
    confidence: float | None = None  # OCR's, for a glyph read from an image


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


@dataclass
class _Page:
    number: int
    width: float
    items: list[Item] = field(default_factory=list)


PARALLEL_FROM = 24  # pages: a longer PDF is read by several processes when cores are free


MIN_PAGE_TEXT = 20  # characters: a page with fewer has no text layer worth the name (a scan)
OCR_MODES = ("auto", "always", "never")


def read(path: Path, data: bytes, workers: int = 1, ocr: str = "auto", on_page=None) -> Read:
    """`ocr`: auto (pages without a text layer go through OCR), always (every page does), never."""
    count = _page_count(data)
    repairs: Counter = Counter()
    if workers > 1 and count >= PARALLEL_FROM:
        pages = _read_in_parallel(data, count, workers, repairs)
    else:
        pages = _read_pages(data, 0, count, repairs)
    scanned = [p.number for p in pages if ocr == "always" or ocr == "auto" and _text_size(p) < MIN_PAGE_TEXT]
    if scanned:
        from .ocr import ocr_pages
        for page_number, items in ocr_pages(data, scanned, workers, repairs, on_page).items():
            pages[page_number - 1].items = items
    if sum(_text_size(page) for page in pages) < MIN_PAGE_TEXT:
        hint = " (--ocr auto reads it)" if ocr == "never" else ""
        raise InputError(f"has no text layer (a scanned image?): OCR is needed before it can be read{hint}")
    from .ocr import REPAIRS as OCR_REPAIRS
    return finish_pages(pages, repairs, {**REPAIRS, **OCR_REPAIRS}, "pdf")


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
    items = _join_wrapped(pages, repairs)
    text = "\n".join(item.text for item in items)
    positions = [(item.page, item.page_line) for item in items]
    confidence = [item.confidence for item in items] if any(i.confidence is not None for i in items) else None
    return Read(text, kind, {names[k]: n for k, n in repairs.items() if n}, positions, confidence)


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

def _refuse_absurd(page, number: int) -> None:
    """A page no plan has (a generated or hostile file) is refused before its objects are
    walked one by one in Python."""
    import pypdfium2.raw as pdfium_c

    objects = pdfium_c.FPDFPage_CountObjects(page.raw)
    if objects > MAX_PAGE_OBJECTS:
        raise InputError(f"is refused: page {number} holds {objects:,} drawing objects, beyond any real plan "
                         f"(limit {MAX_PAGE_OBJECTS:,})")
    textpage = page.get_textpage()
    try:
        chars = pdfium_c.FPDFText_CountChars(textpage.raw)
    finally:
        textpage.close()
    if chars > MAX_PAGE_CHARS:
        raise InputError(f"is refused: page {number} holds {chars:,} characters, beyond any real plan "
                         f"(limit {MAX_PAGE_CHARS:,})")


def _read_page(page, number: int, repairs: Counter) -> _Page:
    _refuse_absurd(page, number)
    glyphs = _glyphs(page, repairs)
    out = _Page(number, page.get_width())
    out.items = page_items(glyphs, _tables(page), _advances(glyphs), repairs)
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


_SPECIAL = frozenset(chr(c) for c in PUA) | {"\ufffe", "\uffff", "\ufffd"}


def _special(ch: str, repairs: Counter) -> str:
    if ord(ch) in PUA:
        repairs["pua"] += 1
        return PUA[ord(ch)]
    repairs["unmapped"] += 1  # a glyph without a Unicode mapping
    return "-" if ch == "\ufffe" else "?"


def _glyphs(page, repairs: Counter) -> list[Glyph]:
    """Every visible base glyph with its loose box (the glyph's advance, so the glyphs of a word
    touch and a space shows as a gap) and the marks drawn on it, in content order; PUA glyphs
    mapped, ghost copies dropped (Chromium leaves a copy of some clusters whose boxes are a
    fraction of a point wide). Marks above and below take no box of their own: they sit on the
    glyph before them. ำ has its own, and goes to the glyph it overlaps (LibreOffice may write an
    opening quote between a consonant and its ำ)."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    textpage = page.get_textpage()
    try:
        raw = textpage.raw
        count = pdfium_c.FPDFText_CountChars(raw)
        text = textpage.get_text_range(0, count) if count else ""
        rect = pdfium_c.FS_RECTF()
        ref = ctypes.byref(rect)
        get_box, get_size = pdfium_c.FPDFText_GetLooseCharBox, pdfium_c.FPDFText_GetFontSize
        glyphs: list[Glyph] = []
        ghost = False
        size, height = 10.0, -1.0
        for k, ch in enumerate(text[:count]):
            if ch in _SPECIAL:
                ch = _special(ch, repairs)
            if ch in COMBINING:
                if ghost or not glyphs:
                    repairs["ghost"] += ghost
                elif "\u0e01" <= glyphs[-1].text[0] <= "\u0e2e":
                    glyphs[-1].text += ch  # on the consonant just before it: the common case
                else:  # after a quote mark or the like: the consonant it overlaps, by its box
                    get_box(raw, k, ref)
                    _attach_mark(glyphs, ch, rect.left, rect.right, (rect.bottom + rect.top) / 2)
                continue
            if ch.isspace():
                continue  # spaces are put back from the gaps between glyphs
            get_box(raw, k, ref)
            left, right, bottom, top = rect.left, rect.right, rect.bottom, rect.top
            if top - bottom != height:  # the font size changes rarely: asked again only then
                height = top - bottom
                size = get_size(raw, k) or height or 10.0
            # a copy of a cluster drawn nowhere: a box a fraction of the font's size
            if right - left < 0.5 or height < 0.25 * size:
                ghost = ghost or ch != "ำ"
                repairs["ghost"] += 1
                continue
            if ch == "ำ" and glyphs:
                _attach_mark(glyphs, ch, left, right, (bottom + top) / 2)
                continue
            ghost = False
            glyphs.append(Glyph(ch, left, right, bottom, top, size, (bottom + top) / 2, right))
        return _drop_late_copies(glyphs, repairs)
    finally:
        textpage.close()


def _drop_late_copies(glyphs: list[Glyph], repairs: Counter) -> list[Glyph]:
    """Chromium also leaves a late copy of a cluster (ษ์ after the พ that follows it): the same
    text as the glyph two back, drawn short, between that glyph and the one before it."""
    kept: list[Glyph] = []
    for g in glyphs:
        if len(g.text) > 1 and len(kept) >= 2 and g.text == kept[-2].text and g.top - g.bottom < 0.35 * g.size \
                and kept[-2].x0 <= g.x0 and g.x1 <= kept[-1].x0 + 0.5:
            repairs["ghost"] += 1
            continue
        kept.append(g)
    return kept


def _attach_mark(glyphs: list[Glyph], mark: str, left: float, right: float, mid: float) -> None:
    """A mark (or ำ) goes to the glyph its box overlaps most among the last few."""
    best = max(reversed(glyphs[-3:]), key=lambda g: min(g.base_x1, right) - max(g.x0, left)
               if abs(g.mid - mid) < g.size else -99)
    best.text += mark
    if mark == "ำ":
        best.x1 = max(best.x1, right)


def _in(g: Glyph, box) -> bool:
    x = (g.x0 + g.x1) / 2
    y = (g.bottom + g.top) / 2
    return box[0] - 1 <= x <= box[2] + 1 and box[1] - 1 <= y <= box[3] + 1


def _text_lines(glyphs: list[Glyph], widths: dict | None = None) -> list[Item]:
    """Glyphs grouped into lines by the middle of their boxes; a line whose glyphs are far apart
    (text laid out in columns with spaces) keeps its columns apart with runs of spaces."""
    widths = widths if widths is not None else _advances(glyphs)
    lines: list[list[Glyph]] = []
    # by the middle of the base glyph's box: PDF makers give some glyphs a box from the baseline
    # up and others one from the descender (Chromium's clusters), but their middles agree
    first = None
    for g in sorted(glyphs, key=lambda g: -g.mid):
        if first is not None and first.mid - g.mid <= max(g.size, first.size) * 0.35:
            lines[-1].append(g)
        else:
            lines.append([g])
            first = g
    return [_line_item(sorted(line, key=lambda g: g.x0), widths) for line in lines]


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
    parts: list[str] = []
    right = None
    last = ""
    for g in glyphs:
        if right is not None:
            gap = (g.x0 - right) / g.size
            if gap > COLUMN_GAP:
                parts.append(" " * max(2, int(gap * 2)))  # columns laid out with spaces
            elif gap > SPACE_GAP and (gap > 0.6 or last not in _DIGITISH or g.text[0] not in _DIGITISH):
                parts.append(" ")  # (no space inside a number unless the gap is wide)
        parts.append(g.text)
        right = g.x1 if len(g.text) == 1 else _right(g, widths)
        last = g.text[-1]
    return Item(max(g.top for g in glyphs), "".join(parts), max(g.x1 for g in glyphs), min(g.x0 for g in glyphs),
                confidence=_confidence(glyphs))


def _confidence(glyphs: list[Glyph]) -> float | None:
    """OCR's confidence of a line or cell: its glyphs' mean (None for text-layer glyphs)."""
    values = [g.confidence for g in glyphs if g.confidence is not None]
    return round(sum(values) / len(values), 1) if values else None


# --- ruled tables ---------------------------------------------------------------------------------

def _tables(page) -> list:
    """The ruled tables of a page, each a Grid. Rulings are thin path objects (or the sides of
    a rectangle); rulings that touch make one grid, and a grid whose column lines change from one
    row to the next (two tables printed one below the other) is split there."""

    horizontal, vertical = [], []
    for x0, y0, x1, y1, sides in _path_boxes(page.raw):
        if y1 - y0 <= RULE and x1 - x0 > 4:
            horizontal.append(((y0 + y1) / 2, x0, x1))
        elif x1 - x0 <= RULE and y1 - y0 > 4:
            vertical.append(((x0 + x1) / 2, y0, y1))
        elif x1 - x0 > 4 and y1 - y0 > 4 and sides in (4, 5):
            horizontal += [(y0, x0, x1), (y1, x0, x1)]  # a cell drawn as a rectangle outline
            vertical += [(x0, y0, y1), (x1, y0, y1)]
    return grids(horizontal, vertical)


def _path_boxes(page_raw):
    """Bounding boxes of the page's path objects (form objects searched too), through PDFium's
    C API: a page printed by Chromium holds ~1,500 objects, one Python wrapper each costs more
    than the page's text."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    box = [ctypes.c_float() for _ in range(4)]
    refs = [ctypes.byref(b) for b in box]
    get_type, get_bounds, segments = (pdfium_c.FPDFPageObj_GetType, pdfium_c.FPDFPageObj_GetBounds,
                                      pdfium_c.FPDFPath_CountSegments)
    path, form = pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM
    out = []
    pending = [(page_raw, pdfium_c.FPDFPage_CountObjects(page_raw), pdfium_c.FPDFPage_GetObject, 0)]
    while pending:
        parent, count, get, depth = pending.pop()
        for i in range(count):
            obj = get(parent, i)
            kind = get_type(obj)
            if kind == path:
                get_bounds(obj, *refs)
                out.append((box[0].value, box[1].value, box[2].value, box[3].value, segments(obj)))
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
            rows.append(Item(ys[r], "\t".join(texts), grid.box[2], grid.box[0], row=True,
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
        part = item.text.strip()
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
    """Lines at the top or bottom of most pages (headers, footers) and page numbers."""
    edges: Counter = Counter()
    for page in pages:
        for item in page.items[:2] + page.items[-2:]:
            if not item.row:
                edges[_shape(item.text)] += 1
    repeated = {t for t, n in edges.items() if n >= max(3, len(pages) // 2)} if len(pages) >= 3 else set()
    for page in pages:
        keep = []
        for k, item in enumerate(page.items):
            at_edge = k < 2 or k >= len(page.items) - 2
            text = " ".join(item.text.split())
            if at_edge and not item.row and (PAGE_NUMBER.match(text) or _shape(text) in repeated):
                repairs["furniture"] += 1
            else:
                keep.append(item)
        page.items = keep


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
                out[-1].text = join_wrapped([out[-1].text, item.text.strip()])
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
