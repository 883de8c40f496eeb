from pathlib import Path

import pytest

import pipeline

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
REAL = ROOT / "raw" / "muangkaew-anticorruption-plan-2566-2570.txt"
SAMPLES = next((p for p in (ROOT.parent / "shared" / "samples", ROOT / "samples") if p.exists()), None)


def sample(name: str) -> Path:
    if SAMPLES is None or not (SAMPLES / name).exists():
        pytest.skip(f"shared sample {name} not available")
    return SAMPLES / name


@pytest.fixture(scope="session")
def real_plan():
    return pipeline.parse(REAL)


@pytest.fixture(scope="session")
def clean_plan():
    return pipeline.parse(sample("sample_clean_abt_sansai.txt"))


@pytest.fixture(scope="session")
def faults_plan():
    return pipeline.parse(sample("sample_faults_tessaban_pakpoon.txt"))


@pytest.fixture(scope="session")
def mini_plan():
    return pipeline.parse(FIXTURES / "mini_plan.txt")


def by_order(plan, order):
    return next(p for p in plan.projects if p.order == order)


# --- published documents, built once per test session (LibreOffice and Chromium take seconds) ---

import shutil  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture(scope="session")
def published(tmp_path_factory):
    """Builders of the real plan as organisations publish it; each is made on first use.
    published("docx"), ("office_pdf") (tlwg fonts), ("sarabun_docx"), ("sarabun_pdf") (the Word
    file in Sarabun, justified), ("chromium_pdf")."""
    from make_docs import make_docx, make_pdf, office_pdf, sarabun_fonts

    folder = tmp_path_factory.mktemp("published")
    text = REAL.read_text(encoding="utf-8")
    made: dict = {}

    def build(kind: str):
        if kind in made:
            return made[kind]
        if kind == "docx":
            made[kind] = make_docx(text, folder / "plan_tlwg.docx")
        elif kind == "sarabun_docx":
            if sarabun_fonts() is None:
                pytest.skip("the Sarabun fonts (PyPI fontpkg-sarabun) are not installed")
            made[kind] = make_docx(text, folder / "plan_sarabun.docx", font="Sarabun", justify=True)
        elif kind in ("office_pdf", "sarabun_pdf"):
            if SOFFICE is None:
                pytest.skip("LibreOffice Writer not installed (.ci/run installs libreoffice-writer-nogui)")
            docx = build("docx" if kind == "office_pdf" else "sarabun_docx")
            made[kind] = office_pdf(docx, folder, sarabun_fonts() if kind == "sarabun_pdf" else None)
        elif kind == "chromium_pdf":
            if CHROMIUM is None:
                pytest.skip("chromium not installed (.ci/run installs it)")
            made[kind] = make_pdf(text, folder / "plan_chromium.pdf", CHROMIUM)
        return made[kind]
    return build


TESSERACT = shutil.which("tesseract")
EIGHT = FIXTURES / "plan_8_sections.txt"
SCAN_FONTS = ("DejaVu Sans", "Loma")  # (Latin, Thai)


@pytest.fixture(scope="session")
def scan(tmp_path_factory):
    """The 8-section fixture printed and scanned: Word -> PDF (LibreOffice) -> page images at
    200 dpi, tilted 0.4 degrees, with grain and dust -> an image-only PDF (make_docs.scan_pdf)."""
    if TESSERACT is None:
        pytest.skip("tesseract not installed (.ci/run installs tesseract-ocr tesseract-ocr-tha)")
    if SOFFICE is None:
        pytest.skip("LibreOffice Writer not installed (.ci/run installs libreoffice-writer-nogui)")
    pytest.importorskip("PIL", reason="Pillow is needed to make the scan")
    from make_docs import make_docx, office_pdf, pdf_fonts, scan_pdf

    folder = tmp_path_factory.mktemp("scan")
    # every glyph in a named font (Latin and digits in DejaVu Sans, Thai in tlwg's Loma): a font
    # left to LibreOffice's fallback changes with the fonts a machine has (Noto Serif for the
    # digits once fonts-noto came), and OCR's accuracy with it
    pdf = office_pdf(make_docx(EIGHT.read_text(encoding="utf-8"), folder / "plan8.docx", fonts=SCAN_FONTS), folder)
    embedded = pdf_fonts(pdf)
    if embedded != {"DejaVuSans", "Loma"}:
        pytest.fail(f"the scan fixture must be set in {SCAN_FONTS}, LibreOffice used {sorted(embedded)}")
    return scan_pdf(pdf, folder / "plan8_scan.pdf")


@pytest.fixture(scope="session")
def scanned_plan(scan):
    return pipeline.parse(scan, workers=2)
