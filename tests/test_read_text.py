"""pipeline.read_text and --formats text: the text as read (issue 20, item 6)."""
import pytest

import pipeline
from conftest import FIXTURES, REAL, SOFFICE
from test_cli import run

MINI = FIXTURES / "mini_plan.txt"
LETTER = ("เรียน นายกองค์การบริหารส่วนตำบลทดสอบ\n"
          "เรื่อง ขอเชิญประชุมประจำเดือน ครั้งที่ ๓/๒๕๖๗\n"
          "ด้วยกองคลังขอเชิญท่านเข้าร่วมประชุมในวันที่ ๑๕ มีนาคม ๒๕๖๗ เวลา ๐๙.๓๐ น.\n")


def test_the_real_plan_is_read_as_the_parser_sees_it(real_plan):
    text = pipeline.read_text(REAL)
    lines = text.split("\n")
    assert text.endswith(")\n")  # the file has no last line end: one is added
    assert lines[:8] == ["", "", "", "", "แผนปฏิบัติการป้องกันการทุจริต", "เพื่อยกระดับคุณธรรมและความโปร่งใส",
                         "ของเทศบาลตำบลเหมืองแก้ว", "(พ.ศ. 2566 - 2570)"]  # ๒๕๖๖ - ๒๕๗๐ in the file
    assert lines[23] == "มิติที่ 1 การสร้างวัฒนธรรมสุจริต จำนวน 17 โครงการ"  # ๑ ... ๑๗ in the file
    assert lines[15].startswith("เทศบาลตำบลเหมืองแก้ว ได้จัดทำแผน") and "(พ.ศ. 2566 - 2570)" in lines[15]  # – -> -
    assert not any(ch in text for ch in "๐๑๒๓๔๕๖๗๘๙–")
    assert "# หน้า" not in text  # a text document has no pages
    # line N is the line the findings and line_range cite
    assert real_plan.projects[0].fields["budget"].line_range == (217, 219)
    assert lines[216] == "7. งบประมาณดำเนินการ" and lines[218] == "ไม่ใช้งบประมาณ"
    assert text == "\n".join(line.text for line in real_plan.lines) + "\n"


def test_a_word_file_paragraphs_and_table_rows(tmp_path):
    from make_docs import make_docx

    text = ("บันทึกข้อความ\nเรื่อง งบประมาณ ๒๕๖๗ – ๒๕๖๘\nรายการ\tปี ๒๕๖๗\tปี ๒๕๖๘\nอบรม\t๑๐,๐๐๐\t๕,๐๐๐\n"
            "ลำดับที่ ๑\n๑. ชื่อโครงการ : โครงการอบรมคุณธรรม\n๒. หลักการและเหตุผล\nข้อความ")
    word = make_docx(text, tmp_path / "memo.docx")  # the field numbers become Word's automatic numbering
    assert pipeline.read_text(word) == (
        "บันทึกข้อความ\nเรื่อง งบประมาณ 2567 - 2568\nรายการ\tปี 2567\tปี 2568\nอบรม\t10,000\t5,000\n"
        "ลำดับที่ 1\n1. ชื่อโครงการ : โครงการอบรมคุณธรรม\n2. หลักการและเหตุผล\nข้อความ\n")


PAGES = [  # (a paragraph Word wraps, a short line): pages unlike each other, as a real document's are
    ("ด้วยกองคลังขอเชิญท่านเข้าร่วมประชุมประจำเดือนเพื่อพิจารณาการเบิกจ่ายงบประมาณของโครงการต่าง ๆ ในปีงบประมาณ ๒๕๖๗ "
     "ซึ่งจะจัดขึ้นที่ห้องประชุมใหญ่ขององค์การบริหารส่วนตำบล", "ลงชื่อ ผู้อำนวยการกองคลัง"),
    ("ระเบียบวาระที่ ๒ เรื่องที่เสนอให้ที่ประชุมทราบ ได้แก่ รายงานผลการตรวจสอบภายในประจำไตรมาส "
     "และการติดตามการแก้ไขข้อสังเกตของสำนักงานตรวจเงินแผ่นดิน", "ระเบียบวาระที่ ๓ เรื่องอื่น ๆ"),
    ("จึงเรียนมาเพื่อโปรดทราบและเข้าร่วมประชุมตามวันและเวลาดังกล่าว "
     "หากไม่สามารถเข้าร่วมได้ขอให้แจ้งเจ้าหน้าที่ล่วงหน้าอย่างน้อยสามวันทำการ", "สำเนาเรียน ปลัด ๓ ฉบับ"),
]


@pytest.mark.skipif(SOFFICE is None,
                    reason="LibreOffice Writer not installed (.ci/run installs libreoffice-writer-nogui)")
def test_a_pdf_has_a_line_before_each_page(tmp_path):
    import docx

    from make_docs import office_pdf

    document = docx.Document()
    for k, (paragraph, last) in enumerate(PAGES):
        if k:
            document.add_page_break()
        document.add_paragraph(paragraph)
        document.add_paragraph(last)
    document.save(tmp_path / "minutes.docx")
    pdf = office_pdf(tmp_path / "minutes.docx", tmp_path)
    text = pipeline.read_text(pdf)
    assert text.split("\n") == [
        "# หน้า 1", PAGES[0][0].replace("๒๕๖๗", "2567"), "ลงชื่อ ผู้อำนวยการกองคลัง",  # the wrapped lines joined
        "# หน้า 2", PAGES[1][0].replace("๒", "2"), "ระเบียบวาระที่ 3 เรื่องอื่น ๆ",
        "# หน้า 3", PAGES[2][0], "สำเนาเรียน ปลัด 3 ฉบับ", ""]
    with pytest.raises(pipeline.InputError, match="no plan found"):
        pipeline.parse(pdf)


def test_a_letter_is_read_though_it_is_no_plan(tmp_path):
    letter = tmp_path / "letter.txt"
    letter.write_text(LETTER, encoding="utf-8")
    assert pipeline.read_text(letter) == (
        "เรียน นายกองค์การบริหารส่วนตำบลทดสอบ\nเรื่อง ขอเชิญประชุมประจำเดือน ครั้งที่ 3/2567\n"
        "ด้วยกองคลังขอเชิญท่านเข้าร่วมประชุมในวันที่ 15 มีนาคม 2567 เวลา 09.30 น.\n")
    with pytest.raises(pipeline.InputError, match="no plan found"):
        pipeline.parse(letter)


def test_read_text_reads_and_normalises_only(tmp_path, monkeypatch):
    import pipeline.plan

    def no(*args, **kwargs):
        raise AssertionError("read_text must not segment, check or write")

    for name in ("segment", "find_table", "run_checks", "extract"):
        monkeypatch.setattr(pipeline.plan, name, no)
    monkeypatch.setattr(pipeline.writers, "write", no)
    assert pipeline.read_text(MINI).startswith("แผนปฏิบัติการป้องกันการทุจริต\n")


@pytest.mark.parametrize("content,problem", [(b"", "file is empty"), (b"\x89PNG\r\n\x1a\n" + bytes(200), "PNG image")])
def test_an_unreadable_file_raises_input_error_naming_it(tmp_path, content, problem):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    with pytest.raises(pipeline.InputError, match=problem) as caught:
        pipeline.read_text(bad)
    assert str(caught.value).startswith(f"{bad}: ")
    with pytest.raises(pipeline.InputError, match="no such file") as caught:
        pipeline.read_text(tmp_path / "nope.txt")
    assert str(caught.value) == f"{tmp_path / 'nope.txt'}: no such file"


def test_text_is_opt_in_and_the_library_writes_it(tmp_path):
    assert "text" not in pipeline.FORMATS and pipeline.FORMATS == ("csv", "json", "xlsx", "report")
    plan = pipeline.parse(MINI)
    written = pipeline.write(plan, tmp_path, ("text",))
    assert written == [tmp_path / "text.txt"]
    assert (tmp_path / "text.txt").read_text(encoding="utf-8") == pipeline.read_text(MINI)


def test_cli_formats_text_on_a_plan(tmp_path):
    r = run(MINI, "-o", tmp_path, "--formats", "text")
    assert r.returncode == 0, r.stderr
    out = tmp_path / "mini_plan"
    assert sorted(p.name for p in out.iterdir()) == ["text.txt"]
    assert (out / "text.txt").read_bytes() == pipeline.read_text(MINI).encode("utf-8")
    assert r.stdout.strip().endswith(f"-> {out} (open {out / 'text.txt'})")
    r = run(MINI, "-o", tmp_path / "both", "--formats", "csv,TEXT")
    assert r.returncode == 0, r.stderr
    names = {p.name for p in (tmp_path / "both" / "mini_plan").iterdir()}
    assert "text.txt" in names and "projects.csv" in names and "plan.json" not in names


def test_cli_no_plan_found_still_writes_the_text_and_exits_2(tmp_path):
    letter = tmp_path / "letter.txt"
    letter.write_text(LETTER, encoding="utf-8")
    r = run(letter, "-o", tmp_path / "out", "--formats", "csv,json,text")
    assert r.returncode == 2
    assert r.stderr.startswith(f"error: {letter}: no plan found") and len(r.stderr.strip().splitlines()) == 1
    assert "Traceback" not in r.stderr and r.stdout == ""
    out = tmp_path / "out" / "letter"
    assert sorted(p.name for p in out.iterdir()) == ["text.txt"]  # nothing else, no temporary file left
    assert (out / "text.txt").read_text(encoding="utf-8") == pipeline.read_text(letter)
    # without text among the formats, nothing is written for it
    r = run(letter, "-o", tmp_path / "plain")
    assert r.returncode == 2 and not (tmp_path / "plain" / "letter").exists()


def test_cli_no_plan_among_plans_in_worker_processes(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "letter.txt").write_text(LETTER, encoding="utf-8")
    (folder / "plan.txt").write_bytes(MINI.read_bytes())
    r = run(folder, "-o", tmp_path / "out", "--formats", "text,csv", "-j", "2")
    assert r.returncode == 2
    assert r.stderr.strip().splitlines() == [r.stderr.strip()] and "no plan found" in r.stderr
    assert sorted(p.name for p in (tmp_path / "out" / "letter").iterdir()) == ["text.txt"]
    plan_out = tmp_path / "out" / "plan"
    assert (plan_out / "text.txt").read_text(encoding="utf-8") == pipeline.read_text(MINI)
    assert (plan_out / "projects.csv").exists()
    documents = (tmp_path / "out" / "_all" / "documents.csv").read_text(encoding="utf-8-sig")
    assert "no plan found" in documents


def test_cli_unknown_format_names_text_among_the_choices(tmp_path):
    r = run(MINI, "-o", tmp_path, "--formats", "csv,pdf")
    assert r.returncode == 2 and "unknown format pdf" in r.stderr and "text" in r.stderr
