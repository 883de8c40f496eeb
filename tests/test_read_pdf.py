"""PDFs as organisations publish them: the real plan saved from Word by LibreOffice (tlwg fonts,
and Sarabun, justified) and printed by Chromium. Each must give the same plan as the document it
was made from, with no finding caused by the PDF itself, and every finding's page."""
import re

import pytest

import pipeline
from conftest import FIXTURES, REAL
from make_docs import CHROMIUM_FLAGS
from pipeline.readers import InputError

TEXT_FIELDS = ("title", "rationale", "objectives", "target_group", "methods", "period_text", "budget_text",
               "responsible", "outputs", "outcomes")
DATA_FIELDS = ("seq_no", "dimension_no", "mission_code", "submission_code", "target_count", "start_year",
               "end_year", "budget_baht")


def squeezed(value) -> str:
    return "".join("".join(value).split()) if isinstance(value, list) else "".join(str(value).split())


def assert_same_plan(pdf_plan, source_plan, text_share=0.99):
    """Same sections, data, table and budgets; ≥ 99 % of text fields equal (spacing aside); the
    same errors and warnings."""
    assert [[getattr(p, k) for k in DATA_FIELDS] for p in pdf_plan.projects] == \
        [[getattr(p, k) for k in DATA_FIELDS] for p in source_plan.projects]
    pairs = [(getattr(a, k), getattr(b, k)) for a, b in zip(pdf_plan.projects, source_plan.projects) for k in TEXT_FIELDS]
    equal = sum(squeezed(x) == squeezed(y) for x, y in pairs)
    assert equal / len(pairs) >= text_share, f"{len(pairs) - equal} of {len(pairs)} text fields differ"
    assert [(e.entry_no, e.dimension_no, e.mission_code, e.budgets, e.matched_order) for e in pdf_plan.table] == \
        [(e.entry_no, e.dimension_no, e.mission_code, e.budgets, e.matched_order) for e in source_plan.table]
    assert sorted(_key(f) for f in pdf_plan.findings if f.severity != "info") == \
        sorted(_key(f) for f in source_plan.findings if f.severity != "info")


def _key(f):
    return (f.code, f.severity, f.order or 0, f.entry_no or 0)


@pytest.fixture(scope="module")
def text_plan():
    return pipeline.parse(REAL)


@pytest.mark.parametrize("kind,source", [("office_pdf", "docx"), ("sarabun_pdf", "sarabun_docx")])
def test_a_word_file_saved_as_pdf_gives_the_word_files_plan(published, kind, source):
    pdf_plan, word_plan = pipeline.parse(published(kind)), pipeline.parse(published(source))
    assert len(pdf_plan.projects) == 60 and len(pdf_plan.table) == 61
    assert_same_plan(pdf_plan, word_plan)
    assert {f.code for f in pdf_plan.findings if f.severity == "info"} - \
        {f.code for f in word_plan.findings if f.severity == "info"} <= {"TEXT_REPAIRED"}


def test_a_plan_printed_by_chromium_gives_the_texts_plan(published, text_plan):
    pdf_plan = pipeline.parse(published("chromium_pdf"))
    assert len(pdf_plan.projects) == 60 and len(pdf_plan.table) == 61
    assert_same_plan(pdf_plan, text_plan)
    # the table's budgets, read from the ruled table across its pages (lines 117-165 of the text)
    assert sum(e.budgets[2567] for e in pdf_plan.table) == 135000
    by_no = {e.entry_no: e for e in pdf_plan.table}
    assert [by_no[n].budgets[2566] for n in (15, 16, 17)] == [10000, 20000, 5000]
    assert pdf_plan.repairs and all(f.severity == "info" for f in pdf_plan.findings if f.code == "TEXT_REPAIRED")


@pytest.mark.parametrize("kind", ["office_pdf", "sarabun_pdf", "chromium_pdf"])
def test_no_space_is_put_inside_a_word(published, kind):
    """The spelling check as a probe of the reader: a PDF gives the slips its source has (the
    four of test_spelling.py) and none of its own, such as ปฏิ บัติ or ท้องถิ่ น from a space put
    where a cluster's box is narrower than its glyph, or a stray copy of a cluster."""
    plan = pipeline.parse(published(kind), spelling=True)
    slips = [squeezed(f.found) for f in plan.findings if f.code == "SPELLING"]
    assert sorted(word for word in slips if "บริ" not in word) == sorted(["ทุกซ์", "เจตนาภมณ", "ในการในการ"])
    assert len(slips) == 4  # and the template's spaced-out "ผู้ บริ ห า ร", however its spaces come out


def test_findings_and_sections_carry_their_page(published):
    import pypdfium2 as pdfium

    path = published("chromium_pdf")
    plan = pipeline.parse(path)
    document = pdfium.PdfDocument(str(path))
    pages = ["".join(document[i].get_textpage().get_text_range().split()) for i in range(len(document))]
    restart = next(f for f in plan.findings if f.code == "SEQ_RESTART")
    assert restart.page is not None and restart.location.startswith(f"หน้า {restart.page} บรรทัด ")
    assert "ลำดับที่46" in pages[restart.page - 1]  # the PDF's own text on that page, read apart
    section = plan.projects[0]
    first = next(ln for ln in plan.lines if ln.number == section.line_start)
    assert "ลำดับที่1" in pages[first.page - 1] and first.page_line >= 1
    assert all(f.page for f in plan.findings if f.line)


def test_the_pdf_reader_repairs_what_office_suites_do_to_thai():
    from pipeline.readers.pdf import _number_goes_on, _opens_something
    # an amount a narrow column broke, and two amounts one below the other
    assert _number_goes_on("๑", "๐,๐๐๐") and _number_goes_on("๑๐", "๕,๐๐๐ บาท") and _number_goes_on("๑๐,๐", "๐๐")
    assert not _number_goes_on("๑๐,๐๐๐", "๒๐,๐๐๐") and not _number_goes_on("-", "๓๐,๐๐๐")
    # a heading is never joined onto the line above it, even damaged
    for line in ("ลำาดับที่ 4", "ลำดับ ที่ 4", "4. กลุ่มเป้าหมาย", "มิติที่ 2 การบริหาร", "2.1 การเปิดเผย", "1) จัดทำ", "#####"):
        assert _opens_something(line), line
    assert not _opens_something("และพนักงานจ้างเทศบาลตำบล")


def test_a_year_a_narrow_header_cell_broke_and_a_bullet_are_put_back():
    from pipeline.readers.pdf import _number_goes_on, _opens_something
    # LibreOffice wraps "ปี ๒๕๖๗" in a narrow column as "ปี ๒๕๖" / "๗" (seen in the samples' PDFs)
    assert _number_goes_on("ปี ๒๕๖", "๗") and _number_goes_on("ปี 25", "66")
    assert not _number_goes_on("๒๕๐", "๑") and not _number_goes_on("๒๕๖๖", "๒๕๖๗")  # 2501; two years
    # a bullet line opens an item (never joined onto the line above); a range's dash does not
    assert _opens_something("- จัดประชุมเพื่อให้ความรู้") and _opens_something("• จัดทำคู่มือ")
    assert not _opens_something("- 2570")


def test_a_pdf_without_text_needs_ocr(tmp_path):
    import shutil
    import subprocess

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("chromium not installed (.ci/run installs it)")
    page = tmp_path / "scan.html"
    page.write_text("<html><body><svg width='400' height='300'><rect width='300' height='200'/></svg></body></html>")
    pdf = tmp_path / "scan.pdf"
    subprocess.run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'p'}", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", page.as_uri()], capture_output=True, timeout=120, check=True)
    with pytest.raises(InputError, match="OCR is needed"):
        pipeline.parse(pdf)


def test_a_damaged_pdf_is_refused(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.7\n garbage")
    with pytest.raises(InputError, match="not a readable PDF"):
        pipeline.parse(bad)


def test_the_mini_plan_printed_with_long_paragraphs(tmp_path):
    import shutil

    from make_docs import make_pdf
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("chromium not installed (.ci/run installs it)")
    long = ("บุคลากรต้องมีคุณธรรมและจริยธรรมในการปฏิบัติหน้าที่ราชการด้วยความซื่อสัตย์สุจริต "
            "ยึดมั่นในหลักธรรมาภิบาลและประมวลจริยธรรมของเจ้าหน้าที่ของรัฐ เพื่อประโยชน์สุขของประชาชนในท้องถิ่น "
            "และเพื่อป้องกันการทุจริตและประพฤติมิชอบในทุกขั้นตอนของการปฏิบัติงาน")
    text = (FIXTURES / "mini_plan.txt").read_text(encoding="utf-8").replace("บุคลากรต้องมีคุณธรรม", long)
    plan = pipeline.parse(make_pdf(text, tmp_path / "mini.pdf", chromium))
    base = pipeline.parse_text(text)
    assert_same_plan(plan, base, text_share=1.0)
    assert squeezed(plan.projects[0].rationale) == squeezed(long)  # the paragraph wrapped over lines, joined
    assert re.search(r"lines wrapped at the right margin joined", " ".join(plan.repairs))


def raw_pdf(content: bytes) -> bytes:
    """A one-page PDF with the given content stream and Helvetica as /F1."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for k, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % k + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


@pytest.mark.parametrize("content,problem", [
    (b"".join(b"BT /F1 1 Tf 10 %d Td (%s) Tj ET\n" % (10 + k, b"A" * 25_000) for k in range(3)),
     "page 1 holds 75,004 characters"),  # 75,000 letters and the line breaks between the strings
    (b"".join(b"%d 10 1 1 re f\n" % (k % 500) for k in range(210_000)), "page 1 holds 210,000 drawing objects"),
], ids=["characters", "objects"])
def test_absurd_pages_are_refused_with_one_line(tmp_path, content, problem):
    path = tmp_path / "absurd.pdf"
    path.write_bytes(raw_pdf(content))
    with pytest.raises(InputError) as err:
        pipeline.parse(path)
    assert problem in str(err.value) and "beyond any real plan" in str(err.value)


@pytest.mark.parametrize("name", ["sample_clean_abt_sansai.txt", "sample_faults_tessaban_pakpoon.txt"])
def test_other_organisations_plans_saved_as_pdf_give_their_word_files_plan(name, tmp_path):
    """The two samples (another clerk's layout: packed table cells, rows and a total the page
    breaks, years LibreOffice wraps in narrow header cells, unnumbered objectives) through Word
    and LibreOffice: the Word file's plan, every list with as many items, the same findings; and
    the text's data and budgets (Word numbers the field headings itself, so a heading the text
    misnumbers is numbered right in the Word file)."""
    from conftest import SOFFICE, sample
    from make_docs import make_docx, office_pdf

    source = sample(name)
    if SOFFICE is None:
        pytest.skip("LibreOffice Writer not installed (.ci/run installs libreoffice-writer-nogui)")
    docx = make_docx(source.read_text(encoding="utf-8"), tmp_path / (source.stem + ".docx"))
    pdf_plan, word_plan, text_plan = pipeline.parse(office_pdf(docx, tmp_path)), pipeline.parse(docx), pipeline.parse(source)
    assert len(pdf_plan.table) == len(text_plan.table) >= 30
    assert_same_plan(pdf_plan, word_plan, text_share=1.0)
    for key in ("objectives", "methods", "outputs", "outcomes"):
        assert [len(getattr(p, key)) for p in pdf_plan.projects] == [len(getattr(p, key)) for p in text_plan.projects]
    assert [[getattr(p, k) for k in DATA_FIELDS] for p in pdf_plan.projects] == \
        [[getattr(p, k) for k in DATA_FIELDS] for p in text_plan.projects]
    assert [(e.entry_no, e.budgets) for e in pdf_plan.table] == [(e.entry_no, e.budgets) for e in text_plan.table]
    assert [(d.kind, d.scope, d.dimension_no, d.fiscal_year, d.value) for d in pdf_plan.declared] == \
        [(d.kind, d.scope, d.dimension_no, d.fiscal_year, d.value) for d in text_plan.declared]
