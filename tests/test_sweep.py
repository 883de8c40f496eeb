"""The font × producer sweep (issue 20, item 7; tests/sweep.py): the plan saved as PDF in every
Thai font installed, at 14 and 16 pt, ragged and justified, with Thai as large as Latin or
smaller, through LibreOffice, Chromium, Ghostscript, a PostScript round trip, and with its
ToUnicode maps removed, must give the Word file's plan — or, when its text layer cannot be read,
an InputError saying so (the ToUnicode maps removed, or lost by pdftops in the PostScript round
trip: sweep.expects_unreadable).

The whole sweep is marked `sweep` and runs with `python -m pytest -m sweep tests/test_sweep.py`
(about ten minutes for both documents); a few cases, one per kind of producer, always run."""
import pytest

import pipeline
import sweep
from pipeline.readers import InputError
from sweep import Case


@pytest.fixture(scope="session")
def sweep_pdf(tmp_path_factory):
    """build(case) -> the case's PDF, made on first use; reference(case) -> the plan it must give."""
    folder = tmp_path_factory.mktemp("sweep")
    made, plans = {}, {}

    def build(case: Case):
        reason = sweep.missing(case)
        if reason:
            pytest.skip(reason)
        if case not in made:
            made[case] = sweep.build(case, folder / case.doc)
        return made[case]

    def reference(case: Case):
        key = (case.stem, case.producer == "chromium")
        if key not in plans:
            plans[key] = sweep.reference(case, folder / case.doc)
        return plans[key]

    build.reference = reference
    return build


def check(case: Case, sweep_pdf) -> None:
    pdf = sweep_pdf(case)
    if sweep.expects_unreadable(case, pdf):
        with pytest.raises(InputError, match="unreadable"):
            pipeline.parse(pdf, ocr="never")
        return
    problems = sweep.compare(pipeline.parse(pdf, ocr="never"), sweep_pdf.reference(case))
    assert not problems, f"{len(problems)} differences:\n" + "\n".join(problems[:25])


# a few cases, each a class the reader once failed on (README: Supported input), always run
SUBSET = [
    pytest.param(Case("Garuda", 16, False, False, "libreoffice"), id="libreoffice-Garuda-16pt"),  # outline boxes: . and ,
    pytest.param(Case("Tlwg Mono", 14, False, False, "libreoffice"), id="libreoffice-TlwgMono-14pt"),  # marks in cells
    pytest.param(Case("Noto Serif Thai", 16, False, False, "libreoffice"), id="libreoffice-NotoSerifThai-16pt"),  # ่ late
    pytest.param(Case("Sarabun", 14, True, False, "libreoffice", "mini_plan"), id="libreoffice-Sarabun-14pt-just-mini"),
    pytest.param(Case("Sarabun", 16, False, False, "chromium"), id="chromium-Sarabun-16pt"),  # cluster copies
    pytest.param(Case("Laksaman", 14, False, False, "chromium"), id="chromium-Laksaman-14pt"),  # ลำดับที่ N atop pages
    pytest.param(Case("Loma", 16, False, False, "ghostscript"), id="ghostscript-Loma-16pt"),
    pytest.param(Case("Garuda", 14, False, True, "ghostscript"), id="ghostscript-Garuda-14pt-smallthai"),
    pytest.param(Case("Garuda", 16, False, False, "no_tounicode"), id="no_tounicode-Garuda-16pt"),
    pytest.param(Case("Garuda", 14, False, False, "postscript"), id="postscript-Garuda-14pt"),
]


@pytest.mark.parametrize("case", SUBSET)
def test_the_plan_saved_as_pdf_by_another_maker_gives_the_word_files_plan(case, sweep_pdf):
    check(case, sweep_pdf)


ALL = [pytest.param(case, id=case.id) for doc in ("plan_8_sections", "mini_plan") for case in sweep.cases(doc)]


@pytest.mark.sweep
@pytest.mark.parametrize("case", ALL)
def test_sweep(case, sweep_pdf, request):
    if "sweep" not in (request.config.option.markexpr or ""):
        pytest.skip("the font × producer sweep runs with -m sweep")
    check(case, sweep_pdf)
