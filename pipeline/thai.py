"""Small Thai-text helpers shared by every stage: digits, character classes, display width,
joining wrapped lines, and the repair of damaged Thai (marks out of order, decomposed SARA AM).

Nothing here knows the plan template; that lives in template.py.
"""
from __future__ import annotations

import re
from collections import Counter

import regex

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_ARABIC = [(t, str(a)) for a, t in enumerate(THAI_DIGITS)]
# above and below vowels, tone marks and other marks drawn over or under a consonant
COMBINING = frozenset("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b"
                      "\u0e4c\u0e4d\u0e4e")
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")


def to_arabic(text: str) -> str:
    """Thai digits to Arabic ones (str.replace per digit: ~100x faster than str.translate on
    Thai text, ../shared/NOTES.md)."""
    for thai, arabic in _TO_ARABIC:
        if thai in text:
            text = text.replace(thai, arabic)
    return text


def to_thai_digits(text: str) -> str:
    return text.translate(str.maketrans("0123456789", THAI_DIGITS))


def is_thai(ch: str) -> bool:
    """Does the text start with a Thai letter or mark (not a Thai digit)?"""
    return "\u0e01" <= ch[:1] <= "\u0e4f"


_NO_WIDTH = tuple(COMBINING | ZERO_WIDTH)


def display_width(text: str) -> int:
    """Columns the text takes on screen: marks above or below a consonant take none."""
    return len(text) - sum(text.count(ch) for ch in _NO_WIDTH if ch in text)


def squeeze(text: str) -> str:
    """The text without any whitespace: headings are compared this way, because justified PDF
    text and clerks both put spaces inside Thai words (ลำดับ ที่, ขั้นตอน การดำเนินงาน)."""
    return "".join(text.split())


def squeezed_end(text: str, count: int) -> int:
    """Index in text just after its first `count` non-space characters."""
    if " " not in text[:count] and "\t" not in text[:count]:
        return count
    seen = 0
    for i, ch in enumerate(text):
        if not ch.isspace():
            seen += 1
            if seen == count:
                return i + 1
    return len(text)


def starts_alike(paragraph: str, line: str) -> bool:
    """Does the line start as the paragraph did (เพื่อให้… / เพื่อเสริม…)? Then it is the next
    item of an unnumbered list, not the paragraph wrapped onto it."""
    return len(line) >= 5 and paragraph[:5] == line[:5] and not paragraph[:1].isdigit()


def join_wrapped(parts: list[str]) -> str:
    """Join the pieces of a wrapped line: Thai wraps inside a phrase, so Thai meets Thai with no
    space; a piece that already ends in a space (a break at a space) keeps just that one."""
    out = ""
    for part in (p.lstrip() for p in parts):
        if not part.strip():
            continue
        if not out or out.endswith(" ") or (is_thai(out[-1]) and is_thai(part[0])):
            out += part
        else:
            out = f"{out} {part}"
    return out


# --- repair of damaged Thai ---------------------------------------------------------------------

# A tone mark typed (or stored by a PDF maker) before the vowel mark of the same consonant
# (ท่ี for ที่), and NIKHAHIT + SARA AA typed for SARA AM, with or around a tone mark (ลําดับ,
# ตํ่า, น้ํา): pythainlp's reorder_vowels puts them in Unicode order.
_TONE_FIRST = re.compile("[\u0e48-\u0e4c][\u0e31\u0e34-\u0e3a\u0e47]")
_DECOMPOSED_AM = re.compile("\u0e4d[\u0e48-\u0e4b]?\u0e32|[\u0e48-\u0e4b]\u0e4d\u0e32")
_STRAY_AA = regex.compile("\u0e33\u0e32")           # ำ followed by a stray า (office-suite PDFs)
_DOUBLE_MARK = re.compile("([\u0e48-\u0e4c])\\1")  # the same tone mark twice: never Thai
_TWO_ABOVE = re.compile("([\u0e31\u0e34-\u0e37])[\u0e31\u0e34-\u0e37]")  # two vowels above one consonant: never Thai

# Damage is rare, and each pattern above costs a scan of the whole text (~2-3 ms for a plan of
# 200,000 characters), so these cheaper scans look first: the regex module scans a pattern that
# starts with one range of characters 3-4x faster than re (README: Benchmarks), and re finds a
# pattern that starts with one character fastest. The patterns above run only when these find a pair.
_TONE_THEN_MARK = regex.compile("[\u0e48-\u0e4c][\u0e31\u0e34-\u0e3a\u0e47-\u0e4c]")
_TWO_ABOVE_FIRST = (regex.compile("[\u0e34-\u0e37][\u0e31\u0e34-\u0e37]"),  # _TWO_ABOVE in two halves
                    re.compile("\u0e31[\u0e31\u0e34-\u0e37]"))
_THAI_RUN = re.compile("[\u0e01-\u0e4e]+")

REPAIR_KINDS = {
    "zero_width": "ลบอักขระความกว้างศูนย์และขีดแบ่งคำแฝง (zero-width characters and soft hyphens removed)",
    "misordered_marks": "เรียงวรรณยุกต์กับสระให้ถูกลำดับ (tone marks typed before their vowel put back in order)",
    "decomposed_am": "รวม ํ + า เป็น ำ (ํ + า written for ำ)",
    "stray_aa": "ลบ า ที่ตามหลัง ำ (a stray า after ำ removed)",
    "double_mark": "วรรณยุกต์ซ้ำสองตัว (a tone mark doubled)",
    "two_vowels_above": "สระบนสองตัวบนพยัญชนะเดียว เหลือตัวแรก (two vowels above one consonant: the first kept)",
}


def repair_thai(text: str, counts: Counter) -> str:
    """Repair damage that typing and PDF makers do to Thai text; counts[kind] += repairs made."""
    if any(ch in text for ch in ZERO_WIDTH):
        before = len(text)
        for ch in ZERO_WIDTH:
            text = text.replace(ch, "")
        counts["zero_width"] += before - len(text)
    if _STRAY_AA.search(text):
        text, n = _STRAY_AA.subn("\u0e33", text)
        counts["stray_aa"] += n
    damaged = _TONE_THEN_MARK.search(text) is not None
    if damaged and _TONE_FIRST.search(text) or "\u0e4d" in text:
        text = _reorder(text, counts)
        damaged = _TONE_THEN_MARK.search(text) is not None  # the reorder may bring two tone marks together
    if damaged and _DOUBLE_MARK.search(text):
        text, n = _DOUBLE_MARK.subn(r"\1", text)
        counts["double_mark"] += n
    if any(rx.search(text) for rx in _TWO_ABOVE_FIRST):  # OCR's ปีึง: the first is kept
        text, n = _TWO_ABOVE.subn(r"\1", text)
        counts["two_vowels_above"] += n
    return text


def _reorder(text: str, counts: Counter) -> str:
    from pythainlp.util import reorder_vowels  # ~40 ms to import: only for damaged text

    def fix(m: re.Match) -> str:
        word = m.group(0)
        kinds = [k for k, rx in (("misordered_marks", _TONE_FIRST), ("decomposed_am", _DECOMPOSED_AM))
                 if rx.search(word)]
        if not kinds:
            return word
        fixed = reorder_vowels(word)
        if fixed != word:
            for kind in kinds:
                counts[kind] += 1
        return fixed
    return _THAI_RUN.sub(fix, text)
