"""A small PDF writer for tests: lays a plan's text out in a real Thai TrueType font (Sarabun by
default) and writes a PDF whose *text layer* carries, on demand, the damage real Thai office PDFs
carry, while the *page* (what is drawn) stays correct.

    forge_pdf(text, path, damage=("am_space", "marks_late"), size=14, seed=0) -> path

The PDF is written by hand: catalog, pages, a Type0 font (Identity-H) over a CIDFontType2 with the
whole TTF embedded as FontFile2, CIDToGIDMap /Identity (so a character code is the glyph id), a /W
array from hmtx, and a ToUnicode CMap written here from a gid -> text map. Every line is shaped by
HarfBuzz (script Thai, language th) and its glyphs drawn with TJ at HarfBuzz's positions (marks
sit on their consonants as a real maker draws them: GPOS offsets, the font's positional variants).
Each gid maps to the text it stands for (its cluster's characters; a gid used for several texts
keeps its first use, positional variants map to the plain mark). Sarabun's ligatures of NIKHAHIT
and a tone are drawn as their components at the components' offsets, and SARA AM as the font's
own ำ glyph (whose outline is NIKHAHIT's plus SARA AA's), so the clean text layer reads exactly
the input while the damaged modes that split ำ draw the very same outlines.

Layout: A4, margins 56 pt, one input line = one paragraph (an empty line is an empty paragraph),
greedy wrap (at the last space when that leaves the line at least 90% full, otherwise between
clusters, never inside one, nor after a leading vowel or before า ะ ๆ ฯ), line height 1.35 x size,
page number centred at the bottom. Runs of lines holding a TAB are ruled tables (every cell edge
its own 0.5 pt stroked segment, as Word draws cell borders), one cell per tab-separated value,
columns proportional to their longest cell, size 10, cells wrapping; rows that do not fit go to
the next page.

Deterministic (no dates, no /ID, seeded randomness) and fast (the 8-section fixture in ~0.3 s;
`ocr_layer` renders every page, ~1 s more).
"""
from __future__ import annotations

import functools
import io
import random
import re
import zlib
from dataclasses import dataclass, field, replace
from pathlib import Path

DAMAGES: dict[str, str] = {
    "am_space": "ำ drawn as NIKHAHIT's glyph + SARA AA's, NIKHAHIT mapped to U+0020: สำนักงาน reads ส านักงาน "
                "(Word 2007-365 with TH SarabunPSK)",
    "aa_as_am": "SARA AA's glyph mapped to ำ, NIKHAHIT's to a space: การ reads กำร, สำนัก reads ส ำนัก "
                "(some Word 2013 / PowerPoint PDFs)",
    "am_split": "ำ drawn as NIKHAHIT + SARA AA, mapped to U+0E4D U+0E32: สำนัก reads สํานัก (Distiller, PDFMaker)",
    "pua": "positional mark variants (shifted-left, lowered tones, short vowels, tailless ญ ฐ) mapped to the "
           "U+F700 Private Use Area as TH SarabunPSK does",
    "marks_late": "every upper/lower mark written in the content stream after the next base glyph (drawn where "
                  "it was): ท้องถิ่น reads ทอ้งถนิ่ (LibreOffice with some fonts, Excel)",
    "cyrillic_tones": "tone marks mapped to Cyrillic ่ ѷ ้ Ѹ ๊ ѹ ๋ Ѻ ์ ѻ and written at the end of their line "
                      "(stand-in for Microsoft: Print To PDF)",
    "period_as_so": "the full stop's glyph mapped to ศ: พ.ศ. reads พศศศ",
    "letter_spaced": "lines that wrap justified by character spacing (Tc), spread over every glyph gap "
                     "(Distiller/PDFMaker justified lines)",
    "thai_digits_as_arabic": "Thai digit glyphs mapped to Arabic digits: the page shows ๒๕๖๗, the text says 2567 "
                             "(TH SarabunIT๙ style)",
    "greek_shift": "every Thai character's glyph mapped to U+0370 + (code - U+0E01) (Greek/Coptic), ASCII "
                   "untouched (Microsoft Reporting Services)",
    "glyph_codes": "every glyph mapped to chr(33 + gid % 90), an ASCII code derived from its gid (TCPDF)",
    "no_tounicode": "no ToUnicode CMap at all",
    "small_thai": "Thai runs drawn at 0.7 x the size of Latin and digit runs, same baseline (a document "
                  "asking for a font the machine lacks)",
    "ocr_layer": "every page an image of the clean page (150 dpi JPEG) under an invisible (Tr 3) text layer "
                 "of seeded Latin garbage where the lines are (a scanner's bad OCR)",
    "hidden_text": "besides the visible text, invisible (Tr 3) lines the page does not show",
}

PAGE_W, PAGE_H = 595.0, 842.0
MARGIN = 56.0
TEXT_W = PAGE_W - 2 * MARGIN
LEADING = 1.35
TABLE_SIZE = 10.0
CELL_PAD = 3.0
RULE_WIDTH = 0.5
SMALL_THAI = 0.7
BREAK_AT_SPACES = True  # as Word does; the space is kept at the line's end (the reader joins with it)
SPACE_FILL = 0.9      # with BREAK_AT_SPACES: break at a space only when the line is this full

TONES = "\u0e48\u0e49\u0e4a\u0e4b\u0e4c"
CYRILLIC_TONES = {"\u0e48": "\u0477", "\u0e49": "\u0478", "\u0e4a": "\u0479", "\u0e4b": "\u047a", "\u0e4c": "\u047b"}
LEADING_VOWELS = "เแโใไ"
NO_BREAK_BEFORE = "ะาๅๆฯ"
# positional variants (Sarabun's glyph names) -> TH SarabunPSK's Private Use Area code points
PUA_NAMES = {**{f"uni{0x0E48 + k:04X}.narrow": chr(0xF705 + k) for k in range(5)},
             **{f"uni{0x0E48 + k:04X}.small": chr(0xF70A + k) for k in range(5)},
             **{f"uni{0x0E34 + k:04X}.narrow": chr(0xF701 + k) for k in range(4)},
             "uni0E31.narrow": "\uf710", "uni0E4D.narrow": "\uf711", "uni0E47.narrow": "\uf712",
             "uni0E38.small": "\uf718", "uni0E39.small": "\uf719", "uni0E3A.small": "\uf71a",
             "thoThanthai.less": "\uf700", "yoYingthai.less": "\uf70f"}
NAMED = {"yoYingthai": "ญ", "thoThanthai": "ฐ", "doChadathai": "ฎ", "toPatakthai": "ฏ", "loChulathai": "ฬ"}
HIDDEN_LINES = ["ลำดับที่ ๙๙", "๑. ชื่อโครงการ : โครงการที่ถูกลบออกจากแผน", "ร่างแผนปฏิบัติการ ฉบับแก้ไขครั้งที่ ๒",
                "มิติที่ ๕ การทดสอบข้อความที่มองไม่เห็น", "งบประมาณ ๙๙๙,๙๙๙ บาท"]


def default_font() -> Path:
    import fontpkg_sarabun
    return Path(fontpkg_sarabun.__file__).parent / "files" / "Sarabun-Regular.ttf"


def _is_thai(ch: str) -> bool:
    return "\u0e00" <= ch <= "\u0e7f"


# --- the font -------------------------------------------------------------------------------------

class _Font:
    """A TTF's tables, its HarfBuzz font, and what each glyph stands for."""

    def __init__(self, path: Path):
        import uharfbuzz as hb
        from fontTools.ttLib import TTFont

        self.path = path
        self.data = path.read_bytes()
        tt = TTFont(io.BytesIO(self.data))
        self.order = tt.getGlyphOrder()
        self.gid = {name: i for i, name in enumerate(self.order)}
        head, hhea = tt["head"], tt["hhea"]
        self.upem = head.unitsPerEm
        self.widths = [tt["hmtx"][name][0] * 1000 / self.upem for name in self.order]
        self.bbox = [round(v * 1000 / self.upem) for v in (head.xMin, head.yMin, head.xMax, head.yMax)]
        self.ascent, self.descent = round(hhea.ascent * 1000 / self.upem), round(hhea.descent * 1000 / self.upem)
        os2 = tt["OS/2"]
        self.cap = round(getattr(os2, "sCapHeight", 0) * 1000 / self.upem) or self.ascent
        self.ps_name = re.sub(r"[^A-Za-z0-9-]", "", tt["name"].getDebugName(6) or path.stem) or "ThaiFont"
        self.cmap = tt.getBestCmap()
        reverse: dict[int, str] = {}
        for code, name in sorted(self.cmap.items()):
            reverse.setdefault(self.gid[name], chr(code))
        self.text = [self._name_text(name, reverse.get(i, "")) for i, name in enumerate(self.order)]
        glyf = tt["glyf"] if "glyf" in tt else None
        # composite ligatures of several marks (NIKHAHIT + tone): their leaf components and offsets
        self.parts: dict[int, list[tuple[int, float, float]]] = {}
        if glyf is not None:
            for i, name in enumerate(self.order):
                if len(self.text[i]) > 1 and glyf[name].isComposite():
                    self.parts[i] = self._leaves(glyf, name, 0.0, 0.0)
        self.hb = hb.Font(hb.Face(hb.Blob(self.data)))
        self.nikhahit = self.gid.get(self.cmap.get(0x0E4D, ""), 0)
        self.aa = self.gid.get(self.cmap.get(0x0E32, ""), 0)
        self.am = self.gid.get(self.cmap.get(0x0E33, ""), 0)

    @staticmethod
    def _name_text(name: str, mapped: str) -> str:
        base, _, suffix = name.partition(".")
        m = re.fullmatch(r"uni((?:[0-9A-F]{4})+)", base)
        if m:
            return "".join(chr(int(m.group(1)[k:k + 4], 16)) for k in range(0, len(m.group(1)), 4))
        if base in NAMED:
            return NAMED[base]
        return mapped

    def _leaves(self, glyf, name: str, dx: float, dy: float) -> list[tuple[int, float, float]]:
        out = []
        for comp in glyf[name].components:
            x, y = dx + comp.x, dy + comp.y
            if glyf[comp.glyphName].isComposite() and len(self.text[self.gid[comp.glyphName]]) > 1:
                out += self._leaves(glyf, comp.glyphName, x, y)
            else:
                out.append((self.gid[comp.glyphName], x, y))
        return out

    @functools.lru_cache(maxsize=4096)
    def shape(self, text: str, split_am: bool) -> tuple["_Cluster", ...]:
        """The text's clusters in logical order; positions in font units."""
        import uharfbuzz as hb

        buf = hb.Buffer()
        buf.add_str(text)
        buf.direction, buf.script, buf.language = "ltr", "Thai", "th"
        hb.shape(self.hb, buf, {})
        infos, positions = buf.glyph_infos, buf.glyph_positions
        starts = sorted({i.cluster for i in infos})
        bounds = dict(zip(starts, starts[1:] + [len(text)]))
        clusters: list[_Cluster] = []
        for info, pos in zip(infos, positions):
            if not clusters or clusters[-1].start != info.cluster:
                clusters.append(_Cluster(info.cluster, text[info.cluster:bounds[info.cluster]]))
            cl = clusters[-1]
            gid = info.codepoint
            if gid in self.parts:
                for part, px, py in self.parts[gid]:
                    cl.glyphs.append(_Glyph(part, 0.0, pos.x_offset + px, pos.y_offset + py, self.text[part]))
            else:
                cl.glyphs.append(_Glyph(gid, pos.x_advance, pos.x_offset, pos.y_offset, self.text[gid]))
        for cl in clusters:
            self._fix_cluster(cl, split_am)
        return tuple(clusters)

    def _fix_cluster(self, cl: "_Cluster", split_am: bool) -> None:
        if "ำ" in cl.text:
            glyphs = cl.glyphs
            nik = next((k for k, g in enumerate(glyphs) if g.gid == self.nikhahit or
                        (g.text == "ํ" and g.advance == 0)), None)
            aa = next((k for k, g in enumerate(glyphs) if g.gid == self.aa), None)
            am = next((k for k, g in enumerate(glyphs) if g.gid == self.am and self.am), None)
            if nik is not None and aa is not None and aa > nik:
                a = glyphs[aa]
                rest = [g for k, g in enumerate(glyphs) if k not in (nik, aa)]
                head, tail = rest[:aa - 1], rest[aa - 1:]
                if split_am or not self.am:
                    pair = [_Glyph(self.nikhahit, 0.0, 0.0, 0.0, "ํ", "am_nik"), replace(a, role="am_aa")]
                else:
                    pair = [_Glyph(self.am, a.advance, a.x_offset, a.y_offset, "ำ", "am")]
                cl.glyphs = head + pair + tail
            elif am is not None and split_am and self.nikhahit and self.aa:
                a = glyphs[am]
                cl.glyphs[am:am + 1] = [_Glyph(self.nikhahit, 0.0, a.x_offset, a.y_offset, "ํ", "am_nik"),
                                        _Glyph(self.aa, a.advance, a.x_offset, a.y_offset, "า", "am_aa")]
        for g in cl.glyphs:
            if g.role == "" and g.advance == 0 and g.text and g.text[0] in COMBINING:
                g.role = "mark"


COMBINING = frozenset("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e")


@dataclass(slots=True)
class _Glyph:
    gid: int
    advance: float       # font units
    x_offset: float
    y_offset: float
    text: str            # what it stands for in the clean text layer
    role: str = ""       # "", "mark", "am", "am_nik", "am_aa"


@dataclass(slots=True)
class _Cluster:
    start: int
    text: str
    glyphs: list[_Glyph] = field(default_factory=list)

    def width(self) -> float:
        return sum(g.advance for g in self.glyphs)


@functools.lru_cache(maxsize=8)
def _load_font(path: Path) -> _Font:
    return _Font(path)


@functools.lru_cache(maxsize=8)
def _font_stream(path: Path) -> bytes:
    return zlib.compress(_load_font(path).data, 6)


# --- layout ---------------------------------------------------------------------------------------

@dataclass(slots=True)
class Placed:
    """A glyph on the page: origin (pt), size, and its role in the text."""
    gid: int
    x: float
    y: float
    size: float
    text: str
    role: str


@dataclass(slots=True)
class Line:
    glyphs: list[Placed]
    baseline: float
    x0: float
    x1: float
    size: float
    tc: float = 0.0


@dataclass
class Page:
    lines: list[Line] = field(default_factory=list)
    rules: list[tuple[float, float, float, float]] = field(default_factory=list)


class _Layout:
    def __init__(self, font: _Font, size: float, damage: frozenset[str]):
        self.font, self.size, self.damage = font, size, damage
        self.split_am = bool(damage & {"am_space", "aa_as_am", "am_split"})
        self.pages: list[Page] = [Page()]
        self.top = PAGE_H - MARGIN

    def _factor(self, cl: _Cluster) -> float:
        return SMALL_THAI if "small_thai" in self.damage and any(_is_thai(c) for c in cl.text) else 1.0

    def _cl_width(self, cl: _Cluster, size: float) -> float:
        return cl.width() * size * self._factor(cl) / self.font.upem

    def _text_width(self, text: str, size: float) -> float:
        return sum(self._cl_width(c, size) for c in self.font.shape(text, self.split_am))

    def wrap(self, text: str, size: float, width: float, at_spaces: float | None = None) -> list[list[_Cluster]]:
        clusters = list(self.font.shape(text, self.split_am))
        lines: list[list[_Cluster]] = []
        current: list[_Cluster] = []
        used = 0.0
        for cl in clusters:
            w = self._cl_width(cl, size)
            if current and used + w > width and cl.text != " ":
                cut = self._cut(current, size, width, at_spaces)
                # a space the line broke at stays at its end, hanging in the margin (as Word
                # draws it): the text layer keeps the word break
                while cut < len(current) and current[cut].text == " ":
                    cut += 1
                lines.append(current[:cut])
                current = current[cut:]
                used = sum(self._cl_width(c, size) for c in current)
            if not current and cl.text == " " and lines:
                continue
            current.append(cl)
            used += w
        lines.append(current)
        while lines[-1] and lines[-1][-1].text == " ":
            lines[-1].pop()
        return lines

    def _cut(self, current: list[_Cluster], size: float, width: float, at_spaces: float | None) -> int:
        """Where to end a full line: between two clusters (never inside one), not after a
        leading vowel, not before า ะ ๆ ฯ; or, as Word does (BREAK_AT_SPACES), at the last space
        that leaves the line 90% full, the space kept at the line's end. `at_spaces`: break
        at the last space leaving the line at least that full (table cells: any space)."""
        if at_spaces is None and BREAK_AT_SPACES:
            at_spaces = SPACE_FILL
        if at_spaces is not None:
            used = 0.0
            ends = []
            for k, cl in enumerate(current):
                if cl.text == " ":
                    ends.append((k, used))
                used += self._cl_width(cl, size)
            if ends and ends[-1][1] >= at_spaces * width:
                return ends[-1][0]
        for k in range(len(current) - 1, 0, -1):
            before, after = current[k - 1].text, current[k].text
            if before[-1] not in LEADING_VOWELS and after[0] not in NO_BREAK_BEFORE and " " not in (before, after):
                return k
        return len(current) - 1

    def place(self, clusters: list[_Cluster], x0: float, baseline: float, size: float, width: float | None) -> Line:
        """A line's glyphs at their page positions; `width` set: justify by character spacing."""
        scale = size / self.font.upem
        tc = 0.0
        advancing = sum(1 for cl in clusters for g in cl.glyphs if g.advance)
        natural = sum(self._cl_width(cl, size) for cl in clusters)
        if width is not None and advancing > 1 and natural < width:
            tc = (width - natural) / (advancing - 1)
        out: list[Placed] = []
        pen = x0
        count = 0   # advancing glyphs drawn so far
        for cl in clusters:
            f = self._factor(cl)
            s = scale * f
            for g in cl.glyphs:
                shift = count * tc if (g.advance or g.role == "am_nik" or count == 0) else (count - 1) * tc
                x = pen + g.x_offset * s + shift
                out.append(Placed(g.gid, x, baseline + g.y_offset * s, size * f, g.text, g.role))
                pen += g.advance * s
                if g.advance:
                    count += 1
        end = pen + max(0, count - 1) * tc
        return Line(out, baseline, x0, end, size, tc)

    def new_page(self) -> None:
        self.pages.append(Page())
        self.top = PAGE_H - MARGIN

    def paragraph(self, text: str) -> None:
        size = self.size
        step = LEADING * size
        if not text.strip():
            if self.top - step < MARGIN:
                self.new_page()
            else:
                self.top -= step
            return
        lines = self.wrap(text, size, TEXT_W)
        for k, clusters in enumerate(lines):
            if self.top - step < MARGIN:
                self.new_page()
            baseline = self.top - size
            justify = TEXT_W if ("letter_spaced" in self.damage and k < len(lines) - 1) else None
            self.pages[-1].lines.append(self.place(clusters, MARGIN, baseline, size, justify))
            self.top -= step

    def table(self, rows: list[list[str]]) -> None:
        size = TABLE_SIZE
        ncols = max(len(r) for r in rows)
        rows = [r + [""] * (ncols - len(r)) for r in rows]
        natural = [[sum(self._cl_width(c, size) for c in self.font.shape(cell.strip(), self.split_am)) if cell.strip()
                    else 0.0 for cell in row] for row in rows]
        longest = [max(n[j] for n in natural) + 2 * CELL_PAD for j in range(ncols)]
        # an amount is never broken when its column can help it (the widest number-like word)
        numbers = [max([self._text_width(word, size) for row in rows for word in row[j].split()
                         if re.fullmatch(r"[0-9๐-๙,.\-]+", word)] or [0.0]) + 2 * CELL_PAD + 1 for j in range(ncols)]
        widths = _column_widths(longest, [min(lw, max(30.0, nw)) for lw, nw in zip(longest, numbers)], TEXT_W)
        xs = [MARGIN]
        for w in widths:
            xs.append(xs[-1] + w)
        step = LEADING * size
        for row in rows:
            cells = [self.wrap(cell.strip(), size, widths[j] - 2 * CELL_PAD, 0.5) if cell.strip() else []
                     for j, cell in enumerate(row)]
            height = max(1, max(len(c) for c in cells)) * step + 2 * CELL_PAD
            page = self.pages[-1]
            if self.top - height < MARGIN:
                self.new_page()
                page = self.pages[-1]
            top, bottom = self.top, self.top - height
            page.rules.append((xs[0], top, xs[-1], top))
            page.rules.append((xs[0], bottom, xs[-1], bottom))
            for x in xs:
                page.rules.append((x, bottom, x, top))
            for j, lines in enumerate(cells):
                for k, clusters in enumerate(lines):
                    baseline = top - CELL_PAD - size - k * step
                    page.lines.append(self.place(clusters, xs[j] + CELL_PAD, baseline, size, None))
            self.top = bottom

    def page_numbers(self) -> None:
        for number, page in enumerate(self.pages, 1):
            clusters = list(self.font.shape(str(number), False))
            w = sum(cl.width() for cl in clusters) * 12 / self.font.upem
            page.lines.append(self.place(clusters, (PAGE_W - w) / 2, MARGIN / 2, 12, None))


def _column_widths(longest: list[float], floor: list[float], total: float) -> list[float]:
    """Widths proportional to each column's longest cell, none narrower than its floor,
    together the text width."""
    fixed: dict[int, float] = {}
    while True:
        free = [j for j in range(len(longest)) if j not in fixed]
        rest = total - sum(fixed.values())
        weight = sum(longest[j] for j in free) or 1.0
        widths = {j: rest * longest[j] / weight for j in free}
        low = [j for j in free if widths[j] < floor[j]]
        if not low or len(low) == len(free):
            widths.update(fixed)
            out = [widths[j] for j in range(len(longest))]
            return [w * total / sum(out) for w in out]
        for j in low:
            fixed[j] = floor[j]


def layout(text: str, font: _Font, size: float, damage: frozenset[str]) -> list[Page]:
    lay = _Layout(font, size, damage)
    lines = text.replace("\r\n", "\n").split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    i = 0
    while i < len(lines):
        if "\t" in lines[i]:
            block = []
            while i < len(lines) and "\t" in lines[i]:
                block.append(lines[i].split("\t"))
                i += 1
            lay.table(block)
            continue
        lay.paragraph(lines[i])
        i += 1
    if not lay.pages[-1].lines and len(lay.pages) > 1:
        lay.pages.pop()
    lay.page_numbers()
    return lay.pages


# --- the text layer's damage ----------------------------------------------------------------------

def _content_order(line: Line, damage: frozenset[str]) -> list[Placed]:
    glyphs = list(line.glyphs)
    if "marks_late" in damage:
        out: list[Placed] = []
        waiting: list[Placed] = []
        for g in glyphs:
            if g.role == "mark":
                waiting.append(g)
                continue
            out.append(g)
            if waiting and g.role != "am_nik":
                out += waiting
                waiting = []
        glyphs = out + waiting
    if "cyrillic_tones" in damage:
        tones = [g for g in glyphs if g.text in CYRILLIC_TONES]
        glyphs = [g for g in glyphs if g.text not in CYRILLIC_TONES] + tones
    return glyphs


def _unicode_map(font: _Font, used: dict[int, str], damage: frozenset[str]) -> dict[int, str]:
    """gid -> the text its ToUnicode entry gives, damage applied."""
    out = dict(used)
    for gid in list(out):
        name = font.order[gid]
        text = out[gid]
        if "pua" in damage and name in PUA_NAMES:
            text = PUA_NAMES[name]
        if damage & {"am_space", "aa_as_am"} and gid == font.nikhahit:
            text = " "
        if "aa_as_am" in damage and gid == font.aa:
            text = "ำ"
        if "period_as_so" in damage and text == ".":
            text = "ศ"
        if "thai_digits_as_arabic" in damage:
            text = "".join(chr(ord(c) - 0x0E50 + 0x30) if "๐" <= c <= "๙" else c for c in text)
        if "cyrillic_tones" in damage and text in CYRILLIC_TONES:
            text = CYRILLIC_TONES[text]
        if "greek_shift" in damage:
            text = "".join(chr(0x0370 + ord(c) - 0x0E01) if "\u0e01" <= c <= "\u0e5b" else c for c in text)
        if "glyph_codes" in damage:
            text = chr(33 + gid % 90)
        out[gid] = text
    return out


def _tounicode(mapping: dict[int, str]) -> bytes:
    lines = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
             "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
             "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
             "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange"]
    items = sorted((gid, text) for gid, text in mapping.items() if text)
    for k in range(0, len(items), 100):
        chunk = items[k:k + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        lines += [f"<{gid:04X}> <{text.encode('utf-16-be').hex().upper()}>" for gid, text in chunk]
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines).encode("ascii")


# --- content streams ------------------------------------------------------------------------------

def _n(v: float) -> str:
    s = f"{v:.3f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def _emit_line(out: list[str], font: _Font, glyphs: list[Placed], line: Line) -> None:
    """BT ... ET drawing the glyphs (in this content order) at their positions: TJ with
    adjustments, Ts for marks set off the baseline, Tf when the size changes, Tc for spacing."""
    if not glyphs:
        return
    out.append("BT")
    size = glyphs[0].size
    out.append(f"/F1 {_n(size)} Tf")
    if line.tc:
        out.append(f"{_n(line.tc)} Tc")
    pen = glyphs[0].x
    rise = 0.0
    out.append(f"1 0 0 1 {_n(pen)} {_n(line.baseline)} Tm")
    tj: list[str] = []

    def flush():
        if tj:
            out.append("[" + "".join(tj) + "] TJ")
            tj.clear()

    for g in glyphs:
        if abs(g.size - size) > 1e-6:
            flush()
            size = g.size
            out.append(f"/F1 {_n(size)} Tf")
        dy = round(g.y - line.baseline, 3)
        if abs(dy - rise) > 1e-6:
            flush()
            rise = dy
            out.append(f"{_n(rise)} Ts")
        dx = g.x - pen
        if abs(dx) > 5e-4:
            adj = round(-dx * 1000 / size, 2)
            if adj:
                tj.append(_n(adj) + " ")
                pen -= adj * size / 1000
        tj.append(f"<{g.gid:04X}>")
        pen += font.widths[g.gid] * size / 1000 + line.tc
    flush()
    # text state outlives ET: leave it as the next line expects it
    if rise:
        out.append("0 Ts")
    if line.tc:
        out.append("0 Tc")
    out.append("ET")


def _page_content(font: _Font, page: Page, damage: frozenset[str], hidden: list[Line]) -> bytes:
    out: list[str] = []
    if page.rules:
        out.append(f"q {_n(RULE_WIDTH)} w 0 G")
        for x0, y0, x1, y1 in page.rules:
            out.append(f"{_n(x0)} {_n(y0)} m {_n(x1)} {_n(y1)} l S")
        out.append("Q")
    out.append("0 g")
    for line in page.lines:
        _emit_line(out, font, _content_order(line, damage), line)
    for line in hidden:
        start = len(out)
        _emit_line(out, font, line.glyphs, line)
        out.insert(start + 1, "3 Tr")
    return ("\n".join(out) + "\n").encode("latin-1")


def _ocr_content(page: Page, rng: random.Random) -> bytes:
    letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.,;:'-!/()"
    out = [f"q {_n(PAGE_W)} 0 0 {_n(PAGE_H)} 0 0 cm /Im1 Do Q", "BT", "3 Tr"]
    for line in page.lines:
        width = line.x1 - line.x0
        if width < 1:
            continue
        size = line.size
        count = max(1, int(width / (0.5 * size)))
        words = []
        while sum(len(w) + 1 for w in words) < count:
            words.append("".join(rng.choice(letters) for _ in range(rng.randint(1, 7))))
        garbage = " ".join(words)[:count].replace("\\", "").replace("(", "\\(").replace(")", "\\)")
        scale = 100 * width / max(1.0, 0.5 * size * len(" ".join(words)[:count]))
        out.append(f"/F2 {_n(size)} Tf {_n(scale)} Tz 1 0 0 1 {_n(line.x0)} {_n(line.baseline)} Tm ({garbage}) Tj")
    out.append("ET")
    return ("\n".join(out) + "\n").encode("latin-1")


def _hidden_lines(lay_font: _Font, size: float, pages: list[Page], rng: random.Random) -> list[list[Line]]:
    lay = _Layout(lay_font, size, frozenset())
    out = []
    for _ in pages:
        text = rng.choice(HIDDEN_LINES)
        clusters = [c for line in lay.wrap(text, size, TEXT_W) for c in line]
        out.append([lay.place(clusters, MARGIN, PAGE_H - MARGIN + 0.6 * size, size, None)])
    return out


# --- the file -------------------------------------------------------------------------------------

class _Writer:
    def __init__(self):
        self.objects: list[bytes] = []

    def reserve(self) -> int:
        self.objects.append(b"")
        return len(self.objects)

    def set(self, num: int, body: bytes | str) -> int:
        self.objects[num - 1] = body.encode("latin-1") if isinstance(body, str) else body
        return num

    def add(self, body: bytes | str) -> int:
        return self.set(self.reserve(), body)

    def stream(self, entries: str, data: bytes, compress: bool = True) -> int:
        if compress:
            data = zlib.compress(data, 6)
            entries += " /Filter /FlateDecode"
        return self.add(f"<< {entries} /Length {len(data)} >>\nstream\n".encode("latin-1") + data + b"\nendstream")

    def bytes(self, root: int) -> bytes:
        buf = io.BytesIO()
        buf.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for k, body in enumerate(self.objects, 1):
            offsets.append(buf.tell())
            buf.write(f"{k} 0 obj\n".encode() + body + b"\nendobj\n")
        xref = buf.tell()
        buf.write(f"xref\n0 {len(self.objects) + 1}\n0000000000 65535 f \n".encode())
        for off in offsets:
            buf.write(f"{off:010d} 00000 n \n".encode())
        buf.write(f"trailer\n<< /Size {len(self.objects) + 1} /Root {root} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
        return buf.getvalue()


def _widths_array(font: _Font) -> str:
    return "[0 [" + " ".join(_n(w) for w in font.widths) + "]]"


def _render_pages(pdf: bytes, dpi: int = 150) -> list[bytes]:
    """The pages of a PDF as grayscale JPEGs (what a scanner's PDF carries)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    out = []
    try:
        for k in range(len(doc)):
            page = doc[k]
            image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            buf = io.BytesIO()
            image.save(buf, "JPEG", quality=80, optimize=False)
            out.append((image.size, buf.getvalue()))
            page.close()
    finally:
        doc.close()
    return out


def _parse_damage(damage) -> frozenset[str]:
    names = (damage,) if isinstance(damage, str) else tuple(damage)
    out = frozenset(n for n in names if n and n != "clean")
    unknown = out - DAMAGES.keys()
    if unknown:
        raise ValueError(f"unknown damage {sorted(unknown)}; known: {sorted(DAMAGES)}")
    return out


def forge_bytes(text: str, damage: str | tuple[str, ...] = (), *, font: Path | None = None, size: float = 14,
                seed: int = 0) -> bytes:
    damage = _parse_damage(damage)
    fnt = _load_font(Path(font) if font else default_font())
    rng = random.Random(seed)
    if "ocr_layer" in damage:
        clean = forge_bytes(text, tuple(damage - {"ocr_layer", "hidden_text"}), font=font, size=size, seed=seed)
        images = _render_pages(clean)
    pages = layout(text, fnt, size, damage)
    hidden = _hidden_lines(fnt, size, pages, rng) if "hidden_text" in damage else [[] for _ in pages]
    used: dict[int, str] = {}
    for page, extra in zip(pages, hidden):
        for line in page.lines + extra:
            for g in line.glyphs:
                if g.text:
                    used.setdefault(g.gid, g.text)

    w = _Writer()
    catalog, pages_id = w.reserve(), w.reserve()
    packed = _font_stream(fnt.path)
    font_file = w.add(f"<< /Filter /FlateDecode /Length1 {len(fnt.data)} /Length {len(packed)} >>\nstream\n".encode()
                      + packed + b"\nendstream")
    descriptor = w.add(f"<< /Type /FontDescriptor /FontName /{fnt.ps_name} /Flags 4 /FontBBox [{' '.join(map(str, fnt.bbox))}]"
                       f" /ItalicAngle 0 /Ascent {fnt.ascent} /Descent {fnt.descent} /CapHeight {fnt.cap} /StemV 80"
                       f" /FontFile2 {font_file} 0 R >>")
    cid_font = w.add(f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{fnt.ps_name}"
                     f" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
                     f" /FontDescriptor {descriptor} 0 R /CIDToGIDMap /Identity /DW 0 /W {_widths_array(fnt)} >>")
    to_unicode = ""
    if "no_tounicode" not in damage:
        to_unicode = f" /ToUnicode {w.stream('', _tounicode(_unicode_map(fnt, used, damage)))} 0 R"
    type0 = w.add(f"<< /Type /Font /Subtype /Type0 /BaseFont /{fnt.ps_name} /Encoding /Identity-H"
                  f" /DescendantFonts [{cid_font} 0 R]{to_unicode} >>")
    helvetica = w.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>") \
        if "ocr_layer" in damage else None
    kids = []
    for k, (page, extra) in enumerate(zip(pages, hidden)):
        if "ocr_layer" in damage:
            (iw, ih), jpeg = images[k]
            image = w.add(f"<< /Type /XObject /Subtype /Image /Width {iw} /Height {ih} /ColorSpace /DeviceGray"
                          f" /BitsPerComponent 8 /Filter /DCTDecode /Length {len(jpeg)} >>\nstream\n".encode()
                          + jpeg + b"\nendstream")
            content = w.stream("", _ocr_content(page, rng))
            resources = f"<< /Font << /F2 {helvetica} 0 R >> /XObject << /Im1 {image} 0 R >> >>"
        else:
            content = w.stream("", _page_content(fnt, page, damage, extra))
            resources = f"<< /Font << /F1 {type0} 0 R >> >>"
        kids.append(w.add(f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 {_n(PAGE_W)} {_n(PAGE_H)}]"
                          f" /Resources {resources} /Contents {content} 0 R >>"))
    w.set(pages_id, f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>")
    w.set(catalog, f"<< /Type /Catalog /Pages {pages_id} 0 R >>")
    return w.bytes(catalog)


def forge_pdf(text: str, path: Path, damage: str | tuple[str, ...] = (), *, font: Path | None = None,
              size: float = 14, seed: int = 0) -> Path:
    """Write `text` laid out as a PDF at `path` with the text-layer `damage` named (see DAMAGES;
    a name or a tuple of names, () or "clean" for none). Returns the path."""
    path = Path(path)
    path.write_bytes(forge_bytes(text, damage, font=font, size=size, seed=seed))
    return path
