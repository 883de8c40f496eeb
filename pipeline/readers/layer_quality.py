"""Is a PDF page's text layer text? A cheap check per page, before the layer is trusted.

Real Thai office PDFs sometimes carry text layers that are garbage (../shared/real-pdfs):
- Reporting Services writes Thai through a font without a ToUnicode map, so PDFium gives each
  glyph's number as its code point: Thai lands in the Greek/Coptic block (`ΦϬϔϠθχ` for คำแถลง);
- TCPDF, with some Thai fonts, leaves glyph codes: ASCII punctuation and digits (`1>@01>1/0@`);
- a scanner's invisible OCR layer read the Thai of the image as Latin (`t:uu fu01u't`);
- text whose marks sit where Thai never puts them (a mark with no consonant, many in a row).
Damage the reader repairs (`ส านักงาน`, `กำร`, `ํา`, marks reordered, a tone mark as a Cyrillic
letter) is not garbage: such pages are "ok".

`assess(text)` -> `Verdict`. Signals, cheapest first, all counted with compiled regexes (about
0.2 ms for a page of 3,000 characters); pythainlp's word list is consulted (loaded once, lazily)
only when the cheap signals are undecided: Thai whose impossible-sequence rate is in the grey zone.
Thresholds were set on the real files and the project's own texts (the numbers in the comments
are measured values; tests/test_layer_quality.py checks them).

`decode_shifted(text)` undoes Reporting Services' shift: the glyph numbers of Microsoft Sans
Serif, whose Thai glyphs follow Unicode's order in three runs (checked against the font embedded
in the real file: its cmap and its GSUB, which maps each tone mark to a raised variant).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

KINDS = {
    "ok": "ชั้นข้อความอ่านได้ (the text layer reads as text)",
    "empty": "หน้านี้แทบไม่มีข้อความ (fewer than 20 characters: no text layer, a scan?)",
    "shifted_script": "อักษรไทยถูกเลื่อนไปอยู่ในช่วงอักษรอื่น เช่น กรีก (Thai shifted into another script's block, e.g. Greek)",
    "glyph_codes": "รหัสรูปอักษรแทนตัวอักษร (glyph codes: ASCII punctuation and digits instead of letters)",
    "latin_garbage": "ชั้นข้อความ OCR ของเครื่องสแกนอ่านอักษรไทยเป็นอักษรละตินที่ไม่มีความหมาย "
                     "(a scanner's invisible OCR layer read Thai as Latin garbage)",
    "impossible_thai": "ลำดับอักษรไทยที่ภาษาไทยไม่มี (Thai letters in sequences Thai never has)",
    "no_text": "มีแต่อักขระควบคุมหรืออักขระที่ไม่ใช่ตัวอักษร (control or unmapped characters, no letters)",
}

_REASONS = {
    "empty": "หน้านี้แทบไม่มีข้อความ: ต้องอ่านด้วย OCR (page has almost no text: OCR needed)",
    "shifted_script": "ชั้นข้อความของหน้านี้อ่านไม่ได้: อักษรไทยถูกเลื่อนไปอยู่ในช่วงอักษร{script} "
                      "(text layer unreadable: Thai shifted into the {script_en} block)",
    "glyph_codes": "ชั้นข้อความของหน้านี้อ่านไม่ได้: มีแต่รหัสรูปอักษร เช่น '{sample}' "
                   "(text layer unreadable: glyph codes such as '{sample}')",
    "latin_garbage": "ชั้นข้อความของหน้านี้อ่านไม่ได้: เป็นอักษรละตินที่ไม่ใช่คำ เช่น '{sample}' "
                     "(text layer unreadable: Latin garbage such as '{sample}', a scanner's OCR layer)",
    "impossible_thai": "ชั้นข้อความของหน้านี้อ่านไม่ได้: ลำดับอักษรไทยที่เป็นไปไม่ได้ {rate:.0%} ของอักษรไทย "
                       "(text layer unreadable: {rate:.0%} of Thai letters in impossible sequences)",
    "no_text": "ชั้นข้อความของหน้านี้อ่านไม่ได้: ไม่มีตัวอักษร มีแต่อักขระควบคุม "
               "(text layer unreadable: control or unmapped characters, no letters)",
}

# --- thresholds (measured values in ../shared/real-pdfs and the project's texts in comments) -----
MIN_CHARS = 20            # non-space characters: fewer is "empty" (the PDF reader's MIN_PAGE_TEXT)
# other-script letters in word-like runs (3+ letters): real Thai pages have 0-2 (a tone mark drawn
# as a Cyrillic letter); the Reporting Services page has 542 of 542 letters
SHIFT_MIN_RUN_LETTERS = 20
SHIFT_MIN_SHARE = 0.30    # other-script share of letters
# glyph codes (`1>@01>1/0@`): control characters and punctuation text keeps to URLs and code
# (< > @ ? ^ ` | \ ~ { } [ ] = # $ * + _ ;) outside URLs, per non-space character: TCPDF pages
# 0.486-0.500, the scan's Latin OCR layer 0.027-0.029, Reporting Services 0.018 (its digits),
# every other real page <= 0.001
GLYPH_MIN_SHARE = 0.15
# no letters: control/unmapped characters share of non-space characters
NO_TEXT_MIN_SHARE = 0.50
# Latin garbage: share of Latin letters in words that are not English-like: the scan's OCR layer
# 0.85-0.89; the real pages' Latin <= 0.01; English prose (licences, docstrings, the Zen) <= 0.021
LATIN_MIN_LETTERS = 40
LATIN_MIN_SHARE = 0.50    # Latin share of letters (a Thai page with a few bad Latin words is Thai)
LATIN_BAD_SHARE = 0.35
# impossible Thai: violations per Thai letter or mark. Real pages <= 0.0073 (Excel's reordered
# marks, กวา้ง; Distiller's space before a mark 0.0024), the project's texts 0; a plan page with
# all its marks moved to random places 0.060-0.066, half of them 0.032-0.035, 30 % 0.017-0.021
IMPOSSIBLE_OK = 0.015     # below: ok without a dictionary (twice the worst real page)
IMPOSSIBLE_BAD = 0.03     # at or above: impossible_thai without a dictionary
IMPOSSIBLE_MIN = 8        # violations: fewer is never enough evidence
# in between, the share of Thai letters inside pythainlp's words (greedy longest match, after
# ํา and consonant + space + า are read as ำ) decides: real pages 0.83-0.99 (PowerPoint's กำร
# the lowest), a plan page with 30 % of its marks moved 0.82-0.85, all of them 0.64-0.65
DICTIONARY_MIN = 0.75


@dataclass(frozen=True, slots=True)
class Verdict:
    readable: bool
    kind: str
    reason: str
    chars: int = 0                  # non-space characters
    thai_share: float = 0.0         # Thai letters and marks / letters
    latin_share: float = 0.0        # Latin letters / letters
    other_share: float = 0.0        # letters of other scripts (Greek, Cyrillic, ...) / letters
    glyph_share: float = 0.0        # characters in glyph-code tokens / non-space characters
    latin_bad_share: float = 0.0    # Latin letters in words that are not English-like / Latin letters
    impossible_rate: float = 0.0    # impossible Thai sequences / Thai characters
    dictionary_share: float | None = None  # Thai characters in dictionary words (when computed)


# --- character classes ----------------------------------------------------------------------------
_THAI_RUN = re.compile(r"[\u0e01-\u0e3a\u0e40-\u0e4e]+")    # letters and marks, not digits
_LATIN = re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]")
_LATIN_RUN = re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]+")
_COMMON = re.compile(r"[\u0e00-\u0e7f\x00-\u024f\u2000-\u206f]+")  # Thai, ASCII, Latin, punctuation
_LETTER = re.compile(r"[^\W\d_]")
_OTHER = ("\u0370-\u03ff\u0400-\u052f\u0530-\u058f\u0590-\u05ff\u0600-\u06ff\u0700-\u074f"
          "\u10a0-\u10ff\u1f00-\u1fff\u2c80-\u2cff")
_OTHER_RUN = re.compile(f"[{_OTHER}]{{3,}}")
_BLOCKS = [(0x0370, 0x03FF, "กรีก", "Greek/Coptic"), (0x0400, 0x052F, "ซีริลลิก", "Cyrillic"),
           (0x0530, 0x058F, "อาร์เมเนีย", "Armenian"), (0x0590, 0x05FF, "ฮีบรู", "Hebrew"),
           (0x0600, 0x074F, "อาหรับ", "Arabic")]
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000-\uf8ff\ufffd\ufffe\uffff]")  # and PUA glyphs
_SPACE = re.compile(r"[ \t\r\n\u00a0\u2000-\u200b\u3000]+")  # not \s, which takes \x1c-\x1f
_URL = re.compile(r"(?:[a-z][a-z0-9+.-]*://|www\.|[\w.+-]+@[\w-]+\.)[^\s]*|[\w-]+(?:\.[\w-]+)+/[^\s]*", re.ASCII)
_URL_IN_TEXT = re.compile(r"(?:[a-z][a-z0-9+.-]*://|www\.|[\w.+-]+@[\w-]+\.)\S*", re.ASCII)
# glyph-code characters: controls, and ASCII punctuation text puts only in URLs, emails and code
_JUNK = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f<>@?^`|\\~{}\[\]=#$*+_;]")
# Thai: a mark (above/below vowel, tone mark, ...) not after a consonant or another mark, or a
# fourth mark in a row; a leading vowel (เ แ โ ใ ไ) not followed by a consonant (เเ, typed for แ,
# is common and allowed)
_MARKS = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
_CONSONANT = "\u0e01-\u0e2e"
_MARK_SET = frozenset("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e")
_PUA = "\uf700-\uf71a"  # Thai fonts' glyph variants (raw PDFium text, before the reader maps them)
_AFTER_NON_BASE = re.compile(f"[^{_CONSONANT}{_MARKS}{_PUA}][{_MARKS}]")
_MARK_PILE = re.compile(f"[{_MARKS}{_PUA}]{{4,}}")
_BAD_LEAD = re.compile(f"[\u0e40-\u0e44](?![{_CONSONANT}]|(?<=\u0e40)\u0e40)")
_LATIN_TOKEN = re.compile(r"\S*[A-Za-z]\S*")


def assess(text: str) -> Verdict:
    """Is this page's text layer readable text? See the module's doc."""
    chars = len(text) - sum(len(m) for m in _SPACE.findall(text)) if text else 0
    if chars < MIN_CHARS:
        return Verdict(False, "empty", _REASONS["empty"], chars)
    thai = sum(map(len, _THAI_RUN.findall(text)))
    latin = sum(map(len, _LATIN_RUN.findall(text)))
    rest = _COMMON.sub("", text)  # what is neither Thai, ASCII nor a space: usually little
    other = len(_LETTER.findall(rest)) if rest else 0
    letters = thai + latin + other
    share = (lambda n: n / letters) if letters else (lambda n: 0.0)
    shares = dict(chars=chars, thai_share=share(thai), latin_share=share(latin), other_share=share(other))

    runs = _OTHER_RUN.findall(text) if other >= SHIFT_MIN_RUN_LETTERS else ()
    if sum(map(len, runs)) >= SHIFT_MIN_RUN_LETTERS and shares["other_share"] >= SHIFT_MIN_SHARE:
        code = ord(max(runs, key=len)[0])
        script, script_en = next(((th, en) for lo, hi, th, en in _BLOCKS if lo <= code <= hi), ("อื่น", "another"))
        reason = _REASONS["shifted_script"].format(script=script, script_en=script_en)
        return Verdict(False, "shifted_script", reason, **shares)

    if letters < MIN_CHARS // 4 and len(_CONTROL.findall(text)) >= NO_TEXT_MIN_SHARE * chars:
        return Verdict(False, "no_text", _REASONS["no_text"], **shares)

    junk = len(_JUNK.findall(text))
    if junk >= GLYPH_MIN_SHARE * chars:  # URLs and emails may hold ? = # @ _: not counted
        junk -= sum(len(_JUNK.findall(url)) for url in _URL_IN_TEXT.findall(text))
    shares["glyph_share"] = junk / chars
    if shares["glyph_share"] >= GLYPH_MIN_SHARE and junk >= MIN_CHARS // 2:
        sample = _printable(max(text.split(), key=lambda t: len(_JUNK.findall(t))))
        return Verdict(False, "glyph_codes", _REASONS["glyph_codes"].format(sample=sample), **shares)

    if latin >= LATIN_MIN_LETTERS and shares["latin_share"] >= LATIN_MIN_SHARE:
        bad, worst = _bad_latin(text)
        shares["latin_bad_share"] = bad / latin
        if shares["latin_bad_share"] >= LATIN_BAD_SHARE:
            return Verdict(False, "latin_garbage", _REASONS["latin_garbage"].format(sample=worst), **shares)

    if thai:
        violations = len(_AFTER_NON_BASE.findall(text)) + len(_BAD_LEAD.findall(text)) + \
            sum(len(pile) - 3 for pile in _MARK_PILE.findall(text)) + (text[0] in _MARK_SET)
        rate = shares["impossible_rate"] = violations / thai
        if violations >= IMPOSSIBLE_MIN and rate >= IMPOSSIBLE_OK:
            bad = rate >= IMPOSSIBLE_BAD
            if not bad:  # undecided: do the Thai runs read as words?
                shares["dictionary_share"] = dictionary_share(text)
                bad = shares["dictionary_share"] < DICTIONARY_MIN
            if bad:
                return Verdict(False, "impossible_thai", _REASONS["impossible_thai"].format(rate=rate), **shares)
    return Verdict(True, "ok", "", **shares)


def _printable(token: str) -> str:
    token = "".join(ch if ch.isprintable() else "\ufffd" for ch in token)
    return token[:24]


# --- Latin words: English-like or not -------------------------------------------------------------
_SHORT = frozenset("a i o an as at be by do go he if in is it me my no of on or so to up us we am ok "
                   "vs eg ie id tv pc mr ms dr st nd rd th co uk us ad pm am re ex".split())
_EDGE = "()[]{}\"'“”‘’.,;:!?*-–—"
_CODE = re.compile(r"[A-Z0-9][A-Z0-9&/.-]*|[A-Z0-9]*[0-9][a-z]{1,3}|\d+(?:st|nd|rd|th)", re.ASCII)
_WORD = re.compile(r"(?:[A-Za-z]+(?:['’][A-Za-z]+)?)(?:[-/.&][A-Za-z]+(?:['’][A-Za-z]+)?)*\.?", re.ASCII)
_CASE_OK = re.compile(r"[a-z]+|[A-Z][a-z]*|[A-Z]+s?|(?:[A-Z]?[a-z]+)(?:[A-Z][a-z]+)+|[a-z][A-Z][a-z]+|Mc[A-Z][a-z]+")
_VOWELS = frozenset("aeiouyAEIOUY")
_TRIPLE = re.compile(r"([A-Za-z])\1\1")
_CONSONANTS5 = re.compile(r"[b-df-hj-np-tv-xzB-DF-HJ-NP-TV-XZ]{5}")


def _english_like(word: str) -> bool:
    """A Latin token (edges stripped) as English or codes are written: a word (lower, Capitalised,
    CAPITALS, camelCase), words joined by - / . &, an abbreviation, a code (ITA, EB2, O20, 5th)."""
    if _CODE.fullmatch(word):
        return True
    if not _WORD.fullmatch(word):
        return False
    for part in re.split(r"[-/.&'’]", word):
        if not part:
            continue
        if not _CASE_OK.fullmatch(part) or _TRIPLE.search(part) or _CONSONANTS5.search(part.lower()):
            return False
        if part.islower() and len(part) <= 2 and part not in _SHORT and len(word) <= 2:
            return False
        if len(part) >= 3 and not part.rstrip("s").isupper() and not _VOWELS.intersection(part):
            return False
    return True


def _bad_latin(text: str) -> tuple[int, str]:
    """Latin letters in tokens that are not English-like, and the longest such token."""
    bad, worst = 0, ""
    for token in _LATIN_TOKEN.findall(text):
        if _URL.fullmatch(token):
            continue
        core = token.strip(_EDGE)
        # Thai next to a Latin word (ITAของ) is judged by its Latin part alone
        for piece in re.split(r"[\u0e00-\u0e7f]+", core) if "\u0e00" <= max(core or " ") else (core,):
            piece = piece.strip(_EDGE)
            if piece and not piece.isdigit() and not _english_like(piece):
                n = len(_LATIN.findall(piece))
                bad += n
                if len(piece) > len(worst):
                    worst = piece
    return bad, _printable(worst)


# --- the dictionary (only when undecided) -----------------------------------------------------------
_SPLIT_AM = re.compile(f"([{_CONSONANT}][\u0e48-\u0e4b]?) \u0e32")


@lru_cache(maxsize=1)
def _words() -> tuple[frozenset, int]:
    from pythainlp.corpus import thai_words  # imported only when the cheap signals are undecided

    words = frozenset(w for w in thai_words() if 1 < len(w) <= 20 and " " not in w)
    return words, max(map(len, words))


def dictionary_share(text: str) -> float:
    """Share of Thai characters inside words of pythainlp's list (greedy longest match over each
    run of Thai letters; a run with no word at a position skips one character)."""
    words, longest = _words()
    longest = min(longest, 12)
    text = _SPLIT_AM.sub("\\1\u0e33", text.replace("\u0e4d\u0e32", "\u0e33"))  # the damage the reader repairs
    covered = total = 0
    for run in _THAI_RUN.findall(text):
        total += len(run)
        if len(run) < 2:
            continue
        i, n = 0, len(run)
        while i < n:
            for j in range(min(n, i + longest), i + 1, -1):
                if run[i:j] in words:
                    covered += j - i
                    i = j
                    break
            else:
                i += 1
    return covered / total if total else 1.0


# --- Reporting Services: glyph numbers of Microsoft Sans Serif -> Thai ---------------------------
# glyph id -> code point, in runs of one offset each (from the embedded font's cmap and GSUB):
# ก..ฺ (and ำ 0x3D5) at 0x3A3..0x3DC; เ..ํ at 0x3DF..0x3EC, where 0x3E7..0x3EB are the raised
# tone marks ่ ้ ๊ ๋ ์; the default (low) tone marks at 0x395..0x399; ญ ฐ without their
# descenders at 0x39A, 0x38B; ASCII at its code point - 0x1D (so digits, '.' and ',' come out as
# control characters)
_SHIFT_RUNS = [(0x3A3, 0x3DC, 0xA5E), (0x3DF, 0x3EC, 0xA61), (0x395, 0x399, 0xAB3)]
_SHIFT_SINGLE = {0x39A: "ญ", 0x38B: "ฐ"}
_SHIFTED = re.compile(r"[\u0370-\u03ff]")
_GAPS = re.compile(r"([ \t\r\n\u00a0]+)")  # not \s: \x1c-\x1f are glyph numbers (9 and others) here


@lru_cache(maxsize=1)
def _shift_table() -> dict[int, str]:
    table = {gid: chr(gid + offset) for lo, hi, offset in _SHIFT_RUNS for gid in range(lo, hi + 1)}
    table.update(_SHIFT_SINGLE)
    table.update({gid: chr(gid + 0x1D) for gid in range(0x03, 0x20) if gid not in (0x09, 0x0A, 0x0D)})
    return table


def shift_table() -> dict[int, str]:
    """Code point -> character of the shift decode_shifted undoes (for str.translate)."""
    return _shift_table()


def decode_shifted(text: str) -> str | None:
    """The Thai of a page Reporting Services shifted into the Greek block, or None when the text
    is not such a page or the shift cannot be undone exactly: a character of the block outside
    the font's known glyphs, a shifted word holding characters no glyph number gives, or a
    result that is not readable Thai."""
    if not _SHIFTED.search(text):
        return None
    table = _shift_table()
    out = []
    for token in _GAPS.split(text):
        if not token or _GAPS.fullmatch(token):
            out.append(token)
        elif _SHIFTED.search(token) or all(ord(ch) < 0x20 for ch in token):
            if any(ord(ch) not in table for ch in token):
                return None  # an unknown glyph, or real ASCII inside a shifted word: ambiguous
            # the font draws ำ as ํ + า (its GSUB): put it back together
            out.append("".join(table[ord(ch)] for ch in token).replace("\u0e4d\u0e32", "\u0e33"))
        else:
            out.append(token)  # a run in another font, with a proper encoding (the table's amounts)
    decoded = "".join(out)
    verdict = assess(decoded)
    if not verdict.readable or verdict.thai_share < 0.5:
        return None
    if dictionary_share(decoded) < DICTIONARY_MIN:
        return None
    return decoded
