"""Stage 2: one Line per input line, normalised for parsing; the raw text is kept for the report."""
from __future__ import annotations

import re

from .model import Finding, Line

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_CHARS = str.maketrans({
    "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"', "\u2018": "'", "\u2019": "'",
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u3000": " ", "\u200b": None, "\ufeff": None,
    "\u200c": None, "\u200d": None,
})
_SPACES = re.compile(r" {2,}")
_SARA_AM = re.compile("\u0e4d\u0e32")  # nikhahit + sara aa, typed for sara am
# (pattern, replacement, what it is) — misspellings of structural headings seen in published plans
HEADING_TYPOS = [
    (re.compile(r"^มติที่"), "มิติที่", "มิติที่"),
    (re.compile(r"^มติ(?=\tภารกิจ)"), "มิติ", "มิติ"),
    (re.compile(r"ภารกิจตามมติ(?=\t|$)"), "ภารกิจตามมิติ", "ภารกิจตามมิติ"),
]
_MIXED_NUMBER = re.compile(r"[0-9๐-๙][0-9๐-๙,.]*")


# str.replace per character is ~100x faster than str.translate on Thai text (../shared/NOTES.md)
_REPLACEMENTS = [(chr(k), chr(v) if isinstance(v, int) else (v or ""))
                 for k, v in {**_CHARS, **THAI_DIGITS}.items()]
_THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_DIGIT_CHARS = set("0123456789๐๑๒๓๔๕๖๗๘๙,.")


def _mixed_number_starts(text: str) -> list[int]:
    """Starts of numbers mixing Thai and Arabic digits. Walks the (few) Thai digits with
    str.find: a regex over the whole text costs ten times more."""
    starts = set()
    for digit in _THAI_DIGITS:
        i = text.find(digit)
        while i != -1:
            for step in (-1, 1):
                k = i + step
                if 0 <= k < len(text) and text[k] in ",.":
                    k += step
                if 0 <= k < len(text) and "0" <= text[k] <= "9":
                    start = min(i, k)
                    while start > 0 and text[start - 1] in _DIGIT_CHARS:
                        start -= 1
                    while text[start] in ",.":
                        start += 1
                    starts.add(start)
            i = text.find(digit, i + 1)
    return sorted(starts)


def normalise_text(text: str) -> str:
    """Normalise one line (or a whole text, whose lines the caller then strips)."""
    for old, new in _REPLACEMENTS:
        if old in text:
            text = text.replace(old, new)
    if "\u0e4d\u0e32" in text:
        text = _SARA_AM.sub("\u0e33", text)
    if "  " in text:
        text = _SPACES.sub(" ", text)
    return text.strip(" ")


def normalise(text: str) -> tuple[list[Line], list[Finding]]:
    """Whole-text passes (one translate, a few regexes) then a split: ~10x faster than per line."""
    raws = text.split("\n")
    cleans = [c.strip(" ") for c in normalise_text(text).split("\n")]
    notes: list[Finding] = []
    for index in (i for i, c in enumerate(cleans) if "มติ" in c):
        cleans[index] = _fix_heading_typos(cleans[index], index + 1, raws[index], notes)
    starts = _mixed_number_starts(text)
    for start, number in zip(starts, line_numbers(text, starts)):
        token = _MIXED_NUMBER.match(text, start).group(0)
        notes.append(Finding("MIXED_NUMERALS", "warning", number,
                             f"ตัวเลขไทยและอารบิกปนกันในตัวเลขเดียว '{token}' "
                             f"(Thai and Arabic digits mixed in one number)",
                             evidence=raws[number - 1].strip()[:120], found=token))
    lines = [Line(n, raw, clean) for n, (raw, clean) in enumerate(zip(raws, cleans), start=1)]
    return lines, notes


def line_numbers(text: str, offsets: list[int]) -> list[int]:
    """1-based line of each offset, counting newlines once over the text (linear, not per offset)."""
    result, line, position = {}, 1, 0
    for offset in sorted(set(offsets)):
        line += text.count("\n", position, offset)
        position = offset
        result[offset] = line
    return [result[o] for o in offsets]


def _fix_heading_typos(clean: str, number: int, raw: str, notes: list[Finding]) -> str:
    for pattern, replacement, correct in HEADING_TYPOS:
        found = pattern.search(clean)
        if found:
            wrong = found.group(0)
            clean = pattern.sub(replacement, clean)
            notes.append(Finding("HEADING_TYPO", "warning", number,
                                 f"หัวข้อสะกดผิด '{wrong}' ควรเป็น '{correct}' "
                                 f"(heading misspelt '{wrong}' for '{correct}')",
                                 evidence=raw.strip()[:120], expected=correct, found=wrong))
    return clean
