"""Every damage class real Thai office PDFs carry in their text layer, reproduced by the project's
own forge (tests/pdf_forge.py: the page drawn right, only the text layer damaged, as the PDF
makers of ../shared/real-pdfs/SOURCES.md damage it): each damaged PDF gives the plan of the
undamaged one, with the repair counted and located, or is read by OCR / refused, never passed
on as text. Metamorphic: the expected plan is the text fixture's own."""
import re

import pytest

import pipeline
from conftest import EIGHT, FIXTURES, TESSERACT
from pipeline.readers import InputError, read_source
from test_read_pdf import DATA_FIELDS, TEXT_FIELDS, squeezed

forge = pytest.importorskip("pdf_forge", reason="the forge needs uharfbuzz and fontTools (the test extra)")

REPAIRED = ["am_space", "aa_as_am", "am_split", "pua", "marks_late", "cyrillic_tones", "period_as_so",
            "letter_spaced", "thai_digits_as_arabic", "small_thai", "hidden_text"]
UNREADABLE = {"greek_shift": "อักษรกรีก", "glyph_codes": "text layer unreadable", "no_tounicode": "no Unicode map",
              "ocr_layer": "text layer unreadable"}
# what each class leaves in PDFium's own text (checked in tests/test_pdf_forge.py), and the
# repair the reader reports for it
REPAIR_NAMED = {"am_space": "the ring of ำ stored as a space", "aa_as_am": "a font whose map gives ำ for every า",
                "marks_late": "marks written out of order", "cyrillic_tones": "tone marks stored as Cyrillic",
                "period_as_so": "a full stop stored as ศ", "hidden_text": "invisible text",
                "pua": "Thai glyph variants mapped to Unicode", "am_split": "ํ + า written for ำ"}


@pytest.fixture(scope="module")
def text_plan():
    return pipeline.parse(EIGHT)


@pytest.fixture(scope="module")
def forged(tmp_path_factory):
    folder = tmp_path_factory.mktemp("forged")
    text = EIGHT.read_text(encoding="utf-8")
    made = {}

    def build(damage: str):
        if damage not in made:
            made[damage] = forge.forge_pdf(text, folder / f"{damage}.pdf", () if damage == "clean" else damage)
        return made[damage]
    return build


def assert_same_plan(pdf_plan, text_plan):
    assert [[getattr(p, k) for k in DATA_FIELDS] for p in pdf_plan.projects] == \
        [[getattr(p, k) for k in DATA_FIELDS] for p in text_plan.projects]
    assert [[squeezed(getattr(p, k)) for k in TEXT_FIELDS] for p in pdf_plan.projects] == \
        [[squeezed(getattr(p, k)) for k in TEXT_FIELDS] for p in text_plan.projects]
    assert [(e.entry_no, e.dimension_no, e.mission_code, e.budgets, e.matched_order) for e in pdf_plan.table] == \
        [(e.entry_no, e.dimension_no, e.mission_code, e.budgets, e.matched_order) for e in text_plan.table]
    assert sorted((f.code, f.severity) for f in pdf_plan.findings if f.severity != "info") == \
        sorted((f.code, f.severity) for f in text_plan.findings if f.severity != "info")


def test_the_clean_forge_gives_the_texts_plan(forged, text_plan):
    plan = pipeline.parse(forged("clean"), ocr="never")
    assert len(plan.projects) == 8 and len(plan.table) == 8
    assert_same_plan(plan, text_plan)


@pytest.mark.parametrize("damage", REPAIRED)
def test_a_damaged_text_layer_gives_the_plan_of_the_undamaged_one(forged, text_plan, damage):
    plan = pipeline.parse(forged(damage), ocr="never")
    assert_same_plan(plan, text_plan)
    if damage in REPAIR_NAMED:
        repaired = [f for f in plan.findings if f.code == "TEXT_REPAIRED" and REPAIR_NAMED[damage] in f.field]
        assert repaired, [f.field for f in plan.findings if f.code == "TEXT_REPAIRED"]
        if damage != "am_split":  # (ํ + า is put together by normalise, which knows no pages)
            assert repaired[0].page == 1 and repaired[0].line == 1  # the damage starts on the title line


@pytest.mark.parametrize("damage", REPAIRED)
def test_no_damage_signature_is_left_in_the_text(forged, damage):
    text = pipeline.read_text(forged(damage), ocr="never")
    assert not re.search("[ก-ฮ][่-๋]? า|\u0e4d\u0e32|[\uf700-\uf8ff]|[\u0400-\u04ff]|พศศ", text)
    assert "ลำดับที่ 1" in text and "โครงการอบรมคุณธรรมจริยธรรมแก่บุคลากร" in text


@pytest.mark.parametrize("damage", sorted(UNREADABLE))
def test_an_unreadable_text_layer_is_refused_without_ocr_and_says_why(forged, damage):
    with pytest.raises(InputError) as caught:
        pipeline.parse(forged(damage), ocr="never")
    message = str(caught.value)
    assert "text layer that cannot be read" in message and UNREADABLE[damage] in message
    assert "OCR would read it (--ocr auto)" in message and message.count("\n") == 0


def test_a_page_left_out_is_said_so_with_its_page(tmp_path, text_plan):
    """A plan whose one page carries a garbage layer: under --ocr never that page's text is left
    out with an error finding at its page, the rest is read."""
    import pikepdf

    good, bad = forge.forge_pdf(EIGHT.read_text(encoding="utf-8"), tmp_path / "good.pdf"), \
        forge.forge_pdf(EIGHT.read_text(encoding="utf-8"), tmp_path / "bad.pdf", "glyph_codes")
    with pikepdf.open(good) as pdf, pikepdf.open(bad) as garbage:
        pdf.pages[2] = garbage.pages[2]  # (the copy keeps its own fonts)
        pdf.save(tmp_path / "mixed.pdf")
    source = read_source(tmp_path / "mixed.pdf", ocr="never")
    assert [(kind, page, severity) for kind, page, _, severity in source.notes] == [("unreadable", 3, "error")]
    assert not re.search("[@>?]{3}", source.text)
    assert {page for page, _ in source.pages} == set(range(1, len({p for p, _ in source.pages}) + 2)) - {3}
    plan = pipeline.parse(tmp_path / "mixed.pdf", ocr="never")
    left_out = [f for f in plan.findings if f.code == "TEXT_LAYER_UNREADABLE"]
    assert [(f.severity, f.page) for f in left_out] == [("error", 3)]
    assert left_out[0].line == next(k for k, (page, _) in enumerate(source.pages, start=1) if page == 4)


def test_a_scanners_garbage_ocr_layer_is_read_by_ocr(tmp_path):
    """The mini plan as page images under an invisible Latin layer (a scanner's OCR): read by
    Tesseract instead, with the finding at each page."""
    if TESSERACT is None:
        pytest.skip("tesseract not installed (.ci/run installs tesseract-ocr tesseract-ocr-tha)")
    mini = FIXTURES / "mini_plan.txt"
    pdf = forge.forge_pdf(mini.read_text(encoding="utf-8"), tmp_path / "mini_ocr_layer.pdf", "ocr_layer")
    plan = pipeline.parse(pdf, workers=2)
    text = pipeline.parse(mini)
    assert [p.seq_no for p in plan.projects] == [p.seq_no for p in text.projects]
    notes = [f for f in plan.findings if f.code == "TEXT_LAYER_UNREADABLE"]
    assert notes and all(f.severity == "warning" for f in notes)
    assert sorted(f.page for f in notes) == sorted({line.page for line in plan.lines})
    assert not re.search("[A-Za-z]{4,}", "".join(p.title for p in plan.projects))
