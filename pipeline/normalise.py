"""Stage 2: one Line per input line, normalised for parsing (Arabic digits, plain dashes, quotes
and spaces, damaged Thai repaired and counted); the raw text is kept for the report. Then the
page layout: page numbers and running headers are marked as furniture, and a hard-wrapped text's
line width is measured so prose can be joined back."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from itertools import chain
from operator import attrgetter, methodcaller

import regex

from . import template as T
from .findings import finding
from .model import Finding, Line
from .thai import REPAIR_KINDS, display_width, repair_thai, to_arabic

_CHARS = {
    "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"', "\u2018": "'", "\u2019": "'",
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u3000": " ", "\u2002": " ", "\u2003": " ",
    "\u2009": " ", "\u200a": " ",
}
# every one but NBSP lies in U+2002-U+3000, a range without Thai (tests/test_normalise.py): the
# regex module finds the characters of one range in one pass, 3x faster than 20 `in` tests
_PUNCTUATION = regex.compile("[\u2002-\u3000]")


def _plain_char(m: regex.Match, get=_CHARS.get) -> str:
    return get(m.group(), m.group())


_strip_spaces = methodcaller("strip", " ")  # (map with it: no Python loop per line)
_MIXED_NUMBER = re.compile(r"[0-9๐-๙][0-9๐-๙,.]*")
_DIGIT_CHARS = frozenset("0123456789๐๑๒๓๔๕๖๗๘๙,.")


def normalise_text(text: str, repairs: Counter | None = None) -> str:
    """Normalise one line (or a whole text, whose lines the caller then strips); Thai damage is
    repaired and counted in `repairs`."""
    text = repair_thai(text, Counter() if repairs is None else repairs)
    # (digits first: the copies str.replace makes then reuse one block of memory, where in the
    # other order the heap grew and shrank by a megabyte each plan, ~250 page faults)
    text = to_arabic(text)
    text = _PUNCTUATION.sub(_plain_char, text)
    if "\u00a0" in text:
        text = text.replace("\u00a0", " ")
    while "  " in text:  # (str.replace halves each run: 5x faster than re's " {2,}")
        text = text.replace("  ", " ")
    return text.strip(" ")


def normalise(text: str, pages: list[tuple[int, int]] | None = None,
              confidence: list[float | None] | None = None) -> tuple[list[Line], list[Finding]]:
    """Whole-text passes (a few replaces and regexes) then a split: ~10x faster than per line."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    raws = text.split("\n")
    counts: Counter = Counter()
    cleans = list(map(_strip_spaces, normalise_text(text, counts).split("\n")))
    notes = [finding("TEXT_REPAIRED", None, f"ข้อความถูกซ่อมแซม: {REPAIR_KINDS[kind]} {n} ครั้ง "
                     f"(text repaired, {n} times); ควรตรวจกับต้นฉบับ", found=str(n), field=REPAIR_KINDS[kind])
             for kind, n in counts.items() if n]
    notes += _mixed_numerals(text, raws)
    if pages and len(pages) == len(raws):
        lines = [Line(n, raw, clean, page, on_page)
                 for n, (raw, clean, (page, on_page)) in enumerate(zip(raws, cleans, pages), start=1)]
    else:
        lines = list(map(Line, range(1, len(raws) + 1), raws, cleans))  # (map: no tuple per line)
    if confidence and len(confidence) == len(lines):
        for line, value in zip(lines, confidence):
            line.ocr = value
    return lines, notes


def _mixed_numerals(text: str, raws: list[str]) -> list[Finding]:
    notes = []
    starts = _mixed_number_starts(text)
    for start, number in zip(starts, line_numbers(text, starts)):
        token = _MIXED_NUMBER.match(text, start).group(0)
        notes.append(finding("MIXED_NUMERALS", number, f"ตัวเลขไทยและอารบิกปนกันในตัวเลขเดียว '{token}' "
                             f"(Thai and Arabic digits mixed in one number)",
                             evidence=raws[number - 1].strip()[:120], found=token))
    return notes


def _mixed_number_starts(text: str) -> list[int]:
    """Starts of numbers mixing Thai and Arabic digits: the Thai digits next to an Arabic one
    (a comma or point between them allowed) are found in two passes of the regex module (each
    pattern starts with one range of characters: 1.6x faster than a walk over the Thai digits),
    then each number is walked once (`end`: a hit inside the number found last is passed over),
    so a long run of mixed digits costs its length, not its square."""
    starts, end = [], 0
    hits = chain(_THAI_THEN_ARABIC.finditer(text), _ARABIC_THEN_THAI.finditer(text))
    for i in sorted(m.start() for m in hits):
        if i < end:
            continue
        start = i
        while start > end and text[start - 1] in _DIGIT_CHARS:
            start -= 1
        while text[start] in ",.":
            start += 1
        end = i + 1
        while end < len(text) and text[end] in _DIGIT_CHARS:
            end += 1
        starts.append(start)
    return starts


_THAI_THEN_ARABIC = regex.compile("[๐-๙](?=[,.]?[0-9])")
_ARABIC_THEN_THAI = regex.compile("(?<=[0-9][,.]?)[๐-๙]")


def line_numbers(text: str, offsets: list[int]) -> list[int]:
    """1-based line of each offset, counting newlines once over the text (linear, not per offset)."""
    result, line, position = {}, 1, 0
    for offset in sorted(set(offsets)):
        line += text.count("\n", position, offset)
        position = offset
        result[offset] = line
    return [result[o] for o in offsets]


# --- page layout ----------------------------------------------------------------------------------

PAGE_NUMBER = re.compile(r"^(?:-[ ]*)?(\d{1,3})(?:[ ]*-)?$|^(?:หน้า|page)[ ]*(\d{1,3})(?:[ ]*/[ ]*\d{1,3})?$"
                         r"|^(\d{1,3})[ ]*/[ ]*\d{1,3}$", re.IGNORECASE | re.MULTILINE)
_DIGIT_RUN = re.compile(r"\d+")
_PAGE_WORD = re.compile(r"(?:หน้า|page)\s*\d", re.IGNORECASE)


@dataclass
class Layout:
    """Page furniture found in a text without pages, and the width a hard-wrapped text wraps at."""
    page_numbers: set[int] = field(default_factory=set)      # line numbers
    running_headers: set[int] = field(default_factory=set)   # line numbers
    repeated: frozenset[str] = frozenset()  # short lines written 3 times or more
    wrap_width: int | None = None            # display columns, when the prose is hard-wrapped
    text: str = ""                           # the normalised lines joined, for whole-text searches


def layout(lines: list[Line]) -> Layout:
    """Marks page numbers (bare numbers rising page by page) and running headers (lines repeated
    near them) as furniture; measures the wrap width of hard-wrapped prose."""
    texts = list(map(attrgetter("text"), lines))
    out = Layout(text="\n".join(texts))
    out.page_numbers = _page_numbers(texts)
    # running headers and footers are short lines: only lines of 4-120 characters count (every
    # line is counted, and the length tested where a count is used: Counter's C loop is cheaper)
    counts = Counter(texts)
    out.repeated = frozenset(t for t, n in counts.items() if n >= 3 and 4 <= len(t) <= 120 and "\t" not in t)
    out.running_headers = _running_headers(lines, out.page_numbers, counts)
    for number in out.page_numbers | out.running_headers:
        lines[number - 1].furniture = True
    out.wrap_width = _wrap_width(lines)
    return out


def _page_numbers(texts: list[str]) -> set[int]:
    """Line numbers (1-based) of bare numbers that rise by 1-3 from one page to the next (a chain
    of 3 or more): a budget or a count written alone on a line does not fit such a chain."""
    found = [(m, n) for n, text in enumerate(texts, start=1) if 0 < len(text) <= 14 and (m := PAGE_NUMBER.match(text))]
    chains: list[list[tuple[int, int]]] = []
    open_ends: dict[int, list[tuple[int, int]]] = {}  # next expected page -> chain
    for m, number in found:
        value = int(next(g for g in m.groups() if g))
        chain = next((open_ends.pop(v) for v in (value, value - 1, value - 2) if v in open_ends
                      and number - open_ends[v][-1][1] >= 5), None)
        if chain is None:
            chain = []
            chains.append(chain)
        chain.append((value, number))
        open_ends[value + 1] = chain
    return {number for chain in chains if len(chain) >= 3 for _, number in chain}


def _running_headers(lines: list[Line], page_numbers: set[int], counts: Counter) -> set[int]:
    """Lines next to page numbers (within 3 lines) whose text comes back next to page numbers on
    a third of the pages or more, and mostly there: running headers and footers. A heading of
    every section (6. ระยะเวลาดำเนินการ) is near a page break now and then, but mostly not."""
    if len(page_numbers) < 3:
        return set()
    near = sorted({n + d for n in page_numbers for d in range(-3, 4)
                   if 1 <= n + d <= len(lines) and n + d not in page_numbers})
    texts: dict[str, list[int]] = {}
    for n in near:
        text = lines[n - 1].text
        # the template's own sub-headings (ผลผลิต, ผลลัพธ์) are in every section, near a page break or not
        if 2 <= len(text) <= 120 and not text[0].isdigit() and not T.SUBHEADING_ONLY.match(text):
            # a header carrying its page number (… หน้า 12) is grouped with its other pages
            key = _DIGIT_RUN.sub("#", text) if _PAGE_WORD.search(text) else text
            texts.setdefault(key, []).append(n)
    found = set()
    pages = max(3, len(page_numbers) // 3)  # a running header or footer is on many pages, not a few
    for key, numbers in texts.items():
        everywhere = counts.get(key, len(numbers)) if 4 <= len(key) <= 120 else len(numbers)
        if len(numbers) >= pages and len(numbers) >= 0.6 * everywhere:
            found.update(numbers)
    return found


def _wrap_width(lines: list[Line]) -> int | None:
    """The width a hard-wrapped text wraps at: many prose lines end within a few words of one
    width W, and few run a little past it (an unwrapped paragraph runs far past it, if at all).
    A text that keeps each paragraph on one line has lengths spread over hundreds of characters.
    Lengths decide (cheap); display widths are measured only for a text found wrapped."""
    lengths = sorted(len(ln.text) for ln in lines
                     if len(ln.text) >= 30 and "\t" not in ln.text and not ln.furniture)
    if len(lengths) < 30:
        return None
    best, best_count = 0, 0
    for width in range(40, 200, 5):  # W by length: the most lines in [0.8 W, W]
        count = bisect_right(lengths, width) - bisect_left(lengths, 0.8 * width)
        if count > best_count:
            best, best_count = width, count
    just_past = bisect_right(lengths, best * 1.25) - bisect_right(lengths, best * 1.05)
    if best_count < 0.3 * len(lengths) or just_past > 0.1 * best_count:
        return None
    widths = sorted(display_width(ln.text) for ln in lines
                    if 0.8 * best <= len(ln.text) <= best * 1.05 and "\t" not in ln.text)
    return widths[int(len(widths) * 0.95)]
