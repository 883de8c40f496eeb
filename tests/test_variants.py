"""Metamorphic tests: a plan laid out the way other clerks lay out the same template gives the same
projects, fields, table and budgets, and no new error or warning (tests/variants.py makes the
layouts). Run on the real plan in raw/ and on the project's own fixtures."""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pipeline
import variants as V
from conftest import FIXTURES, REAL

PLANS = {"real": REAL, "mini": FIXTURES / "mini_plan.txt", "edition_2561": FIXTURES / "plan_2561_edition.txt"}


@pytest.fixture(scope="module")
def originals():
    out = {}
    for name, path in PLANS.items():
        text = path.read_text(encoding="utf-8")
        out[name] = (text, pipeline.parse_text(text))
    return out


def assert_same_plan(original, text: str, variants) -> None:
    plan = pipeline.parse_text(text)
    # renumbering, or leaving the numbers out, changes the numbers, nothing else
    seq = V.restart_per_dimension not in variants and V.no_section_markers not in variants
    skip = V.skipped(variants)
    assert V.signature(plan, seq=seq, skip=skip) == V.signature(original, seq=seq, skip=skip)
    before, after = V.problems(original), V.problems(plan)
    assert {code: n for code, n in after.items() if n > before.get(code, 0)} == {}, "new errors or warnings"


@pytest.mark.parametrize("variant", V.ALONE, ids=lambda v: v.__name__)
@pytest.mark.parametrize("name", list(PLANS))
def test_each_layout_alone_gives_the_same_plan(originals, name, variant):
    text, original = originals[name]
    assert_same_plan(original, variant(text), [variant])


@pytest.mark.parametrize("variant", V.ALONE, ids=lambda v: v.__name__)
def test_each_layout_changes_the_real_plan(originals, variant):
    """No vacuous variant: each one rewrites the real plan."""
    text, _ = originals["real"]
    assert variant(text) != text


@st.composite
def layouts(draw):
    return [c for axis in V.AXES if (c := draw(st.sampled_from(axis + [None])))]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(layouts(), st.sampled_from(["mini", "edition_2561"]))
def test_layouts_combined_give_the_same_plan(originals, chosen, name):
    text, original = originals[name]
    for variant in chosen:
        text = variant(text)
    assert_same_plan(original, text, chosen)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(layouts())
def test_layouts_combined_give_the_same_real_plan(originals, chosen):
    text, original = originals["real"]
    for variant in chosen:
        text = variant(text)
    assert_same_plan(original, text, chosen)


def test_the_variants_do_what_they_say():
    """Spot checks of the generator itself, on a small piece of text."""
    assert V.section_spaced("ส่วนที่ 3\nลำดับที่ 4\n") == "ส่วนที่ 3\nลำดับ ที่ 4\n"
    assert V.section_by_kind("ส่วนที่ 3\nลำดับที่ 4\n") == "ส่วนที่ 3\nโครงการที่ 4\n"
    assert V.no_section_markers("ส่วนที่ 3\nลำดับที่ 4\n1. ชื่อโครงการ") == "ส่วนที่ 3\n\n1. ชื่อโครงการ"
    assert V.field_number_forms("split")("ส่วนที่ 3\nลำดับที่ 1\n4. กลุ่มเป้าหมาย") == \
        "ส่วนที่ 3\nลำดับที่ 1\n4.\nกลุ่มเป้าหมาย"
    assert V.budget_forms("million")("ส่วนที่ 3\nลำดับที่ 1\n20,000 บาท") == "ส่วนที่ 3\nลำดับที่ 1\n0.02 ล้านบาท"
    assert V.tone_before_vowel("ที่ดิน") == "ท่ีดิน"
