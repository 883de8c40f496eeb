from pipeline.normalise import normalise, normalise_text


def test_thai_digits_dashes_quotes_and_spaces():
    assert normalise_text("ปีงบประมาณ พ.ศ. ๒๕๖๖ – ๒๕๗๐") == "ปีงบประมาณ พ.ศ. 2566 - 2570"
    assert normalise_text("กิจกรรม “สร้างความโปร่งใส”") == 'กิจกรรม "สร้างความโปร่งใส"'
    assert normalise_text("  ก   ข\u00a0ค  ") == "ก ข ค"
    assert normalise_text("๑๐,๐๐๐ บาท — ๕") == "10,000 บาท - 5"


def test_nikhahit_plus_sara_aa_becomes_sara_am():
    assert normalise_text("ดําเนินการ") == "ดำเนินการ"


def test_tabs_survive_for_the_table():
    assert normalise_text("\t\t๑) ก\t-") == "\t\t1) ก\t-"


def test_damaged_thai_is_repaired_and_counted():
    # a tone mark typed before its vowel, ํ + า for ำ around a tone, a zero-width space, ำ + a stray า
    lines, notes = normalise("ท่ีดิน\nตํ่า น้ํา\nประ\u200bชาชน\nลำาดับที่ 1\n")
    assert [ln.text for ln in lines[:4]] == ["ที่ดิน", "ต่ำ น้ำ", "ประชาชน", "ลำดับที่ 1"]
    assert lines[0].raw == "ท่ีดิน"  # the report keeps what was written
    repaired = {n.field: n.found for n in notes if n.code == "TEXT_REPAIRED"}
    assert {k.split(" (")[0]: v for k, v in repaired.items()} == {
        "เรียงวรรณยุกต์กับสระให้ถูกลำดับ": "1", "รวม ํ + า เป็น ำ": "2",
        "ลบอักขระความกว้างศูนย์และขีดแบ่งคำแฝง": "1", "ลบ า ที่ตามหลัง ำ": "1"}


def test_mixed_digits_in_one_number_are_noted():
    lines, notes = normalise("ปีงบประมาณ พ.ศ. ๒๕61\nพ.ศ. ๒๕๖๑ และ 2561\n")
    assert lines[0].text == "ปีงบประมาณ พ.ศ. 2561"
    assert [(n.code, n.line, n.found) for n in notes] == [("MIXED_NUMERALS", 1, "๒๕61")]


def test_a_number_led_by_punctuation_does_not_crash():  # found by hypothesis: ".0๐"
    lines, notes = normalise(".0๐")
    assert [(n.code, n.found) for n in notes] == [("MIXED_NUMERALS", "0๐")]


def test_two_vowels_above_and_a_doubled_tone_mark_are_repaired():
    # OCR's ปีึง (ี then ึ: the scan for ิ-ื first), กััน (ั first: the other half of the scan), ที่่
    lines, notes = normalise("ปีึง\nกััน\nที่่\n")
    assert [ln.text for ln in lines[:3]] == ["ปีง", "กัน", "ที่"]
    repaired = {n.field.split(" (")[0]: n.found for n in notes if n.code == "TEXT_REPAIRED"}
    assert repaired == {"สระบนสองตัวบนพยัญชนะเดียว เหลือตัวแรก": "2", "วรรณยุกต์ซ้ำสองตัว": "1"}


def test_every_typographic_character_is_made_plain_and_others_kept():
    from pipeline.normalise import _CHARS
    assert all("\u2002" <= ch <= "\u3000" for ch in _CHARS if ch != "\u00a0")  # the one-range scan sees them
    assert normalise_text("ก".join(_CHARS)) == "ก".join(_CHARS.values()).strip(" ").replace("  ", " ")
    assert normalise_text("ก\u2026ข\u2022ค") == "ก\u2026ข\u2022ค"  # … and • are no dashes, quotes or spaces


def test_mixed_digits_with_a_comma_or_point_between_them():
    _, notes = normalise("งบ 10,๐๐๐ บาท\nร้อยละ ๘.5\n2566 ๒๕๖๗\n")
    assert [(n.line, n.found) for n in notes if n.code == "MIXED_NUMERALS"] == [(1, "10,๐๐๐"), (2, "๘.5")]


def test_a_long_run_of_mixed_digits_is_one_number_walked_once():
    # 400,000 characters: walked once this takes a fraction of a second; walked back from every
    # Thai digit in it (each hit to the number's start) it took minutes
    _, notes = normalise("งบ " + "1๑" * 200_000 + " บาท")
    assert [(n.code, n.line, n.found[:4]) for n in notes] == [("MIXED_NUMERALS", 1, "1๑1๑")]
