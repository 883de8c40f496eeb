"""The PDF forge (tests/pdf_forge.py): each damage mode leaves exactly its signature in the text
layer PDFium reads, the page drawn stays the clean page's, and the files are deterministic.
These tests check the forge, not the pipeline's reader."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("uharfbuzz", reason="the forge shapes Thai with uharfbuzz")
pytest.importorskip("fontTools", reason="the forge reads the font's tables with fontTools")
pdfium = pytest.importorskip("pypdfium2", reason="the forge's PDFs are read back with pypdfium2")
np = pytest.importorskip("numpy")

from make_docs import sarabun_fonts  # noqa: E402

if sarabun_fonts() is None:
    pytest.skip("the Sarabun font (PyPI fontpkg-sarabun) is not installed", allow_module_level=True)

from pdf_forge import DAMAGES, forge_bytes, forge_pdf  # noqa: E402

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PLAN8 = (FIXTURES / "plan_8_sections.txt").read_text(encoding="utf-8")
MINI = (FIXTURES / "mini_plan.txt").read_text(encoding="utf-8")
# modes that redraw the page (justified lines, smaller Thai, a scanned image)
REDRAWN = {"letter_spaced", "small_thai", "ocr_layer"}


@pytest.fixture(scope="module")
def forged(tmp_path_factory):
    """The 8-section fixture forged clean and in every mode, each once per module."""
    folder = tmp_path_factory.mktemp("forge")
    cache: dict = {}

    def get(damage=()):
        key = (damage,) if isinstance(damage, str) else tuple(damage)
        if key not in cache:
            cache[key] = forge_pdf(PLAN8, folder / f"{'-'.join(key) or 'clean'}.pdf", key)
        return cache[key]
    return get


def _texts(path: Path, pages=None) -> list[str]:
    doc = pdfium.PdfDocument(str(path))
    try:
        out = []
        for k in range(len(doc)) if pages is None else pages:
            page = doc[k]
            tp = page.get_textpage()
            out.append(tp.get_text_range())
            tp.close()
            page.close()
        return out
    finally:
        doc.close()


def _text(path: Path) -> str:
    return "\n".join(_texts(path))


def _squeezed(path: Path) -> str:
    return re.sub(r"\s+", "", _text(path))


def _render(path: Path, pages=(0, 1, 2), dpi: int = 50) -> list:
    doc = pdfium.PdfDocument(str(path))
    try:
        return [np.asarray(doc[k].render(scale=dpi / 72, grayscale=True).to_pil().convert("L"), dtype=np.int16)
                for k in pages]
    finally:
        doc.close()


def test_the_damage_table_names_every_mode():
    assert len(DAMAGES) == 15
    assert all(isinstance(v, str) and v for v in DAMAGES.values())
    with pytest.raises(ValueError):
        forge_bytes("ก", "no_such_damage")


def test_clean_text_layer_reads_the_input(forged):
    text = _squeezed(forged())
    lines = [line for line in PLAN8.split("\n") if line.strip() and "\t" not in line]
    for line in lines[:40] + lines[-40:]:
        assert re.sub(r"\s+", "", line) in text, line
    assert "ำ" in text and "ํ" not in text and not any(0xF700 <= ord(c) <= 0xF8FF for c in text)


def test_clean_table_cells_read_back(forged):
    text = _squeezed(forged())
    for cell in ("โครงการอบรมคุณธรรมจริยธรรมแก่บุคลากร", "๑๔๑,๕๐๐", "งบประมาณ(บาท)", "หมายเหตุ"):
        assert cell in text


def test_a_multi_page_plan(forged):
    doc = pdfium.PdfDocument(str(forged()))
    assert 8 <= len(doc) <= 40
    assert all(doc[k].get_size() == (595.0, 842.0) for k in range(len(doc)))
    doc.close()


def test_am_space(forged):
    text = _text(forged("am_space"))
    assert "ล าดับที่" in text and "ส านักปลัด" in text or "ส านัก" in text
    assert "ำ" not in text and "การ" in text


def test_aa_as_am(forged):
    text = _text(forged("aa_as_am"))
    assert "โครงกำร" in text and "ล ำดับที่" in text
    assert "า" not in text


def test_am_split(forged):
    text = _text(forged("am_split"))
    assert "ลําดับที่" in text and "ํา" in text and "ำ" not in text


def test_pua(forged):
    text = _text(forged("pua"))
    assert "ป\uf706องกัน" in text           # ้ shifted left after ป
    assert "\uf70a" in text                  # ่ set small over an upper vowel (ถิ่น, เพื่อ)
    assert "ป้อง" not in text


def test_marks_late(forged):
    text = _squeezed(forged("marks_late"))
    assert "ทอ้งถนิ่" in text                 # ท้องถิ่น with every mark after the next letter
    assert "ท้องถิ่น" not in text


def test_cyrillic_tones(forged):
    texts = _texts(forged("cyrillic_tones"), pages=[0])
    lines = [line.strip() for line in texts[0].splitlines() if line.strip()]
    first = lines[0]
    assert "\u0477" in first and "\u0478" in first                      # ่ and ้ as ѷ Ѹ
    assert re.search("[\u0477-\u047b ]+$", first) and not re.search("[\u0477-\u047b]", first[:40])
    assert not re.search("[\u0e48-\u0e4c]", "".join(texts))
    assert "ปองกัน" in first


def test_period_as_so(forged):
    text = _text(forged("period_as_so"))
    assert "พศศศ" in text and "." not in text


def test_letter_spaced(forged):
    path = forged("letter_spaced")
    assert _squeezed(path) == _squeezed(forged())       # same text, only spacing changed
    raw = Path(path).read_bytes()
    import zlib
    streams = [zlib.decompress(m.group(1)) for m in re.finditer(rb"stream\n(.*?)\nendstream", raw, re.S)
               if m.group(1)[:2] == b"x\x9c"]
    spacing = [float(v) for s in streams for v in re.findall(rb"\n(-?[\d.]+) Tc\n", s) if float(v)]
    assert spacing and all(0 < v < 0.4 * 14 for v in spacing)
    # a wrapped line reaches the right margin: its last glyph ends near x = 595 - 56
    doc = pdfium.PdfDocument(str(path))
    tp = doc[0].get_textpage()
    rights = [tp.get_charbox(k)[2] for k in range(tp.count_chars())]
    assert max(rights) == pytest.approx(539, abs=3)
    doc.close()


def test_thai_digits_as_arabic(forged):
    text = _text(forged("thai_digits_as_arabic"))
    assert "(พ.ศ. 2567 – 2570)" in text and not re.search("[๐-๙]", text)


def test_greek_shift(forged):
    text = _text(forged("greek_shift"))
    assert not re.search("[\u0e00-\u0e7f]", text)
    assert "".join(chr(0x0370 + ord(c) - 0x0E01) for c in "โครงการ") in text
    assert "1.1" in text                                              # ASCII untouched


def test_glyph_codes(forged):
    text = _text(forged("glyph_codes")).replace("\ufffe", "")  # PDFium's mark for a line ending in -
    assert text and all(ord(c) < 128 for c in text)


def test_no_tounicode(forged):
    raw = Path(forged("no_tounicode")).read_bytes()
    assert b"/ToUnicode" not in raw
    assert "โครงการ" not in _text(forged("no_tounicode"))


def test_small_thai(forged):
    path = forged("small_thai")
    text = _squeezed(path)
    for line in [line for line in PLAN8.split("\n") if line.strip() and "\t" not in line][:40]:
        assert re.sub(r"\s+", "", line) in text, line
    doc = pdfium.PdfDocument(str(path))
    tp = doc[0].get_textpage()
    sizes: dict[str, float] = {}
    for k in range(tp.count_chars()):   # first use: the title's line
        sizes.setdefault(tp.get_text_range(k, 1), round(pdfium.raw.FPDFText_GetFontSize(tp.raw, k), 1))
    assert sizes["ผ"] == pytest.approx(9.8) and sizes["("] == 14 and sizes["๒"] == pytest.approx(9.8)
    doc.close()


def test_ocr_layer(forged):
    path = forged("ocr_layer")
    text = _text(path)
    assert text.strip() and not re.search("[\u0e00-\u0e7f]", text)
    doc = pdfium.PdfDocument(str(path))
    objects = list(doc[0].get_objects())
    assert objects[0].type == pdfium.raw.FPDF_PAGEOBJ_IMAGE
    text_objs = [o for o in objects if o.type == pdfium.raw.FPDF_PAGEOBJ_TEXT]
    assert text_objs and all(pdfium.raw.FPDFTextObj_GetTextRenderMode(o.raw) == 3 for o in text_objs)
    doc.close()
    # the image is the clean page
    a, b = _render(forged(), pages=(0,))[0], _render(path, pages=(0,))[0]
    h, w = (a.shape[0] // 8) * 8, (a.shape[1] // 8) * 8
    blocks = [x[:h, :w].reshape(h // 8, 8, w // 8, 8).mean(axis=(1, 3)) for x in (a, b)]
    assert np.abs(blocks[0] - blocks[1]).mean() < 6 < np.abs(blocks[0] - 255).mean()


def test_hidden_text(forged):
    path = forged("hidden_text")
    text = _squeezed(path)
    clean = _squeezed(forged())
    assert len(text) > len(clean)
    doc = pdfium.PdfDocument(str(path))
    invisible = [o for o in doc[0].get_objects() if o.type == pdfium.raw.FPDF_PAGEOBJ_TEXT
                 and pdfium.raw.FPDFTextObj_GetTextRenderMode(o.raw) == 3]
    assert invisible
    doc.close()


@pytest.mark.parametrize("damage", sorted(set(DAMAGES) - REDRAWN))
def test_the_page_looks_clean(forged, damage):
    """Only the text layer is damaged: the pages render as the clean ones do (pages 1-3: prose
    with ำ and marks, the ruled table)."""
    clean = _render(forged())
    for a, b in zip(clean, _render(forged(damage))):
        assert a.shape == b.shape
        # the glyphs' origins are the same (PDFium's char origins match exactly); PDFium snaps
        # each glyph to the pixel grid and hints it on its own, so a mark or ำ drawn as another
        # glyph, or in another order, may land one pixel over: allow that, nothing more
        diff = np.abs(a - b)
        for dx in (-1, 1):
            diff = np.minimum(diff, np.abs(np.roll(a, dx, axis=1) - b))
        assert (diff > 8).mean() < 0.002, damage


def test_combined_modes(tmp_path):
    path = forge_pdf(MINI, tmp_path / "x.pdf", ("am_space", "marks_late", "period_as_so"))
    text = _text(path)
    assert "พศศศ" in text and "ำ" not in text and "ส านักปลัด" not in text  # marks moved: ส านกัปลดั
    assert "ส านกั" in text.replace("\r\n", "")


def test_deterministic(tmp_path):
    for damage in ((), ("hidden_text", "letter_spaced"), "ocr_layer"):
        a = forge_bytes(MINI, damage, seed=3)
        b = forge_bytes(MINI, damage, seed=3)
        assert a == b
    assert forge_bytes(MINI, "hidden_text", seed=1) != forge_bytes(MINI, "hidden_text", seed=2)


def test_fast():
    import time
    start = time.perf_counter()
    forge_bytes(PLAN8, ("am_space", "pua"))
    assert time.perf_counter() - start < 2.0
