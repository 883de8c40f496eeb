"""The text-layer check per page (pipeline/readers/layer_quality.py): synthetic garbage of every
kind, the project's own texts and English, and the real office PDFs of ../shared/real-pdfs when
that folder is present (skipped otherwise; the files are never copied into the project)."""
from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import pytest

from pipeline.readers import layer_quality as lq
from pipeline.readers.layer_quality import KINDS, Verdict, assess, decode_shifted, dictionary_share

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
PLAN = ROOT / "raw" / "muangkaew-anticorruption-plan-2566-2570.txt"
REAL_PDFS = ROOT.parent / "shared" / "real-pdfs"
MARKS = sorted(lq._MARK_SET)

ENGLISH = """\
Anti-corruption action plans are published by every local administrative organisation in
Thailand. The Integrity and Transparency Assessment (ITA) asks for evidence items such as EB2
and O20; the office posts them on its website, https://www.muangkaew.go.th/index.php?option=com_content&id=42,
and answers questions sent to saraban@muangkaew.go.th. In fiscal year 2023 the budget for the
project was 1,250,000.00 baht (see Table 3, p. 14). Don't confuse the plan's dimensions with its
missions: a dimension holds missions, a mission holds sub-missions, and each project has nine
fields. The PDF was made with Microsoft Word 2010 and checked with pypdfium2 and Tesseract OCR;
iPhone photos of PowerPoint slides are not accepted. Mr. McDonald, the auditor, wrote a
five-page report on the 2nd of May; its appendix lists ISO 9001, A4 paper and COVID-19 rules.
"""


def pages(text: str, size: int = 3000) -> list[str]:
    """Text in page-size chunks, cut at line ends."""
    out, current = [], ""
    for line in text.splitlines(keepends=True):
        current += line
        if len(current) >= size:
            out.append(current)
            current = ""
    return out + [current] if current.strip() else out


def plan_page(k: int = 10) -> str:
    return pages(PLAN.read_text(encoding="utf-8"))[k]


def shift(text: str, base: int) -> str:
    """Every Thai code point moved to base + its index in the Thai block."""
    return "".join(chr(base + ord(ch) - 0x0E00) if "\u0e00" <= ch <= "\u0e7f" else ch for ch in text)


def shuffle_marks(text: str, share: float, seed: int) -> str:
    """A share of the Thai marks taken out and put back at random places."""
    rnd = random.Random(seed)
    kept, moved = [], []
    for ch in text:
        (moved if ch in lq._MARK_SET and rnd.random() < share else kept).append(ch)
    for mark in moved:
        kept.insert(rnd.randrange(len(kept) + 1), mark)
    return "".join(kept)


def glyph_junk(seed: int, size: int = 2000) -> str:
    rnd = random.Random(seed)
    alphabet = "0123456789>@/?=;<[]^_`|~{}.,-+*#" + "\x0f\x12\x19\x1d"
    words = ("".join(rnd.choice(alphabet) for _ in range(rnd.randint(3, 14))) for _ in range(size // 8))
    return " ".join(words)


def latin_garbage(seed: int, size: int = 1500) -> str:
    """What a scanner's OCR makes of Thai: short Latin runs mixed with digits, quotes, colons."""
    rnd = random.Random(seed)
    letters, inner = "uanrtlfiodvsJyclLUTm", "1105':!{}[]?,.\"-6"
    out = []
    while sum(map(len, out)) < size:
        word = [rnd.choice(letters) for _ in range(rnd.randint(1, 9))]
        for _ in range(rnd.randint(0, 3)):
            word.insert(rnd.randrange(len(word) + 1), rnd.choice(inner))
        out.append("".join(word))
    return " ".join(out)


# --- the API --------------------------------------------------------------------------------------

def test_verdict_is_frozen_and_kinds_are_described():
    verdict = assess(plan_page())
    assert isinstance(verdict, Verdict) and verdict.readable and verdict.kind == "ok" and verdict.reason == ""
    with pytest.raises(dataclasses.FrozenInstanceError):
        verdict.readable = False
    assert set(KINDS) == {"ok", "empty", "shifted_script", "glyph_codes", "latin_garbage", "impossible_thai",
                          "no_text"}
    assert all(description.strip() for description in KINDS.values())


def test_every_finding_has_a_thai_and_english_reason():
    for text in ("", shift(plan_page(), 0x0370), glyph_junk(1), latin_garbage(1), shuffle_marks(plan_page(), 1, 1),
                 "\x01\x02\x03" * 20):
        verdict = assess(text)
        assert not verdict.readable and verdict.kind in KINDS and verdict.kind != "ok"
        assert any("\u0e01" <= ch <= "\u0e4e" for ch in verdict.reason)
        assert "(" in verdict.reason and any("a" <= ch <= "z" for ch in verdict.reason)


# --- one test per kind ------------------------------------------------------------------------------

def test_ok_plan_pages_fixtures_and_english():
    texts = [PLAN.read_text(encoding="utf-8")] + [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.txt"))]
    chunks = [chunk for text in texts for chunk in pages(text)]
    assert len(chunks) > 60
    for chunk in chunks:
        verdict = assess(chunk)
        assert verdict.kind == "ok", (verdict, chunk[:200])
        assert verdict.impossible_rate < lq.IMPOSSIBLE_OK and verdict.glyph_share < 0.01
    english = assess(ENGLISH * 3)
    assert english.kind == "ok" and english.latin_share > 0.95 and english.latin_bad_share < 0.05


def test_ok_damage_the_reader_repairs():
    """ำ as ' า' or ํา, า as ำ, a tone mark after its vowel, a space before a mark: repaired later."""
    page = plan_page(3)
    damaged = page.replace("ำ", " า", 40).replace("ำ", "\u0e4d\u0e32", 40).replace("การ", "กำร", 30)
    damaged = damaged.replace("ว้า", "วา้", 5).replace("ที่", "ที ่", 3)
    assert damaged != page
    assert assess(damaged).kind == "ok"


def test_empty():
    for text in ("", "   \r\n ", "- ๑๒ -", "หน้า ๔"):
        verdict = assess(text)
        assert verdict.kind == "empty" and not verdict.readable


@pytest.mark.parametrize("base,script", [(0x0370, "Greek"), (0x0400, "Cyrillic"), (0x0530, "Armenian")])
def test_shifted_script(base, script):
    verdict = assess(shift(plan_page(), base))
    assert verdict.kind == "shifted_script" and not verdict.readable
    assert verdict.other_share > 0.9 and verdict.thai_share == 0
    assert script in verdict.reason


def test_a_few_other_script_letters_are_ok():
    """Excel and PowerPoint sometimes give a tone mark as a Cyrillic letter (ѷ Ѹ); a page may cite α."""
    page = plan_page(4)
    assert assess(page.replace("่", "ѷ", 6) + " α = 0.05 Ѹ").kind == "ok"


@pytest.mark.parametrize("seed", range(5))
def test_glyph_codes(seed):
    verdict = assess(glyph_junk(seed))
    assert verdict.kind == "glyph_codes" and verdict.glyph_share > 0.3
    # with some real Thai among the codes, as TCPDF leaves it
    mixed = glyph_junk(seed).replace("@", "อ@", 30).replace("/", "ห/", 20)
    assert assess(mixed).kind == "glyph_codes"


@pytest.mark.parametrize("seed", range(5))
def test_latin_garbage(seed):
    verdict = assess(latin_garbage(seed))
    assert verdict.kind == "latin_garbage" and verdict.latin_bad_share > 0.5, verdict


def test_codes_urls_and_emails_are_english_like():
    for word in ("ITA", "EB2", "O20", "PowerPoint", "iPhone", "McDonald", "don't", "five-page", "COVID-19",
                 "A4", "2nd", "e-mail", "and/or", "Dr.", "PDFs"):
        assert lq._english_like(word), word
    for word in ("t:uu", "fu01u't", "lUVl", "uuun?Jon?13J", "nul15anu", "lyrfl1,Ja", "vl", "crd9)"):
        assert not lq._english_like(word.strip(lq._EDGE)), word


def test_no_text():
    verdict = assess("\x01\x02\x03\x04 " * 10 + "\ufffd" * 10)
    assert verdict.kind == "no_text" and not verdict.readable


@pytest.mark.parametrize("seed", range(3))
def test_impossible_thai_all_marks_moved(seed):
    verdict = assess(shuffle_marks(plan_page(), 1.0, seed))
    assert verdict.kind == "impossible_thai" and verdict.impossible_rate >= lq.IMPOSSIBLE_BAD
    assert verdict.dictionary_share is None  # decided by the cheap signal


def test_impossible_thai_rules():
    consonants = "กขคงจฉชซฌญฎฏฐฑฒณดตถทธนบปผพฟภมยรลวศษสหอฮ"
    rnd = random.Random(7)
    marks_without_base = " ".join("า" + rnd.choice(MARKS) + "ะ" + rnd.choice(MARKS) for _ in range(60))
    assert assess(marks_without_base).kind == "impossible_thai"
    piles = " ".join(rnd.choice(consonants) + "".join(rnd.sample(MARKS, 5)) for _ in range(60))
    assert assess(piles).kind == "impossible_thai"
    leading = " ".join(rnd.choice("เแโใไ") + rnd.choice("าะ ๆ") + rnd.choice(consonants) for _ in range(60))
    assert assess(leading).kind == "impossible_thai"
    assert assess("เเละ " * 30).kind == "ok"  # เเ typed for แ: common, allowed


def test_the_dictionary_decides_the_grey_zone():
    """Between IMPOSSIBLE_OK and IMPOSSIBLE_BAD the word list decides: a plan page with 30 % of its
    marks moved still reads as words; random consonants with as many misplaced marks do not."""
    page = plan_page()
    grey = next(text for seed in range(20) if lq.IMPOSSIBLE_OK <= assess(text := shuffle_marks(page, 0.3, seed))
                .impossible_rate < lq.IMPOSSIBLE_BAD)
    verdict = assess(grey)
    assert verdict.kind == "ok" and verdict.dictionary_share >= lq.DICTIONARY_MIN
    rnd = random.Random(3)
    consonants = "กขคงจฉชซฌญฎฏฐฑฒณดตถทธนบปผพฟภมยรลวศษสหอฮ"
    words = ["".join(rnd.choice(consonants) + (rnd.choice("่้ิีุู") if rnd.random() < 0.3 else "")
                     for _ in range(rnd.randint(3, 7))) for _ in range(400)]
    for k in range(0, 400, 8):
        words[k] = "า" + rnd.choice(MARKS) + words[k]  # a mark with no base: ~2 % of the letters
    nonsense = " ".join(words)
    verdict = assess(nonsense)
    assert lq.IMPOSSIBLE_OK <= verdict.impossible_rate < lq.IMPOSSIBLE_BAD, verdict
    assert verdict.kind == "impossible_thai" and verdict.dictionary_share < lq.DICTIONARY_MIN


def test_cheap_signals_decide_clear_pages_without_the_dictionary(monkeypatch):
    def no_dictionary():
        raise AssertionError("the word list was loaded for a clear page")

    monkeypatch.setattr(lq, "_words", no_dictionary)
    for text in pages(PLAN.read_text(encoding="utf-8"))[:40] + [ENGLISH, glyph_junk(1), latin_garbage(1),
                                                                    shift(plan_page(), 0x0370)]:
        assert assess(text).dictionary_share is None


def test_dictionary_share():
    assert dictionary_share(plan_page()) > 0.95
    assert dictionary_share("ส านักงาน อ าเภอ น้ํา") > 0.95  # the damage the reader repairs is read through
    assert dictionary_share("ฆฌฎฏ ฐฑฒณ ฆฌฎฏฐ") < 0.5


# --- decoding Reporting Services' shift -----------------------------------------------------------

def to_ms_sans_serif_glyphs(text: str) -> str:
    """What Reporting Services' PDFs give PDFium for Thai in Microsoft Sans Serif: glyph numbers
    (ำ is drawn as ํ + า; a tone mark on a consonant alone is the low glyph, above a vowel the
    raised one; ASCII at its code - 0x1D)."""
    out, previous = [], ""
    for ch in text.replace("ำ", "\u0e4d\u0e32"):
        code = ord(ch)
        if "\u0e48" <= ch <= "\u0e4c":
            raised = previous in "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e4d"
            out.append(chr(code - 0xA61 if raised else code - 0xAB3))
        elif 0x0E01 <= code <= 0x0E3A:
            out.append(chr(code - 0xA5E))
        elif 0x0E40 <= code <= 0x0E4D:
            out.append(chr(code - 0xA61))
        elif "0" <= ch <= "9" or ch in ".,":
            out.append(chr(code - 0x1D))
        else:
            out.append(ch)
        previous = ch
    return "".join(out)


def test_decode_shifted_round_trip():
    thai = "คำแถลงงบประมาณ\nประจำปีงบประมาณ พ.ศ. 2561\nรายได้ที่รัฐบาลอุดหนุนให้องค์กรปกครองส่วนท้องถิ่น\n" \
           "หมวดค่าธรรมเนียม ค่าปรับ และใบอนุญาต 325,509.60\nหมวดเงินอุดหนุนทั่วไป 13,228,609.00\n"
    shifted = to_ms_sans_serif_glyphs(thai)
    assert assess(shifted).kind == "shifted_script"
    assert decode_shifted(shifted) == thai


def test_decode_shifted_refuses_what_it_cannot_undo():
    assert decode_shifted(plan_page()) is None                     # not shifted
    assert decode_shifted(shift(plan_page(), 0x0370)) is None      # another offset: glyphs it does not know
    assert decode_shifted("Ϊϔ" * 5 + " ΑΒΓΔ " * 10) is None        # Greek outside the font's Thai glyphs
    shifted = to_ms_sans_serif_glyphs("รายได้จัดเก็บเอง หมวดภาษีอากร " * 5)
    assert decode_shifted(shifted.replace("ϔ", "ϔA", 3)) is None   # real ASCII inside a shifted word
    assert decode_shifted(to_ms_sans_serif_glyphs("ฆฌฎฏ ฐฑฒณ ฆฌฎฏฐ " * 5)) is None  # decodes, but to no words


# --- the real office PDFs (../shared/real-pdfs; skipped when absent) ------------------------------

UNREADABLE = {
    "reporting-services-budget-shifted-thai.pdf": "shifted_script",
    "tcpdf-glyph-garbage.pdf": "glyph_codes",
    "scan-with-garbage-ocr-layer.pdf": "latin_garbage",
}


def real_pages():
    if not REAL_PDFS.is_dir():
        return []
    return [(path.name, i) for path in sorted(REAL_PDFS.glob("*.pdf")) for i in range(_count(path))]


def _count(path: Path) -> int:
    pdfium = pytest.importorskip("pypdfium2")
    document = pdfium.PdfDocument(path)
    try:
        return len(document)
    finally:
        document.close()


def page_text(name: str, index: int) -> str:
    pdfium = pytest.importorskip("pypdfium2")
    document = pdfium.PdfDocument(REAL_PDFS / name)
    try:
        textpage = document[index].get_textpage()
        return textpage.get_text_range()
    finally:
        document.close()


needs_real = pytest.mark.skipif(not REAL_PDFS.is_dir(), reason=f"{REAL_PDFS} not available")


@needs_real
@pytest.mark.parametrize("name,index", real_pages() or [("none", 0)])
def test_real_pages(name, index):
    text = page_text(name, index)
    verdict = assess(text)
    if name in UNREADABLE:
        assert verdict.kind == UNREADABLE[name] and not verdict.readable, verdict
    elif len("".join(text.split())) < lq.MIN_CHARS:  # the scans, and a scanned page of the handbook
        assert verdict.kind == "empty"
    else:  # Word, Distiller, Excel, PowerPoint: damaged in ways the reader repairs
        assert verdict.kind == "ok", verdict
        assert verdict.impossible_rate < lq.IMPOSSIBLE_OK and verdict.glyph_share < 0.01
    if name != "reporting-services-budget-shifted-thai.pdf":
        assert decode_shifted(text) is None


@needs_real
def test_real_reporting_services_page_decodes_to_what_it_shows():
    decoded = decode_shifted(page_text("reporting-services-budget-shifted-thai.pdf", 0))
    assert decoded is not None
    lines = decoded.splitlines()
    # as the page renders it (the words' spaces are not in the layer: the reader puts them back)
    assert lines[0] == "คำแถลงงบประมาณ"
    assert lines[1] == "ประจำปีงบประมาณพ.ศ.2561"
    assert lines[2] == "เทศบาลตำบลพอกน้อย"
    assert "รายรับจริงปี2559" in lines[4]
    assert "หมวดค่าธรรมเนียมค่าปรับและใบอนุญาต 325,509.60" in decoded
    assert "หมวดเงินอุดหนุนทั่วไป 13,228,609.00" in decoded
    assert lines[-1].startswith("รวม 32,972,998.80")
    assert assess(decoded).kind == "ok"
