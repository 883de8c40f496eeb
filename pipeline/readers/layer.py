"""A PDF page's text layer -> glyphs placed by geometry, with the damage PDF makers do to Thai
undone where the page's own geometry is the evidence.

PDFium gives every character of the text layer, in content order, with its boxes (loose: the
advance and the font's line height; tight: the ink) and its origin on the baseline. What real
office PDFs carry, and what each step here does about it (README: Supported input):

- marks (upper and lower vowels, tone marks) written out of order, after the next consonant
  (LibreOffice with some fonts, Excel, Print To PDF): every mark goes to the base glyph its box
  sits over, whatever the content order;
- ำ drawn as NIKHAHIT's ring then SARA AA, the ring mapped to a space (Word 2007-365 with TH
  SarabunPSK/IT๙: `ส านักงาน`): a space whose ink sits above the x-height over the glyph
  before it is the ring, and goes back as NIKHAHIT (normalise's repair then makes ํ + า one ำ);
- a font whose map gives ำ for every า (some Word 2013 / PowerPoint PDFs: `กำร`): an ำ whose
  ink is no taller than the consonants' is an า, decided per font on the page (a font whose ำ
  are all flat and which has no า);
- a full stop mapped to ศ (`พศศศ`): a ศ whose ink is a dot;
- a size given by the text matrix with a font size of 1 (Distiller): the size is the product;
- lines are grouped by baseline (glyph origins), so glyphs that reach above or below the line,
  and Thai set smaller than Latin on one line, stay on their line;
- invisible text (render mode 3) not over an image is hidden text, dropped and counted; over an
  image it is a scanner's OCR layer, judged by the page's quality check.
"""
from __future__ import annotations

import ctypes
import re
from collections import Counter
from dataclasses import dataclass

from ..thai import COMBINING

# Thai fonts' Private Use Area glyphs (shifted marks, consonants without descender) -> Unicode
PUA = {0xF700: "ฐ", 0xF701: "ิ", 0xF702: "ี", 0xF703: "ึ", 0xF704: "ื", 0xF705: "่", 0xF706: "้",
       0xF707: "๊", 0xF708: "๋", 0xF709: "์", 0xF70A: "่", 0xF70B: "้", 0xF70C: "๊", 0xF70D: "๋",
       0xF70E: "์", 0xF70F: "ญ", 0xF710: "ั", 0xF711: "ํ", 0xF712: "็", 0xF713: "่", 0xF714: "้",
       0xF715: "๊", 0xF716: "๋", 0xF717: "์", 0xF718: "ุ", 0xF719: "ู", 0xF71A: "ฺ"}
NIKHAHIT, AM, AA = "\u0e4d", "\u0e33", "\u0e32"
MARK_ABOVE_X = 0.3   # a mark's ink starts this many font sizes above the baseline, at least
FLAT_AM = 0.08       # an ำ whose ink rises less than this (font sizes) above its consonant's is an า
DOT = 0.3            # a ศ whose ink is narrower and lower than this (font sizes) is a full stop
INVISIBLE = 3        # PDF text render mode 3: neither filled nor stroked

REPAIRS = {
    "pua": "อักษรไทยรูปแบบพิเศษของฟอนต์ (Private Use Area) แปลงเป็นยูนิโคด (Thai glyph variants mapped to Unicode)",
    "ghost": "ลบอักขระซ้ำที่ไม่มีความกว้าง (duplicate zero-width glyphs removed)",
    "unmapped": "อักขระที่ไม่มีรหัสยูนิโคดในไฟล์ (glyphs without a Unicode mapping: ? or -)",
    "marks_placed": "วางสระและวรรณยุกต์บนพยัญชนะที่อยู่ใต้ตามตำแหน่งบนหน้า (marks written out of order put on the "
                    "glyph they are drawn over)",
    "am_ring_space": "วงของ ำ ที่ไฟล์เก็บเป็นช่องว่าง คืนเป็น ำ (the ring of ำ stored as a space: ส านัก → สำนัก)",
    "aa_as_am": "ฟอนต์ที่แปลง า เป็น ำ ทั้งฟอนต์ คืนเป็น า (a font whose map gives ำ for every า: กำร → การ)",
    "dot_as_so": "จุดที่ไฟล์เก็บเป็น ศ คืนเป็นจุด (a full stop stored as ศ: พศศศ → พ.ศ.)",
    "orphan_marks": "สระหรือวรรณยุกต์ที่ไม่มีพยัญชนะรองรับ ถูกตัดทิ้ง (marks with no glyph under them, dropped)",
    "stand_ins": "วรรณยุกต์ที่ไฟล์เก็บเป็นอักษรซีริลลิก คืนเป็นวรรณยุกต์ตามคำในพจนานุกรม (tone marks stored as Cyrillic "
                 "letters put back, which mark by the words they make)",
    "digits_shown_thai": "ตัวเลขอารบิกที่ฟอนต์แสดงเป็นเลขไทย (TH SarabunIT๙) อ่านเป็นตัวเลขตามค่า (Arabic digits a font draws "
                         "as Thai digits: the page shows ๑๖, the text 16)",
    "cluster_boxes": "กล่องของกลุ่มอักษรที่ PDFium ให้ผิด สร้างใหม่จากจุดเริ่มของอักษร (cluster boxes PDFium took "
                     "from their last mark, rebuilt from the cluster's origin)",
    "hidden_text": "ข้อความที่มองไม่เห็นบนหน้า ถูกตัดทิ้ง (invisible text not drawn on the page, dropped)",
}
# marks in the order Unicode stores them after their consonant
_RANK = {**{ch: 0 for ch in "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47"}, NIKHAHIT: 1,
         **{ch: 2 for ch in "\u0e48\u0e49\u0e4a\u0e4b"}, "\u0e4c": 3, "\u0e4e": 3, AM: 4}
_SPECIAL = frozenset(chr(c) for c in PUA) | {"\ufffe", "\uffff", "\ufffd"}
_THAI_LETTER = re.compile("[\u0e01-\u0e2e]")


@dataclass(slots=True)
class Glyph:
    """A base glyph and the marks drawn on it (their text follows it), with its loose box."""
    text: str
    x0: float
    x1: float
    bottom: float   # PDF coordinates: y grows upwards
    top: float
    size: float
    mid: float      # middle of the box, height-wise
    base_x1: float = 0.0  # right side of the base glyph alone (ำ widens the cluster)
    confidence: float | None = None  # OCR's, for a glyph read from an image
    baseline: float | None = None    # the origin's y: lines are grouped by it (OCR: by mid)
    origin: float | None = None      # the origin's x: marks of its cluster share it (Chromium); asked
    index: int = -1                  # of PDFium only when a mark follows (its character's index)
    space_after: bool = False        # the text layer has a space after it (a line ending at a word gap)


def special(ch: str, repairs: Counter) -> str:
    if ord(ch) in PUA:
        repairs["pua"] += 1
        return PUA[ord(ch)]
    repairs["unmapped"] += 1  # a glyph without a Unicode mapping
    return "-" if ch == "\ufffe" else "?"


class _Chars:
    """PDFium's per-character queries on one text page, with their buffers made once."""

    def __init__(self, textpage_raw):
        import pypdfium2.raw as pdfium_c

        self.c, self.raw = pdfium_c, textpage_raw
        self.rect = pdfium_c.FS_RECTF()
        self.rect_ref = ctypes.byref(self.rect)
        self.box = [ctypes.c_double() for _ in range(4)]
        self.box_refs = [ctypes.byref(b) for b in self.box]
        self.x, self.y = ctypes.c_double(), ctypes.c_double()
        self.x_ref, self.y_ref = ctypes.byref(self.x), ctypes.byref(self.y)
        self.matrix = pdfium_c.FS_MATRIX()
        self.font = ctypes.create_string_buffer(128)

    def tight(self, k: int):
        """left, right, bottom, top of the ink (PDFium's char box)."""
        self.c.FPDFText_GetCharBox(self.raw, k, *self.box_refs)
        return self.box[0].value, self.box[1].value, self.box[2].value, self.box[3].value

    def origin(self, k: int) -> tuple[float, float]:
        self.c.FPDFText_GetCharOrigin(self.raw, k, self.x_ref, self.y_ref)
        return self.x.value, self.y.value

    def size(self, k: int, height: float) -> float:
        """The size the glyph is drawn at: the font size times the text matrix's scale (Distiller
        sets size 1 and scales by the matrix)."""
        size = self.c.FPDFText_GetFontSize(self.raw, k)
        self.c.FPDFText_GetMatrix(self.raw, k, ctypes.byref(self.matrix))
        m = self.matrix
        scale = abs(m.a * m.d - m.b * m.c) ** 0.5
        size = (size or 0) * (scale or 1)
        return size if size > 0.2 * height else (height or 10.0)

    def font_name(self, k: int) -> bytes:
        self.c.FPDFText_GetFontInfo(self.raw, k, self.font, 128, None)
        return self.font.value

    def object_of(self, k: int) -> int:
        return ctypes.cast(self.c.FPDFText_GetTextObject(self.raw, k), ctypes.c_void_p).value or 0


def page_glyphs(textpage, repairs: Counter, hidden: frozenset = frozenset(), char_map: dict | None = None,
                text: str | None = None) -> list[Glyph]:
    """Every visible base glyph with its loose box (the glyph's advance, so the glyphs of a word
    touch and a space shows as a gap) and the marks drawn on it. `hidden`: the addresses of the
    page's invisible text objects that are not over an image (dropped); `char_map`: a one-to-one
    map of characters that decodes a shifted layer (layer_quality.shift_table)."""
    q = _Chars(textpage.raw)
    count = q.c.FPDFText_CountChars(textpage.raw)
    if text is None or len(text) < count:  # (the page's text, when the caller has it already)
        text = textpage.get_text_range(0, count) if count else ""
    if char_map:
        text = text.translate(char_map)
    thai_page = _THAI_LETTER.search(text) is not None  # Cyrillic letters on a Thai page are stand-ins
    c, raw = q.c, q.raw
    is_generated, get_loose, get_origin = c.FPDFText_IsGenerated, c.FPDFText_GetLooseCharBox, c.FPDFText_GetCharOrigin
    rect, x_value, y_value = q.rect, q.x, q.y
    rect_ref, x_ref, y_ref = q.rect_ref, q.x_ref, q.y_ref
    glyphs: list[Glyph] = []
    marks: list[tuple] = []        # (mark, left, right, mid, glyphs before it, its cluster's x or None)
    fonts_am: list[tuple] = []     # (glyph, k, flat) of every ำ
    aa_at: list[int] = []          # where an า is (its font asked only when an ำ is flat)
    digits_at: list[int] = []      # where an Arabic digit is (a font that draws them as Thai digits)
    ghost = False
    size, height = 10.0, -1.0
    sizes: dict[float, float] = {}  # loose box height -> size (asked of PDFium once a height)
    # (height, character) -> (baseline above the box's bottom, origin right of its left): the same
    # glyph at the same size sits the same way, so PDFium is asked for the origin once a glyph and size
    baselines: dict[tuple, float] = {}
    rebuilt: list[int] = []  # glyphs whose box was rebuilt from their origin
    last_right = None  # the box's right of the last glyph or mark, and the mark's index
    last_mark = None
    for k, ch in enumerate(text[:count]):
        if hidden and q.object_of(k) in hidden:
            repairs["hidden_text"] += not ch.isspace()
            continue
        if ch in _SPECIAL:
            ch = special(ch, repairs)
        if ch in COMBINING or "\u0400" <= ch <= "\u04ff" and thai_page and glyphs:
            if ghost:
                repairs["ghost"] += 1
                continue
            get_loose(raw, k, rect_ref)
            left, right, bottom, top = rect.left, rect.right, rect.bottom, rect.top
            # Chromium splits a cluster's box into equal shares, one a character: a mark whose box
            # goes on from the box of the character before it, from the same origin, is of that
            # cluster, whatever its box overlaps
            # (PDFium is asked for origins only where a box could be a share or a cell)
            shares = last_right is not None and abs(left - last_right) < 0.05
            cell = right - left >= 0.5 * size
            origin = cluster = None
            if shares or cell:
                get_origin(raw, k, x_ref, y_ref)
                origin = x_value.value
            if shares:
                before = q.origin(last_mark)[0] if last_mark is not None else _origin_of(glyphs, q)
                cluster = origin if abs(origin - before) < 0.01 else None
            if cell and abs(left - origin) < 0.05 and glyphs:
                # a mark given a cell of its own (a monospaced font, Tlwg Mono): drawn one cell on,
                # it belongs to the glyph before it in content order
                cluster = _origin_of(glyphs, q)
            last_right, last_mark = right, k
            marks.append((ch, left, right, (bottom + top) / 2, len(glyphs), cluster))
            continue
        if ch.isspace():
            if ch == " " and glyphs and not ghost and not is_generated(raw, k):
                ring = _ring(q, k, glyphs[-1], size)
                if ring:
                    marks.append((NIKHAHIT, *ring, len(glyphs), None))
                    repairs["am_ring_space"] += 1
                else:
                    get_loose(raw, k, rect_ref)  # (a space drawn right after the glyph, not elsewhere:
                    g = glyphs[-1]               # LibreOffice leaves one at the line's start)
                    g.space_after = g.x1 - 0.1 * g.size <= rect.left <= g.x1 + g.size
            continue  # spaces are put back from the gaps between glyphs (a line's last, from this)
        get_loose(raw, k, rect_ref)
        left, right, bottom, top = rect.left, rect.right, rect.bottom, rect.top
        if top - bottom != height:  # (boxes of one size share their height, outlines a few)
            height = top - bottom
            size = sizes.get(height) or sizes.setdefault(height, q.size(k, height))
        # a copy of a cluster drawn nowhere: a box a fraction of the font's size (punctuation
        # may be that small where a font's boxes are its outlines: LibreOffice with tlwg fonts)
        if right - left < 0.5 or height < 0.25 * size and ch.isalpha():
            if ch == AM and rebuilt and rebuilt[-1] == len(glyphs) - 1:
                glyphs[-1].text += AM  # the ำ of a cluster whose box was rebuilt (its box a sliver too)
                continue
            box = _cluster_box(q, k, left, size, glyphs) if "\u0e01" <= ch <= "\u0e45" else None
            if box is None:
                ghost = ghost or ch != AM
                repairs["ghost"] += 1
                continue
            left, right, bottom, top = box
            rebuilt.append(len(glyphs))
        if ch == AM and glyphs:
            _attach(glyphs, AM, left, right, (bottom + top) / 2)
            fonts_am.append((glyphs[-1] if glyphs[-1].text.endswith(AM) else None, k, _flat(q, k, size)))
            continue
        if ch == AA:
            aa_at.append(k)
        elif "0" <= ch <= "9":
            digits_at.append(k)
        elif ch == "ศ" and text[k + 1:k + 2] not in COMBINING and _dot(q, k, size):  # (a dot takes no mark)
            ch = "."
            repairs["dot_as_so"] += 1
        ghost = False
        key = (height, ch)
        cached = baselines.get(key)
        if cached is None:
            get_origin(raw, k, x_ref, y_ref)
            cached = baselines[key] = (y_value.value - bottom, x_value.value - left)
        y = bottom + cached[0]
        if right < left + cached[1] - 0.1 and "\u0e01" <= ch <= "\u0e45":
            # a box wholly left of its own origin: no glyph is drawn backwards from where it
            # starts; a copy of a cluster Chromium leaves (at a page's start, of the last page's)
            ghost = True
            repairs["ghost"] += 1
            continue
        if bottom - y > 0.5 * size and "\u0e01" <= ch <= "\u0e45":
            # a Thai letter's box floating above its own baseline: a copy of a cluster Chromium
            # leaves drawn nowhere (the letter itself sits on the baseline), or a cluster whose
            # box PDFium took from its last mark (Chromium with Tlwg Typo, Noto Looped Thai)
            box = _cluster_box(q, k, left, size, glyphs)
            if box is None:
                ghost = True
                repairs["ghost"] += 1
                continue
            left, right, bottom, top = box
            y = q.origin(k)[1]
            rebuilt.append(len(glyphs))
        last_right, last_mark = right, None
        glyphs.append(Glyph(ch, left, right, bottom, top, size, (bottom + top) / 2, right, None, y, None, k))
    for i in rebuilt:  # a rebuilt cluster reaches to the next glyph on its line
        g = glyphs[i]
        after = glyphs[i + 1] if i + 1 < len(glyphs) else None
        if after is not None and after.baseline == g.baseline and g.x0 < after.x0 < g.x1 + g.size:
            g.x1 = g.base_x1 = after.x0
    repairs["cluster_boxes"] += len(rebuilt)
    _place_marks(glyphs, marks, repairs)
    if any(flat for _, _, flat in fonts_am):
        _fonts_that_draw_aa_as_am([(g, q.font_name(k), flat) for g, k, flat in fonts_am],
                                  {q.font_name(k) for k in aa_at}, repairs)
    if digits_at:
        _digits_drawn_thai(q, digits_at, repairs)
    if any("\u0400" <= m[0] <= "\u04ff" for m in marks):
        _stand_ins(glyphs, repairs)
    return glyphs


STAND_IN_MARKS = "\u0e48\u0e49\u0e4a\u0e4b\u0e4c"  # tone marks and THANTHAKHAT
STAND_IN_SAMPLE = 40  # words around a letter's first places that decide which mark it stands for


def _stand_ins(glyphs: list[Glyph], repairs: Counter) -> None:
    """Tone marks a PDF maker wrote as Cyrillic letters ("Microsoft: Print To PDF"), placed on
    their consonants by geometry: which mark each letter stands for is decided by Thai words, one
    mark a letter for the whole page (a font's map is wrong throughout), the most frequent letter
    first: the mark whose words the dictionary knows best."""
    from pythainlp.corpus import thai_words
    from pythainlp.tokenize import word_tokenize

    words = thai_words()
    where: dict[str, list[int]] = {}
    for i, g in enumerate(glyphs):
        for ch in g.text[1:]:
            if "\u0400" <= ch <= "\u04ff":
                where.setdefault(ch, []).append(i)
    chosen: dict[str, str] = {}
    for letter in sorted(where, key=lambda c: -len(where[c])):
        # (a sample of the words decides: bounded work whatever the page holds)
        contexts = [(max(0, i - 6), i + 7) for i in where[letter][:STAND_IN_SAMPLE]]

        def score(mark: str) -> int:
            trial = {**chosen, letter: mark}
            total = 0
            for lo, hi in contexts:
                text = "".join(_with(g.text, trial) for g in glyphs[lo:hi])
                total += sum(len(w) for w in word_tokenize(text, engine="newmm", keep_whitespace=False) if w in words)
            return total
        free = [m for m in STAND_IN_MARKS if m not in chosen.values()]
        chosen[letter] = max(free, key=score) if free else ""  # (more letters than marks: left out, counted)
    for i in sorted({i for found in where.values() for i in found}):
        glyphs[i].text = _with(glyphs[i].text, chosen)
        glyphs[i].text = glyphs[i].text[0] + "".join(sorted(glyphs[i].text[1:], key=lambda ch: _RANK.get(ch, 5)))
    repairs["stand_ins"] += sum(len(found) for found in where.values())


def _with(text: str, chosen: dict[str, str]) -> str:
    """The text with the stand-ins decided so far put back, the others left out."""
    return "".join(chosen.get(ch, "") if "\u0400" <= ch <= "\u04ff" else ch for ch in text)


# fonts that draw Thai digits for the Arabic code points (TH SarabunIT๙; its name reaches PDFs as
# "TH SarabunIT๙", "TH SarabunITù" or "TH SarabunIT?" by the encoding the maker used)
THAI_DIGIT_FONTS = re.compile(rb"SarabunIT(?!\w)|SarabunIT(?:\xe0\xb9\x99|\xc3\xb9|\xf9|\?)", re.IGNORECASE)


def _digits_drawn_thai(q: _Chars, digits_at: list[int], repairs: Counter) -> None:
    """Arabic digits a font draws as Thai digits: the page shows ๑.๖, the text holds 1.6 (right
    for numbers, said so). The font is asked of the first digit of each run of digits."""
    runs = [k for i, k in enumerate(digits_at) if i == 0 or k != digits_at[i - 1] + 1]
    fonts = {k: q.font_name(k) for k in runs[:200]}
    if any(THAI_DIGIT_FONTS.search(name) for name in fonts.values()):
        shown_thai = {k for k, name in fonts.items() if THAI_DIGIT_FONTS.search(name)}
        count, current = 0, False
        for i, k in enumerate(digits_at):
            if i == 0 or k != digits_at[i - 1] + 1:
                current = k in shown_thai
            count += current
        repairs["digits_shown_thai"] += count


def _cluster_box(q: _Chars, k: int, left: float, size: float, glyphs: list[Glyph]):
    """The box of a cluster whose box PDFium took from its last mark (a sliver above the line,
    right of the cluster's origin), rebuilt from the origin: (left, right, bottom, top). None
    for a copy of a cluster (its box lies left of its origin, or it starts from the origin of
    the glyph before it): Chromium's copies are drawn nowhere."""
    x, y = q.origin(k)
    if left < x - 0.1:
        return None
    before = glyphs[-1] if glyphs else None
    if before is not None and abs(before.baseline - y) < 0.35 * size and (
            x < before.x0 or abs((_origin_of(glyphs, q) or -1) - x) < 0.01):
        return None
    return x, x + 0.55 * size, y - 0.25 * size, y + 0.75 * size


def _origin_of(glyphs: list[Glyph], q: _Chars) -> float | None:
    """The origin's x of the last glyph, asked of PDFium the first time it is needed."""
    if not glyphs:
        return None
    g = glyphs[-1]
    if g.origin is None and g.index >= 0:
        g.origin = q.origin(g.index)[0]
    return g.origin


def _ring(q: _Chars, k: int, before: Glyph, size: float):
    """A space that is ำ's ring (Word): its ink is a small shape above the x-height, over the
    glyph before it. Returns the ring's (left, right, mid) or None for a true space."""
    left, right, bottom, top = q.tight(k)
    base = q.origin(k)[1]
    if not (top > bottom and right > left) or bottom - base < MARK_ABOVE_X * size or top - bottom > 0.5 * size:
        return None
    if right < before.x0 - 0.5 * size or left > before.base_x1 + 0.1 * size:
        return None
    return left, right, (before.bottom + before.top) / 2


def _flat(q: _Chars, k: int, size: float) -> bool:
    """Is this ำ drawn as an า: is its ink no taller than the consonant before it?"""
    _, _, _, top = q.tight(k)
    _, _, _, consonant_top = q.tight(k - 1) if k else (0, 0, 0, top)
    return top - consonant_top < FLAT_AM * size


def _dot(q: _Chars, k: int, size: float) -> bool:
    left, right, bottom, top = q.tight(k)
    return right - left < DOT * size and top - bottom < DOT * size and top > bottom


def _attach(glyphs: list[Glyph], mark: str, left: float, right: float, mid: float) -> None:
    """ำ goes to the glyph its box overlaps most among the last few (LibreOffice may write an
    opening quote between a consonant and its ำ)."""
    best = max(reversed(glyphs[-3:]), key=lambda g: min(g.base_x1, right) - max(g.x0, left)
               if abs(g.mid - mid) < g.size else -99)
    best.text += mark
    best.x1 = max(best.x1, right)


def _place_marks(glyphs: list[Glyph], marks: list[tuple], repairs: Counter) -> None:
    """Each mark onto the base glyph its box overlaps most, among its neighbours on the same line
    (the glyph before it in content order in the common case). A mark whose box is a share of
    its cluster's (Chromium) is one cluster with the base whose origin it shares: content order
    holds there."""
    touched = []
    for mark, left, right, mid, before, cluster in marks:
        target = glyphs[before - 1] if before else None
        if target is None or cluster is None or target.origin is None or abs(cluster - target.origin) >= 0.01:
            best = _best_under(glyphs, before, left, right, mid)
            if best is None:
                if target is None:
                    repairs["orphan_marks"] += 1
                    continue
            elif best is not target:
                target = best
                repairs["marks_placed"] += 1
        if len(target.text) > 1:
            touched.append(target)
        target.text += mark
    for g in touched:  # marks put in Unicode's order: vowel, ring, tone mark, ำ
        g.text = g.text[0] + "".join(sorted(g.text[1:], key=lambda ch: _RANK.get(ch, 5)))


def _best_under(glyphs: list[Glyph], before: int, left: float, right: float, mid: float,
                reach: int = 160) -> Glyph | None:
    """The glyph whose box overlaps the mark's most: the two before it in content order first
    (a tone mark over ม before ใ overlaps ใ's loose box a little), then anywhere on the line
    before it (Distiller writes ิ์ seven glyphs late, LibreOffice with Noto Serif Thai a ่ at the
    line's end, Print To PDF every tone mark there)."""
    best, most = None, 0.0
    for g in glyphs[max(0, before - 2):before + 1]:
        overlap = min(max(g.base_x1, g.x1), right) - max(g.x0, left)
        if overlap > most and abs(g.mid - mid) <= g.size:
            best, most = g, overlap
    if best is not None and most >= 0.5 * (right - left):
        return best
    for g in glyphs[max(0, before - reach):before + 4]:
        overlap = min(max(g.base_x1, g.x1), right) - max(g.x0, left)
        if overlap > most and abs(g.mid - mid) <= g.size:
            best, most = g, overlap
    return best


def _fonts_that_draw_aa_as_am(fonts_am: list[tuple], fonts_aa: set, repairs: Counter) -> None:
    """A font whose every ำ is flat and which draws no า maps า to ำ throughout: its ำ are า
    (and its real ำ, the ring as a space then that glyph, come back as ํ + า = ำ)."""
    verdict: dict[bytes, bool] = {}
    for _, font, flat in fonts_am:
        verdict[font] = verdict.get(font, True) and flat
    wrong = {font for font, all_flat in verdict.items() if all_flat and font not in fonts_aa}
    for glyph, font, _ in fonts_am:
        if glyph is not None and font in wrong:
            i = glyph.text.rfind(AM)
            glyph.text = glyph.text[:i] + AA + glyph.text[i + 1:]
            repairs["aa_as_am"] += 1
