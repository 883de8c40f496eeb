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


def test_what_a_line_of_text_ends_in_decides_only_where_a_rule_can_take_it():
    """Lines of a field that end in a number stay text unless a section marker or page number can
    be there: a long line ending in ลำดับที่ N is a marker glued on, a short ครั้งที่ 2 is text."""
    glued = "มีการประชุมคณะทำงานเพื่อติดตามประเมินผลการดำเนินงานป้องกันการทุจริตลำดับที่ 2"
    text = SECTION.format(n=1).replace("ประชาชน", "ประชาชน\nประชุมครั้งที่ 2").replace(
        "มีผลลัพธ์\n", "มีผลลัพธ์\n" + glued + "\n") + "\n" + SECTION.format(n=2).split("\n", 1)[1]
    out = seg(text)
    assert [p.seq_no for p in out.projects] == [1, 2]
    first, second = out.projects
    assert first.fields["target_group"].text == "ประชาชน\nประชุมครั้งที่ 2"
    assert first.fields["period"].text == "ปีงบประมาณ พ.ศ. 2566 - 2570"
    assert first.fields["results"].text.endswith("มีผลลัพธ์\nมีการประชุมคณะทำงานเพื่อติดตามประเมินผลการดำเนินงานป้องกันการทุจริต")
    assert second.seq_text == glued and second.line_start == first.line_end  # the line holds the end of one and the start of the other
    assert second.fields["title"].inline == "โครงการที่ 2"


def test_an_unnumbered_heading_with_a_long_value_after_its_colon_is_a_heading():
    long_value = "กองยุทธศาสตร์และงบประมาณ ร่วมกับสำนักปลัดเทศบาล และกองคลัง ทุกฝ่ายที่เกี่ยวข้องกับการจัดซื้อจัดจ้าง"
    text = "\n".join(["ลำดับที่ 1", "ชื่อโครงการ : โครงการทดสอบ", "หลักการและเหตุผล", "เหตุผล",
                     "ผู้รับผิดชอบ : " + long_value, "ผลผลิต/ผลลัพธ์", "มีผลผลิต"])
    p = seg(text).projects[0]
    assert list(p.fields) == ["title", "rationale", "responsible", "results"]
    assert p.fields["responsible"].inline == long_value
    assert p.fields["rationale"].text == "เหตุผล"


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


import pytest  # noqa: E402


@pytest.mark.parametrize("marker", ["ลำดับที่ 7", "ลำดับ ที่ 7", "(ลำดับที่ 7)", "ลำดับที่7", "ลำดับที่ 7.",
                                    "ลำาดับที่ 7", "ลำดบที่ 7", "ลําดับที่ 7", "ลำดับที่ : 7"])
def test_section_marker_variants(marker):
    out = seg(SECTION.format(n=7).replace("ลำดับที่ 7", marker))
    assert [p.seq_no for p in out.projects] == [7] and len(out.projects[0].fields) == 9


@pytest.mark.parametrize("form", ["{n}. {w}", "{n} {w}", "({n}) {w}", "ข้อ {n} {w}", "{n}) {w}", "{n}.{w}", "{n}.\n{w}"])
def test_field_number_forms(form):
    import re
    text = re.sub(r"(?m)^(\d)\. (\S.*)$", lambda m: form.format(n=m.group(1), w=m.group(2)), SECTION.format(n=1))
    p = seg(text).projects[0]
    assert list(p.fields) == ["title", "rationale", "objectives", "target_group", "methods", "period",
                              "budget", "responsible", "results"]
    assert [f.written_number for f in p.fields.values()] == list(range(1, 10))
    assert p.fields["budget"].text == "ไม่ใช้งบประมาณ" and p.fields["title"].inline == "โครงการที่ 1"


def test_other_wordings_and_a_typo_open_their_fields():
    text = (SECTION.format(n=1).replace("4. กลุ่มเป้าหมาย", "4. เป้าหมาย").replace("5. วิธีดำเนินการ", "5. ขั้นตอนการดำเนินงาน")
            .replace("7. งบประมาณดำเนินการ", "7. งบประมาณโครงการ").replace("8. ผู้รับผิดชอบ", "8. หน่วยงานผู้รับผิดชอบ")
            .replace("9. ผลผลิต/ผลลัพธ์", "9. ผลที่คาดว่าจะได้รับ").replace("3. วัตถุประสงค์", "3. วัตถุประสงค"))
    out = seg(text)
    assert len(out.projects[0].fields) == 9 and out.projects[0].fields["methods"].text == "1) ดำเนินการ"
    assert [(n.code, n.line, n.found) for n in out.notes] == [("HEADING_TYPO", 9, "วัตถุประสงค")]


def test_a_numbered_heading_with_unknown_words_is_the_next_field():
    out = seg(SECTION.format(n=1).replace("6. ระยะเวลาดำเนินการ", "6. ช่วงเวลาที่จัดกิจกรรม"))
    p = out.projects[0]
    assert p.fields["period"].heading == "ช่วงเวลาที่จัดกิจกรรม" and p.fields["period"].text == "ปีงบประมาณ พ.ศ. 2566 - 2570"
    assert [(n.code, n.severity, n.line) for n in out.notes] == [("UNKNOWN_FIELD_HEADING", "info", 21)]
    # but a list item numbered like the next field continues its list
    items = SECTION.format(n=1).replace("1) เพื่อทดสอบ", "1. ก\n2. ข\n3. ค\n4. ง")
    assert seg(items).projects[0].fields["objectives"].text == "1. ก\n2. ข\n3. ค\n4. ง"


def test_a_heading_word_alone_at_the_start_of_a_wrapped_line_is_not_a_field():
    text = SECTION.format(n=1).replace("1) เพื่อทดสอบ", "1) เพื่อตรวจสอบการเบิกจ่าย\nงบประมาณ\n2) เพื่อลดข้อผิดพลาด")
    p = seg(text).projects[0]
    assert p.fields["objectives"].text == "1) เพื่อตรวจสอบการเบิกจ่าย\nงบประมาณ\n2) เพื่อลดข้อผิดพลาด"
    assert p.fields["budget"].text == "ไม่ใช้งบประมาณ"


def test_dotted_outputs_are_not_mission_headings():
    body = SECTION.format(n=1).replace("ผลผลิต\n\nมีผลผลิต", "ผลผลิต\n\n1.1 มีการอบรม\n2.1 มีคู่มือ\n3.1 มีรายงาน")
    text = "มิติที่ 1 ก\n\n1.1 ภารกิจ\n\n" + body + "\n1.2 ภารกิจที่สอง\n\n" + SECTION.format(n=2)
    out = seg(text)
    assert [(p.dimension_no, p.mission_code) for p in out.projects] == [(1, "1.1"), (1, "1.2")]
    assert [d.number for d in out.dimensions] == [1]
    assert "3.1 มีรายงาน" in out.projects[0].fields["results"].text


def test_a_section_without_its_marker_starts_at_its_title():
    text = SECTION.format(n=1) + "\n" + SECTION.format(n=2).replace("ลำดับที่ 2\n", "")
    out = seg(text)
    assert [(p.seq_no, p.title if hasattr(p, "title") else None) for p in out.projects][0][0] == 1
    assert [p.seq_no for p in out.projects] == [1, None]
    assert out.projects[1].fields["title"].inline == "โครงการที่ 2"


def test_text_no_rule_reads_is_reported_with_its_lines():
    text = SECTION.format(n=1).replace("ลำดับที่ 1\n\n", "ลำดับที่ 1\n\nข้อความที่ไม่ใช่หัวข้อใด\nอีกบรรทัด\n\n")
    out = seg(text)
    assert out.unread == [(3, 4)]
    assert out.projects[0].fields["title"].inline == "โครงการที่ 1"


def test_page_furniture_inside_a_field_is_skipped():
    from pipeline.normalise import layout
    # pages 1, 3, 5, 7 start the sections; page 2 breaks the first one inside its responsible field
    pages = "".join(f"\n- {2 * n - 1} -\nแผนปฏิบัติการป้องกันการทุจริต อบต.ทดสอบ\n" + SECTION.format(n=n) for n in range(1, 5))
    text = pages.replace("สำนักปลัด\n", "สำนักปลัด\n\n- 2 -\nแผนปฏิบัติการป้องกันการทุจริต อบต.ทดสอบ\nกองคลัง\n", 1)
    lines, _ = normalise(text)
    layout(lines)
    p = segment(lines).projects[0]
    assert p.fields["responsible"].text == "สำนักปลัด\nกองคลัง"


def test_an_activity_numbered_inside_a_field_is_no_section():
    # กิจกรรมที่ 2 before a title heading opens section 2; inside the methods it is their text
    text = ("ส่วนที่ 3\nมิติที่ 1 การสร้างวัฒนธรรมสุจริต\n1.1 การเสริมสร้างจิตสำนึก\nกิจกรรมที่ 1\n"
            "1. ชื่อโครงการ : กิจกรรมก\n2. หลักการและเหตุผล\nข้อความ\n5. วิธีดำเนินการ\nกิจกรรมที่ 1\nจัดอบรม\n"
            "กิจกรรมที่ 2\nจัดประชุม\n6. ระยะเวลาดำเนินการ\nปีงบประมาณ 2566\nกิจกรรมที่ 2\n1. ชื่อโครงการ : กิจกรรมข\n")
    lines, _ = normalise(text)
    seg = segment(lines)
    assert [(p.seq_no, p.fields["title"].inline) for p in seg.projects] == [(1, "กิจกรรมก"), (2, "กิจกรรมข")]
    assert [ln.text for ln in seg.projects[0].fields["methods"].lines] == ["กิจกรรมที่ 1", "จัดอบรม", "กิจกรรมที่ 2", "จัดประชุม"]
