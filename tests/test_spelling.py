"""The optional Thai spelling check (--spelling, issue 14). Every slip expected below was read off
the source: line 60 (risk table) "แสดงเจตนาภมณในการ" and "ผู้ บริ ห า ร", line 135 (entry 21)
"แสดงเจตนารมณ์ในการในการ", line 3143 (title of ลำดับที่ 48) "เรื่องราวจ้างทุกซ์/ร้องเรียน"."""
import subprocess
import sys

import pytest

import pipeline
from conftest import FIXTURES, REAL, ROOT, sample

REAL_SLIPS = sorted([(60, "เจตนาภมณ", "เจตนารมณ์"), (60, "บริ ห า ร", "บริหาร"), (135, "ในการในการ", "ในการ"),
                     (3143, "ทุกซ์", "ทุกข์")])


@pytest.fixture(scope="module")
def spelt():
    return pipeline.parse(REAL, spelling=True)


def slips(plan):
    return sorted((f.line, f.found, f.expected) for f in plan.findings if f.code == "SPELLING")


def test_the_real_plans_four_slips_and_no_false_alarm(spelt):
    assert slips(spelt) == REAL_SLIPS
    assert {f.severity for f in spelt.findings if f.code == "SPELLING"} == {"info"}
    title = next(f for f in spelt.findings if f.code == "SPELLING" and f.line == 3143)
    assert (title.field, title.seq_no, title.order) == ("title", 48, 50)  # ลำดับที่ 48 (line 3141), 50th section


def test_spelling_is_off_by_default_and_pythainlp_is_not_loaded(real_plan):
    assert not any(f.code == "SPELLING" for f in real_plan.findings)
    code = ("import sys, pipeline; pipeline.parse(sys.argv[1]); "
            "print(any(m.startswith('pythainlp') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code, str(REAL)], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.strip() == "False"


def test_the_other_findings_do_not_change(real_plan, spelt):
    others = lambda plan: [(f.code, f.line) for f in plan.findings if f.code != "SPELLING"]  # noqa: E731
    assert others(spelt) == others(real_plan)


def test_the_clean_sample_gives_only_the_templates_spaced_letters():
    # its risk table (line 59) keeps the template's "ผู้ บริ ห า ร"; nothing else is misspelt
    plan = pipeline.parse(sample("sample_clean_abt_sansai.txt"), spelling=True)
    assert slips(plan) == [(59, "บริ ห า ร", "บริหาร")]


def test_fixtures_with_made_up_place_names_give_no_slip():
    for name in ("mini_plan.txt", "plan_2561_edition.txt"):
        assert slips(pipeline.parse(FIXTURES / name, spelling=True)) == []


@pytest.mark.parametrize("text,expected", [
    ("โครงการยกระดับมาตรฐานการให้บริ การ", [("ให้บริ การ", "ให้บริการ", "spaced")]),
    ("มาตรการแสดงเจตนาภมณในการบริหาร", [("เจตนาภมณ", "เจตนารมณ์", "unknown")]),
    ("ส่งเสริมคุณธรรมในการในการบริหาร", [("ในการในการ", "ในการ", "doubled")]),
    ("เจ้าหน้าที่ ทต.เหมืองแก้ว ณ ที่ว่าการ", []),      # an abbreviation and ณ are no slips
    ("ประชาชนทั่วไป ต่างๆ ฯลฯ", []),
])
def test_slips_of_one_text(text, expected):
    from pipeline.checks.spelling import _dictionary, slips as find
    words, tokenize, closest = _dictionary()
    assert [(s.word, s.suggestion, s.kind) for s in find(text, words, tokenize, closest)] == expected


def test_the_command_line_flag(tmp_path):
    out = subprocess.run([sys.executable, "-m", "pipeline", str(FIXTURES / "mini_plan.txt"), "-o", str(tmp_path),
                          "--spelling", "--formats", "csv"], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    mini = FIXTURES / "mini_plan.txt"
    text = mini.read_text(encoding="utf-8").replace("โครงการอบรมคุณธรรม\n", "โครงการอบรมคุณธรรมคุณธรรม\n", 1)
    bad = tmp_path / "slip.txt"
    bad.write_text(text, encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "pipeline", str(bad), "-o", str(tmp_path), "--spelling",
                          "--formats", "csv"], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert "SPELLING" in (tmp_path / "slip" / "issues.csv").read_text(encoding="utf-8-sig")
