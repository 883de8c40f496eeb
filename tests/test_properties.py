"""Property-based tests: the parser never crashes on arbitrary text and never loses a section."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pipeline
from pipeline.readers import InputError

THAI = "กขคงจฉชซดตถทนบปผพฟมยรลวสหอะาิีึืุูเแโใไ่้๊๋์ำ"
ALPHABET = THAI + "0123456789๐๑๒๓๔๕๖๗๘๙ .,:;()-/\"“”–—\t#ํ"
text_line = st.text(alphabet=ALPHABET, max_size=60)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(text_line, st.sampled_from([
    "ลำดับที่ 1", "ลำดับที่ ๒", "มิติที่ 1 ก", "มติที่ 2", "1.1 ภารกิจ", "1.1.1 ภารกิจย่อย",
    "1. ชื่อโครงการ : ก", "7. งบประมาณดำเนินการ", "9. ผลผลิต/ผลลัพธ์", "ผลผลิต", "ผลลัพธ์",
    "\t\t๑) ก\t-\t-", "มิติ\tภารกิจตามมิติ\tโครงการ/กิจกรรม/มาตรการ\tปี ๒๕๖๖\tปี ๒๕๖๗",
    "\tรวม\tจำนวน ๑ โครงการ\t๑๐ บาท", "\tรวมทั้งสิ้น\tจำนวน x โครงการ\t", "ส่วนที่ 3", "ภาคผนวก",
])), max_size=80))
def test_never_crashes_on_arbitrary_text(lines):
    try:
        plan = pipeline.parse_text("\n".join(lines))
    except InputError:
        return
    assert all(p.line_start <= p.line_end for p in plan.projects)
    assert all(f.code and f.severity in ("error", "warning", "info") for f in plan.findings)


FIELDS = ["1. ชื่อโครงการ : {title}", "2. หลักการและเหตุผล", "3. วัตถุประสงค์", "4. กลุ่มเป้าหมาย",
          "5. วิธีดำเนินการ", "6. ระยะเวลาดำเนินการ", "7. งบประมาณดำเนินการ", "8. ผู้รับผิดชอบ",
          "9. ผลผลิต/ผลลัพธ์"]
body_line = st.text(alphabet=THAI + " ", min_size=1, max_size=40).filter(lambda s: s.strip())


@st.composite
def plans(draw):
    n = draw(st.integers(min_value=1, max_value=12))
    out = ["ส่วนที่ 3", "มิติที่ 1 การสร้างวัฒนธรรมสุจริต", "1.1 ภารกิจ"]
    for k in range(1, n + 1):
        out.append(f"ลำดับที่ {k}")
        keep = draw(st.lists(st.booleans(), min_size=9, max_size=9))
        for heading, present in zip(FIELDS, keep):
            if present or heading.startswith("1."):
                out.append(heading.format(title=draw(body_line)))
                out += draw(st.lists(body_line, max_size=3))
                if draw(st.booleans()):
                    out.append(draw(st.sampled_from(["", "12", "- 13 -", "#####"])))
    return n, "\n".join(out)


@settings(max_examples=150, deadline=None)
@given(plans())
def test_never_loses_a_section(plan_text):
    n, text = plan_text
    plan = pipeline.parse_text(text)
    assert [p.seq_no for p in plan.projects] == list(range(1, n + 1))
    assert all("title" in p.fields for p in plan.projects)


def _repair_by_the_book(text: str) -> str:
    """What repair_thai does, without its cheaper first scans (each repair where its pattern is)."""
    from collections import Counter

    from pipeline import thai
    text = thai._STRAY_AA.sub("\u0e33", text)
    if thai._TONE_FIRST.search(text) or "\u0e4d" in text:
        text = thai._reorder(text, Counter())
    text = thai._DOUBLE_MARK.sub(r"\1", text)
    return thai._TWO_ABOVE.sub(r"\1", text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="กท่้๋์ัิีึืุูำาํ็ M", max_size=8))
def test_the_fast_damage_scans_miss_nothing(text):
    from collections import Counter

    from pipeline.thai import repair_thai
    assert repair_thai(text, Counter()) == _repair_by_the_book(text)


def _mixed_by_the_book(text: str) -> list[int]:
    """Starts of numbers mixing Thai and Arabic digits, number by number: a run of digits, commas
    and points (less the punctuation it starts with) in which a Thai digit and an Arabic one
    stand side by side or with one comma or point between them."""
    import re
    starts = []
    for m in re.finditer(r"[0-9๐-๙,.]+", text):
        run, start = m.group(0), m.start()
        lead = len(run) - len(run.lstrip(",."))
        pairs = re.finditer(r"(?=([0-9][,.]?[๐-๙]|[๐-๙][,.]?[0-9]))", run)
        if any(True for _ in pairs) and lead < len(run):
            starts.append(start + lead)
    return starts


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="0๑2๓,.ก ", max_size=14))
def test_mixed_numbers_are_found_as_number_by_number(text):
    from pipeline.normalise import _mixed_number_starts
    assert _mixed_number_starts(text) == _mixed_by_the_book(text)
