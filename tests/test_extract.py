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
