"""The older 2561-2564 edition of the template (4 budget years, 10 fields, other dimension names):
tests/fixtures/plan_2561_edition.txt reads fully with no error or warning, onto the same columns."""
import pytest

import pipeline
from conftest import FIXTURES, REAL, by_order
from pipeline import template as T


@pytest.fixture(scope="module")
def old():
    return pipeline.parse(FIXTURES / "plan_2561_edition.txt")


def test_the_edition_is_detected_and_the_plan_reads_without_findings(old):
    assert old.edition == "2561-2564" and old.fiscal_years == [2561, 2562, 2563, 2564]
    assert old.findings == []
    assert [p.seq_no for p in old.projects] == [1, 2, 3, 4, 5, 6] and len(old.table) == 6
    assert all(set(p.fields) == set(T.edition_by_name("2561-2564").fields) for p in old.projects)
    assert all(c.read == c.lines for c in old.coverage)


def test_the_ten_fields_map_onto_the_same_columns(old):
    p = by_order(old, 1)
    # 4. เป้าหมาย/ผลผลิต is the target group (and the outputs); 5. พื้นที่ดำเนินการ the area;
    # 10. ตัวชี้วัด/ผลลัพธ์ the outcomes
    assert p.target_group == "พนักงานส่วนตำบลและพนักงานจ้าง จำนวน 40 คน" and p.target_count == 40
    assert p.outputs == ["พนักงานส่วนตำบลและพนักงานจ้าง จำนวน 40 คน"]
    assert p.area == "องค์การบริหารส่วนตำบลทดลองเก่า"
    assert p.methods == ["จัดทำโครงการเสนอผู้บริหาร", "จัดอบรมให้ความรู้", "ประเมินผลและรายงานผล"]
    assert p.outcomes == ["ร้อยละ 80 ของผู้เข้ารับการอบรมมีความรู้เรื่องหลักธรรมาภิบาลเพิ่มขึ้น",
                          "ไม่มีเรื่องร้องเรียนการทุจริตของบุคลากร"]
    assert (p.budget_baht, p.responsible) == (10000, "สำนักปลัด องค์การบริหารส่วนตำบลทดลองเก่า")
    # field 10 with its own ผลผลิต / ผลลัพธ์ sub-headings
    assert by_order(old, 3).outputs == ["มีการเผยแพร่ข้อมูลการจัดซื้อจัดจ้างครบทุกโครงการ"]
    assert by_order(old, 3).outcomes == ["ประชาชนเข้าถึงข้อมูลการจัดซื้อจัดจ้าง"]


def test_values_of_the_older_plan(old):
    # a budget stated per year (5,000 / 5,000 / 8,000 / 8,000) agrees with the table year by year
    p = by_order(old, 4)
    assert p.budget_baht is None and p.budget_by_year == {2561: 5000, 2562: 5000, 2563: 8000, 2564: 8000}
    assert by_order(old, 5).target_count == 600            # ๑๒ หมู่บ้าน ๆ ละ ๕๐ คน
    assert (by_order(old, 6).start_year, by_order(old, 6).end_year) == (2561, 2564)  # ต.ค. ๒๕๖๐ - ก.ย. ๒๕๖๔
    entries = {e.entry_no: e for e in old.table}
    assert entries[1].budgets == {y: 10000 for y in (2561, 2562, 2563, 2564)}  # packed "๑๐,๐๐๐ -"
    assert entries[2].budgets == {y: 0 for y in (2561, 2562, 2563, 2564)}
    assert [d.number for d in old.dimensions] == [1, 2, 3, 4]
    assert old.dimensions[0].title == "การสร้างสังคมที่ไม่ทนต่อการทุจริต"


def test_the_current_edition_is_detected_on_the_real_plan():
    plan = pipeline.parse(REAL, checks=False)
    assert plan.edition == "2566-2570"
