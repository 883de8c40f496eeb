"""PDF plans with a text layer -> the same text layout as the plain-text export.

pdfplumber's own text extraction inserts spaces inside Thai words (a tone mark is drawn to the
right of the next consonant, which looks like a step backwards), so lines are rebuilt from the
characters in content-stream order. Repairs, each counted for the report:
- Thai glyph variants in the Private Use Area (shifted tone marks and vowels) -> Unicode;
- tone marks written before their vowel mark swapped back (``ท่ี`` -> ``ที่``);
- ``(cid:N)`` junk dropped; ``ํ`` + ``า`` written for ``ำ`` (normalised later, counted here);
- page headers and footers repeated on most pages, and page numbers, removed;
- paragraph lines wrapped at the right margin joined back (Thai meets Thai with no space).
Tables (the summary table) are read cell by cell from pdfplumber's table finder, one line per
row with tab-separated cells, a merged cell empty below its first row.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from ..thai import join_wrapped
from . import InputError, Read

# Thai fonts' Private Use Area glyphs (shifted marks, consonants without descender) -> Unicode
PUA = {0xF700: "ฐ", 0xF701: "ิ", 0xF702: "ี", 0xF703: "ึ", 0xF704: "ื", 0xF705: "่", 0xF706: "้",
       0xF707: "๊", 0xF708: "๋", 0xF709: "์", 0xF70A: "่", 0xF70B: "้", 0xF70C: "๊", 0xF70D: "๋",
       0xF70E: "์", 0xF70F: "ญ", 0xF710: "ั", 0xF711: "ํ", 0xF712: "็", 0xF713: "่", 0xF714: "้",
       0xF715: "๊", 0xF716: "๋", 0xF717: "์", 0xF718: "ุ", 0xF719: "ู", 0xF71A: "ฺ"}
COMBINING = set("ัิีึืฺุู็่้๊๋์ํ๎") | {chr(c) for c in PUA}
PAGE_NUMBER = re.compile(r"^(?:-\s*)?[0-9๐-๙]{1,3}(?:\s*-)?$|^หน้า\s*[0-9๐-๙]{1,3}$")
STRUCTURAL = re.compile(r"^(?:[-•]\s*)?(?:\(?[0-9๐-๙]{1,2}(?:\.[0-9๐-๙]{1,2})*\s*[.)]|ลำดับที่|ลําดับที่|มิติ|มติ|ส่วนที่|ผลผลิต|ผลลัพธ์)")
# a tone mark typed before the vowel mark of the same consonant (ท่ี for ที่): Thai order is
# consonant, vowel mark, tone mark, so the pair is swapped
TONE_BEFORE_VOWEL = re.compile("([\u0e48-\u0e4c])([\u0e31\u0e34-\u0e3a\u0e47])")


def read(path: Path, data: bytes) -> Read:
    text, repairs = pdf_text(path)
    return Read(text, "pdf", repairs)


def pdf_text(path: Path) -> tuple[str, dict[str, int]]:
    import pdfplumber  # imported only for PDF input

    repairs: Counter = Counter()
    try:
        with pdfplumber.open(str(path)) as pdf:
            pages = [_page_lines(page, repairs) for page in pdf.pages]
    except Exception as exc:  # pdfminer raises many kinds for a damaged file
        raise InputError(f"is not a readable PDF ({type(exc).__name__})") from None
    if sum(len(text) for page in pages for _, text, _ in page) < 20:
        raise InputError("has no text layer (a scanned image?): OCR is needed before it can be read")
    pages = _drop_headers_and_footers(pages, repairs)
    lines = []
    for page in pages:
        lines += [line.strip(" ") for line in _join_page_lines(page, repairs)]
    text = "\n".join(lines)
    text, swapped = TONE_BEFORE_VOWEL.subn(r"\2\1", text)
    repairs["tone marks put after their vowel"] += swapped
    if "\u0e4d\u0e32" in text:
        repairs["ํ + า written for ำ"] += text.count("\u0e4d\u0e32")
    return text, {k: v for k, v in repairs.items() if v}


def _clean_char(text: str, repairs: Counter) -> str:
    if text.startswith("(cid:"):
        repairs["(cid:N) junk removed"] += 1
        return ""
    out = []
    for ch in text:
        if ord(ch) in PUA:
            repairs["Thai glyph variants mapped to Unicode"] += 1
            out.append(PUA[ord(ch)])
        else:
            out.append(ch)
    return "".join(out)


def _page_lines(page, repairs: Counter) -> list[tuple[float, str, float]]:
    """(top, text, right edge) of every line and table row on the page, top to bottom."""
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]
    free = [c for c in page.chars if not any(_inside(c, b) for b in boxes)]
    items = _lines_from_chars(free, repairs)
    for table in tables:
        items += _table_rows(table, page.chars, repairs)
    return sorted(items, key=lambda item: item[0])


def _inside(char, box) -> bool:
    x = (char["x0"] + char["x1"]) / 2
    y = (char["top"] + char["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _lines_from_chars(chars, repairs: Counter) -> list[tuple[float, str, float]]:
    lines: list[tuple[float, str, float]] = []
    text, top, right, base = "", None, 0.0, None
    for c in chars:
        ch = _clean_char(c["text"], repairs)
        if not ch:
            continue
        size = c.get("size") or 10
        new_line = top is None or abs(c["top"] - top) > size * 0.6 and ch[0] not in COMBINING
        if base is not None and not new_line and ch[0] not in COMBINING and c["x0"] < base["x0"] - size:
            new_line = True  # a step back to the left margin: the next line
        if new_line and top is not None:
            lines.append((top, text.lstrip(), right))  # a trailing space says the line broke at one
            text, base = "", None
        if new_line:
            top = c["top"]
        if ch == " ":
            text += "" if text.endswith(" ") else " "
            continue
        if base is not None and ch[0] not in COMBINING and c["x0"] - base["x1"] > size * 0.3 \
                and not text.endswith(" "):
            text += " "  # a gap with no space character (some PDF makers omit them)
        text += ch
        if ch[0] not in COMBINING:
            base = c
            right = max(right, c["x1"]) if text.strip() != ch else c["x1"]
    if top is not None and text.strip():
        lines.append((top, text.lstrip(), right))
    return [line for line in lines if line[1].strip()]


def _table_rows(table, chars, repairs: Counter) -> list[tuple[float, str, float]]:
    rows = []
    for row in table.rows:
        cells = []
        for box in row.cells:
            if box is None:
                cells.append("")
                continue
            inside = [c for c in chars if _inside(c, box)]
            lines = [t for _, t, _ in _lines_from_chars(inside, repairs)]
            cells.append(join_wrapped(lines).strip())
        rows.append((row.bbox[1], "\t".join(cells), row.bbox[2]))
    return rows


def _drop_headers_and_footers(pages, repairs: Counter):
    """Lines at the top or bottom of most pages (headers, footers) and page numbers."""
    if len(pages) >= 3:
        edges = Counter()
        for page in pages:
            for _, text, _ in page[:1] + page[-1:]:
                if "\t" not in text:
                    edges[re.sub(r"[0-9๐-๙]+", "#", text.strip())] += 1
        repeated = {t for t, n in edges.items() if n >= max(3, len(pages) // 2)}
    else:
        repeated = set()
    cleaned = []
    for page in pages:
        keep = []
        for k, item in enumerate(page):
            text = item[1]
            at_edge = k in (0, len(page) - 1)
            if at_edge and PAGE_NUMBER.match(text.strip()):
                repairs["page numbers removed"] += 1
            elif at_edge and re.sub(r"[0-9๐-๙]+", "#", text.strip()) in repeated:
                repairs["page headers and footers removed"] += 1
            else:
                keep.append(item)
        cleaned.append(keep)
    return cleaned


def _join_page_lines(page, repairs: Counter) -> list[str]:
    """Join a paragraph line that ran to the right margin with the line after it."""
    rights = [right for _, text, right in page if "\t" not in text]
    margin = max(rights, default=0)
    # Thai wraps at word boundaries, not only at spaces: a wrapped line may stop well short
    tolerance = 0.12 * margin
    out: list[str] = []
    wrapped = False
    for _, text, right in page:
        if wrapped and "\t" not in text and not STRUCTURAL.match(text) and out:
            out[-1] = join_wrapped([out[-1], text])
            repairs["wrapped lines joined"] += 1
        else:
            out.append(text)
        wrapped = "\t" not in text and margin > 0 and right >= margin - tolerance and len(text.strip()) > 20
    return out
