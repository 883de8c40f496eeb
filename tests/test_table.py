import re

from pipeline.normalise import normalise
from pipeline.table import find_table

HEAD5 = ("มิติ\tภารกิจตามมิติ\tโครงการ/กิจกรรม/มาตรการ\tปี ๒๕๖๖\tปี ๒๕๖๗\tปี ๒๕๖๘\tปี ๒๕๖๙\tปี ๒๕๗๐\tหมายเหตุ\n"
         "\t\t\tงบประมาณ (บาท)\tงบประมาณ (บาท)\tงบประมาณ (บาท)\tงบประมาณ (บาท)\tงบประมาณ (บาท)\t\n")


def table(text):
    lines, _ = normalise(text)
    return find_table(lines)


def row(dim, mission, projects, *years):
    return "\t".join([dim, mission, projects, *years, ""]) + "\n"


def test_packed_cell_with_values_packed_in_each_year_cell():
    t = table(HEAD5 + row("๑. ก", "๑.๒ ข", "๙) โครงการก ๑๐) โครงการข ๑๑) โครงการค", *["- ๓๐,๐๐๐ -"] * 5))
    assert t.years == [2566, 2567, 2568, 2569, 2570]
    assert [(e.entry_no, e.title, e.dimension_no, e.mission_code) for e in t.entries] == [
        (9, "โครงการก", 1, "1.2"), (10, "โครงการข", 1, "1.2"), (11, "โครงการค", 1, "1.2")]
    assert [e.budgets[2568] for e in t.entries] == [0, 30000, 0]


def test_continuation_rows_hold_the_values_of_a_packed_cell():
    text = HEAD5 + row("", "๑.๒ ข", "๗) ก ๘) ข ๙) ค", *["-"] * 5) + row("", "", "", *["๑๒๐,๐๐๐"] * 5) \
        + row("", "", "", *["๒๕๐,๐๐๐"] * 5)
    t = table(text)
    assert [e.budgets[2566] for e in t.entries] == [0, 120000, 250000]
    assert t.entries[2].budget_lines == [3, 4, 5]
    assert not t.notes


def test_merged_cells_carry_dimension_and_mission_down():
    text = HEAD5 + row("๒. ก", "๒.๑ ข", "๑) ก", *["-"] * 5) + row("", "", "๒) ข", *["-"] * 5) \
        + row("", "๒.๒ ค", "๓) ค", *["-"] * 5)
    assert [(e.dimension_no, e.mission_code) for e in table(text).entries] == [(2, "2.1"), (2, "2.1"), (2, "2.2")]


def test_a_single_dash_for_several_entries_means_no_budget_for_all():
    t = table(HEAD5 + row("", "๒.๒ ก", "๑) ก ๒) ข ๓) ค", *["-"] * 5))
    assert [e.budgets[2570] for e in t.entries] == [0, 0, 0] and not t.notes


def test_too_few_dashes_give_zero_and_an_info_note():
    t = table(HEAD5 + row("", "๒.๒ ก", "๑) ก ๒) ข ๓) ค", *["-"] * 5) + row("", "", "", *["-"] * 5))
    assert [e.budgets[2570] for e in t.entries] == [0, 0, 0]
    assert [(n.code, n.severity, n.line) for n in t.notes] == [("TABLE_CELL_UNSPLIT", "info", 3)]


def test_amounts_that_cannot_be_split_stay_empty_with_a_warning():
    t = table(HEAD5 + row("", "๒.๒ ก", "๑) ก ๒) ข ๓) ค", *["๕,๐๐๐ ๒,๐๐๐"] * 5))
    assert [e.budgets[2566] for e in t.entries] == [None, None, None]
    assert [(n.code, n.severity) for n in t.notes] == [("TABLE_CELL_UNSPLIT", "warning")]


def test_repeated_header_after_a_page_break_and_totals():
    text = (HEAD5 + row("๑. ก", "๑.๑ ข", "๑) ก", *["๑๐,๐๐๐"] * 5) + "\n" + HEAD5.replace("มิติ", "มติ")
            + row("", "", "๒) ข", *["๕,๐๐๐"] * 5)
            + row("", "รวม", "จำนวน ๒ โครงการ", *["๑๕,๐๐๐ บาท"] * 5)
            + row("", "รวมทั้งสิ้น", "จำนวน ๒ โครงการ", *["จำนวน ๑๕,๐๐๐ บาท"] * 5))
    t = table(text)
    assert [e.entry_no for e in t.entries] == [1, 2]
    counts = [(d.scope, d.value, d.line) for d in t.declared if d.kind == "count"]
    assert counts == [("dimension", 2, 8), ("plan", 2, 9)]
    totals = {(d.scope, d.fiscal_year): d.value for d in t.declared if d.kind == "total"}
    assert totals[("dimension", 2566)] == 15000 and totals[("plan", 2570)] == 15000


def test_four_year_plan_with_arabic_digits():
    head = HEAD5.replace("\tปี ๒๕๖๖", "").replace("\tงบประมาณ (บาท)", "", 1)
    head = head.replace("๒๕๖๗", "2567").replace("๒๕๖๘", "2568").replace("๒๕๖๙", "2569").replace("๒๕๗๐", "2570")
    t = table(head + row("4. ก", "4.1 ข", "32) โครงการ", *["12,000"] * 4))
    assert t.years == [2567, 2568, 2569, 2570]
    assert t.entries[0].entry_no == 32 and t.entries[0].budgets == {y: 12000 for y in t.years}


def test_declared_counts_in_the_introduction_and_preamble():
    intro = ("ส่วนที่ ๒ ประกอบด้วย รวมทั้งสิ้นจำนวน ๖๒ โครงการ ดังนี้\nมิติที่ ๑ การสร้าง จำนวน ๑๗ โครงการ\n"
             + "\n" * 20 + " โครงการ/กิจกรรม/มาตรการ รวมจำนวน ๖๑ โครงการ ดังนี้\n\n")
    t = table(intro + HEAD5 + row("๑. ก", "๑.๑ ข", "๑) ก", *["-"] * 5))
    assert [(d.scope, d.dimension_no, d.value, d.line, d.where) for d in t.declared] == [
        ("plan", None, 62, 1, "intro"), ("dimension", 1, 17, 2, "intro"), ("plan", None, 61, 23, "preamble")]


def test_amounts_written_with_a_trailing_dot_dash():
    t = table(HEAD5 + row("", "๑.๑ ก", "๑) ก ๒) ข", *["๑๐,๐๐๐.- -"] * 5))
    assert [e.budgets[2566] for e in t.entries] == [10000, 0] and not t.notes


def test_entries_numbered_with_a_dot_when_the_number_is_the_next_one():
    t = table(HEAD5 + row("", "๑.๑ ก", "๑. โครงการก ๒. โครงการข ตามแนวทาง ๓. ของกรม", *["- - -"] * 5))
    assert [(e.entry_no, e.title) for e in t.entries] == [(1, "โครงการก"), (2, "โครงการข ตามแนวทาง"), (3, "ของกรม")]
    t = table(HEAD5 + row("", "๑.๑ ก", "๑) โครงการก ตามมาตรา ๕. วรรคหนึ่ง", *["-"] * 5))
    assert [(e.entry_no, e.title) for e in t.entries] == [(1, "โครงการก ตามมาตรา 5. วรรคหนึ่ง")]


def test_year_and_unit_in_one_header_cell():
    head = ("มิติ\tภารกิจ\tโครงการ/กิจกรรม/มาตรการ\tปี 2561 งบประมาณ (บาท)\tปี 2562 งบประมาณ (บาท)\n")
    t = table(head + row("1. ก", "1.1 ข", "1) ก", "5,000", "-"))
    assert t.years == [2561, 2562] and t.entries[0].budgets == {2561: 5000, 2562: 0}


def test_page_furniture_between_the_pages_of_the_table():
    furniture = "แผนปฏิบัติการป้องกันการทุจริต\nองค์การบริหารส่วนตำบลทดสอบ\nหน้า 6\n\n"
    text = (HEAD5 + row("๑. ก", "๑.๑ ข", "๑) ก", *["๑๐,๐๐๐"] * 5) + furniture + HEAD5
            + row("", "", "๒) ข", *["-"] * 5) + row("", "รวม", "จำนวน ๒ โครงการ", *["๑๐,๐๐๐ บาท"] * 5))
    t = table(text)
    assert [e.entry_no for e in t.entries] == [1, 2] and t.declared[0].value == 2


def test_the_table_ends_at_part_three_even_without_a_grand_total():
    text = (HEAD5 + row("๑. ก", "๑.๑ ข", "๑) ก", *["-"] * 5) + "\nส่วนที่ 3\n\nลำดับที่ 1\n"
            + "\t".join(["", "", "", "x"]) + "\n")
    t = table(text)
    assert [e.entry_no for e in t.entries] == [1] and t.last_line == 3


def test_columns_aligned_with_spaces_as_text_copied_from_a_pdf():
    head = ("มิติ      ภารกิจตามมิติ     โครงการ/กิจกรรม/มาตรการ         ปี 2567      ปี 2568\n")
    rows = ("1. ก      1.1 ข             1) โครงการแรก 2) โครงการสอง     10,000 -     10,000 -\n"
            "                            3) โครงการสาม                   5,000        5,000\n"
            "          รวม               จำนวน 3 โครงการ                 15,000 บาท   15,000 บาท\n")
    t = table(head + rows)
    assert t.years == [2567, 2568]
    assert [(e.entry_no, e.title, e.mission_code, e.budgets[2567]) for e in t.entries] == [
        (1, "โครงการแรก", "1.1", 10000), (2, "โครงการสอง", "1.1", 0), (3, "โครงการสาม", "1.1", 5000)]
    assert [(d.kind, d.value) for d in t.declared][:2] == [("count", 3), ("total", 15000)]


def test_a_two_row_header_with_the_years_below():
    head = ("มิติ\tภารกิจตามมิติ\tชื่อกิจกรรม\tงบประมาณ (บาท)\t\tหมายเหตุ\n"
            "\t\t\tพ.ศ. 2567\tพ.ศ. 2568\t\n")
    t = table(head + row("1. ก", "ภารกิจที่ 1.2 ข", "1) ก", "ไม่ใช้งบประมาณ", "7,000")
              + row("", "รวมงบประมาณ", "จำนวน 1 โครงการ", "-", "7,000"))
    assert t.years == [2567, 2568] and t.entries[0].mission_code == "1.2"
    assert t.entries[0].budgets == {2567: 0, 2568: 7000}
    assert [(d.kind, d.scope, d.value) for d in t.declared] == [("count", "dimension", 1), ("total", "dimension", 7000)]


def test_any_amount_of_furniture_between_table_pages_and_prose_after():
    furniture = "".join(f"- {n} -\nแผนปฏิบัติการป้องกันการทุจริต\n\nส่วนที่ 2\n(ต่อ)\n\n" for n in range(6, 9))
    prose = "หมายเหตุ งบประมาณที่ระบุในตารางเป็นงบประมาณโดยประมาณการ ซึ่งอาจเปลี่ยนแปลงได้ตามข้อบัญญัติงบประมาณรายจ่ายประจำปี\n"
    text = (HEAD5 + row("๑. ก", "๑.๑ ข", "๑) ก", *["-"] * 5) + furniture + HEAD5 + row("", "", "๒) ข", *["-"] * 5)
            + prose + "\nส่วนที่ 3\n")
    t = table(text)
    assert [e.entry_no for e in t.entries] == [1, 2] and t.unread == []
    inside = text.replace("\n\nส่วนที่ 2\n(ต่อ)", "\n" + prose.strip(), 1)  # prose between two table pages
    t = table(inside)
    assert [e.entry_no for e in t.entries] == [1, 2] and len(t.unread) == 1


def test_total_row_labels():
    for label, grand in (("รวม :", False), ("รวมงบประมาณ", False), ("รวมมิติที่ 1", False),
                         ("รวมทั้งหมด", True), ("รวมทั้งสิ้น", True)):
        t = table(HEAD5 + row("๑. ก", "๑.๑ ข", "๑) ก", *["๑๐,๐๐๐"] * 5) + row("", label, "จำนวน ๑ โครงการ", *["๑๐,๐๐๐ บาท"] * 5))
        assert [(d.scope, d.value) for d in t.declared if d.kind == "count"] == [("plan" if grand else "dimension", 1)], label


def test_years_a_pdf_broke_with_a_space_still_make_the_header():
    spaced = {"๒๕๖๗": "๒๕๖ ๗", "๒๕๖๘": "๒๕๖ ๘", "๒๕๖๙": "๒๕๖ ๙", "๒๕๗๐": "๒๕๗ ๐"}  # one year whole, as printed
    t = table("".join(spaced.get(w, w) for w in re.split(r"(๒๕[๐-๙][๐-๙])", HEAD5))
              + row("๑. ก", "๑.๑ ข", "๑) ก", *["๑๐,๐๐๐"] * 5))
    assert t.years == [2566, 2567, 2568, 2569, 2570] and t.entries[0].budgets[2567] == 10000


def test_a_packed_cell_a_page_broke_keeps_its_values():
    # the samples' first row as LibreOffice printed it: four entries, four values a year, but the
    # page broke the row after the second entry, so entries 3 and 4 come on a row of their own
    text = HEAD5 + row("๑. ก", "๑.๑ ข", "๑) ก ๒) ข", *["- ๘,๐๐๐ - ๒๕๐,๐๐๐"] * 5) \
        + row("", "", "๓) ค ๔) ง", *[""] * 5) + row("", "๑.๒ จ", "๕) จ", *["๑๐,๐๐๐"] * 5)
    t = table(text)
    assert [(e.entry_no, e.budgets[2566]) for e in t.entries] == [(1, 0), (2, 8000), (3, 0), (4, 250000), (5, 10000)]
    assert not t.notes


def test_a_repeated_header_whose_years_are_on_its_second_row_is_no_title():
    text = (HEAD5 + row("๔. ก", "๔.๒ ข", "๒๙) โครงการส่งเสริมความรู้", *["๑๘๐,๐๐๐"] * 5)
            + "มิติ\tภารกิจตามมิติ\tโครงการ/กิจกรรม/มาตรการ\tปี\tปี\tปี\tปี\tปี\tหม\n"
            + "\t\t\t๒๕๖๖\t๒๕๖ ๗\t๒๕๖ ๘\t๒๕๖ ๙\t๒๕๗ ๐\tายเหตุ\n"
            + row("", "๔.๓ ค", "๓๐) มาตรการจัดการ", *["-"] * 5))
    t = table(text)
    assert [(e.entry_no, e.title) for e in t.entries] == [(29, "โครงการส่งเสริมความรู้"), (30, "มาตรการจัดการ")]


def test_a_total_row_the_page_broke_is_put_back_together():
    # "๔๐" at the foot of one page, "๕,๐๐๐ บาท" at the top of the next (after the repeated header)
    text = (HEAD5 + row("๓. ก", "๓.๑ ข", "๑) ก", *["๔๐๕,๐๐๐"] * 5)
            + row("", "รวม", "จำนวน ๑ โครงการ", *["๔๐"] * 5) + HEAD5 + row("", "", "", *["๕,๐๐๐ บาท"] * 5)
            + row("๔. ค", "๔.๑ ง", "๒) ค", *["-"] * 5))
    t = table(text)
    assert {d.value for d in t.declared if d.kind == "total"} == {405000}
    assert [e.entry_no for e in t.entries] == [1, 2] and not t.notes


def test_header_cells_wrapped_onto_a_row_of_their_own():
    # Sarabun's larger letters wrap "ภารกิจตามมิติ" and "โครงการ/กิจกรรม/มาตรการ" in narrow columns
    head = ("มิติ\tภารกิจตาม\tโครงการ/กิจกรรม/\tปี\tปี\tหม\n"
            "\tมิติ\tมาตรการ\t2567\t2568\tายเหตุ\n")
    t = table(head + row("1. ก", "1.1 ข", "1) ค", "5,000", "5,000"))
    assert t.years == [2567, 2568]
    assert [(e.dimension_no, e.mission_code, e.title) for e in t.entries] == [(1, "1.1", "ค")]


def test_amounts_a_break_cut_are_put_back_only_when_that_fits():
    from pipeline.table import _amounts_put_back
    assert _amounts_put_back(["180,000", "10,000", "100,000", "3", "5,000", "-"], 5) == \
        ["180,000", "10,000", "100,000", "35,000", "-"]
    assert _amounts_put_back(["5,000", "10,00", "0", "40,000"], 3) == ["5,000", "10,000", "40,000"]
    assert _amounts_put_back(["5,000", "2,000"], 1) == ["5,000", "2,000"]  # two whole amounts: no guess
    assert _amounts_put_back(["3", "5,000", "4", "5,000"], 3) == ["3", "5,000", "4", "5,000"]  # which one?


def test_a_packed_cell_the_page_broke_with_values_on_both_pages():
    # a PDF's rows: entries 23-24 at the foot of page 12, 25-27 on page 13; the amount 10,000
    # of entry 26 cut in two (10,00 | 0) by the page
    text = HEAD5 + row("", "๒.๓ ก", "๒๓) ก ๒๔) ข", *["๑๒๐,๐๐๐ - ๕,๐๐๐ ๑๐,๐๐"] * 5) \
        + row("", "", "๒๕) ค ๒๖) ง ๒๗) จ", *["๐ ๔๐,๐๐๐"] * 5)
    lines, _ = normalise(text, [(12, 30), (12, 31), (12, 32), (13, 1), (13, 2)])  # (page, line on it)
    assert [ln.page for ln in lines] == [12, 12, 12, 13, 13]
    t = find_table(lines)
    assert [(e.entry_no, e.budgets[2566]) for e in t.entries] == [(23, 120000), (24, 0), (25, 5000), (26, 10000),
                                                                 (27, 40000)]
    assert not t.notes
    # the same rows in a text (no pages): nothing is joined on a guess, the amounts are left out and said so
    t = table(text)
    assert all(e.budgets[2566] is None for e in t.entries) and {n.code for n in t.notes} == {"TABLE_CELL_UNSPLIT"}


def test_an_amount_cut_in_two_that_cannot_be_put_back_is_left_empty_and_said():
    # "10,00" with its last 0 lost (or on a row that cannot be joined): never read as 1,000
    t = table(HEAD5 + row("", "๒.๓ ก", "๒๕) ค", *["๑๐,๐๐"] * 5))
    assert t.entries[0].budgets[2566] is None
    assert [(n.code, n.severity) for n in t.notes] == [("TABLE_CELL_UNSPLIT", "warning")]


def test_amounts_with_no_entry_to_belong_to_are_not_read_silently():
    # values after a total row, with no entry above them: left unread (UNREAD_TEXT), never dropped
    text = (HEAD5 + row("๑. ก", "๑.๑ ข", "๑) ก", *["๑๐,๐๐๐"] * 5) + row("", "รวม", "จำนวน ๑ โครงการ", *["๑๐,๐๐๐ บาท"] * 5)
            + row("", "", "", *["๗,๐๐๐"] * 5) + row("๒. ค", "๒.๑ ง", "๒) ค", *["-"] * 5))
    t = table(text)
    assert [e.entry_no for e in t.entries] == [1, 2] and 5 not in t.read and 4 in t.read
