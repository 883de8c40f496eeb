import pytest

import pipeline
from conftest import FIXTURES
from make_docs import make_docx
from pipeline.readers.word import docx_text

MINI = (FIXTURES / "mini_plan.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def word_file(tmp_path_factory):
    return make_docx(MINI, tmp_path_factory.mktemp("docx") / "mini_plan.docx")


def test_automatic_numbering_and_merged_cells_are_rebuilt(word_file):
    text, restored = docx_text(word_file)
    lines = text.split("\n")
    assert restored == 4 * 9  # nine field headings in each of the four sections
    assert "1. ชื่อโครงการ : โครงการอบรมคุณธรรม" in lines and "9. ผลผลิต/ผลลัพธ์" in lines
    row = next(ln for ln in lines if "๓) โครงการปลูกฝังวิถีคิด" in ln).split("\t")
    assert row[0] == "" and row[1] == "๑.๒ การสร้างจิตสำนึกแก่ประชาชน"  # merged dimension cell: empty


def test_word_file_gives_the_same_plan_as_the_text(word_file):
    from_text = pipeline.parse_text(MINI)
    from_word = pipeline.parse(word_file)
    keys = ("seq_no", "dimension_no", "mission_code", "submission_code", "title", "objectives", "target_count",
            "methods", "start_year", "end_year", "budget_baht", "responsible", "outputs", "outcomes")
    assert [[getattr(p, k) for k in keys] for p in from_word.projects] == \
        [[getattr(p, k) for k in keys] for p in from_text.projects]
    assert [(e.entry_no, e.mission_code, e.budgets, e.matched_order) for e in from_word.table] == \
        [(e.entry_no, e.mission_code, e.budgets, e.matched_order) for e in from_text.table]
    assert [f.code for f in from_word.findings] == ["TEXT_REPAIRED"]
    assert from_word.repairs == {"Word automatic numbers restored": 36}


def test_a_broken_word_file_is_refused(tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(pipeline.InputError, match="not a readable Word document"):
        pipeline.parse(bad)


def test_a_finding_in_a_word_file_names_the_section_it_is_in(tmp_path):
    text = MINI.replace("๕,๐๐๐ บาท\n", "๖,๐๐๐ บาท\n")  # ลำดับที่ ๓'s budget no longer agrees with the table
    plan = pipeline.parse(make_docx(text, tmp_path / "plan.docx"))
    mismatch = next(f for f in plan.findings if f.code == "BUDGET_MISMATCH")
    assert mismatch.page is None and mismatch.location == "ลำดับที่ 3: โครงการปลูกฝังวิถีคิด"


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path):
    import zipfile
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<" + b" " * (120 * 1024 * 1024) + b">")
    assert bomb.stat().st_size < 1024 * 1024
    with pytest.raises(pipeline.InputError, match="refused: its parts unpack to over"):
        pipeline.parse(bomb)
