from pipeline.match import MATCH_THRESHOLD, match, title_score
from pipeline.model import Project, TableEntry


def entry(no, title, mission="1.1", budget=0.0):
    return TableEntry(no, int(mission[0]), mission, title, 100 + no, budgets={2566: budget, 2567: budget})


def project(order, title, mission="1.1", budget=0.0):
    return Project(order=order, seq_no=order, seq_text="", line_start=order * 10, line_end=order * 10 + 5,
                   dimension_no=int(mission[0]), mission_code=mission, title=title, budget_baht=budget)


def test_wrapping_spaces_quotes_and_kind_word_do_not_matter():
    assert title_score('มาตรการ "ส่งเสริมการปฏิบัติงานตามประมวล จริยธรรมของเทศบาล"',
                       'โครงการ "ส่งเสริมการปฏิบัติงานตามประมวลจริยธรรมของเทศบาล"') == 100


def test_hard_pairs_one_to_one():
    entries = [entry(1, "โครงการพัฒนาความรู้ด้านกฎหมาย"), entry(2, "โครงการเผยแพร่ประชาสัมพันธ์ความรู้ด้านกฎหมาย"),
               entry(3, "อนุรักษ์พ่อใช้ชีวิตพอเพียง", "1.3", 5000),
               entry(4, "โครงการชุมชนพอเพียงตามแนวเศรษฐกิจพอเพียง", "1.2", 30000),
               entry(5, "กิจกรรมที่ไม่มีรายละเอียดเลย")]
    projects = [project(1, "โครงการเผยแพร่ประชาสัมพันธ์ความรู้ด้านกฎหมาย"), project(2, "โครงการพัฒนาความรู้ด้านกฎหมาย"),
                project(3, "อนุรักษ์พอใช้ชีวิตพอเพียง", "1.2", 5000),
                project(4, "โครงการส่งเสริมการดำเนินชีวิตตามหลักปรัชญาของเศรษฐกิจพอเพียง", "1.2", 30000),
                project(5, "โครงการสร้างเครือข่ายภาคประชาชน")]
    match(entries, projects)
    # 1/2: the same words in another order are told apart; 3: one tone mark differs;
    # 4: rewritten title, paired by the second pass (same mission, same non-zero budget);
    # 5: nothing like it, left unmatched rather than forced onto the last section
    assert [e.matched_order for e in entries] == [2, 1, 3, 4, None]
    assert entries[2].match_score >= 90 and entries[3].match_score < MATCH_THRESHOLD


def test_same_money_but_other_mission_is_not_enough():
    entries = [entry(1, "โครงการชุมชนพอเพียงตามแนวเศรษฐกิจพอเพียง", "1.2", 30000)]
    projects = [project(1, "โครงการส่งเสริมการดำเนินชีวิตตามหลักปรัชญาของเศรษฐกิจพอเพียง", "1.3", 30000)]
    match(entries, projects)
    assert entries[0].matched_order is None


def test_a_plan_of_3000_projects_is_matched_whole():
    """Titles written the same pair without fuzzy matching; rewritten ones are compared within
    their mission first. 3,000 entries and 3,000 sections (bench/big_plan.py) all pair up, the
    right way (bench/run.py measures how the time grows)."""
    import re
    import sys

    from conftest import ROOT
    sys.path.insert(0, str(ROOT / "bench"))
    from big_plan import plan_text

    import pipeline

    text = plan_text(3000)
    exact = pipeline.parse_text(text)
    assert [e.matched_order for e in exact.table] == list(range(1, 3001)) and exact.findings == []
    # every section's title loses its last three letters: all still pair, each a TITLE_MISMATCH
    rewritten = pipeline.parse_text(re.sub(r"(1\. ชื่อโครงการ : .*)...$", r"\1", text, flags=re.M))
    assert [e.matched_order for e in rewritten.table] == list(range(1, 3001))
    assert {f.code for f in rewritten.findings} == {"TITLE_MISMATCH"}
