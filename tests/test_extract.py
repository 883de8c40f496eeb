import pytest

from pipeline.extract import budget_amount, fiscal_years, head_count, split_items
from pipeline.model import Line


def lines(text):
    return [Line(i, t, t) for i, t in enumerate(text.split("\n"), 1)]


@pytest.mark.parametrize("text", [
    "1) ก\n2) ข\n3) ค", "- 1) ก\n- 2) ข\n- 3) ค", "1. ก\n2. ข\n3. ค", "(1) ก\n(2) ข\n(3) ค",
    "ก\nข\nค", "- ก\n- ข\n- ค",
])
def test_list_numbering_styles_are_removed(text):
    assert split_items(lines(text)) == ["ก", "ข", "ค"]


def test_nested_items_stay_inside_their_parent():
    text = ("1) ตั้งคณะทำงาน\n2) ประชุม\n2.1) กำหนดแนวทาง\n2.1.1) ข้อมูลพื้นฐาน\n- ย่อย\n"
            "3) จัดทำรายงาน\n(1) การรับรอง\n(2) การประเมิน\n4) เผยแพร่")
    assert split_items(lines(text)) == [
        "ตั้งคณะทำงาน", "ประชุม 2.1) กำหนดแนวทาง 2.1.1) ข้อมูลพื้นฐาน - ย่อย",
        "จัดทำรายงาน (1) การรับรอง (2) การประเมิน", "เผยแพร่"]


def test_committee_list_under_an_item():
    text = "1) แต่งตั้งคณะกรรมการ ดังนี้\n- นายก ประธาน\n- ปลัด กรรมการ\n2) ประชุม"
    assert split_items(lines(text)) == ["แต่งตั้งคณะกรรมการ ดังนี้ - นายก ประธาน - ปลัด กรรมการ", "ประชุม"]


def test_a_switch_from_dot_to_paren_that_continues_the_numbering_is_still_top_level():
    assert split_items(lines("1. ก\n2. ข\n3) ค")) == ["ก", "ข", "ค"]


def test_head_count():
    assert head_count("บุคลากร ผู้บริหาร และสมาชิกสภาท้องถิ่น จำนวน 65 คน") == (65, "คน")
    assert head_count("เจ้าหน้าที่ บุคลากรของเทศบาล 65 คน") == (65, "คน")
    assert head_count("ผู้บริหาร 5 คน และพนักงาน 1,200 คน") == (1205, "คน")
    assert head_count("ประชาชนในเขตพื้นที่") == (None, "")


@pytest.mark.parametrize("text,years", [
    ("ปีงบประมาณ พ.ศ. 2566 - 2570", (2566, 2570)), ("ปีงบประมาณ 2566-2570", (2566, 2570)),
    ("ตั้งแต่ปีงบประมาณ พ.ศ. 2566 ถึง 2570", (2566, 2570)), ("ปีงบประมาณ พ.ศ. 2567", (2567, 2567)),
    ("1 ตุลาคม 2565 - 30 กันยายน 2570", (2566, 2570)), ("ปีงบประมาณ 66-70", (2566, 2570)),
    ("ตลอดปี", (None, None)),
])
def test_fiscal_years(text, years):
    assert fiscal_years(text) == years


@pytest.mark.parametrize("text,amount,unit", [
    ("20,000 บาท", 20000, True), ("30,000", 30000, False), ("ไม่ใช้งบประมาณ", 0, True),
    ("ไม่ใช้งบประมาณดำเนินการ", 0, True), ("-", 0, True), ("งบประมาณ 1.5 ล้านบาท", 1_500_000, True),
    ("ปีงบประมาณ 2566 จำนวน 5,000 บาท", 5000, True), ("เทศบาลตำบลตัวอย่าง", None, True),
    ("ระบุงบประมาณที่ใช้ดำเนินการ", None, True), ("", None, True), ("12,500.50 บาท", 12500.5, True),
    ("10,000.- บาท", 10000, True), ("ไม่มีค่าใช้จ่าย", 0, True), ("20,000 บาท/ปี", 20000, True),
])
def test_budget_amount(text, amount, unit):
    assert budget_amount(text) == (amount, unit)


def test_thai_digit_numbering_after_normalisation():
    from pipeline.normalise import normalise
    lines_, _ = normalise("๑. เพื่อให้ความรู้\n๒. เพื่อป้องกัน\n- ๑) ข้อย่อยแบบอื่น\n๓. เพื่อรายงาน")
    assert split_items(lines_) == ["เพื่อให้ความรู้", "เพื่อป้องกัน - 1) ข้อย่อยแบบอื่น", "เพื่อรายงาน"]


@pytest.mark.parametrize("text,amount,unit", [
    ("5 000 บาท", 5000, True), ("0.05 ล้านบาท", 50000, True), ("5,000.- บาท", 5000, True),
    ("5,000 บ.", 5000, True), ("ปีละ 20,000 บาท", 20000, True), ("0.005 ล้านบาท", 5000, True),
    ("ไม่ได้ตั้งงบประมาณ", 0, True), ("ไม่เสียค่าใช้จ่าย", 0, True), ("ไม่ใช้ งบประมาณ", 0, True),
    ("- บาท", 0, True),
    # an itemised budget is its total, whatever the order of the items
    ("ค่าอาหาร 3,000 บาท\nค่าวัสดุ 2,000 บาท\nรวม 5,000 บาท", 5000, True),
    ("ค่าวิทยากร 1,200 บาท ค่าอาหารว่าง 800 บาท รวมเป็นเงินทั้งสิ้น 2,000 บาท", 2000, True),
])
def test_budget_forms_plans_use(text, amount, unit):
    assert budget_amount(text) == (amount, unit)


def test_a_budget_that_differs_by_year():
    from pipeline.extract import budget_by_year
    text = "ปีงบประมาณ 2566 จำนวน 10,000 บาท ปีงบประมาณ 2567 จำนวน 20,000 บาท ปี 2568 20,000 บาท"
    assert budget_by_year(text) == {2566: 10000, 2567: 20000, 2568: 20000}
    assert budget_by_year("ปีละ 20,000 บาท") == {}


@pytest.mark.parametrize("text,years", [
    ("ตั้งแต่ ต.ค. 2565 - ก.ย. 2570", (2566, 2570)),
    # the year of a regulation named in the period is not the period's
    ("ปีงบประมาณ 2566-2570 ตามระเบียบกระทรวงมหาดไทย พ.ศ. 2561", (2566, 2570)),
    ("ปีงบประมาณ พ.ศ. 2567 (ตามพระราชบัญญัติข้อมูลข่าวสาร พ.ศ. 2540)", (2567, 2567)),
])
def test_periods_that_name_other_years(text, years):
    assert fiscal_years(text) == years


def test_periods_outside_the_plan_are_left_to_the_plan_years():
    # a stray year outside the plan's fiscal years is ignored when the plan's are there
    assert fiscal_years("ดำเนินการทุกปี 2566 - 2570 (เริ่มใช้ปี 2564)", (2566, 2570)) == (2566, 2570)


@pytest.mark.parametrize("text,count", [
    ("รวม 65 คน (ผู้บริหาร 5 คน สมาชิกสภา 10 คน พนักงาน 50 คน)", 65),
    ("ผู้บริหาร 5 คน สมาชิกสภา 10 คน รวมทั้งสิ้น 15 คน", 15),
    ("ประชาชน 10 หมู่บ้าน ๆ ละ 5 คน", 50), ("ประชาชน 12 หมู่บ้านๆละ 50 คน", 600),
    ("บุคลากร (ทุกสำนัก/กอง) จำนวน 30 คน", 30),
])
def test_head_count_forms_plans_use(text, count):
    assert head_count(text)[0] == count


def test_dotted_items_numbered_by_their_first_part():
    from pipeline.extract import list_items
    items = list_items(lines("1.1 มีการอบรม\n2.1 มีคู่มือ\n3.1 มีรายงาน"))
    assert [(i.number, i.text) for i in items] == [(1, "มีการอบรม"), (2, "มีคู่มือ"), (3, "มีรายงาน")]


def test_a_hard_wrapped_paragraph_is_joined_at_the_wrap_width():
    from pipeline.extract import prose
    wrapped = lines("การบริหารจัดการขององค์กรปกครองส่วนท้องถิ่น\nมีกฎหมายระเบียบ\n\nย่อหน้าใหม่")
    assert prose(wrapped, wrap_width=40) == "การบริหารจัดการขององค์กรปกครองส่วนท้องถิ่นมีกฎหมายระเบียบ\nย่อหน้าใหม่"
    assert prose(wrapped, wrap_width=None) == "การบริหารจัดการขององค์กรปกครองส่วนท้องถิ่น\nมีกฎหมายระเบียบ\nย่อหน้าใหม่"


def test_unnumbered_items_that_start_alike_are_not_one_wrapped_paragraph():
    from pipeline.extract import paragraphs
    lines = [Line(1, "", "เพื่อให้มีระบบ/ช่องทางการรับเรื่องร้องเรียนที่มีประสิทธิภาพ สะดวก ปลอดภัย สำหรับบุคลากรและประชาชน"),
             Line(2, "", "เพื่อให้การตรวจสอบเรื่องร้องเรียนเป็นไปอย่างรวดเร็ว"),
             Line(3, "", "ผู้บริหารท้องถิ่น สมาชิกสภาท้องถิ่น พนักงานของเทศบาลที่เข้ารับการอบรม ผ่านการทดสอบความรู้ธรรมาภิบาล"),
             Line(4, "", "ร้อยละ 90")]
    assert [text for _, text in paragraphs(lines, wrap_width=80)] == [
        lines[0].text, lines[1].text,  # a wrapped line is joined on (Thai meets Thai with no space)
        "ผู้บริหารท้องถิ่น สมาชิกสภาท้องถิ่น พนักงานของเทศบาลที่เข้ารับการอบรม ผ่านการทดสอบความรู้ธรรมาภิบาลร้อยละ 90"]
