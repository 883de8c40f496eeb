"""Real PDFs of Thai offices (../shared/real-pdfs, where present; none is a plan): read with no
damage signature left and no garbage passed on as text. The damaged forms and the words were
checked against the pages rendered (README: Supported input); the fixtures in test_pdf_damage.py
reproduce each damage class without these files."""
import re
from pathlib import Path

import pytest

import pipeline
from conftest import ROOT
from pipeline.readers import InputError

REAL = ROOT.parent / "shared" / "real-pdfs"
pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real-pdfs is not here")

TEXT_LAYERS = ["word2007-announcement-anticorruption.pdf", "word2007-procurement-report.pdf",
               "word2007-municipality-announcement.pdf", "word2010-form-aa-as-am.pdf",
               "word2010-form-nikhahit-split.pdf", "distiller-gazette.pdf", "word2013-handbook-complaints.pdf",
               "powerpoint2013-slide.pdf", "excel2007-bill-of-quantities.pdf"]
GARBAGE = ["tcpdf-glyph-garbage.pdf", "scan-with-garbage-ocr-layer.pdf"]

# damage signatures: a consonant (and tone mark) then a space then า (ำ's ring read as a space),
# NIKHAHIT then า, PUA glyph variants, Cyrillic stand-ins, a tone mark before its vowel
SIGNATURES = {
    "ring as a space": re.compile("[ก-ฮ][่-๋]? า"),
    "split ำ": re.compile("\u0e4d\u0e32"),
    "PUA glyph": re.compile("[\uf700-\uf8ff]"),
    "Cyrillic stand-in": re.compile("[\u0400-\u04ff]"),
    "tone mark before its vowel": re.compile("[\u0e48-\u0e4b][\u0e31\u0e34-\u0e37]"),
}


@pytest.fixture(scope="module")
def texts():
    return {name: pipeline.read_text(REAL / name, ocr="never") for name in TEXT_LAYERS}


def _pdfium_text(path: Path) -> str:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        return "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    finally:
        document.close()


@pytest.mark.parametrize("name", TEXT_LAYERS)
def test_no_damage_signature_is_left(texts, name):
    text = texts[name]
    assert len(re.findall("[ก-๙]", text)) > 200
    for kind, signature in SIGNATURES.items():
        assert not signature.search(text), (kind, signature.search(text).group(0))


# words seen on the pages (rendered and read), with the forms PDFium's text gives them
WORDS = {
    "word2007-announcement-anticorruption.pdf": {"สำนักงานสาธารณสุขอำเภอ": 3, "ดำเนินงาน": 1, "กำหนด": 1,
                                                 "มาตรการป้องกันการทุจริต": 2},
    "word2010-form-aa-as-am.pdf": {"คำร้อง": 4, "การเลี้ยงดูเด็กแรกเกิด": 2, "ประชาชน": 1},
    "powerpoint2013-slide.pdf": {"ผู้อำนวยการโรงพยาบาล": 1, "ชำนาญการ": 10, "กลุ่มงาน": 13},
    "distiller-gazette.pdf": {"สำนักงานปลัดกระทรวง": 5, "พ.ศ. 2560": 1, "ผลสัมฤทธิ์ตามภารกิจ": 1},
    "excel2007-bill-of-quantities.pdf": {"ถนนกว้าง": 1, "ตำบลพอกน้อย": 1, "อำเภอ": 1, "จำนวน": 1},
}


@pytest.mark.parametrize("name", sorted(WORDS))
def test_government_words_with_am_and_aa_come_out_right(texts, name):
    flat = "".join(texts[name].split())
    for word, at_least in WORDS[name].items():
        assert flat.count("".join(word.split())) >= at_least, word


@pytest.mark.parametrize("name", TEXT_LAYERS)
def test_no_more_spaces_inside_words_than_pdfiums_own_text(texts, name):
    words = ["สำนักงาน", "ดำเนินการ", "ราชการ", "ประกาศ", "โครงการ", "หน่วยงาน", "ปฏิบัติ", "เจ้าหน้าที่",
             "เกี่ยวข้อง", "ประชาชน", "งบประมาณ"]

    def spaced(text):
        return sum(" " in m.group(0) for w in words for m in re.finditer(r"\s?".join(map(re.escape, w)), text))
    assert spaced(texts[name]) <= spaced(_pdfium_text(REAL / name))


@pytest.mark.parametrize("name", GARBAGE)
def test_a_garbage_text_layer_is_refused_without_ocr(name):
    with pytest.raises(InputError) as caught:
        pipeline.read_text(REAL / name, ocr="never")
    assert "text layer that cannot be read" in str(caught.value) and "--ocr auto" in str(caught.value)


def test_a_scanners_latin_ocr_layer_is_read_by_ocr_instead(tmp_path):
    from conftest import TESSERACT

    if TESSERACT is None:
        pytest.skip("tesseract not installed (.ci/run installs tesseract-ocr tesseract-ocr-tha)")
    text = pipeline.read_text(REAL / "scan-with-garbage-ocr-layer.pdf", workers=2)
    thai, latin = len(re.findall("[ก-๙]", text)), len(re.findall("[A-Za-z]", text))
    assert thai > 1000 and latin < 0.05 * thai
    # the page shows ส่วนราชการ วิทยาลัยเทคนิค... and the memo's heading
    assert "ส่วนราชการ" in text and "ผู้อำนวยการวิทยาลัย" in text


def test_reporting_services_shifted_thai_is_decoded_and_said_so():
    plan_text = pipeline.read_text(REAL / "reporting-services-budget-shifted-thai.pdf", ocr="never")
    # the rendered page: คำแถลงงบประมาณ / ประจำปีงบประมาณ พ.ศ. 2561 / ... / หมวดภาษีอากร 299,701.04 ...
    lines = plan_text.splitlines()
    assert lines[1:3] == ["คำแถลงงบประมาณ", "ประจำปีงบประมาณพ.ศ.2561"]
    assert "หมวดภาษีอากร 299,701.04 298,500.00 296,500.00" in lines
    assert not re.search("[\u0370-\u03ff]", plan_text)
    from pipeline.readers import read_source
    source = read_source(REAL / "reporting-services-budget-shifted-thai.pdf", ocr="never")
    assert [(kind, page) for kind, page, _, _ in source.notes] == [("decoded", 1)]


def test_arabic_digits_drawn_as_thai_digits_are_said_so():
    """TH SarabunIT๙ draws Thai digits for Arabic code points: the rendered page shows
    'พ.ศ. ๒๕๕๘', the text layer holds 2558; read as the number, with a repair that says so."""
    from pipeline.readers import read_source

    source = read_source(REAL / "word2007-municipality-announcement.pdf", ocr="never")
    assert "พ.ศ. 2558" in source.text
    kind = next(k for k in source.repairs if "TH SarabunIT" in k)
    assert source.repair_pages[kind] == [1] and source.repairs[kind] >= 4
    other = read_source(REAL / "distiller-gazette.pdf", ocr="never")  # real Thai digits, THSarabunPSK
    assert not any("TH SarabunIT" in k for k in other.repairs)


# Lines read off the rendered pages (pypdfium2 at 1.6x, looked at line by line), as the page shows
# them: the reader's text against them, spaces aside (the reader's spaces are rebuilt from gaps)
# and Thai digits as Arabic (the outputs' digits)
PAGE_LINES = {
    "word2007-announcement-anticorruption.pdf": [
        "ประกาศสำนักงานสาธารณสุขอำเภอหนองใหญ่",
        "เรื่อง มาตรการป้องกันการทุจริตและประพฤติมิชอบในการจัดซื้อจัดจ้าง",
        "ตามพระราชบัญญัติการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ.๒๕๖๐ มีผลบังคับใช้",
        "ไปแล้วนั้น เพื่อให้การดำเนินงานเกี่ยวกับการจัดซื้อจัดจ้าง ของสำนักงานสาธารณสุขอำเภอหนองใหญ่",
        "จังหวัดชลบุรี และหน่วยงานในกำกับ ถือปฏิบัติอย่างเคร่งครัด แสดงถึงความคุ้มค่า โปร่งใส มีประสิทธิภาพ",
        "และประสิทธิผล ตรวจสอบได้ และรับผิดชอบต่อการปฏิบัติหน้าที่ของผู้ที่มีส่วนเกี่ยวข้อง",
        "สำนักงานสาธารณสุขอำเภอหนองใหญ่ จึงได้มีการกำหนดมาตรการป้องกันการทุจริตและ",
        "ประพฤติมิชอบในการจัดซื้อจัดจ้างของหน่วยงานขึ้น ทั้งนี้เพื่อเป็นการกำชับให้ผู้ปฏิบัติได้ถือปฏิบัติให้ถูกต้อง",
    ],
    "excel2007-bill-of-quantities.pdf": [
        "ใบประมาณการ (ปร.4)",
        "โครงการ : ขยายผิวจราจรถนน คสล. ภายในหมู่บ้าน หมู่ที่ 12",
        "ปริมาณงาน : ถนนกว้าง 3.00 เมตร ยาวข้างละ 90 เมตร ความยาวรวม 180.00 เมตร หนา 0.15 เมตร",
        "หรือพื้นที่คอนกรีตเสริมเหล็กไม่น้อยกว่า 540.00 ตารางเมตร",
        "สถานที่ : บ้านสามแยกสูงเนิน หมู่ที่ 12 ตำบลพอกน้อย อำเภอพรรณานิคม จังหวัดสกลนคร",
        "ประมาณการเมื่อ สิงหาคม พ.ศ.2557",
        "ประมาณการ นายสหชาติ แก่นท้าว ตำแหน่ง นายช่างโยธา",
    ],
    "word2010-form-aa-as-am.pdf": [
        "แบบคำร้องขอเปลี่ยนแปลงสิทธิผู้รับเงินอุดหนุนเพื่อการเลี้ยงดูเด็กแรกเกิด",
        "ส่วนที่ 1 ข้อมูลของผู้ยื่นคำร้อง",
        "เรียน นายกองค์การบริหารส่วนตำบล/นายกเทศมนตรีเทศบาล/นายกเมืองพัทยา/ผู้อำนวยการเขต",
    ],
    "powerpoint2013-slide.pdf": [
        "ผู้อำนวยการโรงพยาบาลพิชัย", "นายแพทย์ชำนาญการ", "นักจัดการงานทั่วไปปฏิบัติการ",
        "พยาบาลวิชาชีพชำนาญการพิเศษ", "นักกายภาพบำบัดชำนาญการ", "เภสัชกรชำนาญการพิเศษ",
    ],
    "distiller-gazette.pdf": [
        "แบ่งส่วนราชการสำนักงานปลัดกระทรวง", "กระทรวงสาธารณสุข มีภารกิจเกี่ยวกับการพัฒนา",
        "แผนการปฏิบัติราชการ ตลอดจนจัดสรรทรัพยากร", "รลุเป้าหมายและเกิดผลสัมฤทธิ์ตามภารกิจของกระทรวง",
    ],
}


def _error_rate(lines: list[str], text: str) -> float:
    """Characters wrong (edits to the best-matching stretch of the text) over characters shown."""
    from rapidfuzz.distance import Levenshtein
    from rapidfuzz.fuzz import partial_ratio_alignment

    from pipeline.thai import to_arabic

    flat = to_arabic("".join(text.split()))
    edits = shown = 0
    for line in lines:
        want = to_arabic("".join(line.split()))
        where = partial_ratio_alignment(want, flat)
        edits += Levenshtein.distance(want, flat[where.dest_start:where.dest_end])
        shown += len(want)
    return edits / shown


def test_the_text_read_matches_the_page_images():
    lines = [(name, line) for name, page in PAGE_LINES.items() for line in page]
    ours = sum(_error_rate([line], pipeline.read_text(REAL / name, ocr="never")) * len(line) for name, line in lines)
    pdfium = sum(_error_rate([line], _pdfium_text(REAL / name)) * len(line) for name, line in lines)
    shown = sum(len(line) for _, line in lines)
    # measured: 0 of 1,484 characters wrong; PDFium's own text 5.0 % (ส านัก, กำร, ํา, คา่ ...)
    assert ours / shown < 0.005 < pdfium / shown
