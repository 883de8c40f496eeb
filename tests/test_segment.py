from pipeline.normalise import normalise
from pipeline.segment import match_field_heading, segment

SECTION = """ลำดับที่ {n}

1. ชื่อโครงการ : โครงการที่ {n}

2. หลักการและเหตุผล

เหตุผล

3. วัตถุประสงค์

1) เพื่อทดสอบ

4. กลุ่มเป้าหมาย

ประชาชน

5. วิธีดำเนินการ

1) ดำเนินการ

6. ระยะเวลาดำเนินการ

ปีงบประมาณ พ.ศ. 2566 - 2570

7. งบประมาณดำเนินการ

ไม่ใช้งบประมาณ

8. ผู้รับผิดชอบ

สำนักปลัด

9. ผลผลิต/ผลลัพธ์

ผลผลิต

มีผลผลิต

ผลลัพธ์

มีผลลัพธ์
"""


def seg(text):
    lines, _ = normalise(text)
    return segment(lines)


def test_hierarchy_with_thai_digits_and_several_submissions_in_a_row():
    text = ("ส่วนที่ ๓\n\nมิติที่ ๑ การสร้างวัฒนธรรมสุจริต\n\n๑.๑ การเสริมสร้างจิตสำนึก\n\n"
            "๑.๑.๑ ภารกิจย่อยแรก\n\n๑.๑.๒ ภารกิจย่อยที่สอง\n\n" + SECTION.format(n="๑")
            + "\n๑.๒ ภารกิจที่สอง\n\n๑.๒.๑ ภารกิจย่อย\n\n" + SECTION.format(n="๒"))
    out = seg(text)
    assert [(p.seq_no, p.dimension_no, p.mission_code, p.submission_code) for p in out.projects] == [
        (1, 1, "1.1", "1.1.2"), (2, 1, "1.2", "1.2.1")]
    assert [s.code for s in out.dimensions[0].missions[0].submissions] == ["1.1.1", "1.1.2"]
    assert out.dimensions[0].missions[0].submissions[0].projects == []


def test_misspelt_dimension_heading_is_accepted():
    out = seg("มติที่ 2 การบริหารราชการด้วยความโปร่งใส\n\n2.1 การเปิดเผยข้อมูล\n\n" + SECTION.format(n=1))
    assert out.projects[0].dimension_no == 2 and out.projects[0].mission_code == "2.1"


def test_all_nine_fields_and_line_ranges():
    out = seg(SECTION.format(n=7))
    p = out.projects[0]
    assert list(p.fields) == ["title", "rationale", "objectives", "target_group", "methods", "period",
                              "budget", "responsible", "results"]
    assert p.line_start == 1 and p.line_end == 41
    assert p.fields["budget"].line_range == (25, 27)
    assert p.fields["title"].inline == "โครงการที่ 7"


def test_field_heading_glued_to_the_previous_line():
    text = SECTION.format(n=1).replace("1) เพื่อทดสอบ\n\n4. กลุ่มเป้าหมาย", "1) เพื่อทดสอบเหมืองแก้ว 4. กลุ่มเป้าหมาย")
    p = seg(text).projects[0]
    assert p.fields["objectives"].text == "1) เพื่อทดสอบเหมืองแก้ว"
    assert p.fields["target_group"].text == "ประชาชน"
    assert p.fields["target_group"].heading_line == 11


def test_missing_field_is_missing_not_borrowed():
    text = SECTION.format(n=1).replace("5. วิธีดำเนินการ\n\n1) ดำเนินการ\n\n", "")
    p = seg(text).projects[0]
    assert "methods" not in p.fields
    assert p.fields["target_group"].text == "ประชาชน"


def test_page_numbers_and_separators_between_paragraphs_are_dropped():
    text = SECTION.format(n=1).replace("\nเหตุผล\n", "\nเหตุผลแรก\n\n12\n\n#####\n\n- 13 -\n\nเหตุผลสอง\n")
    p = seg(text).projects[0]
    assert p.fields["rationale"].text == "เหตุผลแรก\nเหตุผลสอง"


def test_a_bare_number_in_the_budget_field_is_kept():
    p = seg(SECTION.format(n=1).replace("ไม่ใช้งบประมาณ", "500")).projects[0]
    assert p.fields["budget"].text == "500"


def test_heading_keyword_variants():
    variants = {
        "2. หลักการและเหตุผล/ที่มาของโครงการ": "rationale", "2. หลักการและเหตุผล/ความเป็นมา": "rationale",
        "5. วิธีการดำเนินการ": "methods", "5. วิธีดำเนินงาน": "methods", "5. วิธีการดำเนินงาน": "methods",
        "6. ระยะเวลาการดำเนินงาน": "period", "7. งบประมาณที่ใช้ในการดำเนินการ": "budget",
        "7. งบประมาณที่ดำเนินการ": "budget", "8. ผู้รับผิดชอบโครงการ": "responsible",
        "10. ผลผลิต, ผลลัพธ์": "results", "9. ตัวชี้วัด/ผลลัพธ์": "results",
    }
    for text, key in variants.items():
        found = match_field_heading(text)
        assert (found.key if found else None) == key, text
    assert match_field_heading("10. ผลผลิต, ผลลัพธ์").number == 10
    assert match_field_heading("7. งบประมาณ 20,000 บาท").rest == "20,000 บาท"
    assert match_field_heading("ผลผลิต") is None  # the sub-heading inside field 9
    assert match_field_heading("3. วัตถุประสงค์ของการจัดทำแผน") is None


def test_list_item_that_looks_like_a_mission_stays_in_its_field():
    text = ("มิติที่ 2 ก\n\n2.1 ภารกิจ\n\n" + SECTION.format(n=1).replace(
        "1) ดำเนินการ", "1) ดำเนินการ\n2.2 ขั้นตอนย่อยในวิธีดำเนินการ"))
    p = seg(text).projects[0]
    assert p.mission_code == "2.1"
    assert "2.2 ขั้นตอนย่อย" in p.fields["methods"].text


def test_title_that_wraps_onto_the_next_line():
    text = SECTION.format(n=1).replace("โครงการที่ 1\n", "โครงการฝึกอบรมเพื่อ\nเสริมสร้างวัฒนธรรม\n")
    from pipeline.extract import extract
    p = extract(seg(text).projects[0])
    assert p.title == "โครงการฝึกอบรมเพื่อเสริมสร้างวัฒนธรรม"


def test_a_missing_dimension_heading_is_opened_from_its_first_mission():
    text = ("มิติที่ 1 ก\n\n1.1 ภารกิจ\n\n" + SECTION.format(n=1) + "\nมิต 2 การบริหาร\n\n2.1 ภารกิจสอง\n\n"
            "2.1.1 ภารกิจย่อย\n\n" + SECTION.format(n=2))
    out = seg(text)
    assert [(p.dimension_no, p.mission_code, p.submission_code) for p in out.projects] == [
        (1, "1.1", ""), (2, "2.1", "2.1.1")]
    assert [(d.number, bool(d.heading_raw)) for d in out.dimensions] == [(1, True), (2, False)]


def test_missions_without_any_dimension_heading():
    text = "1.1 ภารกิจ\n\n" + SECTION.format(n=1) + "\n2.1 ภารกิจสอง\n\n" + SECTION.format(n=2)
    assert [(p.dimension_no, p.mission_code) for p in seg(text).projects] == [(1, "1.1"), (2, "2.1")]


def test_a_later_mission_of_another_dimension_is_not_a_heading():
    text = "มิติที่ 1 ก\n\n1.1 ภารกิจ\n\n" + SECTION.format(n=1) + "\n3.2 ข้อความที่ดูเหมือนภารกิจ\n"
    out = seg(text)
    assert [m.code for d in out.dimensions for m in d.missions] == ["1.1"]
