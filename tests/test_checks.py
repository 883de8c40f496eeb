"""Each finding code: one small plan that triggers it, and the clean mini plan that must not."""

import pytest

import pipeline
from conftest import FIXTURES

MINI = (FIXTURES / "mini_plan.txt").read_text(encoding="utf-8")


def findings(text):
    return [(f.code, f.line) for f in pipeline.parse_text(text).findings]


def codes(text):
    return {f.code for f in pipeline.parse_text(text).findings}


def test_the_clean_mini_plan_has_no_finding():
    assert findings(MINI) == []


def line_of(text, needle, nth=1):
    lines = text.split("\n")
    hits = [i for i, ln in enumerate(lines, 1) if needle in ln]
    return hits[nth - 1]


CASES = {
    "DUPLICATE_SEQ_NO": ("ลำดับที่ ๓\n", "ลำดับที่ ๒\n"),
    "SEQ_GAP": ("ลำดับที่ ๓\n", "ลำดับที่ ๕\n"),
    "PROJECT_COUNT_MISMATCH": ("รวมทั้งสิ้นจำนวน ๔ โครงการ", "รวมทั้งสิ้นจำนวน ๕ โครงการ"),
    "TOTAL_MISMATCH": ("๑๕,๐๐๐ บาท\t๑๕,๐๐๐ บาท\t๑๕,๐๐๐ บาท\t๑๕,๐๐๐ บาท\t\n๒.", "๑๖,๐๐๐ บาท\t๑๖,๐๐๐ บาท\t๑๖,๐๐๐ บาท\t๑๖,๐๐๐ บาท\t\n๒."),
    "BUDGET_MISMATCH": ("๕,๐๐๐ บาท\n", "๖,๐๐๐ บาท\n"),
    "MISSING_DETAIL_SECTION": ("๓) โครงการปลูกฝังวิถีคิด", "๓) โครงการปลูกฝังวิถีคิด ๓) กิจกรรมทำความสะอาดลำคลองสาธารณะ"),
    "MISSING_SUMMARY_ENTRY": ("๑. ชื่อโครงการ : โครงการปลูกฝังวิถีคิด", "๑. ชื่อโครงการ : กิจกรรมแข่งขันกีฬาเยาวชนต้านยาเสพติด"),
    "TITLE_MISMATCH": ("๑. ชื่อโครงการ : มาตรการเปิดเผยข้อมูลสาธารณะ", "๑. ชื่อโครงการ : มาตรการเปิดเผยข้อมูลสาธารณะและการจัดซื้อ"),
    "HIERARCHY_MISMATCH": ("\t๑.๒ การสร้างจิตสำนึกแก่ประชาชน\t", "\t๑.๓ การสร้างจิตสำนึกแก่ประชาชน\t"),
    "DUPLICATE_PROJECT": ("๑. ชื่อโครงการ : โครงการปลูกฝังวิถีคิด", "๑. ชื่อโครงการ : โครงการอบรมคุณธรรม"),
    "MISSING_FIELD": ("๔. กลุ่มเป้าหมาย\n\nพนักงาน\n\n", ""),
    "FIELD_NUMBERING": ("๙. ผลผลิต/ผลลัพธ์\n\nผลผลิต\n\nมีคู่มือ", "๑๐. ผลผลิต/ผลลัพธ์\n\nผลผลิต\n\nมีคู่มือ"),
    "PLACEHOLDER_TEXT": ("สำนักปลัด\n\n๙. ผลผลิต/ผลลัพธ์\n\nผลผลิต\n\nมีคู่มือ", "ระบุหน่วยงานที่รับผิดชอบดำเนินการ\n\n๙. ผลผลิต/ผลลัพธ์\n\nผลผลิต\n\nมีคู่มือ"),
    "FIELD_CONTENT_MISPLACED": ("๗. งบประมาณดำเนินการ\n\nไม่ใช้งบประมาณ\n\n๘. ผู้รับผิดชอบ\n", "๗. งบประมาณดำเนินการ\n\nสำนักปลัด\n\n๘. ผู้รับผิดชอบ\n"),
    "BUDGET_UNIT_MISSING": ("๕,๐๐๐ บาท\n", "๕,๐๐๐\n"),
    "HEADING_TYPO": ("มิติที่ ๒ การบริหารราชการด้วยความโปร่งใส\n", "มติที่ ๒ การบริหารราชการด้วยความโปร่งใส\n"),
    "MIXED_NUMERALS": ("ปีงบประมาณ ๒๕๖๗\n", "ปีงบประมาณ ๒๕67\n"),
    "LIST_NUMBERING": ("๒) จัดอบรม\n๓) รายงานผล", "๒) จัดอบรม\n๒) รายงานผล"),
    "EMPTY_SUBMISSION": ("๑.๒.๑ เสริมสร้างจิตสำนึกแก่ประชาชน\n", "๑.๒.๑ เสริมสร้างจิตสำนึกแก่ประชาชน\n\n๑.๒.๒ ภารกิจย่อยที่ไม่มีโครงการ\n"),
    "TABLE_CELL_UNSPLIT": ("\t\t\t-\t-\t-\t-\t\n", "\t\t\t- ๕๐๐\t-\t-\t-\t\n"),
}


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_code_is_triggered_by_its_defect(code):
    old, new = CASES[code]
    assert old in MINI, "the fixture changed: fix the case"
    assert code not in codes(MINI)
    assert code in codes(MINI.replace(old, new, 1))


def test_findings_say_where_to_look():
    text = MINI.replace("ลำดับที่ ๓\n", "ลำดับที่ ๒\n")
    plan = pipeline.parse_text(text)
    dup = next(f for f in plan.findings if f.code == "DUPLICATE_SEQ_NO")
    assert (dup.line, dup.order, dup.seq_no, dup.severity) == (line_of(text, "ลำดับที่ ๒", 2), 3, 2, "error")
    assert dup.evidence == "ลำดับที่ ๒"
    assert "DUPLICATE" not in dup.message and "ซ้ำ" in dup.message  # Thai message, code kept apart


def test_duplicate_is_not_also_a_gap():
    text = MINI.replace("ลำดับที่ ๓\n", "ลำดับที่ ๒\n").replace("ลำดับที่ ๔\n", "ลำดับที่ ๓\n")
    assert [c for c, _ in findings(text) if c in ("SEQ_GAP", "DUPLICATE_SEQ_NO")] == ["DUPLICATE_SEQ_NO"]


def test_budget_mismatch_points_at_the_section_budget_and_names_the_table_row():
    text = MINI.replace("๕,๐๐๐ บาท\n", "๖,๐๐๐ บาท\n")
    f = next(f for f in pipeline.parse_text(text).findings if f.code == "BUDGET_MISMATCH")
    assert f.line == line_of(text, "๖,๐๐๐ บาท") and f.entry_no == 3 and f.order == 3
    assert (f.expected, f.found) == ("5,000", "6,000") and "บรรทัด 20" in f.message


def test_a_total_is_reported_once_where_it_arises():
    # the section's 6,000 makes dimension 1 and the grand total both differ from Part 3;
    # only the dimension is reported
    text = MINI.replace("๕,๐๐๐ บาท\n", "๖,๐๐๐ บาท\n")
    totals = [f for f in pipeline.parse_text(text).findings if f.code == "TOTAL_MISMATCH"]
    assert [(f.line, f.expected, f.found) for f in totals] == [(21, "15,000", "16,000")]


def test_prose_that_says_ระบุ_is_not_a_placeholder():
    text = MINI.replace("๒) จัดอบรม\n", "๒) จัดอบรม พร้อมระบุผู้รับผิดชอบทุกขั้นตอน\n")
    assert "PLACEHOLDER_TEXT" not in codes(text)


def test_truncated_document():
    text = MINI[:MINI.index("๗. งบประมาณดำเนินการ\n\nไม่ใช้งบประมาณ\n\n๘. ผู้รับผิดชอบโครงการ")]
    assert "DOCUMENT_TRUNCATED" in codes(text)


def test_duplicate_text_is_a_note():
    long = "การบริหารจัดการขององค์กรปกครองส่วนท้องถิ่นมีกฎหมาย ระเบียบ ประกาศ คำสั่ง " * 6
    text = MINI.replace("บุคลากรต้องมีคุณธรรม", long).replace("ป้องกันผลประโยชน์ทับซ้อน\n\n๓.", long + "\n\n๓.")
    found = [f for f in pipeline.parse_text(text).findings if f.code == "DUPLICATE_TEXT"]
    assert [(f.severity, f.order) for f in found] == [("info", 2)]
    assert "DUPLICATE_TEXT" not in codes(MINI.replace("บุคลากรต้องมีคุณธรรม", long))


RISKS = ("ลำดับ ที่\tขั้นตอน การดำเนินงาน\tประเด็นความเสี่ยงการ ทุจริต\tRisk Score\tมาตรการ ควบคุมความเสี่ยงการทุจริต\n"
         "๑\tการบริหารงานบุคคล\t๑. เลื่อนขั้นไม่เป็นธรรม\tต่ำ\t๑. โครงการอบรมคุณธรรม ๒. {second}\n\n")


def test_risk_measure_with_no_project_and_risk_table_numbering():
    at = MINI.index("ส่วนที่ ๒ ประกอบด้วย")
    good = MINI[:at] + RISKS.format(second="มาตรการเปิดเผยข้อมูลสาธารณะ") + MINI[at:]
    assert codes(good) == set()
    bad = MINI[:at] + RISKS.format(second="มาตรการที่ไม่มีโครงการรองรับเลยแม้แต่น้อย").replace("๒. ", "๓. ") + MINI[at:]
    assert {(f.code, f.severity) for f in pipeline.parse_text(bad).findings} == {
        ("RISK_MEASURE_UNMATCHED", "info"), ("LIST_NUMBERING", "warning")}


def test_unnumbered_field_headings_are_read_and_noted():
    import re
    text = re.sub(r"(?m)^[๐-๙]\. (?=ชื่อโครงการ|หลักการ|วัตถุประสงค์|กลุ่มเป้าหมาย|วิธี|ระยะเวลา|งบประมาณ|ผู้รับผิดชอบ|ผลผลิต)",
                  "", MINI)
    plan, base = pipeline.parse_text(text), pipeline.parse_text(MINI)
    assert [(p.title, p.methods, p.budget_baht, p.outcomes) for p in plan.projects] == \
        [(p.title, p.methods, p.budget_baht, p.outcomes) for p in base.projects]
    assert {(f.code, f.severity) for f in plan.findings} == {("FIELD_NUMBERING", "info")}


def test_numbering_that_goes_back_is_one_restart_not_duplicates():
    # ๑ ๒ ๓ then ๒ again and on: a restart two sections after it, with its offset
    text = MINI.replace("ลำดับที่ ๔\n", "ลำดับที่ ๓\n").replace("ลำดับที่ ๓\n", "ลำดับที่ ๒\n", 1)
    plan = pipeline.parse_text(text)
    assert [p.seq_no for p in plan.projects] == [1, 2, 2, 3]
    assert [(f.code, f.order) for f in plan.findings if f.code in ("DUPLICATE_SEQ_NO", "SEQ_RESTART")] == [
        ("DUPLICATE_SEQ_NO", 3)]  # 2 right after 2: a duplicate
    text = MINI.replace("ลำดับที่ ๔\n", "ลำดับที่ ๒\n")  # ๑ ๒ ๓ ๒: goes back past a number
    found = pipeline.parse_text(text).findings
    restart = [f for f in found if f.code == "SEQ_RESTART"]
    assert [(f.severity, f.order, f.expected, f.found) for f in restart] == [("warning", 4, "4", "2")]
    # ... and ๒ names two sections: the duplicate is reported too, naming both places
    second = [p for p in pipeline.parse_text(text).projects if p.seq_no == 2]
    assert [(f.code, f.line, f.expected) for f in found if f.code == "DUPLICATE_SEQ_NO"] == [
        ("DUPLICATE_SEQ_NO", second[1].line_start, f"{second[0].line_start}, {second[1].line_start}")]


def test_numbering_that_starts_over_in_each_dimension_is_one_note():
    text = MINI.replace("ลำดับที่ ๔\n", "ลำดับที่ ๑\n")  # dimension 2's only section numbered 1 again
    found = [(f.code, f.severity) for f in pipeline.parse_text(text).findings]
    assert found == [("SEQ_RESTART", "info")]


def test_a_part_present_but_unread_is_an_error_with_its_lines():
    # the table's year columns written as "ปีที่ 1" ...: the header is not recognised as Part 2's table
    text = MINI
    for k, year in enumerate(("๒๕๖๗", "๒๕๖๘", "๒๕๖๙", "๒๕๗๐"), start=1):
        text = text.replace(f"ปี {year}\t", f"ปีที่ {k}\t")
    plan = pipeline.parse_text(text)
    unread = [f for f in plan.findings if f.code == "PART_UNREAD"]
    heading = text.split("\n").index("ส่วนที่ ๒") + 1  # the part's own heading (line 13)
    assert [(f.severity, f.field, f.line) for f in unread] == [("error", "part2", heading)]
    assert len(plan.projects) == 4 and plan.table == []  # Part 3 is still read
    assert f"บรรทัด {heading}-" in unread[0].message


def test_lines_no_rule_reads_are_a_warning_with_their_range():
    text = MINI.replace("ลำดับที่ ๒\n\n", "ลำดับที่ ๒\n\nหมายเหตุ โครงการนี้ดำเนินการร่วมกับอำเภอ\nและจังหวัด\n\n")
    found = [f for f in pipeline.parse_text(text).findings if f.code == "UNREAD_TEXT"]
    first = line_of(text, "หมายเหตุ โครงการนี้")
    assert [(f.severity, f.line, f.found) for f in found] == [("warning", first, f"{first}-{first + 1}")]


def test_a_section_missing_its_marker_is_read_and_reported():
    text = MINI.replace("ลำดับที่ ๓\n\n", "")
    plan = pipeline.parse_text(text)
    assert [p.seq_no for p in plan.projects] == [1, 2, None, 4]
    assert plan.projects[2].title == "โครงการปลูกฝังวิถีคิด"
    assert [(f.code, f.severity) for f in plan.findings if f.code == "SECTION_MARKER_MISSING"] == [
        ("SECTION_MARKER_MISSING", "warning")]


# --- issue 14: kinds, declared arithmetic, placeholders found fuzzily --------------------------

def test_a_title_that_calls_the_item_another_kind_is_a_warning_naming_both():
    for title, kind in (("โครงการเปิดเผยข้อมูลสาธารณะ", "โครงการ (project)"), ("เปิดเผยข้อมูลสาธารณะ", "no kind word")):
        text = MINI.replace("๑. ชื่อโครงการ : มาตรการเปิดเผยข้อมูลสาธารณะ", f"๑. ชื่อโครงการ : {title}")
        f = next(f for f in pipeline.parse_text(text).findings if f.code == "TITLE_MISMATCH")
        assert (f.line, f.entry_no, f.severity) == (22, 4, "warning")
        assert "มาตรการ (measure)" in f.message and kind in f.message


def test_a_declared_total_that_is_not_the_sum_of_its_parts():
    # the grand-total row says 5 projects; its dimension rows say 3 + 1: as 5 is also against the 4
    # entries and 4 sections (PROJECT_COUNT_MISMATCH on line 24), the arithmetic is its note
    text = MINI.replace("\tรวมทั้งสิ้น\tจำนวน ๔ โครงการ", "\tรวมทั้งสิ้น\tจำนวน ๕ โครงการ")
    plan = pipeline.parse_text(text)
    f = next(f for f in plan.findings if f.code == "DECLARED_SUM_MISMATCH")
    assert (f.line, f.found, f.expected, f.severity) == (24, "5", "4", "info") and "3 + 1 = 4" in f.message
    assert ("PROJECT_COUNT_MISMATCH", 24) in {(g.code, g.line) for g in plan.findings}
    # budgets: the grand total declares 16,000 a year against 15,000 + 0
    text = MINI.replace("จำนวน ๑๕,๐๐๐ บาท\tจำนวน ๑๕,๐๐๐ บาท\tจำนวน ๑๕,๐๐๐ บาท\tจำนวน ๑๕,๐๐๐ บาท",
                        "จำนวน ๑๖,๐๐๐ บาท\tจำนวน ๑๕,๐๐๐ บาท\tจำนวน ๑๕,๐๐๐ บาท\tจำนวน ๑๕,๐๐๐ บาท")
    sums = [f for f in pipeline.parse_text(text).findings if f.code == "DECLARED_SUM_MISMATCH"]
    assert [(f.line, f.found, f.expected) for f in sums] == [(24, "16,000", "15,000")] and "2567" in sums[0].message


def test_a_declared_sum_with_nothing_to_count_against_is_a_warning():
    # the introduction alone (lines 1-11) declares 4 = 2 + 1; no table and no section to count
    intro = "\n".join(MINI.split("\n")[:11]).replace("จำนวน ๓ โครงการ", "จำนวน ๒ โครงการ")
    f = next(f for f in pipeline.parse_text(intro + "\n\nส่วนที่ ๓\n").findings if f.code == "DECLARED_SUM_MISMATCH")
    assert (f.line, f.found, f.expected, f.severity) == (9, "4", "3", "warning")


def test_the_declared_sum_is_quiet_when_the_parts_add_up():
    assert "DECLARED_SUM_MISMATCH" not in codes(MINI)
    # a dimension's count wrong in the introduction and in the total: 5 = 4 + 1 adds up, so the
    # count mismatches say it all
    text = MINI.replace("รวมทั้งสิ้นจำนวน ๔", "รวมทั้งสิ้นจำนวน ๕").replace("รวมจำนวน ๔", "รวมจำนวน ๕")
    text = text.replace("สุจริต จำนวน ๓", "สุจริต จำนวน ๔")
    assert "DECLARED_SUM_MISMATCH" not in codes(text) and "PROJECT_COUNT_MISMATCH" in codes(text)


@pytest.mark.parametrize("written", [
    "สำนักปลัด ระบู่ชื่อ องค์กรปกครองส่วนท้องถิ่น",            # the template's ระบุชื่อ… misspelt
    "สำนักปลัดของระบบข้อมูลปกครองส่วนท้องถิ่น",                # its head replaced badly
    "สำนักปลัดของระบบข้อมูลปกครองส่วน\nท้องถิ่น ทุกฝ่าย",      # the same, wrapped inside a word
])
def test_a_misspelt_or_half_replaced_placeholder_is_found_in_its_field(written):
    text = MINI.replace("๘. ผู้รับผิดชอบโครงการ\n\nสำนักปลัด\n", f"๘. ผู้รับผิดชอบโครงการ\n\n{written}\n", 1)
    hits = [f for f in pipeline.parse_text(text).findings if f.code == "PLACEHOLDER_TEXT"]
    assert [(f.line, f.field, f.order) for f in hits] == [(line_of(text, written.split("\n")[0]), "responsible", 1)]


@pytest.mark.parametrize("written", [
    "องค์กรปกครองส่วนท้องถิ่น",                                 # shorter than the phrase: no fuzzy hit
    "สำนักปลัดองค์กร\nปกครองส่วนท้องถิ่น",                      # องค์กร wrapped before ปกครอง
    "สำนักปลัดองค์การปกครองส่วนท้องถิ่น", "กรมส่งเสริมการปกครองส่วนท้องถิ่น",
    "สำนักปลัด องค์กรปกครองส่วนท้องถิ่นทดสอบ",
])
def test_the_organisation_type_written_out_is_no_placeholder(written):
    text = MINI.replace("๘. ผู้รับผิดชอบโครงการ\n\nสำนักปลัด\n", f"๘. ผู้รับผิดชอบโครงการ\n\n{written}\n", 1)
    assert "PLACEHOLDER_TEXT" not in codes(text)


def test_a_misspelt_placeholder_in_part_one_and_one_finding_per_field():
    text = MINI.replace("ส่วนที่ ๒ ประกอบด้วย", "ความเสี่ยง\tมาตรการของระบู่ชื่อ องค์กรปกครองส่วนท้องถิ่น\n\nส่วนที่ ๒ ประกอบด้วย")
    hit = next(f for f in pipeline.parse_text(text).findings if f.code == "PLACEHOLDER_TEXT")
    assert (hit.line, hit.field) == (9, "part1")
    bad = "๑) จัดทำโครงการของระบบข้อมูลปกครองส่วนท้องถิ่น\n๒) จัดอบรมของระบบข้อมูลปกครองส่วนท้องถิ่น\n"
    text = MINI.replace("๑) จัดทำโครงการ\n๒) จัดอบรม\n", bad, 1)
    hits = [f for f in pipeline.parse_text(text).findings if f.code == "PLACEHOLDER_TEXT"]
    first = line_of(text, "๑) จัดทำโครงการของระบบ")
    assert [(f.line, f.field) for f in hits] == [(first, "methods")] and f"บรรทัด {first + 1}" in hits[0].message


def test_a_part_not_in_the_document_is_an_error():
    lines = MINI.split("\n")
    # no Part 2 at all (lines 13-25 dropped): the 4 sections are read, the table is reported missing,
    # and the introduction's declared counts are still read (4 = 3 + 1: no count finding)
    plan = pipeline.parse_text("\n".join(lines[:12] + lines[25:]))
    assert [(f.code, f.line, f.field) for f in plan.findings] == [("PART_MISSING", None, "part2")]
    assert len(plan.projects) == 4 and sorted(d.value for d in plan.declared) == [1, 3, 4]
    # the table, then only Part 3's heading (line 26)
    plan = pipeline.parse_text("\n".join(lines[:26]))
    assert [(f.code, f.line, f.field) for f in plan.findings] == [("PART_MISSING", 26, "part3")]


def test_a_field_left_out_with_the_headings_after_it_numbered_on_is_one_finding():
    # Word numbers headings itself: delete field 4 and 5-9 become 4-8. The section lacks a field
    # (MISSING_FIELD); its numbering follows the fields it has, so no FIELD_NUMBERING for each.
    start = MINI.index("๔. กลุ่มเป้าหมาย")
    end = MINI.index("ลำดับที่", start)
    section = MINI[MINI.index("๕. วิธีดำเนินการ", start):end]  # field 4 and its text left out
    for old, new in (("๕.", "๔."), ("๖.", "๕."), ("๗.", "๖."), ("๘.", "๗."), ("๙.", "๘.")):
        section = section.replace(f"{old} ", f"{new} ", 1) if section.startswith(old) else \
            section.replace(f"\n{old} ", f"\n{new} ")
    plan = pipeline.parse_text(MINI[:start] + section + MINI[end:])
    assert [(f.code, f.field) for f in plan.findings if f.severity != "info"] == [("MISSING_FIELD", "target_group")]
