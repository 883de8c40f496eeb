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


def normalise_text(text: str) -> str:
    text = text.translate(_CHARS).translate(THAI_DIGITS)
    text = _SARA_AM.sub("\u0e33", text)
    return _SPACES.sub(" ", text).strip(" ")


def normalise(text: str) -> tuple[list[Line], list[Finding]]:
    lines: list[Line] = []
    notes: list[Finding] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        clean = normalise_text(raw)
        for pattern, replacement, correct in HEADING_TYPOS:
            if pattern.search(clean):
                wrong = pattern.search(clean).group(0)
                clean = pattern.sub(replacement, clean)
                notes.append(Finding("HEADING_TYPO", "warning", number,
                                     f"หัวข้อสะกดผิด '{wrong}' ควรเป็น '{correct}' "
                                     f"(heading misspelt '{wrong}' for '{correct}')",
                                     evidence=raw.strip()[:120], expected=correct, found=wrong))
        for token in _MIXED_NUMBER.findall(raw):
            if re.search("[0-9]", token) and re.search("[๐-๙]", token):
                notes.append(Finding("MIXED_NUMERALS", "warning", number,
                                     f"ตัวเลขไทยและอารบิกปนกันในตัวเลขเดียว '{token}' "
                                     f"(Thai and Arabic digits mixed in one number)",
                                     evidence=raw.strip()[:120], found=token))
        lines.append(Line(number, raw, clean))
    return lines, notes
