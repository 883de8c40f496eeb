"""Part 1: the risk-assessment table, the plan's lists and the targets table."""
from pipeline.intro import cell_items, intro_lists, risk_register, targets
from pipeline.normalise import normalise

HEADER = "ลำดับ ที่\tขั้นตอน การดำเนินงาน\tประเด็นความเสี่ยงการ ทุจริต\tRisk Score\tมาตรการ ควบคุมความเสี่ยงการทุจริต\n"


def lines(text):
    return normalise(text)[0]


def test_several_numbered_items_in_one_cell():
    assert cell_items("1. ก ข 2. ค 3. ง") == [(1, "ก ข"), (2, "ค"), (3, "ง")]
    assert cell_items("การบรรจุแต่งตั้ง โยกย้าย") == [(None, "การบรรจุแต่งตั้ง โยกย้าย")]
    assert cell_items("พ.ศ. 2566 เป็นต้นไป") == [(None, "พ.ศ. 2566 เป็นต้นไป")]


def test_risk_table_with_thai_digits_and_a_row_continued_after_a_page_break():
    text = (HEADER + "๓\tการบริหารการเงิน\t๑. ใช้เงินไม่เกิดประโยชน์\tต่ำ\t๑. มาตรการควบคุม ๒. กิจกรรมวิเคราะห์\n"
            "\n" + HEADER + "\t\t๒. นำทรัพย์สินไปใช้\tสูง\t๓. มาตรการป้องกันการใช้จ่าย\n"
            "๔\tการให้บริการ\t๑. ไม่ให้บริการตามลำดับ ๒. เรียกรับเงิน\tต่ำ\t๑. มาตรการ NO Gift Policy\n")
    risks = risk_register(lines(text))
    assert [(r.step_no, r.step, r.risk_no, r.risk, r.score, r.line) for r in risks] == [
        (3, "การบริหารการเงิน", 1, "ใช้เงินไม่เกิดประโยชน์", "ต่ำ", 2),
        (3, "การบริหารการเงิน", 2, "นำทรัพย์สินไปใช้", "สูง", 5),
        (4, "การให้บริการ", 1, "ไม่ให้บริการตามลำดับ", "ต่ำ", 6),
        (4, "การให้บริการ", 2, "เรียกรับเงิน", "ต่ำ", 6)]
    assert [(m.number, m.text) for m in risks[0].measures] == [(1, "มาตรการควบคุม"), (2, "กิจกรรมวิเคราะห์")]
    assert [m.number for m in risks[1].measures] == [3]


def test_plan_lists_and_targets_table():
    text = ("๓. วัตถุประสงค์ของการจัดทำแผน\n\n- (๑) เพื่อแสดงเจตจำนง\n- (๒) เพื่อสร้างวัฒนธรรม\n\n"
            "๔. เป้าหมาย\n\n- (๑) คดีลดลง\n\nค่าเป้าหมาย\tปี ๒๕๖๗\tปี ๒๕๖๘\n"
            "จำนวนคดีทุจริตลดลง\tร้อยละ ๒๐\tร้อยละ ๓๐\nคะแนน ITA\t๗๕ คะแนน\t-\n\n๕. ประโยชน์ของการจัดทำแผน\n\n- (๑) ได้ประโยชน์\n")
    found = intro_lists(lines(text))
    assert [(x.name, x.items, x.item_lines) for x in found] == [
        ("objectives", ["เพื่อแสดงเจตจำนง", "เพื่อสร้างวัฒนธรรม"], [3, 4]), ("goals", ["คดีลดลง"], [8]),
        ("benefits", ["ได้ประโยชน์"], [16])]
    t = targets(lines(text))
    assert [(x.indicator, x.unit, x.values, x.line) for x in t] == [
        ("จำนวนคดีทุจริตลดลง", "ร้อยละ", {2567: 20, 2568: 30}, 11), ("คะแนน ITA", "คะแนน", {2567: 75, 2568: None}, 12)]


def test_real_document_part_one(real_plan):
    risks = real_plan.risks
    assert len(risks) == 9  # lines 60-66: 3 + 1 + 1 + 1 (continued on line 65) + 3
    assert [(r.step_no, r.risk_no, r.line) for r in risks] == [
        (1, 1, 60), (1, 2, 60), (1, 3, 60), (2, None, 61), (3, 1, 62), (3, 2, 65), (4, 1, 66), (4, 2, 66), (4, 3, 66)]
    assert risks[5].risk == "นำทรัพย์สินของทาง ราชการไปใช้ประโยชน์ส่วน ตน" and risks[5].score == "ต่ำ"
    assert [m.number for m in risks[5].measures] == [4, 6, 7]
    first = risks[0].measures[0]
    assert first.text.startswith("โครงการส่งเสริมการบริหารงาน ตามหลักธรรมาภิบาล") and first.matched_order == 6
    assert risks[6].measures[0].text == "มาตรการ NO Gift Policy" and risks[6].measures[0].matched_order == 23
    assert risks[3].measures[3].matched_order is None  # "มาตรการนำผลการประเมินความ พึงพอใจ..." has no section
    lists = {x.name: x for x in real_plan.intro_lists}
    assert lists["objectives"].item_lines == [84, 85, 86, 87, 88]
    assert lists["objectives"].items[0] == "เพื่อแสดงเจตจำนงสุจริตของผู้บริหารเทศบาลตำบลเหมืองแก้วต่อสาธารณชน"
    assert lists["goals"].item_lines == [92, 93] and len(lists["benefits"].items) == 5
    # the last benefit (line 105) ends there: Part 2's heading and preamble (lines 107-113) are not in it
    assert lists["benefits"].items[-1] == ("เพื่อยกระดับกลไกการตรวจสอบการดำเนินงานของเทศบาลตำบลเหมืองแก้วที่มีประสิทธิภาพ "
                                           "เข้มแข็ง และลดการทุจริต")
    assert [(t.indicator, t.unit, t.values[2566], t.values[2570], t.line) for t in real_plan.targets] == [
        ("จำนวนคดีทุจริตลดลง (คำนวณจากปี 2565)", "ร้อยละ", 10, 50, 96), ("คะแนน ITA", "คะแนน", 70, 90, 97)]


def test_part_one_in_the_outputs(real_plan, tmp_path):
    import json

    import openpyxl

    from pipeline.writers import write_outputs
    write_outputs(real_plan, tmp_path)
    data = json.loads((tmp_path / "plan.json").read_text(encoding="utf-8"))
    assert len(data["introduction"]["risks"]) == 9 and data["introduction"]["goals"][1]["line"] == 93
    ws = openpyxl.load_workbook(tmp_path / "plan.xlsx")["ค่าเป้าหมาย"]
    assert [c.value for c in ws[1]] == ["ค่าเป้าหมาย", "หน่วย", "ปี 2566", "ปี 2567", "ปี 2568", "ปี 2569",
                                       "ปี 2570", "บรรทัด"]
    assert ws.cell(3, 3).value == 70 and ws.cell(2, 2).value == "ร้อยละ"
    risk_sheet = openpyxl.load_workbook(tmp_path / "plan.xlsx")["ทะเบียนความเสี่ยง"]
    assert risk_sheet.max_row == 10 and risk_sheet.cell(7, 7).value == "31, 32, 8"
