"""Seeded fuzzing of the PDF reader's new parts: damaged bytes of a forged plan are read or refused
with an InputError, never a traceback; the text-layer check takes any text; marks placed among
any boxes land on a glyph of their line or are counted as orphans, never lost silently."""
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from pipeline.readers import InputError, layer_quality, read_source
from pipeline.readers.layer import Glyph, _place_marks

forge = pytest.importorskip("pdf_forge", reason="the forge needs uharfbuzz and fontTools (the test extra)")
SETTINGS = settings(max_examples=40, derandomize=True, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture(scope="module")
def forged_bytes(tmp_path_factory):
    pdf = forge.forge_pdf((FIXTURES / "mini_plan.txt").read_text(encoding="utf-8"),
                          tmp_path_factory.mktemp("fuzz") / "mini.pdf", "am_space")
    return pdf.read_bytes()


@SETTINGS
@given(flips=st.lists(st.tuples(st.floats(0.05, 0.95), st.integers(0, 255)), min_size=1, max_size=12))
def test_damaged_pdf_bytes_are_read_or_refused(forged_bytes, tmp_path_factory, flips):
    data = bytearray(forged_bytes)
    for where, byte in flips:
        data[int(where * len(data))] = byte
    path = tmp_path_factory.mktemp("flipped") / "x.pdf"
    path.write_bytes(bytes(data))
    try:
        source = read_source(path, ocr="never")
    except InputError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert source.pages is None or len(source.pages) == len(source.text.split("\n"))


@SETTINGS
@given(text=st.text(max_size=3000))
def test_the_layer_check_takes_any_text(text):
    verdict = layer_quality.assess(text)
    assert verdict.kind in layer_quality.KINDS and isinstance(verdict.readable, bool)
    if verdict.kind != "empty":
        assert verdict.readable == (verdict.kind == "ok")


@SETTINGS
@given(bases=st.lists(st.tuples(st.floats(0, 500), st.floats(1, 12)), min_size=1, max_size=30),
       marks=st.lists(st.tuples(st.sampled_from("\u0e34\u0e48\u0e49\u0e38\u0e4c"), st.floats(-20, 520),
                                st.floats(0.5, 6), st.integers(0, 30)), max_size=30))
def test_every_mark_lands_on_a_glyph_or_is_counted(bases, marks):
    glyphs = [Glyph("ก", x, x + w, 100, 114, 14, 107, x + w, None, 100, x) for x, w in bases]
    pending = [(m, left, left + w, 107, min(before, len(glyphs)), None) for m, left, w, before in marks]
    repairs = Counter()
    _place_marks(glyphs, pending, repairs)
    placed = sum(len(g.text) - 1 for g in glyphs)
    assert placed + repairs["orphan_marks"] == len(pending)


def test_more_stand_in_letters_than_marks_are_all_resolved_or_left_out_and_counted():
    """A page holding 30 different Cyrillic letters over Thai glyphs (more than the five marks they
    can stand for): each letter becomes one mark or is left out, and every one is counted."""
    from pipeline.readers.layer import _stand_ins

    glyphs = [Glyph("ก" + chr(0x0400 + k % 30), k, k + 1, 0, 10, 10, 5, k + 1) for k in range(600)]
    repairs = Counter()
    _stand_ins(glyphs, repairs)
    assert repairs["stand_ins"] == 600
    assert not any("\u0400" <= ch <= "\u04ff" for g in glyphs for ch in g.text)
    assert len({g.text[1:] for g in glyphs}) == 6  # five marks, and nothing for the rest
