import shutil

import pytest

import pipeline
from conftest import FIXTURES
from make_docs import make_pdf
from pipeline.readers.pdf import pdf_text

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (.ci/run installs it)")

LONG = ("บุคลากรต้องมีคุณธรรมและจริยธรรมในการปฏิบัติหน้าที่ราชการด้วยความซื่อสัตย์สุจริต "
        "ยึดมั่นในหลักธรรมาภิบาลและประมวลจริยธรรมของเจ้าหน้าที่ของรัฐ เพื่อประโยชน์สุขของประชาชนในท้องถิ่น "
        "และเพื่อป้องกันการทุจริตและประพฤติมิชอบในทุกขั้นตอนของการปฏิบัติงาน")
MINI = (FIXTURES / "mini_plan.txt").read_text(encoding="utf-8").replace("บุคลากรต้องมีคุณธรรม", LONG)


@pytest.fixture(scope="module")
def pdf_file(tmp_path_factory):
    return make_pdf(MINI, tmp_path_factory.mktemp("pdf") / "mini_plan.pdf", CHROMIUM)


def test_pdf_text_is_repaired_and_the_repairs_counted(pdf_file):
    text, repairs = pdf_text(pdf_file)
    assert "รวมทั้งสิ้นจํานวน ๔ โครงการ" in text  # no space inside the word, tone marks in place
    assert "เพื่อยกระดับคุณธรรมและความโปร่งใส" in text  # Private Use Area marks mapped
    assert repairs["Thai glyph variants mapped to Unicode"] > 0
    assert repairs["page headers and footers removed"] >= 2 * 4  # a header and a footer per page
    assert repairs["wrapped lines joined"] >= 1
    # a line broken at a space loses that space (the PDF does not keep it): compare without spaces
    assert LONG.replace(" ", "") in text.replace("ํา", "ำ").replace(" ", "")


def test_pdf_gives_the_same_plan_as_the_text(pdf_file):
    from_text = pipeline.parse_text(MINI)
    from_pdf = pipeline.parse(pdf_file)
    keys = ("seq_no", "dimension_no", "mission_code", "submission_code", "title", "objectives",
            "target_count", "methods", "start_year", "end_year", "budget_baht", "responsible", "outputs", "outcomes")
    assert [[getattr(p, k) for k in keys] for p in from_pdf.projects] == \
        [[getattr(p, k) for k in keys] for p in from_text.projects]
    assert [(e.entry_no, e.mission_code, e.budgets, e.matched_order) for e in from_pdf.table] == \
        [(e.entry_no, e.mission_code, e.budgets, e.matched_order) for e in from_text.table]
    assert [p.rationale.replace(" ", "") for p in from_pdf.projects] == \
        [p.rationale.replace(" ", "") for p in from_text.projects]
    assert {f.code for f in from_pdf.findings} == {"TEXT_REPAIRED"}
    assert "Thai glyph variants mapped to Unicode" in from_pdf.repairs


def test_a_pdf_without_text_needs_ocr(tmp_path):
    page = tmp_path / "scan.html"
    page.write_text("<html><body><svg width='400' height='300'><rect width='300' height='200'/></svg></body></html>")
    import subprocess

    from make_docs import CHROMIUM_FLAGS
    pdf = tmp_path / "scan.pdf"
    subprocess.run([CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'p'}", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", page.as_uri()], capture_output=True, timeout=120, check=True)
    with pytest.raises(pipeline.InputError, match="OCR is needed"):
        pipeline.parse(pdf)


def test_a_damaged_pdf_is_refused(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.7\n garbage")
    with pytest.raises(pipeline.InputError, match="not a readable PDF"):
        pipeline.parse(bad)
